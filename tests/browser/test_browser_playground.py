"""Playground panels through the page's own controls: conversion beside Rust, backend figures,
workflow phases, labels and keyboard use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import native_call
from playground_support import get_code, open_tab, set_code

pytestmark = pytest.mark.browser


def wait_status(page: Any, text: str, status: str = "status") -> None:
    page.wait_for_function(
        "([id, t]) => document.getElementById(id).textContent.includes(t)", arg=[status, text],
        timeout=60_000)


def test_convert_panel_shows_rust_beside_python(bpage: Any) -> None:
    code = "import numpy as np\na = np.zeros(3)\nb = np.sum(a)\n"
    set_code(bpage, code)
    bpage.fill("#filename", "m.py")
    bpage.click("#convert-btn")
    wait_status(bpage, "Convert: ")
    assert bpage.is_hidden("#error"), bpage.text_content("#error")
    want = native_call("convert_file", code, "m.py")["ok"]
    # The Python stays in the editor on the left; the Rust tab shows the Rust beside it.
    assert get_code(bpage) == code
    assert bpage.locator("#tab-rust").get_attribute("aria-selected") == "true"
    assert bpage.locator("#rust-host .cm-content").is_visible()
    shown = [line.rstrip("\n") for line in bpage.locator("#rust-host .cm-line").all_inner_texts()]
    assert shown == want["rust_code"].split("\n")  # every line, as the editor shows it
    with bpage.expect_download() as download:  # Download .rs gives the Rust byte for byte
        bpage.click("#download-rust-btn")
    assert download.value.suggested_filename == "m.rs"
    assert Path(download.value.path()).read_text(encoding="utf-8") == want["rust_code"]
    table = bpage.text_content("#conv-tables") or ""
    for mapping in want["mappings"]:  # crate paths the converter marks show as plain paths
        assert re.sub("\x01([^\x01\x02]*)\x02", r"\1", mapping["rust"]) in table
    assert "\x01" not in table and "\x02" not in table


def test_backend_form_by_keyboard(bpage: Any) -> None:
    open_tab(bpage, "Backend")
    bpage.select_option("#op", "matrix_multiply")
    bpage.fill("#size", "20000")
    bpage.focus("#size")
    bpage.keyboard.press("Enter")  # submits the form: usable without a mouse
    wait_status(bpage, "Recommend backend: ", "backend-status")
    want = native_call("backend_recommend", "matrix_multiply", 20000)["ok"]
    out = bpage.text_content("#backend-out") or ""
    assert f"Recommended backend: {want['backend']}" in out and want["rationale"] in out
    # The cost-model figures, formatted: FLOPs with a unit prefix and the exact count, times in ms.
    cost = want["cost"]
    assert f"({round(cost['flops']):,})" in out and "FLOP" in out
    assert "PCIe transfer" in out and "GPU compute" in out and " ms" in out
    assert str(round(cost["flops"])) not in out  # never a bare 16000000000000


def test_backend_panel_states_one_decision(bpage: Any) -> None:
    # kmeans at n = 100: the router says Scalar; the cost model's verdict ("SIMD", meaning
    # "not the GPU") was shown as a second decision. The model now answers yes/no (offload).
    open_tab(bpage, "Backend")
    bpage.select_option("#op", "kmeans")
    bpage.fill("#size", "100")
    bpage.click("#backend-btn")
    wait_status(bpage, "Recommend backend: ", "backend-status")
    want = native_call("backend_recommend", "kmeans", 100)["ok"]
    assert want["backend"] == "Scalar" and want["cost"]["offload"] is False
    out = bpage.locator("#backend-out")
    assert out.locator(".grade").all_text_contents() == ["Recommended backend: Scalar"]
    cells = [c.strip() for c in out.locator("td").all_text_contents()]
    assert "SIMD" not in cells and "decision" not in " ".join(cells)
    assert "GPU offload does not pay off" in cells
    assert "384 kFLOP (384,000)" in cells and "6.4 kB (6,400)" in cells  # formatted figures
    text = out.text_content() or ""
    assert want["cost_note"] in text and "so Scalar on the CPU" in text
    assert "-> SIMD" not in text and "-> GPU" not in text
    # On a phone the two columns wrap inside the panel instead of scrolling sideways.
    size = bpage.viewport_size
    bpage.set_viewport_size({"width": 390, "height": 844})
    try:
        box = out.locator(".table-box.pairs")
        assert box.evaluate("(b) => b.scrollWidth <= b.clientWidth"), "the cost table scrolls"
    finally:
        bpage.set_viewport_size(size)


def test_workflow_phases_in_strict_order(bpage: Any) -> None:
    open_tab(bpage, "Workflow")
    bpage.click("#phase-reset")
    wait_status(bpage, "Workflow: ", "workflow-status")
    bpage.click("#phase-next")
    bpage.wait_for_function("() => document.getElementById('phases').textContent"
                            ".includes('Analysis: completed')", timeout=30_000)
    text = bpage.text_content("#phases") or ""
    assert "Transpilation: not started" in text
    assert "NotStarted" not in text and "Completed" not in text  # words, not enum names
    bpage.reload()
    bpage.wait_for_function("() => document.getElementById('phases').children.length === 5",
                            timeout=30_000)
    assert "Analysis: completed" in (bpage.text_content("#phases") or "")
    bpage.evaluate("window.playground.ready")


def test_every_control_is_labelled(bpage: Any) -> None:
    unlabelled = bpage.evaluate("""() => [...document.querySelectorAll(
        "input, textarea, select, button")].filter((el) => {
          const named = el.labels && el.labels.length || el.getAttribute("aria-label")
                        || (el.tagName === "BUTTON" && el.textContent.trim());
          return !named;
        }).map((el) => el.id || el.outerHTML.slice(0, 60))""")
    assert unlabelled == []
    assert bpage.get_attribute("html", "lang") == "en"
