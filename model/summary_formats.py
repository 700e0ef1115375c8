"""A unit's report in the other format, added into a 汇总: where each of its cells goes, and what
the office is told about it, unit by unit.

The map is model.rollover.cell_counterparts: the cells the two formats share by id, and 表三
「（六）其他处理」, one row in 2019 and items 1–3 in 2021.  A 2019 unit's （六） row goes into the
2021 item 「3.其他」: the group (and （七）总计, and the table's balance 一+二 = 三（七）+四) stay
exact, only the split between 逾期不补正 / 逾期未缴费 / 其他 cannot be known, and the review says so.
A 2021 unit's three items add into 2019's single row, which loses nothing.  The other 2019 cells
(第（一）项's columns, 上一年项目数量 and 本年增/减, 第（九）项 …) mean something the 2021 format does
not count: they are not added, and listed.
"""

from __future__ import annotations

from functools import lru_cache

from model.formats import load_format
from model.report import Report
from model.rollover import cell_counterparts, group_items, regrouped_rows
from model.values import display, is_number

# What to do with a source cell, per (source format, sum format): add as a count, add as an
# amount, add as an amount given in 元 or 万元, or refuse (no such cell in the sum's format).
COUNT, AMOUNT, MONEY_WITH_UNIT, NO_COUNTERPART = "count", "amount", "money", "none"


def short_name(fmt) -> str:
    """「2019年试行格式」 without its document number, for lines that name it often."""
    return fmt.name.split("（")[0]


@lru_cache(maxsize=None)
def sum_plan(source_id: str, target_id: str) -> dict[str, tuple[str, str | None]]:
    """Each entered cell of the source format → (action, the sum's cell it adds into)."""
    sfmt, fmt = load_format(source_id), load_format(target_id)
    where = cell_counterparts(source_id, target_id)
    plan = {}
    for cid in sfmt.input_ids:
        dst = where.get(cid)
        if dst is None:
            plan[cid] = (NO_COUNTERPART, None)
        elif sfmt.cells[cid].column.unit_choices:
            plan[cid] = (MONEY_WITH_UNIT, dst)
        else:
            plan[cid] = (AMOUNT if fmt.cells[dst].column.type == "decimal" else COUNT, dst)
    return plan


def other_format_notes(report: Report, target_id: str) -> list[str]:
    """What the review shows on a unit in another format than the sum's: the rows whose numbers go
    into a row of another shape, and the values that have no place in the sum (zero or empty ones
    lose nothing and are not named)."""
    if report.format_id == target_id:
        return []
    notes = [line for _row, line in regrouped_notes(report, target_id)]
    missing = []
    sfmt, fmt = report.fmt, load_format(target_id)
    for cid, (action, _dst) in sum_plan(sfmt.id, fmt.id).items():
        v = report.cells.get(cid)
        if action == NO_COUNTERPART and is_number(v) and v != 0:
            missing.append(f"{sfmt.cells[cid].describe()} {display(v)}")
    if missing:
        notes.append(f"以下数值在{short_name(fmt)}中没有对应栏目，不计入汇总：{'；'.join(missing)}。")
    return notes


def regrouped_notes(report: Report, target_id: str) -> list[tuple[str, str]]:
    """(what, line) for each row of this unit whose non-zero numbers go into an item 「其他」 of the
    sum because its format has one row where the sum's splits it into items."""
    sfmt, fmt = report.fmt, load_format(target_id)
    out = []
    if sfmt.id == fmt.id:
        return out
    for (t, row), (nt, dest, group) in regrouped_rows(sfmt.id, fmt.id).items():
        if group is None:  # items here, one row in the sum: added up, nothing lost
            continue
        values = [(leaf.label, report.cells.get(t.cell_id(row.id, leaf.id))) for leaf in t.leaves]
        shown = "、".join(f"{label} {display(v)}" for label, v in values if is_number(v) and v != 0)
        if not shown:
            continue  # all 0: every item of the group is 0, nothing to split
        n = len(group_items(nt, group))
        what = f"{t.name}「{row.label}」已计入「{group.label}」「{dest.label}」"
        out.append((what, f"{t.name}「{row.label}」在{short_name(sfmt)}中只有一行，{short_name(fmt)}分为 {n} 项，"
                          f"无法细分：其数值（{shown}）已计入汇总的「{group.label}」「{dest.label}」。"))
    return out
