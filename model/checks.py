"""Checks: every error, warning and hint of a report, each with a rule id, its cells and a Chinese message.

The rules are data (resources/formats/*.json); this module knows one small function per rule
*kind* about the tables, and model/text_checks.py those about the narrative.  A blank cell is
reported as blank (rule blank_cells) and never as a wrong sum: a sum rule is an error only once
every cell it compares holds a number; before that, a rule may show the sum with blanks counted
as 0 as a hint (「按空白为0计算」).

Warnings and hints the clerk set aside (不再提示, model/dismissals.py) are kept apart from the
rest; errors never are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from model import dismissals, terms, text_checks
from model.findings import ERROR, HINT, SEVERITY_ORDER, SEVERITY_ZH, WARNING, Finding  # noqa: F401
from model.formats import FormatDef, RuleDef
from model.report import Report, Value
from model.text_numbers import paragraphs
from model.values import display, is_number

EMPTY_TEXTS = {"", "无", "无。", "暂无", "暂无。", "没有", "没有。", "无相关情况", "无相关情况。"}

# Settings a check may read (CheckOptions): the 总体情况 length limit some provinces set.
OPTION_KEYS = ("overview_max_chars",)


@dataclass
class CheckResult:
    """The findings shown, and those the clerk set aside with the dismissal each matched."""

    findings: list[Finding]  # shown: every error, and the warnings and hints not set aside
    dismissed: list[tuple[Finding, dismissals.Dismissal]] = field(default_factory=list)

    @property
    def all(self) -> list[Finding]:
        return self.findings + [f for f, _ in self.dismissed]


def run_checks(report: Report, options: dict | None = None) -> CheckResult:
    """Every finding of the report, those the clerk dismissed kept apart."""
    return _run(report, options, report.fmt.rules)


def _run(report: Report, options: dict | None, rules) -> CheckResult:
    fmt = report.fmt
    ctx = _Context(report, fmt, report.values(), options or {})
    out: list[Finding] = []
    for rule in rules:
        fn = _KINDS.get(rule.kind)
        if fn is None:  # an unknown kind in a newer format file: say so rather than skip silently
            out.append(Finding(rule.id, WARNING, f"本版本软件不认识校验规则“{rule.id}”，未执行。"))
            continue
        out.extend(fn(ctx, rule))
    out.extend(_unit_entries(ctx))
    order = {s.id: i for i, s in enumerate(fmt.sections)}
    out.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 1), order.get(f.section, -1)))
    shown, aside = dismissals.split(out, report.dismissed, report.texts)
    return CheckResult(shown, aside)


def check_report(report: Report, options: dict | None = None) -> list[Finding]:
    """The findings to show: every error, and the warnings and hints not dismissed."""
    return run_checks(report, options).findings


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def report_errors(report: Report, options: dict | None = None) -> list[Finding]:
    """`errors(check_report(report))`, found without running the rules that give no error.

    A rule gives its own severity, or its `partial` one while cells are blank; the text rules
    (warnings and hints, whose patterns cost ~20 ms to compile) are left out.  What
    `main.py export` counts to warn before exporting.
    """
    can_err = [r for r in report.fmt.rules
               if r.kind in _KINDS and ERROR in (r.severity, r.get("partial"))]
    return errors(_run(report, options, can_err).findings)


class _Context:
    def __init__(self, report: Report, fmt: FormatDef, values: dict[str, Value], options: dict):
        self.report, self.fmt, self.values, self.options = report, fmt, values, options
        self.addends = {c.cell: c.addends for c in fmt.computed}
        self.memo: dict = {}  # values rules look up many times in one check

    def inputs_under(self, cells) -> list[str]:
        """The entered cells the given cells are, or add up."""
        out, stack = [], list(cells)
        while stack:
            c = stack.pop()
            if c in self.addends:
                stack.extend(self.addends[c])
            else:
                out.append(c)
        return out

    def num(self, cell_id: str):
        """The cell's number, or None when it is blank or not a number."""
        v = self.values.get(cell_id)
        return v if is_number(v) else None

    def all_numbers(self, cells) -> bool:
        """Every cell is a number, and so is every entered cell a computed one sums up.

        A total over blank cells is a partial sum: comparing it would report a blank as a
        wrong sum, so rules wait until everything they depend on is filled in.
        """
        stack = list(cells)
        while stack:
            c = stack.pop()
            if c in self.addends:
                stack.extend(self.addends[c])
            elif self.num(c) is None:
                return False
        return True

    def section(self, cell_id: str) -> str:
        return self.fmt.section_of_cell(cell_id)

    def describe(self, cell_id: str) -> str:
        return self.fmt.cells[cell_id].describe()

    def short(self, cell_id: str) -> str:
        """Row label alone (or column label for a one-row table), for sums in messages."""
        c = self.fmt.cells[cell_id]
        return c.row.label or c.column_path()


def _terms(ctx: _Context, cells) -> str:
    return " + ".join(f"{ctx.short(c)}（{display(ctx.num(c))}）" for c in cells)


def _total(ctx: _Context, cells) -> int | Decimal:
    return sum((ctx.num(c) for c in cells), 0)


def _equal_sums(ctx: _Context, rule: RuleDef):
    left, right = rule.get("left"), rule.get("right")
    if not ctx.all_numbers(left + right):
        return _partial_sums(ctx, rule, left, right)
    a, b = _total(ctx, left), _total(ctx, right)
    if a == b:
        return []
    msg = (f"{rule.get('title')}：{rule.get('left_label')}为 {display(a)}"
           f"（{_terms(ctx, left)}），{rule.get('right_label')}为 {display(b)}"
           f"（{_terms(ctx, right)}），相差 {display(abs(a - b))}。")
    return [Finding(rule.id, rule.severity, msg, tuple(left + right), ctx.section(left[0]))]


def _partial_sums(ctx: _Context, rule: RuleDef, left, right):
    """While some cells are blank: the sums with blanks as 0, as a hint (rules with `partial`).

    A clerk who types only the non-zero numbers sees at once whether they balance; the error
    comes once every cell is filled.  Text in a cell (reported on its own) keeps this quiet.
    """
    severity = rule.get("partial")
    if not severity:
        return []
    inputs = ctx.inputs_under(left + right)
    entered = [ctx.report.cells.get(c) for c in inputs]
    if any(v is not None and not is_number(v) for v in entered) or all(v is None for v in entered):
        return []
    a = sum((ctx.num(c) or 0 for c in left), 0)
    b = sum((ctx.num(c) or 0 for c in right), 0)
    if a == b:
        return []
    blanks = sum(v is None for v in entered)
    msg = (f"{rule.get('title')}（按空白为0计算：{rule.get('left_label')}为 {display(a)}，"
           f"{rule.get('right_label')}为 {display(b)}，相差 {display(abs(a - b))}）。"
           f"还有 {blanks} 个空白单元格，填完后仍不相等即为错误。")
    return [Finding(rule.id, severity, msg, tuple(left + right), ctx.section(left[0]))]


def _le_sums(ctx: _Context, rule: RuleDef):
    left, right = rule.get("left"), rule.get("right")
    if not ctx.all_numbers(left + right):
        return []
    a, b = _total(ctx, left), _total(ctx, right)
    if a <= b:
        return []
    msg = (f"{rule.get('title')}：{rule.get('left_label')}为 {display(a)}，"
           f"{rule.get('right_label')}为 {display(b)}，多出 {display(a - b)}。请核实。")
    return [Finding(rule.id, rule.severity, msg, tuple(left + right), ctx.section(left[0]))]


def _stated_total(ctx: _Context, rule: RuleDef):
    """A total the draft carried (an imported report) that differs from the computed sum."""
    cell = rule.get("cell")
    stated = ctx.report.cells.get(cell)
    if not is_number(stated):
        return []
    if not ctx.all_numbers([cell]):
        return []
    computed = ctx.num(cell)
    if computed is None or computed == stated:
        return []
    msg = (f"{rule.get('title')}：表中填写的是 {display(stated)}，按各项相加应为 {display(computed)}，"
           f"相差 {display(abs(stated - computed))}。本软件按计算值输出。")
    return [Finding(rule.id, rule.severity, msg, (cell,), ctx.section(cell))]


def _cell_type(ctx: _Context, rule: RuleDef):
    out = []
    table = ctx.fmt.tables[rule.get("table")]
    for cid, cell in ctx.fmt.cells.items():
        if cell.table is not table or cid not in ctx.report.cells:
            continue
        v = ctx.report.cells[cid]
        col = cell.column
        problem = ""
        if not is_number(v):
            problem = f"“{v}”不是数字"
        elif col.type == "integer" and (v != int(v) or v < 0):
            problem = f"应为不小于 0 的整数，现为 {display(v)}"
        elif col.type == "signed_integer" and v != int(v):
            problem = f"应为整数，现为 {display(v)}"
        elif col.type == "decimal":
            exp = Decimal(v).normalize().as_tuple().exponent
            if v < 0:
                problem = f"金额不能为负数，现为 {display(v)}"
            elif isinstance(exp, int) and -exp > col.decimals:
                problem = f"最多保留 {col.decimals} 位小数，现为 {display(v)}"
        if problem:
            out.append(Finding(rule.id, rule.severity, f"{cell.describe()}：{problem}。",
                               (cid,), table.section))
    return out


def _cross_year_equal(ctx: _Context, rule: RuleDef):
    ly = ctx.report.last_year
    if ly is None:
        return []
    cell, last_cell = rule.get("cell"), rule.get("last_year_cell")
    before = ly.cells.get(last_cell)
    if not is_number(before):
        return []
    now = ctx.num(cell) if ctx.all_numbers([cell]) else None
    if now is None:
        if cell in ctx.addends or ctx.values.get(cell) is not None:
            return []  # a total over blanks, or text: the blank and type rules report those
        msg = f"{rule.get('title')}：本年尚未填写，{ly.year}年报告结转下年度为 {display(before)}。"
    elif now == before:
        return []
    else:
        msg = (f"{rule.get('title')}：本年填写 {display(now)}，{ly.year}年报告结转下年度为 "
               f"{display(before)}，相差 {display(abs(now - before))}。")
    return [Finding(rule.id, rule.severity, msg, (cell,), ctx.section(cell))]


def _cross_year_stock(ctx: _Context, rule: RuleDef):
    ly = ctx.report.last_year
    if ly is None:
        return []
    cell, plus, minus = rule.get("cell"), rule.get("plus", []), rule.get("minus", [])
    before = ly.cells.get(rule.get("last_year_cell"))
    if not is_number(before) or not ctx.all_numbers([cell] + plus + minus):
        return []
    expected = before + _total(ctx, plus) - _total(ctx, minus)
    now = ctx.num(cell)
    if now == expected:
        return []
    msg = (f"{rule.get('title')}：{ly.year}年为 {display(before)}，加本年制发 {display(_total(ctx, plus))}、"
           f"减本年废止 {display(_total(ctx, minus))}，应约为 {display(expected)}，本年填写 {display(now)}。"
           "如有修订或清理，可忽略此提示。")
    return [Finding(rule.id, rule.severity, msg, tuple([cell] + plus + minus), ctx.section(cell))]


def _unit_sanity(ctx: _Context, rule: RuleDef):
    limit = Decimal(rule.get("limit"))
    out = []
    for c in rule.get("cells"):
        v = ctx.num(c)
        if v is not None and v >= limit:
            msg = (f"{rule.get('title')}：{display(v)} 万元即 {display(v * 10000)} 元。"
                   f"如按元统计，应填 {display(Decimal(v) / 10000)}。")
            out.append(Finding(rule.id, rule.severity, msg, (c,), ctx.section(c)))
    return out


def _nonneg_sum(ctx: _Context, rule: RuleDef):
    cells = rule.get("cells")
    if not ctx.all_numbers(cells):
        return []
    s = _total(ctx, cells)
    if s >= 0:
        return []
    msg = f"{rule.get('title')}：{_terms(ctx, cells)} = {display(s)}。"
    return [Finding(rule.id, rule.severity, msg, tuple(cells), ctx.section(cells[0]))]


def _unit_required(ctx: _Context, rule: RuleDef):
    out = []
    for c in rule.get("cells"):
        if ctx.num(c) is None:
            continue
        choices = ctx.fmt.cells[c].column.unit_choices
        if ctx.report.units.get(c) not in choices:
            msg = f"{rule.get('title')}：请在数值后注明，如“251000元”或“25.1万元”。"
            out.append(Finding(rule.id, rule.severity, msg, (c,), ctx.section(c)))
    return out


def _unit_entries(ctx: _Context) -> list[Finding]:
    """Every unit a draft names for a cell of this format must be one the cell allows (not a rule
    of the format: it guards what the exports write, whatever the format)."""
    out = []
    for c, unit in ctx.report.units.items():
        cell = ctx.fmt.cells.get(c)
        if cell is None or ctx.report.unit_of(c) is not None:
            continue  # another format's cell id is kept untouched, not judged
        choices = cell.column.unit_choices
        shown = _visible(unit)
        if choices:
            msg = f"{cell.describe()}的单位“{shown}”无效，应为{'或'.join(choices)}；导出时不会使用它。"
            out.append(Finding("unit_invalid", ERROR, msg, (c,), ctx.section(c)))
        else:
            msg = f"{cell.describe()}不需要单位，草稿中记录的单位“{shown}”不会被使用。"
            out.append(Finding("unit_invalid", WARNING, msg, (c,), ctx.section(c)))
    return out


def _visible(text: str, limit: int = 20) -> str:
    """A value from a file, fit to quote in a message: control characters shown as \\uXXXX."""
    s = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in str(text)[:limit])
    return s + ("…" if len(str(text)) > limit else "")


def _text_substantive(ctx: _Context, rule: RuleDef):
    sec = rule.get("section")
    if ctx.report.text(sec).strip() in EMPTY_TEXTS:
        msg = (f"{rule.get('title')}。每个机关的工作都有可改进之处，请写明存在的主要问题、"
               "改进措施以及上一年度所列问题的整改情况。")
        return [Finding(rule.id, rule.severity, msg, (), sec, text_key=sec)]
    return []


def _text_mentions(ctx: _Context, rule: RuleDef):
    sec = rule.get("section")
    text = ctx.report.text(sec)
    if any(word in text for word in rule.get("any")):
        return []
    msg = (f"{rule.get('title')}。2021年版格式要求在此报告收取信息处理费的情况；"
           "未收取的，可写“本年度未收取信息处理费”。")
    return [Finding(rule.id, rule.severity, msg, (), sec, text_key=sec)]


def _text_placeholder(ctx: _Context, rule: RuleDef):
    out = []
    patterns = tuple(rule.get("patterns"))
    for key in ctx.fmt.text_keys():
        text = ctx.report.text(key)
        if not text:
            continue
        found: dict[str, int] = {}  # pattern → its first offset in the text
        for offset, line in paragraphs(text):
            for p, at in _placeholders_in(line, patterns):
                found.setdefault(p, offset + at)
        if found:
            ordered = [p for p in patterns if p in found]
            shown = "、".join(f"“{p}”" for p in ordered)
            msg = f"{rule.get('title')}：“{terms.text_name(ctx.fmt, key)}”中有{shown}，请替换为实际内容。"
            start = found[ordered[0]]
            out.append(Finding(rule.id, rule.severity, msg, (),
                               key if key in ctx.fmt.section_by_id else "info",
                               text_key=key, span=(start, start + len(ordered[0]))))
    return out


@lru_cache(maxsize=8192)
def _placeholders_in(line: str, patterns: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """(pattern, offset) of each placeholder in one line; cached, so a keystroke re-reads one line."""
    return tuple((p, line.find(p)) for p in patterns if p in line)


def _text_required(ctx: _Context, rule: RuleDef):
    out = []
    for sec in rule.get("sections"):
        if not ctx.report.text(sec).strip():
            heading = ctx.fmt.section(sec).heading
            out.append(Finding(rule.id, rule.severity, f"“{heading}”尚未填写。", (), sec, text_key=sec))
    return out


def _agency_required(ctx: _Context, rule: RuleDef):
    if ctx.report.agency.strip():
        return []
    return [Finding(rule.id, rule.severity, "未填写机关名称，报告标题和落款需要它。", (), "info")]


def _blank_cells(ctx: _Context, rule: RuleDef):
    """One finding per section grid: the official table wants 0, not blank."""
    by_section: dict[str, list[str]] = {}
    for cid in ctx.fmt.input_ids:
        if ctx.report.cells.get(cid) is None:
            by_section.setdefault(ctx.section(cid), []).append(cid)
    # A table left wholly blank has a rule of its own (table_blank) that says so more plainly.
    wholly = {ctx.fmt.tables[r.get("table")].section for r in ctx.fmt.rules if r.kind == "table_blank"}
    out = []
    for sec, cells in by_section.items():
        if sec in wholly and len(cells) == sum(1 for c in ctx.fmt.input_ids if ctx.section(c) == sec):
            continue
        first = ctx.describe(cells[0])
        msg = (f"{ctx.fmt.section(sec).heading}的表格中有 {len(cells)} 个空白单元格（如{first}）。"
               f"正式表格中没有发生的应填 0，可用“{terms.FILL_ZERO}”一次补齐。")
        out.append(Finding(rule.id, rule.severity, msg, tuple(cells), sec))
    return out


def _format_year(ctx: _Context, rule: RuleDef):
    if ctx.fmt.applies_to(ctx.report.year):
        return []
    msg = (f"{rule.get('title')}：{ctx.report.year}年度报告通常使用"
           f"{'2021年版格式' if ctx.report.year >= 2021 else '2019年试行格式'}，当前为{ctx.fmt.name}。")
    return [Finding(rule.id, rule.severity, msg, (), "info")]


_KINDS = {
    "equal_sums": _equal_sums,
    "le_sums": _le_sums,
    "stated_total": _stated_total,
    "cell_type": _cell_type,
    "cross_year_equal": _cross_year_equal,
    "cross_year_stock": _cross_year_stock,
    "unit_sanity": _unit_sanity,
    "nonneg_sum": _nonneg_sum,
    "unit_required": _unit_required,
    "text_substantive": _text_substantive,
    "text_mentions": _text_mentions,
    "text_placeholder": _text_placeholder,
    "text_required": _text_required,
    "agency_required": _agency_required,
    "blank_cells": _blank_cells,
    "format_year": _format_year,
    **text_checks.KINDS,
}
