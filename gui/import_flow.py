"""「导入报告…」 and the non-draft half of 「从上年报告创建」: choose a file, read it in a child process
(with a progress dialog the clerk can cancel), review what was read, and hand the report over.

The reading runs in model.importing.isolated (a separate process: a hostile file can neither hang
nor exhaust the window); this module only waits for it without blocking the window, on a local
event loop driven by a timer.  Dialogs are the standard file dialog, the plain-text boxes of
gui/message_box (a stranger's file names and texts are shown as text) and the review dialog's
exec(), which tests patch.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from gui import message_box
from gui.import_review import IMPORT, ROLLOVER, ImportReviewDialog
from model.errors import ImportFailed
from model.importing import FILE_FILTER, ImportResult
from model.importing.isolated import ImportCancelled, IsolatedImport
from model.user_dirs import drafts_dir, ensure

POLL_MS = 50
RUNNER = ""  # tests: a stand-in for import_report in the child ("module:function")
SHOW_PROGRESS_AFTER_MS = 400  # a quick import never flashes a progress window


def read_source(parent, path: Path) -> ImportResult | None:
    """Import `path` in a child process while the window stays responsive; None when it failed
    (the clerk was told why) or was cancelled."""
    path = Path(path)
    if path.suffix.lower() == ".gknb":  # our own bounded reader: no child process needed
        from model.importing import import_report

        try:
            return import_report(path)
        except ImportFailed as exc:
            message_box.warning(parent, "无法导入", str(exc))
            return None
    job = IsolatedImport(path, runner=RUNNER)
    try:
        job.start()
    except OSError as exc:
        message_box.warning(parent, "无法导入", f"无法启动读取过程（系统错误代码 {exc.errno}）。")
        return None
    progress = QProgressDialog(f"正在读取“{path.name}”……", "取消", 0, 0, parent)
    progress.setObjectName("import_progress")
    progress.setWindowTitle("导入报告")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    loop = QEventLoop()
    outcome: dict = {}

    def poll():
        if progress.wasCanceled():
            job.stop()
        try:
            result = job.poll(0)
        except ImportCancelled:
            outcome["cancelled"] = True
        except ImportFailed as exc:
            outcome["error"] = str(exc)
        else:
            if result is None:
                return
            outcome["result"] = result
        timer.stop()
        loop.quit()

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    timer.start()
    try:
        loop.exec()
    finally:
        timer.stop()
        job.stop()
        progress.close()
        progress.deleteLater()
    if "error" in outcome:
        message_box.warning(parent, "无法导入", outcome["error"])
    return outcome.get("result")


def review(parent, result: ImportResult, purpose: str = IMPORT) -> bool:
    """Show what was read; True when the clerk confirms."""
    dialog = ImportReviewDialog(result, purpose, parent)
    try:
        return dialog.exec() == ImportReviewDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def review_rollover(parent, result: ImportResult, next_year: int | None = None,
                    undated: bool = False) -> int | None:
    """Show last year's report as read, with the year of the report to create (the clerk may change
    it there); that year when the clerk confirms, None when cancelled."""
    dialog = ImportReviewDialog(result, ROLLOVER, parent, next_year, undated=undated)
    try:
        if dialog.exec() != ImportReviewDialog.DialogCode.Accepted:
            return None
        return dialog.new_year()
    finally:
        dialog.deleteLater()


IMPORT_DIR = "import_dir"  # settings key: the folder the last source was chosen in


def choose_source(parent, title: str, folder: Path, settings=None) -> Path | None:
    """Ask for a source file, starting where the last one was found (last year's Word file sits
    in 下载 or on the desktop, rarely among the drafts), else in `folder`."""
    remembered = settings.get_str(IMPORT_DIR) if settings is not None else ""
    if remembered and Path(remembered).is_dir():
        folder = Path(remembered)
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    if settings is not None and settings.get_str(IMPORT_DIR) != str(path.parent):
        settings.set(IMPORT_DIR, str(path.parent))
    return path


def last_year_report(parent, path: Path, next_year: int | None = None):
    """Last year's report from any importable file, reviewed, for 「从上年报告创建」: (the report,
    the year of the report to create as chosen in the review, or None where there was no review
    — a draft — and the year is still to be asked); None if the clerk cancelled or it could not
    be read."""
    result = read_source(parent, path)
    if result is None:
        return None
    undated = _undated_is_last_years(result)
    if result.kind == "gknb":
        return result.report, None
    year = review_rollover(parent, result, next_year, undated)
    if year is None:
        return None
    if undated:  # the year was a guess: the clerk's choice of this year's tells last year's
        result.report.year = year - 1
    return result.report, year


def _undated_is_last_years(result: ImportResult) -> bool:
    """A source that names no year (nor a signing date to tell it by) gets the year of the report
    being written (the importer's guess).  Read for 从上年报告创建 it is last year's report: without
    this, the new report would be the year after the one being written.  True when so."""
    from dataclasses import replace

    from gui.file_controller import default_year  # the year 新建 offers

    report = result.report
    if report.date or not any(d.key == "year" for d in result.doubtful):
        return False  # read from the source, or told by its date
    guessed, report.year = report.year, default_year() - 1
    if result.messages:  # 「……，2025 年度，统计表读到……」: the summary the review opens with
        result.messages[0] = result.messages[0].replace(f"，{guessed} 年度，", f"，{report.year} 年度（暂定），", 1)
    result.doubtful = [replace(d, reason=f"来源中没有找到报告年度，作为上年的报告暂定为 {report.year} 年，请核对")
                       if d.key == "year" else d for d in result.doubtful]
    return True


class ImportFlow:
    """The window's 「导入报告…」."""

    def __init__(self, window, files):
        self.window, self.files = window, files

    def import_dialog(self) -> bool:
        doc = self.files.doc
        folder = doc.path.parent if doc.path else ensure(drafts_dir())
        path = choose_source(self.window, "导入报告（Word、网页、PDF、Excel 或草稿）", folder, self.files.settings)
        return self.import_path(path) if path else False

    def import_path(self, path: Path) -> bool:
        result = read_source(self.window, path)
        if result is None or not review(self.window, result, IMPORT):
            return False
        report = result.report
        note = (f"已导入“{result.source}”（{report.year}年度），尚未保存。"
                + ("" if result.complete else f"有 {len(result.doubtful)} 处未读取或待核对，请对照来源核对。"))
        return self.files.open_unsaved(report, note)

