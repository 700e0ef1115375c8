"""汇总 of published reports: the units' files are the app's own exports (XLSX, Word, web page,
PDF), read through the importer in worker processes; the sum equals the sum of the reports they
were made from."""

from __future__ import annotations


import pytest

from export.docx_report import write_docx
from export.html_report import write_html
from export.xlsx_report import write_xlsx
from factories import full_report
from model.parallel_read import read_units
from model.review_table import DUPLICATE, OK, build_review
from model.summary import sum_review
from model.unit_reading import read_unit, scan_sources
from summary_helpers import snapshot, write_unit


def exported(folder, name, agency, seed, writer, format_id="2021"):
    r = full_report(format_id, seed=seed)
    r.agency = agency
    folder.mkdir(parents=True, exist_ok=True)
    writer(r, folder / name)
    return r


def test_xlsx_exports_are_reviewed_and_summed(tmp_path):
    folder = tmp_path / "报送"
    a = exported(folder, "教育局.xlsx", "鼓楼区教育局", 1, write_xlsx)
    b = exported(folder, "财政局.xlsx", "鼓楼区财政局", 2, write_xlsx)
    c = exported(folder, "旧格式单位.xlsx", "鼓楼区民政局", 3, write_xlsx, format_id="2019")
    before = snapshot(folder)
    scan = scan_sources([folder])
    outcome = read_units(scan.files, scan.names, workers=2)  # imports run in the worker processes
    assert outcome.workers == 2
    review = build_review(outcome.reads, scan.skipped, year=2024)
    rows = {r.file: r for r in review.rows}
    assert rows["教育局.xlsx"].kind == "Excel" and rows["教育局.xlsx"].status == OK
    assert rows["教育局.xlsx"].report.cells["t3.r1_new.natural"] == a.cells["t3.r1_new.natural"]
    # The 2019 export is of 2020: another year.  Sum the two 2024 ones.
    assert rows["旧格式单位.xlsx"].report.format_id == "2019" and rows["旧格式单位.xlsx"].year == c.year
    result = sum_review(review, agency="鼓楼区")
    for cid in ("t3.r1_new.natural", "t2_1.regulations.in_force", "t4.cases.rv_upheld"):
        assert result.report.cells[cid] == a.cells[cid] + b.cells[cid]
    assert result.report.cells["t2_8.admin_fees.fee_amount"] == \
        a.cells["t2_8.admin_fees.fee_amount"] + b.cells["t2_8.admin_fees.fee_amount"]
    assert snapshot(folder) == before


def test_word_and_web_page_exports_mixed_with_a_draft(tmp_path):
    a = exported(tmp_path, "教育局.docx", "鼓楼区教育局", 1, write_docx)
    b = exported(tmp_path, "财政局.html", "鼓楼区财政局", 2, write_html)
    c = full_report("2021", seed=3)
    write_unit(tmp_path, "民政局.gknb", "鼓楼区民政局", seed=3)
    scan = scan_sources([tmp_path])
    outcome = read_units(scan.files, scan.names, workers=2)
    review = build_review(outcome.reads, scan.skipped)
    rows = {r.file: r for r in review.rows}
    assert {f: r.kind for f, r in rows.items()} == {"教育局.docx": "Word", "财政局.html": "网页", "民政局.gknb": "草稿"}
    assert all(r.status == OK for r in review.rows), [(r.file, r.problem_text()) for r in review.rows]
    result = sum_review(review, agency="鼓楼区")
    for cid in ("t3.r1_new.natural", "t3.r4_carried_out.other_org", "t2_1.normative_docs.in_force"):
        assert result.report.cells[cid] == a.cells[cid] + b.cells[cid] + c.cells[cid]


def test_a_draft_and_an_export_of_one_unit_are_duplicates(tmp_path):
    exported(tmp_path, "教育局.xlsx", "鼓楼区教育局", 1, write_xlsx)
    write_unit(tmp_path, "教育局.gknb", "鼓楼区教育局", seed=1)
    scan = scan_sources([tmp_path])
    review = build_review([read_unit(str(p), scan.names[p]) for p in scan.files], scan.skipped)
    assert [r.status for r in review.rows] == [DUPLICATE, DUPLICATE]
    assert sorted(r.kind for r in review.rows) == ["Excel", "草稿"]
    assert sum(r.chosen for r in review.rows) == 1


def test_pdf_exports_are_read_through_the_importer(tmp_path):
    from export.pdf_report import write_pdf

    a = exported(tmp_path, "教育局.pdf", "鼓楼区教育局", 1, write_pdf)
    read = read_unit(str(tmp_path / "教育局.pdf"))
    assert read.ok and read.kind == "PDF", read.error
    assert read.report.agency == "鼓楼区教育局"
    assert read.report.cells["t3.r1_new.natural"] == a.cells["t3.r1_new.natural"]
