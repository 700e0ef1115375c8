"""The region-wide sum (汇总): one report whose entered cells add up the chosen units' reports.

- Only entered cells are added; every total of the sum is computed from them as in any report
  (a unit's stated totals are checked on the unit, never summed).
- Counts add as integers, amounts as exact Decimals (万元 to six places: no float ever touches
  them); the 2019 采购总金额, given in 元 or 万元 by each unit, is added in 万元.
- 现行有效件数 (the stock of documents in force) is summed like every other cell: the region's
  stock is the sum of its units'.
- A unit in the other format counts where the two formats share the cell (same id, same
  meaning), and 表三「（六）其他处理」 goes by model/summary_formats.py (2019's single row into
  2021's item 「3.其他」, said per unit in the review); a non-zero value in a cell the sum's format
  lacks is not added and is listed, as is text that is not a number.  The lines go into the draft
  (`summary.not_summed`).
- A 汇总 may itself be one of the units (a district's sum in a city's; model/review_table.py
  decides when that is safe): its cells add like any unit's, its own unit list is kept nested in
  `summary.units`, and the values it could not add are listed again under its name.
- Texts are left empty for the office to write; `last_year` comes from last year's region report,
  or from the sum of the same units' reports in last year's folder.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from model.errors import ReportError
from model.formats import format_for_year, load_format
from model.report import Report, SummaryOf, SummedUnit
from model.review_table import Review
from model.rollover import last_year_from
from model.summary_formats import AMOUNT, COUNT, NO_COUNTERPART, regrouped_notes, short_name, sum_plan
from model.values import display, is_number

YUAN_PER_WAN = Decimal(10000)


class SummaryError(ReportError):
    """Nothing to sum; str() is the Chinese reason."""


@dataclass(frozen=True)
class UnitToSum:
    agency: str
    file: str
    report: Report


@dataclass
class SumResult:
    report: Report
    not_summed: list[str] = field(default_factory=list)  # values not added (also in the draft)
    notes: list[str] = field(default_factory=list)  # rows of another shape; last year's numbers


def sum_reports(units: list[UnitToSum], year: int, format_id: str | None = None,
                agency: str = "") -> SumResult:
    if not units:
        raise SummaryError("没有可以汇总的单位报告。")
    fmt = load_format(format_id or format_for_year(year))
    totals: dict[str, int | Decimal] = {}
    units_of_sum: dict[str, str] = {}
    refused: list[str] = []
    with localcontext() as ctx:
        ctx.prec = 60  # 1,000 units × 12 digits × 6 places stay exact with room to spare
        for unit in units:
            _add_unit(unit, fmt, totals, units_of_sum, refused)
    report = Report(format_id=fmt.id, year=year, agency=agency)
    for cid in fmt.input_ids:  # format order
        if cid in totals:
            report.cells[cid] = totals[cid]
    report.units = units_of_sum
    report.summary = SummaryOf([_summed_unit(u) for u in units], refused)
    return SumResult(report, list(refused), _regrouped_summary(units, fmt))


def _summed_unit(unit: UnitToSum) -> SummedUnit:
    """The record of one unit added; a sum counted as one unit keeps its own list, nested."""
    inner = unit.report.summary
    nested = copy.deepcopy(inner.units) if inner is not None else None
    return SummedUnit(unit.agency, unit.file, unit.report.format_id, nested)


def _regrouped_summary(units: list[UnitToSum], fmt) -> list[str]:
    """One line per row of another shape (2019's （六）其他处理 into 2021's 「3.其他」), naming the
    units whose numbers went there; each unit's own numbers are in the review."""
    who: dict[tuple[str, str], list[str]] = {}
    for u in units:
        if u.report.format_id != fmt.id:
            for what, _line in regrouped_notes(u.report, fmt.id):
                who.setdefault((short_name(u.report.fmt), what), []).append(u.agency or u.file)
    lines = []
    for (old_name, what), names in who.items():
        shown = "、".join(names[:5]) + (f"等 {len(names)} 个单位" if len(names) > 5 else "")
        lines.append(f"{shown}（{old_name}）：{what}（{old_name}只有一行，无法细分到本组各项；"
                     "各单位的数值见审核表中的说明）。")
    return lines


def _add_unit(unit: UnitToSum, fmt, totals, units_of_sum, refused) -> None:
    src = unit.report
    sfmt = src.fmt
    plan = sum_plan(sfmt.id, fmt.id)  # model/summary_formats.py: the other format's cells mapped
    who = unit.agency or unit.file
    if src.summary is not None:  # a sum counted as one unit: what it could not add, it still lacks
        refused.extend(f"{who}（汇总）：{line}" for line in src.summary.not_summed)
    for cid, v in src.cells.items():
        step = plan.get(cid)  # None: a total the unit stated (checked on the unit, not added)
        if step is None or v is None:
            continue
        action, dst = step
        if action == COUNT and type(v) is int:  # the common case, first
            totals[dst] = totals.get(dst, 0) + v
            continue
        scell = sfmt.cells[cid]
        if not is_number(v):
            refused.append(f"{who}：{scell.describe()}填写的“{v}”不是数字，未计入。")
        elif action == NO_COUNTERPART:
            if v != 0:
                refused.append(f"{who}（{short_name(sfmt)}）：{scell.describe()}为 {display(v)}，"
                              f"{short_name(fmt)}没有这一栏，未计入。")
        elif action == COUNT:
            if v != int(v):
                refused.append(f"{who}：{scell.describe()}为 {display(v)}，不是整数，未计入。")
            else:
                totals[dst] = totals.get(dst, 0) + int(v)
        elif action == AMOUNT:
            totals[dst] = Decimal(totals.get(dst, 0)) + Decimal(v)
        else:
            unit_name = src.units.get(cid)
            if unit_name not in scell.column.unit_choices:
                refused.append(f"{who}：{scell.describe()}为 {display(v)}，未注明单位（元或万元），未计入。")
                continue
            wan = Decimal(v) / YUAN_PER_WAN if unit_name == "元" else Decimal(v)
            if fmt.cells[dst].column.unit_choices:
                units_of_sum[dst] = "万元"
            totals[dst] = Decimal(totals.get(dst, 0)) + wan


def sum_review(review: Review, agency: str = "", format_id: str | None = None,
               last_region: Report | None = None, last_source: str = "") -> SumResult:
    """The sum of the review's chosen units, with last year's numbers when they are known."""
    rows = review.chosen()
    if not rows or review.year is None:
        raise SummaryError("没有可以汇总的单位报告：请至少勾选一个已读取、年度相符的单位。")
    twice = review.twice_chosen()
    if twice:  # one unit's two files would be added up twice
        files = "、".join(f"“{r.file}”" for r in twice)
        raise SummaryError(f"{twice[0].unit}的 {len(twice)} 份报告都被勾选了（{files}），"
                           "同一单位只能计入一份，请只勾选其中一份。")
    result = sum_reports([UnitToSum(r.unit, r.file, r.read.report) for r in rows], review.year,
                         format_id, agency)
    with_errors = [r.unit for r in rows if r.errors]
    if with_errors:  # added as filed: the office should know its sum carries them
        shown = "、".join(with_errors[:5]) + (f"等 {len(with_errors)} 个单位" if len(with_errors) > 5 else "")
        result.notes.append(f"计入的单位中有 {len(with_errors)} 个的报告有错误（{shown}），其数字按所填计入；"
                            "请核对并由单位改正后重新汇总。")
    if last_region is not None:
        result.report.last_year = last_year_from(last_region, result.report.fmt, last_source)
        result.notes.append(f"上年数据取自上年的汇总报告“{last_source}”。" if last_source
                            else "上年数据取自上年的汇总报告。")
    elif review.last_source:
        # Last year's figures are the same units' reports of last year added up — only when every
        # unit has one: a sum short of some units would make the region's 上年结转 and 现行有效件数
        # disagree with "last year" by exactly what is missing, errors nobody can correct.
        missing = [r.unit for r in rows if r.last_read is None]
        if missing:
            result.notes.append(f"上年文件夹中没有这些单位的报告：{'、'.join(missing)}。上年数据不全，未填入汇总报告"
                                "（各单位的上年结转已逐一核对）；可改用上年的汇总报告作为上年数据。")
        else:
            last = sum_reports([UnitToSum(r.unit, r.last_read.name, r.last_read.report) for r in rows],
                               review.year - 1)
            result.report.last_year = last_year_from(last.report, result.report.fmt, review.last_source)
            result.notes.append(f"上年数据为上年文件夹中 {len(rows)} 个相同单位报告的合计。")
    return result
