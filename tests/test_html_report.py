"""The web-page export, parsed with lxml.html: a self-contained page, headings and paragraphs in
order, tables with captions, header cells and the official spans, every label and number in
order, nothing executable, hostile text literal; the clipboard fragment is the page's article.

Expectations are hand-written (tests/publish_cases.py) or read from the format data here."""

from __future__ import annotations

import re

import lxml.html
import pytest

from export.html_report import build_html, fragment_html, plain_text, write_html
from model.formats import available_formats, load_format
from publish_cases import (AGENCY, HOSTILE, HOSTILE_OUT, RUN_IN, T2_SPANS_2021, T3_HEADER,
                           T3_SPANS_2021, T4_HEADER, T4_SPANS, assert_data_rows, expected_cell_text,
                           expected_flow, header_rows_from_format, publish_report)

KIND_OF_TAG = {"h1": "title", "h2": "h1", "h3": "h2", "h4": "h3", "div": "table"}


def parse(report):
    data = build_html(report)
    return data, lxml.html.document_fromstring(data.decode("utf-8"))


def article(page):
    [art] = page.xpath("//body/article")
    return art


def flow(page) -> list[tuple[str, object]]:
    out = []
    for el in article(page):
        if el.tag == "p":
            classes = (el.get("class") or "").split()
            kind = "sign" if "signature" in classes else "closing" if "closing" in classes else "body"
        else:
            kind = KIND_OF_TAG[el.tag]
        out.append((kind, el))
    return out


def grid_of(table) -> dict[tuple[int, int], tuple[str, int, int, str]]:
    """{(row, col): (text, rowspan, colspan, tag)} with each cell placed as HTML's table model
    places it (cells skip the slots that spans from above already fill)."""
    taken: set[tuple[int, int]] = set()
    out = {}
    for r, tr in enumerate(table.xpath("./thead/tr | ./tbody/tr")):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            out[(r, c)] = (cell.text_content(), rs, cs, cell.tag)
            taken |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
            c += cs
    return out


def spans(table) -> set[tuple[int, int, int, int]]:
    return {(r, c, rs, cs) for (r, c), (_t, rs, cs, _tag) in grid_of(table).items() if rs > 1 or cs > 1}


def row_texts(table, row: int) -> list[str]:
    return [t for (r, _c), (t, *_rest) in sorted(grid_of(table).items()) if r == row]


def tables_by_id(page) -> dict:
    return dict(zip(("t2", "t3", "t4"), page.xpath("//table")))


# -- the page ------------------------------------------------------------------------------------


def test_a_self_contained_utf8_page_in_chinese():
    data, page = parse(publish_report())
    assert data.startswith(b"<!DOCTYPE html>")
    assert page.get("lang") == "zh-CN"
    assert page.xpath("//head/meta[1]/@charset") == ["utf-8"]
    assert page.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]
    assert page.findtext(".//title") == f"{AGENCY}2024年政府信息公开工作年度报告"
    [style] = page.xpath("//head/style")
    css = style.text
    assert "@media print" in css and "@media (max-width" in css


def test_nothing_executable_and_nothing_external():
    data, page = parse(publish_report())
    assert not page.xpath("//script | //img | //iframe | //object | //embed | //link | //form"
                          " | //svg | //math | //base | //video | //audio")
    assert not page.xpath("//@src | //@href | //@srcset | //@action")
    assert not [a for el in page.iter() for a in el.attrib if a.lower().startswith("on")]
    text = data.decode("utf-8")
    assert "url(" not in text and "@import" not in text and "javascript:" not in text.lower()


def test_hostile_text_is_literal():
    data, page = parse(publish_report())
    paras = [el.text_content() for el in page.xpath("//article/p")]
    assert HOSTILE_OUT in paras
    # In the source it is escaped text, never markup.
    text = data.decode("utf-8")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text
    assert "&amp;lt; &amp;amp;" in text
    assert "<b>粗</b>" not in text and not page.xpath("//article//b")
    assert "😀" in text and "𠀾" in text  # literal UTF-8, not entities
    assert "\x01" not in text and "\x0c" not in text


@pytest.mark.parametrize("format_id", available_formats())
def test_every_heading_and_paragraph_in_order(format_id):
    _data, page = parse(publish_report(format_id))
    got = flow(page)
    want = expected_flow(format_id)
    assert [k for k, _ in got] == [k for k, _ in want]
    for (kind, el), (_, text) in zip(got, want):
        if kind != "table":
            assert el.text_content() == text, kind
    run_in = next(el for k, el in got if k == "body" and el.text_content().startswith(RUN_IN))
    assert run_in[0].tag == "strong" and run_in[0].text == RUN_IN
    # Paragraphs keep their indent and the signature its place when pasted into an editor
    # that drops the stylesheet.
    assert all("text-indent:2em" in el.get("style") for k, el in got if k in ("body", "closing"))
    assert all("text-align:right" in el.get("style") for k, el in got if k == "sign")


# -- tables --------------------------------------------------------------------------------------


def test_official_spans_2021():
    _data, page = parse(publish_report("2021"))
    t = tables_by_id(page)
    assert spans(t["t2"]) == T2_SPANS_2021
    assert spans(t["t3"]) == T3_SPANS_2021
    assert spans(t["t4"]) == T4_SPANS


@pytest.mark.parametrize("format_id", available_formats())
def test_captions_header_cells_and_scopes_as_the_format_data_says(format_id):
    fmt = load_format(format_id)
    _data, page = parse(publish_report(format_id))
    t = tables_by_id(page)
    assert [tb.findtext("caption") for tb in t.values()] == [
        "表二\u3000主动公开政府信息情况", "表三\u3000收到和处理政府信息公开申请情况",
        "表四\u3000政府信息公开行政复议、行政诉讼情况"]
    for tid, hand in (("t3", T3_HEADER), ("t4", T4_HEADER)):
        head = t[tid].xpath("./thead/tr")
        assert len(head) == fmt.tables[tid].header_depth
        cells = [c for tr in head for c in tr]
        if tid == "t3":
            note, cells = cells[0], cells[1:]
            assert note.tag == "td" and note.text_content().startswith("（本列数据的勾稽关系为")
            assert (note.get("rowspan"), note.get("colspan")) == ("3", "3")
        got = [(c.text_content(), int(c.get("rowspan", 1)), int(c.get("colspan", 1))) for c in cells]
        assert got == hand
        assert got == [h for row in header_rows_from_format(fmt.tables[tid]) for h in row]
        for c in cells:
            assert c.tag == "th"
            assert c.get("scope") == ("colgroup" if int(c.get("colspan", 1)) > 1 else "col")
    # Row labels are row headers; the vertical group labels head the rows they span.
    body = t["t3"].xpath("./tbody/tr")
    first = body[0][0]
    assert (first.tag, first.get("scope"), first.text_content()) == ("th", "row", "一、本年新收政府信息公开申请数量")
    group = next(c for tr in body for c in tr if c.text_content() == "三、本年度办理结果")
    assert group.tag == "th" and group.get("scope") == "row"
    assert len(fmt.tables["t3"].leaves) == 7  # 自然人, five kinds of 法人或其他组织, 总计
    assert all(td.tag == "td" for tr in body for td in tr[-7:])
    assert all(tr[-8].tag == "th" for tr in body)


@pytest.mark.parametrize("format_id", available_formats())
def test_every_label_and_number_in_order(format_id):
    report = publish_report(format_id)
    fmt = report.fmt
    _data, page = parse(report)
    t = tables_by_id(page)
    assert_data_rows(report, {tid: t[tid] for tid in ("t3", "t4")}, row_texts)
    r = 0
    groups = t["t2"].xpath("./tbody")
    assert len(groups) == len(fmt.section_tables("s2"))  # one row group per 第二十条 block
    for tdef, group in zip(fmt.section_tables("s2"), groups):
        caption = group[0][0]
        assert (caption.text_content(), caption.get("scope")) == (tdef.caption, "rowgroup")
        assert row_texts(t["t2"], r + 1) == [tdef.stub_header] + [c.label for c in tdef.leaves]
        for i, row in enumerate(tdef.data_rows):
            assert row_texts(t["t2"], r + 2 + i) == [row.label] + [
                expected_cell_text(report, tdef.cell_id(row.id, c.id)) for c in tdef.leaves]
        r += 2 + len(tdef.data_rows)


def test_hand_read_cells_2021():
    report = publish_report("2021")
    _data, page = parse(report)
    cells = grid_of(tables_by_id(page)["t3"])
    assert cells[(3, 0)][:3] == ("一、本年新收政府信息公开申请数量", 1, 3)
    assert cells[(3, 3)][0] == str(report.cells["t3.r1_new.natural"])
    assert cells[(5, 0)][:3] == ("三、本年度办理结果", 22, 1)
    assert cells[(7, 1)][0] == "（三）不予公开" and cells[(7, 2)][0] == "1.属于国家秘密"


def test_totals_bold_numbers_centred_borders_inline():
    _data, page = parse(publish_report("2021"))
    row = tables_by_id(page)["t3"].xpath("./tbody/tr")[0]
    value, total = row[1], row[-1]
    assert "text-align:center" in value.get("style") and "font-weight:normal" in value.get("style")
    assert "font-weight:bold" in total.get("style")
    assert "border:1px solid" in value.get("style")
    assert "text-align:left" in row[0].get("style")


# -- the clipboard fragment ----------------------------------------------------------------------


def test_the_fragment_is_the_pages_article():
    report = publish_report("2021")
    _data, page = parse(report)
    frag = lxml.html.fragment_fromstring(fragment_html(report))
    assert frag.tag == "article"
    assert lxml.html.tostring(frag) == lxml.html.tostring(article(page))
    assert "<style" not in fragment_html(report) and "<script" not in fragment_html(report)


def test_plain_text_reads_like_the_page():
    report = publish_report("2021")
    text = plain_text(report)
    lines = text.splitlines()
    assert lines[0] == f"{AGENCY}2024年政府信息公开工作年度报告"
    assert HOSTILE_OUT in lines and "（二）加强组织领导。成立领导小组，明确分工。" in lines
    row = next(ln for ln in lines if ln.startswith("一、本年新收政府信息公开申请数量"))
    assert row.split("\t")[3] == str(report.cells["t3.r1_new.natural"])
    assert lines[-2:] == [AGENCY, "2025年1月20日"]
    assert HOSTILE in text


def test_write_html_writes_utf8(tmp_path):
    out = tmp_path / "年报.html"
    write_html(publish_report(), out)
    page = lxml.html.document_fromstring(out.read_bytes().decode("utf-8"))
    assert page.findtext(".//h1") == f"{AGENCY}2024年政府信息公开工作年度报告"
    assert re.match(rb"<!DOCTYPE html>", out.read_bytes())
