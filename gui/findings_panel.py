"""校验结果: every error and warning of the report, live, each one a click away from its cell.

The list is rebuilt only when the findings actually change, so typing in a text section (which
recomputes on every keystroke) does not reset the clerk's selection or scroll position.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QDockWidget, QLabel, QListView, QListWidget, QListWidgetItem, QStyle,
                               QVBoxLayout, QWidget)

from gui.document import ReportDocument
from model import terms
from model.checks import ERROR, SEVERITY_ZH, Finding

ERROR_COLOR = QColor("#b3261e")
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(f.severity == ERROR for f in findings)
    return errors, len(findings) - errors


class FindingsPanel(QDockWidget):
    findingActivated = Signal(object)  # a model.checks.Finding

    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(terms.FINDINGS, parent)
        self.doc = doc
        self.setObjectName("findings_dock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 2, 6, 6)
        lay.setSpacing(4)
        self.summary = QLabel()
        self.summary.setObjectName("findings_summary")
        lay.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("findings")
        self.list.setAccessibleName(f"{terms.FINDINGS}列表")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        lay.addWidget(self.list, 1)
        self.setWidget(body)

        style = self.style()
        self._icons = {
            ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "ok": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }
        self._shown: list[Finding] | None = None
        doc.recomputed.connect(self.refresh)
        doc.reportReplaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        findings = list(self.doc.findings)
        if findings == self._shown:
            return
        self._shown = findings
        self.list.clear()
        sections = {s.id: s.heading for s in self.doc.fmt.sections}
        sections["info"] = terms.INFO_PAGE
        for n, f in enumerate(findings):
            item = QListWidgetItem(self._icons.get(f.severity, self._icons["warning"]), f.message)
            item.setData(FINDING_ROLE, n)  # an index: plain data survives Qt's variant round trip
            where = sections.get(f.section, "")
            item.setToolTip(f"{SEVERITY_ZH.get(f.severity, terms.WARNING)}｜{where}\n{f.message}\n（点击定位）")
            if f.severity == ERROR:
                item.setForeground(QBrush(ERROR_COLOR))
            self.list.addItem(item)
        if not findings:
            item = QListWidgetItem(self._icons["ok"], "未发现问题。")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        errors, warnings = counts(findings)
        self.summary.setText(f"错误 {errors} 个，提示 {warnings} 个。点击一条即可定位。" if findings
                             else "全部校验通过。")

    def finding_at(self, item: QListWidgetItem) -> Finding | None:
        n = item.data(FINDING_ROLE)
        return self._shown[n] if n is not None and self._shown is not None else None

    def finding_items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())
                if self.list.item(i).data(FINDING_ROLE) is not None]

    def _activate(self, item: QListWidgetItem) -> None:
        n = item.data(FINDING_ROLE)
        if n is not None and self._shown is not None and 0 <= n < len(self._shown):
            self.findingActivated.emit(self._shown[n])
