"""A section's table (表二, 表三 or 表四) as a spreadsheet the clerk types into.

GridView is what the window embeds: one QTableView over a GridModel laid out like the official
annex, plus, for tables with header rows, a frozen copy of those rows that stays on top while
the data scroll (as Excel's 冻结窗格).  It behaves as Excel and WPS do: typing replaces the
current cell, Enter moves down, Tab right, F2 edits in place, Delete clears, Ctrl+C / Ctrl+V copy
and paste blocks (TSV and HTML tables) all-or-nothing.  Every change goes through the document,
so the window's Ctrl+Z / Ctrl+Y undo it.
"""

from __future__ import annotations

from PySide6.QtCore import (QItemSelection, QItemSelectionModel, QModelIndex, QRect, QSize, Qt,
                            Signal)
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QFrame,
                               QTableView, QToolTip, QVBoxLayout, QWidget)

from gui import clipboard, grid_style as style
from gui.document import ReportDocument
from gui.grid_delegate import GridDelegate, text_height
from gui.grid_model import GridModel
from model import changes
from model.copy_block import copy_block, to_html, to_tsv
from model.grid import COMPUTED, GROUP, LABEL, VALUE
from model.paste import plan_fill, plan_paste, read_block

COMPUTED_TYPING = "合计由软件按各项自动计算，不能手工填写。"
_Hint = QAbstractItemDelegate.EndEditHint
_Move = QAbstractItemView.CursorAction


def grid_title(doc: ReportDocument, section_id: str) -> str:
    """Chinese accessible name, e.g. 表三 收到和处理政府信息公开申请情况."""
    sec = doc.fmt.section(section_id)
    return f"表{sec.no} {sec.title}"


class GridView(QWidget):
    messageRequested = Signal(str)  # Chinese status-bar message (why a paste was refused, …)

    def __init__(self, doc: ReportDocument, section_id: str, parent=None, model_class=None):
        super().__init__(parent)
        self.doc = doc
        self.section_id = section_id
        self._model_class = model_class or GridModel  # the import review shows its own marks
        self._model: GridModel | None = None
        self._delegate = GridDelegate(self)
        self._view = _SheetView(self)
        self._frozen: _FrozenRows | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The sheet takes the height up to its content (see _relayout's maximum height); a
        # short table leaves the rest to the page below instead of showing an empty frame.
        layout.addWidget(self._view, 1)
        layout.addStretch(0)
        self._view.setItemDelegate(self._delegate)
        self._view.resized.connect(self._relayout)
        self._view.verticalScrollBar().rangeChanged.connect(lambda *_: self._place_frozen())
        doc.reportReplaced.connect(self.rebuild)
        self.rebuild()

    # -- public API ----------------------------------------------------------------------------
    def table_view(self) -> QTableView:
        return self._view

    def model(self) -> GridModel:
        return self._model

    def select_cell(self, cell_id: str) -> None:
        index = self._model.index_of(cell_id)
        if not index.isValid():
            return
        self._view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._view.scrollTo(index)
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit_open_editor(self) -> None:
        """Write the value typed into a cell whose editor is still open."""
        self._view.commit_open_editor()

    def fill_blanks_with_zero(self) -> int:
        """0 into every blank input cell of this grid, as one undo step; returns how many."""
        self._view.commit_open_editor()
        applied = self.doc.apply(changes.fill_zero(self.doc.report, self._model.input_ids()))
        return len(applied.cells) if applied else 0

    def copy_selection(self) -> None:
        self._view.copy_selection()

    def paste_clipboard(self) -> None:
        self._view.paste_clipboard()

    def clear_selection_values(self) -> None:
        self._view.clear_selection_values()

    # -- building ------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Lay the grid out anew: another report, or the format was switched."""
        old = self._model
        self._model = self._model_class(self.doc, self.section_id, self)
        self._model.inputRefused.connect(self._view.input_refused)
        grid = self._model.grid
        title = grid_title(self.doc, self.section_id)
        self.setObjectName(grid.id)
        self.setAccessibleName(title)
        self._view.setObjectName(grid.id)
        self._view.setAccessibleName(title)
        self._view.setModel(self._model)
        self._view.clearSpans()
        for c in grid.spans():
            self._view.setSpan(c.row, c.col, c.rowspan, c.colspan)
        self._view.header_rows = grid.header_rows
        self._view.tall_labels = [self._model.index(c.row, c.col) for c in grid.cells
                                  if c.kind in (LABEL, GROUP) and c.rowspan > 1]
        if grid.header_rows and self._frozen is None:
            # Its own delegate: a shared one would send the sheet's editor signals here too.
            self._frozen = _FrozenRows(self._view, GridDelegate(self))
        if self._frozen is not None:
            self._frozen.setModel(self._model)
            self._frozen.setObjectName(f"{grid.id}_header")
            self._frozen.setAccessibleName(f"{title}（表头）")
            self._frozen.clearSpans()
            for c in grid.spans():
                if c.row < grid.header_rows:
                    self._frozen.setSpan(c.row, c.col, c.rowspan, c.colspan)
            self._frozen.setVisible(bool(grid.header_rows))
        if old is not None:
            old.detach()
            old.deleteLater()
        self._relayout()
        first = next((c for c in grid.cells if c.kind == VALUE), None)
        if first is not None:
            self._view.selectionModel().setCurrentIndex(
                self._model.index(first.row, first.col), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _relayout(self) -> None:
        """Columns share the width by the Grid's weights; rows grow to show wrapped labels whole."""
        if self._model is None or self._view.relayouting:
            return
        self._view.relayouting = True
        try:
            grid = self._model.grid
            widths = column_widths(grid.col_weights, self._view.viewport().width())
            for k, w in enumerate(widths):
                self._view.setColumnWidth(k, w)
            heights = row_heights(grid, widths, QFontMetrics(self._view.font()))
            for r, h in enumerate(heights):
                self._view.setRowHeight(r, h)
            if self._frozen is not None:
                for k, w in enumerate(widths):
                    self._frozen.setColumnWidth(k, w)
                for r, h in enumerate(heights):
                    self._frozen.setRowHeight(r, h)
            frame = 2 * self._view.frameWidth()
            self._view.setMaximumHeight(sum(heights) + frame)
            self._place_frozen()
            self.updateGeometry()
        finally:
            self._view.relayouting = False

    def _place_frozen(self) -> None:
        if self._frozen is None or not self._model.grid.header_rows:
            return
        vp = self._view.viewport().geometry()
        height = sum(self._view.rowHeight(r) for r in range(self._model.grid.header_rows))
        self._frozen.setGeometry(vp.x(), vp.y(), vp.width(), min(height, vp.height()))
        self._frozen.raise_()

    def sizeHint(self) -> QSize:
        """The whole table, so a layout with room shows it without a scroll bar."""
        if self._model is None:
            return super().sizeHint()
        h = sum(self._view.rowHeight(r) for r in range(self._model.rowCount()))
        frame = 2 * self._view.frameWidth()
        return QSize(max(640, self._view.viewport().width() + frame), h + frame + 2)

    def minimumSizeHint(self) -> QSize:
        rows = min(self._model.rowCount(), (self._model.grid.header_rows or 0) + 4) if self._model else 4
        h = sum(self._view.rowHeight(r) for r in range(rows)) if self._model else 120
        return QSize(360, h + 2 * self._view.frameWidth())


def column_widths(weights: list[float], total: int) -> list[int]:
    """Integer widths proportional to `weights` that add up exactly to `total`."""
    total = max(total, len(weights) * 24)
    s = sum(weights)
    out, acc, done = [], 0.0, 0
    for w in weights:
        acc += w
        edge = round(total * acc / s)
        out.append(edge - done)
        done = edge
    return out


def row_heights(grid, widths: list[int], fm: QFontMetrics) -> list[int]:
    """Each row as tall as its most wrapped cell; spans over several rows grow their last row."""
    base = fm.height() + style.MIN_ROW_EXTRA
    heights = [base] * grid.n_rows
    pad_x, pad_y = 2 * style.PAD_X, 2 * style.PAD_Y + 2
    tall = []
    for c in grid.cells:
        if not c.text:
            continue
        width = sum(widths[c.col:c.col + c.colspan]) - pad_x
        need = text_height(fm, c.text, width) + pad_y
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], need)
        else:
            tall.append((c, need))
    for c, need in tall:
        have = sum(heights[c.row:c.row + c.rowspan])
        if need > have:
            extra = need - have
            for k in range(c.rowspan):  # share the extra height so no single row looks odd
                heights[c.row + k] += extra // c.rowspan + (1 if k < extra % c.rowspan else 0)
    return heights


class _SheetView(QTableView):
    """The value cells: Excel-like keys, copy/paste, refusal messages."""

    resized = Signal()

    def __init__(self, owner: GridView):
        super().__init__(owner)
        self.owner = owner
        self.header_rows = 0
        self.tall_labels: list[QModelIndex] = []  # labels spanning several rows (see paint)
        self.relayouting = False
        self._refused = False
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setShowGrid(False)  # the delegate draws the lines (see GridDelegate.paint)
        style.apply_table_palette(self)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setLineWidth(1)

    def gm(self) -> GridModel:
        return self.model()

    # -- geometry ------------------------------------------------------------------------------
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.resized.emit()

    def frozen_height(self) -> int:
        """Height of the header rows drawn over the top of the viewport."""
        return sum(self.rowHeight(r) for r in range(self.header_rows))

    def open_area(self) -> QRect:
        """The part of the viewport where the data rows are seen (below the frozen header)."""
        vp = self.viewport().rect()
        return vp.adjusted(0, min(self.frozen_height(), vp.height()), 0, 0)

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        if dy:
            # Labels spanning several rows are drawn in their visible part (GridDelegate.paint):
            # a scroll moves that part, so repaint them whole rather than only the exposed strip.
            area = self.open_area()
            for index in self.tall_labels:
                rect = self.visualRect(index)
                if rect.intersects(area):
                    self.viewport().update(rect)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        super().scrollTo(index, hint)
        # Keep the cell out from under the frozen header rows.
        if index.isValid() and index.row() >= self.header_rows > 0:
            top = self.frozen_height()
            rect = self.visualRect(index)
            if rect.top() < top:
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() - (top - rect.top()))

    # QAbstractItemView repaints the whole viewport whenever it gains or loses focus (for the
    # inactive selection colour, which this grid does not use).  Every cell edit moves the focus
    # to the editor and back: without this, each keystroke repainted every visible cell twice.
    def focusInEvent(self, event):
        self._without_full_repaint(lambda: super(_SheetView, self).focusInEvent(event))

    def focusOutEvent(self, event):
        self._without_full_repaint(lambda: super(_SheetView, self).focusOutEvent(event))

    def _without_full_repaint(self, handler) -> None:
        vp = self.viewport()
        vp.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, True)
        try:
            handler()
        finally:
            vp.setAttribute(Qt.WidgetAttribute.WA_UpdatesDisabled, False)
        current = self.currentIndex()
        if current.isValid():
            vp.update(self.visualRect(current))  # its focus border comes or goes

    def keyboardSearch(self, search):
        pass  # typing is for values, never for jumping to a label that starts with that letter

    # -- keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event):
        key, mods = event.key(), event.modifiers()
        plain = mods & ~Qt.KeyboardModifier.KeypadModifier in (Qt.KeyboardModifier.NoModifier,
                                                                 Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection_values()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.clear_selection_values()
        elif (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
              and self.state() != QAbstractItemView.State.EditingState):
            up = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            self.move_cursor(_Move.MoveUp if up else _Move.MoveDown)
        else:
            cell = self.gm().cell(self.currentIndex()) if self.model() else None
            if (cell is not None and cell.kind == COMPUTED and event.text().strip()
                    and event.text().isprintable() and plain):
                self.tell(COMPUTED_TYPING, self.currentIndex())
                return
            super().keyPressEvent(event)

    def inputMethodEvent(self, event):
        """A Chinese input method commits text to the view: start editing with it.

        QAbstractItemView opens the editor for such an event but does not hand the text on,
        so the first word typed through an input method would be lost.
        """
        index = self.currentIndex()
        if self.state() != QAbstractItemView.State.EditingState and event.commitString():
            cell = self.gm().cell(index)
            if cell is not None and cell.kind == COMPUTED:
                self.tell(COMPUTED_TYPING, index)
                return
            if self.gm().is_input(index) and self.edit(
                    index, QAbstractItemView.EditTrigger.AnyKeyPressed, event):
                editor = self.indexWidget(index)
                if editor is not None:
                    QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)

    def move_cursor(self, action) -> None:
        index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None):
        opened = super().edit(index, trigger, event)
        if opened and trigger in (QAbstractItemView.EditTrigger.EditKeyPressed,
                                  QAbstractItemView.EditTrigger.DoubleClicked):
            editor = self.indexWidget(index)
            if editor is not None and hasattr(editor, "deselect"):
                editor.deselect()  # F2 / double-click: edit in place, caret at the end
                editor.end(False)
        return opened

    def closeEditor(self, editor, hint):
        # Qt may announce the end of one edit twice (Enter's queued commit, then focus-out):
        # move only for the call that really closes an open editor.
        was_open = self.indexWidget(self.currentIndex()) is editor
        refused, self._refused = self._refused, False
        super().closeEditor(editor, _Hint.NoHint)
        if refused or not was_open:
            return  # stay on the cell so the clerk can type it again
        shift = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        if hint == _Hint.SubmitModelCache:  # Enter
            self.move_cursor(_Move.MoveUp if shift else _Move.MoveDown)
        elif hint == _Hint.EditNextItem:  # Tab
            self.move_cursor(_Move.MoveNext)
        elif hint == _Hint.EditPreviousItem:  # Shift+Tab
            self.move_cursor(_Move.MovePrevious)

    def commit_open_editor(self) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                self.commitData(editor)
                self.closeEditor(editor, _Hint.NoHint)

    # -- messages ------------------------------------------------------------------------------
    def input_refused(self, row: int, col: int, message: str) -> None:
        self._refused = True
        self.tell(message, self.gm().index(row, col))

    def tell(self, message: str, index: QModelIndex | None = None) -> None:
        self.owner.messageRequested.emit(message)
        if index is not None and index.isValid():
            rect = self.visualRect(index)
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message,
                              self.viewport(), rect, 6000)

    # -- selection helpers ---------------------------------------------------------------------
    def selected_cells(self):
        """The grid cells selected (each once, however many columns it spans), in grid order."""
        model = self.gm()
        seen = {}
        for index in self.selectionModel().selectedIndexes():
            c = model.cell(index)
            if c is not None and c.is_value:
                seen[(c.row, c.col)] = c
        if not seen:
            c = model.cell(self.currentIndex())
            if c is not None and c.is_value:
                seen[(c.row, c.col)] = c
        return [seen[k] for k in sorted(seen)]

    # -- clear, copy, paste --------------------------------------------------------------------
    def clear_selection_values(self) -> None:
        model = self.gm()
        cells = [c for c in self.selected_cells() if c.kind == VALUE]
        if not cells:
            if any(c.kind == COMPUTED for c in self.selected_cells()):
                self.tell(COMPUTED_TYPING, self.currentIndex())
            return
        model.doc.apply(changes.clear_cells([c.cell_id for c in cells]))

    def copy_selection(self) -> None:
        cells = self.selected_cells()
        if not cells:
            return
        model = self.gm()
        rows = copy_block(model.grid, {(c.row, c.col) for c in cells}, model.edit_text)
        clipboard.put_block(to_tsv(rows), to_html(rows))
        n = sum(len(line) for line in rows)
        self.owner.messageRequested.emit(f"已复制 {n} 个单元格。")

    def paste_clipboard(self) -> None:
        model = self.gm()
        mime = QApplication.clipboard().mimeData()
        text = mime.text() if mime is not None and mime.hasText() else None
        html = mime.html() if mime is not None and mime.hasHtml() else None
        block = read_block(text, html)
        cells = self.selected_cells()
        if not cells:
            self.tell("请先选中要粘贴到的单元格。")
            return
        entered = model.doc.report.cells
        if len(block) == 1 and len(block[0]) == 1 and len(cells) > 1:
            plan = plan_fill(model.fmt, [c.cell_id for c in cells], block[0][0], entered)
            targets = cells
        else:
            top = min(cells, key=lambda c: (c.row, c.col))
            plan = plan_paste(model.fmt, model.grid, block, (top.row, top.col), entered)
            targets = None
        if not plan.ok:
            self.tell(plan.message, self.currentIndex())
            return
        model.doc.set_cells(plan.values, "粘贴", plan.units)
        self._select_ids(targets, list(plan.values) + list(plan.ignored_totals))
        n = len(plan.values) + len(plan.ignored_totals)
        done = f"已粘贴 {n} 个单元格。" if targets is None else f"已将同一数值填入 {n} 个单元格。"
        self.owner.messageRequested.emit(done + (plan.message or ""))
        if plan.message:
            self.tell(done + plan.message, self.currentIndex())

    def _select_ids(self, targets, cell_ids) -> None:
        model = self.gm()
        if targets is not None:
            cell_ids = [c.cell_id for c in targets]
        sel = QItemSelection()
        for cid in cell_ids:
            index = model.index_of(cid)
            if index.isValid():
                sel.select(index, index)
        if not sel.isEmpty():
            self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)


class _FrozenRows(QTableView):
    """The header rows, drawn over the top of the sheet so they stay visible while it scrolls."""

    def __init__(self, sheet: QTableView, delegate):
        super().__init__(sheet)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setItemDelegate(delegate)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setShowGrid(False)
        style.apply_table_palette(self)

    def wheelEvent(self, event):
        self.parent().wheelEvent(event)  # scroll the sheet under the frozen rows
