"""The finished report as a typeset A4 PDF in the official-document layout (GB/T 9704 habits).

Page: A4, text block 156 × 225 mm placed 37 mm from the top and 28 mm from the left; body 3号
(16 pt, here 15.75 pt so that exactly 28 characters fill a line) on a 22-line grid; title 2号 in
balanced lines; headings 一、 in 黑体, （一） in 楷体 (黑体 with the bundled fonts); tables in 五号
from the one Grid; page numbers 「— 1 —」 in 4号, odd pages right, even pages left.

Public API (others call it): build_pdf(report, font_profile, progress=None) -> bytes and
write_pdf(report, path, font_profile, progress=None); `progress(fraction)` is told how far the
export is (export.progress: characters prepared, broken into lines and drawn, tables built and
drawn, the file written).  Fonts are always embedded (subsets).  Text is set by
export.pdf_paragraph (justified, split exactly at lines), never parsed as markup.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from export import reportlab_quick  # noqa: F401,I001 (before reportlab.platypus: see there)
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from export import pdf_patches, pdf_text
from export.font_lookup import FontChoice
from export.gc_hold import full_passes_held
from export.pdf_flow import GridTable, HeadingBlock, TailBlock
from export.pdf_fonts import Face, FontSet, font_set
from export.pdf_paragraph import CENTER, JUSTIFY, LEFT, RIGHT, CJKParagraph, ParaStyle
from export.pdf_tables import section_table
from export.progress import NO_METER, Meter
from model import text_structure
from model.text_structure import chinese_date, signing_date_text  # noqa: F401 (chinese_date: API)
from model.atomic_file import write_atomic
from model.errors import ReportError
from model.grid import layout_section
from model.report import Report
from model.terms import APP_NAME


PAGE_W, PAGE_H = A4
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
MARGIN_BOTTOM = PAGE_H - MARGIN_TOP - BLOCK_H

BODY_SIZE = 15.75  # 3号; 28 characters × 15.75 pt fill the 156 mm line exactly
LINE = BLOCK_H / 22  # 22 lines a page
TITLE_SIZE = 22  # 2号
TITLE_LEADING = 33
PAGE_NO_SIZE = 14  # 4号
PAGE_NO_GAP = 7 * mm  # from the text block's lower edge to the page number line
SIGNATURE_RIGHT = 4  # characters of space right of the date


class PdfError(ReportError):
    """The report could not be laid out as a PDF."""


def build_pdf(report: Report, font_profile: "str | FontChoice" = "bundled", progress=None) -> bytes:
    """The report as PDF bytes.  `font_profile`: "bundled" (the fonts shipped with the app),
    "auto" (the official faces this computer has), or the clerk's FontChoice."""
    meter = Meter(progress, _Work.estimate(report)) if progress else NO_METER
    data = _build(report, font_profile, meter)
    meter.finish()
    return data


def write_pdf(report: Report, path: Path, font_profile: "str | FontChoice" = "bundled",
              progress=None) -> None:
    meter = Meter(progress, _Work.estimate(report, written=True)) if progress else NO_METER
    data = _build(report, font_profile, meter)
    write_atomic(Path(path), data, keep_backup=False)
    meter.finish()


def _build(report: Report, font_profile, meter: Meter) -> bytes:
    with full_passes_held():  # no 0.1–0.4 s collector pause in a huge report (see gc_hold)
        return _build_held(report, font_profile, meter)


def _build_held(report: Report, font_profile, meter: Meter) -> bytes:
    pdf_patches.apply()
    fonts = font_set(font_profile)
    meter.add(_Work.FONTS)
    buf = io.BytesIO()
    doc = _document(buf, report, fonts, meter)
    try:
        doc.build(_story(report, fonts, meter))
    except LayoutError as exc:
        raise PdfError(f"报告内容无法排入 A4 页面，未能生成 PDF（{exc}）。") from None
    data = buf.getvalue()
    meter.add(_Work.SAVE + _Work.SAVE_PER_CHAR * _Work.chars_of(report))
    return data


class _Work:
    """An export's work in units of about a microsecond on the 2-core test machine, measured per
    step (a 1,000,000-character paragraph: text prepared 0.13 s, broken into lines 0.87 s,
    drawn 4.9 s, the PDF put together 0.47 s; the three tables built 30 ms and drawn 12 ms)."""

    FONTS = 20_000
    PREPARE_PER_CHAR = 0.15
    BREAK_PER_CHAR = 0.9
    DRAW_PER_CHAR = 4.9
    SAVE_PER_CHAR = 0.5
    WRITE_PER_CHAR = 0.1
    SAVE = 25_000
    TABLE_BUILD = 10_000
    TABLE_DRAW = 5_000

    @classmethod
    def estimate(cls, report: Report, written: bool = False) -> float:
        fmt = report.fmt
        chars = cls.chars_of(report)
        tables = sum(sec.kind == "tables" for sec in fmt.sections)
        per_char = cls.PREPARE_PER_CHAR + cls.BREAK_PER_CHAR + cls.DRAW_PER_CHAR + cls.SAVE_PER_CHAR
        if written:
            per_char += cls.WRITE_PER_CHAR
        return cls.FONTS + cls.SAVE + tables * (cls.TABLE_BUILD + cls.TABLE_DRAW) + chars * per_char

    @staticmethod
    def chars_of(report: Report) -> int:
        """The characters the PDF sets as paragraphs (title, texts, headings, signature)."""
        fmt = report.fmt
        keys = ["preamble"] + [sec.id for sec in fmt.sections] + ["closing"]
        return (len(report.title) + 2 * len(report.agency) + 20
                + sum(len(sec.heading) for sec in fmt.sections) + sum(len(report.text(k)) for k in keys))


# ---------------------------------------------------------------------------------------------
# Page


class _Document(BaseDocTemplate):
    """The page template; tells the meter what each drawn paragraph part or table part did."""

    meter: Meter = NO_METER

    def afterFlowable(self, flowable):
        if isinstance(flowable, CJKParagraph):
            self.meter.add(_Work.DRAW_PER_CHAR * flowable.drawn_chars())
        elif isinstance(flowable, GridTable):
            rows = max(flowable.grid.n_rows - flowable.grid.header_rows, 1)
            self.meter.add(_Work.TABLE_DRAW * len(flowable.body) / rows)


def _document(buf, report: Report, fonts: FontSet, meter: Meter = NO_METER) -> BaseDocTemplate:
    fmt = report.fmt
    doc = _Document(
        buf, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=PAGE_W - MARGIN_LEFT - BLOCK_W,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=report.title, author=report.agency, creator=APP_NAME,
        subject=f"政府信息公开工作年度报告，{fmt.name}", lang="zh-CN",
        displayDocTitle=True,  # viewers show the title, not the file name
        initialFontName=fonts.body.name,  # else an unused, unembedded Helvetica is listed
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, BLOCK_W, BLOCK_H, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def page_number(canvas, doc_):
        n = doc_.page
        text = f"— {n} —"
        canvas.saveState()
        canvas.setFont(fonts.body.name, PAGE_NO_SIZE)
        y = MARGIN_BOTTOM - PAGE_NO_GAP - PAGE_NO_SIZE * 0.8
        if n % 2:  # odd pages on the right, even pages on the left, one character in
            canvas.drawRightString(MARGIN_LEFT + BLOCK_W - PAGE_NO_SIZE, y, text)
        else:
            canvas.drawString(MARGIN_LEFT + PAGE_NO_SIZE, y, text)
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=page_number)])
    doc.meter = meter
    return doc


# ---------------------------------------------------------------------------------------------
# Styles


class _Styles:
    def __init__(self, meter: Meter = NO_METER):
        # Progress: characters made ready to set, and characters broken into lines.
        self.prepared = self.broken = None
        if meter is not NO_METER:
            self.prepared = lambda n: meter.add(_Work.PREPARE_PER_CHAR * n)
            self.broken = lambda n: meter.add(_Work.BREAK_PER_CHAR * n)
        indent = 2 * BODY_SIZE
        self.body = ParaStyle(BODY_SIZE, LINE, first_indent=indent, align=JUSTIFY)
        self.cont = replace(self.body, first_indent=0.0)
        # Headings: indented like the body (GB/T 9704), never justified, kept with what follows.
        self.heading = replace(self.body, align=LEFT, keep_with_next=True)
        self.title = ParaStyle(TITLE_SIZE, TITLE_LEADING, align=CENTER, space_after=LINE)
        self.sign = ParaStyle(BODY_SIZE, LINE, align=RIGHT, min_lines=1)


# ---------------------------------------------------------------------------------------------
# Content


def _story(report: Report, fonts: FontSet, meter: Meter = NO_METER) -> list:
    st = _Styles(meter)
    fmt = report.fmt
    values = report.values()
    items: list = [_title(report, fonts, st)]
    items += _narrative(report.text("preamble"), fonts, st)
    for sec in fmt.sections:
        items.append(_para(sec.heading, fonts.heading, fonts, st.heading, st))
        if sec.kind == "tables":
            table = section_table(layout_section(fmt, sec.id), report, fonts, BLOCK_W,
                                  BLOCK_H - 2 * LINE, values)
            table.spaceBefore, table.spaceAfter = LINE * 0.25, LINE * 0.5
            items.append(table)
            meter.add(_Work.TABLE_BUILD)
        items += _narrative(report.text(sec.id), fonts, st)
    items += _narrative(report.text("closing"), fonts, st)
    signature = _signature(report, fonts, st)
    if signature and items:
        # The signature never stands alone: it keeps the last lines of the text before it.
        items[-1] = TailBlock(items[-1], signature)
    elif signature:
        items += signature
    return _keep_headings(items)


def _keep_headings(items: list) -> list:
    """Each run of headings bound to the flowable after it (see export.pdf_flow.HeadingBlock)."""
    out, pending = [], []
    for f in items:
        if getattr(f, "keepWithNext", 0):
            pending.append(f)
        elif pending:
            out.append(HeadingBlock(pending, f))
            pending = []
        else:
            out.append(f)
    return out + pending


def _para(text: str, face: Face, fonts: FontSet, style: ParaStyle, st: _Styles) -> CJKParagraph:
    return CJKParagraph(pdf_text.font_runs(text, face, fonts, st.prepared), style, tick=st.broken)


def _title(report: Report, fonts: FontSet, st: _Styles) -> CJKParagraph:
    title = report.title

    def width_of(s: str) -> float:
        return stringWidth(pdf_text.clean(s), fonts.title.name, TITLE_SIZE)

    agency = report.agency if title.startswith(report.agency) else ""
    lines = pdf_text.title_lines(agency, title[len(agency):], width_of, BLOCK_W,
                                 pdf_text.cannot_start())
    runs: list = []
    for k, line in enumerate(lines):
        if k:
            runs.append((fonts.title.name, "\n"))
        runs += pdf_text.font_runs(line, fonts.title, fonts, st.prepared)
    return CJKParagraph(runs, st.title, tick=st.broken)


# Faces by heading level (GB/T 9704): 一、 黑体; （一） 楷体; 1. and （1） 仿宋 (the body face).
def _level_face(level: int, fonts: FontSet) -> Face:
    return {1: fonts.heading, 2: fonts.kai}.get(level, fonts.body)


def _narrative(text: str, fonts: FontSet, st: _Styles) -> list:
    out = []
    for block in text_structure.blocks(text):
        if block.is_heading:
            out.append(_para(block.text, _level_face(block.level, fonts), fonts, st.heading, st))
        else:
            runs = []
            if block.lead:
                # A run-in heading 「（一）加强组织领导。」 in its level's face, the text after it
                # in the body face, on the same line.
                runs += pdf_text.font_runs(block.lead, _level_face(block.lead_level, fonts), fonts,
                                           st.prepared)
            runs += pdf_text.font_runs(block.body if block.lead else block.text, fonts.body, fonts,
                                       st.prepared)
            out.append(CJKParagraph(runs, st.body, tick=st.broken))
    return out


def _signature(report: Report, fonts: FontSet, st: _Styles) -> list:
    """The agency over the date at the end, right-aligned, the date four characters in.

    Two blank lines stand before it (dropped at a page top).  A report without a date still
    prints the agency (the checks point out the missing 成文日期).
    """
    when = signing_date_text(report.date) if report.date else ""
    if not when and not report.agency:
        return []
    right = SIGNATURE_RIGHT * BODY_SIZE
    date_w = stringWidth(pdf_text.clean(when), fonts.body.name, BODY_SIZE) if when else 0.0
    agency_w = stringWidth(pdf_text.clean(report.agency), fonts.body.name, BODY_SIZE)
    # The agency is centred over the date, unless it is too long for that.
    agency_right = max(0.0, right + (date_w - agency_w) / 2) if when else right
    gap = 2 * LINE
    parts = []
    if report.agency:
        parts.append(_para(report.agency, fonts.body, fonts,
                           replace(st.sign, right_indent=agency_right, space_before=gap), st))
        gap = 0.0
    if when:
        parts.append(_para(when, fonts.body, fonts,
                           replace(st.sign, right_indent=right, space_before=gap), st))
    return parts
