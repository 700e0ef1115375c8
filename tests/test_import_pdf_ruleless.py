"""PDFs whose tables have no ruling lines (a web page with borderless CSS tables printed to PDF):
the tables are read from their words' positions, onto the same cell ids as a ruled table.  The
PDFs are drawn here (tests/ruleless_pdf.py) with numbers chosen by hand below."""

from __future__ import annotations

from decimal import Decimal

from model.importing import import_report
from model.importing.result import UNREAD
from tests.ruleless_pdf import make_ruleless_pdf
from tests.test_import_html import assert_cells

T3_ROWS = {  # natural, commercial, research, public_welfare, legal_service, other_org, total
    "r1_new": [31, 4, 0, 1, 2, 3, 41],
    "r2_carried_in": [2, 0, 0, 0, 0, 1, 3],
    "r3_1_open": [12, 2, 0, 0, 1, 1, 16],
    "r3_2_partial": [3, 1, 0, 0, 0, 0, 4],
    "r3_3_1_state_secret": [1, 0, 0, 0, 0, 0, 1],
    "r3_3_2_law_prohibited": [0, 1, 0, 0, 0, 0, 1],
    "r3_3_3_three_security": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_4_third_party": [2, 0, 0, 0, 0, 0, 2],
    "r3_3_5_internal_affairs": [0, 0, 0, 1, 0, 0, 1],
    "r3_3_6_process_info": [1, 0, 0, 0, 0, 0, 1],
    "r3_3_7_enforcement_file": [0, 0, 0, 0, 1, 0, 1],
    "r3_3_8_admin_query": [1, 0, 0, 0, 0, 0, 1],
    "r3_4_1_not_held": [5, 0, 0, 0, 0, 2, 7],
    "r3_4_2_need_create": [1, 0, 0, 0, 0, 0, 1],
    "r3_4_3_still_unclear": [2, 0, 0, 0, 0, 0, 2],
    "r3_5_1_petition": [1, 0, 0, 0, 0, 0, 1],
    "r3_5_2_repeat": [0, 0, 0, 0, 0, 1, 1],
    "r3_5_3_publication": [1, 0, 0, 0, 0, 0, 1],
    "r3_5_4_mass_repeat": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_5_confirm_reissue": [1, 0, 0, 0, 0, 0, 1],
    "r3_6_1_no_correction": [0, 0, 0, 0, 0, 0, 0],
    "r3_6_2_no_fee": [0, 0, 0, 0, 0, 0, 0],
    "r3_6_3_other": [1, 0, 0, 0, 0, 0, 1],
    "r3_7_total": [32, 4, 0, 1, 2, 4, 43],
    "r4_carried_out": [1, 0, 0, 0, 0, 0, 1],
}
T3_COLS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]
T4 = {"rv_upheld": 3, "rv_corrected": 1, "rv_other": 0, "rv_pending": 2, "rv_total": 6,
      "ld_upheld": 4, "ld_corrected": 0, "ld_other": 1, "ld_pending": 0, "ld_total": 5,
      "la_upheld": 2, "la_corrected": 1, "la_other": 0, "la_pending": 1, "la_total": 4}


def values() -> dict[str, object]:
    v: dict[str, object] = {
        "t2_1.regulations.made": 2, "t2_1.regulations.repealed": 1, "t2_1.regulations.in_force": 9,
        "t2_1.normative_docs.made": 14, "t2_1.normative_docs.repealed": 3, "t2_1.normative_docs.in_force": 57,
        "t2_5.licensing.decisions": 1268,
        "t2_6.penalty.decisions": 35, "t2_6.coercion.decisions": 7,
        "t2_8.admin_fees.fee_amount": "12.5",
    }
    for row, numbers in T3_ROWS.items():
        for col, n in zip(T3_COLS, numbers):
            v[f"t3.{row}.{col}"] = n
    for col, n in T4.items():
        v[f"t4.cases.{col}"] = n
    return v


def expected() -> dict[str, object]:
    out = dict(values())
    out["t2_8.admin_fees.fee_amount"] = Decimal("12.5")
    return out


def test_every_number_of_a_ruleless_pdf_lands_on_its_cell(tmp_path):
    path = tmp_path / "无表格线.pdf"
    make_ruleless_pdf(path, values())
    result = import_report(path)
    r = result.report
    assert (result.kind, r.format_id, r.year) == ("pdf", "2021", 2024)
    assert r.cells["t3.r1_new.natural"] == 31 and r.cells["t4.cases.ld_upheld"] == 4  # spot checks
    assert r.cells["t2_5.licensing.decisions"] == 1268
    assert_cells(r, expected())
    assert result.doubtful == [] and result.unused_lines == []
    assert r.texts["s6"] == "本年度未收取信息处理费。"  # the text around the tables still read


def test_a_wrapped_label_and_a_group_label_beside_the_rows(tmp_path):
    """「2.申请人逾期未按收费通知要求缴纳费用…」 wraps over two lines with its numbers centred
    between them, and 「（六）其他处理」 stands centred beside its three rows: both belong to the rows their numbers are on."""
    path = tmp_path / "p.pdf"
    v = values()
    v["t3.r3_6_2_no_fee.natural"] = 6
    v["t3.r3_6_2_no_fee.total"] = 6
    make_ruleless_pdf(path, v)
    r = import_report(path).report
    assert r.cells["t3.r3_6_2_no_fee.natural"] == 6 and r.cells["t3.r3_6_2_no_fee.total"] == 6
    assert r.cells["t3.r3_6_1_no_correction.natural"] == 0 and r.cells["t3.r3_6_3_other.natural"] == 1


def test_an_ambiguous_ruleless_table_leaves_its_cells_unread_and_flagged(tmp_path):
    """表四 printed without its top header lines (行政复议 / 行政诉讼 / 未经复议直接起诉 /
    复议后起诉): 「结果维持」 heads three of the format's columns, so no number of it can be placed
    by its header.  None of them is read silently; 表二 and 表三 are read as before."""
    path = tmp_path / "歧义.pdf"
    blank = {(0, 0): "", (0, 5): "", (1, 5): "", (1, 10): ""}
    make_ruleless_pdf(path, values(), overrides={"s4": blank})
    result = import_report(path)
    r = result.report
    want = expected()
    assert_cells(r, {k: v for k, v in want.items() if not k.startswith("t4.")} | {
        k: r.cells[k] for k in r.cells if k.startswith("t4.")})
    flagged = {d.key for d in result.doubtful}
    t4 = {f"t4.cases.{c}" for c in T4 if not c.endswith("_total")}  # the totals the app computes
    assert t4 <= flagged  # every 表四 cell is in the review list
    for key in t4 & set(r.cells):  # what was taken at all was taken where the official order puts it
        assert r.cells[key] == want[key]
    assert not flagged - t4


def test_a_number_printed_twice_in_one_column_is_not_guessed(tmp_path):
    """Two numbers in one cell of a borderless table («3 4» where the print shifted a column):
    the cell is left unread and listed, its neighbours are read."""
    path = tmp_path / "two.pdf"
    make_ruleless_pdf(path, values(), overrides={"s3": {(3, 3): "31 8"}})
    result = import_report(path)
    r = result.report
    assert "t3.r1_new.natural" not in r.cells
    assert [d.key for d in result.doubtful if d.kind == UNREAD] == ["t3.r1_new.natural"]
    assert r.cells["t3.r1_new.commercial"] == 4
