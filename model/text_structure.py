"""How the report's narrative text is structured: paragraphs, run-in headings, numbering, dates.

Pure text rules shared by every export (PDF, Word, HTML) and by the importers: one non-blank
line is one paragraph; a short line opening with 「（一）」 is a level-2 heading, with 「1.」 a
level-3 heading; a longer 「（一）……。」 line is a paragraph with a run-in heading.  Nothing here
knows how a format draws it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date as _date

# Level-2 heading 「（一）」 and level-3 「1.」 at the start of a line (full- or half-width brackets).
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
LEVEL3 = re.compile(r"^\d{1,2}[.．、]")
LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# A heading line is short; a longer line that starts with 「（一）」 is a numbered paragraph.
MAX_HEADING_CHARS = 40


def invisible(ch: str) -> bool:
    """Characters that carry no glyph of their own: format controls and variation selectors."""
    code = ord(ch)
    # Variation selectors and emoji skin-tone modifiers only modify the character before them:
    # an emoji printed as one 〓, not 〓〓.
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF:
        return True
    cat = unicodedata.category(ch)
    return cat in ("Cf", "Cc")


@dataclass(frozen=True)
class Block:
    """One paragraph of narrative text.

    kind: "para" (body), "h2" (a level-2 heading line 「（一）……」), "h3" (a level-3 heading line
    「1.……」, set like the body).  A para may open with a
    run-in level-2 heading (`lead`, e.g. 「（一）加强组织领导。」) followed by body text.
    """

    kind: str
    text: str
    lead: str = ""


def paragraphs(text: str) -> list[Block]:
    """Narrative text → paragraphs: one per non-blank line, headings recognised by numbering."""
    blocks = []
    for raw in (text or "").splitlines():
        line = raw.strip(" \t\u3000\u00a0")
        if not line or all(invisible(c) for c in line):
            continue
        blocks.append(_classify(line))
    return blocks


def _classify(line: str) -> Block:
    if LEVEL3.match(line):
        # 「1.关于……」 alone on its line heads the paragraphs after it: printed like the body,
        # but kept with the next paragraph at a page end.
        stop = line.find("。")
        heading = (stop == -1 or stop == len(line) - 1) and len(line) <= MAX_HEADING_CHARS
        return Block("h3" if heading else "para", line)
    if not LEVEL2.match(line):
        return Block("para", line)
    stop = line.find("。")
    if stop == -1 or stop == len(line) - 1:
        return Block("h2", line) if len(line) <= MAX_HEADING_CHARS else Block("para", line)
    if stop < MAX_HEADING_CHARS:
        return Block("para", line[stop + 1:].lstrip(" \u3000"), lead=line[: stop + 1])
    return Block("para", line)


def leading_number(text: str) -> str:
    """The numbering a label or heading opens with: 「三、」, 「（三）」, 「1.」, or ""."""
    m = LEVEL1.match(text) or LEVEL2.match(text) or LEVEL3.match(text)
    return m.group() if m else ""


def chinese_date(iso: str) -> str:
    """2025-01-20 → 2025年1月20日 (Arabic numerals, no leading zeros, as GB/T 9704 writes it)."""
    d = _date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def signing_date_text(iso: str) -> str:
    """The date under the signature: written out in Chinese, or as typed when it is not a date
    (a checker reports it; an export must not drop it)."""
    try:
        return chinese_date(iso)
    except ValueError:
        return iso
