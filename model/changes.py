"""Every edit of a report as data: pure functions say what changes, one function applies it.

The window never changes a Report itself.  A function here computes a ChangeSet — cells and the
units typed with them, texts, details (agency, year, date, format), the 待复核 list — and
gui/document.ReportDocument applies it as ONE undo step: apply_change() writes the set and returns
its inverse, which undo applies in turn.  So the rules of an edit (the format follows the year,
a format switch drops the cells the other format lacks, 0 needs a unit on 采购总金额) live here
once, are tested without Qt, and every edit undoes the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from model import dismissals, terms
from model.dismissals import Dismissal
from model.findings import Finding
from model.formats import FormatDef, format_for_year, load_format
from model.report import Report, Value

if TYPE_CHECKING:
    from model.find import Match

# model.find and model.punctuation are imported by the edits that use them: the window opens
# without them (their dataclasses and patterns are start-up time, bench/bench_startup.py).

DETAILS = ("agency", "year", "date", "format_id")

LABEL_CELLS = "编辑单元格"
LABEL_CLEAR = "清除单元格"
LABEL_TEXT = "编辑正文"
LABEL_FILL_ZERO = terms.FILL_ZERO
LABEL_REPLACE_ALL = "全部替换"
LABEL_REPLACE = "替换"
LABEL_REVIEWED = "标记为已复核"
LABEL_YEAR = "修改报告年度"
LABEL_FORMAT = "更换报告格式"
LABEL_DISMISS = terms.DISMISS
LABEL_RESTORE = "恢复提示"
LABEL_PUNCTUATION = terms.NORMALIZE_PUNCTUATION
DETAIL_LABELS = {"agency": "修改机关名称", "date": "修改成文日期", "year": LABEL_YEAR,
                 "format_id": LABEL_FORMAT}


@dataclass(frozen=True, eq=False)
class ChangeSet:
    """What one edit changes.  Only the keys present change; the rest of the report stays."""

    label: str  # the undo step's name: 撤销“粘贴”
    cells: dict[str, Value] = field(default_factory=dict)  # entered values (None = blank)
    units: dict[str, str | None] = field(default_factory=dict)  # explicit units (None = none)
    texts: dict[str, str] = field(default_factory=dict)  # text key → whole text ("" = empty)
    details: dict[str, object] = field(default_factory=dict)  # agency / year / date / format_id
    review: tuple[str, ...] | None = None  # the new 待复核 list, when it changes
    note: str = ""  # what to tell the clerk once it is applied (status bar)
    merge_key: str = ""  # typing: successive changes of this one text merge into one step
    dismissed: tuple[Dismissal, ...] | None = None  # the new 不再提示 list, when it changes

    def is_empty(self) -> bool:
        return not (self.cells or self.units or self.texts or self.details
                    or self.review is not None or self.dismissed is not None)

    def effective(self, report: Report) -> "ChangeSet":
        """The same change without the entries that would not change anything."""
        return ChangeSet(
            self.label,
            {c: v for c, v in self.cells.items() if not _same(report.cells.get(c), v)},
            {c: u for c, u in self.units.items() if report.units.get(c) != u},
            {k: t for k, t in self.texts.items() if report.text(k) != t},
            {f: v for f, v in self.details.items() if getattr(report, f) != v},
            self.review if self.review is not None and list(self.review) != report.review else None,
            self.note, self.merge_key,
            self.dismissed if self.dismissed is not None and list(self.dismissed) != report.dismissed
            else None)

    def touched_cells(self) -> list[str]:
        return list(dict.fromkeys([*self.cells, *self.units]))


def _same(a: Value, b: Value) -> bool:
    # 3 and Decimal("3") are equal in Python but not the same entry: a draft must keep its type.
    return a == b and type(a) is type(b)


def apply_change(report: Report, change: ChangeSet) -> ChangeSet:
    """Write `change` into `report`; return the change that undoes it.

    Details come first, so that a format switch decides which cells exist before the cells are
    written; the inverse restores the old format and then the cells it had dropped.
    """
    unknown = set(change.details) - set(DETAILS)
    if unknown:
        raise KeyError(sorted(unknown)[0])
    inverse = ChangeSet(
        change.label,
        {c: report.cells.get(c) for c in change.cells},
        {c: report.units.get(c) for c in change.units},
        {k: report.text(k) for k in change.texts},
        {f: getattr(report, f) for f in change.details},
        tuple(report.review) if change.review is not None else None,
        merge_key=change.merge_key,
        dismissed=tuple(report.dismissed) if change.dismissed is not None else None)
    for f, v in change.details.items():
        setattr(report, f, v)
    cells = report.fmt.cells
    for c, v in change.cells.items():
        if v is not None and c not in cells:
            raise KeyError(c)
    for c, v in change.cells.items():
        if v is None:
            report.cells.pop(c, None)
        else:
            report.cells[c] = v
    for c, u in change.units.items():
        if u:
            report.units[c] = u
        else:
            report.units.pop(c, None)
    for k, t in change.texts.items():
        if t:
            report.texts[k] = t
        else:
            report.texts.pop(k, None)
    if change.review is not None:
        report.review = list(change.review)
    if change.dismissed is not None:
        report.dismissed = list(change.dismissed)
    return inverse


# -- cells --------------------------------------------------------------------------------------
def set_cells(values: dict[str, Value], units: dict[str, str] | None = None,
              label: str = LABEL_CELLS) -> ChangeSet:
    """Values typed or pasted (already parsed), with the units typed with them."""
    return ChangeSet(label, dict(values), dict(units or {}))


def clear_cells(cell_ids: list[str]) -> ChangeSet:
    return ChangeSet(LABEL_CLEAR, {c: None for c in cell_ids})


def zero_for(fmt: FormatDef, cell_id: str) -> Value:
    return Decimal(0) if fmt.cells[cell_id].column.type == "decimal" else 0


def fill_zero(report: Report, cell_ids: list[str]) -> ChangeSet:
    """0 into every blank input cell among `cell_ids`.

    0 needs no unit, but the unit check wants one on 2019's 采购总金额: it gets the first choice.
    """
    fmt = report.fmt
    values: dict[str, Value] = {}
    units: dict[str, str] = {}
    for cid in cell_ids:
        cell = fmt.cells[cid]
        if cell.computed or report.cells.get(cid) is not None:
            continue
        values[cid] = zero_for(fmt, cid)
        choices = cell.column.unit_choices
        if choices and not report.unit_of(cid):  # a unit the cell does not allow is no unit
            units[cid] = choices[0]
    n = len(values)
    note = f"已把 {n} 个空白单元格填为 0（可撤销）。" if n else "没有空白的输入单元格。"
    return ChangeSet(LABEL_FILL_ZERO, values, units, note=note)


def section_inputs(fmt: FormatDef, section_id: str) -> list[str]:
    """The input cells of one section's tables, in the format's order."""
    return [c for c in fmt.input_ids if fmt.cells[c].table.section == section_id]


# -- texts --------------------------------------------------------------------------------------
def set_text(key: str, text: str, typed: bool = True) -> ChangeSet:
    """A text as the clerk edits it.  Typing (`typed`: characters added or removed, a word from the
    input method) merges into one step with the typing before it; a selection replaced or a block
    pasted is a step of its own, so that 撤销 takes back only the replacement."""
    return ChangeSet(LABEL_TEXT, texts={key: text}, merge_key=key if typed else "")


def mark_reviewed(report: Report, key: str) -> ChangeSet:
    if key not in report.review:
        return ChangeSet(LABEL_REVIEWED)
    return ChangeSet(LABEL_REVIEWED, review=tuple(k for k in report.review if k != key))


def normalize_punctuation(report: Report) -> ChangeSet:
    """「规范标点」: every text's punctuation and spacing put right, as one step."""
    from model import punctuation

    texts = punctuation.normalize_texts({k: report.text(k) for k in report.fmt.text_keys()})
    n = sum(len(punctuation.issues(report.text(k))) for k in texts)
    note = (f"已规范 {n} 处标点和空格（可撤销）。" if n else "正文的标点和空格都已规范，无需修改。")
    return ChangeSet(LABEL_PUNCTUATION, texts=texts, note=note)


def replace_all(report: Report, needle: str, replacement: str, case_sensitive: bool = False,
                keys: list[str] | None = None) -> ChangeSet:
    """Every occurrence of `needle` in the agency name and the texts, replaced in one step.

    `keys` limits it to some texts ("agency" for the agency name); by default every text of the
    report.  The replacement is literal text, never a pattern.
    """
    from model.find import AGENCY_KEY, find_pattern, search_order, text_of

    pattern = find_pattern(needle, case_sensitive)
    if pattern is None:
        return ChangeSet(LABEL_REPLACE_ALL, note="请输入要查找的内容。")
    wanted = keys if keys is not None else search_order(report)
    texts: dict[str, str] = {}
    details: dict[str, object] = {}
    count = 0
    for key in wanted:
        old = text_of(report, key)
        new, n = pattern.subn(lambda _m: replacement, old)
        if n:
            count += n
            if key == AGENCY_KEY:
                details["agency"] = new
            else:
                texts[key] = new
    note = (f"已将 {count} 处“{_short(needle)}”替换为“{_short(replacement)}”（可撤销）。" if count
            else f"没有找到“{_short(needle)}”。")
    return ChangeSet(LABEL_REPLACE_ALL, texts=texts, details=details, note=note)


def replace_match(report: Report, match: Match, needle: str, replacement: str,
                  case_sensitive: bool = False) -> ChangeSet:
    """One found occurrence replaced (the find bar's 替换); nothing when the text moved on and the
    match is no longer there."""
    from model.find import AGENCY_KEY, text_of

    text = text_of(report, match.key)
    found = text[match.start:match.end]
    same = found == needle if case_sensitive else found.casefold() == needle.casefold()
    if not needle or not same:
        return ChangeSet(LABEL_REPLACE)
    new = text[:match.start] + replacement + text[match.end:]
    if match.key == AGENCY_KEY:
        return ChangeSet(LABEL_REPLACE, details={"agency": new})
    return ChangeSet(LABEL_REPLACE, texts={match.key: new})


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


# -- 不再提示 ------------------------------------------------------------------------------------
def dismiss(report: Report, finding: Finding, reason: str = "") -> ChangeSet:
    """Set a warning or hint aside (an error stays: the change is then empty)."""
    new = dismissals.dismiss(report.dismissed, finding, report.texts, reason)
    if new == report.dismissed:
        return ChangeSet(LABEL_DISMISS)
    return ChangeSet(LABEL_DISMISS, dismissed=tuple(new),
                     note="已忽略这条提示；可在“校验结果”中勾选“显示已忽略”后恢复。")


def restore(report: Report, finding: Finding) -> ChangeSet:
    new = dismissals.restore(report.dismissed, finding, report.texts)
    if new == report.dismissed:
        return ChangeSet(LABEL_RESTORE)
    return ChangeSet(LABEL_RESTORE, dismissed=tuple(new), note="已恢复这条提示。")


# -- details ------------------------------------------------------------------------------------
def set_detail(field_name: str, value) -> ChangeSet:
    """The agency name or the signing date (the year and the format have rules: see below)."""
    if field_name == "year":
        raise ValueError("use change_year: the format may follow the year")
    if field_name == "format_id":
        raise ValueError("use switch_format: it drops cells")
    if field_name not in DETAILS:
        raise KeyError(field_name)
    return ChangeSet(DETAIL_LABELS[field_name], details={field_name: value})


def dropped_by(report: Report, fmt: FormatDef) -> dict[str, Value]:
    """The cells (and their units) a report would lose in format `fmt`: the one rule for it."""
    return {c: v for c, v in report.cells.items() if c not in fmt.cells}


def switch_format(report: Report, format_id: str, label: str = LABEL_FORMAT) -> ChangeSet:
    """The report in another format; the cells that format lacks are dropped (undo restores)."""
    if format_id == report.format_id:
        return ChangeSet(label)
    fmt = load_format(format_id)
    dropped = dropped_by(report, fmt)
    units = {c: None for c in report.units if c not in fmt.cells}
    note = f"已改用{fmt.name}。"
    if dropped:
        note += f"{len(dropped)} 个单元格在该格式中没有对应栏目，已移除（按 Ctrl+Z 可恢复）。"
    return ChangeSet(label, {c: None for c in dropped}, units, details={"format_id": format_id},
                     note=note)


def change_year(report: Report, year: int) -> ChangeSet:
    """The report year; the format follows it while it is the year's usual one.

    A format the clerk picked by hand (2019's for a 2021 report) stays: only a report whose
    format is its year's default moves with the year.
    """
    if year == report.year:
        return ChangeSet(LABEL_YEAR)
    new_fid = format_for_year(year)
    if report.format_id == format_for_year(report.year) and new_fid != report.format_id:
        switch = switch_format(report, new_fid, LABEL_YEAR)
        note = f"{terms.FORMAT}已随年度改为{load_format(new_fid).name}（可撤销）。"
        if switch.cells:
            note += f"{len(switch.cells)} 个单元格在该格式中没有对应栏目，已移除。"
        return ChangeSet(LABEL_YEAR, switch.cells, switch.units,
                         details={"year": year, "format_id": new_fid}, note=note)
    return ChangeSet(LABEL_YEAR, details={"year": year})


def format_note(report: Report) -> str:
    """What the 基本信息 page says under the format: automatic, or chosen by hand."""
    usual = format_for_year(report.year)
    if report.format_id == usual:
        return "格式按报告年度自动选择。"
    return f"注意：{report.year}年度通常使用{load_format(usual).name}，当前为手动选择的格式。"

