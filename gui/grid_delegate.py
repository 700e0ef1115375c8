"""Drawing and editing one grid cell.

Painting is done here rather than by the style so that every platform shows the same thing:
the official shading, wrapped labels with room around them, a corner mark on cells with
findings, and a clear border on the current cell (as Excel and WPS show it).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen, QPolygon
from PySide6.QtWidgets import QLineEdit, QStyle, QStyledItemDelegate

from gui import grid_style as style
from gui.grid_model import KIND_ROLE, MARK_ROLE
from model.grid import COMPUTED, VALUE

_WRAP = Qt.TextFlag.TextWordWrap


def guard_none_refcount() -> bool:
    """Work around PySide6 6.12.0 on Python < 3.12: every call of a void Qt method from Python
    drops one reference to None, and after a few thousand calls the interpreter aborts with
    "Fatal Python error: none_dealloc".  Painting a grid makes thousands of such calls.

    Python 3.12 made None immortal; this gives None the same property by lending it a huge
    reference count, and only when the leak is actually observed.  Belongs in the app's Qt
    setup (it helps every widget); it lives here until it moves there.  Returns True if applied.
    """
    if sys.version_info >= (3, 12):
        return False
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("")
    if sys.getrefcount(None) >= before:
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
    return True


guard_none_refcount()


def text_height(fm: QFontMetrics, text: str, width: int) -> int:
    """Height of `text` wrapped into `width` pixels (inner width, padding excluded)."""
    if not text:
        return fm.height()
    r = fm.boundingRect(QRect(0, 0, max(width, 8), 100000), int(_WRAP), text)
    return r.height()


class GridDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index):
        # Ask the Python model directly: QModelIndex.data() in PySide6 6.12 drops a reference to
        # None whenever a role has no value, which soon aborts the process ("none_dealloc").
        data = index.model().data
        kind = data(index, KIND_ROLE)
        if kind is None:
            return
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and kind in (VALUE, COMPUTED)
        painter.save()
        if selected:
            bg = style.SELECTED_COMPUTED_BG if kind == COMPUTED else style.SELECTED_BG
        else:
            bg = data(index, Qt.ItemDataRole.BackgroundRole)
        painter.fillRect(rect, bg)

        font = data(index, Qt.ItemDataRole.FontRole)
        if font is not None:
            f = option.font
            f.setBold(font.bold())
            painter.setFont(f)
        else:
            painter.setFont(option.font)
        painter.setPen(data(index, Qt.ItemDataRole.ForegroundRole))
        text = data(index, Qt.ItemDataRole.DisplayRole) or ""
        align = data(index, Qt.ItemDataRole.TextAlignmentRole)
        inner = rect.adjusted(style.PAD_X, style.PAD_Y, -style.PAD_X, -style.PAD_Y)
        if text:
            painter.drawText(inner, int(align) | int(_WRAP), text)

        mark = data(index, MARK_ROLE)
        if mark in ("error", "warning"):
            color = style.ERROR_MARK if mark == "error" else style.WARNING_MARK
            s = style.MARK_SIZE
            tr = rect.topRight()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(QPolygon([QPoint(tr.x() - s, tr.y()), QPoint(tr.x() + 1, tr.y()),
                                          QPoint(tr.x() + 1, tr.y() + s + 1)]))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        if option.state & QStyle.StateFlag.State_HasFocus and kind in (VALUE, COMPUTED):
            pen = QPen(style.CURRENT_BORDER)
            pen.setWidth(2)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    # -- editing -------------------------------------------------------------------------------
    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setTextMargins(style.PAD_X - 2, 0, style.PAD_X - 2, 0)
        editor.setStyleSheet(
            f"QLineEdit {{ background: white; border: 2px solid {style.CURRENT_BORDER.name()}; }}")
        return editor

    def setEditorData(self, editor, index):
        editor.setText(index.model().data(index, Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):
        editor.setGeometry(option.rect)
