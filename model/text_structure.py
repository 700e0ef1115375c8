"""How a clerk's narrative text is structured: paragraphs, numbered headings, run-in headings.

Every export (PDF, Word, HTML) reads a section's text through `blocks(text)`, so a heading is
recognised the same way everywhere.  A clerk types one paragraph per line; numbering tells the
level, as in official documents (GB/T 9704 habit):

    level 1  「一、」                      黑体
    level 2  「（一）」「(一)」              楷体
    level 3  「1.」「1．」「1、」            仿宋 (the body face)
    level 4  「（1）」「(1)」「①」          仿宋

A numbered line is a heading when it is short and has no sentence inside it (「（一）主动公开」,
「1.关于制度建设。」).  A numbered line that opens with a short sentence and goes on
(「（一）加强组织领导。成立领导小组……」) is a paragraph with a run-in heading (`lead`).  A long
numbered line without a sentence break is an ordinary numbered paragraph.  Pure functions, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date as _date

_HANZI_NUMBER = "一二三四五六七八九十百零〇"

# (level, pattern) — the numbering a line opens with.  Order matters: 「（1）」 before 「1.」.
NUMBERING = (
    (1, re.compile(rf"^[{_HANZI_NUMBER}]{{1,4}}、")),
    (2, re.compile(rf"^[（(][{_HANZI_NUMBER}]{{1,4}}[）)]")),
    (4, re.compile(r"^[（(]\d{1,3}[）)]")),
    (4, re.compile(r"^[\u2460-\u2473]")),  # ① … ⑳
    # 「1.」 but not a decimal number 「1.5万元」 or a date 「2024.1」.
    (3, re.compile(r"^\d{1,3}(?:[.．](?!\d)|、)")),
)

# A heading line is short; a longer numbered line is a numbered paragraph.
MAX_HEADING_CHARS = 40
# Marks that end the run-in heading of a paragraph: 「（一）加强组织领导。正文……」.
RUN_IN_ENDS = "。：:！？"

_SPACE = " \t\u3000\u00a0"


@dataclass(frozen=True)
class Block:
    """One paragraph of a section's text.

    level: 0 for body text, 1–4 for a heading line of that level.  `lead` is a run-in heading
    that opens a body paragraph (its level in `lead_level`); `body` is the text after it.
    `text` is always the whole line as typed (edges trimmed).
    """

    text: str
    level: int = 0
    lead: str = ""
    lead_level: int = 0

    @property
    def is_heading(self) -> bool:
        return self.level > 0

    @property
    def body(self) -> str:
        return self.text[len(self.lead):].lstrip(_SPACE) if self.lead else self.text


def numbering(line: str) -> tuple[int, str]:
    """(level, the numbering itself) a line opens with, or (0, "")."""
    for level, pattern in NUMBERING:
        m = pattern.match(line)
        if m:
            return level, m.group()
    return 0, ""


def heading_level(line: str) -> int:
    """The level of a heading line (1–4), or 0 when the line is not a heading by itself."""
    block = classify(line.strip(_SPACE))
    return block.level


def classify(line: str) -> Block:
    """One trimmed, non-empty line → a Block."""
    level, number = numbering(line)
    if not level:
        return Block(line)
    stop = _first_stop(line, len(number))
    if stop == -1 or stop == len(line) - 1:
        # No sentence inside: a heading when short, else a numbered paragraph.
        return Block(line, level=level) if len(line) <= MAX_HEADING_CHARS else Block(line)
    if stop < MAX_HEADING_CHARS and stop + 1 > len(number):
        return Block(line, lead=line[:stop + 1], lead_level=level)
    return Block(line)


def _first_stop(line: str, after: int) -> int:
    positions = [i for i in (line.find(ch, after) for ch in RUN_IN_ENDS) if i != -1]
    return min(positions) if positions else -1


def invisible(ch: str) -> bool:
    """Characters that carry no glyph of their own: format controls and variation selectors."""
    code = ord(ch)
    # Variation selectors and emoji skin-tone modifiers only modify the character before them:
    # an emoji printed as one 〓, not 〓〓.
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF:
        return True
    return unicodedata.category(ch) in ("Cf", "Cc")


def _blank(line: str) -> bool:
    return all(ch in _SPACE or invisible(ch) for ch in line)


def blocks(text: str | None) -> list[Block]:
    """A section's text → paragraphs, one per non-blank line, headings recognised by numbering.
    Indents typed by hand (spaces, U+3000) are dropped: every export indents by itself."""
    out = []
    for raw in (text or "").splitlines():
        if _blank(raw):
            continue
        out.append(classify(raw.strip(_SPACE)))
    return out


def leading_number(text: str) -> str:
    """The numbering a label or heading opens with: 「三、」, 「（三）」, 「1.」, or ""."""
    return numbering(text)[1]


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
