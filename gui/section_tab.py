"""The page of one official section: a long text, or the section's tables plus a short note.

Text sections (一、五、六) get a centred editor column, because lines of 100 hanzi across a wide
screen are hard to follow.  Table sections (二、三、四) get the GridView, the 空白填0 button and
an optional explanatory text below a splitter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from gui.document import ReportDocument
from gui.looks import ElidedLabel, quiet_text
from gui.page import ScrollPage
from gui.text_section import PAGE_MAX_WIDTH, TextSectionEditor, centred_column
from gui.zoom_bar import ZoomBar
from model import terms

# Lines of text the optional note below a table shows: about two when empty (on a 768-pixel
# screen every row given to the note is a table row fewer), more when it has text.  In lines, not
# pixels: the pixels depend on the font and the screen's scale.
NOTE_EMPTY_LINES = 2
NOTE_FILLED_LINES = 5
TABLE_TIP = ("选中单元格直接输入数字，回车确认；可从 Excel 复制一块后按 Ctrl+V 粘贴（连同表头、项目名称一起复制也可以）。"
             "灰色底的合计由软件自动计算；虚线框是待填的空白单元格，右上角三角标出错误（红）或提示（橙）。"
             "按住 Ctrl 滚动滚轮可缩放表格。")
SHORT_TABLE_TIP = "输入数字后回车；可从 Excel 粘贴；灰底合计自动计算。"


class SectionTab(ScrollPage):
    messageRequested = Signal(str)  # for the status bar

    def __init__(self, doc: ReportDocument, section_id: str, parent=None):
        super().__init__(parent)
        self.doc, self.section_id = doc, section_id
        self.grid = None
        self._sized = False
        self._built = False
        self.setObjectName(f"page_{section_id}")
        # The page's widgets are built by ensure_built(): on first show, when anything asks for
        # them, or when the window builds the hidden pages just after its first paint.

    def is_built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        """Build the page's editors now (once)."""
        if self._built:
            return
        self._built = True
        sec = self.doc.fmt.section(self.section_id)
        if sec.kind == "tables":
            self._build_tables(sec)
        else:
            self._build_text(sec)
            self.setFocusProxy(self._text.edit)  # switching to the tab lands in the text
        self.doc.reportReplaced.connect(self._refresh_hint)
        if self.isVisible():
            # Built while being shown: show the new widgets now, not on a later turn of the
            # event loop (as the layout would), so that focus and sizes are right at once.
            for child in self.body.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                child.show()

    # The editors, built on first use.
    @property
    def text(self) -> TextSectionEditor:
        self.ensure_built()
        return self._text

    @property
    def fill_zero(self) -> QPushButton:
        self.ensure_built()
        return self._fill_zero

    @property
    def splitter(self) -> QSplitter:
        self.ensure_built()
        return self._splitter

    def _refresh_hint(self) -> None:
        # The two formats word some hints differently (六、其他需要报告的事项).
        self.text.edit.setPlaceholderText(self.doc.fmt.section(self.section_id).hint)

    def _title_row(self, sec) -> QHBoxLayout:
        """The official heading as the page title, with the page's controls on its right."""
        row = QHBoxLayout()
        title = QLabel(sec.heading)
        title.setObjectName(f"{sec.id}_title")
        font = title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        title.setFont(font)
        row.addWidget(title)
        self._title = title
        return row

    def _build_text(self, sec) -> None:
        col = centred_column(self.body)
        self._column = col.parentWidget()
        row = self._title_row(sec)
        row.addStretch(1)
        self.compare_button = QPushButton(f"对照{terms.LAST_YEAR}")
        self.compare_button.setObjectName(f"{sec.id}_compare")
        self.compare_button.setCheckable(True)
        self.compare_button.setChecked(True)
        self.compare_button.setToolTip("在右侧显示上年报告的这一部分，并标出本年改写和新写的句子")
        self.compare_button.toggled.connect(lambda _on: self._refresh_last_year())
        row.addWidget(self.compare_button)
        self.zoom_bar = ZoomBar(sec.id, with_fit=False)
        row.addWidget(self.zoom_bar)
        col.addLayout(row)
        self._text = TextSectionEditor(self.doc, sec.id, f"{sec.heading} 正文", sec.hint)
        self.zoom_bar.zoomIn.connect(self.zoom_in)
        self.zoom_bar.zoomOut.connect(self.zoom_out)
        self.zoom_bar.reset.connect(self.zoom_reset)
        self._text.edit.zoomChanged.connect(self._zoomed)
        self._last_year = None  # LastYearPane, built when there is a last year's text to show
        self._beside = QSplitter(Qt.Orientation.Horizontal)
        self._beside.setObjectName(f"{sec.id}_beside")
        self._beside.setChildrenCollapsible(False)
        self._beside.addWidget(self._text)
        col.addWidget(self._beside, 1)
        self.doc.reportReplaced.connect(self._refresh_last_year)
        self._refresh_last_year()

    @property
    def last_year(self):
        """The pane with last year's text (gui/last_year_view.LastYearPane)."""
        if self._last_year is None:
            from gui.last_year_view import LastYearPane

            pane = LastYearPane(self.section_id)
            pane.view.setFont(self._text.edit.font())
            pane.hide()
            self._text.compared.connect(pane.mark)
            self._beside.addWidget(pane)
            self._last_year = pane
        return self._last_year

    def _zoomed(self, zoom: float) -> None:
        self.zoom_bar.show_zoom(zoom)
        if self._last_year is not None:
            self._last_year.view.setFont(self._text.edit.font())

    def _refresh_last_year(self) -> None:
        """Show last year's text beside this year's when there is one (and the clerk wants it)."""
        ly = self.doc.report.last_year
        last = ly.texts.get(self.section_id, "") if ly is not None else ""
        self.compare_button.setVisible(bool(last))
        shown = bool(last) and self.compare_button.isChecked()
        if shown or self._last_year is not None:
            self.last_year.setVisible(shown)
        self._column.setMaximumWidth(2 * PAGE_MAX_WIDTH if shown else PAGE_MAX_WIDTH)
        if shown:
            self.last_year.show_text(ly.year, last)
            self._text.set_compare(last)
            self._beside.setSizes([1000, 1000])
        else:
            self._text.set_compare(None)

    def _build_tables(self, sec) -> None:
        lay = QVBoxLayout(self.body)
        lay.setContentsMargins(8, 6, 8, 4)
        bar = self._title_row(sec)
        self._title.setToolTip(TABLE_TIP)
        tip = ElidedLabel(SHORT_TABLE_TIP)  # 「…」 rather than widen the window (1024-pixel screens)
        tip.setObjectName(f"{sec.id}_table_tip")
        tip.setToolTip(TABLE_TIP)
        quiet_text(tip)
        bar.addSpacing(12)
        bar.addWidget(tip, 1)
        self.zoom_bar = ZoomBar(sec.id)
        self.zoom_bar.zoomIn.connect(self.zoom_in)
        self.zoom_bar.zoomOut.connect(self.zoom_out)
        self.zoom_bar.reset.connect(self.zoom_reset)
        self.zoom_bar.fit.connect(self.zoom_fit)
        bar.addWidget(self.zoom_bar)
        bar.addSpacing(8)
        self._fill_zero = QPushButton(terms.FILL_ZERO)
        self._fill_zero.setObjectName(f"{sec.id}_fill_zero")
        self._fill_zero.setAccessibleName("把本部分表格的空白单元格填为0")
        self._fill_zero.setToolTip("把本部分表格中所有空白的输入单元格填为 0（可撤销）")
        self._fill_zero.clicked.connect(self._fill_blanks)
        bar.addWidget(self._fill_zero)
        lay.addLayout(bar)

        self._splitter = QSplitter(Qt.Orientation.Vertical)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setHandleWidth(7)
        # The grid is built when the tab is first shown: three grids cost more than the rest of
        # the window, and the clerk starts on 基本信息.
        self._splitter.addWidget(QWidget())
        note = QWidget()
        note_lay = QVBoxLayout(note)
        note_lay.setContentsMargins(0, 4, 0, 0)
        self._text = TextSectionEditor(self.doc, sec.id, f"{sec.heading} {terms.NOTE}", sec.hint,
                                      label=f"{terms.NOTE}（可选，印在表格之后）")
        note_lay.addWidget(self.text, 1)
        self._splitter.addWidget(note)
        # A taller window is room for table rows; the note keeps the height it was given.
        self._splitter.setStretchFactor(0, 1)
        self._splitter.setStretchFactor(1, 0)
        self._splitter.setSizes([10000, 1])  # the note starts at its minimum; drag to enlarge
        lay.addWidget(self._splitter, 1)

    def showEvent(self, event) -> None:
        self.ensure_built()
        super().showEvent(event)
        if self.doc.fmt.section(self.section_id).kind == "tables" and not self._sized:
            self.ensure_grid()
            self._sized = True
            self.fit_splitter()

    def fit_splitter(self) -> None:
        """A short table (表四 has one row) gives its spare height to the note below it."""
        total = sum(self.splitter.sizes())
        want = self.grid.sizeHint().height()
        filled = bool(self.doc.report.text(self.section_id).strip())
        note = self.note_height(NOTE_FILLED_LINES if filled else NOTE_EMPTY_LINES)
        grid_h = max(min(want, total - note), min(total // 2, 200))
        self.splitter.setSizes([grid_h, total - grid_h])

    def note_height(self, lines: int) -> int:
        """Height of the note pane when its editor shows `lines` lines: caption row, margins and
        the editor's frame measured from the widgets; never below what the pane needs."""
        note, edit = self.splitter.widget(1), self.text.edit
        around = note.sizeHint().height() - edit.sizeHint().height()  # caption, spacing, margins
        inside = 2 * (edit.frameWidth() + round(edit.document().documentMargin()))
        want = around + inside + lines * edit.fontMetrics().lineSpacing()
        return max(want, note.minimumSizeHint().height())

    def ensure_grid(self):
        """The section's GridView, built on first use."""
        if self.grid is None:
            from gui.grid_view import GridView

            self.grid = GridView(self.doc, self.section_id)
            # The grid asks for its header plus four rows; on a 768-pixel screen that leaves no
            # room for the rest of the window, and the grid scrolls anyway.
            self.grid.setMinimumSize(360, 160)
            self.grid.messageRequested.connect(self.messageRequested)
            self.grid.zoomChanged.connect(lambda z: self.zoom_bar.show_zoom(z, self.grid.fit))
            old = self.splitter.replaceWidget(0, self.grid)
            old.deleteLater()
            # The sheet before 空白填0 in the focus chain: switching to this tab then lands in the
            # table, where digits can be typed, and not on a button that Space would press.
            QWidget.setTabOrder(self.grid.table_view(), self.fill_zero)
            QWidget.setTabOrder(self.fill_zero, self.text.edit)
            self.setFocusProxy(self.grid.table_view())
        return self.grid

    # -- zoom (the 查看 menu, Ctrl+= / Ctrl+- / Ctrl+0, the bar above the page) -----------------
    def is_table_page(self) -> bool:
        return self.doc.fmt.section(self.section_id).kind == "tables"

    def zoom_in(self) -> None:
        self._zoom_target().zoom_in()

    def zoom_out(self) -> None:
        self._zoom_target().zoom_out()

    def zoom_reset(self) -> None:
        self._zoom_target().set_zoom(1.0)

    def zoom_fit(self) -> None:
        if self.is_table_page():
            self.ensure_grid().fit_to_window()
            self.zoom_bar.show_zoom(self.grid.zoom, True)

    def _zoom_target(self):
        self.ensure_built()
        return self.ensure_grid() if self.is_table_page() else self.text.edit

    def _fill_blanks(self) -> None:
        self.ensure_grid().fill_blanks_and_tell()

    def commit_pending(self) -> None:
        """Write a value still open in a grid cell editor (before save, export, close)."""
        if self.grid is not None:
            self.grid.commit_open_editor()

    # -- used by the window when a finding is clicked ------------------------------------------
    def show_cell(self, cell_id: str) -> bool:
        if self.doc.fmt.section(self.section_id).kind != "tables":
            return False
        self.ensure_grid().select_cell(cell_id)
        self.grid.table_view().setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_text(self) -> None:
        self.text.edit.setFocus(Qt.FocusReason.OtherFocusReason)
