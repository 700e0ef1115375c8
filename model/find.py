"""Finding text across the whole report: the agency name, the six sections, 开头语 and 结尾落款.

Pure, so the window's find bar and replace-all (model/changes.replace_all) agree on what a match
is.  The needle is literal text (never a pattern); letters match regardless of case unless asked.
Offsets are Python string indices; the editors convert them to Qt's UTF-16 positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.report import Report

AGENCY_KEY = "agency"


@dataclass(frozen=True)
class Match:
    key: str  # "agency" or a text key (s1…s6, preamble, closing)
    start: int
    end: int


def find_pattern(needle: str, case_sensitive: bool = False) -> re.Pattern | None:
    if not needle:
        return None
    return re.compile(re.escape(needle), 0 if case_sensitive else re.IGNORECASE)


def search_order(report: Report) -> list[str]:
    """The texts in the order the clerk meets them: 基本信息 (agency, 开头语, 结尾落款), 一 … 六."""
    return [AGENCY_KEY, "preamble", "closing", *(s.id for s in report.fmt.sections)]


def text_of(report: Report, key: str) -> str:
    return report.agency if key == AGENCY_KEY else report.text(key)


def find_all(report: Report, needle: str, case_sensitive: bool = False) -> list[Match]:
    """Every match, in the order of search_order() and then by position."""
    pattern = find_pattern(needle, case_sensitive)
    if pattern is None:
        return []
    return [Match(key, m.start(), m.end())
            for key in search_order(report)
            for m in pattern.finditer(text_of(report, key))]


def find_in(text: str, needle: str, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """[start, end) of every match in one text (for highlighting an editor)."""
    pattern = find_pattern(needle, case_sensitive)
    return [] if pattern is None else [m.span() for m in pattern.finditer(text)]
