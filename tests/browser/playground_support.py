"""Helpers for driving the playground through its own controls: the CodeMirror editor (typed
into as a user would, through Playwright's fill on its contenteditable), the result tabs."""

from __future__ import annotations

from typing import Any

from browser_support import run_js


def editor_ready(page: Any) -> None:
    """Wait (bounded) until the code editor has replaced the plain text box."""
    ok = run_js(page, "await window.playground.editorReady; "
                      "return Boolean(window.playground.editor);")
    assert ok is True, ok


def set_code(page: Any, code: str) -> None:
    """Paste ``code`` into the editor over what is there, as a user does (select all, paste:
    CodeMirror's own paste handler). Playwright's fill would insert through the browser's
    contenteditable editing, which writes inline styles the page's CSP refuses (console
    errors no user path produces)."""
    editor_ready(page)
    page.click("#editor-host .cm-content")
    page.keyboard.press("ControlOrMeta+A")
    page.locator("#editor-host .cm-content").evaluate("""(el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true,
                                                       cancelable: true }));
    }""", code)
    assert get_code(page) == code


def get_code(page: Any) -> str:
    return str(page.evaluate("window.playground.editor.getCode()"))


def open_tab(page: Any, name: str) -> None:
    """Click the result tab labelled ``name`` and check its panel is the one shown."""
    tab = page.locator("#tablist [role=tab]", has_text=name).first
    tab.click()
    panel = page.locator(f"#{tab.get_attribute('aria-controls')}")
    assert tab.get_attribute("aria-selected") == "true" and panel.is_visible()
