"""The one grade table (SPEC.md §6), shared by the TDG and the app quality score."""

from __future__ import annotations

GRADE_TABLE: tuple[tuple[float, str], ...] = (
    (95.0, "A+"), (90.0, "A"), (85.0, "A-"), (80.0, "B+"), (75.0, "B"), (70.0, "B-"),
    (65.0, "C+"), (60.0, "C"), (55.0, "C-"), (50.0, "D"),
)


def grade_for(score: float) -> str:
    """Letter grade for a 0-100 score; monotone, ``F`` below 50.

    Example:
        >>> grade_for(85.0), grade_for(84.99), grade_for(12)
        ('A-', 'B+', 'F')
    """
    for threshold, letter in GRADE_TABLE:
        if score >= threshold:
            return letter
    return "F"
