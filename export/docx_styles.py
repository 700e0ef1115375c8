"""The Word document's page, styles and page numbers, after GB/T 9704-2012 (see
../shared/notes/typography.md).

Page: A4, margins 37 mm top, 28 mm left, 26 mm right, 35 mm bottom (a 156 × 225 mm text block),
22 lines × 28 characters of 3号 text.  The 22 lines come from a line grid (Word's 「文档网格：只指定
行网格」, w:docGrid type="lines", as in the official template): 225 mm / 22 = 579 twips a line.  The
28 characters come from the text itself: 28 full-width 3号 characters are 448 pt, 6 pt more than
the 156 mm (442.2 pt) line, so the body is condensed by the least whole twips that lets 28 fit —
0.25 pt a character (Word's 「字符间距：紧缩 0.25 磅」, w:spacing w:val="-5"): 28 × 15.75 pt = 441 pt,
and a 29th (456.75 pt) never fits.  A character grid (type="linesAndChars" with a negative
w:charSpace) would say the same to Word and WPS, but LibreOffice (sw's grid: a glyph wider than the
grid's cell takes two cells, and the cell is never narrower than the font) then sets 14 characters
a line; condensed text is read alike by all three (tools/check_docx_layout.py shows it).
python-docx has no API for the grid or the character spacing, so both are set through the oxml,
as the library intends for what it does not model.

Styles are named, so that a reviewer who edits the file keeps the look (Word shows the built-in
ones in Chinese: 标题, 标题 1 …): Normal is the body (仿宋_GB2312 3号, two-character first-line
indent, justified); Title 方正小标宋简体 2号 centred; Heading 1 黑体, Heading 2 楷体_GB2312,
Heading 3 仿宋_GB2312 (all 3号, indented like the body, kept with the next paragraph); 段首标题 a
character style in 楷体_GB2312 for a run-in 「（一）……。」 (段首标题（一级） in 黑体 for a run-in
「一、……。」, 段首标题（三级） in 仿宋_GB2312 for 「1.……。」 — the faces of the headings of those levels,
as in the PDF); 结尾落款 the closing text (set like the body,
named so that an importer tells it from section 六); 署名和成文日期 the right-aligned signature; 表格文字
the table text, which does not snap to the grid (else every table row would be a body line tall),
and 表格文字（小五） the same in 小五 for the many-columned 表三 and 表四.
The East-Asian font of each style is the official face; Latin letters and digits are Times New
Roman, as in most agencies' templates.  Word on the clerk's PC substitutes a face it lacks.
"""

from __future__ import annotations

import math

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from model import terms

# -- page (GB/T 9704: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm) ---------------------------
PAGE_W_TWIPS, PAGE_H_TWIPS = 11906, 16838  # A4
TOP_MM, LEFT_MM, BOTTOM_MM = 37, 28, 35  # the right margin is what the 156 mm block leaves: 26 mm
BLOCK_W_TWIPS = 8844  # 156 mm
BLOCK_H_TWIPS = 12756  # 225 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_PT = 16  # 3号
# The line grid: a line pitch that fits 22 lines in the block.
LINE_PITCH_TWIPS = BLOCK_H_TWIPS // LINES_PER_PAGE  # 579
# The body's character spacing in twips (w:spacing), the least condensing that fits 28 characters
# in the line: 28 × (320 − 5) = 8820 ≤ 8844 twips, where −4 would give 8848.
BODY_CHAR_SPACING_TWIPS = -math.ceil(BODY_PT * 20 - BLOCK_W_TWIPS / CHARS_PER_LINE)  # −5
# Page numbers: 4号 宋体, the em-dash line 7 mm below the text block (footer measured from the
# page's lower edge to the footer's lower edge: 35 − 7 mm less the 5 mm of a 14 pt line).
PAGE_NO_PT = 14
FOOTER_MM = 23
HEADER_MM = 15

TITLE_PT = 22  # 2号
TITLE_LINE_PT = 33
TABLE_PT = 10.5  # 五号
DENSE_TABLE_PT = 9  # 小五, for 表三 and 表四 whose narrow columns would break labels mid-word
NOTE_PT = 9

# -- faces -----------------------------------------------------------------------------------
TITLE_FACE = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANGSONG = "仿宋_GB2312"
SONG = "宋体"
LATIN = "Times New Roman"

# Style names (built-in ones are shown translated by a Chinese Word).
BODY = "Normal"
TITLE = "Title"
H1, H2, H3 = "Heading 1", "Heading 2", "Heading 3"
RUN_IN = "段首标题"  # a run-in 「（一）……。」
RUN_IN_1, RUN_IN_3 = "段首标题（一级）", "段首标题（三级）"  # 「一、……。」 and 「1.……。」
RUN_IN_BY_LEVEL = {1: RUN_IN_1, 2: RUN_IN, 3: RUN_IN_3}
SIGNATURE = "署名和成文日期"  # GB/T 9704's name for the agency and date at the end
CLOSING = terms.CLOSING  # the closing text after section 六, named as the window names it
TABLE_TEXT = "表格文字"
TABLE_TEXT_DENSE = "表格文字（小五）"
TABLE_STYLE = "Table Grid"
FOOTER = "Footer"

INDENT_CHARS = 2


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W_TWIPS), Twips(PAGE_H_TWIPS)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin = Mm(LEFT_MM)
    section.right_margin = Twips(PAGE_W_TWIPS - Mm(LEFT_MM).twips - BLOCK_W_TWIPS)
    section.header_distance, section.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)
    sect_pr = section._sectPr  # the section's oxml element (python-docx's documented escape hatch)
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def define_styles(doc) -> None:
    _document_defaults(doc)
    styles = doc.styles

    body = styles[BODY]
    _reset(body)
    _font(body, FANGSONG, BODY_PT)
    _char_spacing(body, BODY_CHAR_SPACING_TWIPS)
    pf = body.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    _first_line_chars(body, INDENT_CHARS)

    title = styles[TITLE]
    _reset(title)
    _font(title, TITLE_FACE, TITLE_PT)
    _char_spacing(title, 0)  # 20 characters of 2号 fit the line as they are (440 pt)
    pf = title.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(TITLE_LINE_PT)
    pf.space_before = Pt(0)
    pf.space_after = Twips(LINE_PITCH_TWIPS)  # one blank line under the title
    pf.keep_with_next = True
    _first_line_chars(title, 0)
    _no_grid(title)  # a 2号 line is not forced onto two 3号 grid lines

    for name, face, level in ((H1, HEI, 0), (H2, KAI, 1), (H3, FANGSONG, 2)):
        h = styles[name]
        _reset(h)
        _font(h, face, BODY_PT)
        _char_spacing(h, BODY_CHAR_SPACING_TWIPS)  # 28 a line, like the body
        pf = h.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.space_before = pf.space_after = Pt(0)
        pf.keep_with_next = True
        pf.keep_together = True
        _first_line_chars(h, INDENT_CHARS)
        _outline_level(h, level)

    for name, face in ((RUN_IN_1, HEI), (RUN_IN, KAI), (RUN_IN_3, FANGSONG)):
        run_in = _add(styles, name, WD_STYLE_TYPE.CHARACTER)
        _font(run_in, face, None)

    closing = _add(styles, CLOSING, WD_STYLE_TYPE.PARAGRAPH)
    closing.base_style = body  # looks like the body; named so that the closing text reads back apart

    sign = _add(styles, SIGNATURE, WD_STYLE_TYPE.PARAGRAPH)
    sign.base_style = body
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sign.paragraph_format.keep_together = True
    _first_line_chars(sign, 0)

    table = _add(styles, TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table.base_style = body
    _font(table, FANGSONG, TABLE_PT)
    _char_spacing(table, 0)  # cells wrap freely: no reason to squeeze their text
    pf = table.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.line_spacing = 1.0
    _first_line_chars(table, 0)
    _no_grid(table)
    dense = _add(styles, TABLE_TEXT_DENSE, WD_STYLE_TYPE.PARAGRAPH)
    dense.base_style = table
    dense.font.size = Pt(DENSE_TABLE_PT)

    footer = styles[FOOTER]
    _reset(footer)
    _font(footer, SONG, PAGE_NO_PT)
    _char_spacing(footer, 0)
    footer.paragraph_format.line_spacing = 1.0
    _first_line_chars(footer, 0)
    _no_grid(footer)

    grid_style = styles[TABLE_STYLE]
    grid_style.font.size = Pt(TABLE_PT)


def page_numbers(doc) -> None:
    """「— 1 —」 as a PAGE field: odd pages right, even pages left, one character in from the edge."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = FOOTER
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            _side_indent(p, "right", 1, PAGE_NO_PT)
        else:
            _side_indent(p, "left", 1, PAGE_NO_PT)
        p.add_run("— ")
        _page_field(p)
        p.add_run(" —")


def _page_field(paragraph) -> None:
    """A complex PAGE field (begin / instruction / separate / shown value / end): every Word,
    WPS and LibreOffice updates it; the shown value 1 is what a reader without fields sees."""
    def fld_char(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    paragraph.add_run()._r.append(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(fld_char("end"))


# -- helpers ---------------------------------------------------------------------------------


def _document_defaults(doc) -> None:
    """Defaults every paragraph inherits: no spacing after (the template's 10 pt would break the
    grid), no automatic CJK–Latin gaps, 3号, Chinese as the East-Asian language (line breaking,
    punctuation)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr, face in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", FANGSONG), ("w:cs", LATIN)):
        fonts.set(qn(attr), face)
    size, size_cs = OxmlElement("w:sz"), OxmlElement("w:szCs")
    size.set(qn("w:val"), str(BODY_PT * 2))
    size_cs.set(qn("w:val"), str(BODY_PT * 2))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    for el in (fonts, size, size_cs, lang):
        r_pr.append(el)
    p_pr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(p_pr):
        p_pr.remove(child)
    # No automatic gap between hanzi and Latin letters or digits (Word's 「自动调整中文与西文/数字
    #的间距」, on by default): the PDF sets 「2024年」 tight, and the gaps would cost the line its
    # 28th character.
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        off = OxmlElement(tag)
        off.set(qn("w:val"), "0")
        p_pr.append(off)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    p_pr.append(spacing)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _reset(style) -> None:
    """Drop the template's look of a built-in style (colours, borders, theme fonts, spacing)."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        found = el.find(qn(tag))
        if found is not None:
            el.remove(found)
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.bold = False


def _add(styles, name: str, kind):
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, kind)
        style.quick_style = True
        return style


def _font(style, east_asia: str, size: float | None) -> None:
    style.font.name = LATIN  # ascii and hAnsi
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), LATIN)
    if size is not None:
        style.font.size = Pt(size)


def _char_spacing(style, twips: int) -> None:
    """Character spacing (Word's 「字符间距」, w:spacing in twips; negative condenses), stated on the
    style even when 0 so that a style based on the body does not inherit the body's condensing."""
    r_pr = style.element.get_or_add_rPr()
    spacing = r_pr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        # w:rPr children in the schema's order: w:spacing comes after w:color, before w:sz.
        r_pr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
                                   "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
                                   "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                                   "w:eastAsianLayout", "w:specVanish", "w:oMath")
    spacing.set(qn("w:val"), str(twips))


def _first_line_chars(style, chars: int) -> None:
    """A first-line indent in characters (w:firstLineChars, which Word keeps right when the font
    size changes), with its 3号 equivalent in twips for readers that ignore character units."""
    style.paragraph_format.first_line_indent = Pt(BODY_PT * chars)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _side_indent(paragraph, side: str, chars: int, size_pt: float) -> None:
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn(f"w:{side}"), str(int(chars * size_pt * 20)))
    ind.set(qn(f"w:{side}Chars"), str(int(chars * 100)))


def side_indent_chars(paragraph, side: str, chars: float) -> None:
    """A left or right indent of `chars` 3号 characters on one paragraph."""
    _side_indent(paragraph, side, chars, BODY_PT)


def _no_grid(style) -> None:
    p_pr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    p_pr.append(snap)
    _order_ppr(p_pr)


def _outline_level(style, level: int) -> None:
    p_pr = style.element.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    p_pr.append(el)
    _order_ppr(p_pr)


# w:pPr children must appear in the schema's order (Word refuses a file otherwise).
_PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
              "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
              "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
              "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
              "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def _order_ppr(p_pr) -> None:
    rank = {qn(f"w:{t}"): i for i, t in enumerate(_PPR_ORDER)}
    children = sorted(p_pr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        p_pr.remove(child)
        p_pr.append(child)
