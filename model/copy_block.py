"""Copying cells of a section grid: the block of strings and its clipboard encodings.  Pure.

The counterpart of model/paste.py: what Ctrl+C puts on the clipboard pastes back to the same
values here (a value with its unit, "12.5万元"), and into Excel or WPS as a block of cells (TSV
for the plain text, an HTML table for programs that prefer it).
"""

from __future__ import annotations

from html import escape
from typing import Callable

from model.grid import Grid
from model.values import display


def cell_text(value, unit: str | None) -> str:
    """A cell's value as copied and as its editor starts: pastes back to the same value."""
    if value is None:
        return ""
    return display(value) + (unit or "")


def copy_block(grid: Grid, chosen: set[tuple[int, int]], text_of: Callable[[str], str]) -> list[list[str]]:
    """The chosen value cells (anchors (row, col)) as rows of strings.

    The block spans the chosen rows and the columns from the leftmost to the rightmost chosen
    cell; a merged cell counts once, and cells inside the block that were not chosen are "".
    """
    cells = [grid.anchor(r, c) for r, c in chosen]
    cells = [c for c in cells if c is not None and c.is_value]
    if not cells:
        return []
    picked = {(c.row, c.col) for c in cells}
    c0 = min(c.col for c in cells)
    c1 = max(c.col + c.colspan - 1 for c in cells)
    rows: list[list[str]] = []
    for r in sorted({c.row for c in cells}):
        line, k = [], c0
        while k <= c1:
            g = grid.at(r, k)
            if g is None:
                break
            if g.is_value and g.row == r:
                line.append(text_of(g.cell_id) if (g.row, g.col) in picked else "")
            k = g.col + g.colspan
        rows.append(line)
    return rows


def to_tsv(rows: list[list[str]]) -> str:
    """Tab-separated rows ending in a newline, as Excel puts them on the clipboard."""
    return "\n".join("\t".join(line) for line in rows) + "\n"


def to_html(rows: list[list[str]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{escape(t)}</td>" for t in line) + "</tr>"
                   for line in rows)
    return f"<table>{body}</table>"
