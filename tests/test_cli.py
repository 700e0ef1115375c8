"""The command line: check (exit 0/1/2, --json), rollover."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factories import full_report
from model.draft_io import load_draft, save_draft

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def test_check_exit_codes_and_json(tmp_path):
    good = tmp_path / "good.gknb"
    save_draft(good, full_report("2021"))
    assert run("check", good).returncode == 0

    bad_report = full_report("2021")
    bad_report.cells["t3.r1_new.natural"] += 2
    bad_report.cells["t3.r4_carried_out.research"] = "12a"
    bad = tmp_path / "bad.gknb"
    save_draft(bad, bad_report)
    proc = run("check", bad, "--json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    rules = {f["rule"]: f for f in data["findings"]}
    assert "t3_balance_natural" in rules and "t3_nonneg_int" in rules
    f = rules["t3_balance_natural"]
    assert f["severity"] == "error" and "t3.r1_new.natural" in f["cells"] and "相差 2" in f["message"]
    assert data["errors"] == sum(x["severity"] == "error" for x in data["findings"])

    plain = run("check", bad)
    assert plain.returncode == 1 and "t3_balance_natural" in plain.stdout and "错误" in plain.stdout

    broken = tmp_path / "broken.gknb"
    broken.write_text("{not json", encoding="utf-8")
    proc = run("check", broken)
    assert proc.returncode == 2 and "无法读取" in proc.stderr and "Traceback" not in proc.stderr
    assert run("check", tmp_path / "missing.gknb").returncode == 2


def test_rollover_command(tmp_path):
    last = tmp_path / "2023.gknb"
    save_draft(last, full_report("2021", 5, year=2023))
    out = tmp_path / "2024.gknb"
    proc = run("rollover", last, "-o", out)
    assert proc.returncode == 0, proc.stderr
    new = load_draft(out)
    assert new.year == 2024 and new.last_year.year == 2023
    assert run("rollover", last, "-o", out).returncode == 2  # never overwrites silently
    assert run("check", out).returncode == 0


def test_check_json_lists_text_findings_with_spans_and_dismissals(tmp_path):
    from model import dismissals
    from model.checks import run_checks
    from real_reports import county_2023

    r = county_2023()
    r.cells["t2_1.normative_docs.in_force"] = 39  # the text says 38
    r.texts["s3"] = "本年度申请人主要关注征地拆迁,城乡规划等方面的信息。"  # one half-width comma
    r.review = ["s5"]
    f = next(x for x in run_checks(r).findings if x.rule == "text_not_reviewed")
    r.dismissed = dismissals.dismiss([], f, r.texts, "已逐段改写")
    path = tmp_path / "c.gknb"
    save_draft(path, r)
    proc = run("check", path, "--json")
    assert proc.returncode == 0, proc.stderr  # warnings and hints only
    data = json.loads(proc.stdout)
    found = {f["rule"]: f for f in data["findings"]}
    tv = found["text_vs_table"]
    assert tv["text_key"] == "s1" and tv["cells"] == ["t2_1.normative_docs.in_force"]
    s, e = tv["span"]
    assert r.texts["s1"][s:e] == "截至年底现行有效行政规范性文件38件"
    p = found["text_punctuation"]
    assert p["severity"] == "hint" and p["span"] == [14, 15] and p["spans"] == [[14, 15]]
    assert (data["errors"], data["warnings"], data["hints"]) == (0, 1, 1)
    (d,) = data["dismissed"]
    assert d["rule"] == "text_not_reviewed" and d["dismissed"] == {"reason": "已逐段改写"}

    plain = run("check", path)
    assert "〈s1 " in plain.stdout and "1 条建议，另有 1 条已忽略" in plain.stdout


def test_check_overview_limit(tmp_path):
    from real_reports import pingtan_2024

    path = tmp_path / "p.gknb"
    save_draft(path, pingtan_2024())
    rules = lambda *extra: {f["rule"] for f in json.loads(run("check", path, "--json", *extra).stdout)["findings"]}  # noqa: E731
    assert "s1_too_long" not in rules()
    assert "s1_too_long" in rules("--overview-limit", "1000")
    assert "s1_too_long" not in rules("--overview-limit", "0")
