"""A text's length as the clerk counts it for a length limit (总体情况 ≤ N 字, the count under an editor).

Kept apart from model/text_numbers.py so that the editors' count line does not load the number
reader (its patterns and dataclasses) on the window's start-up path: one rule for the count the
clerk sees and the check that enforces the limit.
"""

from __future__ import annotations

_SPACES = " \t\n\r\u3000\u00a0\f\v"


def counted_chars(text: str) -> int:
    """Characters as a clerk counts them for a length limit: everything but spaces and line breaks.

    str.count per kind of space: a 100,000-character section is counted in well under a
    millisecond (a regular expression or a loop over the characters takes several)."""
    return len(text) - sum(text.count(ch) for ch in _SPACES)
