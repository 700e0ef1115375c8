"""Autosave: unsaved work is on disk within 2 s; after a crash a new window offers it back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from gui.main_window import MainWindow
from gui_helpers import commit_chinese
from model.draft_io import load_draft, save_draft
from model.recovery import pending_recoveries
from model.report import Report

# How long to wait for autosave's 1 s timer and the write on a busy machine: a bound on waiting,
# not a measure of speed (that is on autosave's own clock, below, and in bench/).
WAIT_MS = 30_000


@pytest.fixture
def answers(monkeypatch):
    """QMessageBox.exec answers from a list; every question's text is recorded."""
    asked, replies = [], []

    def exec_(box):
        asked.append(box.text() + "\n" + box.informativeText())
        return replies.pop(0) if replies else QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked, replies


def shown(qtbot, w):
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    return w


def crash(w: MainWindow) -> None:
    """What a crash leaves: no clean close (the copy stays), the window just gone."""
    w.files.autosaver.wait()
    w.files.autosaver._timer.stop()
    w.files.close_clean = lambda: None  # teardown must not tidy up like a clean close would
    w.files.confirm_discard = lambda: True
    # Its process is gone: the lock it leaves is stale, and no window answers for its draft.
    from model import draft_lock

    if w.files.lock is not None:
        draft_lock._LIVE_TOKENS.discard(w.files.lock.token)
    w.files._unregister()


def test_a_change_is_on_disk_within_two_seconds(qtbot, answers):
    """The promise: at most two seconds of work are ever only in memory.  Observed on autosave's
    clock, not on the wall clock: the first change starts a single-shot timer of at most 2 s that
    further typing does not push back, and when it fires the copy holds everything typed."""
    w = shown(qtbot, MainWindow())
    editor = w.pages["s1"].text.edit
    editor.setFocus()
    timer = w.files.autosaver._timer
    assert not timer.isActive() and pending_recoveries() == []
    commit_chinese(editor, "本年度，我办认真贯彻落实条例。")
    assert timer.isActive() and timer.isSingleShot() and 0 < timer.interval() <= 2000
    started = timer.timerId()
    commit_chinese(editor, "继续输入。")
    assert timer.isActive() and timer.timerId() == started  # not restarted: typing never delays it
    with qtbot.waitSignal(w.files.autosaver.written, timeout=WAIT_MS):
        pass  # the timer fires and the worker thread finishes the write
    rec = pending_recoveries()[0]
    assert rec.report.text("s1") == "本年度，我办认真贯彻落实条例。继续输入。"
    assert rec.original == ""
    # A clean close removes it.
    w.files.confirm_discard = lambda: True
    assert w.close()
    assert pending_recoveries() == []


def test_undo_back_to_saved_drops_the_copy(qtbot, tmp_path, answers):
    draft = tmp_path / "a.gknb"
    save_draft(draft, Report.new(2022, agency="某局"))
    w = shown(qtbot, MainWindow(draft))
    w.doc.set_text("s5", "一是……")
    qtbot.waitUntil(lambda: bool(pending_recoveries()), timeout=WAIT_MS)
    assert pending_recoveries()[0].original == str(draft.resolve())
    w.doc.undo_stack.undo()
    qtbot.waitUntil(lambda: not pending_recoveries(), timeout=WAIT_MS)
    assert not w.isWindowModified()


def test_after_a_crash_a_new_window_offers_the_work_back(qtbot, tmp_path, answers):
    asked, replies = answers
    draft = tmp_path / "街道2022年报告.gknb"
    save_draft(draft, Report.new(2022, agency="南山区七号街道"))
    w = shown(qtbot, MainWindow(draft))
    w.doc.set_cells({"t3.r1_new.natural": 12})
    w.pages["s1"].text.edit.setFocus()
    commit_chinese(w.pages["s1"].text.edit, "恢复测试的正文。")
    qtbot.waitUntil(lambda: bool(pending_recoveries()), timeout=WAIT_MS)
    w.files.autosaver.wait()
    crash(w)

    replies.append(QMessageBox.StandardButton.Yes)  # 恢复
    w2 = shown(qtbot, MainWindow())
    assert len(asked) == 1 and "没有正常关闭" in asked[0] and "南山区七号街道2022年" in asked[0]
    assert w2.doc.path == draft
    assert w2.doc.report.cells["t3.r1_new.natural"] == 12
    assert w2.pages["s1"].text.edit.toPlainText() == "恢复测试的正文。"
    assert w2.isWindowModified()  # restored, not yet saved
    assert load_draft(draft).text("s1") == ""  # the draft itself is untouched until saved
    # The restored work is itself covered by autosave again.
    qtbot.waitUntil(lambda: bool(pending_recoveries()), timeout=WAIT_MS)
    w2.files.save()
    assert load_draft(draft).cells["t3.r1_new.natural"] == 12
    assert not w2.isWindowModified()
    qtbot.waitUntil(lambda: not pending_recoveries(), timeout=WAIT_MS)


def test_declining_the_restore_deletes_the_copies(qtbot, answers):
    asked, replies = answers
    w = shown(qtbot, MainWindow())
    w.doc.set_text("s6", "无")
    qtbot.waitUntil(lambda: bool(pending_recoveries()), timeout=WAIT_MS)
    crash(w)
    replies.append(QMessageBox.StandardButton.Discard)  # 放弃
    w2 = shown(qtbot, MainWindow())
    assert len(asked) == 1
    assert pending_recoveries() == []
    assert w2.doc.report.text("s6") == ""


def test_typing_never_waits_for_the_disk(qtbot, answers, monkeypatch):
    """The recovery copy is written on a worker thread: a disk that hangs does not stop typing.

    (How fast a keystroke is, is measured by bench/, not asserted here.)
    """
    import threading

    from model.recovery import RecoverySlot

    disk = threading.Event()
    writers = []
    real_write = RecoverySlot.write

    def slow_disk(slot, report):
        writers.append(threading.current_thread() is threading.main_thread())
        disk.wait(10)  # a USB stick that takes its time
        real_write(slot, report)

    monkeypatch.setattr(RecoverySlot, "write", slow_disk)
    w = shown(qtbot, MainWindow())
    w.build_pages()
    editor = w.pages["s1"].text.edit
    editor.setFocus()
    commit_chinese(editor, "字")
    w.files.autosaver.write_now()
    qtbot.waitUntil(lambda: writers == [False])  # the write started, off the GUI thread
    for _ in range(30):  # the write is stuck; typing goes on and lands in the report
        commit_chinese(editor, "字")
    assert w.doc.report.text("s1") == "字" * 31
    w.files.autosaver.write_now()  # queued behind the stuck write, in order
    disk.set()
    w.files.autosaver.wait()
    assert [r.report.text("s1") for r in pending_recoveries()] == ["字" * 31]
    assert writers and not any(writers)
    w.files.confirm_discard = lambda: True
