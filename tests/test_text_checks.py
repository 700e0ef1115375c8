"""The narrative against the tables, last year's leftovers, completeness — on real-style reports.

Expected numbers are read off the texts and tables of tests/real_reports.py by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from factories import full_report
from model.checks import ERROR, HINT, WARNING, check_report
from model.report import LastYear
from real_reports import CLEAN_REPORTS, county_2023, pingtan_2024, street_2024, bureau_2020

TEXT_RULES = {"text_vs_table", "text_claim_vs_table", "text_total_vs_parts", "text_not_reviewed",
              "text_old_year", "text_repeats_last_year", "date_missing", "t4_all_blank",
              "s5_last_year_problems", "text_headings", "s1_too_long", "text_punctuation",
              "closing_repeats_signature"}


def _rule(report, rule, options=None):
    return [f for f in check_report(report, options) if f.rule == rule]


def _quoted(report, f):
    return report.text(f.text_key)[f.span[0]:f.span[1]]


# -- clean reports raise nothing -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CLEAN_REPORTS))
def test_clean_real_style_reports_raise_nothing(name):
    report = CLEAN_REPORTS[name]()
    found = check_report(report)
    if name == "pingtan_2024":
        # The one finding on the published report is the older fee-unit check: 18651.06 万元 of
        # 行政事业性收费 (1.87 亿元) is at least worth a second look.
        assert [f.rule for f in found] == ["t2_8_unit_sanity"]
    else:
        assert found == []


def test_the_published_pingtan_page_as_imported_raises_no_text_finding():
    """The real page through the importer (issue 11): no text rule has anything to say."""
    from pathlib import Path

    from model.importing import import_report

    page = Path(__file__).resolve().parent / "data" / "import" / "2024-pingtan-zone.html"
    r = import_report(page).report
    assert r.texts["s1"] == pingtan_2024().texts["s1"]  # the same text the tests above read
    found = {f.rule for f in check_report(r)}
    assert not found & TEXT_RULES - {"date_missing"}  # the page prints no signing date
    r.cells["t2_1.normative_docs.made"] = 61
    assert [f.rule for f in check_report(r) if f.rule in TEXT_RULES - {"date_missing"}] == ["text_vs_table"]


def test_clean_reports_with_last_year_known_raise_nothing():
    """Last year's texts known (after rollover) and this year's rewritten: still nothing."""
    r = county_2023()
    r.last_year = LastYear(2022, {}, texts={
        "s1": "2022年，县人民政府办公室认真贯彻落实党中央、国务院决策部署，以群众需求为导向，持续深化"
              "政务公开，主动回应关切，全年公开信息2900余条。",
        "s5": "一是培训不足；二是公开平台功能有待完善。"})
    assert check_report(r) == []


# -- text against tables ---------------------------------------------------------------------------

def test_pingtan_applications_handled_against_table3():
    r = pingtan_2024()
    # 218 = 新收 218 + 上年结转 0 = 办理结果总计 218.  Settle one application fewer and take it
    # off the new ones: the text's 218 then matches no reading of 表三 (217 either way).
    r.cells["t3.r1_new.natural"] = 216
    r.cells["t3.r3_1_open.natural"] = 70
    (f,) = _rule(r, "text_vs_table")
    assert f.severity == WARNING and f.text_key == "s1" and f.section == "s1"
    assert _quoted(r, f) == "全年办理政府信息公开申请218件"
    assert "218件" in f.message and "217 件" in f.message
    assert "“一、总体情况”" in f.message and "表三「一、本年新收政府信息公开申请数量」「总计」" in f.message
    assert f.cells == ("t3.r1_new.total", "t3.r2_carried_in.total")


def test_pingtan_normative_documents_made():
    r = pingtan_2024()
    r.cells["t2_1.normative_docs.made"] = 61
    (f,) = _rule(r, "text_vs_table")
    assert _quoted(r, f) == "动态更新发布本年度制发行政规范性文件62件"
    assert "62件" in f.message and "为 61 件" in f.message
    assert f.cells == ("t2_1.normative_docs.made",)
    assert "「行政规范性文件」「本年制发件数」" in f.message


@pytest.mark.parametrize("cell,value,quote", [
    ("t3.r1_new.commercial", 4, "全年共收到政府信息公开申请46件"),  # new 47 vs 46
    ("t3.r2_carried_in.natural", 3, "上年结转2件"),
    ("t3.r4_carried_out.natural", 2, "结转下年度继续办理3件"),
    ("t3.r3_1_open.natural", 21, "已办结45件"),
    ("t2_1.normative_docs.repealed", 3, "废止2件"),
    ("t2_1.normative_docs.in_force", 39, "截至年底现行有效行政规范性文件38件"),
    ("t2_5.licensing.decisions", 1865, "全年作出行政许可决定1856件"),
    ("t2_6.penalty.decisions", 372, "行政处罚决定327件"),
    ("t2_6.coercion.decisions", 0, "行政强制决定9件"),
    ("t2_8.admin_fees.fee_amount", Decimal("5236"), "全年收取行政事业性收费5236000元"),
    ("t4.cases.rv_upheld", 2, "本年度因政府信息公开被申请行政复议1件"),
    ("t4.cases.la_pending", 1, "被提起行政诉讼1件"),
])
def test_each_statement_of_the_county_report_is_compared(cell, value, quote):
    r = county_2023()
    r.cells[cell] = value
    found = _rule(r, "text_vs_table")
    assert [_quoted(r, f) for f in found] == [quote]


def test_money_in_yuan_against_wan_yuan_names_both_units():
    r = county_2023()
    r.texts["s1"] = r.texts["s1"].replace("5236000元", "523.6元")  # 元 where 万元 was meant
    (f,) = _rule(r, "text_vs_table")
    assert "523.6元" in f.message and "为 523.6 万元（即 5236000 元）" in f.message
    r.texts["s1"] = r.texts["s1"].replace("523.6元", "523.6万元")
    assert _rule(r, "text_vs_table") == []


def test_rounded_amounts_agree_at_the_precision_written():
    r = pingtan_2024()
    r.texts["s6"] = "全年行政事业性收费18651万元，合1.87亿元。本年度未收取信息处理费。"
    assert _rule(r, "text_vs_table") == []
    r.texts["s6"] = "全年行政事业性收费18650万元。"
    (f,) = _rule(r, "text_vs_table")
    assert "18650万元" in f.message and "18651.06 万元" in f.message


def test_chinese_numerals_and_full_width_digits_count():
    r = bureau_2020()  # 收到政府信息公开申请十二件; 表三 new = 12
    assert _rule(r, "text_vs_table") == []
    r.cells["t3.r1_new.natural"] = 13
    r.cells["t3.r3_1_open.natural"] = 10
    (f,) = _rule(r, "text_vs_table")
    assert "十二件" in f.message and "为 13 件" in f.message
    r = street_2024()
    r.texts["s3"] = "本年度收到政府信息公开申请２件。"
    (f,) = _rule(r, "text_vs_table")
    assert "２件" in f.message and "为 0 件" in f.message


def test_procurement_amount_with_the_unit_the_clerk_chose():
    r = bureau_2020()  # 采购总金额86.5万元, table 86.5 in 万元
    assert _rule(r, "text_vs_table") == []
    r.units["t2_9.central_procurement.amount"] = "元"  # now the table says 86.5 元
    (f,) = _rule(r, "text_vs_table")
    assert "86.5万元" in f.message and "86.5 元" in f.message


@pytest.mark.parametrize("sentence", [
    "收到的申请同比增加7件。",  # a change, not a count
    "收到申请的数量较上年增加12件。",
    "共收到政府信息公开申请200余件。",  # approximate
    "行政许可、行政处罚决定分别为1856件、327件。",  # 分别: which is which is a guess
    "全年受理群众咨询120件。",  # 咨询 is not an application
    "全年办理人大代表建议32件、政协提案41件。",
    "申请人中自然人申请41件，占89.1%。",
    "网上办理行政许可率达98%。",
    "司法局全年办理行政复议案件120件。",  # cases the bureau decides for others, no 公开 in view
    "制定内部规章制度5件。",  # 规章制度 are not 规章
    "按照《条例》第二十条的规定，公开行政处罚结果。",
    "统计期限为2023年1月1日至2023年12月31日。",
    "办结的申请中，其中予以公开20件。",  # a part
    "受理行政许可申请5000件。",
])
def test_number_traps_are_not_compared(sentence):
    r = county_2023()
    for cell in r.fmt.input_ids:  # every table value differs from every number above
        if r.fmt.cells[cell].column.type != "decimal":
            r.cells[cell] = 999
    r.cells["t2_8.admin_fees.fee_amount"] = Decimal("999")
    r.texts = {"s3": sentence}
    assert _rule(r, "text_vs_table") == []


def test_a_clause_without_a_topic_inherits_the_paragraphs():
    r = county_2023()
    r.texts["s3"] = "全年收到政府信息公开申请46件。已办结45件，结转下年度3件。"
    assert _rule(r, "text_vs_table") == []
    r.texts["s3"] = "全年收到政府信息公开申请46件。已办结44件，结转下年度3件。"
    (f,) = _rule(r, "text_vs_table")
    assert _quoted(r, f) == "已办结44件" and "为 45 件" in f.message
    # A clause about 建议 in between stops the inheritance.
    r.texts["s3"] = "全年收到政府信息公开申请46件，人大代表建议12件，已办结44件。"
    assert _rule(r, "text_vs_table") == []


def test_received_including_carried_in_and_spaced_numbers():
    r = county_2023()  # new 46, carried in 2
    r.texts["s3"] = "全年共收到政府信息公开申请48件（含上年结转2件）。"
    assert _rule(r, "text_vs_table") == []
    r.texts["s3"] = "全年共收到政府信息公开申请 47 件。"  # spaces, as text pasted from a PDF has
    (f,) = _rule(r, "text_vs_table")
    assert _quoted(r, f) == "全年共收到政府信息公开申请 47 件"


def test_incomplete_tables_are_not_compared():
    r = county_2023()
    r.texts["s3"] = "全年收到政府信息公开申请50件。"
    del r.cells["t3.r1_new.research"]
    assert _rule(r, "text_vs_table") == []  # the blank is reported; the sum is not yet known


# -- claims against the tables ---------------------------------------------------------------------

def test_all_settled_against_carried_over():
    r = county_2023()  # 3 carried over to next year
    r.texts["s3"] = "本年度收到的政府信息公开申请均已按时办结。"
    (f,) = _rule(r, "text_claim_vs_table")
    assert _quoted(r, f) == "本年度收到的政府信息公开申请均已按时办结"
    assert "为 3" in f.message and "表三「四、结转下年度继续办理」「总计」" in f.message
    assert f.cells == ("t3.r4_carried_out.total",)
    r.texts["s3"] = "全年收到政府信息公开申请46件，均已办结。"  # the claim inherits 申请
    assert len(_rule(r, "text_claim_vs_table")) == 1


@pytest.mark.parametrize("sentence", [
    "上年结转的2件申请均已办结。",  # about the carried-in ones
    "所有申请均在法定期限内答复。",  # timeliness, not completeness
    "全年承办人大代表建议32件、政协提案41件，均已按时办结。",  # not applications
    "群众来信来访均已办结。",
])
def test_settled_claims_about_something_else(sentence):
    r = county_2023()
    r.texts["s3"] = sentence
    assert _rule(r, "text_claim_vs_table") == []


def test_no_review_no_litigation_claims():
    r = street_2024()
    assert _rule(r, "text_claim_vs_table") == []
    r.cells["t4.cases.la_pending"] = 1
    (f,) = _rule(r, "text_claim_vs_table")
    assert "行政诉讼" in _quoted(r, f) and f.cells == ("t4.cases.ld_total", "t4.cases.la_total")
    r.texts["s1"] = r.texts["s1"].replace("本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
                                          "未经复议直接起诉的案件1件。")
    assert _rule(r, "text_claim_vs_table") == []


def test_no_applications_claim_and_no_fee_notice_claim():
    r = street_2024()
    r.cells["t3.r1_new.natural"] = 1
    r.cells["t3.r3_6_2_no_fee.natural"] = 1
    found = _rule(r, "text_claim_vs_table")
    assert [_quoted(r, f) for f in found] == ["本年度未收到政府信息公开申请"]
    r.texts["s6"] = "本年度未发出收费通知，未收取信息处理费。"
    found = _rule(r, "text_claim_vs_table")
    assert {_quoted(r, f) for f in found} == {"本年度未收到政府信息公开申请", "本年度未发出收费通知"}


# -- a total against its own breakdown -------------------------------------------------------------

def test_breakdown_exceeding_its_total():
    r = county_2023()
    r.texts["s1"] = r.texts["s1"].replace("财政信息52条", "财政信息3052条")  # 146+87+3052 = 3285 > 3268
    (f,) = _rule(r, "text_total_vs_parts")
    assert f.severity == WARNING and f.text_key == "s1"
    assert "3268条" in f.message and "3285 条" in f.message
    assert _quoted(r, f).startswith("全年通过县政府门户网站主动公开政府信息3268条")


def test_exhaustive_breakdown_summing_to_less():
    r = county_2023()
    r.texts["s3"] = "全年收到政府信息公开申请46件，其中自然人申请41件、法人或其他组织申请4件。"
    (f,) = _rule(r, "text_total_vs_parts")
    assert "46件" in f.message and "合计 45 件" in f.message
    r.texts["s3"] = "全年收到政府信息公开申请46件，其中自然人申请41件、法人或其他组织申请5件。"
    assert _rule(r, "text_total_vs_parts") == []
    r.texts["s3"] = "公开信息3268条，其中政策文件146条、其他信息3100条。"  # 其他 closes the list: 3246
    assert len(_rule(r, "text_total_vs_parts")) == 1


def test_open_ended_breakdowns_and_other_units_are_left_alone():
    r = county_2023()
    for s in ["公开信息3268条，其中政策文件146条、人事信息87条等。",
              "主动公开信息10407条，其中政策解读96篇、图解30篇。",
              "收到申请46件，同比增加7件，其中自然人41件、法人5件。",
              "收到申请46件，其中约40件涉及规划。"]:
        r.texts["s3"] = s
        assert _rule(r, "text_total_vs_parts") == [], s


# -- last year's leftovers -------------------------------------------------------------------------

def test_text_not_reviewed_is_a_warning_on_its_tab():
    r = county_2023()
    r.review = ["s1", "preamble", "s2"]  # s2 is empty: nothing to review
    found = _rule(r, "text_not_reviewed")
    assert [(f.text_key, f.section) for f in found] == [("preamble", "info"), ("s1", "s1")]
    assert all(f.severity == WARNING and "尚未复核" in f.message for f in found)


def test_last_years_year_left_in_the_text():
    r = county_2023()
    r.year = 2024  # the 2023 texts left in a 2024 report
    r.date = "2025-01-20"
    found = _rule(r, "text_old_year")
    quoted = [(f.text_key, _quoted(r, f)) for f in found]
    # 「统计期限自2023年1月1日起至2023年12月31日止」 gives two years; each is named once.
    assert quoted == [("preamble", "统计期限自2023年"), ("preamble", "至2023年12月31日"),
                      ("s1", "2023年")]
    assert "2024年" in found[0].message and "2023年" in found[0].message
    # 「2023年，……」 opening a paragraph: the year is quoted and marked, not the comma after it.
    assert "写“2023年”，这里应是报告年度2024年" in found[2].message


def test_report_year_in_chinese_numerals_and_later_years_as_plans():
    r = street_2024()
    r.year = 2025
    found = _rule(r, "text_old_year")
    assert [_quoted(r, f) for f in found] == ["现将某街道办事处二〇二四年", "二〇二四年"]
    r = pingtan_2024()
    # 「2025年，将重点从以下方面做好改进」 in s5 is a plan for next year; 2024 is the report year.
    assert _rule(r, "text_old_year") == []
    r.texts["s5"] = "2024年度报告所列问题已全部整改。" + r.texts["s5"]
    r.year = 2025
    quoted = [_quoted(r, f) for f in _rule(r, "text_old_year")]
    assert "2024年度报告所列问题已全部整改" not in "".join(quoted)  # mentioning last year is fine


def test_similarity_above_half_is_a_warning_with_the_repeated_passages():
    r = county_2023()
    s5 = r.texts["s5"]
    first, second, third = s5.split("\n")
    # Last year's 五 had the first two paragraphs word for word; the third is new this year.
    r.last_year = LastYear(2022, {}, texts={"s5": first + "\n" + second})
    (f,) = _rule(r, "text_repeats_last_year")
    passages = [r.text("s5")[s:e] for s, e in f.spans]
    # The repeated paragraphs are marked from their first to their last counted character (the
    # opening （ and the closing 。 are punctuation), as one passage: only punctuation and a
    # line break lie between them.
    assert passages == [(first + "\n" + second)[1:-1]]
    assert f.span == f.spans[0]
    # Share by hand, punctuation left out: first paragraph 1+7+16+12 = 36 characters, second
    # 1+4+3+9+6+6 = 29, third 1+9+16+8+5 = 39 (the 3 of 培训3次 counts); repeated 65 of 104 =
    # 62.5 % → 63%.
    assert "63%" in f.message and "2022年" in f.message


def test_similarity_at_or_below_half_and_short_texts_are_quiet():
    r = county_2023()
    s5 = r.texts["s5"]
    first = s5.split("\n")[0]
    r.last_year = LastYear(2022, {}, texts={"s5": first})  # 36 of 104 repeated
    assert _rule(r, "text_repeats_last_year") == []
    r.last_year = LastYear(2022, {}, texts={"s6": r.texts["s6"]})
    r.texts["s6"] = "本年度未收取信息处理费。"  # the same sentence every year is no copying
    r.last_year.texts["s6"] = r.texts["s6"]
    assert _rule(r, "text_repeats_last_year") == []


# -- completeness ----------------------------------------------------------------------------------

def test_missing_signing_date():
    r = county_2023()
    r.date = ""
    (f,) = _rule(r, "date_missing")
    assert f.section == "info" and f.severity == WARNING and "成文日期" in f.message


def test_a_closing_that_repeats_the_signature_is_pointed_out():
    """Every export signs the report with the agency and the date under the closing text: an
    agency or date typed into 结尾落款 as well prints twice (the sample did just that)."""
    r = county_2023()
    r.date = "2024-01-20"
    r.texts["closing"] = f"特此报告。\n{r.agency}\n2024年1月20日"
    (f,) = _rule(r, "closing_repeats_signature")
    assert f.severity == WARNING and f.text_key == "closing" and f.section == "info"
    assert _quoted(r, f) == f"{r.agency}\n2024年1月20日"  # the two lines, not 特此报告。
    assert "自动" in f.message and "机关名称" in f.message
    for written in (f" {r.agency} ", "二〇二四年一月二十日", f"{r.agency}\u30002024年1月20日"):
        r.texts["closing"] = written
        assert len(_rule(r, "closing_repeats_signature")) == 1, written
    # A closing note of its own, a line naming the office to contact, another date: fine.
    for fine in ("特此报告。", f"如对本报告有疑问，请与{r.agency}联系。", "本报告于2024年1月20日经审议通过。"):
        r.texts["closing"] = fine
        assert _rule(r, "closing_repeats_signature") == [], fine


def test_table4_wholly_blank_is_said_once():
    r = county_2023()
    for c in [c for c in r.cells if c.startswith("t4.")]:
        del r.cells[c]
    found = check_report(r)
    (f,) = [x for x in found if x.rule == "t4_all_blank"]
    assert f.section == "s4" and len(f.cells) == 12  # 3 blocks × 4 entered columns
    assert not [x for x in found if x.rule == "blank_cells" and x.section == "s4"]
    r.cells["t4.cases.rv_upheld"] = 0  # partly filled: the blank cells are counted as usual
    found = check_report(r)
    assert not [x for x in found if x.rule == "t4_all_blank"]
    assert [x for x in found if x.rule == "blank_cells" and x.section == "s4"]


def test_section_five_must_answer_last_years_problems():
    r = pingtan_2024()
    r.last_year = LastYear(2023, {}, texts={"s5": "一是公开深度不够。二是解读形式单一。"})
    (f,) = _rule(r, "s5_last_year_problems")
    assert f.text_key == "s5" and "2023年报告" in f.message
    r.texts["s5"] += "针对2023年度报告所列问题，已逐项整改。"
    assert _rule(r, "s5_last_year_problems") == []
    r.last_year = None
    r.texts["s5"] = "一是公开深度不够。"
    assert _rule(r, "s5_last_year_problems") == []  # unknown last year: nothing to compare


def test_a_copied_section_five_does_not_answer_last_years_problems():
    """平潭's 五 carried into 2025 unchanged opens with 「2024年，」: a year, not an answer."""
    r = pingtan_2024()
    r.last_year = LastYear(2024, {}, texts={"s5": r.texts["s5"]})
    r.year = 2025
    assert len(_rule(r, "s5_last_year_problems")) == 1


def test_headings_in_the_text():
    r = county_2023()
    r.texts["s5"] = "五、存在的主要问题和改进措施\n" + r.texts["s5"]  # the seed report's wording
    (f,) = _rule(r, "text_headings")
    assert _quoted(r, f) == "五、存在的主要问题和改进措施"
    assert "五、存在的主要问题及改进情况" in f.message
    r.texts["s5"] = "五、存在的主要问题及改进情况\n一是……"
    (f,) = _rule(r, "text_headings")
    assert "两次" in f.message
    r.texts["s5"] = "一、加强培训\n二、丰富形式\n三、完善制度"  # a numbered list, not headings
    assert _rule(r, "text_headings") == []


def test_a_whole_report_pasted_into_one_text_needs_all_six_official_headings():
    r = county_2023()
    r.texts["preamble"] = ("一、工作情况概述\n内容。\n二、主动公开政府信息情况\n内容。\n"
                           "三、收到和处理政府信息公开申请情况\n内容。\n五、存在的主要问题及改进情况\n内容。")
    found = _rule(r, "text_headings")
    messages = " ".join(f.message for f in found)
    assert "“一、工作情况概述”" in messages and "应为“一、总体情况”" in messages
    assert "缺少“四、政府信息公开行政复议、行政诉讼情况”、“六、其他需要报告的事项”" in messages


def test_overview_length_limit_is_off_unless_set():
    r = pingtan_2024()
    assert _rule(r, "s1_too_long") == []
    chars = sum(1 for ch in r.texts["s1"] if not ch.isspace())
    assert _rule(r, "s1_too_long", {"overview_max_chars": chars}) == []
    (f,) = _rule(r, "s1_too_long", {"overview_max_chars": 1000})
    assert f"共 {chars} 字" in f.message and "上限 1000 字" in f.message


# -- hygiene ---------------------------------------------------------------------------------------

def test_punctuation_is_a_hint_with_every_slip():
    r = county_2023()
    r.texts["s3"] = "本年度申请人主要关注征地拆迁,城乡规划 等方面的信息."
    (f,) = _rule(r, "text_punctuation")
    assert f.severity == HINT and f.text_key == "s3"
    # 本年度申请人主要关注征地拆迁 is 14 characters (0–13): the comma is at 14; 城乡规划 15–18,
    # the space at 19; 等方面的信息 20–25, the full stop at 26 — counted by hand.
    assert f.spans == ((14, 15), (19, 20), (26, 27)) and f.span == (14, 15)
    assert "3 处" in f.message and "规范标点" in f.message


# -- 表三 while cells are blank --------------------------------------------------------------------

def test_table3_balance_is_a_hint_while_blank_and_an_error_once_complete():
    r = full_report("2021")
    for c in [c for c in r.cells if c.startswith("t3.") and c.endswith(".natural")]:
        del r.cells[c]
    # The clerk typed only the non-zero numbers of 自然人: 5 new, 3 published, 1 carried over.
    r.cells.update({"t3.r1_new.natural": 5, "t3.r3_1_open.natural": 3, "t3.r4_carried_out.natural": 1})
    (f,) = [x for x in check_report(r) if x.rule == "t3_balance_natural"]
    assert f.severity == HINT
    assert "按空白为0计算：第一项加第二项之和为 5，第三项加第四项之和为 4，相差 1" in f.message
    r.cells["t3.r3_2_partial.natural"] = 1  # balanced with blanks as 0: quiet
    assert not [x for x in check_report(r) if x.rule == "t3_balance_natural"]
    r.cells["t3.r3_2_partial.natural"] = 2
    for c in [c for c in r.fmt.input_ids if c.endswith(".natural")]:
        r.cells.setdefault(c, 0)  # 空白填0: complete, and off by one
    (f,) = [x for x in check_report(r) if x.rule == "t3_balance_natural"]
    assert f.severity == ERROR and "按空白为0计算" not in f.message and "相差 1" in f.message


def test_nothing_typed_in_a_column_says_nothing():
    r = full_report("2021")
    for c in [c for c in r.cells if c.startswith("t3.") and c.endswith(".research")]:
        del r.cells[c]
    assert not [x for x in check_report(r) if x.rule == "t3_balance_research"]


def test_every_text_rule_is_in_both_formats():
    from model.formats import available_formats, load_format

    for fid in available_formats():
        assert TEXT_RULES <= {r.id for r in load_format(fid).rules}
