"""Ruleless PDFs for the import tests: the official tables drawn as text only, no ruling lines —
as a web page with borderless CSS tables looks when printed to PDF.

The geometry comes from the format's grid (model.grid.layout_section: which label spans which
rows and columns) and the labels from resources/formats/*.json; every value cell prints the number
the test gives for its cell id.  Each cell's text is wrapped inside its box and centred in it, as a
browser would lay out a table cell with ``text-align: center; vertical-align: middle``.
"""

from __future__ import annotations

from pathlib import Path

from model.formats import load_format
from model.grid import layout_section

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
PAGE = (842.0, 595.0)  # A4 landscape
MARGIN = 40.0
SIZE = 7.0
LEADING = 9.0
PAD = 3.0


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    return "WQY"


def _wrap(text: str, width: float, font: str) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for ch in text:
        if line and stringWidth(line + ch, font, SIZE) > width:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines or [""]


def draw_grid(c, fmt_id: str, section_id: str, values: dict[str, object], top: float,
              texts: dict[tuple[int, int], str] | None = None) -> float:
    """Draw one section's table from y=top (PDF points from the page top) down; returns its
    bottom.  texts overrides what a grid position prints (a label changed, a header left out)."""
    font = _font()
    grid = layout_section(load_format(fmt_id), section_id)
    width = PAGE[0] - 2 * MARGIN
    total = sum(grid.col_weights)
    xs = [MARGIN]
    for w in grid.col_weights:
        xs.append(xs[-1] + width * w / total)
    texts = texts or {}

    def content(cell) -> str:
        if (cell.row, cell.col) in texts:
            return texts[(cell.row, cell.col)]
        if cell.is_value:
            v = values.get(cell.cell_id)
            return "" if v is None else str(v)
        return cell.text

    # Row heights: each row as tall as its tallest single-row cell's wrapped text.
    heights = [LEADING + 2 * PAD] * grid.n_rows
    wrapped = {}
    for cell in grid.cells:
        box_w = xs[cell.col + cell.colspan] - xs[cell.col] - 2 * PAD
        wrapped[id(cell)] = _wrap(content(cell), box_w, font)
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], len(wrapped[id(cell)]) * LEADING + 2 * PAD)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    c.setFont(font, SIZE)
    for cell in grid.cells:
        lines = wrapped[id(cell)]
        if lines == [""]:
            continue
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        y0, y1 = ys[cell.row], ys[cell.row + cell.rowspan]
        first = (y0 + y1) / 2 - len(lines) * LEADING / 2 + SIZE  # baseline of the first line
        for i, line in enumerate(lines):
            c.drawCentredString((x0 + x1) / 2, PAGE[1] - (first + i * LEADING), line)
    return ys[-1]


def make_ruleless_pdf(path: Path, values: dict[str, object], fmt_id: str = "2021",
                      overrides: dict[str, dict[tuple[int, int], str]] | None = None,
                      agency: str = "某某县人民政府办公室", year: int = 2024) -> None:
    """A report of one page of text and one landscape page per statistics section."""
    from reportlab.pdfgen import canvas

    font = _font()
    fmt = load_format(fmt_id)
    c = canvas.Canvas(str(path), pagesize=PAGE)
    c.setFont(font, 14)
    c.drawCentredString(PAGE[0] / 2, PAGE[1] - 60, f"{agency}{year}年政府信息公开工作年度报告")
    c.setFont(font, 10)
    c.drawString(MARGIN + 20, PAGE[1] - 100, "本报告依据《中华人民共和国政府信息公开条例》编制。")
    c.drawString(MARGIN, PAGE[1] - 120, "一、总体情况")
    c.drawString(MARGIN + 20, PAGE[1] - 140, "本年度，我单位认真落实政务公开各项要求。")
    c.showPage()
    for sec in fmt.sections:
        if sec.kind != "tables":
            continue
        c.setFont(font, 10)
        c.drawString(MARGIN, PAGE[1] - 40, sec.heading)
        draw_grid(c, fmt_id, sec.id, values, 60.0, (overrides or {}).get(sec.id))
        c.showPage()
    c.setFont(font, 10)
    c.drawString(MARGIN, PAGE[1] - 60, "五、存在的主要问题及改进情况")
    c.drawString(MARGIN + 20, PAGE[1] - 80, "公开内容还不够丰富。")
    c.drawString(MARGIN, PAGE[1] - 100, "六、其他需要报告的事项")
    c.drawString(MARGIN + 20, PAGE[1] - 120, "本年度未收取信息处理费。")
    c.showPage()
    c.save()
