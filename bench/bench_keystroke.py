"""A keystroke in 表三: one digit typed over a cell and Enter, through the real GridView, until the
document holds the value, the totals and findings are recomputed and the changed cells repainted.

Baseline, same run: the same digit + Enter in a bare QTableView over a trivial Python model
(the floor any Qt table pays for an edit).  Offscreen, window 1366×768, the bundled font.

And a keystroke in a 100,000-character 总体情况 (the 平潭 2024 text repeated, last year's text
known, so every text rule has work): one hanzi committed by the input method in the middle of the
text, through the real TextSectionEditor, until the document holds it and the editor has
repainted.  The checks of so long a text run after a pause (gui/document.py CHECK_PAUSE_MS), so
the keystroke is measured alone, and the check that follows the pause is measured apart.
Baseline: the same keystroke in a bare QPlainTextEdit holding the same text.
"""

from __future__ import annotations

import os
import statistics
import time

from bench.common import ROOT, Result, median_after_warmup, print_table
from model.samples import seed_path  # noqa: E402  (after bench.common: it puts the checkout on sys.path)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QTableView  # noqa: E402

CELL = "t3.r3_1_open.natural"
_KEEP = []  # the QApplication must outlive the widgets


def _app() -> QApplication:
    from gui.qt_setup import setup_application

    app = QApplication.instance()
    if app is None:
        app = QApplication(["bench"])
        setup_application(app, force_bundled_font=True)
    _KEEP.append(app)
    return app


def _key(widget, key, text=""):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _type_digit_enter(app, table, digit: str, done) -> float:
    """ms from the key press until `done()` holds and pending paints have run."""
    t = time.perf_counter()
    _key(table, Qt.Key.Key_0 + int(digit), digit)  # opens the editor with the digit
    _key(QApplication.focusWidget(), Qt.Key.Key_Return)  # commits through a queued call
    for _ in range(200):
        app.processEvents()
        if done():
            break
    else:
        raise RuntimeError("the edit did not land")
    app.processEvents()  # the repaint of the changed cells
    return (time.perf_counter() - t) * 1000


def _show(app, widget) -> QMainWindow:
    win = QMainWindow()
    win.setCentralWidget(widget)
    win.resize(1366, 768)
    win.show()
    win.activateWindow()
    for _ in range(5):
        app.processEvents()
    _KEEP.append(win)
    return win


def grid_keystroke(app, samples: int) -> float:
    from gui.document import ReportDocument
    from gui.grid_view import GridView
    from model.draft_io import load_draft

    sample = seed_path()
    doc = ReportDocument(load_draft(sample))
    view = GridView(doc, "s3")
    _show(app, view)
    table = view.table_view()
    times = []
    for i in range(samples + 2):
        view.select_cell(CELL)
        app.processEvents()
        digit = str(1 + i % 9)
        findings_before = doc.findings

        def done(d=int(digit), before=findings_before):
            return doc.report.cells.get(CELL) == d and doc.findings is not before

        ms = _type_digit_enter(app, table, digit, done)
        assert view.model().data(view.model().index_of("t3.r3_1_open.total")) == str(
            doc.values["t3.r3_1_open.total"])
        if i >= 2:  # the first edits warm up caches
            times.append(ms)
    return statistics.median(times)


class _Trivial(QAbstractTableModel):
    def __init__(self):
        super().__init__()
        self.cells = [[""] * 10 for _ in range(28)]

    def rowCount(self, parent=QModelIndex()):
        return 28

    def columnCount(self, parent=QModelIndex()):
        return 10

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cells[index.row()][index.column()]
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        self.cells[index.row()][index.column()] = value
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


def bare_keystroke(app, samples: int) -> float:
    model = _Trivial()
    table = QTableView()
    table.setModel(model)
    _show(app, table)
    times = []
    for i in range(samples + 2):
        index = model.index(5, 3)
        table.setCurrentIndex(index)
        table.setFocus()
        app.processEvents()
        digit = str(1 + i % 9)
        ms = _type_digit_enter(app, table, digit, lambda d=digit: model.cells[5][3] == d)
        if i >= 2:
            times.append(ms)
    return statistics.median(times)


def _long_text() -> str:
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from real_reports import PINGTAN_TEXTS

    base = PINGTAN_TEXTS["s1"].split("\n")
    paragraphs, n = [], 0
    while sum(len(p) + 1 for p in paragraphs) < 100_000:
        paragraphs.append(f"{base[n % len(base)]}（第{n}段）")
        n += 1
    return "\n".join(paragraphs)


def _commit_at_middle(app, edit, done) -> float:
    """ms from one hanzi committed in the middle of `edit` until `done()` holds and it repainted."""
    cur = edit.textCursor()
    cur.setPosition(edit.document().characterCount() // 2)
    edit.setTextCursor(cur)
    app.processEvents()
    t = time.perf_counter()
    ev = QInputMethodEvent()
    ev.setCommitString("字")
    QApplication.sendEvent(edit, ev)
    for _ in range(200):
        if done():
            break
        app.processEvents()
    else:
        raise RuntimeError("the keystroke did not land")
    app.processEvents()  # the repaint
    return (time.perf_counter() - t) * 1000


def long_text_keystroke(app, samples: int) -> tuple[float, float]:
    """(keystroke ms, ms of the check that runs after the pause), medians."""
    from gui.document import ReportDocument
    from gui.text_section import TextSectionEditor
    from model.report import LastYear

    sys_path_report = _long_text()
    from real_reports import pingtan_2024

    report = pingtan_2024()
    report.texts["s1"] = sys_path_report
    report.last_year = LastYear(2023, {}, texts={"s1": sys_path_report.replace("2024", "2023")})
    doc = ReportDocument(report)
    editor = TextSectionEditor(doc, "s1", "一、总体情况 正文")
    _show(app, editor)
    editor.edit.setFocus()
    keys, checks = [], []
    for i in range(samples + 2):
        before = len(doc.report.text("s1"))
        ms = _commit_at_middle(app, editor.edit, lambda b=before: len(doc.report.text("s1")) == b + 1)
        t = time.perf_counter()
        doc.flush_checks()  # what the pause would run
        check_ms = (time.perf_counter() - t) * 1000
        if i >= 2:
            keys.append(ms)
            checks.append(check_ms)
    return statistics.median(keys), statistics.median(checks)


def bare_text_keystroke(app, samples: int) -> float:
    edit = QPlainTextEdit()
    edit.setPlainText(_long_text())
    _show(app, edit)
    edit.setFocus()

    def keystroke(_i: int) -> float:
        before = edit.document().characterCount()
        return _commit_at_middle(app, edit, lambda: edit.document().characterCount() == before + 1)

    return median_after_warmup(keystroke, samples, warmup=2)


def run(repeats: int = 5) -> list[Result]:
    app = _app()
    samples = max(repeats, 5) * 4
    grid = grid_keystroke(app, samples)
    bare = bare_keystroke(app, samples)
    text_key, text_check = long_text_keystroke(app, samples)
    bare_text = bare_text_keystroke(app, samples)
    return [Result("表三 keystroke → totals + findings + repaint", grid,
                   baseline_name="bare QTableView keystroke", baseline=bare, aim="≤ 16 ms"),
            Result("keystroke in 100,000 characters", text_key,
                   baseline_name="bare QPlainTextEdit", baseline=bare_text, aim="≤ 16 ms"),
            Result("  its checks, after the pause", text_check,
                   baseline_name="bare QPlainTextEdit", baseline=bare_text, aim="≤ 16 ms")]


if __name__ == "__main__":
    print_table(run())
