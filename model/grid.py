"""The one layout of a section's table: a grid of cells with spans, built from the format data.

The window (QTableView spans), the PDF (reportlab SPAN) and the XLSX (merged ranges) all draw
this grid, so the three always agree with each other and with the official annex.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import lcm

from model.formats import ColumnDef, FormatDef, TableDef

# Cell kinds.  Only VALUE cells take input; COMPUTED cells show derived totals.
CAPTION, HEADER, NOTE, LABEL, GROUP, VALUE, COMPUTED = (
    "caption", "header", "note", "label", "group", "value", "computed")


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    kind: str
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    cell_id: str | None = None
    level: int = 0

    @property
    def is_value(self) -> bool:
        return self.kind in (VALUE, COMPUTED)


@dataclass
class Grid:
    id: str  # objectName of the grid: t2, t3, t4
    section: str
    n_rows: int
    n_cols: int
    cells: list[GridCell]
    col_weights: list[float]
    header_rows: int = 0  # leading rows to repeat when a table breaks across pages
    _cover: dict[tuple[int, int], GridCell] = field(default_factory=dict, repr=False)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    if (r, k) in self._cover:
                        raise ValueError(f"overlapping cells at {(r, k)} in {self.id}")
                    self._cover[(r, k)] = c
            if c.cell_id:
                self.positions[c.cell_id] = (c.row, c.col)

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell that covers (row, col), whether it is the anchor or spanned over."""
        return self._cover.get((row, col))

    def anchor(self, row: int, col: int) -> GridCell | None:
        c = self._cover.get((row, col))
        return c if c is not None and (c.row, c.col) == (row, col) else None

    def spans(self) -> list[GridCell]:
        return [c for c in self.cells if c.rowspan > 1 or c.colspan > 1]

    def value_cells(self) -> list[GridCell]:
        return [c for c in self.cells if c.is_value]


def layout_section(fmt: FormatDef, section_id: str) -> Grid:
    sec = fmt.section(section_id)
    tables = fmt.section_tables(section_id)
    if not tables:
        raise ValueError(f"section {section_id} has no table")
    if len(tables) > 1 or tables[0].caption:
        return _stacked_blocks(fmt, sec.grid or section_id, section_id, tables)
    return _single_table(fmt, sec.grid or tables[0].id, section_id, tables[0])


def grids(fmt: FormatDef) -> list[Grid]:
    return [layout_section(fmt, s.id) for s in fmt.sections if s.kind == "tables"]


def _value_kind(fmt: FormatDef, cell_id: str) -> str:
    return COMPUTED if cell_id in fmt.computed_ids else VALUE


def _stacked_blocks(fmt: FormatDef, grid_id: str, section_id: str, tables: list[TableDef]) -> Grid:
    """表二: blocks stacked, each a caption row, a header row and its data rows."""
    n_values = lcm(*(len(t.leaves) for t in tables))
    cells: list[GridCell] = []
    r = 0
    for t in tables:
        leaves = t.leaves
        span = n_values // len(leaves)
        cells.append(GridCell(r, 0, CAPTION, t.caption or t.name, colspan=1 + n_values))
        r += 1
        cells.append(GridCell(r, 0, HEADER, t.stub_header or ""))
        for i, c in enumerate(leaves):
            cells.append(GridCell(r, 1 + i * span, HEADER, c.label, colspan=span))
        r += 1
        for row in t.data_rows:
            cells.append(GridCell(r, 0, LABEL, row.label, level=row.level))
            for i, c in enumerate(leaves):
                cid = t.cell_id(row.id, c.id)
                cells.append(GridCell(r, 1 + i * span, _value_kind(fmt, cid), colspan=span, cell_id=cid))
            r += 1
    label_w = fmt.label_widths.get(grid_id, [1.6])
    weights = list(label_w) + [4.8 / n_values] * n_values  # the annex: labels ¼, values ¾
    return Grid(grid_id, section_id, r, 1 + n_values, cells, weights, header_rows=0)


def _single_table(fmt: FormatDef, grid_id: str, section_id: str, t: TableDef) -> Grid:
    """表三/表四: a header tree over the value columns, a label hierarchy to the left."""
    depth = t.header_depth
    n_labels = t.label_columns
    cells: list[GridCell] = []
    if n_labels:
        cells.append(GridCell(0, 0, NOTE if t.corner_note else HEADER, t.corner_note or t.stub_header or "",
                              rowspan=depth, colspan=n_labels))

    def place(col: ColumnDef, row: int, start: int) -> int:
        width = len(col.leaves())
        rowspan = depth - row if col.is_leaf else 1
        cells.append(GridCell(row, start, HEADER, col.label, rowspan=rowspan, colspan=width))
        k = start
        for child in col.children:
            k = place(child, row + 1, k)
        return start + width

    k = n_labels
    for col in t.columns:
        k = place(col, 0, k)

    leaves = t.leaves
    data_index = {row.id: i for i, row in enumerate(t.data_rows)}
    rows = list(t.rows)
    for idx, row in enumerate(rows):
        if row.group:
            # The group label spans the data rows that follow it, down to the next row at its level.
            members = []
            for later in rows[idx + 1:]:
                if later.level <= row.level:
                    break
                if not later.group:
                    members.append(data_index[later.id])
            if members:
                cells.append(GridCell(depth + members[0], row.level, GROUP, row.label,
                                      rowspan=len(members), level=row.level))
            continue
        r = depth + data_index[row.id]
        if n_labels:
            cells.append(GridCell(r, row.level, LABEL, row.label,
                                  colspan=n_labels - row.level, level=row.level))
        for i, c in enumerate(leaves):
            cid = t.cell_id(row.id, c.id)
            cells.append(GridCell(r, n_labels + i, _value_kind(fmt, cid), cell_id=cid))
    label_w = fmt.label_widths.get(grid_id, [1.6] * n_labels)[:n_labels]
    weights = list(label_w) + [1.0] * len(leaves)
    return Grid(grid_id, section_id, depth + len(data_index), n_labels + len(leaves), cells,
                weights, header_rows=depth)
