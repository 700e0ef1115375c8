"""The Word export, reopened with python-docx: page setup, named styles and their faces, every
paragraph in order, every table value and merged range, header rows, page numbers, hostile text.

Expectations are hand-written (tests/publish_cases.py) or read from the format data here."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table

from export.docx_report import build_docx, write_docx
from model.formats import available_formats, load_format
from model.grid import layout_section
from publish_cases import (AGENCY, HOSTILE_OUT, RUN_IN, T2_SPANS_2021, T3_HEADER, T3_SPANS_2021,
                           T4_HEADER, T4_SPANS, assert_data_rows, expected_cell_text, expected_flow,
                           header_rows_from_format, publish_report)

KIND_OF_STYLE = {"Title": "title", "Normal": "body", "Heading 1": "h1", "Heading 2": "h2",
                 "Heading 3": "h3", "结尾落款": "closing", "署名和成文日期": "sign"}
TWIPS_PER_MM = 1440 / 25.4


def reopen(report):
    return docx.Document(io.BytesIO(build_docx(report)))


def flow(doc) -> list[tuple[str, object]]:
    out = []
    for item in doc.iter_inner_content():
        if isinstance(item, Table):
            out.append(("table", item))
        else:
            out.append((KIND_OF_STYLE.get(item.style.name, item.style.name), item))
    return out


def anchors(table: Table) -> dict[tuple[int, int], tuple[str, int, int]]:
    """{(row, col): (text, rowspan, colspan)} of every cell as Word stores it: gridSpan across,
    vMerge restart/continue down."""
    cells: dict[tuple[int, int], list] = {}
    open_down: dict[int, tuple[int, int]] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                cells[open_down[c]][1] += 1
            else:
                text = "\n".join("".join(t.text for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                cells[(r, c)] = [text, 1, tc.grid_span, tc]
                if tc.vMerge == "restart":
                    open_down[c] = (r, c)
            c += tc.grid_span
        assert c == len(table._tbl.tblGrid.gridCol_lst), f"row {r} does not fill the grid"
    return {k: (v[0], v[1], v[2]) for k, v in cells.items()}


def tcs(table: Table) -> dict[tuple[int, int], object]:
    out = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            out[(r, c)] = tc
            c += tc.grid_span
    return out


def spans(table: Table) -> set[tuple[int, int, int, int]]:
    return {(r, c, rs, cs) for (r, c), (_t, rs, cs) in anchors(table).items() if rs > 1 or cs > 1}


def row_texts(table: Table, row: int) -> list[str]:
    return [t for (r, _c), (t, _rs, _cs) in sorted(anchors(table).items()) if r == row]


def tables_by_id(doc) -> dict[str, Table]:
    return dict(zip(("t2", "t3", "t4"), doc.tables))


# -- page and styles -----------------------------------------------------------------------------


def test_page_setup_is_gb9704_a4_with_a_22_by_28_grid():
    doc = reopen(publish_report())
    [sec] = doc.sections
    assert (sec.page_width.twips, sec.page_height.twips) == (11906, 16838)  # A4
    assert sec.top_margin.twips / TWIPS_PER_MM == pytest.approx(37, abs=0.2)
    assert sec.left_margin.twips / TWIPS_PER_MM == pytest.approx(28, abs=0.2)
    block_w = sec.page_width.twips - sec.left_margin.twips - sec.right_margin.twips
    block_h = sec.page_height.twips - sec.top_margin.twips - sec.bottom_margin.twips
    assert block_w / TWIPS_PER_MM == pytest.approx(156, abs=0.2)
    assert block_h / TWIPS_PER_MM == pytest.approx(225, abs=0.2)
    assert block_w == 8844
    # A line grid only (「只指定行网格」): a character grid squeezes 3号 text to 14 characters a
    # line in LibreOffice, which never makes a grid cell narrower than the font.
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:charSpace")) in (None, "0")
    # 225 mm / 22 lines = 579.8 twips: 579 keeps all 22 on the page, and a 23rd never fits.
    assert grid.get(qn("w:linePitch")) == "579"
    assert 22 * 579 <= block_h < 23 * 579


def char_spacing(doc, style: str) -> int | None:
    r_pr = doc.styles[style].element.rPr
    el = None if r_pr is None else r_pr.find(qn("w:spacing"))
    return None if el is None else int(el.get(qn("w:val")))


def test_28_body_characters_fill_the_line_in_every_editor():
    """28 characters come from the text: 3号 (320 twips) condensed by 5 twips (0.25 pt), the
    least whole-twip condensing that fits 28 in the 8844-twip line; nothing in it depends on an
    editor's reading of a character grid."""
    doc = reopen(publish_report())
    assert doc.styles["Normal"].font.size.pt == 16
    assert char_spacing(doc, "Normal") == -5
    pitch = 320 - 5
    assert 28 * pitch == 8820 <= 8844 < 29 * pitch
    assert 28 * (320 - 4) > 8844  # 4 twips of condensing would leave 27 a line
    # The first line: two 3号 characters of indent (640 twips), then 26 characters.
    assert 640 + 26 * pitch <= 8844 < 640 + 27 * pitch
    # Headings are 3号 lines of the same grid; the run-in heading and the closing and signature
    # paragraphs take the body's spacing by inheritance.
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert doc.styles[name].font.size.pt == 16 and char_spacing(doc, name) == -5, name
    for name in ("结尾落款", "署名和成文日期"):
        assert doc.styles[name].base_style.name == "Normal" and char_spacing(doc, name) is None
    assert char_spacing(doc, "段首标题") is None
    # Styles based on the body that must not be condensed say so: the 2号 title (20 characters of
    # 440 pt fit the 442.2 pt line as they are), the table text and the page numbers.
    assert 20 * 22 * 20 <= 8844
    for name in ("Title", "表格文字", "Footer"):
        assert char_spacing(doc, name) == 0, name
    # No automatic gap between hanzi and digits (Word's default), as in the PDF.
    p_pr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        assert p_pr.find(qn(tag)).get(qn("w:val")) == "0"


@pytest.mark.parametrize("style, east_asia, size", [
    ("Normal", "仿宋_GB2312", 16), ("Title", "方正小标宋简体", 22), ("Heading 1", "黑体", 16),
    ("Heading 2", "楷体_GB2312", 16), ("Heading 3", "仿宋_GB2312", 16), ("署名和成文日期", None, None),
    ("结尾落款", None, None),
    ("段首标题", "楷体_GB2312", None), ("表格文字", "仿宋_GB2312", 10.5), ("Footer", "宋体", 14),
])
def test_named_styles_carry_the_official_faces(style, east_asia, size):
    doc = reopen(publish_report())
    s = doc.styles[style]
    fonts = s.element.rPr.rFonts if s.element.rPr is not None else None
    if east_asia:
        assert fonts.get(qn("w:eastAsia")) == east_asia
        # No theme font that would override the named face.
        assert not [a for a in fonts.attrib if "heme" in a]
    if size:
        assert s.font.size.pt == size
    assert s.font.color.rgb in (None, docx.shared.RGBColor(0, 0, 0))
    assert not s.font.bold


def test_body_and_headings_indent_two_characters_and_headings_outline():
    doc = reopen(publish_report())
    for name, level in (("Normal", None), ("Heading 1", "0"), ("Heading 2", "1"), ("Heading 3", "2")):
        p_pr = doc.styles[name].element.pPr
        assert p_pr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200", name
        assert doc.styles[name].paragraph_format.first_line_indent.pt == 32
        if level is not None:
            assert p_pr.find(qn("w:outlineLvl")).get(qn("w:val")) == level
            assert doc.styles[name].paragraph_format.keep_with_next
    for name in ("Title", "署名和成文日期", "表格文字"):
        assert doc.styles[name].element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "0"
    assert doc.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.styles["署名和成文日期"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


# -- content -------------------------------------------------------------------------------------


@pytest.mark.parametrize("format_id", available_formats())
def test_every_paragraph_and_table_in_order(format_id):
    doc = reopen(publish_report(format_id))
    got = flow(doc)
    want = expected_flow(format_id)
    assert [k for k, _ in got] == [k for k, _ in want]
    for (kind, item), (_, text) in zip(got, want):
        if kind != "table":
            assert item.text.replace("\n", "") == text, kind
    title = got[0][1]
    year = 2024 if format_id == "2021" else 2020
    assert title.text == f"{AGENCY}\n{year}年政府信息公开工作年度报告"  # the agency over the rest
    run_in = next(p for k, p in got if k == "body" and p.text.startswith(RUN_IN))
    assert run_in.runs[0].text == RUN_IN and run_in.runs[0].style.name == "段首标题"


def test_a_run_in_heading_takes_the_face_of_its_level():
    """As the PDF sets them (GB/T 9704's faces by level): 「一、」 黑体, 「（一）」 楷体, 「1.」 and
    「（1）」 仿宋 — each a named character style the reviewer can restyle at once."""
    r = publish_report()
    r.texts["s6"] = ("一、总体要求。全年未收费。\n（二）加强领导。成立小组。\n"
                     "1.修订办法。明确责任。\n（1）细化分工。落实到人。")
    doc = reopen(r)
    runs = {p.runs[0].text: p.runs[0] for p in doc.paragraphs if len(p.runs) == 2}
    assert {lead: (run.style.name, run.style.element.rPr.rFonts.get(qn("w:eastAsia")))
            for lead, run in runs.items() if lead in ("一、总体要求。", "（二）加强领导。", "1.修订办法。",
                                                      "（1）细化分工。")} == {
        "一、总体要求。": ("段首标题（一级）", "黑体"),
        "（二）加强领导。": ("段首标题", "楷体_GB2312"),
        "1.修订办法。": ("段首标题（三级）", "仿宋_GB2312"),
        "（1）细化分工。": ("段首标题（三级）", "仿宋_GB2312"),
    }
    assert runs["一、总体要求。"]._r.getparent().xpath("string(.)") == "一、总体要求。全年未收费。"


def test_a_short_title_stays_on_one_line():
    r = publish_report()
    r.agency = "某某局"
    doc = reopen(r)
    assert doc.paragraphs[0].text == "某某局2024年政府信息公开工作年度报告"


def test_hostile_text_is_literal_and_controls_are_dropped():
    doc = reopen(publish_report())
    texts = [p.text for p in doc.paragraphs]
    assert HOSTILE_OUT in texts
    assert "<script>alert('x')</script>" in HOSTILE_OUT and "𠀾" in HOSTILE_OUT


def test_signature_right_aligned_date_four_characters_in():
    doc = reopen(publish_report())
    agency, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (agency.text, date.text) == (AGENCY, "2025年1月20日")
    assert date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "400"
    # Centred over the date: 「2025年1月20日」 is 6.5 characters wide (seven digits are 3.5), the
    # agency 13, so the agency ends 4 + (6.5 − 13) / 2 = 0.75 characters from the right edge.
    assert agency._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "75"
    assert agency.paragraph_format.space_before.twips == 2 * 579


def test_without_a_date_the_agency_signs_alone():
    """As the PDF does: the agency still signs, no empty date line (the checks ask for the date)."""
    r = publish_report()
    r.date = ""
    doc = reopen(r)
    assert [p.text for p in doc.paragraphs[-2:]] == ["特此报告。", r.agency]
    assert doc.paragraphs[-1].style.name == "署名和成文日期"
    assert doc.paragraphs[-1]._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "400"


# -- tables --------------------------------------------------------------------------------------


def test_official_merged_cells_2021():
    doc = reopen(publish_report("2021"))
    t = tables_by_id(doc)
    assert spans(t["t2"]) == T2_SPANS_2021
    assert spans(t["t3"]) == T3_SPANS_2021
    assert spans(t["t4"]) == T4_SPANS


@pytest.mark.parametrize("format_id", available_formats())
def test_every_span_of_the_one_grid_is_a_word_merge(format_id):
    fmt = load_format(format_id)
    doc = reopen(publish_report(format_id))
    for sec_id, table in zip(("s2", "s3", "s4"), doc.tables):
        grid = layout_section(fmt, sec_id)
        assert spans(table) == {(c.row, c.col, c.rowspan, c.colspan) for c in grid.spans()}
        assert len(table.rows) == grid.n_rows


@pytest.mark.parametrize("format_id", available_formats())
def test_headers_as_the_format_data_says(format_id):
    fmt = load_format(format_id)
    doc = reopen(publish_report(format_id))
    t = tables_by_id(doc)
    cells = anchors(t["t4"])
    header = [(text, rs, cs) for (r, _c), (text, rs, cs) in sorted(cells.items()) if r < 3]
    assert header == T4_HEADER
    assert header == [h for row in header_rows_from_format(fmt.tables["t4"]) for h in row]
    cells = anchors(t["t3"])
    note, *rest = [(text, rs, cs) for (r, _c), (text, rs, cs) in sorted(cells.items()) if r < 3]
    assert note[0].startswith("（本列数据的勾稽关系为") and note[1:] == (3, 3)
    assert rest == T3_HEADER


@pytest.mark.parametrize("format_id", available_formats())
def test_every_value_and_label_in_its_row(format_id):
    report = publish_report(format_id)
    fmt = report.fmt
    doc = reopen(report)
    t = tables_by_id(doc)
    assert_data_rows(report, {tid: t[tid] for tid in ("t3", "t4")}, row_texts)
    # 表二: each block a caption row, a header row, then its rows.
    r = 0
    for tdef in fmt.section_tables("s2"):
        assert row_texts(t["t2"], r) == [tdef.caption]
        assert row_texts(t["t2"], r + 1) == [tdef.stub_header] + [c.label for c in tdef.leaves]
        for i, row in enumerate(tdef.data_rows):
            assert row_texts(t["t2"], r + 2 + i) == [row.label] + [
                expected_cell_text(report, tdef.cell_id(row.id, c.id)) for c in tdef.leaves]
        r += 2 + len(tdef.data_rows)
    assert r == len(t["t2"].rows)


def test_hand_read_cells_2021():
    report = publish_report("2021")
    t = tables_by_id(reopen(report))
    cells = anchors(t["t3"])
    # 表三 row 「一、本年新收…」 is the first below the three header rows; 自然人 the 4th column.
    assert cells[(3, 0)][0] == "一、本年新收政府信息公开申请数量"
    assert cells[(3, 3)][0] == str(report.cells["t3.r1_new.natural"])
    assert cells[(5, 0)][0] == "三、本年度办理结果"
    assert cells[(7, 1)][0] == "（三）不予公开" and cells[(7, 2)][0] == "1.属于国家秘密"
    cells = anchors(t["t2"])
    assert cells[(2, 0)][0] == "规章" and cells[(2, 1)][0] == str(report.cells["t2_1.regulations.made"])


def test_units_chosen_in_2019_are_shown():
    report = publish_report("2019")
    fmt = report.fmt
    [cid] = [c for c in fmt.cells if fmt.cells[c].column.unit_choices]
    assert report.units[cid] == "万元"
    doc = reopen(report)
    texts = [t for (_rc), (t, _a, _b) in anchors(doc.tables[0]).items()]
    assert f"{report.cells[cid]}万元" in texts


def test_a_unit_the_cell_does_not_allow_is_never_printed():
    """A damaged draft may carry anything in `units`; only 元 or 万元 reaches the Word file and the
    web page (Report.unit_of), as the PDF always did.  Before: Word and HTML printed it."""
    from export.html_report import build_html

    report = publish_report("2019")
    fmt = report.fmt
    [cid] = [c for c in fmt.cells if fmt.cells[c].column.unit_choices]
    report.units[cid] = "<b>亿美元</b>"
    texts = [t for (_rc), (t, _a, _b) in anchors(reopen(report).tables[0]).items()]
    assert str(report.cells[cid]) in texts and not any("美元" in t for t in texts)
    assert "美元" not in build_html(report).decode("utf-8")


def test_tables_fit_the_page_repeat_headers_and_centre_numbers():
    report = publish_report("2021")
    fmt = report.fmt
    doc = reopen(report)
    t = tables_by_id(doc)
    for tid, table in t.items():
        widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.gridCol_lst]
        assert sum(widths) == 8844  # 156 mm, the text block
        assert table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == "8844"
        header_rows = {"t2": 0, "t3": 3, "t4": 3}[tid]
        for r, tr in enumerate(table._tbl.tr_lst):
            assert tr.trPr.find(qn("w:cantSplit")) is not None
            assert (tr.trPr.find(qn("w:tblHeader")) is not None) == (r < header_rows)
    # 表三's three label columns keep the format's proportions.
    widths = [int(g.get(qn("w:w"))) for g in t["t3"]._tbl.tblGrid.gridCol_lst]
    label_w = fmt.label_widths["t3"]
    assert widths[0] / widths[2] == pytest.approx(label_w[0] / label_w[2], rel=0.01)
    assert widths[3] == pytest.approx(widths[9], abs=10)  # whole twips; the rest goes to the last
    # Numbers centred, totals bold, labels left; 小五 in the many-columned 表三.
    value, total, label = (t["t3"].cell(3, c).paragraphs[0] for c in (3, 9, 0))  # 总计 is computed
    assert alignment(value) == alignment(total) == WD_ALIGN_PARAGRAPH.CENTER
    assert alignment(label) == WD_ALIGN_PARAGRAPH.LEFT
    assert total.runs[0].bold and not value.runs[0].bold
    assert value.style.name == "表格文字（小五）" and value.style.font.size.pt == 9
    assert t["t2"].cell(2, 1).paragraphs[0].style.name == "表格文字"
    assert t["t2"].cell(2, 1).paragraphs[0].style.font.size.pt == 10.5
    assert alignment(t["t2"].cell(2, 0).paragraphs[0]) == WD_ALIGN_PARAGRAPH.CENTER  # 规章, as the annex


def kept_rows(table: Table) -> set[int]:
    """Rows whose every paragraph is kept with the next (Word keeps such a row on the page of the
    row after it)."""
    out = set()
    for r, tr in enumerate(table._tbl.tr_lst):
        paras = list(tr.iter(qn("w:p")))
        if all(p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in paras):
            out.add(r)
    return out


def test_tables_break_only_where_the_pdf_breaks_them():
    t = tables_by_id(reopen(publish_report("2021")))
    # 表二 (14 rows): only before its 第二十条 captions at rows 4, 7 and 11.
    assert kept_rows(t["t2"]) == set(range(14)) - {3, 6, 10, 13}
    # 表三 (28 rows): the three header rows with the first body row; inside （三） rows 7–14,
    # （四） 15–17, （五） 18–22, （六） 23–25; the last two rows together.  The 22-row
    # 「三、本年度办理结果」 in the first column may be cut, but not within its own lines: the
    # column is 0.9 of 12.95 weights (labels 0.9 + 1.15 + 3.9, seven numbers 1 each) of 8844
    # twips = 614, less 2 × 57 of margins = 500 twips: two 小五 characters (180 twips) a line,
    # so its 9 characters take 5 lines, and rows 5–9 stay together.
    assert len(t["t3"].rows) == 28
    assert int(t["t3"]._tbl.tblGrid.gridCol_lst[0].get(qn("w:w"))) == 614
    assert kept_rows(t["t3"]) == ({0, 1, 2, 3} | set(range(5, 9)) | set(range(7, 14)) | {15, 16}
                                  | set(range(18, 22)) | {23, 24} | {26})
    label = tcs(t["t3"])[(5, 0)]
    assert label.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "top"  # shown once, from the top
    assert tcs(t["t3"])[(7, 1)].tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "center"  # （三）
    # 表四: three header rows and one row of numbers, never apart.
    assert kept_rows(t["t4"]) == {0, 1, 2}


def test_a_long_number_widens_its_column_instead_of_breaking():
    """A seven-digit count in 表三's 自然人 column (小五, 9 pt): 7 digits at 0.55 em (180 twips)
    = 693 twips, plus 2 × 57 of cell margins and 20 to spare = 827 twips, where the column's
    share of the page is 682 (as the PDF, the labels give up the difference)."""
    report = publish_report("2021")
    report.cells["t3.r1_new.natural"] = 1234567
    t3 = tables_by_id(reopen(report))["t3"]
    widths = [int(g.get(qn("w:w"))) for g in t3._tbl.tblGrid.gridCol_lst]
    assert sum(widths) == 8844
    assert widths[3] >= 827
    assert anchors(t3)[(3, 3)][0] == "1234567"
    # An ordinary report keeps the format's proportions (the test above: 614, 785, 2663, 682 …).
    plain = tables_by_id(reopen(publish_report("2021")))["t3"]
    assert [int(g.get(qn("w:w"))) for g in plain._tbl.tblGrid.gridCol_lst][3] == 682


def alignment(paragraph):
    """The alignment in effect: the paragraph's own, else its style's (or a base style's)."""
    if paragraph.alignment is not None:
        return paragraph.alignment
    style = paragraph.style
    while style is not None and style.paragraph_format.alignment is None:
        style = style.base_style
    return style.paragraph_format.alignment if style is not None else None


def test_page_numbers_are_page_fields_odd_right_even_left():
    doc = reopen(publish_report())
    assert doc.settings.odd_and_even_pages_header_footer
    sec = doc.sections[0]
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        [p] = footer.paragraphs
        assert p.text == "— 1 —" and p.alignment == align
        kinds = [el.get(qn("w:fldCharType")) for el in p._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [el.text for el in p._p.iter(qn("w:instrText"))] == [" PAGE "]


def test_a_normal_editable_document():
    data = build_docx(publish_report())
    doc = docx.Document(io.BytesIO(data))
    settings = doc.settings.element
    assert settings.find(qn("w:documentProtection")) is None
    assert settings.find(qn("w:writeProtection")) is None
    assert doc.core_properties.title == f"{AGENCY}2024年政府信息公开工作年度报告"
    assert doc.core_properties.author == AGENCY
    # No stray preview picture from python-docx's template.
    assert b"thumbnail" not in data


def test_write_docx_writes_what_build_docx_builds(tmp_path):
    out = tmp_path / "送审稿.docx"
    write_docx(publish_report(), out)
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text.startswith(AGENCY)
    assert not list(tmp_path.glob(".*.tmp"))
