"""Pasting a block copied from Excel, WPS or a web page into a section grid: pure, no Qt.

Three steps, each a pure function:
  1. read_block(text, html) turns clipboard contents into rows of strings (TSV or an HTML table);
  2. plan_paste() lays the block onto the grid from an anchor cell, or plan_fill() puts one
     value into many cells, parsing every string with model.values.parse_input;
  3. the caller applies PastePlan.values / .units as one undo step.

Header rows and a label column copied with the numbers (from our own XLSX, or another unit's
sheet) are recognised by match_key — one rule for both — and skipped; the copied headers also say
which columns the numbers belong to when they are this table's columns in its order.

A plan is all-or-nothing: when any string is not a number, or the block runs past the table or
over its labels, the plan is refused with a Chinese message naming the first bad cell and holds
no values at all, so nothing is ever half-pasted.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from model.formats import FormatDef
from model.grid import CAPTION, GROUP, HEADER, LABEL, NOTE, Grid, GridCell
from model.report import Value, compute_values
from model.values import display, parse_input

# More than any official table holds; stops a pasted novel before we parse it.
MAX_BLOCK_CELLS = 10_000


@dataclass(frozen=True)
class PastePlan:
    ok: bool
    values: dict[str, Value] = field(default_factory=dict)  # input cells to set (None = clear)
    units: dict[str, str] = field(default_factory=dict)  # units typed with a value (2019 采购总金额)
    message: str = ""  # why it was refused, or what the clerk should know after it is applied
    ignored_totals: tuple[str, ...] = ()  # computed cells the block covered: never stored

    @classmethod
    def refused(cls, message: str) -> "PastePlan":
        return cls(False, message=message)


# -- 1. clipboard contents → rows of strings ------------------------------------------------------
def read_block(text: str | None, html: str | None = None) -> list[list[str]]:
    """Rows of cell strings from the clipboard; an HTML table wins over plain text.

    Excel and WPS put both on the clipboard (they agree); a web page often offers only a
    meaningful table in its HTML, its plain text being cells joined by spaces.
    """
    block: list[list[str]] = []
    if html and "<t" in html.lower():
        block = parse_html_table(html)
    if not _has_content(block) and text:
        block = parse_tsv(text)
    return trim_block(block)


def parse_tsv(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel writes them (cells with line breaks come quoted)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if '"' in text:
        try:
            return [list(r) for r in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"',
                                                strict=False)]
        except (csv.Error, ValueError):
            pass  # not Excel-style quoting after all: split plainly below
    lines = text.split("\n")
    return [line.split("\t") for line in lines]


def parse_html_table(html: str) -> list[list[str]]:
    """The cells of the first table in an HTML fragment, merged cells expanded with blanks."""
    p = _TableParser()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser may raise on hostile input; text is the fallback
        return []
    return p.rows


def trim_block(block: list[list[str]]) -> list[list[str]]:
    """Strip cell spaces; drop the empty trailing rows and columns that spreadsheets add."""
    rows = [[c.strip() for c in r] for r in block]
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    while width and all(not r[width - 1] for r in rows):
        width -= 1
        rows = [r[:width] for r in rows]
    return rows if width else []


def _has_content(block: list[list[str]]) -> bool:
    return any(c.strip() for r in block for c in r)


class _TableParser(HTMLParser):
    """Collects <tr>/<td>/<th> of the first top-level table; rowspan/colspan become blanks."""

    SKIP = {"style", "script", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._depth = 0  # table nesting
        self._done = False
        self._skip = 0
        self._cell: list[str] | None = None
        self._row: dict[int, str] | None = None
        self._col = 0
        self._pending: dict[tuple[int, int], str] = {}  # cells covered by a rowspan from above
        self._span = (1, 1)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
            return
        if self._done:
            return
        if tag == "table":
            self._depth += 1
            return
        if self._depth != 1:
            if tag == "br" and self._cell is not None:
                self._cell.append("\n")
            return
        if tag == "tr":
            self._end_row()
            self._row, self._col = {}, 0
        elif tag in ("td", "th"):
            if self._row is None:
                self._row, self._col = {}, 0
            self._end_cell()
            a = dict(attrs)
            self._span = (_span(a.get("rowspan")), _span(a.get("colspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if self._done:
            return
        if tag == "table":
            self._depth -= 1
            if self._depth <= 0:
                self._end_row()
                self._done = True
            return
        if self._depth != 1:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()

    def handle_data(self, data):
        if self._skip or self._done or self._cell is None:
            return
        self._cell.append(data)

    def close(self):
        super().close()
        self._end_row()

    def _taken(self, col: int) -> bool:
        return col in self._row or (len(self.rows), col) in self._pending

    def _end_cell(self):
        if self._cell is None or self._row is None:
            return
        text = " ".join("".join(self._cell).split())
        self._cell = None
        while self._taken(self._col):
            self._col += 1
        rowspan, colspan = self._span
        r = len(self.rows)
        for k in range(colspan):
            self._row[self._col + k] = text if k == 0 else ""
            for extra in range(1, rowspan):
                self._pending[(r + extra, self._col + k)] = ""
        self._col += colspan

    def _end_row(self):
        self._end_cell()
        if self._row is None:
            return
        r = len(self.rows)
        for (pr, pc) in [k for k in self._pending if k[0] == r]:
            self._row.setdefault(pc, self._pending.pop((pr, pc)))
        width = max(self._row) + 1 if self._row else 0
        self.rows.append([self._row.get(i, "") for i in range(width)])
        self._row = None
        if len(self.rows) > MAX_BLOCK_CELLS:
            self._done = True


def _span(raw) -> int:
    try:
        return max(1, min(int(str(raw).strip()), 100))
    except (TypeError, ValueError):
        return 1


# -- 2. block → plan -----------------------------------------------------------------------------
def plan_paste(fmt: FormatDef, grid: Grid, block: list[list[str]], anchor: tuple[int, int],
               entered: dict[str, Value]) -> PastePlan:
    """Lay `block` onto `grid` with its top-left at the value cell covering `anchor`.

    Block columns step over grid cells, not grid columns, so a value copied from a plain
    spreadsheet lands in 表二's wide merged cells one for one.
    """
    if not block or not any(c for r in block for c in r):
        return PastePlan.refused("剪贴板中没有可粘贴的内容。")
    n_rows, n_cols = len(block), max(len(r) for r in block)
    if n_rows * n_cols > MAX_BLOCK_CELLS:
        return PastePlan.refused(f"剪贴板中的内容有 {n_rows} 行 {n_cols} 列，远超表格大小，未粘贴。")
    start = grid.at(*anchor)
    if start is None or not start.is_value:
        return PastePlan.refused("请先选中要粘贴到的数值单元格。")
    band = header_band(grid, start.row)
    head, block, refusal = split_header_rows(block, band, grid)
    if refusal:
        return PastePlan.refused(refusal)
    block, skipped = strip_row_labels(block, grid, start.row)
    head = [r[skipped:] for r in head]
    start, moved, refusal = _align_to_header(fmt, grid, start, head, band)
    if refusal:
        return PastePlan.refused(refusal)
    width = max(len(r) for r in block)
    placed: list[tuple[int, int, str, str]] = []  # (block row, block col, cell id, text)
    for i, row in enumerate(block):
        r = start.row + i
        c = start.col
        for j in range(width):
            text = row[j] if j < len(row) else ""
            cell = grid.at(r, c) if r < grid.n_rows and c < grid.n_cols else None
            if cell is None:
                return PastePlan.refused(
                    f"粘贴的内容有 {n_rows} 行 {n_cols} 列，从{_describe(fmt, start.cell_id)}开始"
                    f"会超出表格范围（第 {i + 1 + len(head)} 行第 {j + 1 + skipped} 列），未粘贴。"
                    "请选中要粘贴区域的左上角单元格，或只复制数字部分。")
            if not cell.is_value:
                return PastePlan.refused(
                    f"粘贴的第 {i + 1 + len(head)} 行第 {j + 1 + skipped} 列会落在表头或项目名称"
                    f"“{_short(cell.text)}”上，未粘贴。请只复制数字部分，并选中要粘贴区域的左上角单元格。")
            placed.append((i + len(head), j + skipped, cell.cell_id, text))
            c = cell.col + cell.colspan
    plan = _plan(fmt, placed, entered, where=lambda i, j: f"粘贴的第 {i + 1} 行第 {j + 1} 列")
    note = _skipped_note(len(head), skipped, moved)
    if plan.ok and note:
        return PastePlan(True, plan.values, plan.units, note + plan.message, plan.ignored_totals)
    return plan


def _skipped_note(header_rows: int, label_cols: int, moved: str) -> str:
    """What the clerk should know was left out of (or lined up in) the block."""
    if header_rows and label_cols:
        note = f"已跳过表头 {header_rows} 行和各行的项目名称，只粘贴了数字。"
    elif header_rows:
        note = f"已跳过表头 {header_rows} 行，只粘贴了数字。"
    elif label_cols:
        note = "粘贴内容第一列是各行的项目名称，已略过，只粘贴了数字。"
    else:
        note = ""
    return note + (f"按粘贴内容的表头，从「{moved}」列起粘贴。" if moved else "")


# -- header rows copied with the numbers (Excel, WPS, our own XLSX) ---------------------------------
def header_band(grid: Grid, row: int) -> list[GridCell]:
    """The caption/header cells above the data rows `row` belongs to.

    表三/表四: the header rows on top; 表二: the caption and header row of the block (一)/(五)/…
    """
    r = row
    while r > 0 and _has_values(grid, r - 1):
        r -= 1
    top = r
    while top > 0 and not _has_values(grid, top - 1):
        top -= 1
    return [c for c in grid.cells if top <= c.row < r and c.kind in (CAPTION, HEADER, NOTE) and c.text]


def _has_values(grid: Grid, row: int) -> bool:
    return any((c := grid.at(row, k)) is not None and c.is_value for k in range(grid.n_cols))


def split_header_rows(block: list[list[str]], band: list[GridCell], grid: Grid
                      ) -> tuple[list[list[str]], list[list[str]], str]:
    """(header rows, the rest, refusal): the leading rows that repeat this table's headers.

    A header row is one whose every filled cell names (by match_key) a header of the band, at
    least one of them a header that is not also a row label (表三's 「总计」 and 「其他」 are both),
    so a label row with its numbers left blank is never taken for a header.  A leading row with
    no digit that names some headers and not others looks like another table's header: it is
    refused with a message naming the odd cell, rather than with 「不是数字」.
    """
    keys = {match_key(c.text) for c in band}
    row_labels = {match_key(c.text) for c in grid.cells if c.kind in (LABEL, GROUP) and c.text}
    h = 0
    for row in block:
        filled = [(j, t) for j, t in enumerate(row) if t]
        if not filled:
            break
        matched = [match_key(t) in keys for _, t in filled]
        telling = any(m and match_key(t) not in row_labels for m, (_, t) in zip(matched, filled))
        if all(matched) and telling:
            h += 1
            continue
        if telling and not any(ch.isdigit() for _, t in filled for ch in t):
            j, t = next((j, t) for (j, t), m in zip(filled, matched) if not m)
            return [], block, (f"粘贴的第 {h + 1} 行像是表头，但第 {j + 1} 列“{_short(t)}”不是本表的表头，"
                               "未粘贴任何内容。请复制与本表相同的表头，或只复制数字部分。")
        break
    if h and h == len(block):
        return [], block, "粘贴的内容只有表头，没有数字，未粘贴。"
    return block[:h], block[h:], ""


def _align_to_header(fmt: FormatDef, grid: Grid, start: GridCell, head: list[list[str]],
                     band: list[GridCell]) -> tuple[GridCell, str, str]:
    """(first cell, the column moved to or "", refusal): the numbers go under the columns their
    copied headers name, when those are this table's columns in its own order.

    Columns are never re-ordered: a header naming the columns in another order, or with columns
    left out in between, is refused.  Headers that fit where the clerk put the cursor keep it; a
    header that fits in one place only moves the block there (the row stays the clerk's).
    """
    named = [(i, j, t) for i, row in enumerate(head) for j, t in enumerate(row) if t]
    if not named:
        return start, "", ""
    cells = _row_value_cells(grid, start.row)
    covers = [{match_key(b.text) for b in band if b.col < c.col + c.colspan and c.col < b.col + b.colspan}
              for c in cells]
    width = max(len(r) for r in head)

    def fits(k: int) -> bool:
        return k + width <= len(cells) and all(match_key(t) in covers[k + j] for _, j, t in named)

    here = cells.index(start)
    if fits(here):
        return start, "", ""
    offsets = [k for k in range(len(cells)) if fits(k)]
    if len(offsets) == 1:
        to = cells[offsets[0]]
        return to, fmt.cells[to.cell_id].column_path(), ""
    if offsets:
        return start, "", "粘贴内容的表头在本表中对应不止一处，请选中要粘贴到的第一个单元格后再粘贴。"
    i, j, t = next(((i, j, t) for i, j, t in named
                     if here + j >= len(cells) or match_key(t) not in covers[here + j]), named[0])
    return start, "", (f"粘贴内容表头中的“{_short(t)}”与本表的列对不上（列的顺序或多少与本表不同），"
                       "未粘贴任何内容。请按本表的列顺序复制，或只复制数字部分。")


def _row_value_cells(grid: Grid, row: int) -> list[GridCell]:
    out, seen = [], set()
    for k in range(grid.n_cols):
        c = grid.at(row, k)
        if c is not None and c.is_value and id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


# A row copied from Excel or WPS together with its label: 「（一）予以公开 | 3 | 0 | …」.
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]")


def match_key(text: str) -> str:
    """The one rule by which a copied cell names a row label or a header of the table: equal
    after widths are evened out (NFKC: full-width brackets, colons, digits), spaces dropped and
    a leading 「（一）」「1.」 numbering taken off."""
    t = "".join(unicodedata.normalize("NFKC", text).split())
    return _NUMBERING.sub("", t)


def strip_row_labels(block: list[list[str]], grid: Grid, first_row: int) -> tuple[list[list[str]], int]:
    """Drop the leading columns of `block` that repeat the labels of the rows it lands on.

    A label column is one whose every filled cell names (numbering and spaces aside) a label of
    its grid row; blank cells are the rest of a label merged over several rows in Excel, and
    wholly blank columns between labels (a merged group label copied from its lower rows) go
    with them.  Blank columns after the last label go too when they make the dropped part exactly
    as wide as the table's own label columns: 表三's 「一、本年新收…」 is merged over three columns
    in our XLSX and in the official layout, so Excel copies it as the label and two blanks.
    Returns the block and how many columns were dropped.
    """
    width = max((len(r) for r in block), default=0)
    dropped = blank_to = 0
    for j in range(width - 1):  # at least one column stays: the numbers
        kind = _column_kind(block, j, grid, first_row)
        if kind == "other":
            break
        if kind == "label":
            dropped = blank_to = j + 1
        elif dropped:
            blank_to = j + 1
    n_labels = _label_width(grid, first_row)
    if dropped and dropped < n_labels <= blank_to:
        dropped = n_labels
    return ([r[dropped:] for r in block], dropped) if dropped else (block, 0)


def _label_width(grid: Grid, row: int) -> int:
    """How many grid columns come before the row's first value cell."""
    return next((k for k in range(grid.n_cols) if (c := grid.at(row, k)) is not None and c.is_value), 0)


def _column_kind(block, j: int, grid: Grid, first_row: int) -> str:
    seen = False
    for i, row in enumerate(block):
        text = row[j].strip() if j < len(row) else ""
        if not text:
            continue
        if not any(match_key(text) == match_key(label) for label in _row_labels(grid, first_row + i)):
            return "other"
        seen = True
    return "label" if seen else "blank"


def _row_labels(grid: Grid, row: int) -> list[str]:
    if row >= grid.n_rows:
        return []
    out = []
    for col in range(grid.n_cols):
        cell = grid.at(row, col)
        if cell is None or cell.is_value:
            break
        if cell.text:
            out.append(cell.text)
    return out


def plan_fill(fmt: FormatDef, cell_ids: list[str], text: str, entered: dict[str, Value]) -> PastePlan:
    """One copied value into every cell of a selected range, as Excel does."""
    if not cell_ids:
        return PastePlan.refused("请先选中要粘贴到的数值单元格。")
    placed = [(0, 0, cid, text) for cid in cell_ids]
    return _plan(fmt, placed, entered, where=lambda i, j: "粘贴的内容")


def _plan(fmt: FormatDef, placed, entered: dict[str, Value], where) -> PastePlan:
    values: dict[str, Value] = {}
    units: dict[str, str] = {}
    totals: dict[str, Value] = {}  # computed cell → the number the block held for it
    for i, j, cid, text in placed:
        cell = fmt.cells[cid]
        parsed = parse_input(text, cell.column)
        if not parsed.ok:
            return PastePlan.refused(
                f"{where(i, j)}（{cell.describe()}）：{parsed.error}未粘贴任何内容。")
        if cell.computed:
            if parsed.value is not None:
                totals[cid] = parsed.value
            continue
        values[cid] = parsed.value
        if parsed.unit and parsed.value is not None:
            units[cid] = parsed.unit
    after = compute_values(fmt, {**{c: v for c, v in entered.items() if c not in fmt.computed_ids},
                                 **values})
    differ = [(cid, v, after.get(cid)) for cid, v in totals.items() if after.get(cid) != v]
    message = ""
    if differ:
        shown = "；".join(f"{fmt.cells[c].describe()}粘贴为 {display(v)}，"
                         + (f"按各项相加为 {display(s)}" if s is not None else "而各项均未填写")
                         for c, v, s in differ[:3])
        more = f"等 {len(differ)} 处" if len(differ) > 3 else ""
        message = f"合计由软件自动计算，粘贴内容中的合计未采用：{shown}{more}。请核对粘贴的数字。"
    ignored = tuple(dict.fromkeys(cid for _, _, cid, _ in placed if fmt.cells[cid].computed))
    return PastePlan(True, values, units, message, ignored)


def _describe(fmt: FormatDef, cell_id: str | None) -> str:
    return fmt.cells[cell_id].describe() if cell_id else "所选单元格"


def _short(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= 16 else t[:16] + "…"


def replaced_values(entered: dict, values: dict) -> int:
    """How many of the cells a paste writes held a different number before (a blank is none)."""
    return sum(1 for cid, new in values.items() if entered.get(cid) is not None and entered[cid] != new)
