"""How a report writes one table cell's value as words and numbers (HTML and Markdown alike)."""

from __future__ import annotations

from typing import Any


def cell_text(value: Any) -> str:
    """A cell's text: '-' for nothing, yes/no, thousands separators, at most two decimals."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
