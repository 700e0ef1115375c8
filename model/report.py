"""The report being written: details, texts and table cells, with totals always derived."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from model.dismissals import Dismissal
from model.formats import FormatDef, load_format, format_for_year
from model.values import is_number

Value = int | Decimal | str | None


@dataclass
class LastYear:
    """What this report needs of last year's: its year, the cells the cross-year checks use, and its
    texts (by text key), against which this year's are compared and shown side by side."""

    year: int
    cells: dict[str, int | Decimal] = field(default_factory=dict)
    source: str = ""
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class SummedUnit:
    """One unit whose report went into a region-wide sum (汇总): its name, file and format."""

    agency: str
    file: str = ""
    format_id: str = ""
    # The units of a sum counted as one unit (a district's 汇总 in a city's), as its own draft lists
    # them; None for a unit's own report.  A sum of sums nests this way to any depth.
    units: list["SummedUnit"] | None = None

    def leaf_count(self) -> int:
        """The units' own reports this entry stands for (1 for a unit, its units' for a sum)."""
        return 1 if self.units is None else sum(u.leaf_count() for u in self.units)


@dataclass
class SummaryOf:
    """What a summed report (汇总) was made of: the units added up, and the values that could not
    be added (another format's cell with no counterpart, text that is not a number), in Chinese."""

    units: list[SummedUnit] = field(default_factory=list)
    not_summed: list[str] = field(default_factory=list)


@dataclass
class Report:
    """One year's report: its format, year, agency, date, texts and entered values."""

    format_id: str
    year: int
    agency: str = ""
    date: str = ""  # the signing date, ISO yyyy-mm-dd, or ""
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Value] = field(default_factory=dict)  # entered values only; totals derive
    units: dict[str, str] = field(default_factory=dict)  # explicit units (2019 采购总金额)
    last_year: LastYear | None = None
    review: list[str] = field(default_factory=list)  # text keys carried over, to be reviewed
    summary: SummaryOf | None = None  # set on a region-wide sum: the units it adds up
    dismissed: list[Dismissal] = field(default_factory=list)  # warnings set aside (不再提示)
    extra: dict = field(default_factory=dict)  # unknown draft keys, kept for the round trip
    foreign_cells: dict = field(default_factory=dict)  # cell ids not in this format, kept as read

    @classmethod
    def new(cls, year: int, format_id: str | None = None, agency: str = "") -> "Report":
        return cls(format_id=format_id or format_for_year(year), year=year, agency=agency)

    @property
    def fmt(self) -> FormatDef:
        return load_format(self.format_id)

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def unit_of(self, cell_id: str) -> str | None:
        """The unit printed after this cell's number: one its column allows (2019 采购总金额: 元 or
        万元), else None.  A draft may carry anything in `units` (kept for the round trip, reported by
        the check); only an allowed unit ever reaches a PDF, a workbook's number format or the grid."""
        cell = self.fmt.cells.get(cell_id)
        unit = self.units.get(cell_id)
        if cell is None or not isinstance(unit, str) or unit not in cell.column.unit_choices:
            return None
        return unit

    def set_cell(self, cell_id: str, value: Value) -> None:
        if cell_id not in self.fmt.cells:
            raise KeyError(cell_id)
        if value is None:
            self.cells.pop(cell_id, None)
        else:
            self.cells[cell_id] = value

    def values(self) -> dict[str, Value]:
        """Every cell's value: entered cells as entered, computed cells as computed."""
        return compute_values(self.fmt, self.cells)


def compute_values(fmt: FormatDef, cells: dict[str, Value]) -> dict[str, Value]:
    """Entered values plus every computed cell as the sum of its addends.

    A blank addend is left out of the sum; a computed cell with no numeric addend stays blank.
    Text that is not a number makes the total unknown (None): it is reported on its own cell.
    """
    vals: dict[str, Value] = {c: v for c, v in cells.items() if c not in fmt.computed_ids}
    for comp in fmt.computed:
        total: int | Decimal = 0
        any_num = False
        bad = False
        for a in comp.addends:
            v = vals.get(a)
            if v is None:
                continue
            if is_number(v):
                total += v
                any_num = True
            else:
                bad = True
        vals[comp.cell] = total if any_num and not bad else None
    return vals
