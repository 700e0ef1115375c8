"""Exporting a large report from the window: the progress bar shows how far the writer is (it
advances through many values and reaches its end), and 取消 in the middle leaves no file."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QProgressBar, QProgressDialog, QPushButton

from factories import full_report
from gui_helpers import open_window, record_dialogs
from model.draft_io import save_draft

PARAGRAPH = "本年度，我单位认真贯彻落实《条例》，2024年公开信息10407条（其中政策解读35条）。"
EXPORTS = {  # kind: (FileController method, suffix, characters in one paragraph of 五、)
    "PDF": ("export_pdf", ".pdf", 150_000),
    "Excel": ("export_xlsx", ".xlsx", 600_000),
    "Word": ("export_docx", ".docx", 1_500_000),
}


def large_draft(tmp_path, chars: int):
    r = full_report("2021")
    r.texts["s5"] = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    path = tmp_path / "大报告.gknb"
    save_draft(path, r)
    return path


def watch_bar(window, on_value, stop):
    """Connect to the export dialog's bar once it exists (the dialog is made inside the export
    call), calling on_value(value, bar, dialog) for each value the bar takes."""
    def look():
        dialog = window.findChild(QProgressDialog, "export_progress")
        if dialog is None:
            if not stop.is_set():
                QTimer.singleShot(5, look)
            return
        bar = dialog.findChild(QProgressBar)
        bar.valueChanged.connect(lambda v: on_value(v, bar, dialog))
    QTimer.singleShot(0, look)


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_the_bar_advances_through_the_export_and_reaches_its_end(qtbot, tmp_path, monkeypatch, kind):
    method, suffix, chars = EXPORTS[kind]
    record_dialogs(monkeypatch)
    out = tmp_path / f"大报告{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w = open_window(qtbot, large_draft(tmp_path, chars))
    seen: list[tuple[int, int]] = []
    stop = threading.Event()
    watch_bar(w, lambda v, bar, dialog: seen.append((v, bar.maximum())), stop)
    try:
        assert getattr(w.files, method)() is True
    finally:
        stop.set()
    values = [v for v, _ in seen]
    assert out.stat().st_size > 10_000
    assert all(m == 1000 for _, m in seen)  # a real bar, not the busy indicator (range 0–0)
    assert values == sorted(values)  # it never goes back
    assert len(set(values)) >= 10, values  # it moves as the work goes, not in one jump
    assert values[-1] == 1000
    assert sum(1 for v in values if 100 <= v <= 900) >= 5  # and through the middle


@pytest.mark.parametrize("kind", ["PDF", "Excel"])
def test_cancel_in_the_middle_leaves_no_file(qtbot, tmp_path, monkeypatch, kind):
    method, suffix, chars = EXPORTS[kind]
    log = record_dialogs(monkeypatch)
    out = tmp_path / f"大报告{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w = open_window(qtbot, large_draft(tmp_path, chars * 3))
    messages = []
    w.files.message.connect(messages.append)
    stop = threading.Event()
    at_cancel = []

    def on_value(v, bar, dialog):
        if 200 <= v <= 700 and not at_cancel:
            at_cancel.append(v)
            dialog.findChild(QPushButton, "export_cancel").click()
    watch_bar(w, on_value, stop)
    try:
        assert getattr(w.files, method)() is False
    finally:
        stop.set()
    assert at_cancel, "the bar never reached the middle"
    assert any("已取消" in m for m in messages), (messages, log)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not [t for t in threading.enumerate() if t.name == "export"]


def press_cancel_soon(w) -> None:
    """Press 取消 in the export's progress dialog as soon as there is one."""
    def press():
        dialog = w.findChild(QProgressDialog, "export_progress")
        if dialog is None:
            QTimer.singleShot(20, press)
            return
        dialog.findChild(QPushButton, "export_cancel").click()
    QTimer.singleShot(50, press)


def test_a_cancel_python_dropped_is_sent_again(qtbot, tmp_path, monkeypatch):
    """Python drops an exception raised in a garbage-collection or weak-reference callback
    ("Exception ignored in …"); a 取消 landing there must not be lost: it comes again."""
    import export.pdf_report as pdf_report
    from gui.export_runner import ExportCancelled

    record_dialogs(monkeypatch)
    received = []

    def drops_the_first(report, path, *args, **kwargs):
        while True:
            try:
                while True:
                    pass
            except ExportCancelled:
                received.append(1)
                if len(received) >= 2:
                    raise
                # the first is dropped, as in a callback Python ignores exceptions from
    monkeypatch.setattr(pdf_report, "write_pdf", drops_the_first)
    out = tmp_path / "报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w = open_window(qtbot, large_draft(tmp_path, 100))  # a report without errors: no question first

    press_cancel_soon(w)
    assert w.files.export_pdf() is False
    assert len(received) == 2 and not out.exists()
    assert not [t for t in threading.enumerate() if t.name == "export"]


def test_a_cancel_a_library_swallows_is_still_a_cancel(qtbot, tmp_path, monkeypatch):
    """A bare `except:` in a library can catch the 取消 and fail on in a half-done state; the
    clerk pressed 取消 and no file was made, so it reads 已取消, never 内部错误."""
    import export.pdf_report as pdf_report

    log = record_dialogs(monkeypatch)
    caught = []

    def swallows_then_fails(report, path, *args, **kwargs):
        table = {}
        while True:
            try:
                while True:
                    pass
            except:  # noqa: E722 - as reportlab's pdfmetrics.getAscentDescent does
                caught.append(1)
                return table["face"]  # the half-done state: KeyError
    monkeypatch.setattr(pdf_report, "write_pdf", swallows_then_fails)
    out = tmp_path / "报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w = open_window(qtbot, large_draft(tmp_path, 100))
    messages = []
    w.files.message.connect(messages.append)

    press_cancel_soon(w)
    assert w.files.export_pdf() is False
    assert caught and not out.exists()
    assert any("已取消" in m for m in messages), (messages, log)
    assert not any("内部错误" in m for m in log), log
