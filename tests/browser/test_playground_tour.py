"""The playground as a user meets it: a scripted tour (analyze, convert, a non-Python file,
the sample project, a real sdist from PyPI dropped in, the backend panel) at a desktop, a
tablet and a phone size, in the light and the dark theme.

After every step: nothing is wider than the viewport, the element that shows the outcome is on
screen, axe-core (npm, injected by this test only; never in dist/) finds no serious or critical
violation, and a screenshot goes to test-artifacts/tour/. Over the whole tour: no console error
and no request to another host. Then: the keyboard reaches every control, and hovering each
mapped line of a real corpus file lights up exactly the lines its mapping names on the other
side.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import ROOT, LocalServer, NetworkGuard, native_call, run_js
from playground_support import editor_ready, open_tab, set_code

pytestmark = pytest.mark.browser

VIEWPORTS = {"1280": (1280, 800), "768": (768, 1024), "390": (390, 844)}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "tour"
SDISTS = ROOT / ".cache" / "sdists" / "download"
SDIST = ("requests", "2.32.3")  # a real package, shared with the survey tests' cache
CORPUS = ROOT / "tests/convert/corpus/real/user/scikit-learn/tree/plot_tree_regression.py"
CODE = '''import numpy as np
from sklearn.cluster import KMeans


def cluster(points, k=3):
    """Cluster points; report the inertia."""
    data = np.array(points)
    model = KMeans(n_clusters=k)
    model.fit(data)
    return np.sum(model.inertia_)
'''


@pytest.fixture(scope="module")
def sdist() -> Path:
    """The requests sdist from PyPI (pip download, cached in .cache/sdists/download)."""
    name, version = SDIST
    found = sorted(SDISTS.glob(f"{name}-{version}.tar.gz")) if SDISTS.is_dir() else []
    if not found:
        SDISTS.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary",
             ":all:", "--disable-pip-version-check", "-d", str(SDISTS), f"{name}=={version}"],
            capture_output=True, text=True, timeout=300, check=False,
            env={**os.environ, "PIP_NO_INPUT": "1"})
        if done.returncode != 0:  # a tour that did not drop a real package must not pass
            pytest.fail(f"could not download {name}=={version}: {done.stderr[-400:]}")
        found = sorted(SDISTS.glob(f"{name}-{version}.tar.gz"))
    assert found, f"no {name}-{version}.tar.gz in {SDISTS}"
    return found[0]


class Tour:
    """One browser context at one size and theme, with its checks."""

    def __init__(self, browser: Any, url: str, size: str, scheme: str) -> None:
        width, height = VIEWPORTS[size]
        self.name = f"{size}-{scheme}"
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           color_scheme=scheme, service_workers="block",
                                           accept_downloads=True)
        # axe-core through an init script: injected by the test browser, never served.
        self.context.add_init_script(path=str(AXE))
        self.guard = NetworkGuard()
        self.guard.attach(self.context)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console",
                     lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(f"uncaught: {e}"))
        self.page.goto(url)
        self.page.wait_for_function("() => window.playground && window.playground.ready",
                                    timeout=120_000)
        info = run_js(self.page, "return await window.playground.ready;", timeout_s=120)
        assert "__error__" not in info, info
        editor_ready(self.page)

    def count(self) -> int:
        return int(self.page.evaluate("window.playground.count"))

    def wait_status(self, element: str, text: str) -> None:
        self.page.wait_for_function(
            "([id, t]) => document.getElementById(id).textContent.includes(t)",
            arg=[element, text], timeout=120_000)

    def check(self, step: str, outcome: list[str]) -> None:
        """The checks after each step; ``outcome``: the selectors that show its result."""
        page = self.page
        wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert wide[0] <= wide[1], f"{self.name} {step}: page is {wide[0]} px wide in {wide[1]}"
        for selector in outcome:
            box = page.locator(selector).first
            assert box.is_visible(), f"{self.name} {step}: {selector} is not shown"
            inside = box.evaluate("""(el) => { const r = el.getBoundingClientRect();
                return r.bottom > 0 && r.right > 0 && r.top < innerHeight
                       && r.left < innerWidth; }""")
            assert inside, f"{self.name} {step}: {selector} is out of view"
        report = run_js(page, """
            const r = await axe.run(document, { resultTypes: ["violations"] });
            return r.violations.filter((v) => ["serious", "critical"].includes(v.impact))
              .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3)
                .map((n) => n.target.join(" ")).join(" | ")})`);
        """, timeout_s=120)
        assert report == [], f"{self.name} {step}: axe: {report}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{self.name}-{step}.png"))

    def close(self) -> None:
        self.context.close()
        assert self.console == [], f"{self.name}: console errors: {self.console}"
        assert self.guard.blocked == [], f"{self.name}: foreign requests: {self.guard.blocked}"


@pytest.fixture()
def tour(request: pytest.FixtureRequest, browser: Any, server: LocalServer) -> Iterator[Tour]:
    size, scheme = request.param
    t = Tour(browser, server.url, size, scheme)
    yield t
    t.close()


CASES = [(size, scheme) for scheme in ("light", "dark") for size in VIEWPORTS]


@pytest.mark.parametrize("tour", CASES, ids=[f"{s}-{c}" for s, c in CASES], indirect=True)
def test_tour(tour: Tour, sdist: Path) -> None:
    page = tour.page
    tour.check("start", ["#input-pane"])

    set_code(page, CODE)
    page.fill("#filename", "cluster.py")
    before = tour.count()
    page.click("#analyze-btn")
    page.wait_for_function(f"() => window.playground.count > {before}", timeout=60_000)
    assert "cluster.py: Python" in (page.text_content("#summary") or "")
    tour.check("analyze", ["#status", "#summary-body"])

    page.click("#convert-btn")
    tour.wait_status("status", "Convert: done")
    assert page.is_hidden("#error")
    tour.check("convert", ["#status", "#rust-host .cm-editor"])

    page.fill("#filename", "fast.c")  # only Python goes to the converter
    page.click("#convert-btn")
    tour.wait_status("status", "Convert: failed")
    assert "only Python can be converted" in (page.text_content("#error") or "")
    assert page.locator("#download-rust-btn").is_disabled()  # the old Rust is gone
    tour.check("convert-c", ["#error"])
    page.fill("#filename", "cluster.py")

    before = tour.count()
    page.click("#sample-btn")
    page.wait_for_function(f"() => window.playground.count > {before}", timeout=120_000)
    tour.check("sample", ["#status", "#summary-body"])
    open_tab(page, "Charts")
    assert run_js(page, "return await window.playground.chart;") in ("renderEncoding",
                                                                     "renderEncoding2d")
    tour.check("charts", ["#chart"])

    before = tour.count()
    run_js(page, """  // dropped on the drop zone, as a user drags the file in
      const bytes = Uint8Array.from(atob(arg.data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], arg.name, { type: "application/gzip" }));
      document.getElementById("drop").dispatchEvent(
        new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      return true;""", {"name": sdist.name, "data": base64.b64encode(sdist.read_bytes()).decode()})
    page.wait_for_function(f"() => window.playground.count > {before}", timeout=180_000)
    summary = page.text_content("#summary") or ""
    assert sdist.name in summary and "primary language Python" in summary
    tour.check("sdist", ["#status", "#summary-body"])
    open_tab(page, "Functions")
    tour.check("functions", ["#panel-functions table"])

    open_tab(page, "Backend")
    page.select_option("#op", "kmeans")
    page.fill("#size", "100")
    page.click("#backend-btn")
    tour.wait_status("backend-status", "done")
    tour.check("backend", ["#backend-out .grade"])

    if page.locator("#tab-oracle").count():  # the Oracle tab, where this build has the API
        open_tab(page, "Oracle")
        page.fill("#oracle-q", "train a random forest on 1M rows")
        page.click("#oracle-btn")
        tour.wait_status("oracle-status", "done")
        assert "aprender" in (page.text_content("#oracle-out .grade") or "")
        tour.check("oracle", ["#oracle-out .grade"])


def test_everything_is_reachable_by_keyboard(browser: Any, server: LocalServer) -> None:
    t = Tour(browser, server.url, "1280", "light")
    try:
        page = t.page
        set_code(page, CODE)
        page.click("#analyze-btn")
        page.wait_for_function("() => window.playground.count > 0", timeout=60_000)
        page.focus("body")
        seen: list[str] = []
        for _ in range(80):  # Tab through the page once
            if seen and "cm-content" in seen[-1]:
                page.keyboard.press("Escape")  # CodeMirror: Tab indents; Escape, Tab leaves
            page.keyboard.press("Tab")
            seen.append(page.evaluate("""() => { let a = document.activeElement;
                while (a && a.shadowRoot && a.shadowRoot.activeElement) {
                  a = a.shadowRoot.activeElement;
                }
                return a.id || a.className || a.tagName; }"""))
        for control in ("filename", "analyze-btn", "convert-btn", "sample-btn", "folder-input",
                        "files-input", "drop", "tab-summary", "panel-summary", "save-btn"):
            assert control in seen, f"{control} is not reachable by Tab: {seen}"
        assert any("cm-content" in s for s in seen), "the editor is not reachable by Tab"
        # The tabs: arrow keys move between them (one tab stop for the list).
        tabs = page.evaluate("[...document.querySelectorAll('#tablist [role=tab]')]"
                             ".map((t) => t.id)")
        assert [t for t in tabs if t != "tab-oracle"] == [  # Oracle where the API has it
            "tab-summary", "tab-callsites", "tab-functions", "tab-dependencies", "tab-tdg",
            "tab-charts", "tab-rust", "tab-backend", "tab-workflow"]
        page.focus("#tab-summary")
        for tab in [*tabs[1:], tabs[0]]:  # round the list and back to the first
            page.keyboard.press("ArrowRight")
            assert page.evaluate("document.activeElement.id") == tab
            assert page.is_visible(f"#panel-{tab.removeprefix('tab-')}")
        # A function in a table jumps to its line in the editor.
        open_tab(page, "Functions")
        page.locator("#panel-functions td button.jump", has_text="cluster").click()
        assert page.evaluate("window.playground.editor.view.state.doc.lineAt("
                             "window.playground.editor.view.state.selection.main.head).number") == 5
        # Ctrl+Enter in the editor analyzes.
        count = page.evaluate("window.playground.count")
        page.keyboard.press("Control+Enter")
        page.wait_for_function(f"() => window.playground.count > {count}", timeout=60_000)
        # In the editor Tab indents (Escape then Tab leaves it, CodeMirror's rule).
        page.click("#editor-host .cm-content")
        page.keyboard.press("Control+End")
        page.keyboard.press("Tab")
        assert page.evaluate("window.playground.editor.getCode()").endswith("    ")
    finally:
        t.close()


def expected_links(mappings: list[dict[str, Any]], rust: str) -> list[tuple[tuple[int, int],
                                                                             tuple[int, int]]]:
    """(Python span, Rust span) per mapping: ``rust_span`` when the converter gives it; else the
    page's documented rule (the first Rust line at or after the previous mapping's holding the
    mapping's Rust text, crate paths shortened as a `use` line does), written again here."""
    import re

    lines = rust.split("\n")
    start = 0
    out = []
    for m in mappings:
        py = (m["span"]["line"], m["span"].get("end_line") or m["span"]["line"])
        if m.get("rust_span"):
            out.append((py, tuple(m["rust_span"])))
            continue
        first = m["rust"].split("\n")[0]
        short = re.sub("\x01([^\x01\x02]*)\x02", lambda g: g.group(1).split("::")[-1], first)
        full = re.sub("\x01([^\x01\x02]*)\x02", lambda g: g.group(1), first).strip()
        needles = [short.strip(), full]
        while re.match(r"[a-z_][a-z0-9_]*::", full):  # crate paths a `use` line shortens
            full = re.sub(r"^[a-z_][a-z0-9_]*::", "", full)
            needles.append(full)
        at = -1
        for needle in needles:
            hits = [i for i, line in enumerate(lines) if needle and needle in line]
            later = [i for i in hits if i >= start]
            if hits:
                at = later[0] if later else hits[0]
                break
        if at >= 0:
            start = at
            out.append((py, (at + 1, at + len(m["rust"].split("\n")))))
    return out


def hover_line(page: Any, editor: str, line: int) -> None:
    """Scroll ``line`` of an editor into view and put the mouse over its text."""
    box = run_js(page, f"""
        const ed = window.playground.{editor};
        ed.reveal({line});
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const c = ed.view.coordsAtPos(ed.view.state.doc.line({line}).from);
        return c && {{ x: c.left + 2, y: (c.top + c.bottom) / 2 }};""")
    assert box, f"line {line} of the {editor} editor has no coordinates"
    page.mouse.move(box["x"], box["y"])


def linked(page: Any, editor: str) -> list[int]:
    return list(page.evaluate(f"window.playground.{editor}.linkedLines()"))


def test_hovering_a_python_line_lights_up_its_rust(browser: Any, server: LocalServer) -> None:
    code = CORPUS.read_text(encoding="utf-8")
    t = Tour(browser, server.url, "1280", "light")
    try:
        page = t.page
        set_code(page, code)
        page.fill("#filename", CORPUS.name)
        page.click("#convert-btn")
        t.wait_status("status", "Convert: done")
        # The spans of the conversion the page got (test_browser_playground checks that it
        # equals the native one).
        want = page.evaluate("window.playground.conversion")
        # The converter says where each construct's Rust is (``rust_span``): the page links that.
        assert all(m.get("rust_span") for m in want["mappings"] if m["rust"] != "(nothing)"), \
            want["mappings"]
        pairs = expected_links(want["mappings"], want["rust_code"])
        assert len(pairs) >= 8, pairs  # the corpus file maps ten constructs
        got = [(tuple(x["py"]), tuple(x["rs"])) for x in page.evaluate("window.playground.links")]
        assert got == pairs
        for py_line in sorted({a for (a, b), _ in pairs for a in range(a, b + 1)}):
            hover_line(page, "editor", py_line)
            hit = [(p, r) for p, r in pairs if p[0] <= py_line <= p[1]]
            rs = sorted({n for _, r in hit for n in range(r[0], r[1] + 1)})
            py = sorted({n for p, _ in hit for n in range(p[0], p[1] + 1)})
            try:  # both sides light up: the Rust it became and the Python span itself
                page.wait_for_function(
                    "([rs, py]) => JSON.stringify(window.playground.rust.linkedLines()) === "
                    "JSON.stringify(rs) && JSON.stringify(window.playground.editor.linkedLines())"
                    " === JSON.stringify(py)", arg=[rs, py], timeout=5_000)
            except Exception:  # say what was lit instead
                assert (linked(page, "rust"), linked(page, "editor")) == (rs, py), py_line
                raise
            # The Rust side is scrolled to show what lit up.
            assert page.locator("#rust-host .cm-linked").first.is_visible()
        # And back: a Rust line lights up the Python it came from.
        for rs_line in sorted({a for _, (a, b) in pairs for a in range(a, b + 1)}):
            hover_line(page, "rust", rs_line)
            hit = [(p, r) for p, r in pairs if r[0] <= rs_line <= r[1]]
            py = sorted({n for p, _ in hit for n in range(p[0], p[1] + 1)})
            page.wait_for_function("(want) => JSON.stringify("
                                   "window.playground.editor.linkedLines())"
                                   " === JSON.stringify(want)", arg=py, timeout=5_000)
        # Editing the Python drops the links (they would point at stale lines).
        page.click("#editor-host .cm-content")
        page.keyboard.press("Control+End")
        page.keyboard.type("# edited\n")
        assert page.evaluate("window.playground.links") == []
    finally:
        t.close()


def test_a_big_paste_is_guarded_and_a_failed_call_clears_its_panel(browser: Any,
                                                                   server: LocalServer) -> None:
    t = Tour(browser, server.url, "1280", "light")
    try:
        page = t.page
        limits = json.loads((Path(server.dist) / "limits.json").read_text())
        set_code(page, "x = 1\n")
        page.click("#analyze-btn")
        page.wait_for_function("() => window.playground.count > 0", timeout=60_000)
        # Over the core's bound: refused on the page, with the core's code, nothing sent.
        line = "# " + "a" * 997 + "\n"  # long lines: few of them for the editor to lay out
        huge = line * (limits["analyze_code_chars"] // len(line) + 1)
        run_js(page, "window.playground.editor.setCode(arg); return true;", huge)
        page.click("#analyze-btn")
        t.wait_status("status", "Analyze code: failed")
        assert "BATUTA-X-002" in (page.text_content("#error") or "")
        assert page.text_content("#summary") == "No analysis shown."  # cleared, not stale
        # Over a million characters: the first click asks, the second goes ahead.
        big = ("y = '" + "b" * 993 + "'\n") * 1_100  # 1.1 million characters
        run_js(page, "window.playground.editor.setCode(arg); return true;", big)
        page.click("#analyze-btn")
        t.wait_status("status", "Click \"Analyze code\" again")
        assert page.evaluate("window.playground.count") == 1
        page.click("#analyze-btn")
        assert page.is_visible("#cancel-btn") and page.is_disabled("#convert-btn")
        page.wait_for_function("() => window.playground.count === 2", timeout=120_000)
        assert page.is_hidden("#cancel-btn") and page.is_enabled("#convert-btn")
        # Code analysis can be cancelled as a project's can: the worker restarts, the last
        # result stays, the page goes on.
        shown = page.text_content("#summary")
        source = CORPUS.read_text(encoding="utf-8")  # real code: seconds of analysis
        long = source * (3_000_000 // len(source))
        run_js(page, "window.playground.editor.setCode(arg); return true;", long)
        page.click("#analyze-btn")
        page.click("#analyze-btn")  # the second click goes ahead
        page.click("#cancel-btn")
        page.wait_for_function("() => window.playground.cancelled === 1", timeout=60_000)
        run_js(page, "await window.playground.restart; return true;", timeout_s=120)
        assert "cancelled" in (page.text_content("#status") or "")
        assert page.text_content("#summary") == shown and page.is_hidden("#error")
        set_code(page, "import torch\n")
        page.click("#analyze-btn")
        page.wait_for_function("() => window.playground.count === 3", timeout=60_000)
    finally:
        t.close()


def test_report_crate_and_the_same_chart_after_a_reload(browser: Any, server: LocalServer) -> None:
    t = Tour(browser, server.url, "1280", "light")
    try:
        page = t.page
        page.click("#sample-btn")
        page.wait_for_function("() => window.playground.count > 0", timeout=120_000)
        with page.expect_download() as report:  # the migration report, built in the worker
            page.click("#report-btn")
        html = Path(report.value.path()).read_text(encoding="utf-8")
        assert html.lstrip().lower().startswith("<!doctype html") and "sentiment" in html
        with page.expect_download() as crate:  # the project as a Cargo crate
            page.click("#crate-btn")
        with zipfile.ZipFile(Path(crate.value.path())) as zf:
            names = zf.namelist()
        assert any(n.endswith("/Cargo.toml") for n in names), names
        assert any(n.endswith(".rs") for n in names), names
        open_tab(page, "Charts")
        before = run_js(page, "return await window.playground.chart;")
        size = page.evaluate("[document.getElementById('chart').width, "
                             "document.getElementById('chart').height]")
        caption = page.text_content("#chart-caption")
        page.reload()
        page.wait_for_function("() => window.playground && window.playground.last",
                               timeout=60_000)
        run_js(page, "return await window.playground.ready;", timeout_s=120)
        open_tab(page, "Charts")
        assert run_js(page, "return await window.playground.chart;") == before  # same renderer
        assert page.evaluate("[document.getElementById('chart').width, "
                             "document.getElementById('chart').height]") == size
        assert page.text_content("#chart-caption") == caption
        page.set_viewport_size({"width": 700, "height": 900})  # redrawn for its new box
        page.wait_for_function("(w) => document.getElementById('chart').width !== w",
                               arg=size[0], timeout=30_000)
        assert run_js(page, "return await window.playground.chart;") == before
    finally:
        t.close()


def test_project_tables_sort_filter_and_count(browser: Any, server: LocalServer) -> None:
    t = Tour(browser, server.url, "1280", "light")
    try:
        page = t.page
        t.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.click("#sample-btn")
        page.wait_for_function("() => window.playground.count > 0", timeout=120_000)
        functions = page.evaluate("window.playground.last.result.functions")
        open_tab(page, "Functions")
        table = page.locator("#panel-functions table")

        def column(n: int) -> list[str]:
            return [c.strip() for c in table.locator(f"tbody tr td:nth-child({n})")
                    .all_text_contents()]

        worst = sorted((f["cyclomatic"] for f in functions), reverse=True)
        assert [int(c) for c in column(2)] == worst  # most complex first
        assert f"{len(functions)} of {len(functions)} shown" in table.locator(
            "caption").text_content()
        table.locator("th button", has_text="lines").click()  # sort by length, longest first
        assert table.locator("th", has_text="lines").get_attribute("aria-sort") == "descending"
        lines = [int(c) for c in column(4)]
        assert lines == sorted(lines, reverse=True)
        table.locator("th button", has_text="lines").click()
        assert [int(c) for c in column(4)] == sorted(lines)
        page.fill("#panel-functions input[type=search]", "vocabulary")
        names = column(1)
        assert names and all("vocabulary" in n for n in names)
        assert f"{len(names)} of {len(names)} matching shown ({len(functions)} in all)" in \
            table.locator("caption").text_content()
        # Call sites grouped by API with counts, most used first.
        open_tab(page, "Call sites")
        apis = page.locator("#panel-callsites table", has_text="APIs to map")
        counts = [int(c.replace(",", "")) for c in apis.locator("tbody tr td:nth-child(3)")
                  .all_text_contents()]
        assert counts == sorted(counts, reverse=True) and sum(counts) == len(
            page.evaluate("window.playground.last.result.call_sites"))
        # Copy puts the Rust on the clipboard, exactly.
        set_code(page, CODE)
        page.click("#convert-btn")
        t.wait_status("status", "Convert: done")
        page.click("#copy-rust-btn")
        copied = run_js(page, "return await navigator.clipboard.readText();")
        assert copied == native_call("convert_file", CODE, "example.py")["ok"]["rust_code"]
    finally:
        t.close()
