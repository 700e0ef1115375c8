"""The finished report as an ordered list of blocks, for the exports that are documents to edit or
publish (Word, HTML): title, headings, paragraphs, tables and the signature, in reading order.

The order is the PDF's: title, preamble, then each section's heading, its table (the one Grid
from model.grid.layout_section) and its text, then the closing text and the signature.  How a
text splits into paragraphs and headings is model.text_structure's.  Each exporter only decides
how a block looks; none of them re-derives content or layout.

Text is kept as typed (spacing included), except for what an XML document cannot hold: control
characters are dropped and a lone surrogate (a damaged file) becomes the replacement mark 〓,
which Chinese typesetting uses for a missing character and the PDF prints as well.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from model.grid import Grid, GridCell, layout_section
from model.report import Report
from model import text_structure
from model.text_structure import signing_date_text
from model.values import display, is_number

REPLACEMENT = "〓"
_SURROGATE = re.compile("[\ud800-\udfff]")
# XML 1.0 allows \t \n \r and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """User text as an XML document can hold it (see the module docstring)."""
    return _NOT_XML.sub("", _SURROGATE.sub(REPLACEMENT, text))


@dataclass(frozen=True)
class Title:
    agency: str
    rest: str  # 「2024年政府信息公开工作年度报告」

    @property
    def text(self) -> str:
        return self.agency + self.rest


@dataclass(frozen=True)
class Heading:
    """level 1: a section heading 「一、总体情况」 (or a 「一、」 line inside a text); 2: a 「（一）」
    line; 3: a 「1.」, 「（1）」 or 「①」 line (model.text_structure's levels 3 and 4 print alike)."""

    level: int
    text: str
    section: str = ""  # the section id, for level 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # a run-in heading 「（一）加强组织领导。」 that opens the paragraph
    lead_level: int = 0  # its level (1 「一、」, 2 「（一）」, 3 「1.」 and 「（1）」), which sets its face
    closing: bool = False  # part of the closing text after section 六 (marked, so it reads back apart)


@dataclass(frozen=True)
class Table:
    section: str
    heading: str  # the section heading, 「二、主动公开政府信息情况」
    name: str  # 「表二」: 表 and the section number, as the annex and the notices call them
    title: str  # the section's title, 「主动公开政府信息情况」
    grid: Grid

    @property
    def caption(self) -> str:
        """The table's own title (HTML <caption>, Word's alternative text): 「表二　主动公开政府信息情况」."""
        return f"{self.name}\u3000{self.title}"


# The signature's date stands this many characters in from the right edge (GB/T 9704).
SIGNATURE_RIGHT_CHARS = 4


@dataclass(frozen=True)
class Signature:
    agency: str
    date: str  # as printed: 「2025年1月20日」

    def right_indents(self) -> tuple[float, float]:
        """(agency, date) distances from the right edge, in characters: the date four characters
        in, the agency centred over it unless it is too long for that."""
        right = float(SIGNATURE_RIGHT_CHARS)
        if not self.date:
            return right, right
        return max(0.0, right + (ems(self.date) - ems(self.agency)) / 2), right


def ems(text: str) -> float:
    """Width in characters of a Chinese face: full-width characters 1, others (digits, Latin) ½."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in text)


Block = Title | Heading | Paragraph | Table | Signature


def report_blocks(report: Report) -> list[Block]:
    fmt = report.fmt
    title = xml_text(report.title)
    agency = xml_text(report.agency)
    blocks: list[Block] = [Title(agency, title[len(agency):])]
    blocks += _narrative(report.text("preamble"))
    for sec in fmt.sections:
        blocks.append(Heading(1, sec.heading, sec.id))
        if sec.kind == "tables":
            grid = layout_section(fmt, sec.id)
            blocks.append(Table(sec.id, sec.heading, f"表{sec.no}", sec.title,
                                grid))
        blocks += _narrative(report.text(sec.id))
    blocks += _narrative(report.text("closing"), closing=True)
    if report.date or agency:  # as the PDF: without a date the agency still signs (the checks warn)
        blocks.append(Signature(agency, xml_text(signing_date_text(report.date)) if report.date else ""))
    return blocks


def _narrative(text: str, closing: bool = False) -> list[Block]:
    out: list[Block] = []
    for block in text_structure.blocks(xml_text(text or "")):
        if closing:  # a closing note is body text, whatever its lines start with
            out.append(Paragraph(block.text, closing=True))
        elif block.is_heading:
            out.append(Heading(min(block.level, 3), block.text))
        else:
            out.append(Paragraph(block.body, block.lead, min(block.lead_level, 3)))
    return out


def cell_text(cell: GridCell, report: Report, values: dict, max_raw: int | None = None) -> str:
    """What a table cell shows in every export: its label, or its value with the unit the clerk
    chose where the format asks for one (2019's 采购总金额 「25.1万元」; only a unit the cell
    allows, Report.unit_of).  Raw text kept from a damaged file is shown whole, never lost — or,
    where a table cell has no room (the PDF), its first `max_raw` characters and 「…」."""
    if not cell.is_value:
        return cell.text
    v = values.get(cell.cell_id)
    if v is None:
        return ""
    if not is_number(v):
        raw = xml_text(str(v))
        return raw if max_raw is None or len(raw) <= max_raw else raw[:max_raw] + "…"
    return display(v) + (report.unit_of(cell.cell_id) or "")


def grid_rows(grid: Grid) -> list[list[GridCell]]:
    """The grid's anchor cells row by row, left to right (what an HTML or Word row holds)."""
    rows: list[list[GridCell]] = [[] for _ in range(grid.n_rows)]
    for cell in grid.cells:
        rows[cell.row].append(cell)
    for row in rows:
        row.sort(key=lambda c: c.col)
    return rows


def text_chars(block) -> int:
    """The characters of text a block carries (0 for a table): an export's progress counts them."""
    if isinstance(block, Paragraph):
        return len(block.text) + len(block.lead)
    if isinstance(block, (Heading, Title)):
        return len(block.text)
    if isinstance(block, Signature):
        return len(block.agency) + len(block.date)
    return 0
