"""What every reader produces: the document as paragraphs and tables in reading order.

A Word file, a web page, a PDF and a workbook all come down to the same few things — lines of text
and tables of cells with row/column spans — and one mapping (tables.py, texts.py) turns those into
a report.  A table is kept as its anchor cells with their spans, exactly as the source drew it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.errors import ImportFailed
from model.importing.limits import (MAX_PARAGRAPHS, MAX_TABLE_CELLS, MAX_TABLE_COLS, MAX_TABLE_ROWS,
                                    MAX_TEXT_CHARS)


@dataclass(frozen=True)
class SCell:
    """One cell as the source drew it (an anchor): its text and the grid area it covers."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    @property
    def col_end(self) -> int:
        return self.col + self.colspan


@dataclass
class SourceTable:
    cells: list[SCell]
    n_rows: int
    n_cols: int
    where: str = ""  # "第 3 页" — for messages
    page_starts: frozenset[int] = frozenset()  # rows that begin a new page (a table broken over pages)
    _grid: list[list[SCell | None]] | None = field(default=None, repr=False)

    def grid(self) -> list[list[SCell | None]]:
        """Every grid position → the cell covering it (None where the source drew nothing)."""
        if self._grid is None:
            g: list[list[SCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
            for c in self.cells:
                for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                    for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                        if g[r][k] is None:
                            g[r][k] = c
            self._grid = g
        return self._grid

    def row_cells(self, r: int) -> list[SCell]:
        """The distinct cells covering row r, left to right (a cell spanning down from above is
        part of every row it covers)."""
        out: list[SCell] = []
        for c in self.grid()[r]:
            if c is not None and (not out or out[-1] is not c):
                out.append(c)
        return out


@dataclass
class Para:
    text: str
    where: str = ""
    centered: bool = False  # a centred line (a title), where the reader can tell
    role: str = ""  # "closing": the source marks it as the closing text (this app's Word and web exports)


@dataclass
class SourceDoc:
    kind: str
    name: str
    blocks: list[Para | SourceTable] = field(default_factory=list)
    title_hints: list[str] = field(default_factory=list)  # e.g. the web page's <title>, <h1>
    messages: list[str] = field(default_factory=list)
    dropped: int = 0  # page furniture lines dropped (headers, footers, page numbers)
    # What a source states outright (this app's own XLSX): agency, year, date, format, texts.
    known: dict = field(default_factory=dict)
    _chars: int = 0

    def add_para(self, text: str, where: str = "", centered: bool = False, role: str = "") -> None:
        text = clean_line(text)
        if not text:
            return
        self._chars += len(text)
        if self._chars > MAX_TEXT_CHARS or len(self.blocks) > MAX_PARAGRAPHS:
            raise ImportFailed(f"“{self.name}”的文字过多（超过 {MAX_TEXT_CHARS // 10000} 万字），"
                               "不像一份年度报告，未导入。")
        self.blocks.append(Para(text, where, centered, role))

    def add_table(self, table: SourceTable) -> None:
        if table.n_rows and table.n_cols:
            self.blocks.append(table)

    @property
    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def tables(self) -> list[SourceTable]:
        return [b for b in self.blocks if isinstance(b, SourceTable)]


def check_table_size(name: str, n_rows: int, n_cols: int) -> None:
    if n_rows > MAX_TABLE_ROWS or n_cols > MAX_TABLE_COLS or n_rows * n_cols > MAX_TABLE_CELLS:
        raise ImportFailed(f"“{name}”中有一个 {n_rows} 行 × {n_cols} 列的表格，远大于年度报告的统计表，"
                           "不像一份年度报告，未导入。")


class TableBuilder:
    """Builds a SourceTable from rows of (text, rowspan, colspan) as HTML and spreadsheets give them:
    a cell goes into the first grid position of its row not yet covered from above.  Spans are
    clamped to the table (a rowspan of 10,000 in a 3-row table covers 3 rows)."""

    def __init__(self, name: str, n_rows: int, where: str = ""):
        check_table_size(name, n_rows, 1)
        self.name, self.n_rows, self.where = name, n_rows, where
        self.cells: list[SCell] = []
        self.taken: set[tuple[int, int]] = set()
        self.row = -1
        self.col = 0
        self.n_cols = 0

    def start_row(self) -> None:
        self.row += 1
        self.col = 0

    def add(self, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        rowspan = max(1, min(rowspan, self.n_rows - self.row))
        colspan = max(1, min(colspan, MAX_TABLE_COLS))
        while (self.row, self.col) in self.taken:
            self.col += 1
        # Checked before the span is recorded: memory stays within the table-size limit.
        check_table_size(self.name, self.n_rows, max(self.n_cols, self.col + colspan))
        cell = SCell(text, self.row, self.col, rowspan, colspan)
        self.cells.append(cell)
        if rowspan > 1 or colspan > 1:
            for r in range(self.row, self.row + rowspan):
                for k in range(self.col, self.col + colspan):
                    self.taken.add((r, k))
        self.col += colspan
        self.n_cols = max(self.n_cols, self.col)

    def build(self) -> SourceTable:
        return SourceTable(self.cells, max(self.row + 1, 0), self.n_cols, self.where)


_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]{2,}")
# Control characters, and lone surrogates (a PDF's broken ToUnicode map): no draft could hold them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ud800-\udfff]")
# A line break inside a paragraph, where the source wrapped its text: between two Chinese
# characters it is no space at all; elsewhere one space.
_WRAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\u00a0]*[\r\n][\s\u00a0]*(?=[\u3000-\u9fff\uff00-\uffef])")
_BREAKS = re.compile(r"[ \t\u00a0]*[\r\n][\s\u00a0]*")


def clean_line(text: str) -> str:
    """One paragraph as a line: wraps joined, runs of spaces collapsed (web pages pad with &nbsp;),
    spaces at the ends and control characters removed."""
    text = _CONTROLS.sub("", text)
    if "\n" in text or "\r" in text:
        text = _BREAKS.sub(" ", _WRAP.sub("", text))
    text = _SPACES.sub(" ", text.replace("\t", " "))
    return text.strip(" \u00a0\u3000\u2002\u2003\u2009")
