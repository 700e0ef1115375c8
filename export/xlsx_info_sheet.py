"""The first sheet, 「报告信息」: the report's details and all of its texts.

Texts are stored one paragraph per row (column B).  A row cannot be taller than 409 pt, and a
cell holds at most 32,767 characters, so a paragraph too long for one row (about 900
characters) continues in the next row(s), marked 「（接上行）」 in column A, preferably after a
sentence: every row shows whole on screen and on paper, and nothing is truncated.
Reading a text back: join its rows with "\\n", except continuation rows, which join with "".
"""

from __future__ import annotations

import datetime as dt

from openpyxl.worksheet.worksheet import Worksheet

from export.xlsx_cells import set_text
from export.xlsx_styles import TEXT_PT, TITLE_PT, StylePalette, merge_range
from export.xlsx_text import line_count, normalise_newlines, row_height_pt, split_for_rows
from model.formats import FormatDef
from model.report import Report
from model import terms
from model.terms import APP_NAME, CONTINUED, REMARKS_HEADING, TEXTS_HEADING, text_name

SHEET_NAME = terms.INFO_SHEET
LABEL_WIDTH = 16.0
TEXT_WIDTH = 80.0
MAX_ROW_PT = 409.0  # Excel's largest row height
MAX_TEXT_LINES = int((MAX_ROW_PT - 4) // (TEXT_PT * 1.4))  # lines of text one row can show


def text_label(fmt: FormatDef, key: str) -> str:
    return text_name(fmt, key)


def text_order(fmt: FormatDef) -> list[str]:
    return ["preamble"] + [s.id for s in fmt.sections] + ["closing"]


class InfoSheetWriter:
    def __init__(self, ws: Worksheet, palette: StylePalette, tick=None):
        self.ws = ws
        self.palette = palette
        self.tick = tick  # tick(characters of text read) and tick(characters written): progress
        self.row = 1
        self.removed: dict[str, int] = {}  # where XML-unsafe characters were dropped → how many
        ws.column_dimensions["A"].width = LABEL_WIDTH
        ws.column_dimensions["B"].width = TEXT_WIDTH

    def write(self, report: Report, table_sheets: dict[str, str], removed_in_tables: dict[str, int]) -> None:
        fmt = report.fmt
        self._title(report.title)
        self._detail(terms.AGENCY, report.agency)
        self._detail_number(terms.YEAR, report.year)
        self._detail(terms.FORMAT, fmt.name)
        self._date(terms.DATE, report.date)
        self.row += 1
        self._section_heading(TEXTS_HEADING)
        for key in text_order(fmt):
            label = text_label(fmt, key)
            sheet = table_sheets.get(key)
            if sheet:
                label = f"{label}\n（统计表见「{sheet}」工作表）"
            self._text(label, report.text(key))
        self.row += 1
        self._remarks(removed_in_tables)

    # -- pieces ---------------------------------------------------------------------------
    def _title(self, title: str) -> None:
        c = self.ws.cell(self.row, 1)
        set_text(c, title)  # derived from the agency name, whose removals are counted there
        self.palette.apply(c, "title")
        merge_range(self.ws, self.row, 1, self.row, 2)
        lines = line_count(title, LABEL_WIDTH + TEXT_WIDTH, TITLE_PT)
        self.ws.row_dimensions[self.row].height = row_height_pt(lines, TITLE_PT, padding=12)
        self.row += 2

    def _label(self, text: str, style: str = "info_label") -> None:
        c = self.ws.cell(self.row, 1)
        set_text(c, text)
        self.palette.apply(c, style)

    def _detail(self, label: str, value: str) -> None:
        self._label(label)
        c = self.ws.cell(self.row, 2)
        self.palette.apply(c, "info_value")
        if value:
            self._count(set_text(c, value), label)
            self._fit_height(value)
        self.row += 1

    def _detail_number(self, label: str, value: int) -> None:
        self._label(label)
        c = self.ws.cell(self.row, 2, value)
        self.palette.apply(c, "info_year")
        self.row += 1

    def _date(self, label: str, iso: str) -> None:
        self._label(label)
        c = self.ws.cell(self.row, 2)
        try:
            c.value = dt.date.fromisoformat(iso) if iso else None
            self.palette.apply(c, "info_date")
        except ValueError:  # a draft from elsewhere with an odd date: keep it as written
            self._count(set_text(c, iso), label)
            self.palette.apply(c, "info_value")
        self.row += 1

    def _section_heading(self, text: str) -> None:
        c = self.ws.cell(self.row, 1)
        set_text(c, text)
        self.palette.apply(c, "info_section")
        self.ws.row_dimensions[self.row].height = 24
        self.row += 1

    def _text(self, label: str, text: str) -> None:
        first = self.row
        paragraphs = normalise_newlines(text).split("\n") if text else [""]
        for para in paragraphs:
            for i, chunk in enumerate(split_for_rows(para, TEXT_WIDTH, TEXT_PT, MAX_TEXT_LINES,
                                                     self.tick)):
                if self.row == first:
                    # No hyperlink here: LibreOffice turns a linked cell into a one-line field
                    # and would cut the label off.
                    self._label(label)
                elif i > 0:
                    self._label(CONTINUED, "info_more")
                else:
                    self.palette.apply(self.ws.cell(self.row, 1), "info_label")
                c = self.ws.cell(self.row, 2)
                self.palette.apply(c, "info_value")
                if chunk:
                    self._count(set_text(c, chunk), label.split("\n")[0])
                self._fit_height(chunk, label if self.row == first else "")
                self.row += 1
                if self.tick is not None:
                    self.tick(len(chunk))

    def _fit_height(self, text: str, label: str = "") -> None:
        lines = max(line_count(text, TEXT_WIDTH, TEXT_PT), line_count(label, LABEL_WIDTH, TEXT_PT))
        if lines > 1:
            self.ws.row_dimensions[self.row].height = min(MAX_ROW_PT, row_height_pt(lines, TEXT_PT))

    def _remarks(self, removed_in_tables: dict[str, int]) -> None:
        self._section_heading(REMARKS_HEADING)
        notes = [f"本文件由“{APP_NAME}”导出。统计表各占一张工作表，版式与官方格式一致；"
                 "“总计”等合计栏为按各分项计算所得的数值。",
                 "正文每段占一行；一行显示不下的长段落接续写在下一行，并在左栏标明"
                 f"“{CONTINUED}”，文字没有删减。"]
        removed = dict(self.removed)
        for where, n in removed_in_tables.items():
            removed[where] = removed.get(where, 0) + n
        if removed:
            total = sum(removed.values())
            places = "、".join(removed)
            notes.append(f"导出时删除了 {total} 个 Excel 文件无法保存的不可见控制字符（位于：{places}），"
                         "其余文字原样保留。")
        for note in notes:
            c = self.ws.cell(self.row, 1)
            set_text(c, note)
            self.palette.apply(c, "info_remark")
            merge_range(self.ws, self.row, 1, self.row, 2)
            lines = line_count(note, LABEL_WIDTH + TEXT_WIDTH, 9)
            self.ws.row_dimensions[self.row].height = row_height_pt(lines, 9)
            self.row += 1

    def _count(self, n: int, where: str) -> None:
        if n:
            self.removed[where] = self.removed.get(where, 0) + n


def page_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.sheet_view.showGridLines = False
