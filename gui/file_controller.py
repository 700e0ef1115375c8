"""Everything the 文件 menu does: new, open, roll over, save, recent files, export, print, close.

The controller owns the parts of the window's state that concern files: the draft lock, the
autosave slot and the settings (recent files, the last agency).  It talks to the clerk only
through standard dialogs (QFileDialog static functions, QMessageBox), which tests patch.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.autosave import Autosaver, ask_restore, standard_button
from gui.document import ReportDocument
from model.draft_io import EXTENSION, YEAR_RANGE, load_draft, save_draft
from model.draft_lock import DraftLock
from model.errors import DraftReadError, ReportError
from model.recovery import pending_recoveries
from model.report import Report
from model.settings import Settings
from model.paths import resource_path
from model.terms import APP_NAME
from model.user_dirs import drafts_dir, ensure

DRAFT_FILTER = f"年报草稿 (*{EXTENSION})"
OPEN_FILTER = f"{DRAFT_FILTER};;所有文件 (*)"
Btn = QMessageBox.StandardButton


def default_year() -> int:
    """Reports are written in the first months of the next year: default to last year."""
    return date.today().year - 1


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    p = folder / f"{stem}{suffix}"
    n = 2
    while p.exists():
        p = folder / f"{stem}（{n}）{suffix}"
        n += 1
    return p


def safe_file_stem(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text).strip() or "年度报告"


class FileController(QObject):
    stateChanged = Signal()  # path or saved state changed: title and status bar refresh
    message = Signal(str)  # status-bar message

    def __init__(self, window, doc: ReportDocument, settings: Settings | None = None):
        super().__init__(window)
        self.window, self.doc = window, doc
        self.settings = settings or Settings()
        self.lock: DraftLock | None = None
        self.first_start = False  # no report was ever saved: the window shows where to begin
        self.restored_unsaved = False  # content not from the undo stack (restored, rolled over) not yet saved
        self.autosaver = Autosaver(doc, is_dirty=self.is_modified, parent=self)
        self.autosaver.failed.connect(self.message)
        doc.undo_stack.cleanChanged.connect(lambda _clean: self.stateChanged.emit())

    # -- state ---------------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return self.doc.is_modified() or self.restored_unsaved

    def display_name(self) -> str:
        return self.doc.path.name if self.doc.path else f"{self.doc.report.year}年度报告（未保存）"

    def _commit_pending(self) -> None:
        self.window.commit_pending_edits()

    def _load_into_window(self, report: Report, path: Path | None, unsaved: bool = False) -> None:
        self._release_lock()
        self.autosaver.retarget(path)
        self.restored_unsaved = unsaved
        self.doc.replace(report, path)
        if path is not None:
            self.lock = DraftLock(path)
            self.lock.acquire()
            self._remember_recent(path)
        self._remember_agency(report.agency)
        if unsaved:
            self.autosaver.changed()
        self.stateChanged.emit()

    # Settings are written (with fsync) only when they change: a start must not touch the disk
    # for nothing.
    def _remember_recent(self, path: Path) -> None:
        recent = self.settings.recent_files
        if not recent or recent[0] != str(Path(path).resolve()):
            self.settings.add_recent(path)

    def _remember_agency(self, agency: str) -> None:
        if agency and self.settings.get("last_agency") != agency:
            self.settings.set("last_agency", agency)

    def _release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- start ---------------------------------------------------------------------------------
    def start(self, draft: Path | None = None, offer_recovery: bool = True) -> None:
        """Open what the clerk most likely wants: a crashed session, the given draft, the last one."""
        if offer_recovery and self.offer_recoveries():
            return
        if draft is not None:
            if not self.open_path(Path(draft), confirm=False):
                self.new_untitled(default_year())
            return
        for recent in self.settings.recent_files[:1]:
            p = Path(recent)
            if p.is_file() and self._quiet_open(p):
                return
        self.new_untitled(default_year())
        self.first_start = not self.settings.recent_files

    def _quiet_open(self, path: Path) -> bool:
        """Open the last report at start without questions; fall back to a new one silently."""
        if DraftLock(path).other_owner() is not None:
            self.message.emit(f"上次的报告“{path.name}”已在另一个窗口中打开，这里新建了一份报告。")
            return False
        try:
            report = load_draft(path)
        except DraftReadError as exc:
            self.message.emit(str(exc))
            return False
        self._load_into_window(report, path)
        self.message.emit(f"已打开上次的报告：{path.name}")
        return True

    def offer_recoveries(self) -> bool:
        recs = pending_recoveries()
        if not recs:
            return False
        if not ask_restore(self.window, recs):
            for r in recs:
                r.path.unlink(missing_ok=True)
            return False
        newest, others = recs[0], recs[1:]
        kept = []
        for r in others:  # only one report fits the window: the others become drafts, never lost
            target = unique_path(ensure(drafts_dir()), safe_file_stem(f"{r.report.title}（恢复）"), EXTENSION)
            try:
                save_draft(target, r.report)
                kept.append(target)
                r.path.unlink(missing_ok=True)
            except ReportError as exc:
                self.message.emit(str(exc))
        original = Path(newest.original) if newest.original else None
        self._load_into_window(newest.report, original, unsaved=True)
        # The restored work is on disk again (in this session's slot) before its old copy goes:
        # a crash while the clerk reads it loses nothing.
        self.autosaver.write_now()
        self.autosaver.wait()
        if newest.path != self.autosaver.slot.path:
            newest.path.unlink(missing_ok=True)
        if kept:
            QMessageBox.information(self.window, "恢复未保存的工作",
                                    "另外几份报告已保存为以下草稿，可从“文件 → 打开”打开：\n"
                                    + "\n".join(str(p) for p in kept))
        self.message.emit("已恢复上次未保存的内容，请检查后保存。")
        return True

    # -- questions -----------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Before closing or replacing the report: 保存 / 不保存 / 取消.  True = go ahead."""
        self._commit_pending()
        if not self.is_modified():
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "保存修改",
                          f"“{self.display_name()}”有未保存的修改。是否保存？", parent=self.window)
        box.setStandardButtons(Btn.Save | Btn.Discard | Btn.Cancel)
        box.button(Btn.Save).setText("保存")
        box.button(Btn.Discard).setText("不保存")
        box.button(Btn.Cancel).setText("取消")
        box.setDefaultButton(Btn.Save)
        answer = standard_button(box.exec())
        if answer == Btn.Save:
            return self.save()
        if answer == Btn.Discard:
            self.autosaver.discard()
            return True
        return False

    def _confirm_errors(self, what: str) -> bool:
        """Before the report leaves the office: name its errors and the leftovers a reader sees
        (待复核 text, last year's year, repeats, contradictions, no date).  True = go on."""
        from model.release_check import release_question

        self.doc.flush_checks()
        question = release_question(self.doc.report, self.doc.findings, what)
        if not question:
            return True
        answer = QMessageBox.question(self.window, what, question, Btn.Yes | Btn.No, Btn.No)
        return answer == Btn.Yes

    def _ask_year(self, title: str, default: int) -> int | None:
        from PySide6.QtWidgets import QInputDialog  # asked rarely: not loaded at start

        year, ok = QInputDialog.getInt(self.window, title, "报告年度：", default, *YEAR_RANGE)
        return year if ok else None

    # -- new / open / rollover -----------------------------------------------------------------
    def new_untitled(self, year: int) -> None:
        agency = self.doc.report.agency or self.settings.get("last_agency", "") or ""
        self._load_into_window(Report.new(year, agency=agency if isinstance(agency, str) else ""), None)

    def new_report(self) -> bool:
        if not self.confirm_discard():
            return False
        year = self._ask_year("新建报告", default_year())
        if year is None:
            return False
        self.new_untitled(year)
        self.message.emit(f"已新建{year}年度报告。")
        return True

    def open_dialog(self) -> bool:
        folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        name, _ = QFileDialog.getOpenFileName(self.window, "打开报告", str(folder), OPEN_FILTER)
        return self.open_path(Path(name)) if name else False

    def open_path(self, path: Path, confirm: bool = True) -> bool:
        try:
            report = load_draft(path)
        except DraftReadError as exc:
            QMessageBox.warning(self.window, "无法打开", str(exc))
            return False
        owner = DraftLock(path).other_owner()
        if owner is not None:
            answer = QMessageBox.question(
                self.window, "草稿已被打开",
                f"“{path.name}”已在另一个{APP_NAME}窗口中打开（计算机 {owner['host']}，进程 {owner['pid']}）。"
                "两处同时修改会互相覆盖。\n仍要打开吗？", Btn.Yes | Btn.No, Btn.No)
            if answer != Btn.Yes:
                return False
        if confirm and not self.confirm_discard():
            return False
        self._load_into_window(report, path)
        self.message.emit(f"已打开：{path}")
        return True

    def open_recent(self, path_text: str) -> bool:
        path = Path(path_text)
        if not path.is_file():
            QMessageBox.warning(self.window, "无法打开", f"找不到文件“{path}”，已从最近打开列表中移除。")
            self.settings.remove_recent(path_text)
            return False
        return self.open_path(path)

    def clear_recent(self) -> None:
        self.settings.set("recent", [])

    def rollover_dialog(self) -> bool:
        from gui import import_flow  # last year's Word file, web page, PDF or XLSX (issue 11)

        folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        path = import_flow.choose_source(self.window, "选择上年的报告（草稿、Word、网页、PDF 或 Excel）", folder)
        if path is None:
            return False
        name = str(path)
        if path.suffix.lower() == EXTENSION:
            try:
                last = load_draft(path)
            except DraftReadError as exc:
                QMessageBox.warning(self.window, "无法打开", str(exc))
                return False
        else:
            last = import_flow.last_year_report(self.window, path)
            if last is None:
                return False
        if not self.confirm_discard():
            return False
        from model.rollover import roll_over  # not needed to start

        result = roll_over(last, source=Path(name).name)
        # Carried content exists only in memory: closing must ask, autosave must cover it.
        self._load_into_window(result.report, None, unsaved=True)
        lines = [f"已根据{last.year}年度报告创建{result.report.year}年度报告（尚未保存）。", ""]
        if result.carried:
            lines += ["已带入："] + [f"· {t}" for t in result.carried]
        if result.not_mapped:
            lines += ["", "未能带入："] + [f"· {t}" for t in result.not_mapped]
        QMessageBox.information(self.window, "从上年报告创建", "\n".join(lines))
        self.message.emit(f"已创建{result.report.year}年度报告，请保存。")
        return True

    def open_unsaved(self, report: Report, message: str = "") -> bool:
        """Show a report made elsewhere (a 汇总) as a new, unsaved one; False if the clerk kept
        the current report (取消 at 保存修改)."""
        if not self.confirm_discard():
            return False
        self._load_into_window(report, None, unsaved=True)
        if message:
            self.message.emit(message)
        return True

    def open_sample(self) -> bool:
        """The bundled sample opens as an untitled copy: the original is never written."""
        samples = sorted(resource_path("samples").glob(f"*{EXTENSION}"))
        if not samples:
            QMessageBox.warning(self.window, "示例报告", "找不到示例报告文件，请重新安装本软件。")
            return False
        try:
            report = load_draft(samples[0])
        except DraftReadError as exc:
            QMessageBox.warning(self.window, "示例报告", str(exc))
            return False
        if not self.confirm_discard():
            return False
        self._load_into_window(report, None)
        self.message.emit("已打开示例报告的副本；保存时请另选位置。")
        return True

    # -- save ----------------------------------------------------------------------------------
    def save(self) -> bool:
        self._commit_pending()
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path, replace_foreign=False)

    def save_as(self) -> bool:
        self._commit_pending()
        r = self.doc.report
        folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        stem = safe_file_stem(f"{r.agency}{r.year}年报告" if r.agency else f"{r.year}年度报告")
        name, _ = QFileDialog.getSaveFileName(self.window, "保存报告", str(folder / f"{stem}{EXTENSION}"),
                                              DRAFT_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        # The dialog already asked before overwriting an existing file.
        return self._save_to(path, replace_foreign=True)

    def _save_to(self, path: Path, replace_foreign: bool) -> bool:
        try:
            save_draft(path, self.doc.report, replace_foreign=replace_foreign)
        except ReportError as exc:
            QMessageBox.warning(self.window, "保存失败", str(exc))
            return False
        old = self.doc.path
        if old is None or old.resolve() != path.resolve():
            self.autosaver.retarget(path)
            self._release_lock()
            self.lock = DraftLock(path)
            self.lock.acquire()
        self.restored_unsaved = False
        self.doc.mark_saved(path)
        self.autosaver.discard()
        self._remember_recent(path)
        self._remember_agency(self.doc.report.agency)
        self.stateChanged.emit()
        self.message.emit(f"已保存：{path}")
        return True

    # -- export / print ------------------------------------------------------------------------
    def _export(self, kind: str, suffix: str, filter_text: str) -> bool:
        self._commit_pending()
        if not self._confirm_errors(f"导出{kind}"):
            return False
        r = self.doc.report
        remembered = self.settings.get("export_dir", "")
        folder = Path(remembered) if isinstance(remembered, str) and remembered else None
        if folder is None or not folder.is_dir():
            folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        name, _ = QFileDialog.getSaveFileName(self.window, f"导出{kind}",
                                              str(folder / f"{safe_file_stem(r.title)}{suffix}"), filter_text)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            write = _writer(suffix, self.settings)
        except ImportError:
            QMessageBox.warning(self.window, f"导出{kind}", f"导出{kind}的组件没有安装完整，请重新安装本软件。")
            return False
        try:
            write(r, path)
        except ReportError as exc:
            QMessageBox.warning(self.window, f"导出{kind}失败", str(exc))
            return False
        except OSError as exc:
            QMessageBox.warning(self.window, f"导出{kind}失败", f"无法写入“{path}”（系统错误代码 {exc.errno}）。请换一个文件夹再试。")
            return False
        self.settings.set("export_dir", str(path.parent))
        self.message.emit(f"已导出{kind}：{path}")
        return True

    def export_pdf(self) -> bool:
        return self._export("PDF", ".pdf", "PDF 文件 (*.pdf)")

    def export_xlsx(self) -> bool:
        return self._export("Excel", ".xlsx", "Excel 工作簿 (*.xlsx)")

    def export_docx(self) -> bool:
        return self._export("Word", ".docx", "Word 文档 (*.docx)")

    def export_html(self) -> bool:
        return self._export("网页", ".html", "网页 (*.html)")

    def copy_html(self) -> bool:
        """「复制到网站编辑器」: the report as the web page's HTML fragment (and as plain text) on
        the clipboard, for pasting into the site's article editor."""
        self._commit_pending()
        if not self._confirm_errors("复制到网站编辑器"):
            return False
        try:
            from gui.web_copy import copy_report_html
        except ImportError:
            QMessageBox.warning(self.window, "复制到网站编辑器", "生成网页的组件没有安装完整，请重新安装本软件。")
            return False
        copy_report_html(self.doc.report)
        self.message.emit("已复制报告网页内容，可在网站编辑器中粘贴（Ctrl+V）。")
        return True

    def print_report(self) -> bool:
        self._commit_pending()
        try:  # print_report asks about errors itself, before building the pages
            from gui.printing import print_report
        except ImportError:
            QMessageBox.warning(self.window, "打印", "打印组件没有安装完整，请重新安装本软件。")
            return False
        print_report(self.window, self.doc.report)
        return True

    # -- close ---------------------------------------------------------------------------------
    def close_clean(self) -> None:
        """After the clerk agreed to close: no recovery copy, no lock left behind."""
        self.autosaver.close()
        self._release_lock()


def _writer(suffix: str, settings: Settings):
    """The export function for a file suffix (imported when first used: not loaded at start)."""
    if suffix == ".pdf":
        from export.font_lookup import saved_choice
        from export.pdf_report import write_pdf

        def write(report, target, fonts=saved_choice(settings)):  # the clerk's own faces
            write_pdf(report, target, fonts)
    elif suffix == ".xlsx":
        from export.xlsx_report import write_xlsx as write
    elif suffix == ".docx":
        from export.docx_report import write_docx as write
    else:
        from export.html_report import write_html as write
    return write


def copy_sample_to(folder: Path) -> Path:
    """A fresh copy of the sample in `folder` (used by the screenshot tool)."""
    src = sorted(resource_path("samples").glob(f"*{EXTENSION}"))[0]
    target = unique_path(ensure(folder), src.stem, EXTENSION)
    import shutil

    shutil.copyfile(src, target)
    return target
