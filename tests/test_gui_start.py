"""The app's start (gui/app.py: MainWindow(paint_first=True)): the window paints first and does
the rest right after — and the first picture never shows anything missing or wrong."""

from __future__ import annotations

import pytest

from gui.findings_panel import CHECKING
from gui.main_window import MainWindow
from gui_helpers import record_dialogs


@pytest.fixture
def no_dialogs(monkeypatch):
    return record_dialogs(monkeypatch)


def start(qtbot, draft=None) -> MainWindow:
    """As gui/app.py starts the window: built, then shown; nothing painted yet."""
    w = MainWindow(draft, paint_first=True)
    w.resize(1366, 768)
    qtbot.addWidget(w)
    return w


def test_before_the_first_paint_the_findings_are_unknown_not_zero(qtbot, no_dialogs):
    w = start(qtbot)
    assert not w.doc.checked and w.doc.checks_pending()
    # What the first picture shows: no count at all, never "错误 0" or "全部校验通过".
    assert w.check_label.text() == CHECKING
    assert w.findings.summary.text() == CHECKING
    assert w.findings.list.count() == 0
    assert all(w.tabs.tabIcon(i).isNull() for i in range(w.tabs.count()))


def test_the_checks_come_right_after_the_first_paint(qtbot, no_dialogs):
    w = start(qtbot)
    w.show()
    qtbot.waitUntil(lambda: w.doc.checked)
    # A new report has no agency yet: an error on 基本信息, listed and counted.
    assert any(f.rule.startswith("agency") for f in w.doc.findings)
    assert w.check_label.text().startswith("错误 1，")
    assert not w.tabs.tabIcon(0).isNull()
    assert w.findings.list.count() == len(w.doc.findings)
    assert w.findings.summary.text().startswith("错误 1 个")


def test_the_deferred_checks_find_what_the_immediate_ones_find(qtbot, no_dialogs, tmp_path):
    from model.samples import seed_path
    import shutil

    draft = tmp_path / "sample.gknb"
    shutil.copyfile(seed_path(), draft)
    at_once = MainWindow(draft)
    qtbot.addWidget(at_once)
    expected = [f.message for f in at_once.doc.findings]
    at_once.files.close_clean()
    w = start(qtbot, draft)
    assert w.findings.list.count() == 0
    w.show()
    qtbot.waitUntil(lambda: w.doc.checked)
    assert expected and [f.message for f in w.doc.findings] == expected
    assert [w.findings.list.item(i).text() for i in range(w.findings.list.count())] == expected


def test_reading_the_findings_before_they_came_checks_first(qtbot, no_dialogs):
    """F8 (or a release question) before the deferred checks ran finds the findings."""
    w = start(qtbot)
    w.step_finding(+1)
    assert w.doc.checked
    assert w.findings.list.currentItem() is not None
    assert w.findings.finding_at(w.findings.list.currentItem()) == w.doc.findings[0]


def test_an_edit_before_the_checks_leaves_them_to_the_first_paint(qtbot, no_dialogs):
    """Unlikely (nothing reaches the window before it paints), but then the findings stay
    unknown until the deferred run, and are those of the edited report."""
    w = start(qtbot)
    w.doc.set_meta("agency", "示例街道办事处")
    assert not w.doc.checked
    w.show()
    qtbot.waitUntil(lambda: w.doc.checked)
    assert not any(f.rule.startswith("agency") for f in w.doc.findings)


def test_labels_the_clerk_may_copy_from_are_selectable_once_the_mouse_is_over_them(qtbot, no_dialogs):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QEnterEvent
    from PySide6.QtWidgets import QApplication

    w = start(qtbot)
    w.show()
    qtbot.waitUntil(lambda: w.doc.checked)
    for label in (w.info.title_preview, w.info.hint_banner.label):
        QApplication.sendEvent(label, QEnterEvent(QPointF(2, 2), QPointF(2, 2), QPointF(2, 2)))
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


@pytest.fixture
def live_pid():
    """A process that is alive and has no channel (as a window between its lock and its listening)."""
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    yield p.pid
    p.stdin.close()
    p.wait(30)


def test_an_asker_waits_for_a_window_that_listens_only_after_its_first_paint(qapp, monkeypatch, live_pid):
    """The window holding a draft listens only after its first paint (tests/test_faults_instances.py
    runs such windows as processes: a second start still finds them)."""
    from PySide6.QtNetwork import QLocalServer

    from gui import instance_channel

    server = QLocalServer()
    waits = []

    def sleep(seconds):  # the owner starts listening while the asker waits
        waits.append(seconds)
        if len(waits) == 2:
            assert server.listen(instance_channel.server_name(live_pid))

    monkeypatch.setattr(instance_channel.time, "sleep", sleep)
    try:
        assert instance_channel._connect(instance_channel._new_socket(), live_pid)
        assert len(waits) == 2
    finally:
        server.close()


def test_an_asker_does_not_wait_for_a_process_that_is_gone(qapp, monkeypatch):
    import subprocess
    import sys

    from gui import instance_channel

    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait(30)
    waits = []
    monkeypatch.setattr(instance_channel.time, "sleep", waits.append)
    assert not instance_channel._connect(instance_channel._new_socket(), p.pid)
    assert waits == []



def test_a_wrapped_label_answers_its_height_as_a_plain_label_does_after_any_change(qapp):
    """WrappedLabel keeps its heights per width; a new text or font must not get an old answer."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from gui.looks import WrappedLabel

    short, long_ = "短句。", "从这里开始：填写机关名称，核对报告年度，然后依次打开上方各部分填写正文和表格。" * 3
    ours, plain = WrappedLabel(short), QLabel(short)
    plain.setWordWrap(True)

    def same() -> bool:
        return all(ours.heightForWidth(w) == plain.heightForWidth(w) for w in (80, 200, 200, 420))

    assert same()
    for label in (ours, plain):
        label.setText(long_)
    assert same() and ours.heightForWidth(80) > QLabel(short).sizeHint().height()
    big = QFont(ours.font())
    big.setPointSize(ours.font().pointSize() * 2)
    for label in (ours, plain):
        label.setFont(big)
    assert same()


def test_the_first_start_banner_stops_offering_the_sample_once_it_is_open(qtbot, no_dialogs):
    """The banner offers 打开示例报告 on a first start; with the sample open it says so and offers
    the way to the clerk's own report instead, and offers the sample again once that is open."""
    from PySide6.QtCore import Qt

    from gui_helpers import open_window

    w = open_window(qtbot)
    banner = w.info.hint_banner
    assert banner.isVisible() and banner.button.text() == "打开示例报告"
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    assert w.doc.report.agency == "示例市示例区示例街道办事处"  # the sample is the open report
    assert banner.isVisible()
    assert "打开示例报告" not in banner.label.text() and "打开示例报告" not in banner.button.text()
    assert banner.label.text().startswith("这是示例报告的副本")
    assert banner.button.text() == "新建报告…"

    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)  # 新建报告…: the year is asked
    assert any(line.startswith("新建报告｜") for line in no_dialogs)
    assert w.doc.report.agency == "" and w.doc.path is None
    assert banner.button.text() == "打开示例报告"
    assert banner.label.text().startswith("从这里开始")


def test_the_first_start_banner_goes_once_the_clerks_own_report_is_open(qtbot, no_dialogs, tmp_path):
    """「从这里开始：填写机关名称……」 has nothing to say once the clerk's own report (agency filled)
    is open; the sample's copy brings the banner back with its own message."""
    from gui_helpers import open_window
    from model.draft_io import save_draft
    from model.report import Report

    own = Report.new(2025, agency="某某县某某镇人民政府")
    draft = tmp_path / "某某镇2025年报告.gknb"
    save_draft(draft, own)
    w = open_window(qtbot)
    banner = w.info.hint_banner
    assert banner.isVisible()
    assert w.files.open_path(draft)
    assert w.doc.report.agency == "某某县某某镇人民政府"
    assert not banner.isVisible()
    w.files.new_report()  # a new report of the same unit keeps its agency: still begun
    assert w.doc.report.agency == "某某县某某镇人民政府" and not banner.isVisible()
    assert w.files.open_sample()  # the sample's copy: the banner says so
    assert banner.isVisible() and banner.label.text().startswith("这是示例报告的副本")


# -- what waits for the first paint: the dead-temp sweep, the garbage collector -------------------
def test_the_dead_temp_sweep_starts_after_the_first_paint(qtbot, no_dialogs):
    import subprocess
    import sys

    from model.atomic_file import host_tag
    from model.user_dirs import drafts_dir, ensure

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = ensure(drafts_dir()) / f".报告.gknb.{host_tag()}-{gone.pid}.abcdef12.tmp"
    dead.write_bytes(b"half a draft")
    w = start(qtbot)
    assert w.files.sweeper is None and dead.exists()  # nothing shares the interpreter with the build
    w.show()
    qtbot.waitUntil(lambda: w.files.sweeper is not None)
    w.files.sweeper.join(10)
    assert not dead.exists()


def test_collecting_again_is_a_no_op_when_the_start_never_paused_the_collector():
    import gc

    from gui.app import collect_again

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    collect_again()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


PAUSE_PROBE = r"""
import gc, json, sys
import gui.app

seen = {}
def probe():
    seen["paused_until_painted"] = not gc.isenabled()
    collect_again()
    seen["collecting_after"] = gc.isenabled()
    seen["start_frozen"] = gc.get_freeze_count()
collect_again, gui.app.collect_again = gui.app.collect_again, probe
import main
code = main.main([])
print(json.dumps(dict(seen, code=code)))
"""


def test_the_window_start_collects_no_garbage_until_its_first_paint(tmp_path):
    """main.py pauses the collector for the start (bench/bench_startup.py: 60 passes, 15–25 ms,
    freed nothing); the first paint turns it on again, with the start's objects frozen."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_QUIT_AFTER_PAINT="1",
               NIANBAO_HOME=str(tmp_path / "home"))
    proc = subprocess.run([sys.executable, "-c", PAUSE_PROBE], cwd=root, env=env, capture_output=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    seen = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    assert seen["code"] == 0 and seen["paused_until_painted"] and seen["collecting_after"]
    assert seen["start_frozen"] > 10_000  # modules, classes, widgets' wrappers: out of the collector's sight
