"""Blank and warning cells are told apart by a mark as well as by colour, with enough contrast."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor

from gui import grid_style as style
from test_gui_grid import grid  # noqa: F401  (fixture)


def luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_mark_stands_out_from_its_background():
    # WCAG 1.4.11: graphics that carry meaning need 3:1 against what is around them.
    assert contrast(style.BLANK_MARK, style.BLANK_BG) >= 3
    assert contrast(style.WARNING_MARK, style.WARNING_BG) >= 3
    assert contrast(style.ERROR_MARK, style.ERROR_BG) >= 3
    assert contrast(style.TEXT, style.WARNING_BG) >= 7 and contrast(style.TEXT, style.ERROR_BG) >= 7


def mark_pixels(image, colour: QColor, area) -> int:
    x0, y0, x1, y1 = area
    return sum(1 for x in range(x0, x1) for y in range(y0, y1)
               if QColor(image.pixel(x, y)).rgb() == colour.rgb())


def test_a_blank_cell_has_a_dotted_frame_and_a_warning_cell_a_corner(grid, qtbot):
    fee = "t2_8.admin_fees.fee_amount"
    doc, view, _ = grid("s2", cells={fee: Decimal(20000)})  # 2 亿元 of fees: the sanity warning
    model, table = view.model(), view.table_view()
    assert model.mark(fee) == "warning" and model.mark("t2_1.regulations.made") == "blank"
    image = table.viewport().grab().toImage()
    dpr = image.devicePixelRatio()

    def cell_area(cell_id):
        r = table.visualRect(model.index_of(cell_id))
        return (int(r.left() * dpr), int(r.top() * dpr), int(r.right() * dpr), int(r.bottom() * dpr))

    blank, warning = cell_area("t2_1.regulations.made"), cell_area(fee)
    assert mark_pixels(image, style.BLANK_MARK, blank) > 20  # the dotted frame
    assert mark_pixels(image, style.WARNING_MARK, blank) == 0
    x0, y0, x1, y1 = warning
    corner = (x1 - int(10 * dpr), y0, x1, y0 + int(10 * dpr))
    assert mark_pixels(image, style.WARNING_MARK, corner) > 5  # the triangle
    assert mark_pixels(image, style.BLANK_MARK, warning) == 0
