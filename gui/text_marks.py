"""Marks laid over a text editor without changing its text: find matches, differences to last year.

They are QTextEdit extra selections, rebuilt from spans of the plain text (Python string
offsets, converted here to Qt's UTF-16 positions).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

FIND_BG = QColor("#FFE98A")  # every match of the find bar
CURRENT_BG = QColor("#FFAD5C")  # the match the find bar is on
MAX_MARKS = 2000  # searching for 「的」 in a long text: mark the first ones, stay quick


def utf16_positions(text: str, offsets: list[int]) -> list[int]:
    """Qt counts UTF-16 units: a rare hanzi outside the BMP counts two.  Most texts have none."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return list(offsets)
    prefix, acc = [0], 0
    for ch in text:
        acc += 2 if ord(ch) >= 0x10000 else 1
        prefix.append(acc)
    return [prefix[o] for o in offsets]


def char_format(background: QColor, underline: QColor | None = None,
                strike: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    if underline is not None:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(underline)
    if strike:
        fmt.setFontStrikeOut(True)
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


FIND_FORMAT = char_format(FIND_BG)
CURRENT_FORMAT = char_format(CURRENT_BG)
