"""The checks of a scripted page tour (issue 17), shared by test_pages_tour.py and the extension's
panel test: after each action, at 1280x800, 768x1024 and 390x844, in the light and the dark
theme, the page has no horizontal overflow, the element showing the outcome is in view,
axe-core finds no serious or critical violation, and a screenshot is written to
``test-artifacts/pages-tour/`` (gitignored; looked at, not compared pixel for pixel).

axe-core comes from ``node_modules`` (npm, a test-only dependency) and is evaluated through the
DevTools protocol, so the pages' CSP (``script-src 'self'``) does not have to be loosened.
"""

from __future__ import annotations

import re
from typing import Any

from browser_support import ROOT

VIEWPORTS = ((1280, 800), (768, 1024), (390, 844))
THEMES = ("light", "dark")
ARTIFACTS = ROOT / "test-artifacts" / "pages-tour"  # tour/ is the playground tour's
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The deepest focused element (through open shadow roots) and every visible control of the page.
FOCUS_JS = """() => { let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a ? (a.id || a.dataset.testid || a.textContent.trim().slice(0, 30) || a.tagName)
           : null; }"""

CONTROLS_JS = """() => { const out = [];
  const walk = (root) => { for (const n of root.querySelectorAll('*')) {
      if (n.shadowRoot) walk(n.shadowRoot);
      const r = n.getBoundingClientRect();
      if (r.width === 0 || r.height === 0
          || n.closest('[hidden], details:not([open]) > :not(summary)') || n.disabled
          || getComputedStyle(n).visibility === 'hidden') continue;
      if (n.matches('button, select, textarea, input:not([type=hidden]), a[href], summary,'
                    + ' [tabindex]:not([tabindex="-1"])'))
        out.push(n.id || n.dataset.testid || n.textContent.trim().slice(0, 30) || n.tagName);
    } };
  walk(document); return out; }"""

AXE_RUN = """async () => {
  const r = await axe.run(document, { resultTypes: ["violations"],
    runOnly: { type: "tag",
               values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target) }));
}"""

# What sticks out past the window, leaving out what a scrolling ancestor clips (a diagnosis).
WIDE_JS = """() => { const out = [];
  const up = (n) => n.parentElement || (n.getRootNode() && n.getRootNode().host) || null;
  const clipped = (n) => { for (let a = up(n); a; a = up(a)) {
      if (getComputedStyle(a).overflowX !== 'visible'
          && a.getBoundingClientRect().right <= innerWidth + 1) return true; }
    return false; };
  const walk = (root) => { for (const n of root.querySelectorAll('*')) {
      if (n.shadowRoot) walk(n.shadowRoot);
      if (n.getBoundingClientRect().right > innerWidth + 1 && !clipped(n))
        out.push(`${(n.getRootNode().host || {}).localName || ''} `
                 + `${n.localName}#${n.id}.${n.className}`);
    } };
  walk(document); return out.slice(-5); }"""

IN_VIEW_JS = """(sel) => { const parts = sel.split(" >>> ");
  let node = document.querySelector(parts[0]);
  for (const p of parts.slice(1)) {
    node = node && node.shadowRoot && node.shadowRoot.querySelector(p);
  }
  if (!node) return "missing";
  const r = node.getBoundingClientRect();
  return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
    && r.width > 0 && r.height > 0 ? "in view" : `out of view (${Math.round(r.top)} px)`; }"""


class Tour:
    """Records console errors of the pages it watches and checks each state of the tour."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.console_errors: list[str] = []
        self.problems: list[str] = []

    def watch(self, page: Any) -> None:
        page.on("console", lambda m: self.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

    def check(self, page: Any, state: str, outcome: str, *, keyboard: bool = False) -> None:
        """Every viewport and theme for the state the page is in now."""
        icon = page.evaluate("""async () => { const l = document.querySelector(
            'link[rel=icon][type="image/svg+xml"]');
          return l ? (await fetch(l.href)).headers.get('content-type') : 'no SVG favicon'; }""")
        if icon != "image/svg+xml":
            self.problems.append(f"{self.name}/{state}: favicon: {icon}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self._load_axe(page)
        original = page.viewport_size
        for theme in THEMES:
            page.emulate_media(color_scheme=theme)
            for width, height in VIEWPORTS:
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(300)  # layout, resize observers, a fresh app view
                self._charts_drawn(page, f"{self.name}/{state} at {width}x{height} {theme}")
                where = f"{self.name}/{state} at {width}x{height} {theme}"
                if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    self.problems.append(f"{where}: page {wide} px wide, by "
                                         f"{page.evaluate(WIDE_JS)}")
                seen = page.evaluate(IN_VIEW_JS, outcome)
                if seen != "in view":
                    self.problems.append(f"{where}: outcome {outcome} {seen}")
                for v in page.evaluate(AXE_RUN):
                    self.problems.append(f"{where}: axe {v['impact']} {v['id']} {v['nodes']}")
                slug = re.sub(r"[^a-z0-9]+", "-", f"{self.name}-{state}".lower()).strip("-")
                page.screenshot(path=str(ARTIFACTS / f"{slug}-{width}x{height}-{theme}.png"))
        if keyboard:
            self._keyboard(page, state)
        page.emulate_media(color_scheme="light")
        if original:
            page.set_viewport_size(original)

    def _charts_drawn(self, page: Any, where: str) -> None:
        """An app's charts are painted asynchronously (WebGPU, else Canvas 2D): wait for them."""
        try:
            page.wait_for_function("() => [...document.querySelectorAll('canvas[data-points]')]"
                                   ".every((c) => c.dataset.renderer)", timeout=15_000)
        except Exception:  # Playwright's TimeoutError: recorded, not raised, as every check
            self.problems.append(f"{where}: a chart was never drawn")

    def _load_axe(self, page: Any) -> None:
        if not page.evaluate("typeof window.axe === 'object'"):
            # Runtime.evaluate of the source: DevTools evaluation is not bound by the page's CSP.
            page.evaluate(AXE.read_text() + "\n;undefined")

    def _keyboard(self, page: Any, state: str) -> None:
        """Tab from the top reaches every visible control."""
        page.set_viewport_size({"width": 1280, "height": 800})
        controls = set(page.evaluate(CONTROLS_JS))
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                      "window.scrollTo(0, 0); }")
        reached: set[str] = set()
        for _ in range(len(controls) * 2 + 10):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_JS)
            if focused:
                reached.add(focused)
            if controls <= reached:
                break
        missing = sorted(controls - reached)
        if missing:
            self.problems.append(f"{self.name}/{state}: not reachable by Tab: {missing}")

    def assert_clean(self) -> None:
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.problems == [], "\n".join(self.problems)

