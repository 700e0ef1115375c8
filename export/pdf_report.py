"""The finished report as a typeset A4 PDF in the official-document layout (GB/T 9704 habits).

Page: A4, text block 156 × 225 mm placed 37 mm from the top and 28 mm from the left; body 3号
(16 pt, here 15.75 pt so that exactly 28 characters fill a line) on a 22-line grid; title 2号 in
balanced lines; headings 一、 in 黑体, （一） in 楷体 (黑体 with the bundled fonts); tables in 五号
from the one Grid; page numbers 「— 1 —」 in 4号, odd pages right, even pages left.

Public API (others call it): build_pdf(report, font_profile) -> bytes and
write_pdf(report, path, font_profile).  Fonts are always embedded; all user text is escaped.
"""

from __future__ import annotations

import io
from datetime import date as _date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph,
                                Spacer)
from reportlab.platypus.doctemplate import LayoutError

from export import pdf_patches, pdf_text
from export.pdf_flow import HeadingBlock
from export.pdf_fonts import FontSet, font_set
from export.pdf_tables import section_table
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
LONG_PARAGRAPH = 4000  # characters; a longer paragraph is laid out in pieces of PIECE_LINES lines
PIECE_LINES = 22


class PdfError(ReportError):
    """The report could not be laid out as a PDF."""


def build_pdf(report: Report, font_profile: str = "bundled") -> bytes:
    pdf_patches.apply()
    fonts = font_set(font_profile)
    buf = io.BytesIO()
    doc = _document(buf, report, fonts)
    try:
        doc.build(_story(report, fonts))
    except LayoutError as exc:
        raise PdfError(f"报告内容无法排入 A4 页面，未能生成 PDF（{exc}）。") from None
    return buf.getvalue()


def write_pdf(report: Report, path: Path, font_profile: str = "bundled") -> None:
    data = build_pdf(report, font_profile)
    write_atomic(Path(path), data, keep_backup=False)


# ---------------------------------------------------------------------------------------------
# Page


def _document(buf, report: Report, fonts: FontSet) -> BaseDocTemplate:
    fmt = report.fmt
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=PAGE_W - MARGIN_LEFT - BLOCK_W,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=report.title, author=report.agency, creator=APP_NAME,
        subject=f"政府信息公开工作年度报告（{fmt.name}）", lang="zh-CN",
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
    return doc


# ---------------------------------------------------------------------------------------------
# Styles


class _Styles:
    def __init__(self, fonts: FontSet):
        indent = 2 * BODY_SIZE
        self.body = ParagraphStyle("body", fontName=fonts.body.name, fontSize=BODY_SIZE,
                                   leading=LINE, firstLineIndent=indent, alignment=TA_JUSTIFY,
                                   wordWrap="CJK")
        self.cont = ParagraphStyle("body-cont", parent=self.body, firstLineIndent=0)
        self.h1 = ParagraphStyle("h1", parent=self.body, fontName=fonts.heading.name,
                                 keepWithNext=1, alignment=0)
        self.h2 = ParagraphStyle("h2", parent=self.body, fontName=fonts.kai.name, keepWithNext=1,
                                 alignment=0)
        self.h3 = ParagraphStyle("h3", parent=self.body, keepWithNext=1)
        self.title = ParagraphStyle("title", fontName=fonts.title.name, fontSize=TITLE_SIZE,
                                    leading=TITLE_LEADING, alignment=TA_CENTER, wordWrap="CJK",
                                    spaceAfter=LINE)
        self.sign = ParagraphStyle("sign", parent=self.body, firstLineIndent=0,
                                   alignment=TA_RIGHT)


# ---------------------------------------------------------------------------------------------
# Content


def _story(report: Report, fonts: FontSet) -> list:
    st = _Styles(fonts)
    fmt = report.fmt
    values = report.values()
    items: list = [_title(report, fonts, st)]
    items += _narrative(report.text("preamble"), fonts, st)
    for sec in fmt.sections:
        items.append(Paragraph(pdf_text.markup(sec.heading, fonts.heading, fonts), st.h1))
        if sec.kind == "tables":
            table = section_table(layout_section(fmt, sec.id), report, fonts, BLOCK_W,
                                  BLOCK_H - 2 * LINE, values)
            table.spaceBefore, table.spaceAfter = LINE * 0.25, LINE * 0.5
            items.append(table)
        items += _narrative(report.text(sec.id), fonts, st)
    items += _narrative(report.text("closing"), fonts, st)
    return _keep_headings(items) + _signature(report, fonts, st)


def _keep_headings(items: list) -> list:
    """Each run of headings bound to the flowable after it (see export.pdf_flow.HeadingBlock)."""
    out, pending = [], []
    for f in items:
        if isinstance(f, Paragraph) and getattr(f.style, "keepWithNext", 0):
            pending.append(f)
        elif pending:
            out.append(HeadingBlock(pending, f))
            pending = []
        else:
            out.append(f)
    return out + pending


def _title(report: Report, fonts: FontSet, st: _Styles) -> Paragraph:
    title = report.title

    def width_of(s: str) -> float:
        return stringWidth(s, fonts.title.name, TITLE_SIZE)

    agency = report.agency if title.startswith(report.agency) else ""
    lines = pdf_text.title_lines(agency, title[len(agency):], width_of, BLOCK_W,
                                 pdf_text.cannot_start())
    return Paragraph(pdf_text.markup_lines(lines, fonts.title, fonts), st.title)


def _narrative(text: str, fonts: FontSet, st: _Styles) -> list:
    out = []
    for block in pdf_text.paragraphs(text):
        if block.kind == "h2":
            out.append(Paragraph(pdf_text.markup(block.text, fonts.kai, fonts), st.h2))
        elif block.kind == "h3":
            out.append(Paragraph(pdf_text.markup(block.text, fonts.body, fonts), st.h3))
        elif len(block.text) > LONG_PARAGRAPH:
            out += _long_paragraph(block, fonts, st)
        else:
            out.append(Paragraph(_para_markup(block.lead, block.text, fonts), st.body))
    return out


def _para_markup(lead: str, text: str, fonts: FontSet) -> str:
    """A body paragraph, opening with its run-in heading 「（一）……。」 in the heading face."""
    body = pdf_text.markup(text, fonts.body, fonts)
    if not lead:
        return body
    return f'<font name="{fonts.kai.name}">{pdf_text.markup(lead, fonts.kai, fonts)}</font>{body}'


def _long_paragraph(block: pdf_text.Block, fonts: FontSet, st: _Styles) -> list:
    """A very long paragraph as consecutive pieces cut exactly at its line ends.

    reportlab re-wraps the whole remainder of a paragraph at every page break, which makes a
    100,000-character paragraph take minutes.  Wrapping it once tells where each line ends; the
    pieces (the first with the indent, the rest without) then lay out to the same lines.
    """
    lead, text = pdf_text.clean(block.lead), pdf_text.clean(block.text)
    whole = Paragraph(_para_markup(lead, text, fonts), st.body)
    whole.wrap(BLOCK_W, BLOCK_H)
    chars = lead + text
    cuts, pos = [0], 0
    try:
        for i, line in enumerate(whole.blPara.lines, 1):
            # kind 0 (one font): (extra space, [text]); kind 1 (several fonts): FragLine.words
            words = line[1] if isinstance(line, tuple) else [w.text for w in line.words]
            seen = "".join(words)
            # Lines come back stripped of edge spaces: find each line rather than count.
            pos = chars.index(seen, pos) + len(seen) if seen else pos
            if i % PIECE_LINES == 0 and pos < len(chars):
                cuts.append(pos)
    except (ValueError, AttributeError, TypeError, IndexError):
        return [whole]  # slow but right: reportlab splits the paragraph itself
    cuts.append(len(chars))
    out = []
    for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
        head = chars[a:min(b, len(lead))] if a < len(lead) else ""
        rest = chars[max(a, len(lead)):b]
        out.append(Paragraph(_para_markup(head, rest, fonts), st.body if k == 0 else st.cont))
    return out


def chinese_date(iso: str) -> str:
    """2025-01-20 → 2025年1月20日 (Arabic numerals, no leading zeros, as GB/T 9704 writes it)."""
    d = _date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def _signature(report: Report, fonts: FontSet, st: _Styles) -> list:
    """The agency over the date at the end, right-aligned, the date four characters in."""
    if not report.date:
        return []
    try:
        when = chinese_date(report.date)
    except ValueError:
        when = report.date  # kept as typed: a checker reports it, the PDF must not drop it
    right = SIGNATURE_RIGHT * BODY_SIZE
    date_w = stringWidth(when, fonts.body.name, BODY_SIZE)
    agency_w = stringWidth(report.agency, fonts.body.name, BODY_SIZE)
    # The agency is centred over the date, unless it is too long for that.
    agency_right = max(0.0, right + (date_w - agency_w) / 2)
    agency = ParagraphStyle("sign-agency", parent=st.sign, rightIndent=agency_right)
    dated = ParagraphStyle("sign-date", parent=st.sign, rightIndent=right)
    parts = [Spacer(0, LINE * 2)]
    if report.agency:
        parts.append(Paragraph(pdf_text.markup(report.agency, fonts.body, fonts), agency))
    parts.append(Paragraph(pdf_text.markup(when, fonts.body, fonts), dated))
    return [KeepTogether(parts)]
