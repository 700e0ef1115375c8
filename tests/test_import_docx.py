"""Word files: the official template filled in (report A), a Word file built on the same tables the
way offices vary them (report B), and the 2019 trial layout (report C).  Expectations are the values
written beside the printed texts in tests/import_sources.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.checks import check_report
from model.errors import ImportFailed
from model.importing import DOUBTFUL, UNREAD, import_report
from tests import import_sources as S
from tests.test_import_html import assert_cells


@pytest.fixture
def a_docx(tmp_path):
    path = tmp_path / "测试县2024年报.docx"
    path.write_bytes(S.build_a_docx())
    return path


def test_the_filled_official_template(a_docx):
    result = import_report(a_docx)
    r = result.report
    assert (result.kind, r.format_id, r.year, r.agency, r.date) == ("docx", "2021", 2024, S.A_AGENCY, S.A_DATE)
    expected = {k: v for k, v in S.a_expected_cells().items() if v is not None}
    assert_cells(r, expected)
    assert r.cells["t2_8.admin_fees.fee_amount"] == Decimal("7539.443252")  # 75394432.52元 in 万元
    assert result.doubtful == []
    assert r.texts == {"preamble": S.A_PREAMBLE, "s1": "\n".join(S.A_S1), "s5": "\n".join(S.A_S5),
                       "s6": "\n".join(S.A_S6)}
    assert any("7539.443252" in m for m in result.messages)  # the conversion is said


def test_a_stated_total_that_does_not_add_up_is_kept_and_reported(a_docx):
    r = import_report(a_docx).report
    assert r.cells["t3.r3_7_total.natural"] == 39  # as printed; the rows add up to 38
    assert r.values()["t3.r3_7_total.natural"] == 38
    assert r.cells["t3.r3_7_total.commercial"] == 6  # as printed; the rows add up to 5
    stated = [f for f in check_report(r) if f.cells == ("t3.r3_7_total.commercial",)]
    assert len(stated) == 1 and "填写的是 6" in stated[0].message and "应为 5" in stated[0].message


def test_blank_marks_stay_blank_not_zero(a_docx):
    r = import_report(a_docx).report
    for cid in ("t2_6.penalty.decisions", "t2_6.coercion.decisions", "t3.r3_3_6_process_info.natural",
                "t3.r3_5_1_petition.total", "t3.r3_6_3_other.natural"):
        assert cid not in r.cells


def test_the_template_itself_reads_as_an_empty_report(tmp_path):
    result = import_report(S.TEMPLATE)
    r = result.report
    assert r.format_id == "2021" and r.cells == {}
    # Its placeholders are not text, and are listed as lines not used.
    assert r.texts == {}
    assert "（文字描述）" in result.unused_lines
    assert any(d.key == "year" for d in result.doubtful)


@pytest.fixture
def b_docx(tmp_path):
    path = tmp_path / "交通运输局2023年报.docx"
    path.write_bytes(S.build_b_docx())
    return path


def test_other_numbering_split_blocks_typos_and_a_one_row_other_handling(b_docx):
    result = import_report(b_docx)
    r = result.report
    assert (r.format_id, r.year, r.agency, r.date) == ("2021", 2023, S.B_AGENCY, S.B_DATE)
    assert_cells(r, {k: v for k, v in S.b_expected_cells().items() if v is not None})
    assert r.cells["t2_8.admin_fees.fee_amount"] == Decimal("96171.6")
    assert r.cells["t2_5.licensing.decisions"] == 1203  # printed 「1 203」
    doubts = {d.key: d for d in result.doubtful}
    assert set(doubts) == {"t3.r3_6_3_other.natural", "t3.r3_6_3_other.total",
                           "t3.r3_6_1_no_correction.natural", "t3.r3_6_2_no_fee.natural"}
    assert doubts["t3.r3_6_3_other.natural"].kind == DOUBTFUL and doubts["t3.r3_6_3_other.natural"].source == "1"
    assert doubts["t3.r3_6_1_no_correction.natural"].kind == UNREAD
    assert "（六）其他处理" in doubts["t3.r3_6_3_other.natural"].reason


def test_headings_in_other_numbering_and_running_on(b_docx):
    r = import_report(b_docx).report
    assert r.texts["preamble"] == S.B_PREAMBLE
    assert r.texts["s1"] == "\n".join(S.B_S1)  # after 「第一部分 总体情况」
    assert r.texts["s5"] == "\n".join(S.B_S5)  # after 「五、政府信息公开工作存在的主要问题及改进情况」
    assert r.texts["s6"] == "\n".join([S.B_S6_FIRST] + S.B_S6_MORE)  # 「六、…事项。本年度…」 split
    assert set(r.texts) == {"preamble", "s1", "s5", "s6"}


def test_the_2019_trial_layout_is_its_own_format(tmp_path):
    path = tmp_path / "旧城街道2020.docx"
    path.write_bytes(S.build_c_docx())
    result = import_report(path)
    r = result.report
    assert (r.format_id, r.year, r.agency) == ("2019", 2020, S.C_AGENCY)
    assert_cells(r, S.c_expected_cells())
    assert r.units == S.C_UNITS  # 「251000元」: the 2019 采购总金额 keeps its unit
    assert r.cells["t2_5.licensing.delta"] == -3
    assert result.doubtful == []
    assert r.texts["s5"] == "\n".join(S.C_S5)


def test_a_renamed_or_broken_word_file_is_refused(tmp_path):
    fake = tmp_path / "报告.docx"
    fake.write_bytes(b"PK\x03\x04 this is not a zip")
    with pytest.raises(ImportFailed, match="不是有效的Word 文件|已损坏"):
        import_report(fake)
    old = tmp_path / "报告.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ImportFailed, match="另存为"):
        import_report(old)
