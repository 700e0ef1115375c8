"""A keystroke in 表三: one digit typed over a cell and Enter, through the real GridView, until the
document holds the value, the totals and findings are recomputed and the changed cells repainted.

Baseline, same run: the same digit + Enter in a bare QTableView over a trivial Python model
(the floor any Qt table pays for an edit).  Offscreen, window 1366×768, the bundled font.
"""

from __future__ import annotations

import os
import statistics
import time

from bench.common import ROOT, Result, print_table
from model.samples import seed_path  # noqa: E402  (after bench.common: it puts the checkout on sys.path)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

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


def run(repeats: int = 5) -> list[Result]:
    app = _app()
    samples = max(repeats, 5) * 4
    grid = grid_keystroke(app, samples)
    bare = bare_keystroke(app, samples)
    return [Result("表三 keystroke → totals + findings + repaint", grid,
                   baseline_name="bare QTableView keystroke", baseline=bare, aim="≤ 16 ms")]


if __name__ == "__main__":
    print_table(run())
