"""Official report formats, loaded from resources/formats/<id>.json.

A format is data: sections, tables (column header trees, rows with levels and group headings),
computed cells and rules.  Everything else — grids, totals, checks, PDF and XLSX layouts — is
derived from these objects, so a new official format is a new JSON file, not new code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from model.errors import FormatError
from model.paths import resource_path

SUPPORTED_SCHEMA = 1
TEXT_KEYS_EXTRA = ("preamble", "closing")


@dataclass(frozen=True)
class ColumnDef:
    """A column of a table header: a value column, or a header over its child columns."""

    id: str
    label: str
    type: str = ""  # integer | signed_integer | decimal ; "" for a header with children
    unit: str | None = None
    computed: bool = False
    decimals: int = 0
    unit_choices: tuple[str, ...] = ()
    children: tuple["ColumnDef", ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def leaves(self) -> list["ColumnDef"]:
        if self.is_leaf:
            return [self]
        out: list[ColumnDef] = []
        for c in self.children:
            out.extend(c.leaves())
        return out

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)


@dataclass(frozen=True)
class RowDef:
    """A row of a table: its label and level, a group heading or a computed total."""

    id: str
    label: str
    level: int
    group: bool = False
    computed: bool = False


@dataclass(frozen=True)
class CellDef:
    """One value cell of a table: where it is and what it holds."""

    id: str
    table: "TableDef"
    row: RowDef
    column: ColumnDef
    computed: bool

    @property
    def type(self) -> str:
        return self.column.type

    def describe(self) -> str:
        """Chinese description for messages: 表三「一、本年新收…」行「自然人」列."""
        t = self.table
        parts = [t.name]
        if self.row.label:
            parts.append(f"「{self.row.label}」")
        parts.append(f"「{self.column_path()}」")
        return "".join(parts)

    def column_path(self) -> str:
        """The column's label with its distinguishing ancestors (e.g. 行政诉讼·复议后起诉·总计)."""
        return "·".join(self.table.column_path(self.column.id))


@dataclass(frozen=True)
class TableDef:
    """One statistical table of a section: its column tree and rows."""

    id: str
    section: str
    name: str
    columns: tuple[ColumnDef, ...]
    rows: tuple[RowDef, ...]
    caption: str | None = None
    stub_header: str | None = None
    corner_note: str | None = None
    row_labels: bool = True

    @property
    def leaves(self) -> list[ColumnDef]:
        out: list[ColumnDef] = []
        for c in self.columns:
            out.extend(c.leaves())
        return out

    @property
    def data_rows(self) -> list[RowDef]:
        return [r for r in self.rows if not r.group]

    @property
    def header_depth(self) -> int:
        return max(c.depth() for c in self.columns)

    @property
    def label_columns(self) -> int:
        if not self.row_labels:
            return 0
        return 1 + max(r.level for r in self.rows)

    def cell_id(self, row_id: str, col_id: str) -> str:
        return f"{self.id}.{row_id}.{col_id}"

    def column_path(self, col_id: str) -> list[str]:
        def walk(cols, trail):
            for c in cols:
                if c.id == col_id:
                    return trail + [c.label]
                if c.children:
                    found = walk(c.children, trail + [c.label])
                    if found:
                        return found
            return None

        path = walk(self.columns, []) or [col_id]
        # A single top header spanning every column (表三's 申请人情况) says nothing.
        if len(self.columns) == 1 and len(path) > 1:
            path = path[1:]
        # 表三: 自然人 / 商业企业 read well alone.
        if self.id == "t3" and len(path) > 1:
            path = path[-1:]
        return path


@dataclass(frozen=True)
class SectionDef:
    """One of the six sections: its number, heading, short tab title and tables."""

    id: str
    no: str
    title: str
    heading: str
    kind: str  # text | tables
    hint: str = ""
    tables: tuple[str, ...] = ()
    grid: str | None = None  # objectName of the section's grid (t2, t3, t4)
    tab: str = ""  # the short tab title, 「三 依申请公开」; the heading is the page title

    @property
    def tab_title(self) -> str:
        return self.tab or self.heading


@dataclass(frozen=True)
class ComputedDef:
    """A computed cell: the sum of its addends."""

    cell: str
    addends: tuple[str, ...]


@dataclass(frozen=True)
class RuleDef:
    """A check rule of the format: its id, severity, kind and the kind's parameters."""

    id: str
    severity: str
    kind: str
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def get(self, key, default=None):
        return self.params.get(key, default)


@dataclass
class FormatDef:
    """An official format as resources/formats/<id>.json defines it, with its cells by id."""

    id: str
    name: str
    doc_no: str
    format_title: str
    first_year: int
    last_year: int | None
    sections: list[SectionDef]
    tables: dict[str, TableDef]
    computed: list[ComputedDef]
    rules: list[RuleDef]
    label_widths: dict[str, list[float]]
    rollover_carry: list[tuple[str, str]]
    rollover_start: list[str]
    cells: dict[str, CellDef] = field(default_factory=dict)

    def __post_init__(self):
        for t in self.tables.values():
            for r in t.data_rows:
                for c in t.leaves:
                    cid = t.cell_id(r.id, c.id)
                    self.cells[cid] = CellDef(cid, t, r, c, c.computed or r.computed)
        self.computed_ids = frozenset(c.cell for c in self.computed)
        self.input_ids = [cid for cid, c in self.cells.items() if not c.computed]
        self.section_by_id = {s.id: s for s in self.sections}

    def section(self, section_id: str) -> SectionDef:
        return self.section_by_id[section_id]

    def section_tables(self, section_id: str) -> list[TableDef]:
        return [self.tables[t] for t in self.section(section_id).tables]

    def text_keys(self) -> list[str]:
        return [s.id for s in self.sections] + list(TEXT_KEYS_EXTRA)

    def section_of_cell(self, cell_id: str) -> str:
        return self.cells[cell_id].table.section

    def applies_to(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


def _column(d: dict) -> ColumnDef:
    return ColumnDef(
        id=d["id"], label=d["label"], type=d.get("type", ""), unit=d.get("unit"),
        computed=bool(d.get("computed")), decimals=int(d.get("decimals", 0)),
        unit_choices=tuple(d.get("unit_choices", ())),
        children=tuple(_column(c) for c in d.get("children", ())),
    )


def parse_format(data: dict) -> FormatDef:
    """Build a FormatDef from the JSON object of one format file."""
    if data.get("schema") != SUPPORTED_SCHEMA:
        raise FormatError(f"格式定义的版本（{data.get('schema')}）不受支持。")
    tables = {}
    for t in data["tables"]:
        tables[t["id"]] = TableDef(
            id=t["id"], section=t["section"], name=t["name"],
            columns=tuple(_column(c) for c in t["columns"]),
            rows=tuple(RowDef(r["id"], r["label"], int(r["level"]), bool(r.get("group")),
                              bool(r.get("computed"))) for r in t["rows"]),
            caption=t.get("caption"), stub_header=t.get("stub_header"),
            corner_note=t.get("corner_note"), row_labels=t.get("row_labels", True),
        )
    sections = [SectionDef(s["id"], s["no"], s["title"], s["heading"], s["kind"], s.get("hint", ""),
                           tuple(s.get("tables", ())), s.get("grid"), s.get("tab", ""))
                for s in data["sections"]]
    rules = [RuleDef(r["id"], r["severity"], r["kind"],
                     {k: v for k, v in r.items() if k not in ("id", "severity", "kind")})
             for r in data["rules"]]
    roll = data.get("rollover", {})
    first, last = data["years"]
    fmt = FormatDef(
        id=data["id"], name=data["name"], doc_no=data["doc_no"], format_title=data["format_title"],
        first_year=first, last_year=last, sections=sections, tables=tables,
        computed=[ComputedDef(c["cell"], tuple(c["sum"])) for c in data["computed"]],
        rules=rules, label_widths=data.get("grid_layout", {}).get("label_widths", {}),
        rollover_carry=[(c["from"], c["to"]) for c in roll.get("carry", [])],
        rollover_start=list(roll.get("start", [])),
    )
    _check_consistency(fmt)
    return fmt


def _check_consistency(fmt: FormatDef) -> None:
    """A broken format file must fail loudly at load, not as odd sums later."""
    seen: set[str] = set()
    for c in fmt.computed:
        if c.cell not in fmt.cells:
            raise FormatError(f"格式定义有误：计算单元格 {c.cell} 不存在。")
        for a in c.addends:
            if a not in fmt.cells:
                raise FormatError(f"格式定义有误：{c.cell} 引用了不存在的单元格 {a}。")
            if a in fmt.computed_ids and a not in seen:
                raise FormatError(f"格式定义有误：{c.cell} 须排在 {a} 之后计算。")
        seen.add(c.cell)
    flagged = {cid for cid, cell in fmt.cells.items() if cell.computed}
    if flagged != set(fmt.computed_ids):
        raise FormatError("格式定义有误：标为计算的单元格与计算公式不一致。")


def formats_dir() -> Path:
    return resource_path("formats")


@lru_cache(maxsize=None)
def load_format(format_id: str) -> FormatDef:
    path = formats_dir() / f"{format_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormatError(f"找不到格式定义文件：{path}。请重新安装本软件。") from None
    except (OSError, ValueError) as exc:
        raise FormatError(f"格式定义文件 {path} 已损坏，无法读取（{exc}）。请重新安装本软件。") from None
    try:
        return parse_format(data)
    except FormatError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"格式定义文件 {path} 内容有误（{exc!r}）。请重新安装本软件。") from None


def available_formats() -> list[str]:
    """Format ids shipped in resources/formats, newest first."""
    return sorted((p.stem for p in formats_dir().glob("*.json")), reverse=True)


def format_for_year(year: int) -> str:
    """The official format that applies to a report year (≥ 2021 → 2021, earlier → 2019)."""
    ids = available_formats()
    for fid in ids:
        if load_format(fid).applies_to(year):
            return fid
    return ids[-1] if year < load_format(ids[-1]).first_year else ids[0]
