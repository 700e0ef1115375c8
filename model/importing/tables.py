"""The statistics tables of a source, mapped onto the format's cell ids.

The source's tables are read as one stream of rows (a table continued on the next PDF page, or
表二's four blocks printed as four tables, read as one).  Each row is classified:
- a caption 「第二十条第（X）项」 names the 表二 block that follows;
- a header row (column labels, the 勾稽 note, 「信息内容」) builds, per grid column, the path of
  header texts above it — 行政诉讼 › 复议后起诉 › 结果维持 — which is matched onto the format's
  column tree;
- a data row is found by its row label (the deepest label that matches the format, its group
  labels to the left); its value cells are the cells under matched columns;
- 表四 has no row label: a row of numbers under its header is its data row;
- anything else is a source line not used.

Values are read by cellvalues.read_value.  Stated totals are kept as stated (the checks compare
them with the sums).  What the format has and the source did not give is listed, cell by cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from model.formats import ColumnDef, FormatDef, RowDef, TableDef, load_format
from model.importing.cellvalues import header_unit, numeric, read_value, value_like
from model.importing.labels import LabelIndex, Match, bounded_similarity, norm, numbering, row_key
from model.importing.result import DOUBTFUL, UNREAD, Doubt
from model.importing.source import SCell, SourceTable, clean_line
from model.values import is_number

_CAPTION = re.compile(r"第二十条第?[(（]?([一二三四五六七八九十]+)[)）]?项")
_NOTE_KEY = norm("本列数据的勾稽关系为")
_STUB_EXTRA = ("信息内容", "项目", "内容", "类别", "指标", "序号")
_HEADING = re.compile(r"^[一二三四五六][、.．]")


def caption_numeral(text: str) -> str | None:
    m = _CAPTION.search(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))
    return m.group(1) if m else None


def is_table_furniture(text: str) -> bool:
    """A line printed with a table but outside it: its caption, the 勾稽 note, 「单位：件」."""
    t = norm(text)
    if caption_numeral(text) and len(t) <= 16:
        return True
    if t.startswith(_NOTE_KEY):
        return True
    return bool(re.fullmatch(r"(单位件|单位万元|单位元|续表|表[一二三四]|续)", t))


@dataclass(frozen=True)
class _Leaf:
    table: TableDef
    column: ColumnDef
    path: tuple[str, ...]  # normalised labels from the top of the tree to the leaf


class FormatIndex:
    """The format's labels, indexed for matching (built once per format)."""

    def __init__(self, fmt: FormatDef):
        self.fmt = fmt
        self.rows = LabelIndex()
        self.groups_with_other: dict[str, RowDef] = {}
        self.group_children: dict[str, list[RowDef]] = {}
        for t in fmt.tables.values():
            if not t.row_labels:
                continue
            for r in t.rows:
                if r.label:
                    self.rows.add(row_key(r.label), (t, r))
        for t in fmt.tables.values():
            rows = list(t.rows)
            for i, r in enumerate(rows):
                if r.group:
                    kids = []
                    for k in rows[i + 1:]:
                        if k.level <= r.level:
                            break
                        kids.append(k)
                    self.group_children[r.id] = [k for k in kids if not k.group]
                    other = [k for k in kids if row_key(k.label) == "其他" and not k.group]
                    if other:
                        self.groups_with_other[r.id] = other[0]
        self.captions: dict[str, TableDef] = {}
        for t in fmt.tables.values():
            if t.caption and caption_numeral(t.caption):
                self.captions[caption_numeral(t.caption)] = t
        self.columns = LabelIndex()  # every column label, leaf or not, and stub headers
        self.leaves: dict[str, list[_Leaf]] = {}
        col_keys: set[str] = set()
        for t in fmt.tables.values():
            leaves: list[_Leaf] = []

            def walk(cols, trail, t=t, leaves=leaves):
                for c in cols:
                    key = norm(c.label)
                    path = trail + (key,)
                    col_keys.add(key)
                    if c.children:
                        walk(c.children, path)
                    else:
                        leaves.append(_Leaf(t, c, path))

            walk(t.columns, ())
            self.leaves[t.id] = leaves
            if t.stub_header:
                col_keys.add(norm(t.stub_header))
        for k in _STUB_EXTRA:
            col_keys.add(norm(k))
        for k in sorted(col_keys):
            self.columns.add(k, k)
        self.unlabelled = [t for t in fmt.tables.values() if not t.row_labels]

    def is_column_label(self, text: str) -> bool:
        key = norm(text)
        if not key or value_like(text):
            return False
        if key.startswith(_NOTE_KEY):
            return True
        if numbering(text):  # 「（七）总计」 is a row, 「总计」 a column
            return False
        m = self.columns.find(key)
        if m is not None:
            return True
        # A header cell may print a unit or a remark after the label: 「本年收费金额（单位：万元）」.
        return any(len(k) >= 4 and key.startswith(k) for k in self.columns.full)

    def find_row(self, text: str) -> Match | None:
        return self.rows.find(row_key(text))


@lru_cache(maxsize=None)
def format_index(format_id: str) -> FormatIndex:
    return FormatIndex(load_format(format_id))


@dataclass
class _Header:
    """Header rows of one source table: per grid column, the header texts above it."""

    n_cols: int
    rows: list[list[SCell]] = field(default_factory=list)
    _paths: list[tuple[str, ...]] | None = None
    _raw: list[str] | None = None
    maps: dict = field(default_factory=dict)

    def add(self, cells: list[SCell]) -> None:
        self.rows.append(cells)
        self._paths = None

    def paths(self) -> list[tuple[str, ...]]:
        if self._paths is None:
            paths: list[list[str]] = [[] for _ in range(self.n_cols)]
            raw: list[list[str]] = [[] for _ in range(self.n_cols)]
            for cells in self.rows:
                for c in cells:
                    key = norm(c.text)
                    if not key or key.startswith(_NOTE_KEY):
                        continue
                    for j in range(c.col, min(c.col_end, self.n_cols)):
                        if not paths[j] or paths[j][-1] != key:
                            paths[j].append(key)
                            raw[j].append(c.text)
            self._paths = [tuple(p) for p in paths]
            self._raw = [" ".join(r) for r in raw]
        return self._paths

    def raw(self, j: int) -> str:
        self.paths()
        return self._raw[j] if self._raw and j < len(self._raw) else ""

    def column_map(self, table: TableDef, leaves: list[_Leaf]) -> list[ColumnDef | None]:
        """Grid column → the table's leaf column under it (None: a label column, or unknown)."""
        if table.id in self.maps:
            return self.maps[table.id]
        out: list[ColumnDef | None] = []
        for path in self.paths():
            out.append(_best_leaf(path, leaves))
        self.maps[table.id] = out
        return out


@lru_cache(maxsize=8192)
def _label_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a.startswith(b) and len(b) >= 4:  # 「本年收费金额(单位万元)」 printed as 「本年收费金额(万元)」
        return 0.95
    if b.startswith(a) and len(a) >= 4:
        return 0.9
    s = bounded_similarity(a, b, 0.78)
    return s if s >= 0.78 else 0.0


def _best_leaf(path: tuple[str, ...], leaves: list[_Leaf]) -> ColumnDef | None:
    if not path:
        return None
    scored: list[tuple[float, ColumnDef]] = []
    for leaf in leaves:
        label = leaf.path[-1]
        # The leaf's own label must be the deepest header text (or, with a merged header, one of
        # the texts in its column).
        base = _label_score(path[-1], label)
        if base == 0.0:
            base = max((_label_score(p, label) for p in path[:-1]), default=0.0) * 0.5
        if base == 0.0:
            continue
        anc = 0.0
        for a in leaf.path[:-1]:
            if any(_label_score(p, a) for p in path):
                anc += 1
        scored.append((base + anc, leaf.column))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05 and scored[1][1] is not scored[0][1]:
        return None  # e.g. 「结果维持」 with no 行政复议 / 复议后起诉 above it: ambiguous
    return scored[0][1]


@dataclass
class _Got:
    value: object
    source: str
    where: str


@dataclass
class TableOutcome:
    cells: dict[str, object] = field(default_factory=dict)  # cell id → value (stated totals too)
    units: dict[str, str] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    rows_read: int = 0

    @property
    def score(self) -> int:
        return self.rows_read * 4 + len(self.cells) - len(self.doubts)


class TableMapper:
    """Feed captions and tables in document order; finish() gives the cells."""

    def __init__(self, format_id: str):
        self.idx = format_index(format_id)
        self.fmt = self.idx.fmt
        self.out = TableOutcome()
        self.got: dict[str, _Got] = {}
        self.rows_seen: dict[str, set[str]] = {}  # table id → row ids seen
        self.cols_seen: dict[tuple[str, str], set[str]] = {}  # (table, row) → leaf ids mapped
        self.header: _Header | None = None
        self.header_open = False  # the last row was a header row: a new header row extends it
        self.caption_table: TableDef | None = None
        self.last_was_data = False  # the previous row was a data row (a page may break inside it)
        self.headed: set[str] = set()  # tables whose header has been seen
        self._noted: set[str] = set()

    # -- feeding ---------------------------------------------------------------------------------
    def feed_caption(self, text: str) -> None:
        n = caption_numeral(text)
        if n:
            self.caption_table = self.idx.captions.get(n)
            if self.caption_table is None:
                self._note(f"来源中的“{clean_line(text)}”不在{self.fmt.name}中，其下的数据未导入。")
            self.header = None
            self.header_open = False

    def feed_table(self, table: SourceTable) -> None:
        continuing = self.header is not None and self.header.n_cols == table.n_cols
        if not continuing:
            self.header = None
            self.header_open = False
        for r in range(table.n_rows):
            self._feed_row(table, r)

    def _feed_row(self, table: SourceTable, r: int) -> None:
        cells = table.row_cells(r)
        filled = [c for c in cells if c.text.strip()]
        if not filled:
            if self._unlabelled_table() is not None and self.header_open:
                self._data_unlabelled(table, cells)  # 表四 left blank (the template)
            return
        texts = list(dict.fromkeys(clean_line(c.text) for c in filled))
        if len(texts) <= 2 and any(caption_numeral(t) for t in texts):
            self.feed_caption(next(t for t in texts if caption_numeral(t)))
            return
        if len(texts) == 1 and _HEADING.match(unicodedata.normalize("NFKC", texts[0])) \
                and not self.idx.find_row(texts[0]):
            return  # a section heading printed inside the table
        has_number = any(numeric(c.text) for c in filled)
        row_hits = [(c, self.idx.find_row(c.text)) for c in filled if not value_like(c.text)]
        row_hits = [(c, m) for c, m in row_hits if m is not None]
        col_hits = [c for c in filled if self.idx.is_column_label(c.text)]
        exclusive_rows = [c for c, m in row_hits if c not in col_hits]
        if not has_number and col_hits and not exclusive_rows:
            self._header_row(table, cells)
            return
        if row_hits:
            self._data_labelled(table, cells, row_hits)
            return
        if all(value_like(c.text) for c in filled) and self._unlabelled_table() is not None:
            self._data_unlabelled(table, cells)
            return
        if self.last_was_data and not has_number and not col_hits and r in table.page_starts:
            # The rest of the row above, broken over a page (its label's last characters).
            self.last_was_data = False
            return
        self.header_open = False
        self.last_was_data = False
        self.out.unused.append(_line(cells, table.where))

    def _header_row(self, table: SourceTable, cells: list[SCell]) -> None:
        if self.header is None or not self.header_open or self.header.n_cols != table.n_cols:
            self.header = _Header(table.n_cols)
        self.header.add(cells)
        self.header_open = True
        self.last_was_data = False

    def _unlabelled_table(self) -> TableDef | None:
        """表四 (no row labels), when the current header is its header."""
        if self.header is None:
            return None
        for t in self.idx.unlabelled:
            cmap = self.header.column_map(t, self.idx.leaves[t.id])
            if sum(c is not None for c in cmap) >= max(2, len(t.leaves) // 2):
                return t
        return None

    # -- data rows -------------------------------------------------------------------------------
    def _data_labelled(self, table: SourceTable, cells: list[SCell], hits) -> None:
        self.header_open = False
        # The deepest label: the rightmost cell that matched a row (group labels lie to its left).
        cell, match = hits[-1]
        tdef, rdef = match.target
        if self.caption_table is not None and tdef is not self.caption_table and tdef.id.startswith("t2"):
            # A label of another 表二 block under this caption: trust the label, say so.
            self._note(f"“{clean_line(cell.text)}”出现在“{self.caption_table.caption}”下，按其行名归入"
                       f"“{tdef.caption}”。")
        last_label_end = max(c.col_end for c, _ in hits)
        values = [c for c in cells if c.col >= last_label_end]
        if match.how == "similar":
            self._note(f"行名“{clean_line(cell.text)}”按“{rdef.label}”读取。")
        if rdef.group:
            self._group_with_values(table, cells, tdef, rdef, values)
            return
        self._assign_row(table, cells, tdef, rdef, values)

    def _group_with_values(self, table, cells, tdef, rdef, values) -> None:
        filled = [c for c in values if c.text.strip()]
        kids = self.idx.group_children.get(rdef.id, [])
        other = self.idx.groups_with_other.get(rdef.id)
        if other is not None:
            # 2021's （六）其他处理 printed as one row (the 2019 layout): its numbers are kept under
            # 「3.其他」 and marked, so that the clerk splits them into 1–3.  Where the row says 0,
            # every item of the group is 0 (counts are never negative): nothing to split.
            why = f"来源把“{rdef.label}”印成一行，数值暂记入“{other.label}”，请按实际情况分到本组各项"
            self._assign_row(table, cells, tdef, other, values, force_doubt=why)
            for leaf in self.idx.leaves[tdef.id]:
                got = self.got.get(tdef.cell_id(other.id, leaf.column.id))
                for kid in kids:
                    if kid is other:
                        continue
                    cid = tdef.cell_id(kid.id, leaf.column.id)
                    if self.fmt.cells[cid].computed or cid in self.got:
                        continue
                    if got is not None and _same(got.value, 0):
                        self.got[cid] = _Got(0, got.source, got.where)
                        self.out.cells[cid] = 0
                    elif got is not None and got.value is not None:
                        self._doubt(cid, "", f"来源把“{rdef.label}”印成一行，无法分出本项，未读取", UNREAD)
            self._note(f"“{rdef.label}”在来源中只有一行：为 0 的栏各项都记 0，其余数值暂记入“{other.label}”并标记待核。")
            return
        if filled:
            self.out.unused.append(_line(cells, table.where))
            self._note(f"“{rdef.label}”是分组标题，官方表格中没有它的数值（小计），来源中的这一行未导入。")

    def _assign_row(self, table, cells, tdef: TableDef, rdef: RowDef, values: list[SCell],
                    force_doubt: str = "") -> None:
        leaves = self.idx.leaves[tdef.id]
        mapping = self._map_values(table, tdef, leaves, values, rdef)
        if mapping is None:
            self.out.unused.append(_line(cells, table.where))
            return
        self.out.rows_read += 1
        self.last_was_data = True
        self.rows_seen.setdefault(tdef.id, set()).add(rdef.id)
        seen = self.cols_seen.setdefault((tdef.id, rdef.id), set())
        for column, source_cells, unit_hint, why in mapping:
            seen.add(column.id)
            cid = tdef.cell_id(rdef.id, column.id)
            self._take(cid, column, source_cells, unit_hint, table.where, force_doubt or why)

    def _data_unlabelled(self, table: SourceTable, cells: list[SCell]) -> None:
        tdef = self._unlabelled_table()
        self.header_open = False
        if tdef is None:
            return
        rdef = tdef.data_rows[0]
        if rdef.id in self.rows_seen.get(tdef.id, set()):
            self.out.unused.append(_line(cells, table.where))
            self._note(f"{tdef.name}只有一行数据，来源中多出的一行未导入。")
            return
        self._assign_row(table, cells, tdef, rdef, cells)

    def _map_values(self, table, tdef: TableDef, leaves: list[_Leaf], values: list[SCell], rdef: RowDef):
        """[(leaf column, its source cells, unit from the header)], or None when the row's
        values cannot be placed under the format's columns."""
        header = self.header if self.header is not None and self.header.n_cols == table.n_cols else None
        cmap = header.column_map(tdef, leaves) if header is not None else None
        if cmap is not None and any(c is not None for c in cmap):
            self.headed.add(tdef.id)
            by_leaf: dict[str, list[SCell]] = {}
            hints: dict[str, str | None] = {}
            for cell in values:
                cols = {cmap[j].id: cmap[j] for j in range(cell.col, min(cell.col_end, len(cmap)))
                        if cmap[j] is not None}
                if len(cols) == 1:
                    (lid, col), = cols.items()
                    if cell not in by_leaf.setdefault(lid, []):
                        by_leaf[lid].append(cell)
                    hints.setdefault(lid, header_unit(header.raw(cell.col)))
                elif len(cols) > 1 and cell.text.strip():
                    # One value printed across several of the format's columns: cannot be placed.
                    for lid in cols:
                        by_leaf.setdefault(lid, [])
                        self._doubt(tdef.cell_id(rdef.id, lid), cell.text, "来源中这个数值横跨多栏，无法确定属于哪一栏，未读取",
                                    UNREAD)
            if len(by_leaf) < len(leaves) and _positional_ok(values, leaves) \
                    and _agrees(by_leaf, leaves, values):
                # Some header cells unreadable, the rest where the official order puts them: the
                # official order is trusted, and the columns found only by it are marked.
                missing = [leaf.column.label for leaf in leaves if leaf.column.id not in by_leaf]
                self._note(f"{tdef.name}{_caption(tdef)}的表头中找不到“{'、'.join(missing[:3])}”等栏，"
                           "按官方表格的栏目顺序读取。")
                why = "表头中这一栏的标题无法识别，按官方表格的栏目顺序读取，请核对"
                return [(leaf.column, [cell], hints.get(leaf.column.id), "" if leaf.column.id in by_leaf else why)
                        for leaf, cell in zip(leaves, values)]
            return [(leaf.column, by_leaf[leaf.column.id], hints.get(leaf.column.id), "")
                    for leaf in leaves if leaf.column.id in by_leaf]
        if _positional_ok(values, leaves):
            why = ""
            if tdef.id not in self.headed:  # (a table continued from a page that had its header is fine)
                self._note(f"{tdef.name}{_caption(tdef)}没有表头，按官方表格的栏目顺序读取，请核对。")
                why = "来源表格没有表头，按官方表格的栏目顺序读取，请核对"
            return [(leaf.column, [cell], None, why) for leaf, cell in zip(leaves, values)]
        # Single-value rows printed over several grid columns (表二 blocks) have one value cell.
        if len(leaves) == 1 and len([v for v in values if v.text.strip()]) == 1:
            cell = next(v for v in values if v.text.strip())
            return [(leaves[0].column, [cell], None, "")]
        for leaf in leaves:
            self._doubt(tdef.cell_id(rdef.id, leaf.column.id), _line(values, ""),
                        f"来源这一行有 {len(values)} 个数值栏，与官方表格的 {len(leaves)} 栏对不上，未读取", UNREAD)
        return None

    def _take(self, cid: str, column: ColumnDef, source_cells: list[SCell], unit_hint, where: str,
              force_doubt: str) -> None:
        texts = [c.text for c in source_cells if c.text.strip()]
        source = texts[0] if texts else ""
        if len(set(t.strip() for t in texts)) > 1:
            self._doubt(cid, " / ".join(texts), "来源中这一栏有不止一个数值，未读取", UNREAD)
            self.got.setdefault(cid, _Got(None, source, where))
            return
        read = read_value(source, column, unit_hint)
        prev = self.got.get(cid)
        if prev is not None:
            if _same(prev.value, read.value):
                return
            self._doubt(cid, f"{prev.source} / {source}",
                        f"来源中这一格出现两次且数值不同（{prev.where or '前'}：{prev.source or '空'}；"
                        f"{where or '后'}：{source or '空'}），保留前一个", DOUBTFUL)
            return
        self.got[cid] = _Got(read.value, source, where)
        if read.value is not None:
            self.out.cells[cid] = read.value
            if read.unit and column.unit_choices:
                self.out.units[cid] = read.unit
        if read.note:
            self._note(f"{self.fmt.cells[cid].describe()}：{read.note}。")
        if read.problem:
            self._doubt(cid, source, read.problem, DOUBTFUL if read.value is not None else UNREAD)
        elif force_doubt and is_number(read.value) and read.value != 0:
            self._doubt(cid, source, force_doubt, DOUBTFUL)

    # -- results ---------------------------------------------------------------------------------
    def finish(self) -> TableOutcome:
        fmt = self.fmt
        for t in fmt.tables.values():
            seen_rows = self.rows_seen.get(t.id, set())
            for r in t.data_rows:
                for leaf in t.leaves:
                    cid = t.cell_id(r.id, leaf.id)
                    if cid in self.got or fmt.cells[cid].computed or self._has_doubt(cid):
                        continue
                    if not seen_rows:
                        reason = f"来源中没有找到{t.name}{_caption(t)}，这一格未读取"
                    elif r.id not in seen_rows:
                        reason = "来源表格中没有这一行，未读取"
                    else:
                        reason = "来源表格中没有这一栏（或表头无法对应），未读取"
                    self._doubt(cid, "", reason, UNREAD)
        return self.out

    def _has_doubt(self, cid: str) -> bool:
        return any(d.key == cid for d in self.out.doubts)

    def _doubt(self, cid: str, source: str, reason: str, kind: str) -> None:
        self.out.doubts.append(Doubt(cid, clean_line(source), reason, kind))

    def _note(self, text: str) -> None:
        if text not in self._noted:
            self._noted.add(text)
            self.out.messages.append(text)


def _agrees(by_leaf: dict[str, list[SCell]], leaves: list[_Leaf], values: list[SCell]) -> bool:
    """Every value cell that the header placed sits where the official column order puts it."""
    placed = {id(cell): lid for lid, cells in by_leaf.items() for cell in cells}
    return all(placed.get(id(cell), leaf.column.id) == leaf.column.id for leaf, cell in zip(leaves, values))


def _positional_ok(values: list[SCell], leaves: list[_Leaf]) -> bool:
    return len(values) == len(leaves) and len(leaves) > 1


def _caption(t: TableDef) -> str:
    return f"（{t.caption}）" if t.caption else ""


def _same(a, b) -> bool:
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return Decimal(a) == Decimal(b)
    return a == b


def _line(cells: list[SCell], where: str) -> str:
    texts = [clean_line(c.text) or "（空）" for c in cells]
    while texts and texts[-1] == "（空）":
        texts.pop()
    line = " | ".join(texts)
    return f"{where}：{line}" if where else line

