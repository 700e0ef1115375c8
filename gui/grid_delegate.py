"""Drawing and editing one grid cell.

Painting is done here rather than by the style so that every platform shows the same thing:
the official shading, wrapped labels with room around them, a corner mark on cells with
findings, and a clear border on the current cell (as Excel and WPS show it).
"""

from __future__ import annotations


from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen, QPolygon
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyle, QStyledItemDelegate

from gui import grid_style as style
from model.grid import COMPUTED, GROUP, LABEL, VALUE

_WRAP = Qt.TextFlag.TextWordWrap
_Move = QAbstractItemView.CursorAction


def text_height(fm: QFontMetrics, text: str, width: int) -> int:
    """Height of `text` wrapped into `width` pixels (inner width, padding excluded)."""
    if not text:
        return fm.height()
    r = fm.boundingRect(QRect(0, 0, max(width, 8), 100000), int(_WRAP), text)
    return r.height()


def _visible_part(view, index, rect: QRect, inner: QRect, align, pad_y: int = style.PAD_Y):
    """Where a label spanning several rows shows its text when the view is scrolled.

    「三、本年度办理结果」 spans some twenty rows of 表三: centred in the whole span it is
    scrolled out of sight (or under the frozen header) while its rows are still on screen.
    When the span is cut off, the text goes to the top of the part that is seen.
    """
    if not hasattr(view, "open_area") or view.rowSpan(index.row(), index.column()) < 2:
        return inner, align  # the frozen header rows, or a one-row label
    area = view.open_area()
    seen = rect.intersected(area)
    if seen.isEmpty() or seen.height() == rect.height():
        return inner, align
    top = max(inner.top(), seen.top() + pad_y)
    bottom = min(inner.bottom(), seen.bottom() - pad_y)
    if bottom - top < QFontMetrics(view.font()).height():  # too little shown: keep it in place
        return inner, align
    horizontal = align & Qt.AlignmentFlag.AlignHorizontal_Mask
    return QRect(inner.left(), top, inner.width(), bottom - top + 1), horizontal | Qt.AlignmentFlag.AlignTop


ENTER, EDIT = "enter", "edit"
MODE_MESSAGES = {ENTER: "输入模式：方向键确认并移到相邻单元格（F2 切换为编辑模式）。",
                 EDIT: "编辑模式：方向键在数字中移动光标（F2 切换为输入模式）。"}


class CellEditor(QLineEdit):
    """The line edit of one cell, with Excel's two modes.

    Typing over a cell opens it in 输入 (enter) mode: → at the end of the text (← at its start, ↑
    and ↓ always) confirms the value and moves to the next cell, so a row is typed with digits and
    arrows alone.  F2 or a double click opens it in 编辑 (edit) mode, where the arrows move the
    caret; F2 switches between the two.
    """

    leaveRequested = Signal(object)  # a QAbstractItemView.CursorAction: confirm and move there
    modeChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode = ENTER

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.modeChanged.emit(mode)

    def keyPressEvent(self, event):
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_F2 and plain:
            self.set_mode(EDIT if self.mode == ENTER else ENTER)
            return
        if self.mode == ENTER and plain and not self.hasSelectedText():
            at_end = self.cursorPosition() == len(self.text())
            move = {Qt.Key.Key_Right: _Move.MoveRight if at_end else None,
                    Qt.Key.Key_Left: _Move.MoveLeft if self.cursorPosition() == 0 else None,
                    Qt.Key.Key_Up: _Move.MoveUp,
                    Qt.Key.Key_Down: _Move.MoveDown}.get(key)
            if move is not None:
                self.leaveRequested.emit(move)
                return
        super().keyPressEvent(event)


class GridDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index):
        # One call for everything: besides being quicker, asking QModelIndex.data() for roles
        # without a value drops references to None in PySide6 6.12 (see gui/pyside_guard.py).
        look = index.model().look(index.row(), index.column())
        if look is None:
            return
        kind = look.kind
        rect = option.rect
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected and kind in (VALUE, COMPUTED):
            bg = style.SELECTED_COMPUTED_BG if kind == COMPUTED else style.SELECTED_BG
        else:
            bg = look.background
        painter.fillRect(rect, bg)

        if look.text:
            if look.bold:
                font = QFont(option.font)
                font.setBold(True)
                painter.setFont(font)
            else:
                painter.setFont(option.font)
            painter.setPen(look.foreground)
            px, py = style.pads(getattr(option.widget, "zoom", 1.0))
            inner = rect.adjusted(px, py, -px, -py)
            align = look.align
            if kind in (LABEL, GROUP):
                inner, align = _visible_part(option.widget, index, rect, inner, align, py)
            painter.drawText(inner, int(align) | int(_WRAP), look.text)

        if look.mark == "blank" and kind == VALUE:
            # A dotted frame: "a number goes here", told apart from a warning without colour.
            pen = QPen(style.BLANK_MARK)
            pen.setStyle(Qt.PenStyle.DotLine)
            pen.setWidth(1)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(3, 3, -4, -4))

        if look.mark in ("error", "warning"):
            s = style.MARK_SIZE
            tr = rect.topRight()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.ERROR_MARK if look.mark == "error" else style.WARNING_MARK)
            painter.drawPolygon(QPolygon([QPoint(tr.x() - s, tr.y()), QPoint(tr.x() + 1, tr.y()),
                                          QPoint(tr.x() + 1, tr.y() + s + 1)]))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        # Grid lines: each cell draws its right and bottom edge (the frame draws the outer top and
        # left).  Qt's own grid leaves stray ticks across merged cells in the first row.
        painter.setPen(style.GRID_PEN)
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        if option.state & QStyle.StateFlag.State_HasFocus and kind in (VALUE, COMPUTED):
            pen = QPen(style.CURRENT_BORDER)
            pen.setWidth(2)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    # -- editing -------------------------------------------------------------------------------
    def createEditor(self, parent, option, index):
        editor = CellEditor(parent)
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
