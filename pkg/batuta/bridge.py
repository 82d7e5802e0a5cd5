"""The JavaScript boundary: what the Web Worker calls, one JSON string in, one JSON string out.

``call(name, args_json)`` dispatches only to names in ``batuta.api.EXPORTS``, validates argument
types and bounds before any work starts, and always returns ``{"ok": result}`` or
``{"error": {"code", "message", ...}}`` — never raises, never leaks a traceback (SPEC.md §10).
Bytes (files, archives) travel beside the JSON in one buffer (``blob``); the JSON refers to them
with ``{"$files": [[path, offset, length], ...]}`` or ``{"$archive": {...}}`` markers. A dropped
folder sends only ``{"$lazy": [[path, size], ...]}`` and a ``reader`` of its File handles: the
walk reads what it keeps, and nothing else.
"""

from __future__ import annotations

import base64
import inspect
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from batuta import api, limits
from batuta._compat import Host, select_host
from batuta._serialize import to_jsonable
from batuta.analyze import UploadedFiles
from batuta.errors import (
    BatutaError,
    FeatureUnavailableError,
    InputTooLargeError,
    InternalError,
    InvalidArgumentError,
    NestingTooDeepError,
)

log = logging.getLogger("batuta")

# Every bound, and why it is that size, is in batuta.limits (one source of truth).
MAX_STRING_BYTES = limits.MAX_BRIDGE_STRING_BYTES
"""Largest string argument accepted across the boundary (UTF-8 bytes)."""
MAX_ARGS_JSON = 4 * MAX_STRING_BYTES
MAX_BLOB_BYTES = limits.MAX_BRIDGE_BLOB_BYTES
MAX_INT = limits.MAX_BRIDGE_INT
MAX_FILES = limits.MAX_BRIDGE_FILES
MAX_LISTED_FILES = limits.MAX_BRIDGE_LISTED_FILES
"""Paths a dropped folder may list: only names cross until the walk reads a file, so a
checkout's ``.git`` and ``node_modules`` fit."""

_HOST: Host = select_host()


class _Payload(NamedTuple):
    """What travels beside the JSON arguments: one byte buffer, and a reader of File handles."""

    blob: object
    reader: object

_ATOMS: dict[str, tuple[type, ...]] = {
    "str": (str,), "Path": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
    "None": (type(None),), "Any": (object,), "object": (object,),
}


def call(name: str, args_json: str, blob: object = None, progress: object = None,
         reader: object = None) -> str:
    """Run ``batuta.api.<name>(*args)`` for JavaScript and return the JSON answer.

    Args:
        name: an entry of ``batuta.api.EXPORTS``.
        args_json: a JSON array of positional arguments, or ``{"args": [...], "kwargs": {...}}``.
        blob: one byte buffer (JS ``Uint8Array``) that ``$files`` / ``$archive`` markers index.
        progress: a host callable ``(done, total)`` for long calls (``analyze_project``).
        reader: a host callable ``(which, limit)`` for a ``$lazy`` upload (a dropped folder's
            File handles): the first ``limit`` bytes of file number ``which``, or, when
            ``which`` is a JSON array of numbers, those of each of them end to end.

    Returns:
        ``{"ok": <to_jsonable(result)>}`` or ``{"error": {"code": ..., "message": ...}}``.

    Example:
        >>> call("version", "[]")
        '{"ok": "0.1.0"}'
    """
    return run(name, args_json, blob, progress, host=_HOST, reader=reader)


def run(name: object, args_json: object, blob: object, progress: object, *, host: Host,
        reader: object = None) -> str:
    """``call`` with an explicit host (tests pass the native one)."""
    try:
        fn = _resolve(name)
        args, kwargs = _parse_args(args_json)
        args, kwargs = _prepare(fn, str(name), args, kwargs, _Payload(blob, reader), progress,
                                host)
        result = fn(*args, **kwargs)
        return _dumps({"ok": _result_json(result)})
    except BatutaError as exc:
        return _dumps({"error": exc.to_dict()})
    except RecursionError:
        deep = NestingTooDeepError("input nests too deeply to analyze")
        return _dumps({"error": deep.to_dict()})
    except MemoryError:
        return _dumps({"error": InputTooLargeError("input too large for memory").to_dict()})
    except ModuleNotFoundError as exc:
        # A part of the API that is not built yet: say so with a code, not a traceback.
        missing = FeatureUnavailableError(f"{name} is not available in this build ({exc.name})")
        return _dumps({"error": missing.to_dict()})
    except Exception as exc:  # the boundary must answer, whatever went wrong inside
        log.exception("internal error in %s", name)
        err = InternalError(f"internal error in {name}: {type(exc).__name__}: {exc}")
        return _dumps({"error": err.to_dict()})


def _result_json(result: Any) -> Any:
    # Bytes (convert_project's zip) cross as base64 under one key; batuta.js decodes them.
    if isinstance(result, bytes):
        return {"$bytes": base64.b64encode(result).decode("ascii")}
    return to_jsonable(result)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _resolve(name: object) -> Callable[..., Any]:
    if not isinstance(name, str):
        raise InvalidArgumentError(f"function name must be a string, got {type(name).__name__}")
    if name not in api.EXPORTS:
        raise InvalidArgumentError(f"unknown function {name[:80]!r}; callable: "
                                   f"{', '.join(api.EXPORTS)}")
    fn = getattr(api, name, None)
    if not callable(fn):
        raise InvalidArgumentError(f"{name} is listed in EXPORTS but not defined in batuta.api")
    return fn  # type: ignore[no-any-return]


def _parse_args(args_json: object) -> tuple[list[Any], dict[str, Any]]:
    if not isinstance(args_json, str):
        raise InvalidArgumentError("arguments must arrive as a JSON string")
    if len(args_json) > MAX_ARGS_JSON:
        raise InputTooLargeError(f"arguments are {len(args_json)} characters, more than "
                                 f"{MAX_ARGS_JSON}")
    try:
        parsed = json.loads(args_json)
    except RecursionError as exc:
        raise InvalidArgumentError("arguments nest too deeply") from exc
    except ValueError as exc:
        raise InvalidArgumentError(f"arguments are not valid JSON: {exc}") from exc
    if isinstance(parsed, list):
        return parsed, {}
    if isinstance(parsed, dict) and set(parsed) <= {"args", "kwargs"}:
        args, kwargs = parsed.get("args", []), parsed.get("kwargs", {})
        if isinstance(args, list) and isinstance(kwargs, dict):
            return args, kwargs
    raise InvalidArgumentError('arguments must be a JSON array or {"args": [], "kwargs": {}}')


def _prepare(fn: Callable[..., Any], name: str, args: list[Any], kwargs: dict[str, Any],
             payload: _Payload, progress: object, host: Host
             ) -> tuple[list[Any], dict[str, Any]]:
    sig = inspect.signature(fn)
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError as exc:
        raise InvalidArgumentError(f"{name}: {exc}") from exc
    for pname, value in bound.arguments.items():
        _check_size(value, f"{name}({pname})")
        if name == "analyze_project":
            bound.arguments[pname] = _project_arg(pname, value, payload, progress, host)
        elif name == "convert_project" and pname == "files":
            bound.arguments[pname] = _project_source(value, payload, host)
        elif name == "survey_report" and pname == "db":
            bound.arguments[pname] = _survey_db(value, payload, host)
        else:
            _check_type(name, pname, value, sig.parameters[pname].annotation)
    if name == "analyze_project" and "options" not in bound.arguments and progress is not None:
        bound.arguments["options"] = _project_options({}, progress, host)
    return list(bound.args), dict(bound.kwargs)


def _check_size(value: Any, where: str, depth: int = 0) -> None:
    if isinstance(value, str):
        if len(value) > MAX_STRING_BYTES // 4 and len(value.encode()) > MAX_STRING_BYTES:
            raise InputTooLargeError(f"{where}: string of {len(value.encode())} bytes exceeds "
                                     f"the {MAX_STRING_BYTES} byte limit")
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            raise InvalidArgumentError(f"{where}: integer {value} is out of range")
    elif isinstance(value, list):
        for item in value:
            _check_size(item, where, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            _check_size(item, where, depth + 1)


def _check_type(name: str, pname: str, value: Any, annotation: Any) -> None:
    if annotation is inspect.Parameter.empty:
        return
    allowed: list[type] = []
    for atom in str(annotation).replace(" ", "").split("|"):
        head = atom.split("[", 1)[0]
        if head in ("Mapping", "dict") or (head[:1].isupper() and head not in _ATOMS):
            allowed.append(dict)  # unknown classes (profiles, options) arrive as JSON objects
        elif head in ("list", "Sequence", "tuple"):
            allowed.append(list)
        else:
            allowed.extend(_ATOMS.get(head, (object,)))
    ok = any(isinstance(value, t) for t in allowed)
    if isinstance(value, bool) and bool not in allowed and object not in allowed:
        ok = False  # JSON true is not a number here
    if not ok:
        raise InvalidArgumentError(
            f"{name}: argument {pname!r} must be {annotation}, got {_js_type(value)}")


def _js_type(value: Any) -> str:
    names = {str: "string", bool: "boolean", int: "number", float: "number", list: "array",
             dict: "object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _project_arg(pname: str, value: Any, payload: _Payload, progress: object,
                 host: Host) -> Any:
    if pname == "source":
        return _project_source(value, payload, host)
    if pname == "options":
        return _project_options(value, progress, host)
    return value


def _project_source(value: Any, payload: _Payload, host: Host) -> Mapping[str, bytes]:
    blob = payload.blob
    if isinstance(value, dict) and set(value) == {"$lazy"}:
        return _lazy_files(value["$lazy"], payload.reader, host)
    if isinstance(value, dict) and set(value) == {"$files"}:
        return _slice_files(value["$files"], _blob(blob, host))
    if isinstance(value, dict) and set(value) == {"$archive"}:
        from batuta.analyze.archive import read_archive

        spec = value["$archive"] if isinstance(value["$archive"], dict) else {}
        archive_name = spec.get("name", "")
        data = _blob(blob, host)
        return read_archive(data, archive_name if isinstance(archive_name, str) else "")
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        if len(value) > MAX_FILES:
            raise InputTooLargeError(f"more than {MAX_FILES} files")
        return {str(k): v.encode("utf-8") for k, v in value.items()}
    raise InvalidArgumentError(
        "analyze_project from JavaScript takes a files mapping (path -> Uint8Array or text), "
        f"a File list or a zip's bytes, not {_js_type(value)}")


def _survey_db(value: Any, payload: _Payload, host: Host) -> bytes:
    # A dropped survey.db travels as the byte buffer; a path would name the worker's own files.
    if isinstance(value, dict) and set(value) == {"$blob"}:
        return _blob(payload.blob, host)
    raise InvalidArgumentError("survey_report from JavaScript takes the bytes of a survey.db "
                               f"(a Uint8Array), not {_js_type(value)}")


def _blob(blob: object, host: Host) -> bytes:
    if blob is None:
        raise InvalidArgumentError("file contents are missing (no byte buffer was sent)")
    data = host.to_bytes(blob)
    if len(data) > MAX_BLOB_BYTES:
        raise InputTooLargeError(f"upload of {len(data)} bytes exceeds {MAX_BLOB_BYTES}")
    return data


def _lazy_files(index: Any, reader: object, host: Host) -> UploadedFiles:
    if not callable(reader):
        raise InvalidArgumentError("file contents are missing (no file reader was sent)")
    if not isinstance(index, list) or len(index) > MAX_LISTED_FILES:
        raise InvalidArgumentError(f"$lazy must be a list of at most {MAX_LISTED_FILES} entries")
    sizes: list[tuple[str, int]] = []
    for entry in index:
        if (not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str)
                or not isinstance(entry[1], int) or isinstance(entry[1], bool)
                or not 0 <= entry[1] <= MAX_INT):
            raise InvalidArgumentError("$lazy entries must be [path, size]")
        sizes.append((entry[0], entry[1]))

    def read(which: int | str, limit: int) -> bytes | None:
        data = reader(which, limit)
        return None if data is None else host.to_bytes(data)

    def read_many(indices: list[int], limit: int) -> bytes | None:
        # A JSON array: the same on every host, where a Python list reaches JS as a proxy.
        return read(json.dumps(indices), limit)

    return UploadedFiles(sizes, read, read_many)


def _slice_files(index: Any, data: bytes) -> dict[str, bytes]:
    if not isinstance(index, list) or len(index) > MAX_FILES:
        raise InvalidArgumentError(f"$files must be a list of at most {MAX_FILES} entries")
    out: dict[str, bytes] = {}
    for entry in index:
        if (not isinstance(entry, list) or len(entry) != 3 or not isinstance(entry[0], str)
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in entry[1:])):
            raise InvalidArgumentError("$files entries must be [path, offset, length]")
        path, start, length = entry
        if start < 0 or length < 0 or start + length > len(data):
            raise InvalidArgumentError(f"$files entry for {path!r} lies outside the buffer")
        out[path] = data[start:start + length]
    return out


_OPTION_TYPES: dict[str, type] = {
    "languages": bool, "dependencies": bool, "tdg": bool, "complexity": bool,
    "frameworks": bool, "respect_gitignore": bool, "max_file_bytes": int, "max_line_chars": int,
}


def _project_options(value: Any, progress: object, host: Host) -> Any:
    from batuta.analyze.results import AnalyzeOptions

    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise InvalidArgumentError(f"analyze_project options must be an object, got "
                                   f"{_js_type(value)}")
    fields: dict[str, Any] = {}
    for key, item in value.items():
        want = _OPTION_TYPES.get(key)
        if want is None:
            raise InvalidArgumentError(f"unknown analyze_project option {key!r}")
        in_range = not isinstance(item, int) or isinstance(item, bool) or 0 < item <= MAX_INT
        if type(item) is not want or not in_range:
            raise InvalidArgumentError(f"option {key!r} must be a {want.__name__} in range")
        fields[key] = item
    return AnalyzeOptions(**fields, progress=host.progress_callback(progress))
