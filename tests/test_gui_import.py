"""The window's import: 「导入报告…」 and 「从上年报告创建」 from any source, the review step (what was
read, what was not, the report's own findings) and the clerk's confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QProgressDialog, QSpinBox

import gui.import_flow as flow
from gui.grid_model import CELL_ID_ROLE
from gui.import_review import DOUBT_BG, UNREAD_BG, ImportReviewDialog
from model.importing import import_report
from tests import import_sources as S
from tests.gui_helpers import open_window, record_dialogs


def review_of(qtbot, source) -> ImportReviewDialog:
    dialog = ImportReviewDialog(import_report(source))
    qtbot.addWidget(dialog)
    dialog.resize(1180, 680)
    dialog.show()
    return dialog


def test_review_shows_what_was_read_and_marks_what_was_not(qtbot):
    dialog = review_of(qtbot, S.DATA / "b-variants-libreoffice.pdf")
    assert "2023" in dialog.summary.text() and S.B_AGENCY in dialog.summary.text()
    assert "2 处未读取、2 处待核对" in dialog.summary.text()
    assert dialog.doubt_list.topLevelItemCount() == 4
    grid = dialog.grids["s3"]
    model = grid.model()
    unread = model.index_of("t3.r3_6_1_no_correction.natural")
    doubtful = model.index_of("t3.r3_6_3_other.natural")
    fine = model.index_of("t3.r1_new.natural")
    assert model.data(unread, Qt.ItemDataRole.BackgroundRole) == UNREAD_BG
    assert model.data(doubtful, Qt.ItemDataRole.BackgroundRole) == DOUBT_BG
    assert model.data(fine, Qt.ItemDataRole.BackgroundRole) not in (UNREAD_BG, DOUBT_BG)
    assert "（六）其他处理" in model.data(doubtful, Qt.ItemDataRole.ToolTipRole)
    assert "待核对" in model.data(doubtful, Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(fine, Qt.ItemDataRole.DisplayRole) == "13"
    # 表三's tab says how many cells are marked in it.
    assert dialog.tabs.tabText(dialog.tabs.indexOf(grid)).endswith("（4）")


def test_activating_a_doubt_shows_its_cell(qtbot):
    dialog = review_of(qtbot, S.DATA / "b-variants-libreoffice.pdf")
    item = next(dialog.doubt_list.topLevelItem(i) for i in range(4)
                if dialog.doubt_list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 11) == "t3.r3_6_3_other.natural")
    dialog.doubt_list.setCurrentItem(item)
    assert "（六）其他处理" in dialog.doubt_detail.text()
    dialog.doubt_list.itemActivated.emit(item, 0)
    grid = dialog.grids["s3"]
    assert dialog.tabs.currentWidget() is grid
    current = grid.table_view().currentIndex()
    assert current.data(CELL_ID_ROLE) == "t3.r3_6_3_other.natural"


def test_the_reviewed_report_cannot_be_changed(qtbot):
    dialog = review_of(qtbot, S.PINGTAN)
    grid = dialog.grids["s3"]
    view = grid.table_view()
    index = grid.model().index_of("t3.r1_new.natural")
    assert not grid.model().flags(index) & Qt.ItemFlag.ItemIsEditable
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert dialog.result.report.cells["t3.r1_new.natural"] == 217


def test_review_lists_unused_lines_the_reports_findings_and_its_texts(qtbot):
    dialog = review_of(qtbot, S.TEMPLATE)  # the blank template: placeholders, no year
    unused = [dialog.unused_list.item(i).text() for i in range(dialog.unused_list.count())]
    assert "（文字描述）" in unused
    dialog_pt = review_of(qtbot, S.PINGTAN)
    findings = [dialog_pt.findings_list.topLevelItem(i).text(1)
                for i in range(dialog_pt.findings_list.topLevelItemCount())]
    # The page's own findings: the 万元 plausibility warning, and the signing date it does not print.
    assert len(findings) == 2 and any("万元" in f for f in findings) and any("日期" in f for f in findings)
    keys = [dialog_pt.text_list.item(i).text() for i in range(dialog_pt.text_list.count())]
    assert keys[1].startswith("一、总体情况（") and "（无）" in keys[2]
    dialog_pt.text_list.setCurrentRow(6)
    assert dialog_pt.text_view.toPlainText() == "2024年，无收取信息处理费情况。"


def test_import_menu_reads_a_page_and_adopts_it_after_the_review(qtbot, monkeypatch, tmp_path):
    page = tmp_path / "交通运输局2023.html"
    page.write_bytes(S.build_b_page())
    log = record_dialogs(monkeypatch)
    seen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(page), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: seen.append(d) or ImportReviewDialog.DialogCode.Accepted)
    w = open_window(qtbot)
    assert "导入报告(&I)…" in [a.text() for a in w.menuBar().actions()[0].menu().actions()]
    assert w.import_report()
    assert seen and seen[0].ok_button.text() == "导入为新报告"
    report = w.doc.report
    assert (report.year, report.agency, report.date) == (2023, S.B_AGENCY, S.B_DATE)
    assert report.cells["t3.r1_new.total"] == 16
    assert w.doc.path is None and w.files.is_modified()  # a draft not yet saved
    assert log == []


def test_cancelling_the_review_changes_nothing(qtbot, monkeypatch):
    record_dialogs(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(S.PINGTAN), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: ImportReviewDialog.DialogCode.Rejected)
    w = open_window(qtbot)
    before = w.doc.report
    assert not w.import_report()
    assert w.doc.report is before


def test_a_file_that_cannot_be_imported_says_why(qtbot, monkeypatch, tmp_path):
    old = tmp_path / "2023年报.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    log = record_dialogs(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(old), ""))
    w = open_window(qtbot)
    before = w.doc.report
    assert not w.import_report()
    assert len(log) == 1 and "另存为" in log[0]
    assert w.doc.report is before


def test_the_clerk_can_cancel_a_slow_import(qtbot, monkeypatch, tmp_path):
    page = tmp_path / "slow.html"
    page.write_text("<html></html>", encoding="utf-8")
    log = record_dialogs(monkeypatch)
    monkeypatch.setattr(flow, "RUNNER", "tests.import_hang:hang")  # a child that never answers

    def cancel():
        boxes = [x for x in QApplication.topLevelWidgets() if isinstance(x, QProgressDialog)]
        if boxes:
            boxes[0].cancel()
        else:
            QTimer.singleShot(50, cancel)

    w = open_window(qtbot)
    QTimer.singleShot(200, cancel)
    assert flow.read_source(w, page) is None
    assert log == []  # cancelled: no error message


def test_rollover_from_last_years_word_file(qtbot, monkeypatch, tmp_path):
    word = tmp_path / "2024年报.docx"
    word.write_bytes(S.build_a_docx())
    log = record_dialogs(monkeypatch)
    seen, offered = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: offered.append(a[3]) or (str(word), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: seen.append(d) or ImportReviewDialog.DialogCode.Accepted)
    w = open_window(qtbot)
    assert w.files.rollover_dialog()
    assert all(p in offered[0] for p in ("*.gknb", "*.docx", "*.html", "*.pdf", "*.xlsx"))
    assert seen[0].ok_button.text() == "据此创建2025年度报告"
    new = w.doc.report
    assert (new.year, new.agency) == (2025, S.A_AGENCY)
    assert [new.cells.get(f"t3.r2_carried_in.{c}") for c in S.T3_COLS[:-1]] == [5, 0, 0, 0, 0, 0]
    assert new.last_year.year == 2024 and new.last_year.texts["s5"] == "\n".join(S.A_S5)
    assert new.last_year.source.endswith("2024年报.docx")
    assert any("已根据2024年度报告创建2025年度报告" in m for m in log)


def test_rollover_from_a_web_page_can_be_cancelled_at_the_review(qtbot, monkeypatch):
    record_dialogs(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(S.PINGTAN), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: ImportReviewDialog.DialogCode.Rejected)
    w = open_window(qtbot)
    before = w.doc.report
    assert not w.files.rollover_dialog()
    assert w.doc.report is before


def test_rollover_from_a_source_without_a_year_creates_the_report_being_written(qtbot, monkeypatch, tmp_path):
    """The official tables in Excel say no year: read for 从上年报告创建, they are last year's, so
    the new report is the one being written now (as 新建 offers), not the year after it."""
    import datetime

    sheet = tmp_path / "上年统计表.xlsx"
    sheet.write_bytes(S.build_a_official_xlsx())
    log = record_dialogs(monkeypatch)
    seen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: seen.append(d) or ImportReviewDialog.DialogCode.Accepted)
    w = open_window(qtbot)
    assert w.files.rollover_dialog()
    writing = datetime.date.today().year - 1  # reports are written early in the next year
    assert seen[0].ok_button.text() == f"据此创建{writing}年度报告"
    assert seen[0].findChild(QSpinBox, "import_new_year").value() == writing  # offered in the review
    assert not any("报告年度" in line for line in log)  # and not asked again
    assert (w.doc.report.year, w.doc.report.last_year.year) == (writing, writing - 1)
    (doubt,) = [d for d in seen[0].result.doubtful if d.key == "year"]
    assert str(writing - 1) in doubt.reason
    assert f"，{writing - 1} 年度（暂定）" in seen[0].summary.text()


def _year_box(dialog) -> QSpinBox:
    return dialog.findChild(QSpinBox, "import_new_year")


def test_rollover_asks_the_year_once_in_the_review_and_makes_the_year_chosen_there(qtbot, monkeypatch, tmp_path):
    """The review names the report it will create and lets the clerk change its year; the year
    chosen there is the one created, and no second question asks it again."""
    word = tmp_path / "2024年报.docx"
    word.write_bytes(S.build_a_docx())
    log = record_dialogs(monkeypatch)
    shown = []

    def clerk_skips_a_year(dialog):
        box = _year_box(dialog)
        shown.append((box.value(), dialog.ok_button.text()))
        box.setValue(2026)
        shown.append((box.value(), dialog.ok_button.text()))
        return ImportReviewDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(word), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", clerk_skips_a_year)
    w = open_window(qtbot)
    assert w.files.rollover_dialog()
    assert shown == [(2025, "据此创建2025年度报告"), (2026, "据此创建2026年度报告")]
    assert not any("报告年度" in line for line in log)  # no QInputDialog after the review
    new = w.doc.report
    assert (new.year, new.last_year.year) == (2026, 2024)
    assert any("已根据2024年度报告创建2026年度报告" in m for m in log)


def test_rollover_from_a_source_without_a_year_takes_last_year_from_the_year_chosen(qtbot, monkeypatch, tmp_path):
    """With no year in the source, last year's report is the one before the year the clerk chooses
    in the review (not the guess the box was offered with)."""
    import datetime

    sheet = tmp_path / "上年统计表.xlsx"
    sheet.write_bytes(S.build_a_official_xlsx())
    log = record_dialogs(monkeypatch)
    writing = datetime.date.today().year - 1
    notes = []

    def choose(dialog):
        dialog.show_place("year")  # the doubt 报告年度 double-clicked: to the year box
        assert dialog.focusWidget() is _year_box(dialog)
        _year_box(dialog).setValue(writing - 1)  # the clerk is late: last year's report still to write
        notes.append(dialog.findChild(QLabel, "import_year_note").text())
        return ImportReviewDialog.DialogCode.Accepted

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", choose)
    w = open_window(qtbot)
    assert w.files.rollover_dialog()
    assert f"作为 {writing - 2} 年度（上年）的报告" in notes[0]
    assert (w.doc.report.year, w.doc.report.last_year.year) == (writing - 1, writing - 2)
    assert not any("报告年度" in line for line in log)


def test_rollover_cancelled_at_the_review_asks_no_year(qtbot, monkeypatch, tmp_path):
    word = tmp_path / "2024年报.docx"
    word.write_bytes(S.build_a_docx())
    log = record_dialogs(monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(word), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: ImportReviewDialog.DialogCode.Rejected)
    w = open_window(qtbot)
    before = w.doc.report
    assert not w.files.rollover_dialog()
    assert log == [] and w.doc.report is before


def test_a_plain_import_has_no_year_box(qtbot):
    dialog = review_of(qtbot, S.PINGTAN)
    assert _year_box(dialog) is None and dialog.new_year() is None
    assert dialog.ok_button.text() == "导入为新报告"


def test_the_next_import_starts_in_the_folder_of_the_last_source(qtbot, monkeypatch, tmp_path):
    """Last year's Word file sits in 下载 or on the desktop, not among the drafts: after one import
    the file dialog opens there again (for 导入报告 and 从上年报告创建 alike)."""
    src = tmp_path / "下载"
    src.mkdir()
    word = src / "2024年报.docx"
    word.write_bytes(S.build_a_docx())
    record_dialogs(monkeypatch)
    offered = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: offered.append(a[2]) or (str(word), ""))
    monkeypatch.setattr(ImportReviewDialog, "exec", lambda d: ImportReviewDialog.DialogCode.Rejected)
    w = open_window(qtbot)
    assert not w.files.rollover_dialog()  # read, then cancelled at the review
    assert not w.import_report()
    assert offered[0] != str(src)  # the first time: the drafts folder
    assert offered[1] == str(src)
