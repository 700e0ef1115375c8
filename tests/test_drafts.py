"""Draft files: round trips, atomic saves with a backup, and refusals that change nothing."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factories import full_report
from model.atomic_file import backup_path
from model.checks import check_report
from model.draft_io import SCHEMA, dumps, load_draft, load_with_backup, loads, save_draft
from model.draft_lock import DraftLock
from model.errors import DraftReadError, DraftWriteError
from model.report import LastYear


def test_round_trip_keeps_everything(tmp_path):
    r = full_report("2021")
    r.units = {}
    r.last_year = LastYear(2023, {"t3.r4_carried_out.natural": 3}, "x.gknb",
                           {"s5": "一是公开不够及时。\n二是解读较少。"})
    r.review = ["s1"]
    p = tmp_path / "a.gknb"
    save_draft(p, r)
    back = load_draft(p)
    assert (back.format_id, back.year, back.agency, back.date) == (r.format_id, r.year, r.agency, r.date)
    assert back.texts == r.texts and back.cells == r.cells and back.review == ["s1"]
    assert back.last_year == r.last_year
    assert dumps(back) == dumps(r)


def test_decimals_are_strings_and_exact(tmp_path):
    r = full_report("2021")
    r.cells["t2_8.admin_fees.fee_amount"] = Decimal("0.123456")
    data = json.loads(dumps(r))
    assert data["cells"]["t2_8.admin_fees.fee_amount"] == "0.123456"
    assert loads(dumps(r)).cells["t2_8.admin_fees.fee_amount"] == Decimal("0.123456")


def test_totals_in_the_file_are_checked_never_trusted():
    r = full_report("2021")
    data = json.loads(dumps(r))
    real = r.values()["t3.r1_new.total"]
    data["cells"]["t3.r1_new.total"] = real + 5
    back = loads(json.dumps(data).encode())
    assert back.values()["t3.r1_new.total"] == real
    assert [f.rule for f in check_report(back) if f.severity == "error"] == ["t3_rowtotal_r1_new"]


def test_unknown_keys_and_foreign_cells_survive_a_round_trip():
    data = json.loads(dumps(full_report("2021")))
    data["future_feature"] = {"nested": [1, 2, "三"]}
    data["cells"]["t9.row.col"] = 7
    back = loads(json.dumps(data, ensure_ascii=False).encode())
    again = json.loads(dumps(back))
    assert again["future_feature"] == {"nested": [1, 2, "三"]}
    assert again["cells"]["t9.row.col"] == 7


def test_wrong_typed_cell_is_a_finding_not_an_unreadable_file():
    data = json.loads(dumps(full_report("2021")))
    data["cells"]["t3.r1_new.natural"] = "12a"
    data["cells"]["t4.cases.rv_upheld"] = [1]
    r = loads(json.dumps(data).encode())
    cells = {c for f in check_report(r) for c in f.cells if f.severity == "error"}
    assert {"t3.r1_new.natural", "t4.cases.rv_upheld"} <= cells


@pytest.mark.parametrize("content,phrase", [
    (b"", "空文件"),
    (b"{\"schema\": 1, \"format\": \"2021\"", "已损坏或不完整"),
    (b"\xb2\xe2\xca\xd4", "UTF-8"),
    (b"[1, 2]", "不是一个对象"),
    (json.dumps({"schema": SCHEMA + 1, "format": "2021", "year": 2024}).encode(), "更新版本"),
    (json.dumps({"schema": 1, "format": "2099", "year": 2024}).encode(), "格式"),
    (json.dumps({"schema": 1, "format": "2021", "year": "2024"}).encode(), "报告年度"),
    (json.dumps({"schema": 1, "format": "2021", "year": 2024, "texts": {"s1": 5}}).encode(), "正文"),
    (b'{"schema": 1, "format": "2021", "year": 2024, "cells": {"t3.r1_new.natural": NaN}}', "已损坏"),
    (b"[" * 100000, "嵌套"),
])
def test_bad_files_get_a_chinese_message_and_are_never_overwritten(tmp_path, content, phrase):
    p = tmp_path / "bad.gknb"
    p.write_bytes(content)
    with pytest.raises(DraftReadError) as exc:
        load_draft(p)
    assert phrase in str(exc.value)
    with pytest.raises(DraftWriteError):
        save_draft(p, full_report("2021"))
    assert p.read_bytes() == content


def test_save_keeps_previous_version_as_backup(tmp_path):
    p = tmp_path / "r.gknb"
    a, b = full_report("2021", 1), full_report("2021", 2)
    save_draft(p, a)
    assert not backup_path(p).exists()
    save_draft(p, b)
    assert load_draft(backup_path(p)).cells == a.cells
    assert load_draft(p).cells == b.cells
    assert [x.name for x in tmp_path.iterdir() if x.name.endswith(".tmp")] == []


def test_truncated_draft_falls_back_to_backup(tmp_path):
    p = tmp_path / "r.gknb"
    save_draft(p, full_report("2021", 1))
    save_draft(p, full_report("2021", 2))
    p.write_bytes(p.read_bytes()[:100])
    report, from_backup = load_with_backup(p)
    assert from_backup and report.cells == full_report("2021", 1).cells


def test_failed_write_leaves_the_old_draft(tmp_path, monkeypatch):
    p = tmp_path / "r.gknb"
    save_draft(p, full_report("2021", 1))
    before = p.read_bytes()

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(DraftWriteError) as exc:
        save_draft(p, full_report("2021", 2))
    assert "磁盘已满" in str(exc.value)
    assert p.read_bytes() == before
    assert [x.name for x in tmp_path.iterdir() if x.name.endswith(".tmp")] == []


def test_second_instance_is_warned(tmp_path):
    p = tmp_path / "r.gknb"
    save_draft(p, full_report("2021"))
    mine = DraftLock(p)
    mine.acquire()
    # Pretend the lock belongs to another live process on this host (our parent).
    info = json.loads(mine.path.read_text())
    info["pid"] = os.getppid()
    mine.path.write_text(json.dumps(info))
    assert DraftLock(p).other_owner() == {"pid": os.getppid(), "host": info["host"]}
    info["pid"] = 2 ** 22 + 12345  # a process that does not exist: stale lock
    mine.path.write_text(json.dumps(info))
    assert DraftLock(p).other_owner() is None


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_loader_nor_change_the_file(tmp_path, blob):
    p = tmp_path / "x.gknb"
    p.write_bytes(blob)
    try:
        load_draft(p)
    except DraftReadError:
        pass
    assert p.read_bytes() == blob


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=2000))
def test_every_truncation_of_a_real_draft_is_refused_or_loads(cut):
    data = dumps(full_report("2021"))
    part = data[: min(cut * len(data) // 2000, len(data) - 2)]
    with pytest.raises(DraftReadError):
        loads(part)


def test_a_device_or_folder_is_never_replaced(tmp_path):
    from model.atomic_file import write_atomic

    for target in (tmp_path, Path("/dev/null")):
        with pytest.raises(DraftWriteError) as exc:
            write_atomic(target, b"x")
        assert "不是普通文件" in str(exc.value)
    assert Path("/dev/null").exists() and not Path("/dev/null").is_file()


def test_an_unusual_os_error_is_reported_in_chinese(tmp_path, monkeypatch):
    p = tmp_path / "r.gknb"

    def io_error(*a, **k):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", io_error)
    with pytest.raises(DraftWriteError) as exc:
        save_draft(p, full_report("2021"))
    assert "系统错误代码 5" in str(exc.value) and "Input/output" not in str(exc.value)


@pytest.mark.parametrize("texts", [[], {"s1": 3}, {"s1": ["a"]}, "s1"])
def test_last_year_texts_of_the_wrong_shape_are_refused(tmp_path, texts):
    data = json.loads(dumps(full_report("2021")))
    data["last_year"] = {"year": 2020, "cells": {}, "texts": texts}
    with pytest.raises(DraftReadError, match="上年数据"):
        loads(json.dumps(data).encode("utf-8"))
