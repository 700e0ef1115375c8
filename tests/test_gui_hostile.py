"""Hostile files and huge reports in the window (issue 10): the window starts, says what is wrong,
asks where it must, never shows user text as markup, and exports on a worker thread it can cancel.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import Qt as QtGuiNs, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QLabel, QMessageBox, QProgressDialog, QPushButton,
                               QWidget)

from model import draft_io
from model.atomic_file import backup_path
from model.draft_io import load_draft, save_draft
from model.draft_lock import lock_path
from model.recovery import recovery_dir
from model.report import Report
from model.samples import seed_path

SAMPLE = seed_path()
HOSTILE = '<a href="http://example.invalid/">点我</a><font color="red">某某局</font>'


@pytest.fixture
def boxes(monkeypatch):
    """Every message box is recorded (title, text, informative text, the box's labels) and answered:
    `reply["button"]` (a button's text) is clicked if the box has it, else Discard / No."""
    shown = []
    reply = {"button": None}

    def exec_(box):
        labels = [(lab.text(), lab.textFormat(), lab.openExternalLinks()) for lab in box.findChildren(QLabel)]
        shown.append({"title": box.windowTitle(), "text": box.text(), "info": box.informativeText(),
                      "format": box.textFormat(), "labels": labels})
        for b in box.buttons():
            if reply["button"] and b.text() == reply["button"]:
                b.click()  # sets clickedButton(); exec() gives a standard button's value
                return box.standardButton(b) if box.standardButton(b) != QMessageBox.StandardButton.NoButton else 0
        if box.button(QMessageBox.StandardButton.Discard) is not None:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown, reply


def window(qtbot, draft=None):
    from gui.main_window import MainWindow

    w = MainWindow(draft)
    qtbot.addWidget(w)
    return w


def dead_pid() -> int:
    import subprocess
    import sys

    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def write_recovery(name: str, report_json: dict, **extra) -> Path:
    recovery_dir().mkdir(parents=True, exist_ok=True)
    data = dict(report_json, recovery_pid=dead_pid(), **extra)
    p = recovery_dir() / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def assert_plain(labels) -> None:
    for text, fmt, links in labels:
        assert not links, text
        if QtGuiNs.mightBeRichText(text):
            assert fmt == Qt.TextFormat.PlainText, text


# -- 1. the window always starts -----------------------------------------------------------------------
@pytest.mark.parametrize("saved_at", [1e300, -1e300, 1e18])
def test_the_window_starts_whatever_time_a_recovery_copy_claims(qtbot, boxes, saved_at):
    """Before: OverflowError in _describe at every start; the copy stayed, the app never started."""
    shown, _ = boxes
    write_recovery("坏时间.gknb", json.loads(SAMPLE.read_text(encoding="utf-8")), recovery_saved_at=saved_at)
    w = window(qtbot)
    # Offered, with the copy file's own time instead of the impossible one it claims.
    assert shown and "南山区六号街道" in shown[0]["info"] and "自动保存" in shown[0]["info"]
    assert w.doc.path is None  # answered 放弃 ...
    assert not list(recovery_dir().glob("*.gknb"))  # ... and the copy is gone, so the next start is clean


def test_the_window_starts_whatever_the_settings_hold(qtbot, boxes):
    from model.user_dirs import state_dir

    state_dir().mkdir(parents=True, exist_ok=True)
    (state_dir() / "settings.json").write_text(json.dumps({
        "recent": {"a": 1}, "last_agency": [1, 2], "export_dir": 12, "window_geometry": ["x"],
        "window_state": 3.5, "hint_dismissed": {"x": None}}), encoding="utf-8")
    w = window(qtbot)
    assert w.doc.report.agency == ""


# -- 2. a lock that is a link is left alone ----------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_opening_a_draft_whose_lock_is_a_link_writes_nothing_through_it(qtbot, tmp_path, boxes):
    """Before: opening the draft overwrote the link's target with a pid; closing deleted the link."""
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    victim = tmp_path / "重要文件.txt"
    victim.write_text("不能被改写", encoding="utf-8")
    os.symlink(victim, lock_path(draft))
    messages = []
    w = window(qtbot)
    w.files.message.connect(messages.append)
    assert w.files.open_path(draft, confirm=False)
    assert any("锁文件" in m and "链接" in m for m in messages), messages
    w.files.close_clean()
    assert os.path.islink(lock_path(draft)) and victim.read_text(encoding="utf-8") == "不能被改写"


# -- 4. the export dialog never writes over the draft ---------------------------------------------------
def test_the_export_dialog_refuses_the_draft_itself(qtbot, tmp_path, boxes, monkeypatch):
    shown, reply = boxes
    reply["button"] = "是"  # export despite the report's errors
    draft = tmp_path / "报告.pdf"  # a draft may have any name: 打开 shows all files
    shutil.copyfile(SAMPLE, draft)
    before = draft.read_bytes()
    w = window(qtbot)
    assert w.files.open_path(draft, confirm=False)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(draft), ""))
    assert w.files.export_pdf() is False
    assert "覆盖" in shown[-1]["text"] and "草稿" in shown[-1]["text"]
    assert draft.read_bytes() == before


# -- 5. devices and pipes --------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_opening_a_device_says_so(qtbot, boxes):
    shown, _ = boxes
    w = window(qtbot)
    assert w.files.open_path(Path("/dev/zero")) is False
    assert "不是普通文件" in shown[-1]["text"]


# -- 7. a .bak that is a folder ----------------------------------------------------------------------------
@pytest.mark.parametrize("answer, saved", [("不保留备份，直接保存", True), ("取消", False)])
def test_a_backup_folder_is_named_and_the_clerk_may_save_without_it(qtbot, tmp_path, boxes, answer, saved):
    shown, reply = boxes
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    backup_path(draft).mkdir()
    w = window(qtbot, draft)
    w.doc.set_text("s6", "要保存的内容。")
    reply["button"] = answer
    assert w.files.save() is saved
    assert "报告.gknb.bak" in shown[-1]["text"] and "文件夹" in shown[-1]["text"]
    assert (load_draft(draft).text("s6") == "要保存的内容。") is saved
    assert backup_path(draft).is_dir()
    assert w.files.is_modified() is not saved


# -- 8. the size limit, and copies that cannot be read ------------------------------------------------------
def test_a_report_too_large_to_reopen_is_not_saved(qtbot, tmp_path, boxes, monkeypatch):
    shown, _ = boxes
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    before = draft.read_bytes()
    monkeypatch.setattr(draft_io, "MAX_BYTES", 20_000)  # the rule at a small scale
    w = window(qtbot, draft)
    failures = []
    w.files.autosaver.failed.connect(failures.append)
    w.doc.set_text("s1", "粘贴进来的很长一段。" * 2000)
    assert w.files.save() is False
    assert "过大" in shown[-1]["text"] and draft.read_bytes() == before
    w.files.autosaver.write_now()
    w.files.autosaver.wait()
    qtbot.waitUntil(lambda: bool(failures))
    assert "过大" in failures[-1]


def test_a_recovery_copy_that_cannot_be_read_is_offered_and_kept(qtbot, boxes):
    from model.user_dirs import drafts_dir

    shown, reply = boxes
    recovery_dir().mkdir(parents=True, exist_ok=True)
    (recovery_dir() / "123-0123456789ab.gknb").write_bytes(SAMPLE.read_bytes()[:400])  # cut short
    reply["button"] = "恢复"
    window(qtbot)
    assert "无法读取的恢复副本" in shown[0]["info"]
    kept = list((drafts_dir() / "无法读取的恢复副本").iterdir())
    assert [p.read_bytes() for p in kept] == [SAMPLE.read_bytes()[:400]]
    assert any(str(kept[0]) in b["text"] for b in shown[1:])


# -- 9. a save never silently replaces another window's version ---------------------------------------------
@pytest.mark.parametrize("answer", ["取消", "覆盖", "另存为…"])
def test_a_draft_changed_on_disk_is_never_replaced_without_asking(qtbot, tmp_path, boxes, monkeypatch, answer):
    shown, reply = boxes
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    w = window(qtbot, draft)
    w.doc.set_text("s6", "本窗口的内容。")
    theirs = load_draft(draft)
    theirs.texts["s6"] = "另一个窗口保存的内容。"
    save_draft(draft, theirs)  # as another window (or program) would, meanwhile
    other = tmp_path / "另存的.gknb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    reply["button"] = answer
    result = w.files.save()
    assert "已被其他窗口或程序修改" in shown[-1]["text"]
    if answer == "取消":
        assert result is False and load_draft(draft).text("s6") == "另一个窗口保存的内容。"
    elif answer == "覆盖":
        assert result is True and load_draft(draft).text("s6") == "本窗口的内容。"
        assert load_draft(backup_path(draft)).text("s6") == "另一个窗口保存的内容。"
    else:
        assert result is True and load_draft(other).text("s6") == "本窗口的内容。"
        assert load_draft(draft).text("s6") == "另一个窗口保存的内容。"


# -- 11. user text is text ---------------------------------------------------------------------------------
def test_user_text_is_never_shown_as_markup(qtbot, tmp_path, boxes):
    """Before: the title preview was AutoText (an agency with <font>/<a> rendered as HTML, unlike the
    printed title), and a lock's host in a message box became a link that opened the browser."""
    shown, _ = boxes
    draft = tmp_path / "报告.gknb"
    save_draft(draft, Report.new(2024, agency=HOSTILE))
    w = window(qtbot, draft)
    w.show()
    w.build_pages()
    labels = [(lab.text(), lab.textFormat(), lab.openExternalLinks()) for lab in w.findChildren(QLabel)]
    assert any(HOSTILE in text for text, _, _ in labels)  # shown, as typed
    assert_plain(labels)
    assert w.info.title_preview.textFormat() == Qt.TextFormat.PlainText

    # A lock from another computer whose name is markup: the question shows it as text.
    other = tmp_path / "别人的.gknb"
    shutil.copyfile(SAMPLE, other)
    lock_path(other).write_text(json.dumps({"pid": 4242, "host": HOSTILE, "token": "x"}), encoding="utf-8")
    assert w.files.open_path(other) is False
    assert HOSTILE in shown[-1]["text"] and shown[-1]["format"] == Qt.TextFormat.PlainText
    assert_plain(shown[-1]["labels"])

    # A recovery copy of a report with that agency: the restore question shows it as text.
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["agency"] = HOSTILE
    write_recovery("123-0123456789ab.gknb", data)
    window(qtbot)
    assert HOSTILE in shown[-1]["info"]
    assert_plain(shown[-1]["labels"])


def test_the_about_dialog_shows_paths_as_text(qtbot, monkeypatch, tmp_path):
    from gui.about_dialog import AboutDialog

    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / '<a href="http://x.invalid">家</a>'))
    d = AboutDialog()
    qtbot.addWidget(d)
    assert_plain([(lab.text(), lab.textFormat(), lab.openExternalLinks()) for lab in d.findChildren(QLabel)])


# -- 12. export on a worker, with 取消 ----------------------------------------------------------------------
def test_export_runs_on_a_worker_thread(qtbot, tmp_path, boxes, monkeypatch):
    boxes[1]["button"] = "是"  # export despite the report's errors
    import export.pdf_report as pdf_report

    real = pdf_report.write_pdf
    on_main = []

    def recording(report, path, *args, **kwargs):
        on_main.append(threading.current_thread() is threading.main_thread())
        real(report, path, *args, **kwargs)
    monkeypatch.setattr(pdf_report, "write_pdf", recording)
    out = tmp_path / "报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    w = window(qtbot, draft)
    assert w.files.export_pdf() is True
    assert on_main == [False]  # before: [True], the window froze for the whole layout
    assert out.read_bytes()[:4] == b"%PDF"


def test_a_long_export_keeps_the_window_live_and_can_be_cancelled(qtbot, tmp_path, boxes, monkeypatch):
    """Before: a 48 MB draft's PDF ran past 5 minutes on the window's thread — frozen, no way out."""
    boxes[1]["button"] = "是"  # export despite the report's errors
    import export.pdf_report as pdf_report

    started = threading.Event()

    def endless_layout(report, path, *args, **kwargs):  # pure Python, like reportlab's layout: 取消 must stop it
        started.set()
        n = 0
        while True:
            n += 1
    monkeypatch.setattr(pdf_report, "write_pdf", endless_layout)
    out = tmp_path / "报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w = window(qtbot)
    w.show()
    messages = []
    w.files.message.connect(messages.append)
    ticks = []
    ticker = QTimer(interval=20)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()
    seen = {}

    def press_cancel():
        dialog = w.findChild(QProgressDialog, "export_progress")
        if dialog is not None and dialog.isVisible() and started.is_set() and len(ticks) >= 10:
            seen["label"] = dialog.findChild(QLabel, "export_progress_label").text()
            dialog.findChild(QPushButton, "export_cancel").click()
        else:
            QTimer.singleShot(20, press_cancel)
    QTimer.singleShot(0, press_cancel)
    assert w.files.export_pdf() is False
    ticker.stop()
    assert len(ticks) >= 10  # the window's event loop ran all along
    assert "正在导出PDF" in seen["label"] and str(out) in seen["label"]
    assert any("已取消" in m for m in messages), messages
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not [t for t in threading.enumerate() if t.name == "export"]  # the worker stopped


# -- 13. strangers' texts in the 汇总 window, a unit's report and the import review -------------------------
STRANGER_NAMES = ['<a href="https://x.invalid/">点我</a>局', '<img src="https://x.invalid/a.png">街道', '<b>粗</b>镇政府']


def shown_as(text: str) -> str:
    """What Qt shows of a tooltip (or an AutoText label): rendered HTML when Qt::mightBeRichText."""
    doc = QTextDocument()
    if QtGuiNs.mightBeRichText(text):
        doc.setHtml(text)
    else:
        doc.setPlainText(text)
    return doc.toPlainText()


def tooltips_in(root) -> list[str]:
    """Every tooltip a widget under `root` or an item of one of its views would show."""
    tips = [w.toolTip() for w in [root, *root.findChildren(QWidget)] if w.toolTip()]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        top = QModelIndex()
        try:
            columns = model.columnCount(top)
        except TypeError:  # a list widget's model keeps columnCount private: one column
            columns = 1
        for r in range(model.rowCount(top)):
            for c in range(columns):
                tip = model.index(r, c).data(Qt.ItemDataRole.ToolTipRole)
                if tip:
                    tips.append(tip)
    return tips


def assert_shown_as_typed(root, strangers) -> list[str]:
    """Labels are plain text; a tooltip that holds a stranger's text (escaped or not) shows it as
    typed.  Returns what the tooltips show."""
    assert_plain([(lab.text(), lab.textFormat(), lab.openExternalLinks()) for lab in root.findChildren(QLabel)])
    shown = []
    for tip in tooltips_in(root):
        seen = shown_as(tip)
        shown.append(seen)
        for s in strangers:
            if s in tip or html.escape(s, quote=False) in tip:
                assert s in seen, (s, tip)
    return shown


def test_strangers_texts_in_the_summary_window_and_a_units_report(qtbot, tmp_path, boxes, monkeypatch):
    """Before: the review table's tooltips rendered a unit's name as HTML (bold, a link, a picture
    fetched from the name), and the boxes about a unit were QMessageBox static calls (AutoText)."""
    from gui.main_window import MainWindow
    from summary_helpers import write_unit

    shown, _ = boxes
    folder = tmp_path / "报送"
    for n, name in enumerate(STRANGER_NAMES[:2], start=1):
        write_unit(folder, f"单位{n}.gknb", name, seed=n)
    listed = tmp_path / "名单.txt"
    listed.write_text("\n".join(STRANGER_NAMES), encoding="utf-8")  # the third has sent nothing
    main = MainWindow()
    qtbot.addWidget(main)
    main.open_summary()
    win = main.summary_window
    qtbot.addWidget(win)
    win.set_sources([folder])
    win.set_unit_list(listed)
    with qtbot.waitSignal(win.worker.finished, timeout=60_000):
        win.start_button.click()
    assert win.model.rowCount() == 3
    tips = assert_shown_as_typed(win, STRANGER_NAMES)
    for name in STRANGER_NAMES:
        assert any(name in t for t in tips), name  # the table's tooltips name every unit as written

    for r in range(win.proxy.rowCount()):
        win.open_row(win.proxy.index(r, 0))
    missing = [b for b in shown if b["title"] == STRANGER_NAMES[2]]
    assert missing and STRANGER_NAMES[2] in missing[0]["text"]
    assert missing[0]["format"] == Qt.TextFormat.PlainText
    assert_plain(missing[0]["labels"])
    assert len(win._viewers) == 2
    for viewer in win._viewers:
        qtbot.addWidget(viewer)
        assert viewer.row.unit in viewer.windowTitle()
        labels = [lab.text() for lab in viewer.findChildren(QLabel)]
        assert any(viewer.row.unit in t for t in labels)
        assert_shown_as_typed(viewer, STRANGER_NAMES)

    win.agency.setText(STRANGER_NAMES[0])
    assert win.make_sum()
    note_tip = shown_as(main.info.summary_note.toolTip())
    assert STRANGER_NAMES[0] in note_tip and STRANGER_NAMES[1] in note_tip
    assert_shown_as_typed(main.info, STRANGER_NAMES)


def test_strangers_texts_in_the_import_review(qtbot):
    """Before: a doubt's reason (which may quote the source) was a raw tooltip: rendered as HTML."""
    from gui.import_review import IMPORT, ImportReviewDialog
    from model.importing.result import DOUBTFUL, UNREAD, Doubt, ImportResult

    link, img, bold = STRANGER_NAMES
    report = Report.new(2024, agency=bold)
    report.texts["s1"] = f"{link}{img}"
    result = ImportResult(report, "html", source=f"{bold}.html", unused_lines=[link, img],
                          messages=[f"从网页“{bold}.html”读取。", img],
                          doubtful=[Doubt("t3.r1_new.natural", img, f"来源中的“{link}”不是数字", DOUBTFUL),
                                    Doubt("s2", bold, f"{img}未能对应", UNREAD)])
    dialog = ImportReviewDialog(result, IMPORT)
    qtbot.addWidget(dialog)
    dialog.show()
    tips = assert_shown_as_typed(dialog, STRANGER_NAMES)
    assert any(f"来源中的“{link}”不是数字" in t for t in tips)  # the doubt's own tooltip
    assert any(f"{img}未能对应" in t for t in tips)
    assert bold in dialog.summary.text() and bold in dialog.windowTitle()


def test_no_message_box_guesses_the_format():
    """QMessageBox's static functions (warning, question, …) show text as HTML when it looks like
    HTML: every box goes through gui/message_box.py instead."""
    static = re.compile(r"QMessageBox\.(warning|information|question|critical|about)\(")
    root = Path(__file__).resolve().parent.parent
    found = [f"{p.relative_to(root)}:{n}" for p in sorted((root / "gui").glob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) if static.search(line)]
    assert found == []
