"""Playground panels through the page's own controls: conversion beside Rust, backend figures,
workflow phases, labels and keyboard use."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import native_call

pytestmark = pytest.mark.browser


def wait_status(page: Any, text: str) -> None:
    page.wait_for_function(
        "(t) => document.getElementById('status').textContent.includes(t)", arg=text,
        timeout=60_000)


def test_convert_panel_shows_rust_beside_python(bpage: Any) -> None:
    code = "import numpy as np\na = np.zeros(3)\nb = np.sum(a)\n"
    bpage.fill("#code", code)
    bpage.fill("#filename", "m.py")
    bpage.click("#convert-btn")
    wait_status(bpage, "Convert: ")
    assert bpage.is_hidden("#error"), bpage.text_content("#error")
    want = native_call("convert_file", code, "m.py")["ok"]
    assert bpage.text_content("#conv-src") == code
    assert bpage.text_content("#conv-rust") == want["rust_code"]
    table = bpage.text_content("#conv-tables") or ""
    for mapping in want["mappings"]:
        assert mapping["rust"] in table


def test_backend_form_by_keyboard(bpage: Any) -> None:
    bpage.select_option("#op", "matrix_multiply")
    bpage.fill("#size", "20000")
    bpage.focus("#size")
    bpage.keyboard.press("Enter")  # submits the form: usable without a mouse
    wait_status(bpage, "Recommend backend: ")
    want = native_call("backend_recommend", "matrix_multiply", 20000)["ok"]
    out = bpage.text_content("#backend-out") or ""
    assert want["backend"] in out and want["rationale"] in out
    assert "gpu_compute_s" in out and "transfer_s" in out  # the cost-model figures


def test_workflow_phases_in_strict_order(bpage: Any) -> None:
    bpage.click("#phase-reset")
    wait_status(bpage, "Workflow: ")
    bpage.click("#phase-next")
    bpage.wait_for_function("() => document.getElementById('phases').textContent"
                            ".includes('Analysis: Completed')", timeout=30_000)
    text = bpage.text_content("#phases") or ""
    assert "Transpilation: NotStarted" in text
    bpage.reload()
    bpage.wait_for_function("() => document.getElementById('phases').children.length === 5",
                            timeout=30_000)
    assert "Analysis: Completed" in (bpage.text_content("#phases") or "")
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
