"""Two instances on one draft (model.draft_lock): the second is told, in Chinese, who holds it.

A real second app process (tools/crash_test.py's offscreen window, idle) holds the draft; this
process's window then tries to open it.  When the holder is killed, its lock is stale and the
draft opens without a question.  Nothing is written to the draft by either.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from model.draft_lock import DraftLock, lock_path
from model.paths import resource_path


ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "crash_test.py"
SAMPLE = next(resource_path("samples").glob("*.gknb"))


@pytest.fixture
def holder(tmp_path):
    """Another 年报助手 process with the draft open."""
    draft = tmp_path / "共用草稿.gknb"
    shutil.copyfile(SAMPLE, draft)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_HOME=str(tmp_path / "other-home"))
    with subprocess.Popen([sys.executable, str(TOOL), "--typing-child", str(draft), "--idle"],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as proc:
        try:
            json.loads(proc.stdout.readline())  # its window is up, the draft open
            yield draft, proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
    # Leaving the with block closed its stdout pipe (no ResourceWarning).


@pytest.fixture
def questions(monkeypatch):
    asked = []
    reply = {"answer": QMessageBox.StandardButton.No}

    def question(parent, title, text, *a, **k):
        asked.append((title, text))
        return reply["answer"]
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append((a[1], a[2])))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)
    return asked, reply


def test_the_second_instance_is_told_who_holds_the_draft(qtbot, holder, questions):
    from gui.main_window import MainWindow

    draft, proc = holder
    before = draft.read_bytes()
    owner = DraftLock(draft).other_owner()
    assert owner is not None and owner["pid"] == proc.pid

    asked, reply = questions
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.files.open_path(draft) is False  # answered 否
    title, text = asked[-1]
    assert "共用草稿.gknb" in text and "另一个" in text and str(proc.pid) in text, text
    assert w.doc.path != draft

    reply["answer"] = QMessageBox.StandardButton.Yes  # 仍要打开: allowed, the clerk was warned
    assert w.files.open_path(draft, confirm=False) is True and w.doc.path == draft
    assert draft.read_bytes() == before


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(qtbot, holder, questions):
    from gui.main_window import MainWindow

    draft, proc = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert lock_path(draft).exists()  # the crash left its lock behind ...
    assert DraftLock(draft).other_owner() is None  # ... but its process is gone
    asked, _ = questions
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.files.open_path(draft, confirm=False) is True
    assert not [q for q in asked if "另一个" in q[1]]
    assert json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_the_last_draft_held_elsewhere_is_not_opened_silently_at_start(qtbot, holder, questions):
    from gui.main_window import MainWindow
    from model.settings import Settings

    draft, proc = holder
    settings = Settings()
    settings.add_recent(draft)
    messages = []
    w = MainWindow(start=False, settings=settings)
    qtbot.addWidget(w)
    w.files.message.connect(messages.append)
    w.files.start()
    assert w.doc.path != draft
    assert any("另一个窗口" in m for m in messages), messages


@pytest.mark.parametrize("content", ["", "{", "null", "[]", '{"pid": "abc"}', '{"pid": -1, "host": "@HOST"}',
                                     '{"pid": 99999999, "host": "@HOST"}', "\x00\xff"])
def test_a_garbled_lock_file_does_not_block(tmp_path, content):
    import socket

    draft = tmp_path / "草稿.gknb"
    shutil.copyfile(SAMPLE, draft)
    content = content.replace("@HOST", socket.gethostname())
    lock_path(draft).write_bytes(content.encode("utf-8", "surrogateescape"))
    assert DraftLock(draft).other_owner() is None


@pytest.mark.parametrize("pid", ["1e30", "2147483648", "-5", "true", "\"12\"", "null", "[1]"])
def test_garbled_pids_in_lock_and_recovery_files(tmp_path, pid):
    """Found by fuzzing: a pid out of the OS's range made os.kill raise OverflowError, so a
    garbled lock file stopped the draft from opening and a garbled recovery copy the app from
    starting."""
    import socket

    from model.recovery import pending_recoveries, recovery_dir

    pid_value = "1" + "0" * 30 if pid == "1e30" else pid
    draft = tmp_path / "草稿.gknb"
    shutil.copyfile(SAMPLE, draft)
    lock_path(draft).write_text(f'{{"pid": {pid_value}, "host": "{socket.gethostname()}"}}', encoding="utf-8")
    assert DraftLock(draft).other_owner() is None
    recovery_dir().mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8").rstrip().rstrip("}") + f', "recovery_pid": {pid_value}}}'
    (recovery_dir() / "坏的恢复副本.gknb").write_text(text, encoding="utf-8")
    recs = pending_recoveries()  # must not raise; an unknown pid means no live owner
    assert len(recs) == 1
