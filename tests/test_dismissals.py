"""不再提示: dismissing a warning, keeping it in the draft, restoring it; errors stay."""

from __future__ import annotations

import json

import pytest

from factories import full_report
from model import dismissals
from model.checks import ERROR, WARNING, run_checks
from model.draft_io import dumps, load_draft, loads, save_draft
from model.errors import DraftReadError
from real_reports import county_2023


def _contradiction():
    r = county_2023()
    r.cells["t2_1.normative_docs.in_force"] = 39  # the text says 38
    (f,) = [f for f in run_checks(r).findings if f.rule == "text_vs_table"]
    return r, f


def test_a_dismissed_warning_is_kept_apart_with_its_reason():
    r, f = _contradiction()
    r.dismissed = dismissals.dismiss(r.dismissed, f, r.texts, "  表格含本年新制发的一件，已核实  ")
    (d,) = r.dismissed
    assert (d.rule, d.cells, d.text_key) == ("text_vs_table", ("t2_1.normative_docs.in_force",), "s1")
    assert d.quote == "截至年底现行有效行政规范性文件38件" and d.span == f.span
    assert d.reason == "表格含本年新制发的一件，已核实"
    result = run_checks(r)
    assert f not in result.findings
    assert result.dismissed == [(f, d)]
    # Dismissing twice keeps one record; restoring brings it back.
    assert dismissals.dismiss(r.dismissed, f, r.texts) == r.dismissed
    r.dismissed = dismissals.restore(r.dismissed, f, r.texts)
    assert r.dismissed == [] and f in run_checks(r).findings


def test_a_dismissal_follows_its_sentence_and_lapses_when_it_is_rewritten():
    r, f = _contradiction()
    r.dismissed = dismissals.dismiss(r.dismissed, f, r.texts)
    r.texts["s1"] = "新增的开头一段。\n" + r.texts["s1"]  # the sentence moves
    result = run_checks(r)
    assert not [x for x in result.findings if x.rule == "text_vs_table"]
    (moved, _), = result.dismissed
    assert moved.span == (f.span[0] + 9, f.span[1] + 9)
    r.texts["s1"] = r.texts["s1"].replace("文件38件", "文件37件")  # rewritten: a new finding
    assert [x.rule for x in run_checks(r).findings if x.rule == "text_vs_table"] == ["text_vs_table"]


def test_cell_warnings_are_dismissed_by_rule_and_cells():
    r = full_report("2021")
    r.cells["t2_8.admin_fees.fee_amount"] = 20000  # ≥ 10000 万元: the unit-sanity warning
    (f,) = run_checks(r).findings
    assert f.severity == WARNING
    r.dismissed = dismissals.dismiss([], f, r.texts)
    assert run_checks(r).findings == []


def test_errors_cannot_be_dismissed():
    r = full_report("2021")
    r.cells["t3.r1_new.natural"] += 1
    (f,) = [x for x in run_checks(r).findings if x.rule == "t3_balance_natural"]
    assert f.severity == ERROR
    assert not dismissals.can_dismiss(f)
    assert dismissals.dismiss([], f, r.texts) == []
    # Even a hand-made record in the draft does not hide an error.
    r.dismissed = [dismissals.Dismissal(f.rule, f.cells)]
    assert f in run_checks(r).findings and run_checks(r).dismissed == []


def test_whole_text_findings_are_dismissed_for_that_text():
    r = county_2023()
    r.texts["s3"] = "本年度申请人主要关注征地拆迁,城乡规划等方面的信息."
    (f,) = [x for x in run_checks(r).findings if x.rule == "text_punctuation"]
    r.dismissed = dismissals.dismiss([], f, r.texts)
    assert r.dismissed[0].quote == ""  # several slips: the finding is about the text
    r.texts["s3"] += "另有一处,半角逗号。"
    assert not [x for x in run_checks(r).findings if x.rule == "text_punctuation"]


def test_dismissals_round_trip_through_the_draft(tmp_path):
    r, f = _contradiction()
    r.dismissed = dismissals.dismiss([], f, r.texts, "已核实")
    path = tmp_path / "d.gknb"
    save_draft(path, r)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["dismissed"] == [{"rule": "text_vs_table", "cells": ["t2_1.normative_docs.in_force"],
                                  "text_key": "s1", "span": list(f.span),
                                  "quote": "截至年底现行有效行政规范性文件38件", "reason": "已核实"}]
    back = load_draft(path)
    assert back.dismissed == r.dismissed
    assert dumps(back) == dumps(r)
    assert run_checks(back).dismissed == [(f, r.dismissed[0])]


@pytest.mark.parametrize("bad", [
    {}, [{"cells": []}], [{"rule": ""}], [{"rule": "x", "cells": "t3"}], [{"rule": "x", "span": [5, 2]}],
    [{"rule": "x", "span": [1]}], [{"rule": "x", "reason": 3}], ["x"],
])
def test_malformed_dismissals_are_refused(bad):
    data = json.loads(dumps(full_report("2021")))
    data["dismissed"] = bad
    with pytest.raises(DraftReadError, match="已忽略的提示"):
        loads(json.dumps(data).encode("utf-8"))


# -- as change sets (model/changes.py): one undo step each ----------------------------------------

def test_dismiss_and_restore_are_change_sets_undone_by_their_inverse():
    from model import changes
    from model.changes import apply_change

    r, f = _contradiction()
    change = changes.dismiss(r, f, "已核实")
    assert change.label == "不再提示" and len(change.dismissed) == 1
    inverse = apply_change(r, change)
    assert f not in run_checks(r).findings
    apply_change(r, inverse)
    assert r.dismissed == [] and f in run_checks(r).findings
    apply_change(r, change)
    assert changes.dismiss(r, f).effective(r).is_empty()  # already set aside
    back = changes.restore(r, f)
    apply_change(r, back)
    assert r.dismissed == []
    assert changes.restore(r, f).effective(r).is_empty()


def test_an_error_gives_an_empty_change():
    from model import changes

    r = full_report("2021")
    r.cells["t3.r1_new.natural"] += 1
    f = next(x for x in run_checks(r).findings if x.severity == ERROR)
    assert changes.dismiss(r, f).is_empty()


def test_normalize_punctuation_is_one_change_over_every_text():
    from model import changes
    from model.changes import apply_change

    r = county_2023()
    r.texts["s3"] = "申请人主要关注征地拆迁,城乡规划 等信息."
    r.texts["closing"] = "特此报告.\n某县人民政府办公室"
    change = changes.normalize_punctuation(r)
    assert change.texts == {"s3": "申请人主要关注征地拆迁，城乡规划等信息。",
                            "closing": "特此报告。\n某县人民政府办公室"}
    assert change.label == "规范标点" and "4 处" in change.note
    inverse = apply_change(r, change)
    assert not [x for x in run_checks(r).findings if x.rule == "text_punctuation"]
    apply_change(r, inverse)
    assert r.texts["s3"] == "申请人主要关注征地拆迁,城乡规划 等信息."
    assert changes.normalize_punctuation(county_2023()).texts == {}
