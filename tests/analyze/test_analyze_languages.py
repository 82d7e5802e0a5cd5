"""Language detection: file name, shebang, extension, then content heuristics (SPEC.md §6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from batuta.analyze.languages import (
    LANGUAGES,
    detect_language,
    guess_language,
    is_migration_source,
    shebang_language,
)


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("a.py", None, "Python"),
    ("pkg/types.pyi", None, "Python"),
    ("m.c", None, "C"),
    ("m.cpp", None, "C++"),
    ("m.cc", None, "C++"),
    ("m.hpp", None, "C++"),
    ("lib.rs", "#![allow(dead_code)]\nfn f() {}\n", "Rust"),  # `#![` is an attribute, no shebang
    ("run.sh", None, "Shell"),
    ("run.bash", None, "Shell"),
    ("prompt.zsh", None, "Shell"),
    ("app.js", None, "JavaScript"),
    ("app.mjs", None, "JavaScript"),
    ("app.ts", None, "TypeScript"),
    ("view.tsx", None, "TypeScript"),
    ("main.go", None, "Go"),
    ("Main.java", None, "Java"),
    ("Cargo.toml", None, "TOML"),
    ("ci.yml", None, "YAML"),
    ("package.json", None, "JSON"),
    ("README.md", None, "Markdown"),
    ("index.html", None, "HTML"),
    ("site.css", None, "CSS"),
    ("Makefile", None, "Makefile"),
    ("CMakeLists.txt", None, "CMake"),
    ("Pipfile", None, "TOML"),
    ("home/.bashrc", None, "Shell"),
    ("LICENSE", "Permission is hereby granted", None),
    ("notes.txt", None, None),
    ("DIR\\WIN.PY", None, "Python"),
])
def test_detect_by_name_and_extension(path: str, text: str | None, expected: str | None) -> None:
    assert detect_language(path, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("#!/usr/bin/env python3\n", "Python"),
    ("#!/usr/bin/python3.11 -u\n", "Python"),
    ("#!/usr/bin/env -S python3 -X dev\n", "Python"),
    ("#!/bin/bash\n", "Shell"),
    ("#!/usr/bin/env zsh\n", "Shell"),
    ("#! /bin/sh\n", "Shell"),
    ("#!/usr/bin/env node\n", "JavaScript"),
    ("#!/usr/bin/env perl\n", None),
    ("#!\n", None),
    ("no shebang", None),
])
def test_shebang(text: str, expected: str | None) -> None:
    assert shebang_language(text) == expected


def test_shebang_beats_extension_and_missing_extension() -> None:
    assert detect_language("bin/tool", "#!/usr/bin/env python\nprint(1)\n") == "Python"
    assert detect_language("script.txt", "#!/bin/sh\necho\n") == "Shell"
    # The file name comes first: a Makefile starting with a shebang-like line stays a Makefile.
    assert detect_language("Makefile", "#!/bin/sh\n") == "Makefile"


@pytest.mark.parametrize(("text", "expected"), [
    ("#include <stdio.h>\nint f(void);\n", "C"),
    ('#ifdef __cplusplus\nextern "C" {\n#endif\nint f(void);\n', "C"),
    ("/* class Foo : public Bar -- only in a comment */\nint x;\n", "C"),
    ('const char *s = "std::string";\n', "C"),
    ("class Foo : public Bar {};\n", "C++"),
    ("namespace batuta {\nint f();\n}\n", "C++"),
    ("template <typename T> T id(T x);\n", "C++"),
    ("#include <vector>\n", "C++"),
    ("std::size_t n;\n", "C++"),
    ("int *p = nullptr;\n", "C++"),
])
def test_header_decided_by_content(text: str, expected: str) -> None:
    assert detect_language("include/x.h", text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("import numpy as np\nx = np.zeros(3)\n", "Python"),
    ("def f(x):\n    return x\n", "Python"),
    ("fn main() {\n    let mut x = 1;\n}\n", "Rust"),
    ("package main\n\nfunc main() {}\n", "Go"),
    ("public class Main { public static void main(String[] a) {} }\n", "Java"),
    ("#include <stdio.h>\nint main(void) { return 0; }\n", "C"),
    ("#include <iostream>\nint main() { std::cout << 1; }\n", "C++"),
    ("const x = 1;\nconsole.log(x);\n", "JavaScript"),
    ("interface P { name: string; }\n", "TypeScript"),
    ("#!/bin/bash\necho hi\n", "Shell"),
    ("", "Python"),
])
def test_guess_for_snippets(text: str, expected: str) -> None:
    assert guess_language(text) == expected


def test_migration_sources_and_config() -> None:
    sources = {n for n in LANGUAGES if is_migration_source(n)}
    assert {"Python", "C", "C++", "Rust", "Shell", "JavaScript", "TypeScript", "Go",
            "Java"} <= sources
    for config in ("TOML", "YAML", "JSON", "Markdown", "HTML", "CSS"):
        assert config in LANGUAGES and not is_migration_source(config)
    assert not is_migration_source("Klingon")


@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=300)))
def test_detection_never_raises(path: str, text: str | None) -> None:
    found = detect_language(path, text)
    assert found is None or found in LANGUAGES
    guessed = guess_language(text or "")
    assert guessed is None or guessed in LANGUAGES  # None: a shebang naming an unknown program
