"""Several windows on one draft, as real processes (tests/instance_child.py runs the real window).

* A draft already open in another window of the app is not opened a second time: that window
  comes to the front (gui/instance_channel, a local socket), and a second `main.py DRAFT` exits.
* A window that does not answer (stopped, busy) cannot be asked: the clerk is told who holds the
  draft and may open it anyway — then the first window's lock stays the first window's.
* Two windows started at the same moment: the lock is created atomically, so exactly one opens the
  draft, the other hands over or asks.  (Before: 1 round in 10 both opened it with no warning.)
* Each window has its own recovery copy: a second window's autosave and save never touch the
  first's, so the first's unsaved work is offered after it is killed.
* A save checks that the draft on disk is still the one this window loaded: a version another
  window saved meanwhile is never replaced without a question (另存为 / 覆盖 / 取消).
* A killed holder's lock is stale and taken over; garbled locks never block.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from model.draft_io import load_draft
from model.draft_lock import DraftLock, lock_path
from model.samples import seed_path


ROOT = Path(__file__).resolve().parent.parent
CHILD = ROOT / "tests" / "instance_child.py"
SAMPLE = seed_path()
ROUNDS = int(os.environ.get("NIANBAO_INSTANCE_ROUNDS", "3"))
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals")


class Child:
    """An app process; `event(key)` reads its JSON lines until one has `key`."""

    def __init__(self, draft: Path | None, home: Path, *args: str):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_HOME=str(home))
        cmd = [sys.executable, str(CHILD)] + ([str(draft)] if draft else []) + list(args)
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.seen: list[dict] = []
        self._buf = b""

    def event(self, key: str, timeout: float = 60.0) -> dict | None:
        for e in self.seen:
            if key in e:
                return e
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while time.monotonic() < deadline:
            if b"\n" not in self._buf:
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
                if not ready:
                    break
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                self._buf += chunk
                continue
            line, self._buf = self._buf.split(b"\n", 1)
            e = json.loads(line)
            self.seen.append(e)
            if key in e:
                return e
        return None

    def stop(self, sig=signal.SIGKILL) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.send_signal(sig)
        self.proc.wait(30)
        self.proc.stdout.close()
        self.proc.stderr.close()


@pytest.fixture
def children():
    started: list[Child] = []

    def start(draft, home, *args):
        c = Child(draft, home, *args)
        started.append(c)
        return c
    yield start
    for c in started:
        c.stop()


@pytest.fixture
def draft(tmp_path):
    d = tmp_path / "共用草稿.gknb"
    shutil.copyfile(SAMPLE, d)
    return d


@pytest.fixture
def boxes(monkeypatch):
    """Plain-text message boxes (gui/message_box) are recorded; questions answer `reply`."""
    asked = []
    reply = {"answer": QMessageBox.StandardButton.No, "button": None}

    def exec_(box):
        asked.append((box.windowTitle(), box.text()))
        if reply["button"]:
            for b in box.buttons():
                if b.text() == reply["button"]:
                    b.click()
                    return 0
        if box.button(QMessageBox.StandardButton.Yes) is not None:
            return reply["answer"]
        return QMessageBox.StandardButton.Discard
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked, reply


def new_window(qtbot):
    from gui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    return w


def test_opening_a_draft_open_in_another_process_brings_that_window_to_front(qtbot, tmp_path, draft,
                                                                              children, boxes):
    holder = children(draft, tmp_path / "home-a")
    assert holder.event("ready")["lock_held"] is True
    before = draft.read_bytes()
    asked, _ = boxes
    messages = []
    w = new_window(qtbot)
    w.files.message.connect(messages.append)
    assert w.files.open_path(draft) is False  # not a second window on it ...
    assert holder.event("raised", timeout=10) is not None  # ... the first came to the front
    assert asked == [] and w.doc.path is None
    assert any("已切换到那个窗口" in m for m in messages), messages
    assert draft.read_bytes() == before
    assert json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"] == holder.proc.pid


def test_a_second_start_on_an_open_draft_hands_over_and_exits(tmp_path, draft, children):
    holder = children(draft, tmp_path / "home-a")
    assert holder.event("ready")["lock_held"] is True
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_HOME=str(tmp_path / "home-b"))
    # A question box would block this offscreen start for ever: the timeout would fail the test.
    second = subprocess.run([sys.executable, "main.py", str(draft)], cwd=ROOT, env=env,
                            capture_output=True, timeout=60)
    assert second.returncode == 0, second.stderr.decode("utf-8", "replace")[-2000:]
    assert holder.event("raised", timeout=10) is not None
    assert json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"] == holder.proc.pid


def test_a_window_that_does_not_answer_is_named_and_keeps_its_lock(qtbot, tmp_path, draft, children, boxes):
    holder = children(draft, tmp_path / "home-a")
    assert holder.event("ready")["lock_held"] is True
    holder.proc.send_signal(signal.SIGSTOP)  # hung: the channel connects, but nobody answers
    asked, reply = boxes
    w = new_window(qtbot)
    assert w.files.open_path(draft) is False  # answered 否
    title, text = asked[-1]
    assert "共用草稿.gknb" in text and "另一个" in text and str(holder.proc.pid) in text, text

    reply["answer"] = QMessageBox.StandardButton.Yes  # 仍要打开: the clerk was warned
    assert w.files.open_path(draft, confirm=False) is True and w.doc.path == draft
    assert not w.files.lock.held  # the lock is still the first window's ...
    w.files.close_clean()  # ... and closing this window does not remove it
    info = json.loads(lock_path(draft).read_text(encoding="utf-8"))
    assert info["pid"] == holder.proc.pid

    holder.proc.send_signal(signal.SIGCONT)  # a third window now finds the first one again
    w3 = new_window(qtbot)
    n = len(asked)
    assert w3.files.open_path(draft) is False and len(asked) == n
    assert holder.event("raised", timeout=10) is not None


def test_two_windows_started_at_the_same_moment_never_both_open_the_draft(tmp_path, children):
    outcomes = []
    for r in range(ROUNDS):
        d = tmp_path / f"同时打开{r}.gknb"
        shutil.copyfile(SAMPLE, d)
        a = children(d, tmp_path / f"home-{r}-a")
        b = children(d, tmp_path / f"home-{r}-b")
        ra, rb = a.event("ready"), b.event("ready")
        assert ra is not None and rb is not None
        opened = [x for x in (ra, rb) if x["path"] == str(d)]
        holders = [x for x in (ra, rb) if x["lock_held"]]
        assert len(holders) == 1 and holders[0] in opened, (ra, rb)
        other = rb if holders[0] is ra else ra
        # The other one handed over (the first came to the front) or was asked (and said 否).
        assert other["handed_off"] or other["questions"], (ra, rb)
        assert other["path"] != str(d)
        if other["handed_off"]:
            assert (a if holders[0] is ra else b).event("raised", timeout=10) is not None
        outcomes.append("handed over" if other["handed_off"] else "asked")
        a.stop()
        b.stop()
    assert len(outcomes) == ROUNDS
    print(f"{ROUNDS} rounds: " + ", ".join(f"{outcomes.count(o)} {o}" for o in sorted(set(outcomes))))


def test_each_window_has_its_own_recovery_copy(qtbot, tmp_path, draft, children, boxes):
    """Window A types and is killed; window B on the same draft autosaves and saves: A's work is
    still offered (before: B's autosave overwrote A's copy and B's save deleted it)."""
    from model.recovery import pending_recoveries

    home = Path(os.environ["NIANBAO_HOME"])  # this process's (conftest's): one recovery folder for both
    a = children(draft, home, "--type", "A窗口未保存的一句。")
    assert a.event("typed") is not None
    a.proc.send_signal(signal.SIGSTOP)
    asked, reply = boxes
    reply["answer"] = QMessageBox.StandardButton.Yes
    w = new_window(qtbot)
    assert w.files.open_path(draft) is True
    w.doc.set_text("s6", "B窗口写的内容。")
    w.files.autosaver.write_now()
    w.files.autosaver.wait()
    a.stop()  # A is killed with its work unsaved
    assert w.files.save() is True
    w.files.autosaver.wait()
    recs = pending_recoveries()
    assert [r.report.text("s1").endswith("A窗口未保存的一句。") for r in recs] == [True], recs
    assert load_draft(draft).text("s6") == "B窗口写的内容。"


def test_a_save_never_silently_replaces_what_another_window_saved(qtbot, tmp_path, draft, children, boxes):
    from model.atomic_file import backup_path

    asked, reply = boxes
    w = new_window(qtbot)  # window A, this process
    assert w.files.open_path(draft) is True
    w.doc.set_text("s6", "A窗口的内容。")
    # Window B can not reach A (this process is busy reading B's output), is told, opens anyway.
    b = children(draft, tmp_path / "home-b", "--answer", "yes", "--type", "B窗口的修改。", "--save")
    assert b.event("saved", timeout=90)["saved"] is True
    assert load_draft(draft).text("s1").endswith("B窗口的修改。")

    reply["button"] = "取消"
    assert w.files.save() is False
    assert "已被其他窗口或程序修改" in asked[-1][1], asked
    assert load_draft(draft).text("s1").endswith("B窗口的修改。")  # untouched

    reply["button"] = "覆盖"
    assert w.files.save() is True
    assert load_draft(draft).text("s6") == "A窗口的内容。"
    assert load_draft(backup_path(draft)).text("s1").endswith("B窗口的修改。")  # nothing lost

    w.doc.set_text("s6", "A窗口再改。")
    assert w.files.save() is True  # unchanged since A's own save: no question
    assert sum("已被其他窗口" in t for _, t in asked) == 2


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(qtbot, tmp_path, draft, children, boxes):
    holder = children(draft, tmp_path / "home-a")
    holder.event("ready")
    holder.stop()
    assert lock_path(draft).exists()  # the crash left its lock behind ...
    assert DraftLock(draft).other_owner() is None  # ... but its process is gone
    asked, _ = boxes
    w = new_window(qtbot)
    assert w.files.open_path(draft, confirm=False) is True
    assert not [q for q in asked if "另一个" in q[1]]
    assert json.loads(lock_path(draft).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_the_last_draft_held_elsewhere_is_not_opened_silently_at_start(qtbot, tmp_path, draft, children, boxes):
    from gui.main_window import MainWindow
    from model.settings import Settings

    holder = children(draft, tmp_path / "home-a")
    holder.event("ready")
    settings = Settings()
    settings.add_recent(draft)
    messages = []
    w = MainWindow(start=False, settings=settings)
    qtbot.addWidget(w)
    w.files.message.connect(messages.append)
    w.files.start()
    assert w.doc.path != draft
    assert any("另一个窗口" in m for m in messages), messages


# -- the lock file itself ---------------------------------------------------------------------------
@pytest.mark.parametrize("content", ["", "{", "null", "[]", '{"pid": "abc"}', '{"pid": -1, "host": "@HOST"}',
                                     '{"pid": 99999999, "host": "@HOST"}', "\x00\xff"])
def test_a_garbled_lock_file_does_not_block(tmp_path, content):
    from model.safe_files import host_name

    draft = tmp_path / "草稿.gknb"
    shutil.copyfile(SAMPLE, draft)
    content = content.replace("@HOST", host_name())
    lock_path(draft).write_bytes(content.encode("utf-8", "surrogateescape"))
    past = time.time() - 60  # an old garbled lock: not one being written this moment
    os.utime(lock_path(draft), (past, past))
    assert DraftLock(draft).other_owner() is None
    lock = DraftLock(draft)
    assert lock.acquire() == "held"
    lock.release()
    assert not lock_path(draft).exists()


@pytest.mark.parametrize("pid", ["1e30", "2147483648", "-5", "true", "\"12\"", "null", "[1]"])
def test_garbled_pids_in_lock_and_recovery_files(tmp_path, pid):
    """Found by fuzzing: a pid out of the OS's range made os.kill raise OverflowError, so a
    garbled lock file stopped the draft from opening and a garbled recovery copy the app from
    starting."""
    from model.recovery import pending_recoveries, recovery_dir
    from model.safe_files import host_name

    pid_value = "1" + "0" * 30 if pid == "1e30" else pid
    draft = tmp_path / "草稿.gknb"
    shutil.copyfile(SAMPLE, draft)
    lock_path(draft).write_text(f'{{"pid": {pid_value}, "host": "{host_name()}"}}', encoding="utf-8")
    assert DraftLock(draft).other_owner() is None
    recovery_dir().mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8").rstrip().rstrip("}") + f', "recovery_pid": {pid_value}}}'
    (recovery_dir() / "坏的恢复副本.gknb").write_text(text, encoding="utf-8")
    recs = pending_recoveries()  # must not raise; an unknown pid means no live owner
    assert len(recs) == 1


def test_two_locks_taken_at_once_one_wins(tmp_path):
    """The lock is created with O_EXCL: of many takers at the same moment, exactly one holds it.
    (Before, write_text: every taker 'held' it, the last writer's pid stayed.)"""
    draft = tmp_path / "草稿.gknb"
    shutil.copyfile(SAMPLE, draft)
    code = ("import sys, time; sys.path.insert(0, sys.argv[1])\n"
            "from model.draft_lock import DraftLock\n"
            "t = float(sys.argv[3])\n"
            "while time.time() < t: pass\n"
            "l = DraftLock(sys.argv[2]); print(l.acquire(), flush=True); time.sleep(2)\n")
    start = time.time() + 1.5
    procs = [subprocess.Popen([sys.executable, "-c", code, str(ROOT), str(draft), str(start)],
                              stdout=subprocess.PIPE, text=True) for _ in range(4)]
    results = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert results == ["held", "other", "other", "other"], results
