"""Helpers (no tests): reading an exported PDF back with poppler (pdftotext, pdffonts, pdfinfo)."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

from export.pdf_tables import cell_text
from model.grid import layout_section
from model.report import Report

PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def _run(args: list[str], data: bytes) -> str:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.pdf"
        p.write_bytes(data)
        return subprocess.run(args + [str(p)] + (["-"] if args[0] == "pdftotext" else []),
                              check=True, capture_output=True, text=True).stdout


def text(data: bytes, first: int | None = None, last: int | None = None) -> str:
    """Text in drawing order (-raw): each table cell's text stays together, row by row."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return _run(args, data)


def compact(s: str) -> str:
    return re.sub(r"\s+", "", s.replace("\u00a0", " "))


def fonts(data: bytes) -> list[dict]:
    lines = _run(["pdffonts"], data).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni id gen: read the flags from the right
        out.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return out


def info(data: bytes) -> dict[str, str]:
    out = {}
    for line in _run(["pdfinfo", "-enc", "UTF-8"], data).splitlines():
        k, _, v = line.partition(":")
        out[k.strip()] = v.strip()
    return out


def in_order(haystack: str, needles: list[str]) -> list[str]:
    """The needles not found in order (each after the previous one) in the haystack."""
    missing, pos = [], 0
    for n in needles:
        i = haystack.find(n, pos)
        if i < 0:
            missing.append(n)
        else:
            pos = i + len(n)
    return missing


def table_labels(report: Report, section_id: str) -> list[str]:
    """Every official label of a section's table (captions, headers, rows, the 勾稽 note) in
    drawing order."""
    grid = layout_section(report.fmt, section_id)
    cells = sorted((c for c in grid.cells if not c.is_value and c.text), key=lambda c: (c.row, c.col))
    return [compact(c.text) for c in cells]


def table_numbers(report: Report, section_id: str) -> list[str]:
    grid = layout_section(report.fmt, section_id)
    values = report.values()
    cells = sorted((c for c in grid.cells if c.is_value), key=lambda c: (c.row, c.col))
    return [t for t in (cell_text(c, report, values) for c in cells) if t]


NUMBER_TOKEN = re.compile(r"^-?\d+(\.\d+)?(万元|元)?$")


def section_numbers(raw: str, heading: str, next_heading: str | None) -> list[str]:
    """The number tokens printed between a section heading and the next one (page numbers out)."""
    start = raw.index(heading)
    end = raw.index(next_heading, start) if next_heading else len(raw)
    part = PAGE_NUMBER.sub(" ", raw[start + len(heading):end])
    return [t for t in part.split() if NUMBER_TOKEN.match(t)]


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(data: bytes) -> list[dict]:
    """Words with their boxes (pdftotext -bbox), in points from the top-left corner."""
    out = []
    for m in _WORD.finditer(_run(["pdftotext", "-bbox", "-enc", "UTF-8"], data)):
        x0, y0, x1, y1, t = m.groups()
        out.append({"text": html.unescape(t), "xMin": float(x0), "yMin": float(y0),
                    "xMax": float(x1), "yMax": float(y1)})
    return out


_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


def page_lines(data: bytes, min_size: float = 0.0, max_size: float = 1e9) -> list[list[dict]]:
    """Per page, the printed lines whose type is between min_size and max_size points tall:
    {"text", "x0", "x1", "top", "size"}, top to bottom (pdftotext -bbox; page numbers left out).

    A line is the words sharing a baseline; its text is the words joined without spaces (a
    Chinese line has no spaces of its own: a gap poppler would read as one shows in the text)."""
    pages = []
    for page in _PAGE.findall(_run(["pdftotext", "-bbox", "-enc", "UTF-8"], data)):
        rows: dict[float, list] = {}
        for m in _WORD.finditer(page):
            x0, y0, x1, y1, t = m.groups()
            size = float(y1) - float(y0)
            if not min_size <= size <= max_size:
                continue
            key = round(float(y1), 0)
            rows.setdefault(key, []).append((float(x0), float(x1), html.unescape(t), size))
        lines = []
        for y in sorted(rows):
            ws = sorted(rows[y])
            text = "".join(w[2] for w in ws)
            if PAGE_NUMBER.fullmatch(text):
                continue
            lines.append({"text": text, "x0": ws[0][0], "x1": max(w[1] for w in ws), "top": y,
                          "size": max(w[3] for w in ws), "words": [w[2] for w in ws]})
        pages.append(lines)
    return pages
