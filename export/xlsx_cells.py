"""How one report value is stored in a cell: numbers as numbers, text as literal text.

- int → a number with format "0" (General would show a 12-digit count as 1E+11).
- Decimal → a float when the float reads back as exactly the same decimal, with a number format
  showing exactly the decimals entered ("0.000000" for 12.123456); otherwise (more than ~15
  significant digits) the exact digits as text, so nothing is rounded silently.
- str (invalid raw text a draft carried) → text, never a formula.
- A unit the clerk chose (2019 采购总金额: 元 or 万元) is appended in the number format, so the
  cell still holds a plain number while showing "251000元".
"""

from __future__ import annotations

from decimal import Decimal

from export.xlsx_text import xml_safe
from model.values import format_decimal


def decimal_places(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def exact_float(d: Decimal) -> float | None:
    """float(d) if converting it back gives exactly d, else None."""
    if not d.is_finite():
        return None
    f = float(d)
    return f if Decimal(repr(f)) == d else None


def number_format_for(value, unit: str | None = None) -> str:
    if isinstance(value, Decimal):
        places = decimal_places(Decimal(format_decimal(value)))
        fmt = "0." + "0" * places if places else "0"
    else:
        fmt = "0"
    if unit:
        fmt += f'"{unit}"'
    return fmt


def set_text(cell, text: str) -> int:
    """Store text literally ("=SUM(A1)" stays text).  Returns characters removed (XML-unsafe)."""
    clean, removed = xml_safe(text)
    cell.value = clean
    cell.data_type = "s"  # openpyxl marks a leading "=" as a formula; user text never is one
    return removed


def cell_payload(value) -> tuple[object, str]:
    """(what to store, 'number' | 'text' | 'blank')."""
    if value is None:
        return None, "blank"
    if isinstance(value, bool):
        return str(value), "text"
    if isinstance(value, int):
        return value, "number"
    if isinstance(value, Decimal):
        clean = Decimal(format_decimal(value))
        if clean == clean.to_integral_value() and abs(clean) < 10 ** 15:
            return int(clean), "number"
        f = exact_float(clean)
        if f is not None:
            return f, "number"
        return format_decimal(value), "text"
    return str(value), "text"
