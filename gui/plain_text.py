"""User text in labels and tooltips, shown as typed.

Qt shows a tooltip as rich text whenever Qt::mightBeRichText says so — a first line that holds a
tag: a unit named 「<b>粗</b>局」 would turn bold, an <img src=…> would be fetched and drawn.  There
is no plain-text switch for tooltips, so user text goes in escaped, inside a paragraph that keeps
its line breaks and spaces as a plain tooltip would (white-space: pre).  Escaping alone is not
enough: an escaped text with no tag left (「A &amp; B」) is shown plain, entities and all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def tooltip(text: str) -> str:
    """A tooltip that shows `text` literally; "" stays "" (no tooltip)."""
    if not text:
        return ""
    from html import escape  # here: html loads its table of 2,000 entities (start-up time)

    return f"<p style='white-space:pre'>{escape(text, quote=False)}</p>"


def plain_label(text: str = "", wrap: bool = False, selectable: bool = False) -> QLabel:
    """A label that shows its text as typed (QLabel's AutoText would render a unit name that looks
    like HTML), never opening a link."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
