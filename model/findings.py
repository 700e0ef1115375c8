"""A finding: one error, warning or hint about a report, with where the clerk fixes it.

Kept apart from model/checks.py so that every module of rules (cells, text, similarity,
punctuation) can build findings without importing the others.  model.checks re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass

from model import terms

ERROR = "error"
WARNING = "warning"
HINT = "hint"  # worth a look, never a fault: partial sums while cells are blank, punctuation
SEVERITY_ZH = {ERROR: terms.ERROR, WARNING: terms.WARNING, HINT: terms.HINT}
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, HINT: 2}


@dataclass(frozen=True)
class Finding:
    """What a check found: its rule, severity and message, and where the clerk fixes it."""

    rule: str
    severity: str
    message: str
    cells: tuple[str, ...] = ()
    section: str = ""  # where the clerk fixes it: s1…s6 or "info" (基本信息)
    text_key: str = ""  # the text it is about (s1…s6, preamble, closing), if any
    span: tuple[int, int] | None = None  # [start, end) character offsets in that text
    # Every passage the finding is about, when there are several (repeated passages, each
    # punctuation slip); span is then the first of them.
    spans: tuple[tuple[int, int], ...] = ()

    def as_dict(self) -> dict:
        d = {"rule": self.rule, "severity": self.severity, "section": self.section,
             "cells": list(self.cells), "message": self.message}
        if self.text_key:
            d["text_key"] = self.text_key
        if self.span is not None:
            d["span"] = list(self.span)
        if self.spans:
            d["spans"] = [list(s) for s in self.spans]
        return d


def text_section(fmt, key: str) -> str:
    """The tab a text lives on: its own section, or 基本信息 for the preamble and closing."""
    return key if key in fmt.section_by_id else "info"


def text_names(fmt) -> dict[str, str]:
    """Chinese names of the texts for messages: “一、总体情况”, 开头语, 结尾落款."""
    return {key: terms.text_name(fmt, key) for key in fmt.text_keys()}
