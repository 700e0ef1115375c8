"""上年报告: last year's text of a section, read-only, beside this year's, differences marked.

The clerk writes 五's 改进情况 against last year's 存在的主要问题: both texts side by side, last
year's sentences that this year's text no longer has on a red tint, this year's new sentences on
a green one in the editor (model/compare.py decides, sentence by sentence).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from gui.looks import quiet_text
from gui.text_marks import char_format, extra_selections
from model import terms
from model.compare import changed_spans

REMOVED_BG = QColor("#FBE3E1")  # last year's sentence rewritten or removed this year
REMOVED_FORMAT = char_format(REMOVED_BG)
# (This year's new sentences are marked in the editor: gui/text_section.GROUNDS["added"].)
LEGEND = ("<span style='background:#FBE3E1'>&nbsp;红底&nbsp;</span> 本年已改写或删去的句子 "
          "<span style='background:#E1F3E3'>&nbsp;绿底&nbsp;</span> 本年新写的句子")


class LastYearPane(QWidget):
    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"{key}_last_year")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.title = QLabel()
        self.title.setObjectName(f"{key}_last_year_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.title)
        self.view = QPlainTextEdit()
        self.view.setObjectName(f"{key}_last_year_text")
        self.view.setReadOnly(True)
        self.view.setAccessibleName(f"{terms.LAST_YEAR}（只读）")
        self.view.document().setDocumentMargin(10)
        pal = self.view.palette()
        pal.setColor(pal.ColorRole.Base, QColor("#F7F8FA"))  # read-only: not the white of an editor
        self.view.setPalette(pal)
        lay.addWidget(self.view, 1)
        legend = QLabel(LEGEND)
        legend.setTextFormat(Qt.TextFormat.RichText)  # our own fixed text, no user data in it
        quiet_text(legend)
        lay.addWidget(legend)
        self.text = ""

    def show_text(self, year: int | None, text: str) -> None:
        self.title.setText(f"{terms.LAST_YEAR}（{year}年度，只读）" if year else f"{terms.LAST_YEAR}（只读）")
        if text != self.text:
            self.text = text
            self.view.setPlainText(text)

    def mark(self, this_year: str) -> None:
        spans = [(s, e, REMOVED_FORMAT) for s, e in changed_spans(self.text, this_year)]
        self.view.setExtraSelections(extra_selections(self.view.document(), self.text, spans))

