"""Hostile files, without a window: every read bounded and of regular files only, no link followed
where we did not make it, no output over an input, every value from a file checked, every
message Chinese, and open + save changes nothing (issue 10, items 1–8 and 10; the window's side is
tests/test_gui_hostile.py, many windows tests/test_faults_instances.py).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import main
from model import draft_io
from model.atomic_file import backup_path
from model.checks import check_report
from model.draft_io import dumps, load_draft, loads, save_draft
from model.draft_lock import DraftLock, lock_path
from model.errors import DraftReadError, DraftWriteError
from model.recovery import RecoverySlot, pending_recoveries, recovery_dir
from model.report import Report
from model.samples import seed_path

# Names added by the fix are imported inside the tests, so that each test can be run against the
# code before it (and fail there one by one, as docs/reliability.md records).

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = seed_path()
CJK = re.compile(r"[\u4e00-\u9fff]")
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX files (FIFOs, /dev/zero, symlinks)")


@pytest.fixture
def draft(tmp_path):
    d = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, d)
    return d


def run(argv: list[str], capsys) -> tuple[int, str]:
    code = main.run_command(argv)
    out, err = capsys.readouterr()
    return code, out + err


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


# -- 1. values out of range or of the wrong type are "unknown", never a crash --------------------------
@pytest.mark.parametrize("saved_at", ["1e300", "-1e300", "1e18", "-5", '"昨天"', "true", "[1]", "{}", "1" + "0" * 40])
def test_a_recovery_copy_with_a_wild_time_is_offered_with_time_unknown(saved_at):
    """Before: datetime.fromtimestamp(1e300) raised OverflowError in gui.autosave._describe at every
    start, and the copy was never removed — the app never started again."""
    from gui.autosave import _describe

    recovery_dir().mkdir(parents=True, exist_ok=True)
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)[:-1] + f', "recovery_saved_at": {saved_at}, "recovery_pid": {dead_pid()}}}'
    (recovery_dir() / "旧版恢复副本.gknb").write_text(text, encoding="utf-8")
    recs = pending_recoveries()
    assert len(recs) == 1 and recs[0].report is not None
    line = _describe(recs[0])
    assert recs[0].report.title in line
    if saved_at in ("1e300", "-1e300", "1e18", "-5", '"昨天"', "true", "[1]", "{}"):
        assert recs[0].saved_at == 0.0 or 946684800 <= recs[0].saved_at  # the file's own time at worst


def test_settings_of_any_type_are_read_as_unknown(tmp_path):
    from model.settings import Settings

    p = tmp_path / "settings.json"
    p.write_text(json.dumps({"recent": ["/a.gknb", 5, None, "x" * 10000, "ok.gknb"], "last_agency": ["列表"],
                             "export_dir": {"a": 1}, "hint_dismissed": "yes"}), encoding="utf-8")
    s = Settings(p)
    assert s.recent_files == ["/a.gknb", "ok.gknb"]
    assert s.get_str("last_agency") == "" and s.get_str("export_dir") == ""
    assert s.get_bool("hint_dismissed") is False


# -- 2. links are never followed on write -------------------------------------------------------------
@POSIX
@pytest.mark.parametrize("target", ["victim", "dangling"])
def test_a_lock_that_is_a_symlink_is_refused_and_left_alone(draft, tmp_path, target):
    """Before: acquire() wrote through the link (the victim was overwritten with a pid) and
    release() deleted the link on close."""
    victim = tmp_path / "别人的文件.txt"
    victim.write_text("别人的内容", encoding="utf-8")
    os.symlink(victim if target == "victim" else tmp_path / "不存在", lock_path(draft))
    lock = DraftLock(draft)
    assert lock.acquire() == "refused" and not lock.held
    assert "链接" in lock.problem and CJK.search(lock.problem)
    lock.release()
    assert os.path.islink(lock_path(draft))
    assert victim.read_text(encoding="utf-8") == "别人的内容"
    assert DraftLock(draft).other_owner() is None


@POSIX
def test_a_draft_that_is_a_symlink_is_saved_through_to_its_target(tmp_path):
    """Before: os.replace turned the link into a copy and the real draft went stale."""
    real = tmp_path / "真正的位置" / "报告.gknb"
    real.parent.mkdir()
    shutil.copyfile(SAMPLE, real)
    link = tmp_path / "桌面上的链接.gknb"
    os.symlink(real, link)
    report = load_draft(link)
    report.texts["s6"] = "通过链接保存的内容。"
    save_draft(link, report)
    assert os.path.islink(link) and Path(os.readlink(link)) == real
    assert load_draft(real).text("s6") == "通过链接保存的内容。"
    assert backup_path(real).exists() and not backup_path(link).exists()


@POSIX
def test_a_draft_link_to_nowhere_says_why_it_cannot_be_saved(tmp_path):
    link = tmp_path / "报告.gknb"
    os.symlink(tmp_path / "已删除.gknb", link)
    with pytest.raises(DraftWriteError) as info:
        save_draft(link, Report.new(2024, agency="某局"))
    assert "链接" in str(info.value) and "不存在" in str(info.value)
    assert os.path.islink(link) and not (tmp_path / "已删除.gknb").exists()


@POSIX
def test_new_files_are_created_exclusively_never_through_a_link(tmp_path):
    from model.safe_files import create_exclusive

    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    planted = tmp_path / "planted"
    os.symlink(victim, planted)
    with pytest.raises(FileExistsError):
        create_exclusive(planted, b"overwrite?")
    os.symlink(tmp_path / "nowhere", tmp_path / "dangling")
    with pytest.raises(FileExistsError):
        create_exclusive(tmp_path / "dangling", b"create through?")
    assert victim.read_bytes() == b"keep" and not (tmp_path / "nowhere").exists()


# -- 3. units are validated; every written XLSX opens --------------------------------------------------
@pytest.mark.parametrize("unit", ["元\x01", '";[Red]@;"', "万元\"&", "<b>元</b>", "元" * 300])
def test_a_unit_that_is_not_allowed_is_a_finding_and_never_reaches_the_workbook(unit):
    """Before: the unit went into the number format: `元\\x01` made styles.xml not well-formed and
    `";[Red]@;"` injected format sections — and export said 已导出 with exit 0."""
    from lxml import etree
    from openpyxl import load_workbook

    from export.xlsx_report import build_xlsx

    r = Report.new(2020)
    cid = "t2_9.central_procurement.amount"
    r.cells[cid] = draft_io.value_from_json("251000", r.fmt.cells[cid].column)
    r.units[cid] = unit
    report = loads(dumps(r))
    assert report.units[cid] == unit  # kept for the round trip ...
    assert report.unit_of(cid) is None  # ... never used
    assert any(f.rule == "unit_invalid" and cid in f.cells for f in check_report(report))
    data = build_xlsx(report)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(z.read(name))  # every part well-formed
    wb = load_workbook(io.BytesIO(data))
    formats = {c.number_format for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert not any(unit in f or "[Red]" in f for f in formats), formats


def test_an_allowed_unit_is_still_printed():
    from openpyxl import load_workbook

    from export.xlsx_report import build_xlsx

    r = Report.new(2020)
    cid = "t2_9.central_procurement.amount"
    r.cells[cid] = 251000
    r.units[cid] = "元"
    wb = load_workbook(io.BytesIO(build_xlsx(loads(dumps(r)))))
    assert any(c.number_format.endswith('"元"') for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    assert not [f for f in check_report(r) if f.rule == "unit_invalid"]


# -- 4. an output is never an input ------------------------------------------------------------------
def outputs_cases(d: Path, tmp: Path) -> dict[str, list[str]]:
    return {
        "the draft itself": ["--pdf", str(d)],
        "the draft as XLSX": ["--xlsx", str(d)],
        "the draft as Word": ["--docx", str(d)],
        "the draft as a web page": ["--html", str(d)],
        "one file for PDF and web page": ["--pdf", str(tmp / "同一个"), "--html", str(tmp / "同一个")],
        "its .bak": ["--pdf", str(backup_path(d))],
        "its .lock": ["--xlsx", str(lock_path(d))],
        "the draft by another spelling": ["--pdf", str(d.parent / "." / d.name)],
        "one file for two outputs": ["--pdf", str(tmp / "同一个"), "--xlsx", str(tmp / "同一个")],
    }


@pytest.mark.parametrize("case", list(outputs_cases(Path("d"), Path("t"))))
def test_export_refuses_to_write_over_its_inputs(draft, tmp_path, capsys, case):
    """Before: `export D --pdf D` replaced the draft with a PDF (no .bak, exit 0), and
    `--pdf X --xlsx X` silently overwrote the first output."""
    save_draft(draft, load_draft(draft))  # now it has a .bak
    before = {p: p.read_bytes() for p in (draft, backup_path(draft))}
    code, text = run(["export", str(draft)] + outputs_cases(draft, tmp_path)[case], capsys)
    assert code == 2 and CJK.search(text) and ("覆盖" in text), text
    assert {p: p.read_bytes() for p in before} == before
    assert not (tmp_path / "同一个").exists()


@POSIX
def test_export_refuses_a_link_or_hard_link_to_the_draft(draft, tmp_path, capsys):
    os.symlink(draft, tmp_path / "链接.pdf")
    os.link(draft, tmp_path / "硬链接.xlsx")
    before = draft.read_bytes()
    assert run(["export", str(draft), "--pdf", str(tmp_path / "链接.pdf")], capsys)[0] == 2
    assert run(["export", str(draft), "--xlsx", str(tmp_path / "硬链接.xlsx")], capsys)[0] == 2
    assert draft.read_bytes() == before and os.path.islink(tmp_path / "链接.pdf")


def test_rollover_with_force_never_writes_over_last_years_draft(draft, capsys):
    before = draft.read_bytes()
    code, text = run(["rollover", str(draft), "-o", str(draft), "--force"], capsys)
    assert code == 2 and "覆盖" in text
    assert draft.read_bytes() == before


def test_separate_outputs_still_export(draft, tmp_path, capsys):
    code, _ = run(["export", str(draft), "--pdf", str(tmp_path / "a.pdf"), "--xlsx", str(tmp_path / "a.xlsx")],
                  capsys)
    assert code == 0 and (tmp_path / "a.pdf").read_bytes()[:4] == b"%PDF"


# -- 5. reads are bounded and of regular files only ----------------------------------------------------
@POSIX
def test_a_device_as_draft_is_refused_without_reading_it(capsys):
    """Before: /dev/zero as the draft read until MemoryError (a traceback, exit 1 = "has errors")."""
    t = time.monotonic()
    with pytest.raises(DraftReadError) as info:
        load_draft(Path("/dev/zero"))
    assert time.monotonic() - t < 5
    assert "不是普通文件" in str(info.value)
    code, text = run(["check", "/dev/zero"], capsys)
    assert code == 2 and "不是普通文件" in text


def _in_a_process(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `code` in a child: if a read hangs, the timeout fails the test instead of hanging it."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1])\n" + code,
                           str(ROOT), *args], capture_output=True, text=True, timeout=timeout, env=env)


@POSIX
def test_a_fifo_as_draft_lock_settings_or_recovery_copy_never_hangs(tmp_path):
    """Before: a FIFO as the draft or the lock hung `check` and the window for ever."""
    fifo_draft = tmp_path / "管道.gknb"
    os.mkfifo(fifo_draft)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(fifo_draft)], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert proc.returncode == 2 and "不是普通文件" in proc.stderr, proc.stderr

    d = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, d)
    os.mkfifo(lock_path(d))
    home = tmp_path / "home"
    (home / "state" / "recovery").mkdir(parents=True)
    os.mkfifo(home / "state" / "settings.json")
    os.mkfifo(home / "state" / "recovery" / "123-abcdef012345.gknb")
    out = _in_a_process(
        "import os; os.environ['NIANBAO_HOME'] = sys.argv[3]\n"
        "from model.draft_lock import DraftLock\nfrom model.settings import Settings\n"
        "from model.recovery import pending_recoveries\n"
        "l = DraftLock(sys.argv[2]); print(l.acquire(), l.other_owner(), Settings().data)\n"
        "print([r.problem for r in pending_recoveries()])\n", str(d), str(home))
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.splitlines()
    assert first == "refused None {}"
    assert "不是普通文件" in second  # the FIFO in the recovery folder is named, not skipped


# -- 6. every message is Chinese ---------------------------------------------------------------------
def test_a_five_thousand_digit_number_gets_a_chinese_message(draft, capsys):
    """Before: Python's "Exceeds the limit (4300 digits) for integer string conversion…"."""
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace('"cells": {', '"cells": {"t3.r1_new.natural": ' + "9" * 5000 + ",", 1),
                     encoding="utf-8")
    with pytest.raises(DraftReadError) as info:
        load_draft(draft)
    msg = str(info.value)
    assert "位数过多" in msg and "第" in msg and not re.search(r"[A-Za-z]{4,}", msg.replace(draft.name, "")), msg
    code, out = run(["check", str(draft)], capsys)
    assert code == 2 and "Exceeds" not in out


# -- 7. a .bak that cannot be kept is named as the problem ---------------------------------------------
def test_a_backup_that_is_a_folder_is_named_and_the_draft_can_still_be_saved(draft):
    """Before: every save was refused with “…报告.gknb”是文件夹 — about the draft itself."""
    from model.atomic_file import BackupError

    backup_path(draft).mkdir()
    (backup_path(draft) / "别人的文件.txt").write_text("保留", encoding="utf-8")
    report = load_draft(draft)
    report.texts["s6"] = "新内容"
    before = draft.read_bytes()
    with pytest.raises(BackupError) as info:
        save_draft(draft, report)
    msg = str(info.value)
    assert "报告.gknb.bak" in msg and "文件夹" in msg and f"“{draft}”是文件夹" not in msg, msg
    assert draft.read_bytes() == before
    save_draft(draft, report, keep_backup=False)  # the window asks first
    assert load_draft(draft).text("s6") == "新内容"
    assert (backup_path(draft) / "别人的文件.txt").read_text(encoding="utf-8") == "保留"
    assert not [p for p in draft.parent.iterdir() if p.name.endswith(".tmp")]


# -- 8. one size limit for writing and reading ---------------------------------------------------------
def test_a_report_over_the_limit_is_refused_before_saving(draft, monkeypatch):
    """Before: a draft over the 50 MB read limit was saved, then refused on open."""
    from model.draft_io import DraftTooLarge

    monkeypatch.setattr(draft_io, "MAX_BYTES", 20_000)  # the rule, on a small scale
    report = load_draft(draft)
    report.texts["s1"] = "很长的正文。" * 3000
    before = draft.read_bytes()
    with pytest.raises(DraftTooLarge) as info:
        save_draft(draft, report)
    assert "过大" in str(info.value) and "没有保存" in str(info.value)
    assert draft.read_bytes() == before
    with pytest.raises(DraftTooLarge):
        RecoverySlot(draft).write(report)
    report.texts["s1"] = "短的正文。"
    save_draft(draft, report)
    assert load_draft(draft).text("s1") == "短的正文。"  # what is saved, opens


def test_the_real_limit_is_the_same_for_writing_and_reading(tmp_path):
    from model.draft_io import DraftTooLarge

    report = Report.new(2024, agency="某局")
    report.texts["s1"] = "字" * (draft_io.MAX_BYTES // 3 + 1000)  # just over 50 MB in UTF-8
    with pytest.raises(DraftTooLarge):
        save_draft(tmp_path / "大.gknb", report)
    assert not (tmp_path / "大.gknb").exists()
    report.texts["s1"] = "字" * (draft_io.MAX_BYTES // 3 - 1000)
    save_draft(tmp_path / "刚好.gknb", report)  # just under: saved, and it opens again
    assert len(load_draft(tmp_path / "刚好.gknb").text("s1")) == draft_io.MAX_BYTES // 3 - 1000


def test_a_recovery_copy_that_cannot_be_read_is_listed_not_skipped(monkeypatch):
    """Before: a copy over the limit (or damaged) was silently skipped: 0 offered."""
    recovery_dir().mkdir(parents=True, exist_ok=True)
    (recovery_dir() / "损坏.gknb").write_bytes(SAMPLE.read_bytes()[:300])
    monkeypatch.setattr(draft_io, "MAX_BYTES", 1_000)  # the copy may add 4 KB of its own keys
    big = recovery_dir() / "过大.gknb"
    big.write_bytes(SAMPLE.read_bytes())  # 7 KB: over this test's limit
    recs = pending_recoveries()
    assert sorted(r.path.name for r in recs) == ["损坏.gknb", "过大.gknb"]
    assert all(r.report is None and CJK.search(r.problem) for r in recs)
    assert "过大" in next(r.problem for r in recs if r.path == big)


# -- 10. open + save changes nothing ------------------------------------------------------------------
def test_lists_objects_and_units_of_unknown_cells_are_kept_exactly():
    """Before: a list in a cell came back as its Python repr cut to 40 characters, and units for
    cell ids the format does not know were dropped."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    long_list = [1, "二", {"三": [4.5, None, True]}, "x" * 60]
    data["cells"]["t3.r1_new.natural"] = long_list
    data["cells"]["t3.r1_new.legal_person"] = {"说明": "见附件", "值": [1, 2]}
    data["units"] = {"t9.unknown.cell": "万元", "t3.r1_new.natural": "件"}
    back = json.loads(dumps(loads(json.dumps(data, ensure_ascii=False).encode("utf-8"))))
    assert back["cells"]["t3.r1_new.natural"] == long_list
    assert back["cells"]["t3.r1_new.legal_person"] == {"说明": "见附件", "值": [1, 2]}
    assert back["units"] == data["units"]
    report = loads(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    shown = report.values()["t3.r1_new.natural"]
    assert str(shown).startswith('[1, "二"') and len(str(shown)) <= 41  # short in the grid, whole in the file
    import copy

    assert dumps(copy.deepcopy(report)) == dumps(report)  # autosave's snapshot keeps it too


# -- lesser: temp files of a dead process go at the next start; suggested names are clean -------------
def test_temp_files_of_a_dead_process_are_removed_at_once(tmp_path):
    """Before: only once an hour old (123 files, 181 MB after a series of killed saves)."""
    from model.atomic_file import host_tag, remove_dead_temps

    tag = host_tag()
    dead = tmp_path / f".报告.gknb.{tag}-{dead_pid()}.abcdef12.tmp"
    alive = tmp_path / f".报告.gknb.{tag}-{os.getpid()}.abcdef12.tmp"
    other_host = tmp_path / f".报告.gknb.{'0' * 6 if tag != '0' * 6 else '1' * 6}-{dead_pid()}.abcdef12.tmp"
    mine_not = tmp_path / ".报告.gknb.abc123.tmp"  # the old naming: left to the one-hour rule
    for p in (dead, alive, other_host, mine_not):
        p.write_bytes(b"half a draft")
    assert remove_dead_temps(tmp_path) == 1
    assert not dead.exists() and alive.exists() and other_host.exists() and mine_not.exists()


def test_a_killed_save_leaves_a_temp_file_the_next_start_removes(tmp_path):
    from model.atomic_file import remove_dead_temps

    d = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, d)
    # A child stops for good between writing its temp file and the rename (as a kill would).
    code = ("import os, sys; sys.path.insert(0, sys.argv[1])\n"
            "import model.atomic_file as af\n"
            "def stop(*a): os._exit(9)\n"
            "af.os.replace = stop\n"
            "from model.draft_io import load_draft, save_draft\n"
            "save_draft(sys.argv[2], load_draft(sys.argv[2]))\n")
    subprocess.run([sys.executable, "-c", code, str(ROOT), str(d)], timeout=60)
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert left, "the killed save should have left its temp file"
    assert remove_dead_temps(tmp_path) == len(left)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("text, expected", [
    ("南山区\u202eFDP.exe", "南山区FDP.exe"),  # U+202E would show the name reversed
    ("南山区\u200f人民政府\u200e", "南山区人民政府"),
    ("南山\x00区\x07办公室\n\t年报", "南山区办公室 年报"),
    ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"),
    ("报告. . .", "报告"),
    ("CON", "_CON"),
    ("\u202e\u200b", "年度报告"),
])
def test_suggested_file_names_drop_control_characters_and_direction_marks(text, expected):
    from gui.file_controller import safe_file_stem

    assert safe_file_stem(text) == expected
    assert len(safe_file_stem("很" * 500)) <= 80


# -- 1, fuzzed: whatever a recovery copy, lock or settings file holds ----------------------------------
def _any_json():
    from hypothesis import strategies as st

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10**20, max_value=10**60),
                        st.floats(allow_nan=False), st.text(max_size=30))
    return st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                        st.dictionaries(st.text(max_size=5), kids, max_size=3)),
                        max_leaves=6)


def _fuzz(default: int):
    from hypothesis import HealthCheck, settings

    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


def test_any_value_in_a_recovery_copy_lock_or_settings_is_unknown_never_a_crash(tmp_path_factory):
    from hypothesis import given, strategies as st

    from gui.autosave import _describe
    from model.settings import Settings

    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))

    @_fuzz(40)
    @given(saved=_any_json(), pid=_any_json(), of=_any_json(), lock=st.dictionaries(
        st.sampled_from(["pid", "host", "token", "app"]), _any_json(), max_size=4), settings=_any_json())
    def check(saved, pid, of, lock, settings):
        runs.append(1)
        folder = tmp_path_factory.mktemp("fz")
        rec_dir = recovery_dir()
        rec_dir.mkdir(parents=True, exist_ok=True)
        for p in rec_dir.iterdir():
            p.unlink()
        data = dict(sample, recovery_saved_at=saved, recovery_pid=pid, recovery_of=of)
        (rec_dir / "副本.gknb").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for r in pending_recoveries():  # listed or skipped (a live pid), never an exception
            assert CJK.search(_describe(r))
        d = folder / "草稿.gknb"
        shutil.copyfile(SAMPLE, d)
        lock_path(d).write_text(json.dumps(lock, ensure_ascii=False), encoding="utf-8")
        os.utime(lock_path(d), (time.time() - 60, time.time() - 60))
        owner = DraftLock(d).other_owner()
        assert owner is None or (type(owner["pid"]) is int and type(owner["host"]) is str)
        mine = DraftLock(d)
        assert mine.acquire() in ("held", "other", "refused", "unavailable")
        mine.release()
        s_path = folder / "settings.json"
        s_path.write_text(json.dumps({"recent": settings, "last_agency": settings, "export_dir": settings,
                                      "hint_dismissed": settings}, ensure_ascii=False), encoding="utf-8")
        s = Settings(s_path)
        assert all(type(x) is str for x in s.recent_files)
        assert type(s.get_str("last_agency")) is str and type(s.get_bool("hint_dismissed")) is bool

    runs = []
    check()
    assert len(runs) >= 10, len(runs)  # the examples really ran
