"""Marks laid over a read-only text without changing it (last year's text beside this year's).

They are QTextEdit extra selections, built from spans of the plain text (Python string offsets,
converted to Qt's UTF-16 positions).  The editors' own marks are in gui/text_section.py.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from gui.text_section import MAX_MARKS, utf16_positions


def char_format(background: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    return fmt


def extra_selections(document, text: str, spans: list[tuple[int, int, QTextCharFormat]]):
    """Extra selections for [start, end) spans of `text` (Python offsets) with their formats."""
    spans = spans[:MAX_MARKS]
    flat = utf16_positions(text, [p for s, e, _ in spans for p in (s, e)])
    out = []
    for k, (_s, _e, fmt) in enumerate(spans):
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(document)
        cur.setPosition(flat[2 * k])
        cur.setPosition(flat[2 * k + 1], QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        out.append(sel)
    return out
