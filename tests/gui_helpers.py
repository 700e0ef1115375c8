"""Helpers shared by the window tests: show a window as a clerk sees it, type Chinese."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

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


def record_dialogs(monkeypatch) -> list[str]:
    """Message boxes are recorded, never shown: modal ones answer 不保存, questions answer No."""
    from PySide6.QtWidgets import QMessageBox

    log: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: log.append(box.text())
                        or QMessageBox.StandardButton.Discard)
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: log.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: log.append(a[2]) or QMessageBox.StandardButton.No)
    # A year asked for (新建, 从上年报告创建) is answered with the one offered.
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getInt", lambda parent, title, label, value, *a, **k:
                        log.append(f"{title}｜{label}｜{value}") or (value, True))
    return log
