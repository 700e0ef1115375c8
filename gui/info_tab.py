"""基本信息: agency, year, format, signing date, preamble and closing.

Every field writes through ReportDocument (undoable); the rules of these edits (the format
follows the year, a format switch drops cells) are model/changes.py's.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QWidget)

from gui.actions import pass_undo_keys, use_report_undo
from gui.document import ReportDocument
from gui.looks import SelectableLabel, quiet_text
from gui.page import ScrollPage
from gui.summary_note import SummaryNote
from gui.text_section import Banner, TextSectionEditor, centred_column
from model.draft_io import YEAR_RANGE
from model import terms
from model.changes import format_note
from model.formats import available_formats, load_format

NO_DATE = QDate(2000, 1, 1)  # shown as 未填 through the date edit's special value text
AGENCY_IDLE_MS = 700  # commit the agency name after a short pause in typing (one undo step)


class _DateEdit(QDateEdit):
    """A date field that Tab leaves, like every other field of the form.

    QDateEdit spends Tab on walking its year, month and day sections (and with the 未填 text
    shown it never leaves at all), which traps a clerk working through the form by keyboard;
    the arrow keys still move between the sections.
    """

    def focusNextPrevChild(self, next_: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next_)


class _FormatBox(QComboBox):
    """The format choice.  Until it is opened (or the window has painted) it holds only the
    report's own format: reading the other format files is start-up time no one sees."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._complete = False

    def show_format(self, fid: str) -> None:
        if self.findData(fid) < 0:
            self.addItem(load_format(fid).name, fid)
        self.setCurrentIndex(self.findData(fid))

    def fill(self) -> None:
        """Every available format, in order (keeps the current one)."""
        if self._complete:
            return
        self._complete = True
        current = self.currentData()
        with QSignalBlocker(self):
            self.clear()
            for fid in available_formats():
                self.addItem(load_format(fid).name, fid)
            self.setCurrentIndex(max(0, self.findData(current)))

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    def keyPressEvent(self, event) -> None:
        self.fill()
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        self.fill()
        super().wheelEvent(event)


START_HINT = (f"从这里开始：填写{terms.AGENCY}，核对{terms.YEAR}，然后依次打开上方各部分填写正文和表格。"
              f"右侧“{terms.FINDINGS}”随时列出需要修改的地方，点击即可定位。工作会自动保存恢复副本。"
              f"想先看看填好的报告是什么样子，可以{terms.OPEN_SAMPLE}。")
NEW_REPORT = "新建报告…"
# With the sample open, offering it again is no help; where the clerk is, and the way to their own
# report, are.
SAMPLE_HINT = (f"这是{terms.SAMPLE}的副本，可以随意查看和试改，{terms.SAMPLE}本身不会改变。"
               f"开始填写本单位的报告：点击右侧“{NEW_REPORT.rstrip('…')}”，或在“文件”菜单中选择“{terms.ROLLOVER}”。")


class InfoTab(ScrollPage):
    messageRequested = Signal(str)

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("page_info")
        lay = centred_column(self.body)
        lay.setSpacing(10)

        self.hint_banner = Banner(START_HINT, button_text=terms.OPEN_SAMPLE, kind="info", closable=True)
        self.hint_banner.setObjectName("banner")
        self.hint_banner.hide()
        lay.addWidget(self.hint_banner)
        self.summary_note = SummaryNote(doc)  # on a 汇总: the units it adds up
        lay.addWidget(self.summary_note)

        box = QGroupBox("报告基本信息")
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)

        self.agency = QLineEdit()
        self.agency.setObjectName("agency")
        self.agency.setAccessibleName(terms.AGENCY)
        self.agency.setPlaceholderText("如：××市××区××街道办事处")
        self.agency.setClearButtonEnabled(True)
        pass_undo_keys(self.agency)
        use_report_undo(self.agency, doc.undo_stack, before=self.commit_pending)
        self._agency_timer = QTimer(self, singleShot=True, interval=AGENCY_IDLE_MS)
        self._agency_timer.timeout.connect(self.commit_pending)
        self.agency.textEdited.connect(lambda _t: self._agency_timer.start())
        self.agency.editingFinished.connect(self.commit_pending)
        form.addRow(f"{terms.AGENCY}：", self.agency)

        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setAccessibleName(terms.YEAR)
        self.year.setRange(*YEAR_RANGE)
        self.year.setSuffix(" 年度")
        self.year.setKeyboardTracking(False)  # typing 2022 must not pass through year 2, 20, 202
        self.year.setMinimumWidth(120)
        pass_undo_keys(self.year)
        self.year.valueChanged.connect(self._year_changed)

        self.format = _FormatBox()
        # Shrinks with the window (the names are long): the page must fit 1366×768 at 150 %.
        self.format.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.format.setMinimumContentsLength(10)
        self.format.setObjectName("format")
        self.format.setAccessibleName(terms.FORMAT)
        self.format.activated.connect(self._format_chosen)
        self.format_note = QLabel()
        quiet_text(self.format_note)
        row = QHBoxLayout()
        row.addWidget(self.year)
        row.addSpacing(16)
        row.addWidget(QLabel("格式："))
        row.addWidget(self.format, 1)
        form.addRow(f"{terms.YEAR}：", row)
        form.addRow("", self.format_note)

        self.date = _DateEdit()
        self.date.setObjectName("date")
        self.date.setAccessibleName(terms.DATE)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setCalendarPopup(True)
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText("未填")
        self.date.setMinimumWidth(160)
        pass_undo_keys(self.date)
        self.date.dateChanged.connect(self._date_changed)
        today = QPushButton("今天")
        today.setAccessibleName(f"{terms.DATE}设为今天")
        today.clicked.connect(lambda: self.date.setDate(QDate.currentDate()))
        clear = QPushButton("清除")
        clear.setAccessibleName(f"清除{terms.DATE}")
        clear.clicked.connect(lambda: self.date.setDate(NO_DATE))
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(today)
        row.addWidget(clear)
        row.addStretch(1)
        form.addRow(f"{terms.DATE}：", row)

        self.title_preview = SelectableLabel()
        self.title_preview.setObjectName("title_preview")
        # The agency is the clerk's text: shown as typed (a "<font>" in it is not markup), as printed.
        self.title_preview.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(f"{terms.TITLE}：", self.title_preview)
        lay.addWidget(box)

        lay.addWidget(QLabel(f"{terms.PREAMBLE}（标题之后、正文之前的说明）"))
        self.preamble = TextSectionEditor(doc, "preamble", terms.PREAMBLE,
                                          "如：根据《中华人民共和国政府信息公开条例》……本报告所列数据的统计期限自"
                                          "×年1月1日起至×年12月31日止……")
        lay.addWidget(self.preamble, 3)
        lay.addWidget(QLabel(f"{terms.CLOSING}（正文之后的说明，可选）"))
        self.closing = TextSectionEditor(doc, "closing", terms.CLOSING,
                                         "如：本报告的电子版可在本机关门户网站下载……\n"
                                         "（机关名称和成文日期由软件自动落款，不必在此填写。）")
        lay.addWidget(self.closing, 2)

        doc.metaChanged.connect(self._on_meta)
        doc.reportReplaced.connect(self.reload)
        self.reload()

    # -- document → widgets --------------------------------------------------------------------
    def set_start_hint(self, sample_open: bool) -> None:
        """The first-start banner for the report shown: the sample is not offered while it is open."""
        if sample_open:
            self.hint_banner.set_message(SAMPLE_HINT, NEW_REPORT)
        else:
            self.hint_banner.set_message(START_HINT, terms.OPEN_SAMPLE)

    def reload(self) -> None:
        self._agency_timer.stop()
        r = self.doc.report
        if self.agency.text() != r.agency:
            with QSignalBlocker(self.agency):
                self.agency.setText(r.agency)
        with QSignalBlocker(self.year):
            self.year.setValue(r.year)
        with QSignalBlocker(self.format):
            self.format.show_format(r.format_id)
        with QSignalBlocker(self.date):
            self.date.setDate(QDate.fromString(r.date, "yyyy-MM-dd") if r.date else NO_DATE)
        self.format_note.setText(format_note(r))
        self.title_preview.setText(r.title if r.agency else f"（填写{terms.AGENCY}后显示）{r.title}")

    def _on_meta(self, field: str) -> None:
        if field in ("agency", "year", "date", "format_id"):
            self.reload()

    # -- widgets → document --------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Write a half-typed agency name now (before save, undo, close)."""
        self._agency_timer.stop()
        text = self.agency.text()
        if text != self.doc.report.agency:
            self.doc.set_meta("agency", text)

    def _year_changed(self, year: int) -> None:
        applied = self.doc.set_meta("year", year)
        if applied is not None and "format_id" in applied.details:
            self.messageRequested.emit(applied.note)

    def _format_chosen(self, index: int) -> None:
        applied = self.doc.set_meta("format_id", self.format.itemData(index))
        if applied is not None:
            self.messageRequested.emit(applied.note)

    def _date_changed(self, date: QDate) -> None:
        iso = "" if date == NO_DATE else date.toString("yyyy-MM-dd")
        self.doc.set_meta("date", iso)
