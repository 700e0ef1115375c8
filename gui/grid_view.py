"""A section's table (表二, 表三 or 表四) as a spreadsheet the clerk types into.

GridView is what the window embeds: one QTableView over a GridModel laid out like the official
annex, plus, for tables with header rows, a frozen copy of those rows that stays on top while
the data scroll (as Excel's 冻结窗格).  It behaves as Excel and WPS do: typing replaces the
current cell, Enter moves down, Tab right, F2 edits in place, Delete clears, Ctrl+C / Ctrl+V copy
and paste blocks (TSV and HTML tables) all-or-nothing.  Every change goes through the document,
so the window's Ctrl+Z / Ctrl+Y undo it.
"""

from __future__ import annotations

from PySide6.QtCore import (QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, QRect,
                            QSize, Qt, Signal)
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QApplication, QFrame, QMenu,
                               QTableView, QToolTip, QVBoxLayout, QWidget)

from gui import clipboard, grid_style as style
from gui.actions import display_only_shortcut
from gui.document import ReportDocument
from gui.grid_delegate import EDIT, ENTER, MODE_MESSAGES, CellEditor, GridDelegate
from gui.grid_frozen import COLUMNS, CORNER, ROWS, FrozenPane, repaint_tall_labels
from gui.grid_layout import column_widths, fit_zoom, label_columns, row_heights, table_width
from gui.grid_model import GridModel
from gui.zoom import clamp_zoom, next_zoom, zoomed_font
from gui.zoom_bar import FIT_TEXT
from model import changes, terms
from model.copy_block import copy_block, to_html, to_tsv
from model.grid import COMPUTED, GROUP, LABEL, VALUE
from model.paste import plan_fill, plan_paste, read_block, replaced_values

COMPUTED_TYPING = "合计由软件按各项自动计算，不能手工填写。"
COMPUTED_PASTE = "合计由软件按各项自动计算，不能粘贴，未粘贴任何内容。"


def paste_done(stored: int, totals: int, fill: bool = False) -> str:
    """What a paste did, counting the cells stored: a total the block covered is the software's
    (header rows or a label column skipped: the plan's message says so)."""
    done = f"已将同一数值填入 {stored} 个单元格" if fill else f"已粘贴 {stored} 个单元格"
    if totals:
        done += f"，另有 {totals} 个合计由软件计算，未{'填入' if fill else '粘贴'}"
    return done + "。"


def replaced_note(replaced: int) -> str:
    """Numbers a paste wrote over (one carried from last year's report, say): counted, so that
    none is replaced unseen."""
    return f"其中 {replaced} 个单元格原有不同的数字，已被替换（可撤销）。" if replaced else ""
_Hint = QAbstractItemDelegate.EndEditHint
_Move = QAbstractItemView.CursorAction


def grid_title(doc: ReportDocument, section_id: str) -> str:
    """Chinese accessible name, e.g. 表三 收到和处理政府信息公开申请情况."""
    sec = doc.fmt.section(section_id)
    return f"表{sec.no} {sec.title}"


class GridView(QWidget):
    messageRequested = Signal(str)  # Chinese status-bar message (why a paste was refused, …)
    zoomChanged = Signal(float)  # the zoom now shown (1.0 = 100 %)

    def __init__(self, doc: ReportDocument, section_id: str, parent=None, model_class=None):
        super().__init__(parent)
        self.doc = doc
        self.section_id = section_id
        self._model_class = model_class or GridModel  # the import review shows its own marks
        self._model: GridModel | None = None
        self._delegate = GridDelegate(self)
        self._view = _SheetView(self)
        self._panes: dict[str, FrozenPane] = {}
        self._base_font = QFont(self._view.font())
        self.zoom = 1.0
        self.fit = False  # 适合窗口: the zoom follows the height the table has
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The sheet takes the height up to its content (see _relayout's maximum height); a
        # short table leaves the rest to the page below instead of showing an empty frame.
        layout.addWidget(self._view, 1)
        layout.addStretch(0)
        self._view.setItemDelegate(self._delegate)
        self._view.resized.connect(self._relayout)
        for bar in (self._view.verticalScrollBar(), self._view.horizontalScrollBar()):
            bar.rangeChanged.connect(lambda *_: self._place_frozen())
        doc.reportReplaced.connect(self.rebuild)
        self.rebuild()

    # -- public API ----------------------------------------------------------------------------
    def table_view(self) -> QTableView:
        return self._view

    def model(self) -> GridModel:
        return self._model

    def frozen_pane(self, kind: str) -> FrozenPane | None:
        return self._panes.get(kind)

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

    def fill_blanks_and_tell(self) -> int:
        """空白填0 from a button or a menu: fills, and says what it did in the status bar."""
        n = self.fill_blanks_with_zero()
        self.messageRequested.emit(f"已把 {n} 个空白单元格填为 0（可撤销）。" if n
                                   else "本部分没有空白的输入单元格。")
        return n

    def context_menu(self) -> QMenu:
        """The grid's right-click menu (built anew each time: it is rarely opened)."""
        menu = QMenu(self)
        menu.setObjectName(f"{self.objectName()}_menu")
        for text, key, slot in (("剪切(&T)", QKeySequence.StandardKey.Cut, self.cut_selection),
                                ("复制(&C)", QKeySequence.StandardKey.Copy, self.copy_selection),
                                ("粘贴(&P)", QKeySequence.StandardKey.Paste, self.paste_clipboard),
                                ("清除(&D)", QKeySequence(Qt.Key.Key_Delete), self.clear_selection_values)):
            act = menu.addAction(text)
            display_only_shortcut(act, key)
            act.triggered.connect(lambda _c=False, slot=slot: slot())
        menu.addSeparator()
        fill = menu.addAction(f"{terms.FILL_ZERO}（本部分表格）")
        fill.triggered.connect(lambda _c=False: self.fill_blanks_and_tell())
        menu.addSeparator()
        for text, key, slot in (("放大", QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                                ("缩小", QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                                ("100%", QKeySequence("Ctrl+0"), lambda: self.set_zoom(1.0)),
                                (FIT_TEXT, None, self.fit_to_window)):
            act = menu.addAction(text)
            if key is not None:
                display_only_shortcut(act, key)
            act.triggered.connect(lambda _c=False, slot=slot: slot())
        return menu

    def cut_selection(self) -> None:
        self._view.copy_selection()
        self._view.clear_selection_values()

    def copy_selection(self) -> None:
        self._view.copy_selection()

    def paste_clipboard(self) -> None:
        self._view.paste_clipboard()

    def clear_selection_values(self) -> None:
        self._view.clear_selection_values()

    # -- zoom ----------------------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Show the table at `zoom` (0.5 … 2.0); ends 适合窗口."""
        self.fit = False
        self._apply_zoom(clamp_zoom(zoom))

    def zoom_in(self) -> None:
        self.set_zoom(next_zoom(self.zoom, +1))

    def zoom_out(self) -> None:
        self.set_zoom(next_zoom(self.zoom, -1))

    def fit_to_window(self) -> None:
        """The largest zoom (up to 100 %) at which the whole table shows without scrolling;
        kept while the window is resized, until the clerk zooms by hand."""
        self.fit = True
        self._apply_zoom(self._fitting_zoom())

    def _fitting_zoom(self) -> float:
        frame = 2 * self._view.frameWidth()
        # Measured at the width the rows have now, beside the scroll bar: once they fit, the bar
        # goes, the columns widen and the rows can only get shorter, so the fit holds.
        width = self._view.viewport().width()
        return fit_zoom(self._model.grid, self._base_font, width, self.height() - frame)

    def _apply_zoom(self, zoom: float) -> None:
        changed = abs(zoom - self.zoom) > 0.001
        self.zoom = zoom
        font = zoomed_font(self._base_font, zoom)
        for view in (self._view, *self._panes.values()):
            view.setFont(font)
            view.zoom = zoom  # the delegate scales the padding with it
        self._view.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if zoom > 1.0 else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._relayout()
        if changed:
            self.zoomChanged.emit(zoom)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit and self._model is not None and event.size().height() != event.oldSize().height():
            self._apply_zoom(self._fitting_zoom())

    def wheel_zoom(self, delta_y: int) -> None:
        if delta_y > 0:
            self.zoom_in()
        elif delta_y < 0:
            self.zoom_out()

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
        self._build_panes(grid, title)
        if old is not None:
            old.detach()
            old.deleteLater()
        if self.fit:
            self._apply_zoom(self._fitting_zoom())
        else:
            self._relayout()
        first = next((c for c in grid.cells if c.kind == VALUE), None)
        if first is not None:
            self._view.selectionModel().setCurrentIndex(
                self._model.index(first.row, first.col), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _build_panes(self, grid, title: str) -> None:
        """Header rows, label columns and their corner, frozen over the sheet."""
        wanted = []
        if grid.header_rows:
            wanted.append(ROWS)
        if label_columns(grid):
            wanted.append(COLUMNS)
            if grid.header_rows:
                wanted.append(CORNER)
        names = {ROWS: ("header", "表头"), COLUMNS: ("labels", "项目栏"), CORNER: ("corner", "表头")}
        for kind in (ROWS, COLUMNS, CORNER):
            pane = self._panes.get(kind)
            if kind not in wanted:
                if pane is not None:
                    pane.hide()
                continue
            if pane is None:
                # Its own delegate: a shared one would send the sheet's editor signals here too.
                pane = self._panes[kind] = FrozenPane(self._view, GridDelegate(self), kind)
                pane.setFont(self._view.font())
                pane.zoom = self.zoom
            pane.setModel(self._model)
            suffix, zh = names[kind]
            pane.setObjectName(f"{grid.id}_{suffix}")
            pane.setAccessibleName(f"{title}（{zh}）")
            pane.header_rows = grid.header_rows
            pane.tall_labels = list(self._view.tall_labels) if kind == COLUMNS else []
            pane.clearSpans()
            for c in grid.spans():
                if kind == COLUMNS or c.row < grid.header_rows:
                    pane.setSpan(c.row, c.col, c.rowspan, c.colspan)

    def _relayout(self) -> None:
        """Columns share the width by the Grid's weights; rows grow to show wrapped labels whole."""
        if self._model is None or self._view.relayouting:
            return
        self._view.relayouting = True
        try:
            grid = self._model.grid
            widths = column_widths(grid.col_weights, table_width(self._view.viewport().width(), self.zoom))
            heights = row_heights(grid, widths, QFontMetrics(self._view.font()), self.zoom)
            for view in (self._view, *self._panes.values()):
                for k, w in enumerate(widths):
                    view.setColumnWidth(k, w)
                for r, h in enumerate(heights):
                    view.setRowHeight(r, h)
            frame = 2 * self._view.frameWidth()
            bar = self._view.horizontalScrollBar()
            below = bar.sizeHint().height() if self.zoom > 1.0 else 0
            self._view.setMaximumHeight(sum(heights) + frame + below)
            self._place_frozen()
            self.updateGeometry()
        finally:
            self._view.relayouting = False

    def _place_frozen(self) -> None:
        if self._model is None or not self._panes:
            return
        grid = self._model.grid
        vp = self._view.viewport().geometry()
        head = min(sum(self._view.rowHeight(r) for r in range(grid.header_rows)), vp.height())
        labels = min(sum(self._view.columnWidth(k) for k in range(label_columns(grid))), vp.width())
        # The label columns are frozen only while the table is wider than the window.
        sideways = self._view.horizontalScrollBar().maximum() > 0
        places = {ROWS: (vp.x(), vp.y(), vp.width(), head),
                  COLUMNS: (vp.x(), vp.y(), labels, vp.height()),
                  CORNER: (vp.x(), vp.y(), labels, head)}
        for kind in (ROWS, COLUMNS, CORNER):  # stacked in this order: the corner on top
            pane = self._panes.get(kind)
            if pane is None or (kind == ROWS and not grid.header_rows) or (
                    kind != ROWS and not label_columns(grid)) or (kind == CORNER and not grid.header_rows):
                continue
            if kind != ROWS and not sideways:
                pane.hide()
                continue
            pane.setGeometry(*places[kind])
            pane.show()
            pane.follow()
            pane.raise_()

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


class _SheetView(QTableView):
    """The value cells: Excel-like keys, copy/paste, refusal messages."""

    resized = Signal()

    def __init__(self, owner: GridView):
        super().__init__(owner)
        self.owner = owner
        self.header_rows = 0
        self.tall_labels: list[QModelIndex] = []  # labels spanning several rows (see paint)
        self.relayouting = False
        self.zoom = 1.0  # set by GridView; the delegate scales the padding with it
        self._refused = False
        # Where a run of Tabs began: Enter then goes down from there, as in Excel (a row typed
        # cell by cell with Tab, Enter starts the next row in the same column).
        self._row_start: QPersistentModelIndex | None = None
        self._moving = False  # the cursor is moved by move_cursor (not a click or an arrow)
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
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # on when zoomed in
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
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
            repaint_tall_labels(self)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        # Keep the cell out from under the frozen header rows and label columns.
        rect = self.visualRect(index)
        if index.row() >= self.header_rows > 0:
            top = self.frozen_height()
            if rect.top() < top:
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() - (top - rect.top()))
        left = self.frozen_width()
        if left and rect.left() < left:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (left - rect.left()))

    def frozen_width(self) -> int:
        """Width of the label columns drawn over the left of the viewport (when zoomed in)."""
        if self.horizontalScrollBar().maximum() == 0:
            return 0
        return sum(self.columnWidth(k) for k in range(label_columns(self.gm().grid)))

    def wheelEvent(self, event):
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.owner.wheel_zoom(event.angleDelta().y())  # Ctrl+wheel zooms, as in Excel
            event.accept()
            return
        super().wheelEvent(event)

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

    def contextMenuEvent(self, event):
        index = self.indexAt(event.pos())
        if index.isValid() and self.gm().cell(index) is not None and self.gm().cell(index).is_value \
                and not self.selectionModel().isSelected(index):
            # A right click outside the selection acts on the cell clicked, as in Excel.
            self.setCurrentIndex(index)
        menu = self.owner.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

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
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.state() != QAbstractItemView.State.EditingState:
            self.move_cursor(_Move.MovePrevious if key == Qt.Key.Key_Backtab else _Move.MoveNext)
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
        current, start = self.currentIndex(), self._row_start
        tabbing = action in (_Move.MoveNext, _Move.MovePrevious)
        self._moving = True
        try:
            if (action in (_Move.MoveDown, _Move.MoveUp) and start is not None and start.isValid()
                    and start.row() == current.row()):  # Enter after Tabs: from where they began
                self.selectionModel().setCurrentIndex(QModelIndex(start),
                                                      QItemSelectionModel.SelectionFlag.NoUpdate)
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if index.isValid():
                self.setCurrentIndex(index)
                self.scrollTo(index)
        finally:
            self._moving = False
        self._row_start = (start or QPersistentModelIndex(current)) if tabbing else None

    def currentChanged(self, current, previous):
        super().currentChanged(current, previous)
        if not self._moving:  # a click, an arrow key, a finding shown: a new run of Tabs
            self._row_start = None

    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None):
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index) if opened else None
        if isinstance(editor, CellEditor) and not getattr(editor, "connected", False):
            editor.connected = True
            editor.leaveRequested.connect(lambda action, e=editor: self._leave_editor(e, action))
            editor.modeChanged.connect(lambda mode: self.owner.messageRequested.emit(MODE_MESSAGES[mode]))
        if editor is not None and trigger in (QAbstractItemView.EditTrigger.EditKeyPressed,
                                              QAbstractItemView.EditTrigger.DoubleClicked):
            editor.deselect()  # F2 / double-click: edit in place, caret at the end
            editor.end(False)
            if isinstance(editor, CellEditor):
                editor.mode = EDIT
        elif isinstance(editor, CellEditor):
            editor.mode = ENTER
        return opened

    def _leave_editor(self, editor, action) -> None:
        """An arrow key in 输入 mode: confirm the value and move, as Enter does downwards."""
        if self.indexWidget(self.currentIndex()) is not editor:
            return
        self.commitData(editor)
        refused = self._refused  # the value was not a number: stay (closeEditor keeps the cell)
        self.closeEditor(editor, _Hint.NoHint)
        if not refused:
            self.move_cursor(action)

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
        # The cells chosen: the blanks that keep cells picked apart in their columns are not copied.
        self.owner.messageRequested.emit(f"已复制 {len(cells)} 个单元格。")

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
        if not plan.values:  # every cell it covered is a total: nothing to store
            self.tell(COMPUTED_PASTE, self.currentIndex())
            return
        replaced = replaced_values(entered, plan.values)
        model.doc.set_cells(plan.values, "粘贴", plan.units)
        self._select_ids(targets, list(plan.values) + list(plan.ignored_totals))
        done = paste_done(len(plan.values), len(plan.ignored_totals), fill=targets is not None)
        note = (plan.message or "") + replaced_note(replaced)
        self.owner.messageRequested.emit(done + note)
        if note:
            self.tell(done + note, self.currentIndex())

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
