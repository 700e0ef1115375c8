"""How much of a section repeats last year's text, and which passages.

Assessments score a report down when it repeats last year's (「与上年度重复率大于50%」).  Their
tools, like plagiarism checkers, count a passage as repeated when a run of at least 13 characters
(「连续13个字相同」) also occurs in the earlier text.  Here the same: spaces and punctuation are
left out, and every digit counts as the same character, so a sentence whose only change is its
numbers (全年主动公开信息10407条 → 11230条) still counts as repeated — which is how a reviewer
reads it.

The ratio is the share of this year's characters (punctuation and spaces left out) that lie in a
repeated run.  Last year's text is indexed once; this year's is measured paragraph by paragraph
with a cache, so typing in one paragraph of a long section re-measures only that paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from model.text_numbers import paragraphs

RUN = 13  # characters in a row that make a passage repeated


_NOT_COUNTED = re.compile(r"[\W_]+")  # spaces, punctuation, symbols
_COUNTED = re.compile(r"[^\W_]")
_DIGITS = str.maketrans("0123456789０１２３４５６７８９", "0" * 20)


def _normal(text: str) -> str:
    """The characters that count, digits as 0, Latin letters in lower case."""
    return _NOT_COUNTED.sub("", text).translate(_DIGITS).lower()


def _offsets(text: str) -> list[int]:
    """Where each counted character is in the text (only needed for repeated passages)."""
    return [m.start() for m in _COUNTED.finditer(text)]


class LastYearIndex:
    """Every run of RUN characters of last year's text."""

    def __init__(self, text: str):
        norm = _normal(text)
        self.runs = frozenset(norm[i:i + RUN] for i in range(len(norm) - RUN + 1))


@lru_cache(maxsize=16)
def index_of(last_text: str) -> LastYearIndex:
    return LastYearIndex(last_text)


@dataclass(frozen=True)
class Coverage:
    """How much of a paragraph repeats last year's text, and where."""

    counted: int  # characters that count
    repeated: int  # of them, inside a repeated run
    spans: tuple[tuple[int, int], ...]  # repeated passages, [start, end) in the paragraph


_ONES = re.compile(b"\x01+")


@lru_cache(maxsize=8192)
def _paragraph_coverage(index: LastYearIndex, paragraph: str) -> Coverage:
    norm = _normal(paragraph)
    runs = index.runs
    # 1 where a run of RUN characters starting there also occurs last year.  A comprehension
    # into bytes, then regular expressions over the bytes: no per-character Python branching.
    starts = bytes([norm[i:i + RUN] in runs for i in range(len(norm) - RUN + 1)])
    spans: list[list[int]] = []  # covered [start, end) in positions of norm
    for m in _ONES.finditer(starts):
        s, e = m.start(), m.end() - 1 + RUN
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    repeated = sum(e - s for s, e in spans)
    # Back to offsets in the paragraph: from the first repeated character to the last one.
    where = _offsets(paragraph) if spans else []
    out = tuple((where[s], where[e - 1] + 1) for s, e in spans)
    return Coverage(len(norm), repeated, out)


@dataclass(frozen=True)
class Similarity:
    """How much of this year's text repeats last year's, and the repeated passages."""

    ratio: float  # 0…1: share of this year's characters that repeat last year's
    counted: int  # this year's characters that count
    spans: tuple[tuple[int, int], ...]  # repeated passages, offsets in this year's text


@lru_cache(maxsize=32)
def similarity(text: str, last_text: str) -> Similarity:
    """How much of `text` repeats `last_text` (cached: the check and the window both ask)."""
    if not text.strip() or not last_text.strip():
        return Similarity(0.0, len(_normal(text)), ())
    index = index_of(last_text)
    counted = repeated = 0
    spans: list[list[int]] = []
    for offset, par in paragraphs(text):
        if not par:
            continue
        cov = _paragraph_coverage(index, par)
        counted += cov.counted
        repeated += cov.repeated
        for s, e in cov.spans:
            s, e = offset + s, offset + e
            # Passages apart only by punctuation and line breaks read as one: a copied section is
            # one passage, not one per paragraph.
            if spans and not _normal(text[spans[-1][1]:s]):
                spans[-1][1] = e
            else:
                spans.append([s, e])
    return Similarity(repeated / counted if counted else 0.0, counted, tuple((s, e) for s, e in spans))


def section_similarities(report) -> dict[str, Similarity]:
    """This year's similarity to last year, for every text whose last-year text is known."""
    ly = report.last_year
    if ly is None:
        return {}
    return {key: similarity(report.text(key), ly.texts[key])
            for key in report.fmt.text_keys() if ly.texts.get(key, "").strip()}


def percent(ratio: float) -> str:
    """0.834 → "83%" — whole percents, never rounded up to 100% unless it is."""
    p = int(ratio * 100 + 0.5)
    if p == 100 and ratio < 1:
        p = 99
    return f"{p}%"
