"""Documentation elements in real Chromium: one Worker for many elements, lazy boot, live updates.

The demo page ``docs-demo.html`` holds four elements (three near the top, one far below); the
page boots once per module and every test reads it through the network guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import (
    BOOT_TIMEOUT_S,
    CALL_TIMEOUT_S,
    LocalServer,
    NetworkGuard,
    native_call,
    new_context,
    run_js,
)
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.browser

CSP_PROBE = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));"""

NUMPY_EXAMPLE = """import numpy as np
a = np.array([1.0, 2.0, 3.0])
b = np.array([4.0, 5.0, 6.0])
c = np.dot(a, b)"""


def wait_state(page: Any, selector: str, states: str = "ready",
               timeout_s: float = CALL_TIMEOUT_S) -> None:
    """Wait (bounded) until the element's ``state`` attribute is one of ``states``."""
    wanted = states.split("|")
    page.wait_for_function(
        "([sel, wanted]) => wanted.includes(document.querySelector(sel)?.getAttribute('state'))",
        arg=[selector, wanted], timeout=timeout_s * 1000)


@pytest.fixture(scope="module")
def demo(browser: Any, server: LocalServer) -> Iterator[tuple[Any, NetworkGuard, list[str]]]:
    context, guard = new_context(browser)
    context.add_init_script(CSP_PROBE)
    page = context.new_page()
    workers: list[str] = []
    page.on("worker", lambda w: workers.append(w.url))
    page.goto(server.url + "docs-demo.html")
    for sel in ("#numpy-example", "#sklearn-example", "#analyze-example"):
        wait_state(page, sel, timeout_s=BOOT_TIMEOUT_S)
    try:
        yield page, guard, workers
    finally:
        context.close()


@pytest.fixture()
def dpage(demo: tuple[Any, NetworkGuard, list[str]]) -> Iterator[Any]:
    page, guard, _ = demo
    yield page
    assert guard.blocked == [], f"requests to other hosts were attempted: {guard.blocked}"
    assert run_js(page, "return window.__cspViolations;") == []


def rust_text(page: Any, selector: str) -> str:
    return str(page.locator(f"{selector} pre.rust").inner_text())


def test_elements_convert_like_native_python(dpage: Any) -> None:
    expected = native_call("convert_numpy", NUMPY_EXAMPLE, 1000)["ok"]
    assert rust_text(dpage, "#numpy-example") == expected["rust_code"]
    assert "a.dot(&b)" in expected["rust_code"]
    sklearn = rust_text(dpage, "#sklearn-example")
    assert "LinearRegression::new()" in sklearn
    # data-size="1_000_000" reaches the converter: linear regression goes to the GPU there.
    backend = dpage.locator("#sklearn-example dd.backend").inner_text()
    assert backend == native_call("convert_sklearn", "from sklearn.linear_model import "
                                  "LinearRegression\nmodel = LinearRegression()\nmodel.fit("
                                  "X_train, y_train)\npredictions = model.predict(X_test)",
                                  1_000_000)["ok"]["backend_recommendation"]


def test_analyze_element_shows_language_call_sites_complexity_advice(dpage: Any) -> None:
    host = dpage.locator("#analyze-example")
    assert host.locator("dd.language").inner_text() == "Python"
    text = host.locator(".out").inner_text()
    assert "numpy.dot" in text and "torch.matmul" in text
    assert "Complexity" in text and "train" in text
    assert "Backend advice at n = 100,000" in text


def test_one_worker_and_lazy_boot_of_the_far_element(demo: tuple[Any, NetworkGuard, list[str]],
                                                     dpage: Any) -> None:
    _, _, workers = demo
    far = dpage.locator("#pytorch-example")
    # Not yet scrolled to: it waits, while Python is already up for the others.
    assert far.get_attribute("state") == "idle"
    far.scroll_into_view_if_needed()
    wait_state(dpage, "#pytorch-example")
    assert "Linear::new(768, 3072)" in rust_text(dpage, "#pytorch-example")
    assert len(workers) == 1, workers
    assert workers[0].endswith("/worker.js")


def test_editing_updates_the_rust_debounced(dpage: Any) -> None:
    editor = dpage.get_by_role("textbox", name="Python code").first
    editor.fill("import numpy as np\nz = np.zeros(5)\nm = np.matmul(a, b)\n")
    dpage.wait_for_function(
        "() => document.querySelector('#numpy-example').shadowRoot"
        ".querySelector('pre.rust').textContent.includes('matmul')", timeout=CALL_TIMEOUT_S * 1000)
    expected = native_call("convert_numpy", editor.input_value(), 1000)["ok"]["rust_code"]
    assert rust_text(dpage, "#numpy-example") == expected
    # Ctrl+Enter converts at once, without waiting for the debounce.
    editor.fill(NUMPY_EXAMPLE)
    editor.press("Control+Enter")
    wait_state(dpage, "#numpy-example")
    dpage.wait_for_function(
        "() => document.querySelector('#numpy-example').shadowRoot"
        ".querySelector('pre.rust').textContent.includes('dot')", timeout=CALL_TIMEOUT_S * 1000)


def test_framework_auto_converts_the_whole_file(dpage: Any) -> None:
    code = "import numpy as np\nfrom sklearn.cluster import KMeans\nc = np.dot(a, b)\n" \
           "km = KMeans(n_clusters=3)\n"
    run_js(dpage, """
      const el = document.createElement('batuta-convert');
      el.id = 'auto';
      el.textContent = arg;
      document.querySelector('main').prepend(el);
      window.scrollTo(0, 0);
    """, code)
    wait_state(dpage, "#auto")
    assert dpage.locator("#auto .title").inner_text() == "Convert Python → Rust"
    expected = native_call("convert_file", code.rstrip("\n"), "snippet.py")["ok"]["rust_code"]
    assert rust_text(dpage, "#auto") == expected
    run_js(dpage, "document.querySelector('#auto').remove();")


def test_accessible_names_and_live_regions(dpage: Any) -> None:
    assert dpage.get_by_role("textbox", name="Python code").count() == 3
    out = dpage.locator("#numpy-example .out")
    assert out.get_attribute("aria-live") == "polite"
    assert out.get_attribute("aria-busy") == "false"
    assert dpage.get_by_role("group", name="Convert NumPy → Trueno").count() == 1
    assert dpage.locator("#analyze-example pre[aria-label='Analyzed code']").count() == 1


def test_five_megabyte_block_gives_a_readable_error_and_the_page_keeps_working(dpage: Any) -> None:
    out = run_js(dpage, """
      const el = document.querySelector('#numpy-example');
      const t0 = performance.now();
      el.value = 'x = 1\\n'.repeat(900000);
      await new Promise((r) => el.addEventListener('batuta-error', r, { once: true }));
      return { ms: performance.now() - t0, state: el.getAttribute('state') };
    """)
    assert out["state"] == "error"
    assert out["ms"] < 5000  # refused at once, not after minutes in the worker
    alert = dpage.locator("#numpy-example [role=alert]").inner_text()
    assert "BATUTA-X-002" in alert and "5.4 million characters" in alert
    assert dpage.locator("#numpy-example textarea").input_value() == NUMPY_EXAMPLE
    # Typing or pasting past the bound is refused before the text lands in the editor.
    editor = dpage.locator("#numpy-example textarea")
    editor.focus()
    dpage.keyboard.insert_text("y = 2\n" * 40_000)
    wait_state(dpage, "#numpy-example", "error")
    assert "BATUTA-X-002" in dpage.locator("#numpy-example [role=alert]").inner_text()
    assert editor.input_value() == NUMPY_EXAMPLE
    editor.fill(NUMPY_EXAMPLE + "\n")
    wait_state(dpage, "#numpy-example")
    assert "a.dot(&b)" in rust_text(dpage, "#numpy-example")


def test_binary_junk_and_bad_attributes_give_readable_errors(dpage: Any) -> None:
    run_js(dpage, """
      const junk = document.createElement('batuta-analyze');
      junk.id = 'junk';
      junk.textContent = Array.from({length: 400}, (_, i) => String.fromCharCode(i % 32)).join('')
                         + '\\ufffd'.repeat(200);
      document.querySelector('main').prepend(junk);
      const bogus = document.createElement('batuta-convert');
      bogus.id = 'bogus';
      bogus.setAttribute('framework', 'tensorflow');
      bogus.textContent = 'import numpy as np';
      document.querySelector('main').prepend(bogus);
      const size = document.createElement('batuta-convert');
      size.id = 'badsize';
      size.setAttribute('framework', 'numpy');
      size.setAttribute('data-size', '-5');
      size.textContent = 'import numpy as np';
      document.querySelector('main').prepend(size);
      window.scrollTo(0, 0);  // elements work only once visible
    """)
    for sel in ("#junk", "#bogus", "#badsize"):
        wait_state(dpage, sel, "error")
    assert dpage.locator("#junk").get_attribute("state") == "error"
    assert "does not look like source code" in dpage.locator("#junk [role=alert]").inner_text()
    assert "framework must be numpy" in dpage.locator("#bogus [role=alert]").inner_text()
    assert "data-size must be a positive" in dpage.locator("#badsize [role=alert]").inner_text()
    # A syntax error in edited code comes back from Python with its code, not a hang.
    dpage.locator("#badsize").evaluate("(el) => el.setAttribute('data-size', '10')")
    dpage.locator("#badsize textarea").fill("import numpy as np\nx = = 1\n")
    dpage.wait_for_function(
        "() => document.querySelector('#badsize').shadowRoot.querySelector('[role=alert]')"
        ".textContent.includes('BATUTA-T-002')", timeout=CALL_TIMEOUT_S * 1000)
    assert dpage.locator("#badsize").get_attribute("state") == "error"
    assert run_js(dpage, "return (await import('./batuta.js')).version();") == \
        native_call("version")["ok"]


def test_no_worker_until_an_element_is_visible(browser: Any, server: LocalServer) -> None:
    context, guard = new_context(browser)
    try:
        page = context.new_page()
        workers: list[str] = []
        page.on("worker", lambda w: workers.append(w.url))
        page.goto(server.url + "manifest.json")  # any same-origin document will do
        run_js(page, """
          const gap = document.createElement('div');
          gap.style.height = '4000px';  // CSSOM, allowed by the strict CSP
          const el = document.createElement('batuta-convert');
          el.id = 'below';
          el.setAttribute('framework', 'numpy');
          el.textContent = 'import numpy as np\\nx = np.zeros(3)';
          document.body.replaceChildren(gap, el);
          await import('./elements/batuta-elements.js');
          await new Promise((r) => setTimeout(r, 1500));
        """)
        assert workers == []
        assert page.locator("#below").get_attribute("state") == "idle"
        assert "starts when this example is visible" in page.locator("#below .status").inner_text()
        page.locator("#below").scroll_into_view_if_needed()
        wait_state(page, "#below", timeout_s=BOOT_TIMEOUT_S)
        assert len(workers) == 1
        assert rust_text(page, "#below") == (
            "let x: Vector<f32> = Vector::from_vec(vec![0.0; 3]);")  # trueno has no zeros
        assert guard.blocked == []
    finally:
        context.close()


LINES = ["import numpy as np", "import numpy", "from numpy import dot as d", "c = np.dot(a, b)",
         "x = np.zeros(3)", "y = x.T @ x", "z = np.mean(y, axis=0)", "w = d(a, b)",
         "def f(a):", "    return np.sqrt(a)", "if x:", "    pass", "x = = 1", "np.", "\t",
         "# comment", '"""doc"""', "\x00", "\ufffd\x01\x02"]
SNIPPETS = st.one_of(st.text(max_size=120),
                     st.lists(st.sampled_from(LINES), max_size=8).map("\n".join))
PROPERTY_JS = """
  let el = document.querySelector('#prop');
  if (!el) {
    el = document.createElement('batuta-convert');
    el.id = 'prop';
    el.setAttribute('framework', 'numpy');
    el.setAttribute('data-size', '1000');
    el.setAttribute('debounce', '0');
    el.textContent = 'import numpy as np';
    document.querySelector('main').prepend(el);
    window.scrollTo(0, 0);
    await new Promise((r) => el.addEventListener('batuta-result', r, { once: true }));
  }
  const guard = await import('./elements/batuta-guard.js');
  const verdict = guard.checkCode(arg, { maxChars: guard.DOCS_MAX_CHARS });
  const answer = new Promise((resolve) => {
    el.addEventListener('batuta-result', (e) => resolve({ ok: e.detail }), { once: true });
    el.addEventListener('batuta-error', (e) => resolve({ error: e.detail }), { once: true });
  });
  el.value = arg;
  return { verdict, answer: await answer };
"""


@settings(max_examples=15)
@given(code=SNIPPETS)
def test_any_edit_ends_in_the_native_answer_or_a_readable_error(
        demo: tuple[Any, NetworkGuard, list[str]], code: str) -> None:
    page, guard, _ = demo  # module-scoped: one booted page for every example
    out = run_js(page, PROPERTY_JS, code)
    assert "__error__" not in out, out
    assert guard.blocked == []
    answer = out["answer"]
    if out["verdict"] is not None:  # refused in the page before Python: empty or binary text
        assert answer == {"error": out["verdict"]}
        return
    native = native_call("convert_numpy", code, 1000)
    if "error" in native:
        assert answer["error"]["code"] == native["error"]["code"]
        assert answer["error"]["message"] == native["error"]["message"]
    else:
        assert answer["ok"]["rust_code"] == native["ok"]["rust_code"]
        assert answer["ok"]["mappings"] == native["ok"]["mappings"]
