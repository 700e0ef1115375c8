"""Punctuation and spacing of official Chinese text: find the slips and put them right.

What a reviewer marks in a published report: half-width punctuation among hanzi (政府信息,主动
公开), stray spaces between hanzi or between hanzi and digits (pasted from a PDF: 2021 年), and
mixed quotation marks (straight "…" or 「…」 beside “…”).  What is left alone: numbers
(1,200件, 51.06万元), list numbering (1.属于国家秘密), web addresses and Latin text, and the
indentation at the start of a line.

`issues(text)` lists the slips; `normalize(text)` returns the text with all of them put right —
a pure function the window applies to every text at once as one undo step (「规范标点」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from model.text_numbers import paragraphs

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】—…·「」『』〔〕"
_CJK = f"[{_HAN}{re.escape(_CJK_PUNCT)}]"
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    """Compiled when first needed: each class of hanzi ranges takes Python's re some 2–4 ms to
    compile, which a window opening a new report (no text yet) should not pay at start-up."""
    return (
        re.compile(f"[{_HAN}]"),
        # , ; : ? ! beside a hanzi or a Chinese mark (never between two digits: 1,200).
        re.compile(rf"(?<={_CJK})[,;:?!]|[,;:?!](?={_CJK})"),
        # A full stop closing a Chinese sentence (政务公开.): after a hanzi, at a line's end or
        # before a hanzi.
        re.compile(rf"(?<=[{_HAN}])\.(?=$|[{_HAN}])(?!\.)", re.M),
        # (…) around or beside Chinese text.
        re.compile(r"\(([^()\n]*)\)"),
        # Spaces between two hanzi or Chinese marks, or between a hanzi and a digit (2021 年, 共 41 件).
        re.compile(rf"(?<={_CJK})[ \t\u3000\u00a0]+(?={_CJK}|[0-9])|(?<=[0-9])[ \t\u3000\u00a0]+(?=[{_HAN}])"),
    )


KIND_ZH = {"mark": "半角标点", "space": "多余空格", "quote": "引号不统一"}


@dataclass(frozen=True)
class Issue:
    """A punctuation slip in a text: [start, end), its kind, and what should stand there."""

    start: int
    end: int
    kind: str  # mark | space | quote
    replacement: str


@lru_cache(maxsize=8192)
def _line_issues(line: str, corner_quotes_mixed: bool) -> tuple[Issue, ...]:
    _HAN_RE, _MARK, _STOP, _PARENS, _SPACE = _patterns()
    out: list[Issue] = []
    for m in _MARK.finditer(line):
        out.append(Issue(m.start(), m.end(), "mark", _FULL[m.group()]))
    for m in _STOP.finditer(line):
        out.append(Issue(m.start(), m.end(), "mark", "。"))
    for m in _PARENS.finditer(line):
        s, e = m.start(), m.end()
        beside = line[s - 1:s] + line[e:e + 1]
        if _HAN_RE.search(m.group(1)) or _HAN_RE.search(beside):
            out.append(Issue(s, s + 1, "mark", "（"))
            out.append(Issue(e - 1, e, "mark", "）"))
    for m in _SPACE.finditer(line):
        if line[:m.start()].strip():  # never the indentation at the start of a line
            out.append(Issue(m.start(), m.end(), "space", ""))
    if _HAN_RE.search(line):
        straight = [i for i, ch in enumerate(line) if ch == '"']
        if straight and len(straight) % 2 == 0:  # an odd count may be an inch mark or a typo
            for n, i in enumerate(straight):
                out.append(Issue(i, i + 1, "quote", "“" if n % 2 == 0 else "”"))
    if corner_quotes_mixed:
        for i, ch in enumerate(line):
            if ch in "「」『』":
                out.append(Issue(i, i + 1, "quote", {"「": "“", "」": "”", "『": "‘", "』": "’"}[ch]))
    out.sort(key=lambda x: x.start)
    return tuple(out)


def _corner_quotes_mixed(text: str) -> bool:
    return ("「" in text or "」" in text) and ("“" in text or "”" in text)


def issues(text: str) -> list[Issue]:
    """Every slip in a text, offsets into the whole text, in order."""
    mixed = _corner_quotes_mixed(text)
    out = []
    for offset, line in paragraphs(text):
        if line:
            out.extend(Issue(offset + i.start, offset + i.end, i.kind, i.replacement)
                       for i in _line_issues(line, mixed))
    return out


def normalize(text: str) -> str:
    """The text with every slip put right."""
    found = issues(text)
    if not found:
        return text
    parts, pos = [], 0
    for i in found:
        if i.start < pos:  # overlapping finds (cannot happen with these patterns): keep the first
            continue
        parts.append(text[pos:i.start])
        parts.append(i.replacement)
        pos = i.end
    parts.append(text[pos:])
    return "".join(parts)


def normalize_texts(texts: dict[str, str]) -> dict[str, str]:
    """The texts that 「规范标点」 changes, with their new content (unchanged ones left out)."""
    out = {}
    for key, text in texts.items():
        new = normalize(text)
        if new != text:
            out[key] = new
    return out


def describe(found: list[Issue]) -> str:
    """“半角标点 2 处、多余空格 1 处” for a message."""
    counts: dict[str, int] = {}
    for i in found:
        counts[i.kind] = counts.get(i.kind, 0) + 1
    return "、".join(f"{KIND_ZH[k]} {n} 处" for k, n in counts.items())
