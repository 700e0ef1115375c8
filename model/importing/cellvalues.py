"""A number as a report prints it → the value a cell holds, or a reason it cannot be trusted.

Reports print 「1,234」, 「１２」, 「12件」, 「96171.6万元」, 「75394432.52元」, and for nothing: an
empty cell, 「/」, 「—」, 「无」 — which stay blank (nothing was reported; that is not 0).  Money is
converted to the column's unit (2021 fee: 万元) or, where the format lets the report choose
(2019 采购总金额), kept with its unit.  Anything else is left blank and reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from model.formats import ColumnDef
from model.values import MAX_ABS, format_decimal

BLANK_MARKS = frozenset({"", "/", "-", "--", "—", "——", "―", "─", "无", "空", "\\", "~", "_", "__", "x", "×",
                         "n/a", "na", "/件", "—件", "无件"})
COUNT_UNITS = ("人次", "件次", "件", "项", "个", "宗", "次", "条", "例")
MONEY_UNITS = {"万元": Decimal(10000), "万": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_HEADER_UNIT = re.compile(r"单位[:：]?\s*(万元|千元|元)|[(（]\s*(万元|千元|元)\s*[)）]")


@dataclass(frozen=True)
class Read:
    value: int | Decimal | None = None
    unit: str | None = None  # for columns with a unit choice (2019 采购总金额)
    problem: str = ""  # Chinese reason: the value is unreadable (value None) or doubtful
    note: str = ""  # Chinese note: a conversion that was made (not a doubt)

    @property
    def doubtful(self) -> bool:
        return bool(self.problem)


def header_unit(header_text: str) -> str | None:
    m = _HEADER_UNIT.search(unicodedata.normalize("NFKC", header_text or ""))
    return (m.group(1) or m.group(2)) if m else None


_VALUE_LIKE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(万元|万|千元|元|人次|件次|件|项|个|宗|次|条|例)?$")


def value_like(text: str) -> bool:
    """A cell that holds a value (a number, or a mark for none), not a label."""
    t = _clean(text or "").lower()
    if not t:
        return False
    return t in BLANK_MARKS or t.strip("/—-") == "" or (any(ch.isdigit() for ch in t) and bool(_VALUE_LIKE.match(t)))


def numeric(text: str) -> bool:
    t = _clean(text or "").lower()
    return any(ch.isdigit() for ch in t) and bool(_VALUE_LIKE.match(t))


_SPACED_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u3000\u2009\u202f](?=\d{3}(?!\d))")


def _clean(text: str) -> str:
    """Width and minus signs normalised; spaces out — except between digits, where only a
    thousands space (「1 203」) goes: 「12 3」 (two numbers run together) must not become 123."""
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("−", "-").replace("－", "-").replace("–", "-")
    t = t.strip()
    t = _SPACED_GROUPS.sub("", t)
    t = re.sub(r"(?<!\d)[\s\u00a0\u3000\u200b]+|[\s\u00a0\u3000\u200b]+(?!\d)", "", t)
    return t


def read_value(text, column: ColumnDef, unit_hint: str | None = None) -> Read:
    """What a source cell holds for a cell of this column.  text may be a str, or a number
    straight from a spreadsheet."""
    if text is None:
        return Read()
    if isinstance(text, bool):
        return Read(problem=f"“{text}”不是数字")
    if isinstance(text, (int, float, Decimal)):
        return _from_number(text, column, unit_hint, str(text))
    raw = str(text)
    t = _clean(raw).lower()
    if t in BLANK_MARKS or t.strip("/—-") == "":
        return Read()
    unit = None
    for u in sorted(MONEY_UNITS, key=len, reverse=True):
        if t.endswith(u):
            unit, t = u, t[: -len(u)]
            break
    else:
        for u in COUNT_UNITS:
            if t.endswith(u):
                unit, t = u, t[: -len(u)]
                break
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _NUMBER.match(t):
        return Read(problem=f"“{_short(raw)}”不是数字，未读取")
    try:
        d = Decimal(t)
    except InvalidOperation:
        return Read(problem=f"“{_short(raw)}”不是数字，未读取")
    if unit in COUNT_UNITS:
        if column.type == "decimal":
            return Read(problem=f"“{_short(raw)}”的单位不是金额单位，未读取")
        unit = None
    return _from_number(d, column, unit or unit_hint, raw, unit_in_cell=unit is not None)


def _from_number(n, column: ColumnDef, unit: str | None, raw: str, unit_in_cell: bool = False) -> Read:
    if isinstance(n, float):
        if n != n or n in (float("inf"), float("-inf")):
            return Read(problem=f"“{_short(raw)}”不是数字，未读取")
        n = Decimal(repr(n))
    d = Decimal(n)
    if abs(d) > MAX_ABS:
        return Read(problem=f"“{_short(raw)}”数值过大，未读取")
    if column.type in ("integer", "signed_integer"):
        if unit in MONEY_UNITS and unit_in_cell:
            return Read(problem=f"“{_short(raw)}”是金额，此栏应为件数，未读取")
        if d != d.to_integral_value():
            return Read(problem=f"“{_short(raw)}”不是整数，此栏应为件数，未读取")
        v = int(d)
        if column.type == "integer" and v < 0:
            return Read(v, problem=f"件数“{_short(raw)}”为负数，请核对")
        return Read(v)
    # Money.
    if d < 0:
        return Read(d, problem=f"金额“{_short(raw)}”为负数，请核对")
    if column.unit_choices:  # the report states its own unit (2019 采购总金额)
        if unit is None:
            return Read(_tidy(d), problem=f"“{_short(raw)}”没有注明单位（元或万元），请在表中选择单位")
        if unit not in column.unit_choices:
            d, unit = d * MONEY_UNITS[unit], "元"
        return _places(d, column, raw, unit)
    target = column.unit or "万元"
    if unit is None or unit == target:
        return _places(d, column, raw, None)
    converted = d * MONEY_UNITS[unit] / MONEY_UNITS.get(target, Decimal(1))
    read = _places(converted, column, raw, None)
    if read.problem:
        return read
    return Read(read.value, note=f"“{_short(raw)}”按{target}折算为 {format_decimal(read.value)}")


def _places(d: Decimal, column: ColumnDef, raw: str, unit: str | None) -> Read:
    exp = d.normalize().as_tuple().exponent
    if isinstance(exp, int) and -exp > column.decimals:
        return Read(problem=f"“{_short(raw)}”的小数位超过 {column.decimals} 位，未读取")
    return Read(_tidy(d), unit)


def _tidy(d: Decimal) -> Decimal:
    n = d.normalize()
    return n.quantize(Decimal(1)) if n == n.to_integral_value() else n


def _short(text: str) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= 24 else s[:24] + "…"
