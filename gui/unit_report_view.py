"""A unit's report, read-only, with its findings: what the supervising office looks at before it
sends a report back.

The window shows a copy of the report: the tables as the same grids the clerk fills (cells with
errors marked), the texts as read-only text, and the findings list beside them; clicking a
finding shows its cell.  Nothing can be typed, pasted or deleted, and nothing is ever saved: the
unit's file is not touched.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QLabel, QMainWindow, QPlainTextEdit,
                               QTabWidget, QVBoxLayout, QWidget)

from gui.document import ReportDocument
from gui.findings_panel import FindingsPanel
from gui.plain_text import plain_label
from gui.screen_fit import fit_to_screen, may_shrink
from model import terms
from model.checks import Finding
from model.review_table import ReviewRow

INFO = "info"


class _NoEditKeys(QObject):
    """Swallows the keys that would change a grid (paste, cut, delete); copying still works."""

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.Paste) or event.matches(QKeySequence.StandardKey.Cut) \
                    or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                return True
        if event.type() == QEvent.Type.InputMethod:
            return True
        return False


def _read_only_text(text: str, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.setPlainText(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText("（未填写）")
    return edit


class UnitReportWindow(QMainWindow):
    def __init__(self, row: ReviewRow, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("unit_report_window")
        self.row = row
        # A copy: the grids and panels bind to a document, and no edit may ever reach the review.
        self.doc = ReportDocument(copy.deepcopy(row.report), parent=self)
        self.doc.findings = list(row.findings)  # with the cross-unit checks of the review
        self.setWindowTitle(f"{row.unit} — 只读查看 — 汇总与审核")
        self._no_edit = _NoEditKeys(self)

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(8, 8, 8, 0)
        head = plain_label(self._heading(), wrap=True, selectable=True)
        head.setObjectName("unit_heading")
        head.setStyleSheet("QLabel { background: #fff4ce; border: 1px solid #e6cf7a; border-radius: 4px;"
                           " padding: 6px; }")
        lay.addWidget(head)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("unit_tabs")
        self.tabs.setDocumentMode(True)
        may_shrink(self.tabs)  # a 1366×768 screen at 150 %: the tables scroll
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(body)

        self.pages: dict[str, QWidget] = {}
        self.grids: dict[str, object] = {}
        self._add_info_page()
        for sec in self.doc.fmt.sections:
            self._add_section_page(sec)

        self.findings = FindingsPanel(self.doc, self)
        self.findings.setFeatures(self.findings.DockWidgetFeature.NoDockWidgetFeatures)
        self.findings.findingActivated.connect(self.show_finding)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self.resizeDocks([self.findings], [170], Qt.Orientation.Vertical)
        fit_to_screen(self, 1200, 720)

    def _heading(self) -> str:
        r, row = self.doc.report, self.row
        parts = [f"只读查看：{row.unit}", f"状态：{row.status}",
                 f"{r.year}年度，{row.format_name}", f"文件：{row.file}"]
        if row.listed and row.listed != row.unit:
            parts.append(f"名单中的名称：{row.listed}")
        text = "　｜　".join(parts)
        extra = [n for n in row.all_notes if n]
        if extra:
            text += "\n" + "\n".join(extra)
        return text

    def _add_info_page(self) -> None:
        r = self.doc.report
        page = QWidget()
        page.setObjectName("unit_page_info")
        lay = QVBoxLayout(page)
        form = QFormLayout()
        for name, value in ((terms.AGENCY, r.agency or "（未填写）"), (terms.YEAR, f"{r.year}年度（{r.fmt.name}）"),
                            (terms.DATE, r.date or "（未填写）"), (terms.TITLE, r.title)):
            form.addRow(f"{name}：", plain_label(value, wrap=True, selectable=True))
        lay.addLayout(form)
        lay.addWidget(QLabel(terms.PREAMBLE))
        lay.addWidget(_read_only_text(r.text("preamble"), terms.PREAMBLE), 2)
        lay.addWidget(QLabel(terms.CLOSING))
        lay.addWidget(_read_only_text(r.text("closing"), terms.CLOSING), 1)
        self.pages[INFO] = page
        self.tabs.addTab(page, terms.INFO_PAGE)

    def _add_section_page(self, sec) -> None:
        page = QWidget()
        page.setObjectName(f"unit_page_{sec.id}")
        lay = QVBoxLayout(page)
        if sec.kind == "tables":
            from gui.grid_view import GridView

            grid = GridView(self.doc, sec.id)
            view = grid.table_view()
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.installEventFilter(self._no_edit)
            self.grids[sec.id] = grid
            lay.addWidget(grid, 3)
            note = self.doc.report.text(sec.id)
            if note.strip():
                lay.addWidget(QLabel(terms.NOTE))
                lay.addWidget(_read_only_text(note, f"{sec.heading} {terms.NOTE}"), 1)
        else:
            lay.addWidget(_read_only_text(self.doc.report.text(sec.id), f"{sec.heading} 正文"))
        self.pages[sec.id] = page
        self.tabs.addTab(page, sec.heading)

    def show_finding(self, finding: Finding) -> None:
        page = self.pages.get(finding.section) or self.pages[INFO]
        self.tabs.setCurrentWidget(page)
        grid = self.grids.get(finding.section)
        if grid is not None and finding.cells:
            grid.select_cell(finding.cells[0])
