"""校验结果: every error, warning and hint of the report, live, each one a click away from its place.

The list is rebuilt only when the findings actually change, so typing in a text section (which
recomputes on every keystroke) does not reset the clerk's selection or scroll position.

A warning or hint can be set aside (不再提示, from the context menu, with an optional reason); it
then leaves the list and is kept in the draft.  「显示已忽略」 shows the dismissed ones again, greyed
and with their reason, and restores any of them.  Errors cannot be set aside.  The menu also offers
what fixes a finding at once: 标记为已复核 for text carried over, 规范标点 for punctuation.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QDockWidget, QHBoxLayout, QLineEdit, QListView, QListWidget,
                               QListWidgetItem, QMenu, QVBoxLayout, QWidget)

from gui.document import ReportDocument
from gui.icons import icon
from gui.looks import WrappedLabel
from gui.plain_text import tooltip
from model import terms
from model.findings import ERROR, HINT, SEVERITY_ZH, WARNING, Finding
from model.dismissals import MAX_REASON, Dismissal, can_dismiss

ERROR_COLOR = QColor("#b3261e")
DISMISSED_COLOR = QColor("#8a8a8a")
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 2  # True for an item that was set aside

CHECKING = "正在校验……"  # while the report is not checked yet (the window's first moments)

# Rules whose finding a one-step command resolves (offered in the context menu).
REVIEW_RULE = "text_not_reviewed"
PUNCTUATION_RULE = "text_punctuation"


def counts(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings); hints are counted apart (hint_count)."""
    errors = sum(f.severity == ERROR for f in findings)
    return errors, sum(f.severity == WARNING for f in findings)


def hint_count(findings: list[Finding]) -> int:
    return sum(f.severity == HINT for f in findings)


def _counts_text(errors: int, warnings: int, hints: int) -> str:
    parts = [f"错误 {errors} 个", f"提示 {warnings} 个"] + ([f"建议 {hints} 条"] if hints else [])
    return "，".join(parts) + "。点击一条即可定位。"


class FindingsPanel(QDockWidget):
    findingActivated = Signal(object)  # a model.checks.Finding
    messageRequested = Signal(str)  # for the status bar

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
        top = QHBoxLayout()
        # Room for the usual counts from the start, a longer summary wrapped: the panel keeps its
        # width whatever the counts (the first picture's 正在校验 included), never pushing the
        # tables aside while the clerk types.
        self.summary = WrappedLabel()
        self.summary.setObjectName("findings_summary")
        self.summary.setMinimumWidth(self.summary.fontMetrics().horizontalAdvance(_counts_text(10, 10, 0)))
        top.addWidget(self.summary, 1)
        self.show_dismissed = QCheckBox(terms.SHOW_DISMISSED)
        self.show_dismissed.setObjectName("show_dismissed")
        self.show_dismissed.setAccessibleName("显示已忽略的提示")
        self.show_dismissed.setToolTip("列出已设为“不再提示”的提示，右键可恢复")
        self.show_dismissed.toggled.connect(lambda _on: self.refresh(force=True))
        top.addWidget(self.show_dismissed)
        lay.addLayout(top)
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
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        lay.addWidget(self.list, 1)
        self.setWidget(body)

        self._icons = {ERROR: icon("error"), WARNING: icon("warning"), HINT: icon("hint"), "ok": icon("ok")}
        self._shown: list[Finding] | None = None  # what the items stand for, by index
        self._state = None
        doc.recomputed.connect(self.refresh)
        doc.reportReplaced.connect(self.refresh)
        self.refresh()

    # -- the list ------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        if not self.doc.checked:
            self._show_unchecked()
            return
        findings = list(self.doc.findings)
        aside: list[tuple[Finding, Dismissal]] = list(self.doc.dismissed)
        state = (findings, aside, self.show_dismissed.isChecked())
        if state == self._state and not force:
            return
        self._state = state
        shown = findings + ([f for f, _ in aside] if self.show_dismissed.isChecked() else [])
        self._shown = shown
        self.list.clear()
        sections = {s.id: s.heading for s in self.doc.fmt.sections}
        sections["info"] = terms.INFO_PAGE
        for n, f in enumerate(findings):
            item = QListWidgetItem(self._icons.get(f.severity, self._icons[WARNING]), f.message)
            item.setData(FINDING_ROLE, n)  # an index: plain data survives Qt's variant round trip
            where = sections.get(f.section, "")
            extra = "；右键可选“不再提示”" if can_dismiss(f) else ""
            item.setToolTip(tooltip(f"{SEVERITY_ZH.get(f.severity, terms.WARNING)}｜{where}\n{f.message}\n"
                                    f"（点击定位{extra}）"))  # messages quote the clerk's text
            if f.severity == ERROR:
                item.setForeground(QBrush(ERROR_COLOR))
            self.list.addItem(item)
        if self.show_dismissed.isChecked():
            for n, (f, d) in enumerate(aside, start=len(findings)):
                why = f"（{d.reason}）" if d.reason else ""
                item = QListWidgetItem(self._icons.get(f.severity, self._icons[WARNING]),
                                       f"【已忽略{why}】{f.message}")
                item.setData(FINDING_ROLE, n)
                item.setData(DISMISSED_ROLE, True)
                item.setForeground(QBrush(DISMISSED_COLOR))
                item.setToolTip(tooltip(f"已设为不再提示{why}。右键可恢复。\n{f.message}"))
                self.list.addItem(item)
        if not findings:
            item = QListWidgetItem(self._icons["ok"], "未发现问题。")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.insertItem(0, item)
        self.summary.setText(self._summary(findings, aside))
        self.show_dismissed.setText(f"{terms.SHOW_DISMISSED}（{len(aside)}）" if aside
                                    else terms.SHOW_DISMISSED)
        self.show_dismissed.setEnabled(bool(aside) or self.show_dismissed.isChecked())

    def _show_unchecked(self) -> None:
        """The window painted before the checks ran (at start, for a few milliseconds): nothing
        is listed, never "no problems" (doc.checked)."""
        self._state, self._shown = None, []
        self.list.clear()
        self.summary.setText(CHECKING)
        self.show_dismissed.setText(terms.SHOW_DISMISSED)
        self.show_dismissed.setEnabled(self.show_dismissed.isChecked())

    @staticmethod
    def _summary(findings: list[Finding], aside) -> str:
        if not findings:
            text = "全部校验通过。"
        else:
            errors, warnings = counts(findings)
            text = _counts_text(errors, warnings, hint_count(findings))
        if aside:
            text += f"（另有 {len(aside)} 条已忽略）"
        return text

    def finding_at(self, item: QListWidgetItem) -> Finding | None:
        n = item.data(FINDING_ROLE)
        return self._shown[n] if n is not None and self._shown is not None and 0 <= n < len(self._shown) else None

    def is_dismissed_item(self, item: QListWidgetItem) -> bool:
        return bool(item.data(DISMISSED_ROLE))

    def finding_items(self) -> list[QListWidgetItem]:
        """The items of findings still shown (not the dismissed ones)."""
        return [self.list.item(i) for i in range(self.list.count())
                if self.list.item(i).data(FINDING_ROLE) is not None
                and not self.list.item(i).data(DISMISSED_ROLE)]

    def dismissed_items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count()) if self.list.item(i).data(DISMISSED_ROLE)]

    def step(self, step: int) -> Finding | None:
        """Select the next (step=1) or previous (-1) finding after the selected one, wrapping."""
        items = self.finding_items()
        if not items:
            return None
        rows = [self.list.row(i) for i in items]
        current = self.list.currentRow()
        if current in rows:
            k = (rows.index(current) + step) % len(rows)
        else:
            k = 0 if step > 0 else len(rows) - 1
        self.list.setCurrentRow(rows[k])
        self.list.scrollToItem(items[k])
        return self.finding_at(items[k])

    def _activate(self, item: QListWidgetItem) -> None:
        f = self.finding_at(item)
        if f is not None:
            self.findingActivated.emit(f)

    # -- the context menu ----------------------------------------------------------------------
    def actions_for(self, item: QListWidgetItem) -> list[tuple[str, object]]:
        """(Chinese label, callable) for what the menu offers on an item; [] for none."""
        f = self.finding_at(item)
        if f is None:
            return []
        out: list[tuple[str, object]] = [("定位", lambda: self.findingActivated.emit(f))]
        if self.is_dismissed_item(item):
            out.append(("恢复提示", lambda: self.restore(f)))
            return out
        if f.rule == REVIEW_RULE and f.text_key in self.doc.report.review:
            out.append((terms.REVIEWED, lambda: self.doc.mark_reviewed(f.text_key)))
        if f.rule == PUNCTUATION_RULE:
            out.append((f"{terms.NORMALIZE_PUNCTUATION}（全部正文）", self.normalize_punctuation))
        if can_dismiss(f):
            out.append((terms.DISMISS, lambda: self.dismiss(f)))
            out.append((f"{terms.DISMISS}并注明原因…", lambda: self.dismiss(f, ask_reason=True)))
        return out

    def _context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        actions = self.actions_for(item)
        if not actions:
            return
        menu = QMenu(self.list)
        for label, slot in actions:
            menu.addAction(label).triggered.connect(lambda _c=False, slot=slot: slot())
        if self.finding_at(item).severity == ERROR:
            note = menu.addAction("错误不能忽略，请改正")
            note.setEnabled(False)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def dismiss(self, finding: Finding, ask_reason: bool = False) -> bool:
        reason = ""
        if ask_reason:
            from PySide6.QtWidgets import QInputDialog  # asked rarely: not loaded at start

            reason, ok = QInputDialog.getText(self, terms.DISMISS, f"不再提示的原因（可不填，最多 {MAX_REASON} 字）：",
                                              QLineEdit.EchoMode.Normal, "")
            if not ok:
                return False
        applied = self.doc.dismiss(finding, reason)
        if applied is not None and applied.note:
            self.messageRequested.emit(applied.note)
        return applied is not None

    def restore(self, finding: Finding) -> bool:
        applied = self.doc.restore(finding)
        if applied is not None and applied.note:
            self.messageRequested.emit(applied.note)
        return applied is not None

    def normalize_punctuation(self) -> None:
        applied = self.doc.normalize_punctuation()
        self.messageRequested.emit(applied.note if applied is not None
                                   else "正文的标点和空格都已规范，无需修改。")
