"""Fuzzing the window with odd drafts: whatever load_draft accepts, the window shows without error.

Damaged-but-loadable drafts (the same mutations as tests/test_fuzz_draft.py: wrong types kept as
text in cells, unknown keys, odd units, review marks for unknown sections, huge texts, last-year
data of any shape) are opened in one real MainWindow, every tab is shown, the findings list is
filled, then the draft is saved again.  An exception in any Qt slot fails the test (pytest-qt
captures them).  The file on disk only changes when the test saves it.

NIANBAO_FUZZ_EXAMPLES=500 python3 -m pytest tests/test_fuzz_window.py  for a long run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, assume, given, settings

from model.draft_io import dumps, load_draft
from model.errors import DraftReadError
from tests.test_fuzz_draft import mutated_drafts


def fuzz(default: int):
    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much])


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    from PySide6.QtWidgets import QMessageBox

    from gui.main_window import MainWindow

    real_exec = QMessageBox.exec
    QMessageBox.exec = lambda box: QMessageBox.StandardButton.Discard  # no modal question ever blocks
    w = MainWindow(start=False)
    w.resize(1200, 800)
    w.show()
    qapp.processEvents()
    yield w
    w.files.close_clean()
    w.close()
    QMessageBox.exec = real_exec


@fuzz(15)
@given(data=mutated_drafts())
def test_the_window_shows_any_loadable_draft(window, qapp, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("w")
    path = folder / "怪异草稿.gknb"
    path.write_bytes(data)
    try:
        report = load_draft(path)
    except DraftReadError:
        assume(False)  # refused drafts are test_fuzz_draft's business
    w = window
    assert w.files.open_path(path, confirm=False)
    assert path.read_bytes() == data  # opening never writes
    for i in range(w.tabs.count()):  # each tab shown: grids are built, texts and banners laid out
        w.tabs.setCurrentIndex(i)
        qapp.processEvents()
        w.tabs.currentWidget().grab()
    w.findings.finding_items()
    assert w.doc.values == report.values()
    assert w.files.save()
    assert dumps(load_draft(path)) == dumps(w.doc.report)
