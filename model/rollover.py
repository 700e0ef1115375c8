"""Next year's report from last year's draft.

Carries what the format says carries (上年结转 = last year's 结转下年度, 现行有效件数 as the
starting point), the agency and the narrative (marked for review), and keeps last year's numbers
that the cross-year checks compare against.  A 2019-format draft becomes a 2021-format report
when the new year is ≥ 2021; what has no counterpart is listed, never silently dropped.

`cell_counterparts` is the cell-by-cell map between the two formats that 汇总 adds a unit of the
other format by (model/summary_formats.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from model import terms
from model.formats import FormatDef, RowDef, TableDef, format_for_year, load_format
from model.report import LastYear, Report
from model.values import display, is_number


@dataclass
class Rollover:
    report: Report
    carried: list[str] = field(default_factory=list)  # Chinese lines: what was carried
    not_mapped: list[str] = field(default_factory=list)  # Chinese lines: what could not be


def roll_over(last: Report, new_year: int | None = None, format_id: str | None = None,
              source: str = "") -> Rollover:
    year = new_year if new_year is not None else last.year + 1
    fid = format_id or format_for_year(year)
    new_fmt, old_fmt = load_format(fid), last.fmt
    new = Report(format_id=fid, year=year, agency=last.agency)
    result = Rollover(new)
    old_values = last.values()

    for src, dst in new_fmt.rollover_carry:
        v = old_values.get(src)
        if src in old_fmt.cells and dst in new_fmt.cells and is_number(v):
            new.cells[dst] = v
    if any(dst in new.cells for _, dst in new_fmt.rollover_carry):
        result.carried.append("表三“二、上年结转政府信息公开申请数量”已按上年报告的“四、结转下年度继续办理”填入。")
    for cid in new_fmt.rollover_start:
        v = old_values.get(cid)
        cell = new_fmt.cells[cid]
        if cid in old_fmt.cells and is_number(v):
            new.cells[cid] = v
            result.carried.append(f"{cell.describe()}以上年的 {display(v)} 为起点，请按本年制发、废止情况更新。")
        else:
            result.not_mapped.append(f"{cell.describe()}：上年报告（{old_fmt.name}）没有对应数据，请直接填写。")

    for key in new_fmt.text_keys():
        text = last.text(key)
        if text.strip():
            new.texts[key] = text
            new.review.append(key)
    if new.review:
        result.carried.append(f"{terms.AGENCY}和各部分正文已从上年带入，并标记为“待复核”，请逐段修改为本年内容。")

    new.last_year = last_year_from(last, new_fmt, source)

    if old_fmt.id != new_fmt.id:
        result.not_mapped.extend(_format_change_notes(old_fmt, new_fmt, last))
    return result


def last_year_from(last: Report, new_fmt, source: str = "") -> LastYear:
    """What a report in `new_fmt` keeps of last year's: the numbers its cross-year rules compare
    against (上年结转 = 结转下年度, 现行有效件数) and the texts, shown beside this year's."""
    old_fmt, old_values = last.fmt, last.values()
    wanted = {r.get("last_year_cell") for r in new_fmt.rules if r.get("last_year_cell")}
    ly_cells = {c: old_values[c] for c in sorted(wanted)
                if c in old_fmt.cells and is_number(old_values.get(c))}
    ly_texts = {k: last.text(k) for k in new_fmt.text_keys() if last.text(k).strip()}
    return LastYear(last.year, ly_cells, source, ly_texts)


def _format_change_notes(old_fmt, new_fmt, last: Report) -> list[str]:
    """Tables whose cells have no counterpart in the new format (nothing of them is carried)."""
    notes = [f"上年报告使用{old_fmt.name}，本年使用{new_fmt.name}；栏目相同的照旧对应。"]
    for t in old_fmt.tables.values():
        missing = [cid for cid in old_fmt.cells if old_fmt.cells[cid].table is t
                   and cid not in new_fmt.cells]
        if not missing:
            continue
        cols = "、".join(dict.fromkeys(old_fmt.cells[c].column.label for c in missing))
        rows = "、".join(dict.fromkeys(old_fmt.cells[c].row.label for c in missing if old_fmt.cells[c].row.label))
        notes.append(f"{t.name}（{rows}｜{cols}）在新格式中没有对应栏目，未带入。")
    return notes


@lru_cache(maxsize=None)
def cell_counterparts(old_id: str, new_id: str) -> dict[str, str]:
    """Where each entered cell of format `old_id` goes in format `new_id` ({} entries for none).

    - The same id: the same row and column, the same meaning (the formats share most of 表三 and
      all of 表四), unless the new format computes it.
    - A row one format prints as a single line and the other splits into items under the same label
      (表三「（六）其他处理」: one row in 2019, items 1–3 in 2021).  The single row holds the whole
      group, so its numbers go to the group's item 「其他」 (the group and （七）总计 stay right;
      the split between the items cannot be known), and the items go into the single row.
    Anything else (2019 第（一）项's columns, 第（九）项 …) means something else: no counterpart.
    """
    old, new = load_format(old_id), load_format(new_id)
    out = {cid: cid for cid in old.input_ids if cid in new.cells and not new.cells[cid].computed}
    for (t, row), (nt, dest, _group) in _regrouped_rows(old, new).items():
        for leaf in t.leaves:
            src, dst = t.cell_id(row.id, leaf.id), nt.cell_id(dest.id, leaf.id)
            if src in old.cells and not old.cells[src].computed and src not in out \
                    and dst in new.cells and not new.cells[dst].computed:
                out[src] = dst
    return out


def regrouped_rows(old_id: str, new_id: str) -> dict[tuple[TableDef, RowDef], tuple[TableDef, RowDef, RowDef | None]]:
    """(old table, old row) → (new table, new row, the new row's group) for the rows that change
    shape between formats: the group is set where one old row goes into an item of a new group
    (its split is lost), None where an old item goes into one new row (added up exactly)."""
    return _regrouped_rows(load_format(old_id), load_format(new_id))


def group_items(table: TableDef, group: RowDef) -> list[RowDef]:
    """The data rows under a group label (rows of a deeper level until the next of its own)."""
    rows = list(table.rows)
    start = rows.index(group) + 1
    items = []
    for r in rows[start:]:
        if r.level <= group.level:
            break
        if not r.group:
            items.append(r)
    return items


def group_of(table: TableDef, row: RowDef) -> RowDef | None:
    """The group label a data row stands under, if any."""
    rows = list(table.rows)
    for r in reversed(rows[:rows.index(row)]):
        if r.level < row.level:
            return r if r.group else None
    return None


_NUMBERING = re.compile(r"^\s*\d+\s*[.．、]\s*")


def _is_other(row: RowDef) -> bool:
    return _NUMBERING.sub("", row.label).strip() == "其他"


def _regrouped_rows(old: FormatDef, new: FormatDef) -> dict:
    out = {}
    for t in old.tables.values():
        nt = new.tables.get(t.id)
        if nt is None:
            continue
        new_rows = {r.label: r for r in nt.rows if r.label}
        for row in t.data_rows:
            if any(r.id == row.id for r in nt.data_rows):
                continue
            twin = new_rows.get(row.label)
            if twin is not None and twin.group:  # one line here, items there: into 「其他」
                other = [r for r in group_items(nt, twin) if _is_other(r)]
                if other:
                    out[(t, row)] = (nt, other[0], twin)
                continue
            group = group_of(t, row)
            single = new_rows.get(group.label) if group is not None else None
            if single is not None and not single.group and not single.computed:  # items here, one line there
                out[(t, row)] = (nt, single, None)
    return out
