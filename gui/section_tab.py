"""The page of one official section: a long text, or the section's tables plus a short note.

Text sections (一、五、六) get a centred editor column, because lines of 100 hanzi across a wide
screen are hard to follow.  Table sections (二、三、四) get the GridView, the 空白填0 button and
an optional explanatory text below a splitter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget)

from gui.document import ReportDocument
from gui.text_section import TextSectionEditor, centred_column
from model import terms

# Lines of text the optional note below a table shows: about two when empty (on a 768-pixel
# screen every row given to the note is a table row fewer), more when it has text.  In lines, not
# pixels: the pixels depend on the font and the screen's scale.
NOTE_EMPTY_LINES = 2
NOTE_FILLED_LINES = 5


class SectionTab(QWidget):
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
            for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
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

    def _build_text(self, sec) -> None:
        col = centred_column(self)
        title = QLabel(sec.heading)
        title.setObjectName(f"{sec.id}_title")
        font = title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        title.setFont(font)
        col.addWidget(title)
        self._text = TextSectionEditor(self.doc, sec.id, f"{sec.heading} 正文", sec.hint)
        col.addWidget(self.text, 1)

    def _build_tables(self, sec) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        self._fill_zero = QPushButton(terms.FILL_ZERO)
        self._fill_zero.setObjectName(f"{sec.id}_fill_zero")
        self._fill_zero.setAccessibleName("把本部分表格的空白单元格填为0")
        self._fill_zero.setToolTip("把本部分表格中所有空白的输入单元格填为 0（可撤销）")
        self._fill_zero.clicked.connect(self._fill_blanks)
        tip = QLabel("选中单元格直接输入数字，回车确认；可从 Excel 复制一块后按 Ctrl+V 粘贴。"
                     "灰色底的合计由软件自动计算。")
        tip.setStyleSheet("color: palette(placeholder-text);")
        tip.setWordWrap(True)
        bar.addWidget(tip, 1)
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
        self._splitter.setStretchFactor(0, 5)
        self._splitter.setStretchFactor(1, 1)
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
            old = self.splitter.replaceWidget(0, self.grid)
            old.deleteLater()
            # The sheet before 空白填0 in the focus chain: switching to this tab then lands in the
            # table, where digits can be typed, and not on a button that Space would press.
            QWidget.setTabOrder(self.grid.table_view(), self.fill_zero)
            QWidget.setTabOrder(self.fill_zero, self.text.edit)
            self.setFocusProxy(self.grid.table_view())
        return self.grid

    def _fill_blanks(self) -> None:
        n = self.ensure_grid().fill_blanks_with_zero()
        self.messageRequested.emit(f"已把 {n} 个空白单元格填为 0（可撤销）。" if n
                                   else "本部分没有空白的输入单元格。")

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
