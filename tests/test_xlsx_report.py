"""The XLSX reloaded with openpyxl: every value and every merged range against the report and
the Grid, for both formats and the shipped sample; styling and print setup checked in the file."""

from __future__ import annotations

import glob
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from export.xlsx_grid_sheet import LANDSCAPE_ABOVE_COLS, TABLE_TOP
from export.xlsx_info_sheet import SHEET_NAME as INFO_SHEET
from export.xlsx_report import build_xlsx, write_xlsx
from factories import full_report
from model.draft_io import load_draft
from model.grid import layout_section
from model.report import Report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(glob.glob(str(ROOT / "resources" / "samples" / "*.gknb")))
TABLE_SHEETS = {"s2": "二、主动公开", "s3": "三、依申请公开", "s4": "四、复议诉讼"}


def reload(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=True)


def merged_set(ws) -> set[tuple[int, int, int, int]]:
    return {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}


def assert_value(actual, expected, where: str) -> None:
    if expected is None:
        assert actual is None, f"{where}: expected blank, got {actual!r}"
    elif isinstance(expected, bool) or isinstance(expected, str):
        assert actual == str(expected), where
    elif isinstance(expected, int):
        assert isinstance(actual, int) and not isinstance(actual, bool) and actual == expected, \
            f"{where}: {actual!r} != {expected!r}"
    else:  # Decimal: a number that converts back exactly
        assert isinstance(actual, (int, float)), f"{where}: {actual!r} is not a number"
        assert Decimal(repr(actual)) == expected, f"{where}: {actual!r} != {expected}"


def assert_matches_report(data: bytes, report: Report) -> None:
    """Every Grid cell and every merged range of every table sheet, against the report."""
    wb = reload(data)
    fmt = report.fmt
    values = report.values()
    table_sections = [s for s in fmt.sections if s.kind == "tables"]
    assert wb.sheetnames == [INFO_SHEET] + [TABLE_SHEETS[s.id] for s in table_sections]
    for sec in table_sections:
        grid = layout_section(fmt, sec.id)
        ws = wb[TABLE_SHEETS[sec.id]]
        assert ws["A1"].value == sec.heading
        expected_merges = {(1, 1, 1, grid.n_cols)}
        for gc in grid.cells:
            r, c = TABLE_TOP + gc.row, gc.col + 1
            where = f"{ws.title}!{get_column_letter(c)}{r} ({gc.cell_id or gc.text})"
            if gc.is_value:
                assert_value(ws.cell(r, c).value, values.get(gc.cell_id), where)
            else:
                assert ws.cell(r, c).value == (gc.text or None), where
            if gc.rowspan > 1 or gc.colspan > 1:
                expected_merges.add((r, c, r + gc.rowspan - 1, c + gc.colspan - 1))
            # Spanned-over cells are blank.
            for rr in range(r, r + gc.rowspan):
                for cc in range(c, c + gc.colspan):
                    if (rr, cc) != (r, c):
                        assert ws.cell(rr, cc).value is None, where
        notes = [row for row in range(TABLE_TOP + grid.n_rows, ws.max_row + 1) if ws.cell(row, 1).value]
        expected_merges |= {(row, 1, row, grid.n_cols) for row in notes}
        assert merged_set(ws) == expected_merges, ws.title
        # Nothing outside the grid but the heading and the notes.
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            for cell in row:
                inside = TABLE_TOP <= cell.row < TABLE_TOP + grid.n_rows and cell.column <= grid.n_cols
                if not inside and cell.row != 1 and cell.row not in notes:
                    assert cell.value is None, cell.coordinate


def full_2021() -> Report:
    r = full_report("2021")
    r.cells["t2_8.admin_fees.fee_amount"] = Decimal("12345.123456")  # 万元, six places
    return r


@pytest.mark.parametrize("make", [full_2021, lambda: full_report("2019"),
                                  lambda: Report.new(2024), lambda: Report.new(2020)],
                         ids=["full-2021", "full-2019", "empty-2021", "empty-2019"])
def test_every_value_and_merge_matches(make):
    report = make()
    assert_matches_report(build_xlsx(report), report)


@pytest.mark.parametrize("path", SAMPLES, ids=[Path(p).stem for p in SAMPLES])
def test_sample_draft(path):
    assert SAMPLES, "the sample draft is missing"
    report = load_draft(Path(path))
    assert_matches_report(build_xlsx(report), report)


def test_full_2021_has_nonzero_balanced_totals():
    report = full_2021()
    wb = reload(build_xlsx(report))
    ws = wb[TABLE_SHEETS["s3"]]
    grid = layout_section(report.fmt, "s3")
    pos = {cid: (TABLE_TOP + r, c + 1) for cid, (r, c) in grid.positions.items()}

    def v(cid):
        return ws.cell(*pos[cid]).value

    for col in ("natural", "commercial", "total"):
        total = v(f"t3.r3_7_total.{col}")
        assert isinstance(total, int) and total > 0
        assert v(f"t3.r1_new.{col}") + v(f"t3.r2_carried_in.{col}") == total + v(f"t3.r4_carried_out.{col}")
    # Totals are values, never formulas: the file read without data_only has them too.
    raw = openpyxl.load_workbook(io.BytesIO(build_xlsx(report)))
    assert raw[TABLE_SHEETS["s3"]].cell(*pos["t3.r3_7_total.total"]).value == v("t3.r3_7_total.total")


def test_decimal_exact_with_number_format_showing_its_places():
    report = full_2021()
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s2"]]
    r, c = layout_section(report.fmt, "s2").positions["t2_8.admin_fees.fee_amount"]
    cell = ws.cell(TABLE_TOP + r, c + 1)
    assert Decimal(repr(cell.value)) == Decimal("12345.123456")
    assert cell.number_format == "0.000000"


def test_decimal_too_precise_for_a_float_is_kept_exactly_as_text():
    report = full_2021()
    report.cells["t2_8.admin_fees.fee_amount"] = Decimal("999999999999.123456")
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s2"]]
    r, c = layout_section(report.fmt, "s2").positions["t2_8.admin_fees.fee_amount"]
    assert ws.cell(TABLE_TOP + r, c + 1).value == "999999999999.123456"


def test_large_count_is_not_shown_in_scientific_notation():
    report = full_2021()
    report.cells["t4.cases.rv_upheld"] = 999_999_999_999
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s4"]]
    r, c = layout_section(report.fmt, "s4").positions["t4.cases.rv_upheld"]
    cell = ws.cell(TABLE_TOP + r, c + 1)
    assert cell.value == 999_999_999_999 and cell.number_format == "0"


def test_2019_purchase_amount_unit_is_explicit():
    report = full_report("2019")
    report.cells["t2_9.central_procurement.amount"] = Decimal("251000")
    report.units["t2_9.central_procurement.amount"] = "元"
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s2"]]
    grid = layout_section(report.fmt, "s2")
    r, c = grid.positions["t2_9.central_procurement.amount"]
    cell = ws.cell(TABLE_TOP + r, c + 1)
    assert cell.value == 251000 and cell.number_format == '0"元"'
    note = ws.cell(TABLE_TOP + grid.n_rows + 1, 1).value
    assert "采购总金额" in note and note.endswith("单位为元。")


def test_2019_purchase_amount_without_unit_says_so():
    report = full_report("2019")
    report.units.clear()
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s2"]]
    note = ws.cell(TABLE_TOP + layout_section(report.fmt, "s2").n_rows + 1, 1).value
    assert "未注明单位" in note


def test_invalid_raw_text_in_a_cell_stays_text_and_total_blank():
    report = full_2021()
    report.cells["t3.r1_new.natural"] = "12a"
    wb = reload(build_xlsx(report))
    ws = wb[TABLE_SHEETS["s3"]]
    pos = layout_section(report.fmt, "s3").positions
    r, c = pos["t3.r1_new.natural"]
    assert ws.cell(TABLE_TOP + r, c + 1).value == "12a"
    r, c = pos["t3.r1_new.total"]
    assert ws.cell(TABLE_TOP + r, c + 1).value is None


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_borders_on_every_table_cell_including_merged_edges(format_id):
    report = full_report(format_id)
    wb = reload(build_xlsx(report))
    for sid, name in TABLE_SHEETS.items():
        grid = layout_section(report.fmt, sid)
        ws = wb[name]
        for gc in grid.cells:
            top, left = TABLE_TOP + gc.row, gc.col + 1
            bottom, right = top + gc.rowspan - 1, left + gc.colspan - 1
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    b = ws.cell(r, c).border
                    where = f"{name}!{get_column_letter(c)}{r}"
                    if r == top:
                        assert b.top.style == "thin", where
                    if r == bottom:
                        assert b.bottom.style == "thin", where
                    if c == left:
                        assert b.left.style == "thin", where
                    if c == right:
                        assert b.right.style == "thin", where


def test_caption_rows_are_shaded_like_the_official_template():
    report = full_2021()
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s2"]]
    grid = layout_section(report.fmt, "s2")
    for gc in grid.cells:
        cell = ws.cell(TABLE_TOP + gc.row, gc.col + 1)
        shaded = cell.fill.fill_type == "solid"
        assert shaded == (gc.kind == "caption"), cell.coordinate


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_print_setup_freeze_and_widths(format_id):
    report = full_report(format_id)
    wb = reload(build_xlsx(report))
    for sid, name in TABLE_SHEETS.items():
        grid = layout_section(report.fmt, sid)
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.page_setup.orientation == ("landscape" if grid.n_cols > LANDSCAPE_ABOVE_COLS else "portrait")
        if grid.header_rows:
            last_header = TABLE_TOP + grid.header_rows - 1
            assert ws.print_title_rows == f"${TABLE_TOP}:${last_header}"
            assert ws.freeze_panes == f"A{last_header + 1}"
        # Column widths in proportion to the Grid's weights.
        widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(grid.n_cols)]
        for w, weight in zip(widths, grid.col_weights):
            assert w / widths[0] == pytest.approx(weight / grid.col_weights[0], rel=0.01)
    info = wb[INFO_SHEET]
    assert int(info.page_setup.paperSize) == int(info.PAPERSIZE_A4) and info.page_setup.fitToWidth == 1


def test_wrapped_labels_get_taller_rows():
    report = full_2021()
    ws = reload(build_xlsx(report))[TABLE_SHEETS["s3"]]
    grid = layout_section(report.fmt, "s3")
    one_line = ws.row_dimensions[TABLE_TOP + grid.positions["t3.r3_2_partial.natural"][0] - 1].height
    long_label = TABLE_TOP + grid.positions["t3.r3_6_1_no_correction.natural"][0]
    short_label = TABLE_TOP + grid.positions["t3.r3_6_3_other.natural"][0]
    assert ws.row_dimensions[long_label].height > ws.row_dimensions[short_label].height
    assert one_line == ws.row_dimensions[short_label].height
    # The 勾稽 note (three header rows tall) fits: its rows add up to at least three lines.
    header = sum(ws.row_dimensions[TABLE_TOP + i].height for i in range(grid.header_rows))
    assert header >= 3 * 10.5 * 1.4


def test_sheet_names_are_valid_excel_names():
    wb = reload(build_xlsx(full_2021()))
    for name in wb.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_workbook_properties():
    report = full_2021()
    wb = reload(build_xlsx(report))
    assert wb.properties.title == report.title
    assert wb.properties.creator == "年报助手"


def test_info_sheet_details():
    report = full_2021()
    ws = reload(build_xlsx(report))[INFO_SHEET]
    assert ws["A1"].value == report.title
    details = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 10) if ws.cell(r, 1).value}
    assert details["机关名称"] == report.agency
    assert details["报告年度"] == report.year
    assert details["报告格式"] == report.fmt.name
    assert details["成文日期"].date().isoformat() == report.date


def test_blank_details_stay_blank():
    report = Report.new(2024)
    ws = reload(build_xlsx(report))[INFO_SHEET]
    details = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 10) if ws.cell(r, 1).value}
    assert details["机关名称"] is None and details["成文日期"] is None


def test_write_xlsx_writes_what_build_xlsx_builds(tmp_path):
    report = full_2021()
    out = tmp_path / "报告.xlsx"
    write_xlsx(report, out)
    assert_matches_report(out.read_bytes(), report)
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob(".*.tmp"))


def test_computed_totals_are_bold_and_entries_are_not():
    report = full_report("2021")
    wb = reload(build_xlsx(report))
    for sid in ("s3", "s4"):
        grid = layout_section(report.fmt, sid)
        ws = wb[TABLE_SHEETS[sid]]
        for gc in grid.cells:
            if gc.kind in ("computed", "value"):
                cell = ws.cell(TABLE_TOP + gc.row, gc.col + 1)
                assert cell.font.b == (gc.kind == "computed"), f"{sid} {gc.cell_id}"


def test_a_name_too_long_is_a_chinese_error_not_a_crash(tmp_path):
    from model.errors import DraftWriteError

    with pytest.raises(DraftWriteError) as info:
        write_xlsx(full_report("2021"), tmp_path / ("很长的名字" * 60 + ".xlsx"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))
