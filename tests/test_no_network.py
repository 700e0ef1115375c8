"""The app never touches the network: a whole user story with every way out blocked and watched.

The story: open the sample, check it, roll it over, save, export PDF and XLSX (library and
command line), then the window: open the draft, type a paragraph and a number, autosave, save,
start the app a second time on the same draft (it asks this window, through the local
single-instance channel, to come to the front, and exits), render the print pages, close.

* In this process, socket.socket.connect / connect_ex / sendto, socket.create_connection and
  getaddrinfo raise: any Python-level attempt fails the test.  After the story no internet
  socket may be open in the process (/proc/self/fd against /proc/net/{tcp,udp}{,6}): every
  socket it has is a Unix-domain one (/proc/net/unix) — Qt's network module is loaded only for
  QLocalServer/QLocalSocket.
* In a child process under strace, no connect() or sendto() to an AF_INET/AF_INET6 address
  happens at all, whatever library would make it.  tools/install.sh test installs strace: the
  test fails without it, and skips only where tracing is not permitted (a container without
  CAP_SYS_PTRACE).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class NetworkUsed(AssertionError):
    pass


def user_story(folder: Path) -> None:
    """Everything a clerk does in a session, end to end."""
    import main
    from model.checks import check_report
    from model.draft_io import load_draft, save_draft
    from model.rollover import roll_over
    from model.samples import seed_path

    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / "示例.gknb"
    shutil.copyfile(seed_path(), draft)
    report = load_draft(draft)
    check_report(report)
    nxt = roll_over(report).report
    save_draft(folder / "下一年.gknb", nxt)
    load_draft(folder / "下一年.gknb")
    from export.pdf_report import write_pdf
    from export.xlsx_report import write_xlsx

    write_pdf(report, folder / "报告.pdf")
    write_xlsx(report, folder / "报告.xlsx")
    assert main.run_command(["check", str(draft), "--json"]) in (0, 1)
    assert main.run_command(["export", str(draft), "--pdf", str(folder / "命令行.pdf"),
                             "--xlsx", str(folder / "命令行.xlsx")]) == 0
    import subprocess
    import time

    from PySide6.QtCore import QEventLoop
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gui.qt_setup import setup_application

    app = QApplication.instance() or QApplication([sys.argv[0]])
    setup_application(app)
    QMessageBox.exec = lambda box: QMessageBox.StandardButton.Discard  # never block on a question
    from gui.main_window import MainWindow
    from gui.printing import render_pages

    w = MainWindow(draft)
    w.show()
    app.processEvents()
    editor = w.pages["s1"].text.edit
    ev = QInputMethodEvent()
    ev.setCommitString("本年度未发生网络访问。")
    QApplication.sendEvent(editor, ev)
    w.tabs.setCurrentWidget(w.pages["s3"])  # grids are built when their tab is first shown
    app.processEvents()
    grid = w.pages["s3"].grid
    cell = next(c for c in grid.model().grid.cells if c.kind == "value")
    assert grid.model().apply_text(cell.cell_id, "7") == ""
    w.files.autosaver.write_now()
    w.files.autosaver.wait()
    assert w.files.save()
    # The clerk double-clicks the draft again: a second app process asks this window (local
    # channel) to come to the front, and ends.
    raised = []
    w.files.broughtToFront.connect(lambda: raised.append(True))
    second = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(draft)], cwd=ROOT,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while second.poll() is None and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)  # this window answers meanwhile
    assert second.wait(10) == 0 and raised == [True]
    assert render_pages(w.doc.report, dpi=30)
    app.processEvents()
    w.files.close_clean()
    w.close()
    w.deleteLater()
    app.processEvents()
    assert "本年度未发生网络访问。" in load_draft(draft).text("s1")


def _inet_socket_inodes() -> set[str]:
    inodes = set()
    for name in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        try:
            lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        inodes.update(line.split()[9] for line in lines if len(line.split()) > 9)
    return inodes


def _unix_socket_inodes() -> set[str]:
    try:
        lines = Path("/proc/net/unix").read_text().splitlines()[1:]
    except OSError:
        return set()
    return {line.split()[6] for line in lines if len(line.split()) > 6}


def _my_sockets() -> set[str]:
    found = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            m = re.match(r"socket:\[(\d+)\]", os.readlink(fd))
        except OSError:
            continue
        if m:
            found.add(m.group(1))
    return found


def _my_inet_sockets() -> list[str]:
    inet = _inet_socket_inodes()
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        m = re.match(r"socket:\[(\d+)\]", target)
        if m and m.group(1) in inet:
            found.append(f"fd {fd.name}: {target}")
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_whole_session_opens_no_socket(tmp_path, monkeypatch, qapp):
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args[1:] if name.startswith("socket.") else args))
            raise NetworkUsed(f"network access: {name}{args!r}")
        return blocked

    for attr in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, attr, refuse(f"socket.{attr}"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Discard)

    before = set(_my_inet_sockets())
    user_story(tmp_path / "story")
    assert attempts == []
    assert set(_my_inet_sockets()) - before == set()
    assert "PySide6.QtNetwork" in sys.modules  # the story did use the local channel ...
    assert _my_sockets() <= _unix_socket_inodes()  # ... and every socket it opened is Unix-domain


STORY_SCRIPT = """
import os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import importlib.util
spec = importlib.util.spec_from_file_location("story", os.path.join(sys.argv[1], "tests", "test_no_network.py"))
story = importlib.util.module_from_spec(spec)
spec.loader.exec_module(story)
story.user_story(Path(sys.argv[2]))
print("story done")
"""


def _may_trace(strace: str) -> bool:
    try:
        return subprocess.run([strace, "-f", "-o", os.devnull, "true"], capture_output=True,
                              timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def test_no_internet_system_call_in_a_whole_session(tmp_path):
    from system_tools import require  # here: the child process loads this file without tests/

    strace = require("strace")  # a missing strace fails: tools/install.sh test installs it
    if not _may_trace(strace):
        pytest.skip("strace is installed but may not trace here (ptrace not permitted, "
                    "e.g. a container without CAP_SYS_PTRACE)")
    trace = tmp_path / "trace.txt"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_HOME=str(tmp_path / "home"))
    proc = subprocess.run([strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg,bind", "-o", str(trace),
                           sys.executable, "-c", STORY_SCRIPT, str(ROOT), str(tmp_path / "story")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "story done" in proc.stdout, proc.stderr[-3000:]
    calls = trace.read_text(errors="replace").splitlines()
    inet = [c for c in calls if "AF_INET" in c]  # AF_INET and AF_INET6; AF_UNIX (local) is fine
    assert inet == [], "\n".join(inet[:20])
    # The single-instance channel was used, over a Unix-domain socket (the trace sees it).
    assert any("connect(" in c and "AF_UNIX" in c and "nianbao-" in c for c in calls)
