"""Helpers shared by the window tests: show a window as a clerk sees it, type Chinese."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.main_window import MainWindow


def commit_chinese(widget, text: str) -> None:
    """Type Chinese as an input method does (QTest cannot: its key events are Latin-1 only)."""
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def open_window(qtbot, draft=None, size=None, activate=True) -> MainWindow:
    """A MainWindow shown (and active, so that it has a focus widget) offscreen."""
    w = MainWindow(draft)
    if size:
        w.resize(*size)
    qtbot.addWidget(w)
    with qtbot.waitExposed(w):
        w.show()
    if activate:
        with qtbot.waitActive(w):
            w.activateWindow()
    return w


class DialogLog(list):
    """The texts of the message boxes shown, in order.  `answer` is what a question (a box with
    是 and 否) is answered; any other box is answered 不保存 (Discard)."""

    answer = QMessageBox.StandardButton.No


def record_dialogs(monkeypatch, answer=QMessageBox.StandardButton.No) -> DialogLog:
    """Message boxes are recorded, never shown.  Every box is a plain-text QMessageBox shown with
    exec() (gui/message_box.py), so replacing exec() answers them all: questions get `answer`
    (log.answer may change it later), other modal boxes 不保存."""
    log = DialogLog()
    log.answer = answer

    def exec_(box):
        log.append(box.text())
        if box.button(QMessageBox.StandardButton.Yes) and box.button(QMessageBox.StandardButton.No):
            return log.answer
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    # A year asked for (新建, 从上年报告创建) is answered with the one offered.
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getInt", lambda parent, title, label, value, *a, **k:
                        log.append(f"{title}｜{label}｜{value}") or (value, True))
    return log
