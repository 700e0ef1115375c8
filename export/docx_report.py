"""The report as a Word file (.docx) for the agency head's 审签, from the report core and the one
Grid: a normal, editable document a reviewer can change with tracked changes and comments.

Layout after GB/T 9704-2012 (export/docx_styles.py): A4 with the standard margins, 22 lines × 28
characters a page, the title in 方正小标宋简体 2号, headings 一、 in 黑体, （一） in 楷体_GB2312,
1. in 仿宋_GB2312, the body in 仿宋_GB2312 3号 with a two-character first-line indent, the tables
表二/表三/表四 as real Word tables with the official merged cells (export/docx_tables.py), the
signature right-aligned four characters in, and 「— 1 —」 page numbers as a PAGE field.

Public API: build_docx(report, progress=None) -> bytes and write_docx(report, path, progress=None)
(`progress(fraction)`: export.progress).  Content and its order come from export.report_content
(shared with the HTML export), so the two always agree.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.shared import Twips

from export import docx_styles as S
from export.docx_tables import add_grid_table
from export.block_export import build_from_blocks, write_from_blocks
from export.progress import Meter
from export.report_content import Heading, Paragraph, Signature, Table, Title, ems, text_chars
from model.report import Report
from model.terms import APP_NAME

THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
# A 2号 line of the 156 mm text block holds 20 full-width characters (442 pt / 22 pt).
TITLE_LINE_EMS = S.BLOCK_W_TWIPS / 20 / S.TITLE_PT
SPACE_AFTER_TABLE = Twips(S.LINE_PITCH_TWIPS // 2)


# Work in units of about a microsecond on the 2-core test machine: a table 50 ms (most of a
# normal report's 0.2 s), 0.34 µs a character of text, the save 20 ms and 0.03 µs a character.
TABLE_UNITS, CHAR_UNITS, SAVE_UNITS, SAVE_CHAR_UNITS = 50_000, 0.34, 20_000, 0.03
RUN_CHARS = 1 << 14


def build_docx(report: Report, progress=None) -> bytes:
    return build_from_blocks(report, _build, _estimate, progress)


def write_docx(report: Report, path: Path, progress=None) -> None:
    """Write the .docx atomically: a failed export never leaves half a file behind."""
    write_from_blocks(report, path, "docx", _build, _estimate, progress)


def _estimate(blocks) -> float:
    chars = sum(text_chars(b) for b in blocks)
    return (sum(isinstance(b, Table) for b in blocks) * TABLE_UNITS + SAVE_UNITS
            + chars * (CHAR_UNITS + SAVE_CHAR_UNITS))


def _build(report: Report, blocks, meter: Meter) -> bytes:
    doc = _new_document(report)
    values = report.values()
    ids = _StyleIds(doc)
    after_table = False
    for block in blocks:
        if isinstance(block, Title):
            _title(doc, block)
        elif isinstance(block, Heading):
            p = ids.paragraph(doc, {1: S.H1, 2: S.H2, 3: S.H3}[block.level])
            p.add_run(block.text)
            if after_table:
                p.paragraph_format.space_before = SPACE_AFTER_TABLE
        elif isinstance(block, Paragraph):
            p = ids.paragraph(doc, S.CLOSING if block.closing else S.BODY)
            if block.lead:
                p.add_run(block.lead)._r.style = ids[S.RUN_IN_BY_LEVEL.get(block.lead_level, S.RUN_IN)]
            # A huge paragraph goes in as several runs of one format (the same text to Word and
            # to any reader), so that its progress shows and 取消 lands between them.
            for k in range(0, max(len(block.text), 1), RUN_CHARS):
                p.add_run(block.text[k:k + RUN_CHARS])
                meter.add(CHAR_UNITS * len(block.text[k:k + RUN_CHARS]))
            meter.add(CHAR_UNITS * len(block.lead))
            if after_table:
                p.paragraph_format.space_before = SPACE_AFTER_TABLE
        elif isinstance(block, Table):
            add_grid_table(doc, block.grid, report, values, block.caption)
        elif isinstance(block, Signature):
            _signature(doc, block)
        after_table = isinstance(block, Table)
        if not isinstance(block, Paragraph):
            meter.add(TABLE_UNITS if after_table else CHAR_UNITS * text_chars(block))
    buf = io.BytesIO()
    doc.save(buf)
    meter.add(SAVE_UNITS)
    return buf.getvalue()


class _StyleIds(dict):
    """Style ids looked up once.  python-docx's by-name style setters search every style for
    every paragraph; a report of a few hundred paragraphs would spend most of its time there,
    so paragraphs get their style through their oxml (w:pStyle / w:rStyle)."""

    def __init__(self, doc):
        super().__init__((name, doc.styles[name].style_id)
                         for name in (S.BODY, S.H1, S.H2, S.H3, *S.RUN_IN_BY_LEVEL.values(),
                                      S.CLOSING, S.SIGNATURE))

    def paragraph(self, doc, style: str):
        p = doc.add_paragraph()
        if style != S.BODY:  # Normal is every paragraph's default: no w:pStyle needed
            p._p.style = self[style]
        return p


def _new_document(report: Report):
    doc = Document()
    # The default template carries a preview picture of an empty page: a wrong thumbnail.
    for r_id, rel in list(doc.part.package.rels.items()):
        if rel.reltype == THUMBNAIL:
            doc.part.package.rels.pop(r_id)
    body = doc.element.body
    for child in list(body):  # the template's empty paragraph (the section properties stay)
        if child.tag.endswith("}p"):
            body.remove(child)
    S.page_setup(doc)
    S.define_styles(doc)
    S.page_numbers(doc)
    props = doc.core_properties
    props.title = report.title
    props.author = report.agency or APP_NAME
    props.last_modified_by = APP_NAME
    props.subject = report.fmt.format_title
    props.keywords = "政府信息公开工作年度报告"
    props.comments = f"由{APP_NAME}生成（{report.fmt.name}）"
    props.language = "zh-CN"
    props.category = ""
    props.revision = 1
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    return doc


def title_lines(title: Title) -> list[str]:
    """One line when the title fits; else the agency over 「<年份>年政府信息公开工作年度报告」
    (GB/T 9704's habit; a very long agency is wrapped by Word itself)."""
    if not title.agency or not title.rest or ems(title.text) <= TITLE_LINE_EMS:
        return [title.text]
    return [title.agency, title.rest]


def _title(doc, title: Title) -> None:
    p = doc.add_paragraph(style=S.TITLE)
    lines = title_lines(title)
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break()  # a line break inside the one title paragraph (Shift+Enter in Word)


def _signature(doc, sig: Signature) -> None:
    """The agency over the date, right-aligned: the date four characters in from the right, the
    agency centred over it unless it is too long for that."""
    agency_right, right = sig.right_indents()
    if sig.agency:
        p = doc.add_paragraph(sig.agency, style=S.SIGNATURE)
        p.paragraph_format.space_before = Twips(2 * S.LINE_PITCH_TWIPS)
        p.paragraph_format.keep_with_next = True
        S.side_indent_chars(p, "right", agency_right)
    if not sig.date:  # no 成文日期 yet: the agency signs alone (the checks point the date out)
        return
    p = doc.add_paragraph(sig.date, style=S.SIGNATURE)
    if not sig.agency:
        p.paragraph_format.space_before = Twips(2 * S.LINE_PITCH_TWIPS)
    S.side_indent_chars(p, "right", right)
