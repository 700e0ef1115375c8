"""The exported PDF read back with poppler: every official label and number of every table, every
paragraph of the sample report, headings, title, page numbers, signature, metadata, fonts."""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest

import test_pdf_probe as probe
from export.pdf_report import PdfError, build_pdf, chinese_date, write_pdf
from factories import full_report
from model.draft_io import load_draft
from model.errors import DraftWriteError, ReportError
from model.grid import layout_section
from model.report import Report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(glob.glob(str(ROOT / "resources" / "samples" / "*.gknb")))


@pytest.fixture(scope="module")
def pdfs():
    """Built once: a full report of each format and the shipped sample."""
    r21 = full_report("2021")
    r21.texts["closing"] = "特此报告。"
    r19 = full_report("2019")
    sample = load_draft(Path(SAMPLES[0]))
    return {name: (r, build_pdf(r)) for name, r in
            (("2021", r21), ("2019", r19), ("sample", sample))}


def table_sections(report: Report):
    secs = report.fmt.sections
    for i, sec in enumerate(secs):
        if sec.kind == "tables":
            nxt = secs[i + 1].heading if i + 1 < len(secs) else None
            yield sec, nxt


@pytest.mark.parametrize("name", ["2021", "2019", "sample"])
def test_every_official_table_label_is_printed_in_order(pdfs, name):
    report, data = pdfs[name]
    flat = probe.compact(probe.text(data))
    for sec, _ in table_sections(report):
        labels = probe.table_labels(report, sec.id)
        assert len(labels) > 5
        start = flat.index(probe.compact(sec.heading))
        assert probe.in_order(flat[start:], labels) == [], sec.id


def test_the_balance_note_and_group_labels_are_there(pdfs):
    report, data = pdfs["2021"]
    flat = probe.compact(probe.text(data))
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in flat
    assert "三、本年度办理结果" in flat  # stacked one character a line, read back in order
    assert "（六）其他处理" in flat


@pytest.mark.parametrize("name", ["2021", "2019", "sample"])
def test_every_number_is_printed_in_order_and_blanks_stay_blank(pdfs, name):
    report, data = pdfs[name]
    raw = probe.text(data)
    for sec, nxt in table_sections(report):
        expected = probe.table_numbers(report, sec.id)
        printed = probe.section_numbers(raw, sec.heading, nxt)
        assert printed == expected, sec.id


def test_computed_totals_are_printed(pdfs):
    report, data = pdfs["2021"]
    values = report.values()
    total = values["t3.r3_7_total.total"]
    assert total and str(total) in probe.section_numbers(probe.text(data), "三、收到", "四、政府")


def test_unit_choice_is_printed_with_the_number(pdfs):
    report, data = pdfs["2019"]
    cid = next(c for c, d in report.fmt.cells.items() if d.column.unit_choices)
    assert report.units[cid] == "万元"
    assert f"{report.values()[cid]}万元" in probe.compact(probe.text(data))


def test_seed_sample_every_paragraph_is_printed(pdfs):
    report, data = pdfs["sample"]
    flat = probe.compact(probe.PAGE_NUMBER.sub("", probe.text(data)))
    paragraphs = [line.strip() for key in ["preamble"] + [s.id for s in report.fmt.sections]
                  for line in report.text(key).splitlines() if line.strip()]
    assert len(paragraphs) >= 10
    assert probe.in_order(flat, [probe.compact(p) for p in paragraphs]) == []
    # The sample came from this published report; its first 总体情况 paragraph is in the PDF.
    seed = (ROOT / "tests" / "data" / "seed_2021_liuhao.txt").read_text(encoding="utf-8")
    first = next(p for p in seed.split("\n\n") if p.startswith("2021 年，我街道"))
    assert probe.compact(first.replace(" ", "")) in flat


@pytest.mark.parametrize("name", ["2021", "2019", "sample"])
def test_title_and_six_headings_in_order(pdfs, name):
    report, data = pdfs[name]
    flat = probe.compact(probe.text(data))
    headings = [s.heading for s in report.fmt.sections]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert probe.in_order(flat, [probe.compact(report.title)] + headings) == []


def test_long_title_breaks_after_the_agency(pdfs):
    report, data = pdfs["2021"]
    first_page = [ln for ln in probe.text(data, 1).splitlines()
                  if ln.strip() and not probe.PAGE_NUMBER.fullmatch(ln.strip())]
    assert first_page[0].strip() == report.agency
    assert first_page[1].strip() == f"{report.year}年政府信息公开工作年度报告"


@pytest.mark.parametrize("name", ["2021", "2019", "sample"])
def test_every_font_is_embedded(pdfs, name):
    rows = probe.fonts(pdfs[name][1])
    assert rows, "no fonts listed"
    assert all(r["emb"] == "yes" for r in rows), rows
    assert all(r["uni"] == "yes" for r in rows), rows  # text can be copied and searched
    names = " ".join(r["name"] for r in rows)
    assert "UMing" in names and "WenQuanYi" in names


def test_page_numbers_on_every_page(pdfs):
    _, data = pdfs["2021"]
    pages = int(probe.info(data)["Pages"])
    assert pages >= 3
    for n in range(1, pages + 1):
        assert f"— {n} —" in probe.text(data, n), n


def test_metadata(pdfs):
    report, data = pdfs["2021"]
    meta = probe.info(data)
    assert meta["Title"] == report.title
    assert meta["Author"] == report.agency
    assert meta["Creator"] == "年报助手"
    assert "政府信息公开工作年度报告" in meta["Subject"]
    # One level of brackets, as the format's own name has: no 「（…（…）…）」.
    assert not re.search(r"（[^）]*（", meta["Subject"]), meta["Subject"]
    assert b"/DisplayDocTitle true" in data  # viewers show the title, not the file name
    assert meta["Page size"].startswith("595.276 x 841.89")  # A4


def test_signature_block_with_date(pdfs):
    report, data = pdfs["2021"]
    assert report.date == f"{report.year + 1}-01-20"
    flat = probe.compact(probe.text(data))
    assert probe.in_order(flat, ["特此报告。", report.agency, f"{report.year + 1}年1月20日"]) == []
    assert flat.index(probe.compact(report.text("s6"))) < flat.index("特此报告。")


def test_signature_right_aligned_four_characters_in(pdfs):
    report, data = pdfs["2021"]
    date = f"{report.year + 1}年1月20日"
    word = next(w for w in probe.words(data) if w["text"] == date)
    right_edge = (28 + 156) / 25.4 * 72
    assert abs(word["xMax"] - (right_edge - 4 * 15.75)) < 3


def test_without_a_date_the_agency_still_signs():
    """No 成文日期 yet: the agency is printed at the end all the same (the checks point out the
    missing date); no date is made up."""
    r = full_report("2021")
    r.date = ""
    lines = probe.page_lines(build_pdf(r), min_size=13)[-1]
    assert lines[-1]["text"] == r.agency
    assert "年1月20日" not in "".join(ln["text"] for ln in lines)


def test_chinese_date():
    assert chinese_date("2025-01-20") == "2025年1月20日"
    assert chinese_date("2024-12-05") == "2024年12月5日"


def test_empty_new_report_exports():
    r = Report.new(2024)
    data = build_pdf(r)
    flat = probe.compact(probe.text(data))
    assert "2024年政府信息公开工作年度报告" in flat
    for sec, nxt in table_sections(r):
        assert probe.section_numbers(probe.text(data), sec.heading, nxt) == []


def test_table_header_rows_repeat_when_a_table_breaks():
    """Raw text kept from a damaged draft makes 表三 taller than a page: it breaks, with its three
    header rows repeated on each page, and every label still printed."""
    r = full_report("2021")
    for cid in list(r.cells):
        if cid.startswith("t3."):
            r.cells[cid] = "无效数值" * 6
    data = build_pdf(r)
    raw = probe.text(data)
    assert raw.count("申请人情况") >= 2
    assert raw.count("法人或其他组织") >= 2
    flat = probe.compact(raw)
    assert probe.in_order(flat, probe.table_labels(r, "s3")) == []
    grid = layout_section(r.fmt, "s3")
    assert grid.header_rows == 3


def test_write_pdf_is_atomic_and_reports_a_bad_folder(tmp_path):
    r = full_report("2021")
    out = tmp_path / "报告.pdf"
    write_pdf(r, out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))
    with pytest.raises(DraftWriteError) as exc:
        write_pdf(r, tmp_path / "没有这个文件夹" / "r.pdf")
    assert "不存在" in str(exc.value)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReportError):
        write_pdf(r, blocker / "r.pdf")


def test_pdf_error_is_a_report_error():
    assert issubclass(PdfError, ReportError)


def test_every_cell_of_a_table_is_set_in_the_table_face():
    """The official annex sets a whole table in one face: totals (「总计」 column, 「（七）总计」
    row) and headers too, not 黑体 beside 宋体."""
    from export.pdf_fonts import font_set
    from export.pdf_tables import section_table

    fonts = font_set("bundled")
    r = full_report("2021")
    for sid in ("s2", "s3", "s4"):
        grid = layout_section(r.fmt, sid)
        t = section_table(grid, r, fonts, 440, 600).table
        t.wrap(440, 10_000)
        names = set()
        for cell in grid.cells:
            value = t._cellvalues[cell.row][cell.col]
            if isinstance(value, str):
                names.add(t._cellStyles[cell.row][cell.col].fontname)
                continue
            for para in value if isinstance(value, (list, tuple)) else [value]:
                names.add(para.style.fontName)
                names |= {f.fontName for f in para.frags}
        assert names == {fonts.table.name}, sid
