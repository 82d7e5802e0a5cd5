"""Writing Rust source text: identifiers, string and number literals, references.

Everything the converters emit passes through here, so the escaping rules live in one place:
identifiers become snake_case with Rust keywords escaped (``type`` -> ``r#type``), strings are
escaped for Rust (lone surrogates become U+FFFD, which UTF-8 cannot carry), and numbers keep
their value but take Rust's spelling (``1`` in a float context -> ``1.0``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

_KEYWORD_TEXT = (
    "as break const continue crate else enum extern false fn for if impl in let loop match mod "
    "move mut pub ref return self Self static struct super trait true type unsafe use where "
    "while async await dyn abstract become box do final macro override priv typeof unsized "
    "virtual yield try gen")
RUST_KEYWORDS = frozenset(_KEYWORD_TEXT.split(" "))

# These cannot be raw identifiers (`r#self` is rejected), so they get a trailing underscore.
_NOT_RAW = frozenset({"self", "Self", "super", "crate", "_"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(name: str) -> str:
    """``X_train`` -> ``x_train``, ``myModel`` -> ``my_model``, ``HTTPServer`` -> ``http_server``.
    """
    ascii_name = "".join(c if c.isascii() else f"u{ord(c):04x}" for c in name)
    ascii_name = re.sub(r"[^0-9A-Za-z_]", "_", ascii_name)
    lead = len(ascii_name) - len(ascii_name.lstrip("_"))
    body = _CAMEL.sub("_", ascii_name[lead:]).lower()
    result = "_" * lead + body
    if not result or result[0].isdigit():
        result = "v_" + result
    return result


def rust_ident(name: str) -> str:
    """A Python identifier as a Rust local/function name, keywords escaped.

    Example:
        >>> rust_ident("type"), rust_ident("XTrain"), rust_ident("self")
        ('r#type', 'x_train', 'self_')
    """
    ident = snake_case(name)
    if ident in _NOT_RAW:
        return ident + "_" if ident != "_" else "_unused"
    if ident in RUST_KEYWORDS:
        return "r#" + ident
    return ident


def rust_type_name(name: str) -> str:
    """A Python class name as a Rust type name (CamelCase kept, keywords escaped)."""
    clean = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in name)
    if not clean or clean[0].isdigit():
        clean = "T" + clean
    clean = clean[0].upper() + clean[1:]
    return clean + "_" if clean == "Self" else clean


def rust_str(value: str) -> str:
    """A Rust string literal for ``value``.

    Example:
        >>> rust_str('say "hi"\\n')
        '"say \\\\"hi\\\\"\\\\n"'
    """
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\u{fffd}")
        elif code < 0x20 or code == 0x7F or not ch.isprintable():
            out.append(f"\\u{{{code:x}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def rust_bytes(value: bytes) -> str:
    """A Rust byte-string literal (``b"..."``)."""
    body = "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\x{b:02x}"
                   for b in value)
    return f'b"{body}"'


def rust_float(value: float) -> str:
    """A Rust f32 literal: always with a dot or exponent; inf/nan as named constants.

    Example:
        >>> rust_float(1), rust_float(2.5), rust_float(1e-5)
        ('1.0', '2.5', '1e-05')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}.0"
    value = float(value)
    if math.isnan(value):
        return "f32::NAN"
    if math.isinf(value):
        return "f32::INFINITY" if value > 0 else "f32::NEG_INFINITY"
    text = repr(value)
    return text if any(c in text for c in ".e") else text + ".0"


def rust_int(value: int) -> str:
    """A Rust integer literal."""
    return str(int(value))


def reference(code: str) -> str:
    """``&code``, parenthesized when the expression would not bind tighter than ``&``."""
    if code.startswith("&"):
        return code
    return f"&{code}" if is_postfix(code) else f"&({code})"


def receiver(code: str) -> str:
    """``code`` ready for ``.method()``: parenthesized unless it is a postfix expression."""
    return code if is_postfix(code) else f"({code})"


_POSTFIX = re.compile(r"""^(?:r\#)?[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*$""")


def is_postfix(code: str) -> bool:
    """True when ``code`` is a path, literal, call or method chain (binds tighter than ``&``)."""
    if _POSTFIX.match(code):
        return True
    if code.startswith(("&", "-", "!", "*")) or code.startswith("|"):
        return False
    depth = 0
    in_str = False
    escape = False
    for ch in code:
        if in_str:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in " +-*/%<>=|^,":
            return False
    return True


@dataclass
class Namer:
    """Python name -> Rust name for one conversion, so ``X`` and ``x`` never collide."""

    names: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def __call__(self, python_name: str) -> str:
        if python_name in self.names:
            return self.names[python_name]
        base = rust_ident(python_name)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate = f"{base}_{n}"
            n += 1
        self.names[python_name] = candidate
        self.taken.add(candidate)
        return candidate
