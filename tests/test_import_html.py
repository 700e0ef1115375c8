"""Saved web pages: the real 平潭 page (every published number, read off the page by hand), the
same page served as GBK, and a page built the way sites build them (layout tables, navigation,
&nbsp; padding, <br/> inside labels, GB18030 with and without a declared charset)."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

import lxml.html
import pytest

from model.checks import ERROR, check_report
from model.importing import UNREAD, import_report
from tests import import_sources as S

# Read off the published page by hand (its three tables), in the format's cell order.
PINGTAN_T2 = {
    "t2_1.regulations.made": 0, "t2_1.regulations.repealed": 0, "t2_1.regulations.in_force": 0,
    "t2_1.normative_docs.made": 62, "t2_1.normative_docs.repealed": 33, "t2_1.normative_docs.in_force": 440,
    "t2_5.licensing.decisions": 4529, "t2_6.penalty.decisions": 1100, "t2_6.coercion.decisions": 65,
    "t2_8.admin_fees.fee_amount": Decimal("18651.06"),
}
PINGTAN_T3 = {  # 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
    "r1_new": [217, 1, 0, 0, 0, 0, 218],
    "r2_carried_in": [0, 0, 0, 0, 0, 0, 0],
    "r3_1_open": [71, 0, 0, 0, 0, 0, 71],
    "r3_2_partial": [29, 0, 0, 0, 0, 0, 29],
    "r3_3_1_state_secret": [4, 0, 0, 0, 0, 0, 4],
    "r3_3_2_law_prohibited": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_3_three_security": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_4_third_party": [3, 0, 0, 0, 0, 0, 3],
    "r3_3_5_internal_affairs": [32, 0, 0, 0, 0, 0, 32],
    "r3_3_6_process_info": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_7_enforcement_file": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_8_admin_query": [0, 0, 0, 0, 0, 0, 0],
    "r3_4_1_not_held": [75, 0, 0, 0, 0, 0, 75],
    "r3_4_2_need_create": [0, 0, 0, 0, 0, 0, 0],
    "r3_4_3_still_unclear": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_1_petition": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_2_repeat": [1, 0, 0, 0, 0, 0, 1],
    "r3_5_3_publication": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_4_mass_repeat": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_5_confirm_reissue": [0, 0, 0, 0, 0, 0, 0],
    "r3_6_1_no_correction": [1, 0, 0, 0, 0, 0, 1],
    "r3_6_2_no_fee": [0, 0, 0, 0, 0, 0, 0],
    "r3_6_3_other": [1, 1, 0, 0, 0, 0, 2],
    "r3_7_total": [217, 1, 0, 0, 0, 0, 218],
    "r4_carried_out": [0, 0, 0, 0, 0, 0, 0],
}
PINGTAN_T4 = [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]


def pingtan_expected() -> dict:
    out = dict(PINGTAN_T2)
    for row, values in PINGTAN_T3.items():
        out.update({f"t3.{row}.{c}": v for c, v in zip(S.T3_COLS, values)})
    out.update({f"t4.cases.{c}": v for c, v in zip(S.T4_COLS, PINGTAN_T4)})
    return out


def assert_cells(report, expected: dict) -> None:
    wrong = {cid: (want, report.cells.get(cid)) for cid, want in expected.items()
             if report.cells.get(cid) != want or type(report.cells.get(cid)) is not type(want)}
    assert wrong == {}
    extra = set(report.cells) - set(expected)
    assert extra == set(), f"cells that the source does not have: {sorted(extra)[:5]}"


def page_sections(path) -> dict[str, str]:
    """The report's paragraphs straight from the page (lxml), split at the headings by hand."""
    root = lxml.html.parse(str(path)).getroot()
    paras = [re.sub(r"\s+", "", p.text_content().replace("\xa0", " "))
             for p in root.xpath("//div[@class='TRS_Editor']/p")]
    heads = {"一、总体情况": "s1", "二、主动公开政府信息情况": "s2", "三、收到和处理政府信息公开申请情况": "s3",
             "四、政府信息公开行政复议、行政诉讼情况": "s4", "五、存在的主要问题及改进情况": "s5",
             "六、其他需要报告的事项": "s6"}
    out: dict[str, str] = {}
    key = "preamble"
    for p in paras:
        if p in heads:
            key = heads[p]
            continue
        out[key] = out.get(key, "") + p
    return {k: v for k, v in out.items() if v}


def coverage(source: str, got: str) -> float:
    """Share of the source's characters that come through, in order."""
    a, b = source, re.sub(r"\s+", "", got)
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / len(a)


def test_real_published_page_every_number_right():
    result = import_report(S.PINGTAN)
    r = result.report
    assert (result.kind, r.format_id, r.year, r.agency) == ("html", "2021", 2024, "平潭综合实验区")
    assert_cells(r, pingtan_expected())
    assert result.doubtful == []
    # The page's own arithmetic holds, and its text agrees with its tables: no errors, only the
    # 万元 plausibility warning (18651.06 万元) and the signing date the page does not print.
    findings = check_report(r)
    assert [f.rule for f in findings if f.severity == ERROR] == []
    assert [f.rule for f in findings] == ["date_missing", "t2_8_unit_sanity"]


def test_real_page_texts_come_through_whole_and_without_the_site_around_them():
    result = import_report(S.PINGTAN)
    texts = result.report.texts
    source = page_sections(S.PINGTAN)
    assert set(texts) == set(source) == {"preamble", "s1", "s5", "s6"}
    for key, text in source.items():
        assert coverage(text, texts[key]) >= 0.98, key
    assert texts["s1"].split("\n")[1].startswith("（一）主动公开方面。")  # sub-headings stay lines
    assert texts["s6"] == "2024年，无收取信息处理费情况。"
    everything = "".join(texts.values()) + "".join(result.unused_lines)
    for furniture in ("闽政通APP", "网站标识码", "首页", "扫一扫在手机上查看当前页面", "附件下载"):
        assert furniture not in everything


def test_the_same_page_served_as_gbk(tmp_path):
    path = tmp_path / "平潭2024年报.htm"
    path.write_bytes(S.pingtan_in_gbk())
    result = import_report(path)
    assert_cells(result.report, pingtan_expected())
    assert result.report.texts == import_report(S.PINGTAN).report.texts


@pytest.mark.parametrize("encoding, declared", [("gb18030", "gb2312"), ("gb18030", None), ("utf-8", None)])
def test_a_built_page_in_each_encoding(tmp_path, encoding, declared):
    path = tmp_path / "report.html"
    path.write_bytes(S.build_b_page(encoding, declared))
    result = import_report(path)
    r = result.report
    assert (r.format_id, r.year, r.agency, r.date) == ("2021", 2023, S.B_AGENCY, S.B_DATE)
    assert_cells(r, {k: v for k, v in S.b_expected_cells().items() if v is not None})
    assert r.texts["s1"] == "\n".join(S.B_S1)
    assert r.texts["s6"] == "\n".join([S.B_S6_FIRST] + S.B_S6_MORE)
    assert r.texts["preamble"] == S.B_PREAMBLE
    # The one-row （六）其他处理 is the only doubt: its 1 kept under 「3.其他」, 1 and 2 not known.
    assert {(d.key, d.kind) for d in result.doubtful} == {
        ("t3.r3_6_3_other.natural", "doubtful"), ("t3.r3_6_3_other.total", "doubtful"),
        ("t3.r3_6_1_no_correction.natural", UNREAD), ("t3.r3_6_2_no_fee.natural", UNREAD)}
    assert "主办单位" not in "".join(r.texts.values())
    assert "var x" not in "".join(r.texts.values()) + "".join(result.unused_lines)


def test_a_page_saved_as_a_single_file_mht(tmp_path):
    import base64

    html = S.build_b_page("gb18030", "gb2312")
    mht = (b"From: <Saved by Blink>\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/related; type=\"text/html\"; boundary=\"----B\"\r\n\r\n"
           b"------B\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + base64.encodebytes(html) + b"\r\n------B--\r\n")
    path = tmp_path / "报告.mht"
    path.write_bytes(mht)
    result = import_report(path)
    assert result.kind == "html"
    assert result.report.cells["t3.r1_new.total"] == 16
    assert result.report.texts["s5"] == "\n".join(S.B_S5)
