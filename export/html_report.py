"""The report as a web page for the website's 政府信息公开年报 column, and the same HTML fragment for
pasting into the site's editor (「复制到网站编辑器」).

One self-contained UTF-8 file: lang="zh-CN", no scripts, no images, no external resources; a
small stylesheet in the head that reads on a phone (tables scroll sideways inside their own box)
and prints on A4.  The report itself is one <article>: the title as <h1>, section headings <h2>,
「（一）」 lines <h3>, 「1.」 lines <h4>, paragraphs <p> (a run-in 「（一）……。」 as <strong>; the closing text
class="closing", the signature class="signature", so that they read back apart), and
表二/表三/表四 as real tables drawn from the one Grid (model.grid.layout_section) with <caption>,
<thead>, header cells <th scope> and the official rowspan/colspan.

A site editor keeps inline styles but drops a page's stylesheet, so the few rules a pasted
report cannot do without (cell borders and alignment, paragraph indents, the signature) are
inline on the elements; the head's stylesheet adds typefaces, widths, the phone and print rules.

The tree is built with lxml (lxml.html.builder), so user text is always text: escaping is done by
the serializer, never by string concatenation.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html
from lxml.html import builder as E

from export.block_export import build_from_blocks, write_from_blocks
from export.progress import NO_METER, Meter
from export.report_content import (Heading, Paragraph, Signature, Table, Title, cell_text,
                                   grid_rows, report_blocks, text_chars)
from model.grid import CAPTION, COMPUTED, GROUP, HEADER, LABEL, NOTE, VALUE, Grid
from model.report import Report
from model.terms import APP_NAME

DOCTYPE = "<!DOCTYPE html>"

STYLESHEET = """
body{margin:0;padding:1.5em 1em;background:#fff;color:#000;
 font:16px/1.9 "仿宋_GB2312","仿宋",FangSong,STFangsong,"Noto Serif CJK SC",serif}
article{max-width:44em;margin:0 auto}
h1{font:normal 1.45em/1.5 "方正小标宋简体","华文中宋",STZhongsong,SimSun,"宋体",serif;margin:0 0 1.2em}
h2{font:normal 1em/1.9 "黑体",SimHei,"Noto Sans CJK SC",sans-serif;margin:.4em 0 0}
h3{font:normal 1em/1.9 "楷体_GB2312","楷体",KaiTi,STKaiti,serif;margin:0}
h4{font:inherit;margin:0}
p{margin:0}
p strong{font-family:"楷体_GB2312","楷体",KaiTi,STKaiti,serif}
.table{overflow-x:auto;margin:.4em 0 1em}
table{width:100%;font:14px/1.5 "宋体",SimSun,"Noto Serif CJK SC",serif}
caption{font-family:"黑体",SimHei,sans-serif;padding:0 0 .3em}
.signature{margin-top:0}
.signature.first{margin-top:3.8em}
@media (max-width:40em){
 body{font-size:15px;padding:1em .6em}
 table{font-size:13px}
}
@media print{
 @page{size:A4;margin:37mm 26mm 35mm 28mm}
 body{padding:0;font-size:16pt;line-height:28.95pt}
 h1{font-size:22pt;line-height:33pt}
 article{max-width:none}
 .table{overflow:visible}
 table{font-size:9pt;line-height:1.35}
 thead{display:table-header-group}
 tr{break-inside:avoid}
 h1,h2,h3,h4,caption{break-after:avoid}
}
"""

# Inline styles: what must survive pasting into a site editor that drops the stylesheet.
INDENT = "text-indent:2em"
_CELL = "border:1px solid #000;padding:2px 4px;vertical-align:middle;font-weight:normal;"
CELL_STYLE = {
    CAPTION: _CELL + "text-align:left;background:#dce6f2",
    HEADER: _CELL + "text-align:center;background:#f2f2f2",
    NOTE: _CELL + "text-align:left;background:#f2f2f2;font-size:.85em",
    LABEL: _CELL + "text-align:left",
    GROUP: _CELL + "text-align:center",
    VALUE: _CELL + "text-align:center",
    COMPUTED: _CELL + "text-align:center;font-weight:bold",
}
CENTRED_LABEL = _CELL + "text-align:center"
TABLE_STYLE = "border-collapse:collapse;table-layout:fixed;width:100%"
MIN_TABLE_EMS = 30
COLUMN_EMS = 2.8


def article(report: Report, blocks: list | None = None, meter: Meter = NO_METER):
    """The report as one <article> element (the page's body and the clipboard's fragment)."""
    values = report.values()
    out = E.ARTICLE(**{"class": "nianbao-report", "lang": "zh-CN"})
    for block in report_blocks(report) if blocks is None else blocks:
        meter.add(TABLE_UNITS if isinstance(block, Table) else CHAR_UNITS * text_chars(block))
        if isinstance(block, Title):
            out.append(E.H1(block.text, style="text-align:center"))
        elif isinstance(block, Heading):
            tag = {1: E.H2, 2: E.H3, 3: E.H4}[block.level]
            out.append(tag(block.text, style=INDENT))
        elif isinstance(block, Paragraph):
            p = E.P(style=INDENT, **({"class": "closing"} if block.closing else {}))
            if block.lead:
                p.append(E.STRONG(block.lead))
                p[-1].tail = block.text
            else:
                p.text = block.text
            out.append(p)
        elif isinstance(block, Table):
            out.append(E.DIV(_table(block, report, values), **{"class": "table"}))
        elif isinstance(block, Signature):
            agency_right, date_right = block.right_indents()
            lines = [(block.agency, agency_right)] if block.agency else []
            if block.date:
                lines.append((block.date, date_right))
            for i, (text, right) in enumerate(lines):
                out.append(E.P(text, style=f"text-align:right;padding-right:{right:g}em",
                               **{"class": "signature first" if i == 0 else "signature"}))
    return out


def _table(block: Table, report: Report, values: dict):
    grid: Grid = block.grid
    # On a phone a table keeps a readable width and scrolls sideways in its box: about three
    # characters a column (表四's 15 columns keep 「结果/维持」 on two lines).
    min_width = max(MIN_TABLE_EMS, COLUMN_EMS * grid.n_cols)
    table = E.TABLE(E.CAPTION(block.caption), style=f"{TABLE_STYLE};min-width:{min_width:g}em")
    # The Grid's relative widths, so the browser does not size columns by their longest label.
    total = sum(grid.col_weights)
    table.append(E.COLGROUP(*[E.COL(style=f"width:{100 * w / total:.2f}%") for w in grid.col_weights]))
    centred_labels = any(c.kind == CAPTION for c in grid.cells)  # 表二 centres 规章 etc.
    head = E.THEAD() if grid.header_rows else None
    if head is not None:
        table.append(head)
    body = None
    for r, cells in enumerate(grid_rows(grid)):
        tr = E.TR()
        if r < grid.header_rows:
            head.append(tr)
        else:
            # 表二: each 第二十条 block is a row group of its own, headed by its caption row.
            if body is None or any(c.kind == CAPTION for c in cells):
                body = E.TBODY()
                table.append(body)
            body.append(tr)
        for gc in cells:
            text = cell_text(gc, report, values)
            style = CENTRED_LABEL if gc.kind == LABEL and centred_labels else CELL_STYLE[gc.kind]
            attrs = {"style": style}
            if gc.rowspan > 1:
                attrs["rowspan"] = str(gc.rowspan)
            if gc.colspan > 1:
                attrs["colspan"] = str(gc.colspan)
            if gc.kind in (VALUE, COMPUTED, NOTE):
                tr.append(E.TD(text, **attrs))
            else:
                attrs["scope"] = _scope(gc)
                tr.append(E.TH(text, **attrs))
    return table


def _scope(gc) -> str:
    if gc.kind == CAPTION:
        return "rowgroup"  # 「第二十条第（一）项」 heads its block's rows
    if gc.kind in (LABEL, GROUP):
        return "row"
    return "colgroup" if gc.colspan > 1 else "col"


def page(report: Report, blocks: list | None = None, meter: Meter = NO_METER):
    blocks = report_blocks(report) if blocks is None else blocks
    title = next(b for b in blocks if isinstance(b, Title))
    return E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.META(name="generator", content=APP_NAME),
            E.TITLE(title.text),
            E.STYLE(STYLESHEET),
        ),
        E.BODY(article(report, blocks, meter)),
        lang="zh-CN",
    )


# Work in units of about a microsecond on the 2-core test machine: a table 1 ms, 0.04 µs a
# character into the page, 0.02 µs a character written out as HTML.
TABLE_UNITS, CHAR_UNITS, SERIALIZE_CHAR_UNITS, BASE_UNITS = 1_000, 0.04, 0.02, 3_000


def build_html(report: Report, progress=None) -> bytes:
    return build_from_blocks(report, _build, _estimate, progress)


def write_html(report: Report, path: Path, progress=None) -> None:
    """The page written atomically; `progress(fraction)` is told how far it is (export.progress)."""
    write_from_blocks(report, path, "html", _build, _estimate, progress)


def _estimate(blocks) -> float:
    chars = sum(text_chars(b) for b in blocks)
    return BASE_UNITS + sum(isinstance(b, Table) for b in blocks) * TABLE_UNITS + \
        chars * (CHAR_UNITS + SERIALIZE_CHAR_UNITS)


def _build(report: Report, blocks, meter: Meter) -> bytes:
    text = lxml_html.tostring(page(report, blocks, meter), doctype=DOCTYPE, encoding="unicode",
                              method="html")
    meter.add(BASE_UNITS)
    return text.encode("utf-8")


def fragment_html(report: Report) -> str:
    """The <article> alone, for the clipboard's text/html (a site editor's paste)."""
    return lxml_html.tostring(article(report), encoding="unicode", method="html")


def plain_text(report: Report) -> str:
    """The same content as plain text (the clipboard's text/plain): one line a paragraph, a
    table's rows as cells separated by tabs, a spanned cell written once."""
    values = report.values()
    lines: list[str] = []
    for block in report_blocks(report):
        if isinstance(block, Title):
            lines += [block.text, ""]
        elif isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append(block.lead + block.text)
        elif isinstance(block, Table):
            lines.append(block.caption)
            grid = block.grid
            for r in range(grid.n_rows):
                row = []
                for c in range(grid.n_cols):
                    cell = grid.anchor(r, c)
                    row.append(cell_text(cell, report, values) if cell else "")
                lines.append("\t".join(row).rstrip("\t"))
            lines.append("")
        elif isinstance(block, Signature):
            lines += [""] + [t for t in (block.agency, block.date) if t]
    return "\n".join(lines).rstrip("\n") + "\n"
