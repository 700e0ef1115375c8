"""The review step of an import: what was read, before it becomes the clerk's draft.

The dialog shows the imported report as the window would — its tables in the same grids, read-only,
with every cell the importer could not read or is unsure of tinted (and its source text and reason in
the tooltip) — beside three lists: the cells and texts to check, the source lines that were not used,
and the report's own findings (a published report's arithmetic errors show here).  Its texts are on
a page of their own.  Nothing reaches the window until the clerk confirms.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QSpinBox, QSplitter, QTabWidget,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from gui import grid_style as style
from gui.document import ReportDocument
from gui.grid_model import GridModel
from gui.grid_view import GridView
from gui.plain_text import plain_label, tooltip
from gui.screen_fit import fit_to_screen, may_shrink
from model import terms
from model.checks import ERROR, SEVERITY_ZH
from model.draft_io import YEAR_RANGE
from model.grid import VALUE, COMPUTED
from model.importing import UNREAD, Doubt, ImportResult

UNREAD_BG = QColor("#E4D7F5")  # not read: blank here, look at the source
DOUBT_BG = QColor("#FFD9A8")  # read, but to be compared with the source
UNREAD_ZH, DOUBT_ZH = "未读取", "待核对"
IMPORT, ROLLOVER = "import", "rollover"
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
KEY_ROLE = Qt.ItemDataRole.UserRole + 11
DETAIL_NAMES = {"year": terms.YEAR, "agency": terms.AGENCY, "date": terms.DATE}


class ReviewDocument(ReportDocument):
    """The imported report, shown and never changed: every edit is refused."""

    def __init__(self, result: ImportResult, parent=None):
        self.doubts: dict[str, Doubt] = result.doubtful_cells()
        super().__init__(result.report, None, parent)

    def apply(self, change):
        return None


class ReviewGridModel(GridModel):
    """A section grid of the imported report: read-only, unread and doubtful cells tinted."""

    def _doubt(self, cell_id: str | None) -> Doubt | None:
        return getattr(self.doc, "doubts", {}).get(cell_id) if cell_id else None

    def flags(self, index):
        c = self.cell(index)
        return _READ_ONLY if c is not None and c.is_value else Qt.ItemFlag.NoItemFlags

    def is_input(self, index) -> bool:
        return False

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        return False

    def _background(self, c):
        doubt = self._doubt(c.cell_id)
        if doubt is not None and c.kind in (VALUE, COMPUTED):
            return UNREAD_BG if doubt.kind == UNREAD else DOUBT_BG
        return super()._background(c)

    def _tooltip(self, c) -> str:
        tip = super()._tooltip(c)
        doubt = self._doubt(c.cell_id)
        if doubt is None:
            return tip
        seen = f"来源中为“{escape(doubt.source)}”。" if doubt.source else "来源中没有内容。"
        extra = f"<br/><b>{UNREAD_ZH if doubt.kind == UNREAD else DOUBT_ZH}</b>：{escape(doubt.reason)}。{seen}"
        return tip.replace("</qt>", extra + "</qt>") if tip.endswith("</qt>") else tip + extra

    def _accessible(self, c) -> str:
        text = super()._accessible(c)
        doubt = self._doubt(c.cell_id)
        if doubt is None:
            return text
        return f"{text}（{UNREAD_ZH if doubt.kind == UNREAD else DOUBT_ZH}：{doubt.reason}）"


def place_name(fmt, key: str) -> str:
    """Where a doubt is, in the clerk's words."""
    if key in fmt.cells:
        return fmt.cells[key].describe()
    if key in DETAIL_NAMES:
        return DETAIL_NAMES[key]
    if key in fmt.text_keys():
        return terms.text_name(fmt, key)
    return key


class ImportReviewDialog(QDialog):
    """Shows an ImportResult; accept() means the clerk wants it (as a draft, or to roll over)."""

    doubtActivated = Signal(str)

    def __init__(self, result: ImportResult, purpose: str = IMPORT, parent=None, next_year: int | None = None,
                 undated: bool = False):
        """`next_year` (从上年报告创建): the year of the report to create, offered in the year box;
        `undated`: the source told no year, so the report read is taken as the one of the year
        before the chosen one."""
        super().__init__(parent)
        self.result = result
        self.purpose = purpose
        report = result.report
        fmt = report.fmt
        self.setObjectName("import_review")
        self.setWindowTitle(f"导入报告：{result.source}" if purpose == IMPORT else f"{terms.ROLLOVER}：{result.source}")
        self.doc = ReviewDocument(result, self)
        n_unread = sum(d.kind == UNREAD for d in result.doubtful)
        n_doubt = len(result.doubtful) - n_unread

        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        head = result.messages[0] if result.messages else result.source
        detail = f"{terms.AGENCY}：{report.agency or '（未读到）'}　{terms.YEAR}：{report.year}"
        if report.date:
            detail += f"　{terms.DATE}：{report.date}"
        verdict = ("全部读取，没有需要核对之处。" if result.complete else
                   f"有 {n_unread} 处未读取、{n_doubt} 处待核对，已在表中标出，请对照来源检查。")
        self.summary.setText(f"{head}\n{detail}\n{verdict}")
        layout.addWidget(self.summary)
        layout.addWidget(_legend())

        self.tabs = QTabWidget()
        self.tabs.setObjectName("import_tabs")
        self.tabs.setDocumentMode(True)
        may_shrink(self.tabs)  # a 1366×768 screen at 150 %: the tables scroll
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._overview(), "读取情况")
        self.texts = self._texts_page()
        self.tabs.addTab(self.texts, "正文")
        self.grids: dict[str, GridView] = {}
        for sec in fmt.sections:
            if sec.kind != "tables":
                continue
            grid = GridView(self.doc, sec.id, model_class=ReviewGridModel)
            self.grids[sec.id] = grid
            marked = sum(1 for cid in self.doc.doubts if fmt.cells[cid].table.section == sec.id)
            self.tabs.addTab(grid, f"{sec.heading}{f'（{marked}）' if marked else ''}")

        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("导入为新报告", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("import_accept")
        cancel = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("import_cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.year_box: QSpinBox | None = None
        if purpose == ROLLOVER:  # the year of the report to create is asked here, and only here
            layout.addWidget(self._year_row(next_year or report.year + 1, undated, buttons))
        else:
            layout.addWidget(buttons)
        fit_to_screen(self, 1180, 680)  # a 1366×768 screen at 100 %; less when scaled

    # -- the year of the report to create (从上年报告创建) ------------------------------------------
    def _year_row(self, offered: int, undated: bool, buttons: QDialogButtonBox) -> QWidget:
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        label = plain_label(f"本年的{terms.YEAR}：")
        box = QSpinBox()
        box.setObjectName("import_new_year")
        box.setAccessibleName(f"本年的{terms.YEAR}")
        box.setRange(*YEAR_RANGE)
        box.setValue(max(YEAR_RANGE[0], min(offered, YEAR_RANGE[1])))
        box.setSuffix(" 年度")
        box.setMinimumWidth(120)
        label.setBuddy(box)
        if undated:  # the year to check: tinted as the cells to check are
            pal = box.palette()
            pal.setColor(QPalette.ColorRole.Base, DOUBT_BG)
            box.setPalette(pal)
        self.year_box = box
        self.year_note = plain_label("", wrap=True)
        self.year_note.setObjectName("import_year_note")
        self._undated = undated
        box.valueChanged.connect(self._year_chosen)
        row.addWidget(label)
        row.addWidget(box)
        row.addWidget(self.year_note, 1)
        row.addWidget(buttons)
        self._year_chosen(box.value())
        return row_widget

    def _year_chosen(self, year: int) -> None:
        """The button names exactly the report it creates; the note says what last year's is."""
        self.ok_button.setText(f"据此创建{year}年度报告")
        last = year - 1 if self._undated else self.result.report.year
        self.year_note.setText(
            f"来源中没有报告年度，所读报告作为 {last} 年度（上年）的报告，请核对。" if self._undated else
            f"所读的 {last} 年度报告作为上年报告，其数字和正文带入新报告。")

    def new_year(self) -> int | None:
        """The year of the report to create (从上年报告创建); None on a plain import."""
        return self.year_box.value() if self.year_box is not None else None

    # -- pages ---------------------------------------------------------------------------------
    def _overview(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        split = QSplitter(Qt.Orientation.Horizontal)
        row.addWidget(split)
        fmt = self.result.report.fmt

        self.doubt_list = QTreeWidget()
        self.doubt_list.setObjectName("import_doubts")
        self.doubt_list.setAccessibleName("未读取或待核对")
        self.doubt_list.setHeaderLabels(["", "位置", "来源中为"])
        self.doubt_list.setRootIsDecorated(False)
        self.doubt_list.setAlternatingRowColors(False)
        for d in self.result.doubtful:
            where = place_name(fmt, d.key)
            item = QTreeWidgetItem([UNREAD_ZH if d.kind == UNREAD else DOUBT_ZH, where, d.source or "（无）"])
            item.setData(0, KEY_ROLE, d.key)
            item.setData(1, KEY_ROLE, f"{where}\n{d.reason}。" + (f"来源中为“{d.source}”。" if d.source else ""))
            for col in range(3):
                item.setToolTip(col, tooltip(d.reason))  # may quote the source's text
            item.setBackground(0, UNREAD_BG if d.kind == UNREAD else DOUBT_BG)
            self.doubt_list.addTopLevelItem(item)
        self.doubt_list.setColumnWidth(0, 64)
        self.doubt_list.setColumnWidth(1, 380)
        self.doubt_list.itemActivated.connect(lambda item, _col: self.show_place(item.data(0, KEY_ROLE)))
        self.doubt_detail = QLabel("选中一项可看到原因。" if self.result.doubtful else "")
        self.doubt_detail.setObjectName("import_doubt_detail")
        self.doubt_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.doubt_detail.setWordWrap(True)
        self.doubt_detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.doubt_list.currentItemChanged.connect(
            lambda item, _prev: self.doubt_detail.setText(item.data(1, KEY_ROLE) if item else ""))
        box = _titled(f"未读取或待核对（{len(self.result.doubtful)}）", self.doubt_list,
                      "双击一项，转到它在表中或正文中的位置。" if self.result.doubtful else "没有。")
        box.layout().addWidget(self.doubt_detail)
        split.addWidget(box)

        right = QSplitter(Qt.Orientation.Vertical)
        self.unused_list = QListWidget()
        self.unused_list.setObjectName("import_unused")
        self.unused_list.setAccessibleName("来源中未使用的内容")
        self.unused_list.setWordWrap(True)
        for line in self.result.unused_lines:
            QListWidgetItem(line, self.unused_list)
        right.addWidget(_titled(f"来源中未使用的内容（{len(self.result.unused_lines)}）", self.unused_list,
                                "这些行没有对应到报告的任何部分，请确认其中没有需要的内容。"
                                if self.result.unused_lines else "没有。"))
        self.findings_list = QTreeWidget()
        self.findings_list.setObjectName("import_findings")
        self.findings_list.setAccessibleName(terms.FINDINGS)
        self.findings_list.setHeaderLabels(["", "说明"])
        self.findings_list.setRootIsDecorated(False)
        self.findings_list.setWordWrap(True)
        findings = self.doc.findings
        for f in findings:
            item = QTreeWidgetItem([SEVERITY_ZH[f.severity], f.message])
            item.setForeground(0, style.ERROR_MARK if f.severity == ERROR else style.WARNING_MARK)
            if f.cells:
                item.setData(0, KEY_ROLE, f.cells[0])
            elif f.text_key:
                item.setData(0, KEY_ROLE, f.text_key)
            self.findings_list.addTopLevelItem(item)
        self.findings_list.setColumnWidth(0, 48)
        self.findings_list.itemActivated.connect(lambda item, _col: self.show_place(item.data(0, KEY_ROLE)))
        n_err = sum(f.severity == ERROR for f in findings)
        right.addWidget(_titled(f"来源报告本身的{terms.FINDINGS}（{n_err} 个错误，{len(findings) - n_err} 个提示）",
                                self.findings_list, "导入后仍会显示在“校验结果”中。"))
        self.messages = QPlainTextEdit("\n".join(self.result.messages))
        self.messages.setObjectName("import_messages")
        self.messages.setAccessibleName("读取说明")
        self.messages.setReadOnly(True)
        right.addWidget(_titled("读取说明", self.messages, ""))
        split.addWidget(right)
        split.setSizes([620, 500])
        return page

    def _texts_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        report = self.result.report
        fmt = report.fmt
        self.text_list = QListWidget()
        self.text_list.setObjectName("import_text_keys")
        self.text_list.setAccessibleName("正文各部分")
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("import_text")
        self.text_view.setReadOnly(True)
        doubted = {d.key for d in self.result.doubtful}
        for key in ["preamble", *[s.id for s in fmt.sections], "closing"]:
            text = report.text(key)
            name = terms.text_name(fmt, key)
            label = f"{name}（{len(text)} 字）" if text else f"{name}（无）"
            item = QListWidgetItem(label, self.text_list)
            item.setData(KEY_ROLE, key)
            if key in doubted:
                item.setBackground(UNREAD_BG)
        self.text_list.currentItemChanged.connect(
            lambda item, _prev: self.text_view.setPlainText(report.text(item.data(KEY_ROLE)) if item else ""))
        self.text_list.setCurrentRow(1 if self.text_list.count() > 1 else 0)
        self.text_list.setMaximumWidth(400)
        self.text_list.setMinimumWidth(360)
        row.addWidget(self.text_list)
        row.addWidget(self.text_view, 1)
        return page

    # -- navigation ----------------------------------------------------------------------------
    def show_place(self, key: str | None) -> None:
        """Show a cell in its grid, or a text on the 正文 page."""
        if not key:
            return
        if key == "year" and self.year_box is not None:  # 从上年报告创建: the year is chosen here
            self.year_box.setFocus(Qt.FocusReason.OtherFocusReason)
            self.year_box.selectAll()
        fmt = self.result.report.fmt
        if key in fmt.cells:
            sec = fmt.cells[key].table.section
            grid = self.grids.get(sec)
            if grid is not None:
                self.tabs.setCurrentWidget(grid)
                grid.select_cell(key)
        else:
            for i in range(self.text_list.count()):
                if self.text_list.item(i).data(KEY_ROLE) == key:
                    self.tabs.setCurrentWidget(self.texts)
                    self.text_list.setCurrentRow(i)
                    return
        self.doubtActivated.emit(key)


def _titled(title: str, body: QWidget, hint: str) -> QWidget:
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    label = plain_label(title)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    col.addWidget(label)
    if hint:
        col.addWidget(plain_label(hint, wrap=True))
    col.addWidget(body, 1)
    return box


def _legend() -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for color, text in ((UNREAD_BG, f"{UNREAD_ZH}：来源中没有或无法识别，表中留空"),
                        (DOUBT_BG, f"{DOUBT_ZH}：已读取，请对照来源核对")):
        swatch = QLabel()
        swatch.setFixedSize(14, 14)
        swatch.setStyleSheet(f"background:{color.name()}; border:1px solid #8E9AA8;")
        row.addWidget(swatch)
        row.addWidget(plain_label(text))
        row.addSpacing(16)
    row.addStretch(1)
    return box
