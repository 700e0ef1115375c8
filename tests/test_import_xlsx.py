"""Workbooks: this app's own XLSX export comes back as the report it was made from; a workbook with
the three tables in the official layout (report A's numbers, typed as Excel users type them)."""

from __future__ import annotations

import pytest

from export import xlsx_info_sheet
from export.xlsx_report import write_xlsx
from model.importing import import_report
from model.importing import read_xlsx
from tests import import_sources as S
from tests.factories import full_report
from tests.test_import_html import assert_cells


def test_reader_knows_the_exports_labels():
    """The importer recognises the info sheet by the labels export/ writes (model may not import
    export, so the names are repeated there; this keeps them in step)."""
    assert read_xlsx.INFO_SHEET == xlsx_info_sheet.SHEET_NAME
    assert read_xlsx.CONTINUED == xlsx_info_sheet.CONTINUED
    # Both the names the export writes now (开头语, 结尾落款) and those older exports wrote.
    assert read_xlsx.TEXT_LABELS == {"开头语": "preamble", "结尾落款": "closing",
                                     "前言": "preamble", "结束语": "closing"}


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_own_export_round_trip(tmp_path, format_id):
    report = full_report(format_id)
    report.texts["s5"] = "一段很长的文字。" * 300 + "\n第二段。"  # continues over several rows
    report.texts["closing"] = "特此报告。"
    path = tmp_path / "export.xlsx"
    write_xlsx(report, path)
    result = import_report(path)
    back = result.report
    assert (result.kind, back.format_id, back.year, back.agency, back.date) == (
        "xlsx", report.format_id, report.year, report.agency, report.date)
    assert back.texts == report.texts
    assert back.units == report.units
    # Input cells as entered; totals as the export stated them (which are the computed sums).
    assert_cells(back, {cid: v for cid, v in report.values().items() if v is not None})
    assert result.doubtful == []
    assert result.unused_lines == []


def test_own_export_of_a_report_without_texts_is_read_whole(tmp_path):
    # A 汇总 goes upward as an XLSX before anyone writes its texts: the info sheet lists every
    # text, each empty, and empty is what they are — not "heading not found".
    report = full_report("2021")
    report.texts = {}
    path = tmp_path / "汇总.xlsx"
    write_xlsx(report, path)
    result = import_report(path)
    assert result.report.texts == {}
    assert result.doubtful == [] and result.complete
    assert not any("没有找到" in m for m in result.messages)


def test_official_layout_workbook(tmp_path):
    path = tmp_path / "三张表.xlsx"
    path.write_bytes(S.build_a_official_xlsx())
    result = import_report(path)
    r = result.report
    assert r.format_id == "2021"
    assert_cells(r, {k: v for k, v in S.a_expected_cells().items() if v is not None})
    # No title, no texts in the workbook: the year and the text sections are reported, not guessed silently.
    keys = {d.key for d in result.doubtful}
    assert {"year", "s1", "s5", "s6"} <= keys
    assert not any(k.startswith("t") for k in keys)


def test_a_renamed_old_excel_file_gets_the_save_as_message(tmp_path):
    from model.errors import ImportFailed

    path = tmp_path / "报告.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    with pytest.raises(ImportFailed, match=r"另存为.*xlsx"):
        import_report(path)
