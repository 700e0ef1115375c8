"""The question before export and print names what a reader of the published report would see."""

from __future__ import annotations

from model.checks import check_report
from model.release_check import release_concerns, release_question
from real_reports import county_2023


def test_a_clean_report_needs_no_question():
    r = county_2023()
    assert release_concerns(r, check_report(r)) == []
    assert release_question(r, check_report(r), "导出PDF") == ""


def test_leftovers_contradictions_and_errors_are_named():
    r = county_2023()
    r.review = ["s1", "s5"]
    r.date = ""
    r.cells["t2_1.normative_docs.in_force"] = 39  # text says 38
    r.texts["s3"] = "本年度收到的政府信息公开申请均已办结。"  # 3 carried over
    r.cells["t3.r1_new.natural"] += 1  # two columns off balance, the 新收 total unchanged (46)
    r.cells["t3.r1_new.commercial"] -= 1
    lines = release_concerns(r, check_report(r))
    assert lines == [
        "2 个错误：表三「自然人」列勾稽关系不成立；表三「商业企业」列勾稽关系不成立",
        "从上年带入、尚未复核的正文：一、总体情况、五、存在的主要问题及改进情况",
        "正文所述数字与表格或与自身不一致 2 处（一、总体情况、三、收到和处理政府信息公开申请情况）",
        "未填写成文日期，落款处没有日期",
    ]
    q = release_question(r, check_report(r), "打印")
    assert q.startswith("报告还有以下问题") and "• 2 个错误" in q and q.endswith("仍要打印吗？")


def test_ordinary_warnings_and_hints_are_not_asked_about():
    r = county_2023()
    del r.cells["t3.r1_new.research"]  # a blank cell
    r.texts["s3"] = "申请人主要关注征地拆迁,城乡规划。"  # a punctuation hint
    assert release_concerns(r, check_report(r)) == []


def test_the_errors_are_named_not_guessed():
    """「1 个错误（表格数字不符等）」 for a report without its agency named the wrong thing."""
    r = county_2023()
    r.agency = ""
    assert release_concerns(r, check_report(r)) == ["1 个错误：未填写机关名称"]
    for c in ("t3.r1_new.natural", "t3.r1_new.commercial", "t3.r1_new.research", "t3.r1_new.legal_service"):
        r.cells[c] += 1  # four columns and the total off balance: six errors in all, three named
    line = release_concerns(r, check_report(r))[0]  # (一 now contradicts 表三 too)
    assert line.startswith("6 个错误：未填写机关名称；表三「自然人」列勾稽关系不成立；") and line.endswith("等")
    assert line.count("；") == 2
