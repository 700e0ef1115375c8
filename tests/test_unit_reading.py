"""Reading a folder of units' reports: junk is skipped, links and pipes are never followed, big
files are never read, nothing is written; worker processes give the same result as one process,
report progress, stop on 取消 and survive a worker that dies."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from model import safe_files
from model.parallel_read import pays_to_spread, read_units
from model.unit_reading import MAX_SOURCE_BYTES, read_unit, scan_sources
from summary_helpers import crashing_reader, hanging_reader, snapshot, write_unit


@pytest.fixture
def junk_folder(tmp_path):
    """Two good reports and everything else a shared folder collects."""
    folder = tmp_path / "报送"
    write_unit(folder, "东街街道.gknb", "鼓楼区东街街道办事处")
    write_unit(folder, "乡镇/洪山镇.gknb", "洪山镇人民政府", seed=2)
    (folder / "说明.txt").write_text("请各单位于1月20日前报送。", encoding="utf-8")
    (folder / "空.gknb").write_bytes(b"")
    (folder / "空白.txt").write_bytes(b"")
    (folder / "空文件夹").mkdir()
    (folder / ".隐藏.gknb").write_text("{}", encoding="utf-8")
    (folder / "东街街道.gknb.bak").write_text("{}", encoding="utf-8")
    outside = tmp_path / "别处.gknb"
    write_unit(tmp_path, "别处.gknb", "别处的单位")
    os.symlink(outside, folder / "链接.gknb")
    os.symlink(tmp_path, folder / "链接文件夹")  # would loop back above the folder
    os.mkfifo(folder / "管道.gknb")  # a read would block forever
    with open(folder / "超大.gknb", "wb") as f:  # sparse: 60 MB that cost nothing to make
        f.truncate(MAX_SOURCE_BYTES + 10 * 1024 * 1024)
    (folder / "年报.docx").write_bytes(b"PK\x03\x04")  # a broken Word file
    (folder / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    return folder


def test_scan_sorts_reports_from_junk(junk_folder):
    scan = scan_sources([junk_folder])
    assert [scan.names[p] for p in scan.files] == [
        "东街街道.gknb", "乡镇/洪山镇.gknb", "年报.docx", "旧格式.doc", "空.gknb", "超大.gknb"]
    skipped = {s.name: s.reason for s in scan.skipped}
    assert set(skipped) == {"说明.txt", "空白.txt", "链接.gknb", "链接文件夹", "管道.gknb"}
    assert "链接" in skipped["链接.gknb"] and "链接" in skipped["链接文件夹"]
    assert "不是普通文件" in skipped["管道.gknb"]
    assert "不是年度报告文件" in skipped["说明.txt"]
    assert scan.roots == [junk_folder]


def test_every_file_read_gets_a_result_and_big_files_are_not_opened(junk_folder, monkeypatch):
    opened = []
    real_open = safe_files.os.open
    monkeypatch.setattr(safe_files.os, "open", lambda p, *a: opened.append(Path(p).name) or real_open(p, *a))
    scan = scan_sources([junk_folder])
    reads = {r.name: r for r in read_units(scan.files, scan.names, workers=1).reads}
    assert reads["东街街道.gknb"].ok and reads["东街街道.gknb"].report.agency == "鼓楼区东街街道办事处"
    assert reads["乡镇/洪山镇.gknb"].ok and reads["东街街道.gknb"].kind == "草稿"
    assert "空文件" in reads["空.gknb"].error
    assert "过大" in reads["超大.gknb"].error and "超大.gknb" not in opened
    assert not reads["年报.docx"].ok and "年报.docx" in reads["年报.docx"].error
    assert not reads["旧格式.doc"].ok and "另存为" in reads["旧格式.doc"].error  # the importer's advice
    assert reads["东街街道.gknb"].size > 0 and reads["东街街道.gknb"].mtime_ns > 0


def test_a_file_growing_past_the_limit_is_cut_off(tmp_path):
    path = tmp_path / "x.gknb"
    path.write_bytes(b"x" * 5000)
    assert len(safe_files.read_regular(path, 5000)[0]) == 5000
    with pytest.raises(safe_files.ReadRefused) as info:
        safe_files.read_regular(path, 4999)  # refused from its size, before it is opened
    assert "过大" in safe_files.refusal_message(info.value, "草稿文件")
    # A file that was 5000 bytes when checked but has grown since: the read stops one byte past.
    grown = io.BytesIO(b"x" * 100_000)
    with pytest.raises(safe_files.ReadRefused) as info:
        safe_files.read_rest(grown, path, 5000)
    assert info.value.reason == safe_files.TOO_LARGE and grown.tell() == 5001


def test_the_folder_is_left_exactly_as_it_was(junk_folder, tmp_path):
    before = snapshot(junk_folder)
    scan = scan_sources([junk_folder])
    read_units(scan.files, scan.names, workers=2)
    read_units(scan.files, scan.names, workers=1)
    assert snapshot(junk_folder) == before


def test_workers_give_what_one_process_gives(tmp_path):
    for i in range(30):
        write_unit(tmp_path, f"单位{i:02}.gknb", f"某区第{i}单位", seed=i)
    (tmp_path / "坏.gknb").write_text("{不是", encoding="utf-8")
    scan = scan_sources([tmp_path])
    seen = []
    parallel = read_units(scan.files, scan.names, progress=lambda d, t: seen.append((d, t)), workers=2)
    alone = read_units(scan.files, scan.names, workers=1)
    assert parallel.workers == 2 and alone.workers == 1
    assert [(r.name, r.error, r.report, r.findings) for r in parallel.reads] == \
        [(r.name, r.error, r.report, r.findings) for r in alone.reads]
    assert seen[-1] == (31, 31) and all(t == 31 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_stops_the_workers_early(tmp_path):
    for i in range(120):
        write_unit(tmp_path, f"u{i:03}.gknb", f"单位{i}", seed=i)
    scan = scan_sources([tmp_path])
    flag = threading.Event()
    outcome = read_units(scan.files, scan.names, progress=lambda d, t: flag.set(), cancel=flag, workers=2)
    assert outcome.cancelled
    assert 0 < len(outcome.reads) < 120


def test_cancel_in_one_process(tmp_path):
    for i in range(5):
        write_unit(tmp_path, f"u{i}.gknb", f"单位{i}", seed=i)
    scan = scan_sources([tmp_path])
    flag = threading.Event()
    outcome = read_units(scan.files, scan.names, progress=lambda d, t: d == 2 and flag.set(), cancel=flag,
                         workers=1)
    assert outcome.cancelled and len(outcome.reads) == 2


def test_a_file_that_kills_its_worker_is_reported_and_the_rest_is_read(tmp_path):
    for i in range(12):
        write_unit(tmp_path, f"u{i:02}.gknb", f"单位{i}", seed=i)
    write_unit(tmp_path, "crash.gknb", "会崩溃的单位")
    scan = scan_sources([tmp_path])
    outcome = read_units(scan.files, scan.names, workers=2, reader=crashing_reader)
    reads = {r.name: r for r in outcome.reads}
    assert len(reads) == 13
    assert "意外退出" in reads["crash.gknb"].error
    assert all(reads[f"u{i:02}.gknb"].ok for i in range(12))


def test_a_file_that_hangs_its_worker_is_stopped_and_reported(tmp_path):
    for i in range(6):
        write_unit(tmp_path, f"u{i}.gknb", f"单位{i}", seed=i)
    write_unit(tmp_path, "hang.gknb", "卡住的单位")
    scan = scan_sources([tmp_path])
    outcome = read_units(scan.files, scan.names, workers=2, reader=hanging_reader, stall_seconds=2)
    reads = {r.name: r for r in outcome.reads}
    assert len(reads) == 7 and "超过 2 秒仍未完成" in reads["hang.gknb"].error
    assert all(reads[f"u{i}.gknb"].ok for i in range(6))


def test_cancel_ends_a_hanging_worker_at_once(tmp_path):
    for i in range(3):
        write_unit(tmp_path, f"hang{i}.gknb", f"单位{i}", seed=i)
    scan = scan_sources([tmp_path])
    flag = threading.Event()
    timer = threading.Timer(1.0, flag.set)  # the clerk presses 取消 a second later
    timer.start()
    outcome = read_units(scan.files, scan.names, workers=2, reader=hanging_reader, cancel=flag)
    timer.join()
    assert outcome.cancelled and outcome.reads == []


def test_workers_pay_only_for_enough_work():
    assert not pays_to_spread(300 * 0.6, 2)  # 300 drafts: faster in this process
    assert pays_to_spread(20 * 150, 2)  # 20 PDFs: worth the start-up
    assert not pays_to_spread(10_000, 1)


def test_read_unit_never_raises(tmp_path):
    (tmp_path / "x.gknb").write_text('{"schema": 99}', encoding="utf-8")
    r = read_unit(str(tmp_path / "x.gknb"))
    assert not r.ok and "更新版本" in r.error
    r = read_unit(str(tmp_path / "missing.gknb"))
    assert not r.ok and "找不到" in r.error


def test_files_chosen_one_by_one(tmp_path):
    good = write_unit(tmp_path, "甲.gknb", "甲局")
    os.symlink(good, tmp_path / "乙.gknb")
    (tmp_path / "丙.txt").write_text("x", encoding="utf-8")
    scan = scan_sources([good, tmp_path / "乙.gknb", tmp_path / "丙.txt", tmp_path / "没有.gknb"])
    assert scan.files == [good] and scan.roots == []
    assert {s.name for s in scan.skipped} == {"乙.gknb", "丙.txt", "没有.gknb"}


def test_import_doubts_are_counted_in_the_review_s_words(tmp_path):
    from import_sources import build_b_page

    page = tmp_path / "样例市交通运输局年报.htm"
    page.write_bytes(build_b_page())
    read = read_unit(str(page), page.name)
    assert read.ok and read.kind == "网页"
    # a count stands apart from the words around it, as everywhere else in the review
    assert "从网页导入时有 2 处未能读取、2 处数值不够确定，请对照原文核实。" in read.notes


def test_futures_that_never_end_after_their_workers_are_ended_are_left_for_a_retry(monkeypatch):
    """CPython 3.11's pool manager thread can die in a race when a worker dies; the futures it
    should have failed then never end.  A round must not wait for them for ever."""
    import concurrent.futures as cf

    import model.parallel_read as pr

    class DeadManagerPool:
        def __init__(self):
            self._processes, self.shutdowns = {}, []

        def submit(self, fn, *args):
            future = cf.Future()  # a read is never set: nobody is left to set it
            if fn is os.getpid:
                future.set_result(1)  # the workers started
            return future

        def shutdown(self, wait=True, cancel_futures=False):
            self.shutdowns.append(wait)
    pool = DeadManagerPool()
    monkeypatch.setattr(pr, "_new_pool", lambda n: pool)
    results = {}
    done = []
    worker = threading.Thread(target=lambda: done.append(pr._pool_round(
        [[(0, "a.gknb", "a")], [(1, "b.gknb", "b")]], 2, results, 2, None, None, read_unit,
        probe=False, stall=0.1)), daemon=True)
    worker.start()
    worker.join(60)  # a guard against the old endless wait, not a speed measure
    assert done == [False]  # not cancelled: the caller retries what is missing
    assert results == {} and pool.shutdowns == [False]


def test_every_worker_of_a_broken_pool_is_ended_before_it_is_waited_for(monkeypatch):
    """In CPython 3.11 a worker started while the pool breaks is missed by the pool's manager
    thread, which then waits for it for ever, and so does shutdown(wait=True): a broken pool's
    workers are ended first.  This pool waits, as that one does, for workers still running."""
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool

    import model.parallel_read as pr

    class Worker:
        def __init__(self):
            self.alive = True

        def kill(self):
            self.alive = False

    class BreakingPool:
        def __init__(self):
            self._processes = {1: Worker(), 2: Worker()}
            self.waited = []

        def submit(self, fn, *args):
            future = cf.Future()
            if fn is os.getpid:
                future.set_result(1)
            else:
                self._processes[3] = Worker()  # started as the pool broke
                future.set_exception(BrokenProcessPool("a worker died"))
            return future

        def shutdown(self, wait=True, cancel_futures=False):
            alive = [w for w in self._processes.values() if w.alive]
            self.waited.append((wait, len(alive)))
            if wait and alive:
                raise AssertionError("would wait for ever for a worker nobody ends")
    pool = BreakingPool()
    monkeypatch.setattr(pr, "_new_pool", lambda n: pool)
    results = {}
    assert pr._pool_round([[(0, "a.gknb", "a")]], 2, results, 1, None, None, read_unit,
                          probe=False, stall=5) is False
    assert results == {} and pool.waited == [(True, 0)]


def test_half_a_result_in_the_pipe_does_not_hang_the_pool_once_its_workers_are_ended():
    """A worker killed while writing its result leaves half a message; the pool's manager thread
    then waits for the rest, and shutdown(wait=True) with it.  Ending the workers must end that
    wait (here the half message is written by hand: a length of 100 bytes, then 10 of them)."""
    import struct

    import model.parallel_read as pr

    pool = pr._new_pool(1)
    assert pool.submit(os.getpid).result(timeout=60) > 0  # the manager thread is running
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 100) + b"x" * 10)
    done = []

    def end():
        pr._kill_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
        done.append(True)
    t = threading.Thread(target=end, daemon=True)
    t.start()
    t.join(60)  # a guard against the endless wait, not a speed measure
    assert done == [True]
