"""``.gitignore`` matching: git's rules, bounded time, bad lines reported (issue 16, attack 1)."""

from __future__ import annotations

import time

import pathspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batuta.analyze._gitignore import compile_line, parse_gitignore
from batuta.analyze.project import analyze_project
from batuta.analyze.walk import walk


def test_backtracking_pattern_is_fast() -> None:
    # Attack 1: killed at 120 s before (pathspec's regex backtracks on 60 a's).
    tree = {".gitignore": b"*a*a*a*a*a*a*a*a*a*a*a*ab\n", "a" * 60 + "c.py": b"x = 1\n",
            "sub/" + "a" * 200 + "/" + "a" * 200 + ".py": b"y = 2\n"}
    started = time.perf_counter()
    result = walk(tree)
    assert time.perf_counter() - started < 2.0
    assert "a" * 60 + "c.py" in result.files


@pytest.mark.parametrize("bad", ["[z-a]", "[y-g]", "x[9-0].py"])
def test_bad_pattern_is_reported_and_skipped(bad: str) -> None:
    tree = {".gitignore": f"*.log\n{bad}\n".encode(), "a.log": b"x\n", "z.py": b"x = 1\n"}
    result = analyze_project(tree)
    reasons = {(s.path, s.reason) for s in result.skipped}
    assert ("a.log", "gitignored") in reasons  # the good line still applies
    [report] = [r for p, r in reasons if p == ".gitignore" and "pattern" in r]
    assert "line 2" in report and "reversed range" in report
    assert [f.path for f in result.files] == ["z.py"]


@pytest.mark.parametrize(("pattern", "path", "is_dir", "expected"), [
    ("*.log", "a/b/x.log", False, True),
    ("/top.py", "top.py", False, True),
    ("/top.py", "sub/top.py", False, False),
    ("build/", "build", True, True),
    ("build/", "build", False, False),
    ("doc/**/*.md", "doc/a/b/c.md", False, True),
    ("doc/**/*.md", "doc/c.md", False, True),
    ("**/cache", "x/y/cache", True, True),
    ("out/**", "out/a", False, True),
    ("out/**", "out", True, False),
    ("a?c", "abc", False, True),
    ("[!a]bc", "abc", False, False),
    ("[[:digit:]]x", "7x", False, True),
    ("\\#hash", "#hash", False, True),
    ("# comment", "# comment", False, False),
    ("trailing\\ ", "trailing ", False, True),
])
def test_git_semantics(pattern: str, path: str, is_dir: bool, expected: bool) -> None:
    spec, errors = parse_gitignore(pattern + "\n")
    assert errors == []
    assert bool(spec.check(path, is_dir)) is expected


def test_negation_last_match_wins() -> None:
    spec, _ = parse_gitignore("*.log\n!keep.log\n")
    assert spec.check("a.log", False) is True
    assert spec.check("keep.log", False) is False
    assert spec.check("a.py", False) is None


def test_overlong_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="longer than"):
        compile_line("a" * 5000)


_GLOB = st.text(st.sampled_from("ab*?/."), min_size=1, max_size=10)
_PATH = st.lists(st.text(st.sampled_from("ab."), min_size=1, max_size=6).filter(
    lambda name: name not in (".", "..")), min_size=1,
                 max_size=4).map("/".join)


@settings(max_examples=400, deadline=None)
@given(_GLOB, _PATH)
def test_agrees_with_pathspec_on_small_inputs(glob: str, path: str) -> None:
    # pathspec (git's semantics, backtracking regexes) is the reference where inputs are small.
    odd_stars = "**" in glob.replace("/**/", "").strip("*/")
    if "//" in glob or glob.strip("/") in ("", ".", "..") or odd_stars:
        return
    ours, errors = parse_gitignore(glob + "\n")
    theirs = pathspec.GitIgnoreSpec.from_lines([glob])
    assert errors == []
    # A matching parent folder ignores what is inside (the walk prunes it without looking in).
    parts = path.split("/")
    parents = ("/".join(parts[:i]) for i in range(1, len(parts)))
    mine = any(ours.check(p, True) for p in parents) or bool(ours.check(path, False))
    assert mine is theirs.match_file(path), (glob, path)


@pytest.mark.parametrize("line", ["[" * 4000, "[a" * 2000, "[!" * 2000, "[[:alpha:" * 450])
def test_unclosed_brackets_compile_in_linear_time(line: str) -> None:
    started = time.perf_counter()
    parse_gitignore((line + "\n") * 50)  # 7 s for one such line before
    assert time.perf_counter() - started < 2.0
