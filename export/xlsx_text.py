"""Text that Excel can store and show: XML-safe characters, cell-sized chunks, estimated lines.

User text is data.  Three things stand between a clerk's text and an XLSX cell:
- XML 1.0 forbids most control characters (openpyxl raises IllegalCharacterError on them) and
  lone surrogates cannot be encoded at all: they are removed, and the count is reported.
- A cell holds at most 32,767 characters (Excel counts UTF-16 code units; openpyxl silently cuts
  anything longer): longer paragraphs are split into chunks for consecutive rows.
- A bare carriage return would come back as a line feed after reading the XML, so line ends are
  normalised to "\\n" before the text is split into paragraphs.

Row heights: neither Excel nor LibreOffice grows a row for wrapped text in a file written by a
program, so the writer estimates the number of lines itself from character widths.
"""

from __future__ import annotations

import math
import re
import unicodedata

# Excel's limit per cell, in UTF-16 code units.
CELL_LIMIT = 32767

# XML 1.0 allows \t \n \r and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> tuple[str, int]:
    """The text without the characters an XLSX cannot hold, and how many were removed."""
    cleaned, n = _FORBIDDEN.subn("", text)
    return cleaned, n


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_for_cells(paragraph: str, limit: int = CELL_LIMIT) -> list[str]:
    """Chunks of at most `limit` UTF-16 units each, never splitting a character."""
    if utf16_len(paragraph) <= limit:
        return [paragraph]
    chunks: list[str] = []
    start = 0
    used = 0
    for i, ch in enumerate(paragraph):
        w = 2 if ord(ch) > 0xFFFF else 1
        if used + w > limit:
            chunks.append(paragraph[start:i])
            start, used = i, 0
        used += w
    chunks.append(paragraph[start:])
    return chunks


# Column width unit = width of "0" in the workbook's default font (Calibri 11 pt, 7 px at
# 96 dpi).  A full-width character at `pt` points is pt·96/72 px wide; a Latin character about
# 0.55 of that.
_PX_PER_UNIT = 7.0


def text_width_units(text: str, pt: float) -> float:
    """Width of one line of text in column-width units."""
    full = pt * 96 / 72 / _PX_PER_UNIT
    total = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) > 0xFFFF:
            total += full
        else:
            total += full * 0.55
    return total


def line_count(text: str, width_units: float, pt: float) -> int:
    """Lines a wrapped cell of this width needs for the text.

    Cell padding takes about one unit; wrapping at character boundaries (and keeping closing
    punctuation with its line) leaves part of a character unused per line: half of one is kept
    in reserve.
    """
    full = pt * 96 / 72 / _PX_PER_UNIT
    usable = max(width_units - 1.0 - full / 2, full)
    lines = 0
    for para in text.split("\n"):
        lines += max(1, math.ceil(text_width_units(para, pt) / usable))
    return lines


_SENTENCE_END = "。！？；!?;"
TICK_CHARS = 4096  # progress is told after about this many characters


def split_for_rows(paragraph: str, width_units: float, pt: float, max_lines: int,
                   tick=None) -> list[str]:
    """Chunks of a paragraph that each fit a row of at most `max_lines` wrapped lines.

    A row cannot be taller than 409 pt, so a paragraph of more than about 900 characters would be
    cut off on screen and on paper.  Chunks end after a sentence where one is near the limit, so
    a continuation row starts with a new sentence; every chunk also respects the cell limit.
    `tick(characters)` is told as the paragraph is read (an export's progress).
    """
    full = pt * 96 / 72 / _PX_PER_UNIT
    usable = max(width_units - 1.0 - full / 2, full)
    # Wrapping wastes part of a line now and then: fill rows to 90 % of their estimated room.
    capacity = usable * max_lines * 0.9
    chunks: list[str] = []
    start, used, last_end = 0, 0.0, -1
    ticked = 0
    for i, ch in enumerate(paragraph):
        if tick is not None and i - ticked >= TICK_CHARS:
            tick(i - ticked)
            ticked = i
        w = text_width_units(ch, pt)
        if used + w > capacity and i > start:
            cut = last_end + 1 if last_end >= start + (i - start) // 2 else i
            chunks.append(paragraph[start:cut])
            start = cut
            used = text_width_units(paragraph[start:i], pt)
            last_end = -1
        used += w
        if ch in _SENTENCE_END:
            last_end = i
    chunks.append(paragraph[start:])
    if tick is not None and len(paragraph) > ticked:
        tick(len(paragraph) - ticked)
    return [piece for chunk in chunks for piece in split_for_cells(chunk)]


def row_height_pt(lines: int, pt: float, padding: float = 4.0) -> float:
    """Row height that shows `lines` lines of `pt`-point text (CJK fonts need about 1.4 em)."""
    return round(lines * pt * 1.4 + padding, 1)
