"""Issue 16, items 1-5: count like cloc, detect like linguist, and agree across entry points.

Each minimal example of the issue is here, with the counts cloc 1.96 gives for it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batuta.analyze.code import UNKNOWN_LANGUAGE, analyze_code
from batuta.analyze.languages import LANGUAGES, detect_language, guess_language
from batuta.analyze.lines import count_lines
from batuta.analyze.project import analyze_project
from batuta.analyze.results import AnalyzeOptions, LineCounts

COUNT_ONLY = AnalyzeOptions(tdg=False, complexity=False, frameworks=False, dependencies=False)


# --- 1. the first-line shebang is code ---------------------------------------------------------
@pytest.mark.parametrize(("language", "text", "expected"), [
    ("Python", "#!/usr/bin/env python3\n# a comment\nprint(1)\n", (2, 1, 0)),
    ("Shell", "#!/bin/sh\n# a comment\necho hi\n", (2, 1, 0)),
    ("Python", "# not a shebang\n#!/usr/bin/env python3\n", (0, 2, 0)),  # only line 1
    ("Python", "#!\n", (1, 0, 0)),
])
def test_first_line_shebang_is_code(language: str, text: str, expected: tuple[int, ...]) -> None:
    assert count_lines(text, language) == LineCounts(*expected)


# --- 2. JavaScript / TypeScript regex literals ------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # The example: a backtick inside a regex class must not open a template literal.
    ("var r = /[`]/g;\nvar s = 1;\n// one\n// two\n", (2, 2, 0)),
    ("x = a.replace(/\"/g, '');\n// c\n", (1, 1, 0)),
    ("x = /\\/*/; // after\ny = 2; /* c */\n", (2, 0, 0)),
    ("if (/'/.test(s)) { f(); }\n// c\n", (1, 1, 0)),
    ("return /[/]`/.exec(s)\n// c\n", (1, 1, 0)),
    # Division, not a regex: after an identifier, a number or a closing bracket.
    ("x = a / b; // half\ny = (c) / 2 / d;\n// c\n", (2, 1, 0)),
    ("n = arr[0] / 2; s = '`';\n// c\n", (1, 1, 0)),
])
@pytest.mark.parametrize("language", ["JavaScript", "TypeScript"])
def test_regex_literals(language: str, text: str, expected: tuple[int, ...]) -> None:
    assert count_lines(text, language) == LineCounts(*expected)


# --- 3. C/C++ continuation with CRLF ------------------------------------------------------------
@pytest.mark.parametrize("language", ["C", "C++"])
@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_backslash_continuation_any_line_end(language: str, eol: str) -> None:
    text = eol.join(['char *s = "a\\', '// x\\', 'b";', ""])
    assert count_lines(text, language) == LineCounts(3, 0, 0)


# --- 4. unknown is unknown, in both entry points ----------------------------------------------
@pytest.mark.parametrize(("name", "text", "expected"), [
    ("bashrc", "alias ll='ls -l'\n", "Shell"),
    ("PKGBUILD", "pkgname=x\n", "Shell"),
    ("profile", "export A=1\n", "Shell"),
    ("notes", "just some words\n", None),
    ("tool", "#!/usr/bin/perl\nuse Foo::Bar;\nprint 1;\n", None),  # was Rust (`use X::`)
    ("tool", "#!/usr/bin/env julia\nprintln(1)\n", None),
    ("tool", "#!/usr/bin/env escript\nmain(_) -> ok.\n", None),
    ("tool", "#!/bin/rc\necho hi\n", "Shell"),  # linguist lists rc as a Shell interpreter
    ("tool", "#!/usr/bin/env python3\nprint(1)\n", "Python"),
])
def test_names_without_extension(name: str, text: str, expected: str | None) -> None:
    assert detect_language(name, text) == expected
    assert analyze_code(text, name).language == (expected or UNKNOWN_LANGUAGE)
    project = analyze_project({name: text.encode()}, COUNT_ONLY)
    if expected is None:
        assert [(s.path, s.reason) for s in project.skipped] == [(name, "unrecognized language")]
    else:
        assert [f.language for f in project.files] == [expected]


def test_nameless_snippet_with_unknown_shebang_is_unknown() -> None:
    assert guess_language("#!/usr/bin/perl\nuse Foo::Bar;\n") is None
    assert analyze_code("#!/usr/bin/perl\nuse Foo::Bar;\n").language == UNKNOWN_LANGUAGE
    assert analyze_code("fn main() {}\n").language == "Rust"  # content still guides snippets


# --- 5. coverage (linguist names and extensions) -----------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("mod.cppm", "C++"), ("mod.ixx", "C++"), ("impl.txx", "C++"), ("t.tpp", "C++"),
    ("s.py3", "Python"), ("gui.pyw", "Python"), ("stubs.pyi", "Python"), ("app.wsgi", "Python"),
    ("Snippet.jsh", "Java"), ("m.mts", "TypeScript"), ("c.cts", "TypeScript"),
    ("agnoster.zsh-theme", "Shell"), ("run.command", "Shell"), ("t.bats", "Shell"),
    (".bash_aliases", "Shell"), (".envrc", "Shell"), (".kshrc", "Shell"), (".xinitrc", "Shell"),
    ("configure.sh.in", "Shell"), ("Config.cmake.in", "CMake"), ("GNUmakefile", "Makefile"),
    ("Makefile.am", "Makefile"), ("rules.mk", "Makefile"), ("SConstruct", "Python"),
    ("wscript", "Python"), ("Jakefile", "JavaScript"), ("x.es6", "JavaScript"),
    ("CITATION.cff", "YAML"), (".clang-format", "YAML"), ("site.webmanifest", "JSON"),
    ("notes.mdown", "Markdown"), ("gradlew", "Shell"),
])
def test_linguist_names_and_extensions(name: str, expected: str) -> None:
    assert detect_language(name, "x\n") == expected


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("defs.inc", "#define N 3\nint x[N];\n", "C"),
    ("defs.inc", "template <typename T> T f();\n", "C++"),
    ("defs.inc", "<?php echo 1; ?>\n", None),
    ("lexer.re", "/*!re2c\n  [a-z]+ { return 1; }\n*/\n", "C"),
    ("lexer.re", "let x = 1\nlet y = 2\n", None),  # Reason: not counted
    ("app.spec", "a = Analysis(['main.py'])\nexe = EXE(a)\n", "Python"),  # PyInstaller
    ("pkg.spec", "Name: foo\nVersion: 1\n%description\nfoo\n", None),  # RPM
    ("x.h", "class A {};\n", "C++"),
    ("x.h", "int f(void);\n", "C"),
])
def test_ambiguous_extensions_by_content(name: str, text: str, expected: str | None) -> None:
    assert detect_language(name, text) == expected


# --- the two entry points agree ------------------------------------------------------------------
_NAMES = st.one_of(
    st.sampled_from(["a.py", "x.h", "tool", "Makefile", "b.inc", "c.re", "d.spec", "e.js",
                     "f.ts", "g.sh", "bashrc", "notes", "x.txt", "h.cppm", "i.pyw", "j.rs",
                     "k.go", "README.md", "l.cgi", "m.tsx", "n.yaml"]),
    st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True).filter(lambda n: n not in (".", "..")),
)
_HEADS = st.sampled_from(["", "#!/usr/bin/env python3\n", "#!/bin/sh\n", "#!/usr/bin/perl\n",
                          "#!/usr/bin/env node\n", "#![allow(x)]\n", "class A {};\n",
                          "#include <vector>\n", "#define X 1\n", "a = Analysis([])\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NAMES, _HEADS, st.text(st.characters(codec="utf-8", exclude_characters="\x00\ufeff"),
                               max_size=200))
def test_analyze_code_and_project_agree_on_language(name: str, head: str, body: str) -> None:
    text = head + body
    by_code = analyze_code(text, name).language
    project = analyze_project({name: text.encode()}, COUNT_ONLY)
    if project.files:
        assert project.files[0].language == by_code
        assert by_code in LANGUAGES
    else:
        [skip] = project.skipped
        if skip.reason == "unrecognized language":
            assert by_code == UNKNOWN_LANGUAGE
        elif skip.reason in ("minified", "generated"):  # known language, not counted
            assert by_code in LANGUAGES, skip
        # Other skips (binary by name, lock files, empty files) say nothing about the language.


@pytest.mark.parametrize("text", [
    "(/[" * 300_000,  # every slash a failed regex to the end of the line: 45 s for 180 KB before
    ("(/[" * 2000 + "]\n") * 100,  # 12 s before
])
def test_regex_scan_stays_linear(text: str) -> None:
    import time

    started = time.perf_counter()
    count_lines(text, "JavaScript")
    assert time.perf_counter() - started < 3.0
