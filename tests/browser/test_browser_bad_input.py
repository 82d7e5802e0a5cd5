"""Bad input across the JS boundary rejects with a code, and the page stays usable."""

from __future__ import annotations

import base64
import io
import zipfile
from typing import Any

import pytest
from browser_support import run_js
from playground_support import set_code

pytestmark = pytest.mark.browser


def zip_b64(entries: dict[str, bytes]) -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return base64.b64encode(buf.getvalue()).decode()


TRAVERSAL = zip_b64({"ok.py": b"x = 1\n", "../../evil.py": b"import os\n"})
BOMB_BYTES = 20 * 1024 * 1024
BOMB = zip_b64({"zeros.py": b"\0" * BOMB_BYTES})

TO_BYTES = "const bytes = Uint8Array.from(atob(arg), (c) => c.charCodeAt(0));"


def rejection(page: Any, body: str, arg: Any = None) -> dict[str, Any]:
    out = run_js(page, body, arg)
    assert isinstance(out, dict) and "__error__" in out, f"expected a rejection, got {out!r}"
    return out["__error__"]  # type: ignore[no-any-return]


def still_usable(page: Any) -> None:
    out = run_js(page, "return await window.batuta.analyze_code('import numpy as np\\n', 'a.py');")
    assert out["has_numpy"] is True


@pytest.mark.parametrize(("body", "code"), [
    ("return await window.batuta.analyze_code(42);", "BATUTA-X-001"),
    ("return await window.batuta.analyze_code({ code: 'x' });", "BATUTA-X-001"),
    ("return await window.batuta.analyze_code(() => 1);", "BATUTA-X-001"),
    ("return await window.batuta.analyze_code(10n);", "BATUTA-X-001"),
    ("const o = {}; o.o = o; return await window.batuta.analyze_code('x', o);", "BATUTA-X-001"),
    ("return await window.batuta.call('analyze_code', 'x', 'a.py', 'extra');", "BATUTA-X-001"),
    ("return await window.batuta.convert_numpy('x', 'big');", "BATUTA-X-001"),
    ("return await window.batuta.convert_numpy('x', 1e300);", "BATUTA-X-001"),
    ("return await window.batuta.backend_recommend(1, 2);", "BATUTA-X-001"),
    ("return await window.batuta.backend_recommend('teleport', 5);", "BATUTA-O-003"),
    ("return await window.batuta.call('eval', '1');", "BATUTA-X-001"),
    ("return await window.batuta.call('__import__', 'os');", "BATUTA-X-001"),
    ("return await window.batuta.analyze_project(42);", "BATUTA-X-001"),
    ("return await window.batuta.analyze_project('/etc');", "BATUTA-X-001"),
    ("return await window.batuta.analyze_project({ 'a.py': 5 });", "BATUTA-X-001"),
    ("return await window.batuta.analyze_project({ 'a.py': 'x' }, { tdg: 'yes' });",
     "BATUTA-X-001"),
    ("return await window.batuta.analyze_project(new Uint8Array([1, 2, 3]));", "BATUTA-X-004"),
    # A dropped folder's marker without its File handles, or with a malformed list.
    ("return await window.batuta.call('analyze_project', { $lazy: [['a.py', 3]] });",
     "BATUTA-X-001"),
    ("return await window.batuta.analyze_project([new File(['x'], 'a.py'), "
     "Object.assign(new File(['y'], 'b.py'), { batutaPath: '../b.py' })]);", "BATUTA-X-003"),
])
def test_wrong_types_reject_with_a_code(bpage: Any, body: str, code: str) -> None:
    err = rejection(bpage, body)
    assert err["code"] == code, err
    assert err["message"]
    still_usable(bpage)


def test_twenty_megabyte_string(bpage: Any) -> None:
    err = rejection(bpage, "return await window.batuta.analyze_code('x'.repeat(20 * 1024 * 1024));")
    assert err["code"] == "BATUTA-X-002"
    assert "16777216" in err["message"]
    still_usable(bpage)


def test_zip_with_parent_paths(bpage: Any) -> None:
    err = rejection(bpage, TO_BYTES + "return await window.batuta.analyze_project(bytes);",
                    TRAVERSAL)
    assert err["code"] == "BATUTA-X-003" and "evil.py" in err["message"]
    still_usable(bpage)


def test_zip_bomb_1000_to_1(bpage: Any) -> None:
    assert len(base64.b64decode(BOMB)) * 500 < BOMB_BYTES  # really ~1000:1
    err = rejection(bpage, TO_BYTES + "return await window.batuta.analyze_project(bytes);", BOMB)
    assert err["code"] == "BATUTA-X-003" and "ratio" in err["message"]
    still_usable(bpage)


def test_bad_zip_dropped_on_the_page_shows_the_code(bpage: Any) -> None:
    errors = bpage.evaluate("window.playground.errors")
    run_js(bpage, TO_BYTES + """
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "evil.zip", { type: "application/zip" }));
      document.getElementById("drop").dispatchEvent(
        new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      return true;""", TRAVERSAL)
    bpage.wait_for_function(f"() => window.playground.errors > {errors}", timeout=60_000)
    assert "BATUTA-X-003" in (bpage.text_content("#error") or "")
    assert bpage.is_visible("#error")
    # The page still works through its own controls.
    count = bpage.evaluate("window.playground.count")
    set_code(bpage, "x = 1\n")
    bpage.click("#analyze-btn")
    bpage.wait_for_function(f"() => window.playground.count > {count}", timeout=60_000)
    assert bpage.is_hidden("#error")
