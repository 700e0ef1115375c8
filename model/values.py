"""Cell values: what a clerk may type or paste into a cell, and how a value is shown.

A cell holds None (blank), an int, or a Decimal.  A draft file may also carry text that is not a
number ("12a"); the report keeps it as a str so that the check can point at the cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from model.formats import ColumnDef

# Units people type or paste after a number.  Counts may carry 件/项/个/宗; money its own unit.
COUNT_UNITS = ("件", "项", "个", "宗", "次")
MONEY_UNITS = ("万元", "元")
# Largest value a cell accepts: more than any agency's yearly count, small enough to print.
MAX_ABS = Decimal("999999999999")

_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Parsed:
    """A typed cell value read: the value and unit, or why it cannot be taken (error)."""

    ok: bool
    value: int | Decimal | None = None
    unit: str | None = None
    error: str = ""


def normalize_text(text: str) -> str:
    """Full-width digits and signs to ASCII, spaces and thousands separators out."""
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("−", "-").replace("–", "-").replace("—", "-")
    t = _SPACES.sub("", t)
    return t


def parse_input(text: str, column: ColumnDef) -> Parsed:
    """Parse what a clerk typed or pasted for a cell of this column."""
    if text is None:
        return Parsed(True, None)
    t = normalize_text(str(text))
    if t in ("", "-", "—"):
        return Parsed(True, None) if t == "" else Parsed(False, error="“-”不是数字；没有的请填 0。")
    unit = None
    for u in MONEY_UNITS + COUNT_UNITS:
        if t.endswith(u):
            unit, t = u, t[: -len(u)]
            break
    if unit is not None:
        err = _unit_error(unit, column)
        if err:
            return Parsed(False, error=err)
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _NUMBER.match(t):
        return Parsed(False, error=f"“{_short(text)}”不是数字。")
    try:
        d = Decimal(t)
    except InvalidOperation:
        return Parsed(False, error=f"“{_short(text)}”不是数字。")
    if abs(d) > MAX_ABS:
        return Parsed(False, error="数值过大。")
    if column.type in ("integer", "signed_integer"):
        if d != d.to_integral_value():
            return Parsed(False, error="此处应填整数（件数）。")
        v: int | Decimal = int(d)
        if column.type == "integer" and v < 0:
            return Parsed(False, error="件数不能为负数。")
        return Parsed(True, v, unit if column.unit_choices else None)
    # decimal
    if d < 0:
        return Parsed(False, error="金额不能为负数。")
    exp = d.normalize().as_tuple().exponent
    if isinstance(exp, int) and -exp > column.decimals:
        return Parsed(False, error=f"最多保留 {column.decimals} 位小数。")
    return Parsed(True, _clean_decimal(d), unit if column.unit_choices else None)


def _unit_error(unit: str, column: ColumnDef) -> str:
    if column.unit_choices:
        return "" if unit in column.unit_choices else f"单位应为{'或'.join(column.unit_choices)}。"
    if column.type == "decimal":
        if unit == column.unit:
            return ""
        return f"此栏单位是{column.unit}，请换算后填写数值。"
    return "" if unit in COUNT_UNITS else f"此栏是件数，不能带“{unit}”。"


def _clean_decimal(d: Decimal) -> Decimal:
    """12.500 → 12.5, 3.0 → 3 (as Decimal), never scientific notation."""
    n = d.normalize()
    if n == n.to_integral_value():
        return n.quantize(Decimal(1))
    return n


def _short(text: str) -> str:
    s = str(text).strip()
    return s if len(s) <= 20 else s[:20] + "…"


def value_from_json(raw, column: ColumnDef):
    """A cell value as stored in a draft: int, decimal string, or anything else (kept raw)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, int):
        if abs(raw) > MAX_ABS:  # as a too-large number written as text: kept raw, the check flags it
            return str(raw)
        return raw if column.type != "decimal" else Decimal(raw)
    if isinstance(raw, float):
        # Drafts store decimals as strings; a float is someone else's file.  Keep it exact.
        if raw != raw or raw in (float("inf"), float("-inf")):
            return str(raw)
        raw = repr(raw)
    if isinstance(raw, str):
        p = parse_input(raw, column)
        if p.ok and p.value is not None:
            return p.value
        if p.ok:
            return None
        # Negative counts parse as errors for typing, but a file may hold them: keep the number
        # so the check reports it as negative rather than as "not a number".
        t = normalize_text(raw)
        if _NUMBER.match(t):
            try:
                d = Decimal(t)
                if abs(d) <= MAX_ABS:
                    if d == d.to_integral_value() and column.type != "decimal":
                        return int(d)
                    return _clean_decimal(d)
            except InvalidOperation:
                pass
        return raw
    return KeptJson.of(raw)


class KeptJson(str):
    """A list or an object found in a cell, kept exactly as read so that open + save changes
    nothing.  As a str it is a short JSON text: what the grid shows and the check reports as
    "not a number"; `raw` is the value itself, written back unchanged."""

    raw: object

    @classmethod
    def of(cls, raw) -> "KeptJson":
        import json

        try:
            text = json.dumps(raw, ensure_ascii=False)
        except (RecursionError, ValueError, TypeError):
            text = "[…]" if isinstance(raw, list) else "{…}"
        kept = cls(text if len(text) <= 40 else text[:40] + "…")
        kept.raw = raw
        return kept

    def __deepcopy__(self, memo):
        import copy

        return KeptJson.of(copy.deepcopy(self.raw, memo))

    def __reduce__(self):  # copy.copy keeps the raw value too
        return (KeptJson.of, (self.raw,))


def json_short(raw) -> str:
    return str(KeptJson.of(raw))


def value_to_json(value):
    if isinstance(value, KeptJson):
        return value.raw
    if value is None or isinstance(value, (int, str)):
        return value
    return format_decimal(value)


def format_decimal(d: Decimal) -> str:
    return format(_clean_decimal(d), "f")


def display(value) -> str:
    """How a value is shown in a grid, a PDF or a message."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


_NUMBER_TYPES = frozenset((int, Decimal))


def is_number(value) -> bool:
    # Exact types: a cell holds int or Decimal, never a subclass; bool (an int) is not a number
    # here.  Called for every cell of every rule: a 汇总 of 1,000 reports calls it a million times.
    return type(value) in _NUMBER_TYPES
