"""Sizes of a section grid on screen: column widths, row heights, and the zoom that fits.

Columns share the width by the Grid's weights; rows are as tall as their most wrapped label.
Zoom scales the font and the room around the numbers.  Below 100 % the table keeps filling the
width (rows get shorter, more of them show); above it the table grows wider than the window and
scrolls sideways under the frozen label columns.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from gui import grid_style as style
from gui.grid_delegate import text_height
from gui.zoom import MIN_ZOOM, zoomed_font

def table_width(viewport_width: int, zoom: float) -> int:
    """The table fills the viewport; zoomed in, it is as much wider as the zoom says."""
    return round(viewport_width * max(1.0, zoom))


def column_widths(weights: list[float], total: int) -> list[int]:
    """Integer widths proportional to `weights` that add up exactly to `total`."""
    total = max(total, len(weights) * 24)
    s = sum(weights)
    out, acc, done = [], 0.0, 0
    for w in weights:
        acc += w
        edge = round(total * acc / s)
        out.append(edge - done)
        done = edge
    return out


def row_heights(grid, widths: list[int], fm: QFontMetrics, zoom: float = 1.0) -> list[int]:
    """Each row as tall as its most wrapped cell; spans over several rows grow their last row."""
    base = fm.height() + round(style.MIN_ROW_EXTRA * zoom)
    heights = [base] * grid.n_rows
    px, py = style.pads(zoom)
    pad_x, pad_y = 2 * px, 2 * py + 2
    tall = []
    for c in grid.cells:
        if not c.text:
            continue
        width = sum(widths[c.col:c.col + c.colspan]) - pad_x
        need = text_height(fm, c.text, width) + pad_y
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], need)
        else:
            tall.append((c, need))
    for c, need in tall:
        have = sum(heights[c.row:c.row + c.rowspan])
        if need > have:
            extra = need - have
            for k in range(c.rowspan):  # share the extra height so no single row looks odd
                heights[c.row + k] += extra // c.rowspan + (1 if k < extra % c.rowspan else 0)
    return heights


def fit_zoom(grid, base_font: QFont, viewport_width: int, height: int) -> float:
    """The largest zoom (at most 100 %) at which every row of the table fits `height` pixels.

    Zoom below 100 % keeps the full width, so only the rows' heights change; the font steps
    are searched from the top down (a few dozen text measurements per step).
    """
    zoom = 1.0
    while zoom > MIN_ZOOM + 0.001:
        font = zoomed_font(base_font, zoom)
        widths = column_widths(grid.col_weights, table_width(viewport_width, zoom))
        if sum(row_heights(grid, widths, QFontMetrics(font), zoom)) <= height:
            return zoom
        zoom = round(zoom - 0.05, 2)
    return MIN_ZOOM


def label_columns(grid) -> int:
    """Leading columns that hold only labels: frozen while the table scrolls sideways."""
    return min((c.col for c in grid.cells if c.is_value), default=0)
