"""Every rule of every format fires on a seeded mistake and stays quiet on a clean report."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from factories import full_report
from model.checks import ERROR, HINT, WARNING, check_report
from model.formats import available_formats, load_format
from model.report import LastYear

RULES = [(fid, rule) for fid in available_formats() for rule in load_format(fid).rules]


def _input_addend(fmt, cell_id):
    """An entered cell that feeds cell_id (itself when it is entered)."""
    comp = {c.cell: c.addends for c in fmt.computed}
    while cell_id in comp:
        cell_id = comp[cell_id][0]
    return cell_id


def seed_mistake(report, rule):
    """Change a clean report so that this rule has something to say; returns the check options."""
    fmt = report.fmt
    p = rule.params
    kind = rule.kind
    values = report.values()
    if kind == "equal_sums":
        c = _input_addend(fmt, p["left"][0])
        report.cells[c] += 1
    elif kind == "le_sums":
        c = _input_addend(fmt, p["left"][0])
        report.cells[c] = report.values()[p["right"][0]] + sum(report.values()[x] for x in p["right"]) + 5
    elif kind == "stated_total":
        report.cells[p["cell"]] = report.values()[p["cell"]] + 3
    elif kind == "cell_type":
        cid = next(c for c in fmt.input_ids if fmt.cells[c].table.id == p["table"])
        report.cells[cid] = "12a"
    elif kind == "cross_year_equal":
        now = report.values()[p["cell"]]
        report.last_year = LastYear(report.year - 1, {p["last_year_cell"]: now + 2})
    elif kind == "cross_year_stock":
        report.last_year = LastYear(report.year - 1, {p["last_year_cell"]: report.values()[p["cell"]] + 7})
    elif kind == "unit_sanity":
        report.cells[p["cells"][0]] = Decimal(p["limit"]) * 3
    elif kind == "nonneg_sum":
        a, b = p["cells"]
        report.cells[b] = -(report.values()[a] + 2)
    elif kind == "unit_required":
        report.units.pop(p["cells"][0], None)
    elif kind == "text_substantive":
        report.texts[p["section"]] = "无。"
    elif kind == "text_mentions":
        report.texts[p["section"]] = "落实上级年度政务公开工作要点情况良好。"
    elif kind == "text_placeholder":
        report.texts["s1"] = "本年度主动公开信息XX条……"
    elif kind == "text_required":
        report.texts.pop(p["sections"][0], None)
    elif kind == "agency_required":
        report.agency = "  "
    elif kind == "blank_cells":
        report.cells.pop(report.fmt.input_ids[0])
    elif kind == "format_year":
        report.year = report.fmt.first_year - 1
    elif kind == "text_numbers":
        report.texts["s3"] = f"全年共收到政府信息公开申请{values['t3.r1_new.total'] + 1}件。"
    elif kind == "text_claims":
        report.cells["t3.r4_carried_out.natural"] += 1
        report.cells["t3.r1_new.natural"] += 1
        report.texts["s3"] = "本年度收到的政府信息公开申请均已按时办结。"
    elif kind == "text_breakdown":
        report.texts["s1"] += "\n全年主动公开信息10条，其中政策文件8条、其他信息3条。"
    elif kind == "text_review":
        report.review = ["s1"]
    elif kind == "text_report_year":
        report.texts["preamble"] = f"现将{report.year - 1}年度政府信息公开工作年度报告公布如下。"
    elif kind == "text_similarity":
        long = ("本年度，我单位坚持以人民为中心的发展思想，围绕中心工作，深化政务公开，"
                "健全完善政府信息公开制度，规范信息发布流程，提升公开质量和实效。")
        report.texts[p["sections"][0]] = long
        report.last_year = LastYear(report.year - 1, {}, texts={p["sections"][0]: long})
    elif kind == "date_required":
        report.date = ""
    elif kind == "table_blank":
        for cid in [c for c in report.cells if fmt.cells[c].table.id == p["table"]]:
            del report.cells[cid]
    elif kind == "text_mentions_last_year":
        report.last_year = LastYear(report.year - 1, {}, texts={p["section"]: "一是培训不够。"})
        report.texts[p["section"]] = "一是公开内容不够全面；二是解读形式较为单一。"
    elif kind == "text_headings":
        report.texts["s5"] = "五、存在的主要问题和改进措施\n" + report.texts["s5"]
    elif kind == "text_length":
        return {p["setting"]: 10}
    elif kind == "text_punctuation":
        report.texts["s1"] += "\n全年主动公开政府信息,主动回应关切。"
    elif kind == "closing_signature":
        report.texts["closing"] = f"特此报告。\n{report.agency}"
    else:
        raise AssertionError(f"no seeded mistake for rule kind {kind}")
    return None


@pytest.mark.parametrize("fid", available_formats())
@pytest.mark.parametrize("seed", range(4))
def test_clean_report_has_no_findings(fid, seed):
    assert check_report(full_report(fid, seed)) == []


@pytest.mark.parametrize("fid,rule", RULES, ids=[f"{f}-{r.id}" for f, r in RULES])
def test_rule_fires_on_seeded_mistake(fid, rule):
    report = full_report(fid)
    options = seed_mistake(report, rule)
    fired = [f for f in check_report(report, options) if f.rule == rule.id]
    assert fired, f"{rule.id} did not fire"
    for f in fired:
        assert f.severity == rule.severity
        assert re.search(r"[\u4e00-\u9fff]", f.message)
        assert all(c in report.fmt.cells for c in f.cells)
        assert f.section in {s.id for s in report.fmt.sections} | {"info"}
        if f.span is not None:
            assert f.text_key in report.fmt.text_keys()
            assert 0 <= f.span[0] < f.span[1] <= len(report.text(f.text_key))


def test_balance_message_gives_column_both_sides_and_difference():
    r = full_report("2021")
    r.cells["t3.r1_new.natural"] += 4
    (f,) = [x for x in check_report(r) if x.rule == "t3_balance_natural"]
    v = r.values()
    left = v["t3.r1_new.natural"] + v["t3.r2_carried_in.natural"]
    right = v["t3.r3_7_total.natural"] + v["t3.r4_carried_out.natural"]
    assert "自然人" in f.message
    assert f"为 {left}" in f.message and f"为 {right}" in f.message and "相差 4" in f.message
    assert f.severity == ERROR
    assert set(f.cells) == {"t3.r1_new.natural", "t3.r2_carried_in.natural",
                            "t3.r3_7_total.natural", "t3.r4_carried_out.natural"}


def test_missing_value_is_reported_as_missing_not_as_wrong_sum():
    r = full_report("2021")
    missing = r.cells.pop("t3.r3_1_open.natural")
    found = check_report(r)
    assert not [f for f in found if f.rule.startswith("t3_balance") and f.severity == ERROR]
    if missing:  # the balance with the blank counted as 0 is a hint, off by the missing value
        (hint,) = [f for f in found if f.rule == "t3_balance_natural"]
        assert hint.severity == HINT and "按空白为0计算" in hint.message
        assert f"相差 {missing}" in hint.message
    (blank,) = [f for f in found if f.rule == "blank_cells"]
    assert blank.cells == ("t3.r3_1_open.natural",) and blank.severity == WARNING
    assert "1 个空白单元格" in blank.message


def test_text_that_is_not_a_number_is_a_finding_on_its_cell_and_blocks_no_other_check():
    r = full_report("2021")
    r.cells["t3.r1_new.commercial"] = "12a"
    found = check_report(r)
    typed = [f for f in found if f.rule == "t3_nonneg_int"]
    assert [f.cells for f in typed] == [("t3.r1_new.commercial",)]
    assert "“12a”不是数字" in typed[0].message
    assert r.values()["t3.r1_new.total"] is None  # unknown, not a wrong number


@pytest.mark.parametrize("value,problem", [(-3, "不小于 0"), (Decimal("2.5"), "整数")])
def test_counts_must_be_non_negative_integers(value, problem):
    r = full_report("2021")
    r.cells["t4.cases.rv_upheld"] = value
    (f,) = [x for x in check_report(r) if x.rule == "t4_nonneg_int"]
    assert problem in f.message and f.cells == ("t4.cases.rv_upheld",)


def test_signed_delta_of_2019_may_be_negative():
    r = full_report("2019")
    r.cells["t2_5.licensing.prev_items"] = 10
    r.cells["t2_5.licensing.delta"] = -8
    assert check_report(r) == []


def test_fee_accepts_six_decimals_not_seven():
    r = full_report("2021")
    r.cells["t2_8.admin_fees.fee_amount"] = Decimal("1.123456")
    assert check_report(r) == []
    r.cells["t2_8.admin_fees.fee_amount"] = Decimal("1.1234567")
    assert [f.rule for f in check_report(r)] == ["t2_8_nonneg"]


def test_stated_totals_of_an_imported_report_are_checked_not_trusted():
    r = full_report("2021")
    right = r.values()["t3.r3_7_total.natural"]
    r.cells["t3.r3_7_total.natural"] = right  # an import that states the right total: quiet
    assert check_report(r) == []
    r.cells["t3.r3_7_total.natural"] = right + 1
    found = [f for f in check_report(r) if f.severity == ERROR]
    assert [f.rule for f in found] == ["t3_results_sum_natural"]
    assert f"填写的是 {right + 1}" in found[0].message and f"应为 {right}" in found[0].message
    assert r.values()["t3.r3_7_total.natural"] == right  # totals stay computed


def test_placeholder_and_empty_texts_are_warnings():
    r = full_report("2021")
    r.texts["s5"] = "无"
    r.texts["s1"] = "全年公开XX条，待补充。"
    rules = {f.rule for f in check_report(r)}
    assert {"s5_empty", "text_placeholder"} <= rules
    assert all(f.severity == WARNING for f in check_report(r))


def test_text_findings_name_their_text_and_the_span_to_select():
    r = full_report("2021")
    r.texts["closing"] = "特此报告。\n某某街道办事处XX科"
    r.texts["s5"] = ""
    found = {f.rule: f for f in check_report(r)}
    ph = found["text_placeholder"]
    assert ph.text_key == "closing" and ph.section == "info"
    assert r.texts["closing"][ph.span[0]:ph.span[1]] == "XX"
    assert ph.span == (13, 15)  # counted by hand: 特此报告。(5) + newline (1) + 某某街道办事处 (7)
    assert found["s5_empty"].text_key == "s5"
    assert found["s5_empty"].as_dict()["text_key"] == "s5"


# -- report_errors: the errors alone (what `main.py export` warns about), without the text rules --


def _as_dicts(findings):
    return [f.as_dict() for f in findings]


@pytest.mark.parametrize("fid,rule", RULES, ids=[f"{f}-{r.id}" for f, r in RULES])
def test_report_errors_are_the_errors_of_the_full_check(fid, rule):
    from model.checks import errors, report_errors

    report = full_report(fid)
    options = seed_mistake(report, rule)
    report.cells[next(iter(report.fmt.input_ids))] = None  # a blank too: partial sums as hints
    want = errors(check_report(report, options))
    assert _as_dicts(report_errors(report, options)) == _as_dicts(want)
    if rule.severity == ERROR:
        assert any(f.rule == rule.id for f in want)


def test_report_errors_skip_the_text_rules_but_not_one_made_an_error(monkeypatch):
    from dataclasses import replace

    import model.checks as checks
    from model.report import Report

    report = full_report("2021")
    report.cells["t3.r1_new.natural"] += 4  # 表三 no longer balances, in its 自然人 and 总计 columns
    report.texts["s1"] = "本年度,我单位认真贯彻落实条例。"  # a half-width comma: a hint
    balance = {"t3_balance_natural", "t3_balance_total"}
    ran = []
    real = checks._KINDS["text_punctuation"]
    monkeypatch.setitem(checks._KINDS, "text_punctuation",
                        lambda ctx, rule: ran.append(rule.id) or real(ctx, rule))
    assert {f.rule for f in checks.report_errors(report)} == balance
    assert ran == []  # the hint's rule never ran
    # A format that makes the punctuation rule an error: it runs, and its finding counts.
    fmt = report.fmt
    strict = replace(fmt, rules=[replace(r, severity=ERROR) if r.kind == "text_punctuation" else r
                                 for r in fmt.rules])
    monkeypatch.setattr(Report, "fmt", property(lambda self: strict))
    found = {f.rule for f in checks.report_errors(report)}
    punct = next(r.id for r in fmt.rules if r.kind == "text_punctuation")
    assert ran == [punct] and found == balance | {punct}
