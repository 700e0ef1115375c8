"""User text in the XLSX is data: stored literally, never truncated, never a formula; characters
an XLSX cannot hold are removed and reported; write errors come back as Chinese messages."""

from __future__ import annotations

import errno
import io
import zipfile

import openpyxl
import pytest

import model.atomic_file as atomic_file
from export.xlsx_grid_sheet import TABLE_TOP
from export.xlsx_info_sheet import (CONTINUED, MAX_TEXT_LINES, SHEET_NAME as INFO_SHEET, TEXT_WIDTH,
                                    TEXTS_HEADING, text_label, text_order)
from export.xlsx_report import build_xlsx, write_xlsx
from export.xlsx_styles import TEXT_PT
from export.xlsx_text import (CELL_LIMIT, line_count, row_height_pt, split_for_cells, split_for_rows,
                              utf16_len, xml_safe)
from factories import full_report
from model.errors import DraftWriteError, ReportError
from model.grid import layout_section

HOSTILE = ["=SUM(A1)", "=1+1", "+1", "-1", "@SUM(A1)", "<b>粗体</b>", "&lt;不是标签&gt;", "a & b",
           "😀🎉", "𠀾𠁀𪚥", "  前后空格  ", "01234", "1e5", "TRUE", "制表\t符", "<![CDATA[x]]>",
           "'单引号", '"双引号"', "\\反斜杠\\"]


def reload(data: bytes, data_only: bool = True) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


def read_texts(ws, fmt) -> dict[str, str]:
    """Reassemble the texts of the 报告信息 sheet the way its module docstring describes:
    one paragraph a row, 「（接上行）」 rows continue the paragraph above; the block ends at the
    first unstyled (spacer) row."""
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == TEXTS_HEADING) + 1
    labels = {text_label(fmt, k): k for k in text_order(fmt)}
    texts: dict[str, list[str]] = {}
    key = None
    for r in range(first, ws.max_row + 1):
        label, value = ws.cell(r, 1).value, ws.cell(r, 2).value or ""
        if not ws.cell(r, 2).has_style:
            break
        if label is not None and label.split("\n")[0] in labels:
            key = labels[label.split("\n")[0]]
            texts[key] = [value]
        elif label == CONTINUED:
            texts[key][-1] += value
        else:
            assert label is None
            texts[key].append(value)
    return {k: "\n".join(v) for k, v in texts.items()}


def test_hostile_strings_are_stored_literally_everywhere():
    report = full_report("2021")
    text = "\n".join(HOSTILE)
    report.agency = "=HYPERLINK(\"http://x\")机关<b>"
    for key in report.fmt.text_keys():
        report.texts[key] = text
    data = build_xlsx(report)
    for data_only in (True, False):  # also read as formulas: none of them may be one
        wb = reload(data, data_only)
        ws = wb[INFO_SHEET]
        texts = read_texts(ws, report.fmt)
        assert texts == {k: text for k in text_order(report.fmt)}
        agency = next(ws.cell(r, 2) for r in range(1, 10) if ws.cell(r, 1).value == "机关名称")
        assert agency.value == report.agency and agency.data_type == "s"
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    # The raw sheet XML holds no formula element at all.
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_hostile_agency_in_title_and_page_header():
    report = full_report("2021")
    report.agency = "A&B <市> =局"
    wb = reload(build_xlsx(report))
    assert wb.properties.title == report.title
    assert wb[INFO_SHEET]["A1"].value == report.title
    assert wb["三、依申请公开"].oddHeader.center.text == report.title.replace("&", "&&")


def test_invalid_raw_cell_text_is_literal():
    report = full_report("2021")
    report.cells["t3.r1_new.natural"] = "=SUM(A1)"
    wb = reload(build_xlsx(report), data_only=False)
    r, c = layout_section(report.fmt, "s3").positions["t3.r1_new.natural"]
    cell = wb["三、依申请公开"].cell(TABLE_TOP + r, c + 1)
    assert cell.value == "=SUM(A1)" and cell.data_type == "s"


def test_very_long_text_is_split_not_truncated():
    report = full_report("2021")
    para = ("依法公开政府信息，保障公众知情权。" * 5000)[:80_000] + "𠀾尾"
    report.texts["s1"] = "第一段。\n" + para + "\n最后一段。"
    ws = reload(build_xlsx(report))[INFO_SHEET]
    assert read_texts(ws, report.fmt)["s1"] == report.texts["s1"]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert utf16_len(cell.value) <= CELL_LIMIT
    continued = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == CONTINUED]
    assert len(continued) >= 80_000 // 1000  # rows of at most ~900 characters each
    for r in range(1, ws.max_row + 1):
        assert (ws.row_dimensions[r].height or 0) <= 409
    # Continuation rows start a new sentence where the paragraph has sentences.
    assert all(ws.cell(r - 1, 2).value.endswith("。") for r in continued)


def test_row_chunks_fit_a_row_and_break_after_sentences():
    para = "公开。" * 2000 + "无标点" * 2000
    chunks = split_for_rows(para, TEXT_WIDTH, TEXT_PT, MAX_TEXT_LINES)
    assert "".join(chunks) == para
    for chunk in chunks:
        assert line_count(chunk, TEXT_WIDTH, TEXT_PT) <= MAX_TEXT_LINES
        assert row_height_pt(line_count(chunk, TEXT_WIDTH, TEXT_PT), TEXT_PT) <= 409
    with_sentences = [c for c in chunks if c.startswith("公开")][:-1]
    assert with_sentences and all(c.endswith("。") for c in with_sentences)
    assert split_for_rows("", TEXT_WIDTH, TEXT_PT, MAX_TEXT_LINES) == [""]


def test_split_counts_utf16_units_and_never_splits_a_character():
    text = "𠀾" * 20000  # 40,000 UTF-16 units
    chunks = split_for_cells(text)
    assert "".join(chunks) == text
    assert all(utf16_len(c) <= CELL_LIMIT for c in chunks) and len(chunks) == 2
    assert split_for_cells("短") == ["短"]


def test_control_characters_are_removed_and_reported():
    report = full_report("2021")
    report.texts["s1"] = "响铃\x07、退格\x08、换页\x0c、空\x00字符\ud800；制表\t与换行\n保留。"
    report.agency = "机关\x1b名称"
    report.cells["t3.r1_new.natural"] = "12\x01a"
    ws = reload(build_xlsx(report))[INFO_SHEET]
    assert read_texts(ws, report.fmt)["s1"] == "响铃、退格、换页、空字符；制表\t与换行\n保留。"
    agency = next(ws.cell(r, 2).value for r in range(1, 10) if ws.cell(r, 1).value == "机关名称")
    assert agency == "机关名称"
    remarks = [ws.cell(r, 1).value or "" for r in range(1, ws.max_row + 1)]
    note = next(t for t in remarks if "控制字符" in t)
    assert "7 个" in note and "一、总体情况" in note and "机关名称" in note and "三、依申请公开" in note


def test_no_removal_note_for_clean_text():
    ws = reload(build_xlsx(full_report("2021")))[INFO_SHEET]
    assert not any("控制字符" in (ws.cell(r, 1).value or "") for r in range(1, ws.max_row + 1))


def test_carriage_returns_become_line_breaks():
    report = full_report("2021")
    report.texts["s5"] = "一\r\n二\r三"
    ws = reload(build_xlsx(report))[INFO_SHEET]
    assert read_texts(ws, report.fmt)["s5"] == "一\n二\n三"


def test_xml_safe_keeps_what_xml_allows():
    kept = "\t\n\r 中文😀\ue000\ufffd"
    assert xml_safe(kept) == (kept, 0)
    assert xml_safe("\x00\x1f\ufffe\uffff\udc00") == ("", 5)


# -- write_xlsx: atomic, Chinese errors ------------------------------------------------------

def test_missing_folder_raises_chinese_error(tmp_path):
    with pytest.raises(DraftWriteError) as exc:
        write_xlsx(full_report("2021"), tmp_path / "没有这个文件夹" / "报告.xlsx")
    assert isinstance(exc.value, ReportError) and "不存在" in str(exc.value)


def test_folder_that_is_a_file_raises_chinese_error(tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("x")
    with pytest.raises(DraftWriteError) as exc:
        write_xlsx(full_report("2021"), blocker / "报告.xlsx")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    out = tmp_path / "报告.xlsx"
    out.write_bytes(b"old")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "fsync", full_disk)
    with pytest.raises(DraftWriteError) as exc:
        write_xlsx(full_report("2021"), out)
    assert "磁盘已满" in str(exc.value) and "Excel" in str(exc.value)  # the open-in-Excel hint
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.xlsx"]


def test_overwrites_an_existing_file_without_backup(tmp_path):
    out = tmp_path / "报告.xlsx"
    out.write_bytes(b"old")
    write_xlsx(full_report("2021"), out)
    assert reload(out.read_bytes())[INFO_SHEET]["A1"].value
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.xlsx"]
