"""How the PDF flows over page breaks: no heading left alone at a page end, no half-empty page in
front of a table that could have started there, tables broken only where the Grid allows."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

import test_pdf_probe as probe
from export.pdf_fonts import font_set
from export.pdf_report import BLOCK_H, BLOCK_W, LINE, MARGIN_TOP, build_pdf
from export.pdf_tables import section_table
from factories import full_report
from model.grid import layout_section

BLOCK_BOTTOM = MARGIN_TOP + BLOCK_H  # from the top of the page, as pdftotext -bbox counts

SUBHEADED = []
for n in "一二三四":
    SUBHEADED.append(f"（{n}）第{n}项重点工作")
    for j in range(1, 4):
        SUBHEADED.append(f"{j}.关于第{j}方面的具体做法")
        SUBHEADED.append("本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，"
                         "全面推进决策、执行、管理、服务、结果公开。" * 4)


def pages_of(data: bytes) -> list[list[str]]:
    n = int(probe.info(data)["Pages"])
    out = []
    for p in range(1, n + 1):
        lines = [ln.strip() for ln in probe.text(data, p).splitlines()]
        out.append([ln for ln in lines if ln and not probe.PAGE_NUMBER.fullmatch(ln)])
    return out


def headings_of(texts: list[str]) -> set[str]:
    return {ln for t in texts for ln in t.splitlines()
            if ln.startswith(("（", "1.", "2.", "3."))} | {
        s.heading for s in full_report("2021").fmt.sections}


@pytest.fixture(scope="module")
def subheaded():
    r = full_report("2021")
    r.texts["s1"] = "\n".join(SUBHEADED)
    r.texts["s5"] = "\n".join(SUBHEADED[:8])
    return r, build_pdf(r)


def test_no_page_ends_with_a_heading(subheaded):
    r, data = subheaded
    heads = headings_of([r.texts["s1"], r.texts["s5"]])
    pages = pages_of(data)
    assert len(pages) > 4
    for i, lines in enumerate(pages[:-1], 1):
        assert lines[-1] not in heads, f"page {i} ends with the heading {lines[-1]!r}"


def test_pages_of_running_text_are_filled_to_the_bottom(subheaded):
    """A heading followed by a long paragraph stays on the page with the paragraph's first lines
    rather than moving both to the next page and leaving lines empty."""
    r, data = subheaded
    heads = headings_of([r.texts["s1"]])
    pages = pages_of(data)
    # Pages 1..3 hold only 一、总体情况's running text with its sub-headings.  A page may stop
    # short only where the next one opens with headings (they came with two lines of text).
    for p in (1, 2, 3):
        if pages[p][0] in heads:
            continue
        bottom = max(w["yMax"] for w in page_words(data, p) if w["yMax"] < BLOCK_BOTTOM + 2)
        assert bottom > BLOCK_BOTTOM - 1.5 * LINE, f"page {p} stops {BLOCK_BOTTOM - bottom:.0f} pt short"


def page_words(data: bytes, page: int) -> list[dict]:
    """pdftotext -bbox words of one page (yMax from the top of the page, in points)."""
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "r.pdf"
        f.write_bytes(data)
        out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(f), "-"],
                             capture_output=True, text=True, check=True).stdout
    return [{"yMax": float(m.group(1)), "text": m.group(2)}
            for m in re.finditer(r'yMax="([\d.]+)">([^<]*)</word>', out)]


def test_level3_heading_stays_with_its_paragraph(subheaded):
    _, data = subheaded
    body = probe.page_lines(data, min_size=13)  # body type only: table rows also start 「1.」
    for lines in body[:-1]:
        assert not lines[-1]["text"].startswith(("1.", "2.", "3."))


def test_2019_report_no_longer_leaves_half_pages_empty():
    """The 2019 表二 is a page of its own in height; it starts under its heading on page 1 and
    continues, at a 第二十条 caption, on page 2; the whole report is three pages."""
    r = full_report("2019")
    data = build_pdf(r)
    pages = pages_of(data)
    assert len(pages) == 3
    assert "二、主动公开政府信息情况" in pages[0]
    assert pages[1][0].startswith("第二十条")


def _table(r, sid):
    grid = layout_section(r.fmt, sid)
    return grid, section_table(grid, r, font_set("bundled"), BLOCK_W, BLOCK_H - 2 * LINE)


def test_table_three_breaks_in_place_when_most_of_it_fits():
    r = full_report("2021")
    grid, t = _table(r, "s3")
    total = sum(t.row_heights(BLOCK_W))
    first, rest = t.split_at(BLOCK_W, total * 0.8, force=False)
    assert first.body.start == grid.header_rows and rest.body.stop == grid.n_rows
    assert first.body.stop == rest.body.start
    # The cut never falls inside an inner group (（三）不予公开 …), only inside the outer label.
    for c in grid.cells:
        if c.rowspan > 1 and c.col > 0:
            assert not c.row < rest.body.start < c.row + c.rowspan
    # Both parts carry the header rows and the outer group label.
    for part in (first, rest):
        part.wrap(BLOCK_W, BLOCK_H)
        texts = [str(getattr(v, "text", v)) for row in part.table._cellvalues for v in row]
        flat = "".join(texts)
        assert "申请人情况" in flat
    outer = next(c for c in grid.cells if c.col == 0 and c.rowspan > 1)
    for part in (first, rest):
        if part.body.start < outer.row + outer.rowspan and part.body.stop > outer.row:
            value = part.table._cellvalues[grid.header_rows + max(outer.row, part.body.start)
                                           - part.body.start][0]
            assert value != ""  # the label is printed again, not left blank


def test_table_three_starts_in_place_once_its_header_and_two_rows_fit():
    """No half-empty page above 表三: it starts where it is as soon as its header rows and the
    first two rows (一、本年新收 and 二、上年结转) fit, and moves only when they do not."""
    r = full_report("2021")
    grid, t = _table(r, "s3")
    heights = t.row_heights(BLOCK_W)
    head = sum(heights[:grid.header_rows])
    two = head + sum(heights[grid.header_rows:grid.header_rows + 2])
    first, rest = t.split_at(BLOCK_W, two + 1, force=False)
    assert first.body == range(grid.header_rows, grid.header_rows + 2)
    assert rest.body.start == grid.header_rows + 2
    assert t.split_at(BLOCK_W, two - 2, force=False) == []
    assert t.split_at(BLOCK_W, head + heights[grid.header_rows] + 1, force=False) == []


def test_table_two_breaks_only_before_a_caption():
    r = full_report("2019")
    grid, t = _table(r, "s2")
    captions = {c.row for c in grid.cells if c.kind == "caption"}
    total = sum(t.row_heights(BLOCK_W))
    for share in (0.3, 0.55, 0.7, 0.9):
        first, rest = t.split_at(BLOCK_W, total * share, force=True)
        assert rest.body.start in captions


def test_table_three_starts_on_the_page_of_its_heading_when_room_is_left():
    """With most of a page left under 表二, 表三 starts there and continues on the next page under
    its repeated header rows; no page holds only header rows."""
    r = full_report("2021")
    r.texts["s1"] = ""
    r.texts["preamble"] = "字" * 28 * 8  # eight lines: 表二 on page 1, 表三 after it on page 2
    data = build_pdf(r)
    pages = pages_of(data)
    joined = ["".join(p) for p in pages]
    p3 = next(i for i, t in enumerate(joined) if "三、收到和处理政府信息公开申请情况" in t)
    assert "一、本年新收政府信息公开申请数量" in joined[p3]
    assert "申请人情况" in joined[p3 + 1] and "四、结转下年度继续办理" in joined[p3 + 1]
    assert "（七）总计" in joined[p3 + 1] or "（七）总计" in joined[p3]


@pytest.mark.parametrize("agency, first, second", [
    ("某某省某某市某某区某某街道办事处党工委政府信息公开工作领导小组办公室",
     "某某省某某市某某区某某街道办事处", "党工委政府信息公开工作领导小组办公室"),
    ("新疆维吾尔自治区伊犁哈萨克自治州奎屯市人民政府办公室",
     "新疆维吾尔自治区伊犁哈萨克自治州", "奎屯市人民政府办公室"),
])
def test_a_long_agency_breaks_between_words_and_the_year_keeps_its_line(agency, first, second):
    """Before: 「…领导小组办公」/「室2024年…」.  Now the agency in two lines broken after a word,
    then 「2024年政府信息公开工作年度报告」 on its own line."""
    r = full_report("2021")
    r.agency = agency
    lines = pages_of(build_pdf(r))[0][:3]
    assert lines == [first, second, "2024年政府信息公开工作年度报告"]
