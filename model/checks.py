"""Checks: every error and warning of a report, each with a rule id, its cells and a Chinese message.

The rules are data (resources/formats/*.json); this module knows one small function per rule
*kind*.  A blank cell is reported as blank (rule blank_cells) and never as a wrong sum: sum rules
stay quiet until every cell they compare holds a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from model import terms
from model.formats import FormatDef, RuleDef
from model.report import Report, Value
from model.values import display, is_number

ERROR = "error"
WARNING = "warning"
SEVERITY_ZH = {ERROR: terms.ERROR, WARNING: terms.WARNING}
EMPTY_TEXTS = {"", "无", "无。", "暂无", "暂无。", "没有", "没有。", "无相关情况", "无相关情况。"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    cells: tuple[str, ...] = ()
    section: str = ""  # where the clerk fixes it: s1…s6 or "info" (基本信息)
    text_key: str = ""  # the text it is about (s1…s6, preamble, closing), if any
    span: tuple[int, int] | None = None  # [start, end) character offsets in that text

    def as_dict(self) -> dict:
        d = {"rule": self.rule, "severity": self.severity, "section": self.section,
             "cells": list(self.cells), "message": self.message}
        if self.text_key:
            d["text_key"] = self.text_key
        if self.span is not None:
            d["span"] = list(self.span)
        return d


def check_report(report: Report) -> list[Finding]:
    fmt = report.fmt
    ctx = _Context(report, fmt, report.values())
    out: list[Finding] = []
    for rule in fmt.rules:
        fn = _KINDS.get(rule.kind)
        if fn is None:  # an unknown kind in a newer format file: say so rather than skip silently
            out.append(Finding(rule.id, WARNING, f"本版本软件不认识校验规则“{rule.id}”，未执行。"))
            continue
        out.extend(fn(ctx, rule))
    order = {s.id: i for i, s in enumerate(fmt.sections)}
    out.sort(key=lambda f: (0 if f.severity == ERROR else 1, order.get(f.section, -1)))
    return out


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


class _Context:
    def __init__(self, report: Report, fmt: FormatDef, values: dict[str, Value]):
        self.report, self.fmt, self.values = report, fmt, values
        self.addends = {c.cell: c.addends for c in fmt.computed}

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
        return []
    a, b = _total(ctx, left), _total(ctx, right)
    if a == b:
        return []
    msg = (f"{rule.get('title')}：{rule.get('left_label')}为 {display(a)}"
           f"（{_terms(ctx, left)}），{rule.get('right_label')}为 {display(b)}"
           f"（{_terms(ctx, right)}），相差 {display(abs(a - b))}。")
    return [Finding(rule.id, rule.severity, msg, tuple(left + right), ctx.section(left[0]))]


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
    for key in ctx.fmt.text_keys():
        found = [p for p in rule.get("patterns") if p in ctx.report.text(key)]
        if found:
            shown = "、".join(f"“{p}”" for p in found)
            msg = f"{rule.get('title')}：“{terms.text_name(ctx.fmt, key)}”中有{shown}，请替换为实际内容。"
            text = ctx.report.text(key)
            start = text.find(found[0])
            out.append(Finding(rule.id, rule.severity, msg, (),
                               key if key in ctx.fmt.section_by_id else "info",
                               text_key=key, span=(start, start + len(found[0]))))
    return out


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
    out = []
    for sec, cells in by_section.items():
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
}
