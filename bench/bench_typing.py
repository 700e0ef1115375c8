"""A keystroke in a long text: one character typed into 一、总体情况 holding 100,000 characters, in
the whole window (every page built), until the document holds it, the totals, findings and the
count line are fresh and the editor has repainted.  Also one 72,000-character paragraph (a text
pasted from Word without line breaks: the layout of one huge block is the worst case).

Baseline, same run: the same keystroke in a bare QPlainTextEdit holding the same text (the floor
Qt itself pays).  Aim: ≤ 16 ms a keystroke (one frame at 60 Hz).  Offscreen, 1366×768.
"""

from __future__ import annotations

import os
import tempfile
import time

from bench.common import Result, median_after_warmup, print_table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit  # noqa: E402

SENTENCE = "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息一百二十条，其中规章两件。"
_KEEP = []


def _app() -> QApplication:
    from gui.qt_setup import setup_application

    app = QApplication.instance()
    if app is None:
        app = QApplication(["bench"])
        setup_application(app, force_bundled_font=True)
    _KEEP.append(app)
    return app


def long_text(chars: int, paragraph_chars: int) -> str:
    """Chinese text of `chars` characters in paragraphs of about `paragraph_chars`."""
    out, size = [], 0
    while size < chars:
        para = (SENTENCE * (paragraph_chars // len(SENTENCE) + 1))[:paragraph_chars]
        out.append(para)
        size += len(para) + 1
    return "\n".join(out)[:chars]


def _type(app, edit, done) -> float:
    t = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "字"))
    for _ in range(100):
        if done():
            break
        app.processEvents()
    app.processEvents()  # the repaint
    return (time.perf_counter() - t) * 1000


def _middle(edit) -> None:
    cur = edit.textCursor()
    cur.setPosition(edit.document().characterCount() // 2)
    cur.movePosition(QTextCursor.MoveOperation.EndOfWord)
    edit.setTextCursor(cur)
    edit.ensureCursorVisible()


def app_keystroke(app, text: str, samples: int) -> float:
    os.environ["NIANBAO_HOME"] = tempfile.mkdtemp(prefix="nianbao-bench-typing-")
    from gui.main_window import MainWindow
    from model.report import Report

    w = MainWindow(None, start=False)
    report = Report.new(2024, agency="某街道办事处")
    report.texts["s1"] = text
    w.doc.replace(report, None)
    w.resize(1366, 768)
    w.show()
    w.build_pages()
    w.tabs.setCurrentWidget(w.pages["s1"])
    edit = w.pages["s1"].text.edit
    edit.setFocus()
    for _ in range(5):
        app.processEvents()
    _middle(edit)
    _KEEP.append(w)

    def keystroke(_i: int) -> float:
        n = len(w.doc.report.text("s1"))
        return _type(app, edit, lambda: len(w.doc.report.text("s1")) == n + 1)

    ms = median_after_warmup(keystroke, samples, warmup=3)
    w.files.close_clean()
    return ms


def bare_keystroke(app, text: str, samples: int) -> float:
    win = QMainWindow()
    edit = QPlainTextEdit()
    edit.setPlainText(text)
    win.setCentralWidget(edit)
    win.resize(1366, 768)
    win.show()
    edit.setFocus()
    for _ in range(5):
        app.processEvents()
    _middle(edit)
    _KEEP.append(win)

    def keystroke(_i: int) -> float:
        n = edit.document().characterCount()
        return _type(app, edit, lambda: edit.document().characterCount() == n + 1)

    return median_after_warmup(keystroke, samples, warmup=3)


def run(repeats: int = 5) -> list[Result]:
    app = _app()
    samples = max(repeats, 5) * 4
    out = []
    for name, text in (("100,000 字（段落约 500 字）", long_text(100_000, 500)),
                       ("72,000 字的一个段落", long_text(72_000, 72_000))):
        ours = app_keystroke(app, text, samples)
        bare = bare_keystroke(app, text, samples)
        out.append(Result(f"正文输入一个字：{name}", ours, baseline_name="bare QPlainTextEdit",
                          baseline=bare, aim="≤ 16 ms"))
    return out


if __name__ == "__main__":
    print_table(run())
