"""On a region-wide sum (汇总), 基本信息 says which units it adds up and what could not be added.

The list comes from the draft (`summary`), so it is shown again whenever the sum is reopened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.document import ReportDocument
from gui.looks import SelectableLabel
from gui.plain_text import tooltip

SHOWN_NAMES = 12  # beyond this the label names the count; the tooltip has them all


class SummaryNote(SelectableLabel):
    def __init__(self, doc: ReportDocument, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("summary_note")
        self.setTextFormat(Qt.TextFormat.PlainText)  # unit names are data, never markup
        doc.reportReplaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        summary = self.doc.report.summary
        if summary is None:
            self.hide()
            return
        if not self.styleSheet():  # only on a sum: a style sheet on the start-up path costs time
            self.setStyleSheet("QLabel#summary_note { background: #e8f1fb; border: 1px solid #a9c8ec;"
                               " border-radius: 4px; padding: 6px; }")
        from model.review_table import nested_text  # only a sum needs it: not on the start-up path

        names = [u.agency or u.file for u in summary.units]
        shown = "、".join(names[:SHOWN_NAMES]) + (f"等 {len(names)} 个单位" if len(names) > SHOWN_NAMES else "")
        text = f"本报告是 {len(names)} 个单位报告的汇总{nested_text(summary)}：{shown}。各部分正文请另行撰写。"
        if summary.not_summed:
            text += f"\n有 {len(summary.not_summed)} 项数值未能计入汇总（鼠标停留在此处可查看）。"
        self.setText(text)
        tip = ["汇总的单位："] + _unit_lines(summary.units, "· ")
        if summary.not_summed:
            tip += ["", "未能计入的数值："] + [f"· {line}" for line in summary.not_summed]
        self.setToolTip(tooltip("\n".join(tip)))  # the units' names, as they wrote them
        self.setAccessibleName("汇总来源")
        self.show()


def _unit_lines(units, bullet: str, depth: int = 0) -> list[str]:
    """One line per unit; a sum counted as one unit is followed by its own units, indented."""
    lines = []
    for u in units:
        name = f"{u.agency}（{u.file}）" if u.file else u.agency
        if u.units is not None:
            name += f"：汇总报告，含 {len(u.units)} 个单位"
        lines.append("　" * depth + bullet + name)
        if u.units and depth < 3:  # deeper levels stay in the draft; a tooltip shows three
            lines += _unit_lines(u.units, "– ", depth + 1)
    return lines
