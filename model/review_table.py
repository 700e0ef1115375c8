"""The review (审核) of every unit's report: one row per unit with its status and findings.

Statuses, in the order they win:
- 无法读取  the file could not be read (its message says why);
- 年份不符  a report of another year than the one being summed;
- 重复      two files of one unit (the newer one is chosen for the sum, the office may switch);
- 有错误 / 无误  by the report's own checks (warnings alone leave it 无误);
- 未报送    a unit of the 名单 with no file at all;
- 已跳过    a file that is itself a 汇总 (a draft with `summary`) one of whose units is also among the
            chosen sources (its own report, or inside another chosen sum — model/sum_overlap.py):
            adding both would count that unit twice, so the sum is left out — as a row that names
            the units, never out of sight.  (Such a sum chosen by name is refused by
            model.summary_job.)  A sum without such overlap is one unit like any other (a district's
            sum in a city's), its row saying 汇总报告（含 N 个单位）.

Cross-unit checks come on top of each report's own: with last year's folder, each unit's 上年结转
is checked against its own last year's 结转下年度 (the format's cross-year rules, with last year's
report of that unit as `last_year`); and a unit whose totals are a thousand times the others'
median gets a hint (a 元 typed as 万元, a count typed with extra digits).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from functools import lru_cache

from model.checks import ERROR, WARNING, Finding, check_report
from model.formats import format_for_year, load_format
from model.report import Report
from model.rollover import last_year_from
from model.sum_overlap import Overlap, Source, find_overlaps
from model.summary_formats import other_format_notes
from model.unit_list import UnitList
from model.unit_names import assign, same_unit_key, unit_in_file_name
from model.unit_reading import Skipped, UnitRead
from model.values import display, is_number

OK, HAS_ERRORS, UNREADABLE, WRONG_YEAR, DUPLICATE, MISSING = "无误", "有错误", "无法读取", "年份不符", "重复", "未报送"
SKIPPED = "已跳过"
SUM_KIND = "汇总"  # the 类型 of a sum, counted as one unit or left out (its note says why)
STATUSES = (OK, HAS_ERRORS, UNREADABLE, MISSING, DUPLICATE, WRONG_YEAR, SKIPPED)
SUMMABLE = (OK, HAS_ERRORS, DUPLICATE)  # statuses whose report can go into the sum

OUTLIER_RULE = "summary_outlier"
OUTLIER_FACTOR = 1000  # 元 typed as 万元 is 10,000 times; real differences between units are not
OUTLIER_MIN_OTHERS = 4  # a median of fewer units says little


@dataclass(frozen=True)
class Measure:
    """A figure compared across units: the cells adding up to it, per format."""

    label: str
    unit: str
    cells: dict[str, tuple[str, ...]]  # format id → cells summed
    money: bool = False


MEASURES = (
    Measure("表二「行政事业性收费」本年收费金额", "万元", {"2021": ("t2_8.admin_fees.fee_amount",)}, money=True),
    Measure("表二「政府集中采购」采购总金额", "万元", {"2019": ("t2_9.central_procurement.amount",)}, money=True),
    Measure("表三 本年新收政府信息公开申请数量", "件",
            {"2021": ("t3.r1_new.total",), "2019": ("t3.r1_new.total",)}),
    Measure("表四 行政复议和行政诉讼总数", "件",
            {f: ("t4.cases.rv_total", "t4.cases.ld_total", "t4.cases.la_total") for f in ("2021", "2019")}),
)


@dataclass
class ReviewRow:
    unit: str  # the agency as the report names it (or the file name, or the 名单 name)
    status: str
    read: UnitRead | None = None  # None: 未报送
    report: Report | None = None  # as checked (with last year's numbers when a folder was given)
    listed: str = ""  # the 名单 name this row stands for
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Chinese: why this status, what was matched
    chosen: bool = False  # goes into the sum (set through Review.choose: one file per unit)
    same_unit: int = 0  # > 0: the rows of one unit's several files share it (重复)
    last_read: UnitRead | None = None  # this unit's report of last year, when a folder was given
    # Chinese: a report in the other format than the sum's — which of its rows go into a row of
    # another shape, which values have no place in the sum (model/summary_formats.py)
    format_notes: list[str] = field(default_factory=list)
    overlap: str = ""  # Chinese: a sum left out (已跳过) — which of its units are also chosen elsewhere
    left_out: list[str] = field(default_factory=list)  # that sum's units counted nowhere else

    @property
    def file(self) -> str:
        return self.read.name if self.read else ""

    @property
    def kind(self) -> str:
        if is_sum(self.file_report):  # counted as one unit or left out (已跳过), the file is a 汇总
            return SUM_KIND
        return self.read.kind if self.read else ""

    @property
    def counted_sum(self) -> bool:
        """A 汇总 reviewed as one unit (not one left out)."""
        return self.status != SKIPPED and is_sum(self.file_report)

    @property
    def file_report(self) -> Report | None:
        """The report the file holds, reviewed or not: a 汇总 left out (已跳过) has no `report` (it
        is neither checked nor summed) but its year and format are still the file's own."""
        return self.report or (self.read.report if self.read else None)

    @property
    def year(self) -> int | None:
        return self.file_report.year if self.file_report else None

    @property
    def format_name(self) -> str:
        """「2021年版格式」: the format's name without its document number."""
        return self.file_report.fmt.name.split("（")[0] if self.file_report else ""

    @property
    def all_notes(self) -> list[str]:
        return self.notes + self.format_notes

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity != ERROR for f in self.findings)

    @property
    def summable(self) -> bool:
        return self.report is not None and self.status in SUMMABLE

    def problem_text(self) -> str:
        """One line for a list or a message: the reason behind the status."""
        if self.status == UNREADABLE:
            return self.read.error if self.read else ""
        if self.status in (WRONG_YEAR, DUPLICATE, MISSING, SKIPPED) and self.notes:
            return self.notes[0]
        if self.errors:
            return next(f.message for f in self.findings if f.severity == ERROR)
        return ""


@dataclass
class Review:
    rows: list[ReviewRow]
    year: int | None
    skipped: list[Skipped] = field(default_factory=list)
    unit_list: UnitList | None = None
    last_source: str = ""  # last year's folder, when given
    notes: list[str] = field(default_factory=list)  # Chinese, about the whole review

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.rows)

    def count_text(self) -> str:
        """「共 3 个单位：无误 2，有错误 1」 — a sum left out (已跳过) is a file, not a unit."""
        units = sum(r.status != SKIPPED for r in self.rows)
        counts = "，".join(f"{s} {self.count(s)}" for s in STATUSES if s != SKIPPED and self.count(s))
        text = f"共 {units} 个单位：{counts or '无'}"
        if self.count(SKIPPED):
            text += f"；另有 {self.count(SKIPPED)} 份汇总报告已跳过，不计入"
        return text

    def chosen(self) -> list[ReviewRow]:
        return [r for r in self.rows if r.chosen and r.summable]

    def choose(self, row: ReviewRow, chosen: bool) -> None:
        """Tick or untick one row for the sum.  A unit's files exclude each other: ticking one
        unticks the unit's other files, so no unit is ever added twice."""
        if not row.summable:
            return
        row.chosen = chosen
        if chosen and row.same_unit:
            for other in self.rows:
                if other is not row and other.same_unit == row.same_unit:
                    other.chosen = False

    def choose_all(self, chosen: bool) -> None:
        """全选 / 全不选: every unit that can be summed, once — of a unit's several files the one
        already ticked, else the newest."""
        groups: dict[int, list[ReviewRow]] = {}
        for row in self.rows:
            if not row.summable:
                continue
            if row.same_unit and chosen:
                groups.setdefault(row.same_unit, []).append(row)
            else:
                row.chosen = chosen
        for rows in groups.values():
            keep = next((r for r in rows if r.chosen), None) or _newest(rows)
            for row in rows:
                row.chosen = row is keep

    def twice_chosen(self) -> list[ReviewRow]:
        """Rows chosen together with another file of their unit (empty when ticked through choose)."""
        seen: dict[int, int] = {}
        for row in self.chosen():
            if row.same_unit:
                seen[row.same_unit] = seen.get(row.same_unit, 0) + 1
        return [r for r in self.chosen() if seen.get(r.same_unit, 0) > 1]

    def all_clear(self) -> bool:
        """Every unit read, of the year, once, without errors, and none missing (a sum left out
        whose units are all here on their own is not a problem; one that takes units with it is)."""
        units = [r for r in self.rows if r.status != SKIPPED]
        return bool(units) and all(r.status == OK for r in units) \
            and not any(r.left_out for r in self.rows if r.status == SKIPPED)


def build_review(reads: list[UnitRead], skipped: list[Skipped] | None = None,
                 unit_list: UnitList | None = None, year: int | None = None,
                 last_reads: list[UnitRead] | None = None, last_source: str = "") -> Review:
    skipped = list(skipped or [])
    if year is None:
        year = _usual_year(reads)  # a city's sum of its districts' sums: the sums are its units
    overlaps = _sum_overlaps(reads, year)
    review = Review([], year, skipped, unit_list, last_source)
    for i, read in enumerate(reads):
        if i not in overlaps:
            review.rows.append(_row_for(read, year))
    if unit_list is not None:
        _match_list(review, unit_list)
    _mark_duplicates(review)
    if last_reads is not None:
        _attach_last_year(review, last_reads)
    for row in review.rows:
        if row.status in (OK, HAS_ERRORS):
            row.status = HAS_ERRORS if row.errors else OK
    _outlier_hints(review)
    if year is not None:  # a unit in the other format: how its numbers go into the sum, or do not
        target = format_for_year(year)
        for row in review.rows:
            if row.summable and row.report.format_id != target:
                row.format_notes = other_format_notes(row.report, target)
    for row in review.rows:
        if row.status in (OK, HAS_ERRORS):
            row.chosen = unit_list is None or bool(row.listed)
        elif row.status == DUPLICATE and unit_list is not None and not row.listed:
            row.chosen = False
    for i, overlap in overlaps.items():  # after the 名单 and duplicates: a sum left out stands for no unit
        review.rows.append(_skipped_sum_row(reads[i], overlap))
    return review


def is_sum(report: Report | None) -> bool:
    """A region-wide sum made by 汇总 (its draft names the units it adds up)."""
    return report is not None and report.summary is not None


def sum_description(report: Report) -> str:
    """「2024年度汇总报告（含 2 个单位）」."""
    return f"{report.year}年度{sum_kind_text(report)}"


def sum_kind_text(report: Report) -> str:
    """「汇总报告（含 2 个单位）」: the units it adds up directly (a district's sum in it is one)."""
    n = len(report.summary.units)
    return f"汇总报告（含 {n} 个单位）" if n else "汇总报告"


def nested_text(summary) -> str:
    """「（其中 2 份是汇总报告，共含 4 个单位）」 for a sum of sums, else ""."""
    sums = [u for u in summary.units if u.units is not None]
    if not sums:
        return ""
    return f"（其中 {len(sums)} 份是汇总报告，共含 {sum(u.leaf_count() for u in summary.units)} 个单位）"


def _sum_overlaps(reads: list[UnitRead], year: int | None) -> dict[int, Overlap]:
    """Index in `reads` → why that sum is not counted.  Only the year's reports take part (last
    year's report of a unit beside this year's sum is no double count); a file that could not be
    read still names its unit by its file name, as it does for the 名单."""
    sources, at = [], []
    for i, read in enumerate(reads):
        report = read.report
        if report is not None and year is not None and report.year != year:
            continue
        unit = (report.agency.strip() if report is not None else "") or _file_unit(read.name)
        sources.append(Source(read.name, unit, report.summary if report is not None else None))
        at.append(i)
    return {at[k]: overlap for k, overlap in find_overlaps(sources).items()}


def _quoted(names: list[str], limit: int = 3) -> str:
    """「“甲街道”」, 「“甲街道”、“乙街道”等 5 个单位」."""
    shown = "、".join(f"“{n}”" for n in names[:limit])
    return shown if len(names) == 1 else f"{shown}等 {len(names)} 个单位"


def overlap_reason(overlap: Overlap) -> str:
    """Why a sum is not counted, naming the units it shares with the other chosen sources."""
    parts = []
    if overlap.units:
        parts.append(f"其中的{_quoted(overlap.units)}的报告也在所选文件中，一起相加会重复计算")
    for file, shared in overlap.sums:
        parts.append(f"它与汇总报告“{file}”都含有{_quoted(shared)}，两份都不计入（请只选其中一份）")
    if overlap.missing:
        parts.append(f"其中的{_quoted(overlap.missing)}在所选文件中没有单独的报告，随这份汇总报告一起未计入")
    return "；".join(parts)


def _skipped_sum_row(read: UnitRead, overlap: Overlap) -> ReviewRow:
    report = read.report
    reason = overlap_reason(overlap)
    unit = report.agency.strip() or _file_unit(read.name)
    return ReviewRow(unit, SKIPPED, read, notes=[f"这是{sum_description(report)}，不计入：{reason}。"], overlap=reason,
                     left_out=list(overlap.missing))


def _sum_note(report: Report) -> str:
    """What a counted sum's row says first: 「汇总报告（含 2 个单位：甲、乙），作为一个单位计入。」"""
    names = [u.agency or u.file for u in report.summary.units]
    if not names:
        return f"{sum_kind_text(report)}，作为一个单位计入。"
    shown = "、".join(names[:5]) + ("等" if len(names) > 5 else "")
    return f"汇总报告（含 {len(names)} 个单位：{shown}），作为一个单位计入。"


def _usual_year(reads: list[UnitRead]) -> int | None:
    years = Counter(r.report.year for r in reads if r.report is not None)
    if not years:
        return None
    most = max(years.values())
    return max(y for y, n in years.items() if n == most)  # a tie: the later year


def _row_for(read: UnitRead, year: int | None) -> ReviewRow:
    if read.report is None:
        return ReviewRow(_file_unit(read.name), UNREADABLE, read)
    report = read.report
    unit = report.agency.strip()
    row = ReviewRow(unit or _file_unit(read.name), OK, read, report, findings=list(read.findings))
    if is_sum(report):
        row.notes.append(_sum_note(report))
    if not unit:
        row.notes.append("报告中未填写机关名称，按文件名称呼此单位。")
    row.notes.extend(read.notes)
    if year is not None and report.year != year:
        row.status = WRONG_YEAR
        row.notes.insert(0, f"这是{report.year}年度的报告，本次审核的是{year}年度。")
    return row


def _file_unit(file: str) -> str:
    """The unit a file's name names (「03-XX局2024年政府信息公开工作年度报告.docx」 → 「XX局」), or
    its whole name when it names none."""
    stem = Path(file).stem
    return unit_in_file_name(stem) or stem


def _match_list(review: Review, unit_list: UnitList) -> None:
    names = unit_list.names
    spellings = []
    for row in review.rows:
        stem = _file_unit(row.file)
        spellings.append([row.unit, stem] if row.report is not None else [stem])
    pairing = assign(names, spellings)
    taken: set[int] = set()
    for i, row in enumerate(review.rows):
        if i in pairing.matched:
            ni = pairing.matched[i]
            row.listed = names[ni]
            taken.add(ni)
        elif i in pairing.ambiguous:
            near = "、".join(f"“{names[n]}”" for n in pairing.ambiguous[i])
            row.notes.append(f"名称与名单中的{near}都相近，无法确定是哪一个单位，未计入汇总。")
        elif row.report is not None:
            row.notes.append("不在名单中，未计入汇总（如确属本次汇总的单位，可手动勾选）。")
    for ni, name in enumerate(names):
        if ni not in taken:
            review.rows.append(ReviewRow(name, MISSING, listed=name, notes=["名单中的单位，没有找到其报告文件。"]))


def _mark_duplicates(review: Review) -> None:
    groups: dict[tuple[str, str], list[ReviewRow]] = {}
    for row in review.rows:
        if row.report is None or row.status == WRONG_YEAR:
            continue
        key = ("listed", row.listed) if row.listed else ("name", same_unit_key(row.unit))
        groups.setdefault(key, []).append(row)
    group = 0
    for rows in groups.values():
        if len(rows) < 2:
            continue
        group += 1
        newest = _newest(rows)
        for row in rows:
            others = "、".join(f"“{r.file}”" for r in rows if r is not row)
            row.status = DUPLICATE
            row.same_unit = group
            row.chosen = row is newest
            tail = "此文件较新，已选用。" if row is newest else "未选用（选用了较新的文件）。"
            row.notes.insert(0, f"与{others}是同一单位的报告；{tail}")


def _newest(rows: list[ReviewRow]) -> ReviewRow:
    return max(rows, key=lambda r: (r.read.mtime_ns, r.file))


def _attach_last_year(review: Review, last_reads: list[UnitRead]) -> None:
    year = review.year
    # Last year's sums are candidates too: a district's sum of last year for its sum of this year.
    last = [r for r in last_reads if r.report is not None and (year is None or r.report.year == year - 1)]
    rows = [row for row in review.rows if row.summable]
    names = [r.report.agency.strip() or _file_unit(r.name) for r in last]
    pairing = assign(names, [[row.unit, _file_unit(row.file)] for row in rows])
    for i, row in enumerate(rows):
        if i not in pairing.matched:
            row.notes.append("上年文件夹中没有找到该单位的报告，未核对上年结转。")
            continue
        lr = last[pairing.matched[i]]
        row.last_read = lr
        row.report = dataclasses.replace(row.report, last_year=last_year_from(lr.report, row.report.fmt, lr.name))
        row.findings = check_report(row.report)
        row.notes.append(f"上年结转等已与上年报告“{lr.name}”核对。")


def _outlier_hints(review: Review) -> None:
    rows = [r for r in review.rows if r.summable and (r.status != DUPLICATE or r.chosen)]
    for m in MEASURES:
        figures = []
        for row in rows:
            v = _measure(row.report, m)
            if v is not None:
                figures.append((row, v))
        positive = sorted(v for _, v in figures if v > 0)
        if len(positive) <= OUTLIER_MIN_OTHERS:
            continue
        for row, v in figures:
            if v <= 0:
                continue
            med = median_without(positive, v)
            if v < OUTLIER_FACTOR * med:
                continue
            times = f"{int(v / med):,}"
            advice = ("请核实是否把“元”当作“万元”填写。" if m.money
                      else "请核实是否多填了位数或填错了栏目。")
            msg = (f"{m.label}为 {display(_plain(v))} {m.unit}，是其他 {len(positive) - 1} 个单位中位数"
                   f"（{display(_plain(med))} {m.unit}）的 {times} 倍。{advice}")
            cells = m.cells[row.report.format_id]
            row.findings.append(Finding(OUTLIER_RULE, WARNING, msg, cells,
                                        row.report.fmt.section_of_cell(cells[0])))


def median_without(ordered: list, v):
    """The median of the sorted list `ordered` with one occurrence of `v` taken out."""
    k = bisect.bisect_left(ordered, v)
    n = len(ordered) - 1

    def at(j):  # j-th element of the list without position k
        return ordered[j if j < k else j + 1]

    if n % 2:
        return at(n // 2)
    return (at(n // 2 - 1) + at(n // 2)) / 2


def _measure(report: Report, m: Measure) -> Decimal | None:
    cells = m.cells.get(report.format_id)
    if not cells:
        return None
    total = Decimal(0)
    for cid in cells:
        v = _value(report, cid)
        if not is_number(v):
            return None
        unit = report.units.get(cid)
        if report.fmt.cells[cid].column.unit_choices:
            if unit == "元":
                v = Decimal(v) / 10000
            elif unit != "万元":
                return None  # no unit given: nothing to compare
        total += Decimal(v)
    return total


def _value(report: Report, cid: str):
    """One cell's value, a total computed from its addends (not the whole report's values: a
    review of 1,000 units asks for four figures of each)."""
    addends = _addends(report.format_id).get(cid)
    if addends is None:
        return report.cells.get(cid)
    parts = [_value(report, a) for a in addends]
    nums = [p for p in parts if p is not None]
    if not nums or not all(is_number(p) for p in nums):
        return None
    return sum(nums)


@lru_cache(maxsize=None)
def _addends(format_id: str) -> dict[str, tuple[str, ...]]:
    return {c.cell: c.addends for c in load_format(format_id).computed}


def _plain(v) -> Decimal | int:
    d = Decimal(v)
    return int(d) if d == d.to_integral_value() else d.quantize(Decimal("0.0001")).normalize()
