"""Everything the 文件 menu does: new, open, roll over, save, recent files, export, print, close.

The controller owns the parts of the window's state that concern files: the draft lock, the
autosave slot, the stamp of the draft as loaded, and the settings (recent files, the last agency).
It talks to the clerk only through standard dialogs (QFileDialog static functions, and the
plain-text message boxes of gui/message_box), which tests patch.

Several windows, one draft: a draft open in another window of the app is not opened a second time;
that window comes to the front (gui/instance_channel).  Where that cannot be asked (the other
window is on another computer, or does not answer) the clerk is warned and may open it anyway.
Either way a save first checks that the file on disk is still the one this window loaded or last
saved (size and hash, model.safe_files.FileStamp) and otherwise asks 另存为 / 覆盖 / 取消.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gui import message_box
from gui.autosave import Autosaver, ask_restore
from gui.document import ReportDocument
from gui.message_box import plain_box
from model.atomic_file import BackupError, remove_dead_temps
from model.draft_io import (EXTENSION, YEAR_RANGE, DraftChangedOnDisk, load_draft, load_draft_stamped,
                            save_draft)
from model.draft_lock import OTHER, REFUSED, DraftLock
from model.errors import DraftReadError, ReportError
from model.recovery import claim, pending_recoveries, recovery_dir
from model.report import Report
from model.safe_files import FileStamp, same_file_key
from model.settings import Settings
from model.terms import APP_NAME, ROLLOVER, SAMPLE, YEAR
from model.user_dirs import drafts_dir, ensure, state_dir

TYPE_CHECKING = False  # as typing's, without importing typing (see gui/main_window.py)
if TYPE_CHECKING:
    import threading

DRAFT_FILTER = f"年报草稿 (*{EXTENSION})"
OPEN_FILTER = f"{DRAFT_FILTER};;所有文件 (*)"
UNREADABLE_RECOVERIES = "无法读取的恢复副本"  # folder under the drafts folder


def default_year() -> int:
    """Reports are written in the first months of the next year: default to last year."""
    return time.localtime().tm_year - 1


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    p = folder / f"{stem}{suffix}"
    n = 2
    while p.exists():
        p = folder / f"{stem}（{n}）{suffix}"
        n += 1
    return p


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM_CHARS = 80  # the folder path plus this stays far below every system's limit


def safe_file_stem(text: str) -> str:
    """A file name suggested from user text (agency, title): no path separators or characters
    Windows forbids, no control characters and no invisible direction marks (U+202E would show
    "报告fdp.exe" as "报告exe.pdf"), no trailing dots or spaces, not a reserved device name."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in '\\/:*?"<>|':
            out.append("_")
        elif ch in "\t\n\r\v\f" or cat == "Zs":
            out.append(" ")
        elif cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            continue  # control, format (RTL/LTR marks, zero-width), surrogate, private, unassigned
        else:
            out.append(ch)
    stem = " ".join("".join(out).split())[:MAX_STEM_CHARS].rstrip(" .")
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem or "年度报告"


class FileController(QObject):
    stateChanged = Signal()  # path or saved state changed: title and status bar refresh
    message = Signal(str)  # status-bar message
    broughtToFront = Signal()  # another start asked for this window's draft: it came to the front

    def __init__(self, window, doc: ReportDocument, settings: Settings | None = None):
        super().__init__(window)
        self.window, self.doc = window, doc
        self.settings = settings or Settings()
        self.lock: DraftLock | None = None
        self.stamp: FileStamp | None = None  # the draft on disk as this window loaded or last saved it
        self.first_start = False  # no report was ever saved: the window shows where to begin
        self.restored_unsaved = False  # content not from the undo stack (restored, rolled over) not yet saved
        self.sample_shown = False  # the bundled sample, not yet saved: its agency is not the clerk's
        self.handed_off = False  # at start, the draft asked for was brought up in another window
        self._raised_elsewhere = False  # the last open_path brought another window up instead
        self.sweeper: threading.Thread | None = None
        self._channel_token: str | None = None
        # At the window's start (paint_first) the channel starts listening right after the first
        # paint (listen_now): a start that asks meanwhile waits for it (instance_channel).
        self.defer_listen = False
        self._listen_wanted = False
        self._sweep_wanted: tuple[Path | None] | None = None  # start()'s draft, swept at listen_now
        self.autosaver = Autosaver(doc, is_dirty=self.is_modified, parent=self)
        self.autosaver.failed.connect(self.message)
        doc.undo_stack.cleanChanged.connect(lambda _clean: self.stateChanged.emit())
        self.destroyed.connect(lambda *_: self._unregister())

    # -- state ---------------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return self.doc.is_modified() or self.restored_unsaved

    def display_name(self) -> str:
        return self.doc.path.name if self.doc.path else f"{self.doc.report.year}年度报告（未保存）"

    def _commit_pending(self) -> None:
        self.window.commit_pending_edits()

    def _load_into_window(self, report: Report, path: Path | None, unsaved: bool = False,
                          lock: DraftLock | None = None, stamp: FileStamp | None = None,
                          sample: bool = False) -> None:
        if lock is not self.lock:
            self._release_lock()
        self.autosaver.retarget(path)
        self.restored_unsaved = unsaved
        self.sample_shown = sample
        self.stamp = stamp
        self.doc.replace(report, path)
        if path is not None:
            if lock is None:
                lock = self._take_lock(path)
            self.lock = lock
            self._register(path)
            self._remember_recent(path)
        else:
            self._unregister()
        if not sample:  # 新建 offers the last agency: the sample's fictional one is nobody's
            self._remember_agency(report.agency)
        if unsaved:
            self.autosaver.changed()
        self.stateChanged.emit()

    # -- one window per draft --------------------------------------------------------------------
    def _take_lock(self, path: Path) -> DraftLock:
        """The lock of a draft this window shows: taken if free (the channel listens first, so the
        lock never names a window that cannot be asked — at start, right after the first paint,
        and whoever asks before waits for it), else not held — the clerk was asked."""
        lock = DraftLock(path)
        self._listen()
        if lock.acquire() == REFUSED:
            self.message.emit(lock.problem)
        return lock

    def _listen(self) -> None:
        if self.defer_listen:
            self._listen_wanted = True
            return
        from gui.instance_channel import channel

        channel().listen()

    def listen_now(self) -> None:
        """End `defer_listen`: listen now if a lock was taken meanwhile; sweep dead temp files."""
        self.defer_listen = False
        if self._listen_wanted:
            self._listen_wanted = False
            self._listen()
        if self._sweep_wanted is not None:
            (draft,), self._sweep_wanted = self._sweep_wanted, None
            self._sweep_dead_temps(draft)

    def _register(self, path: Path) -> None:
        from gui.instance_channel import channel

        self._unregister()
        self._channel_token = channel().register(path, self.bring_to_front)

    def _unregister(self) -> None:
        if self._channel_token is None:
            return
        from gui.instance_channel import channel

        channel().unregister(self._channel_token)
        self._channel_token = None

    def bring_to_front(self) -> None:
        """Another start asked to open this window's draft: show this window instead."""
        w = self.window
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()
        self.message.emit(f"“{self.display_name()}”已在本窗口中打开。")
        self.broughtToFront.emit()

    def _bring_up_elsewhere(self, path: Path) -> bool:
        """If another window of the app (this process or another on this computer) has `path`
        open, bring it to the front and say so.  True = it did; do not open it here."""
        from gui.instance_channel import ask_owner_to_front, channel

        if channel().raise_here(path, exclude=self._channel_token):
            return True
        owner = DraftLock(path).other_owner()
        return owner is not None and ask_owner_to_front(owner, Path(same_file_key(path)))

    def _is_mine(self, path: Path) -> bool:
        return self.doc.path is not None and same_file_key(self.doc.path) == same_file_key(path)

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
        if self.defer_listen:
            # The window's start: the sweep's thread would share the interpreter with the
            # building of the window; it starts after the first paint (listen_now).
            self._sweep_wanted = (draft,)
        else:
            self._sweep_dead_temps(draft)
        if draft is not None and self._bring_up_elsewhere(Path(draft)):
            self.handed_off = True  # gui/app.py ends this start: the clerk sees that window
            self.new_untitled(default_year())
            return
        if offer_recovery and self.offer_recoveries():
            return
        if draft is not None:
            if not self.open_path(Path(draft), confirm=False):
                self.handed_off = self._raised_elsewhere
                self.new_untitled(default_year())
            return
        for recent in self.settings.recent_files[:1]:
            p = Path(recent)
            if p.is_file() and self._quiet_open(p):
                return
        self.new_untitled(default_year())
        self.first_start = not self.settings.recent_files

    def _sweep_dead_temps(self, draft: Path | None) -> None:
        """Temp files of saves a crash cut short (their process is gone) are removed now, in the
        folders this app writes to, on a thread: a folder on an unplugged network drive must not
        hold up the window."""
        folders = [state_dir(), recovery_dir(), drafts_dir()]
        folders += [Path(p).parent for p in self.settings.recent_files[:3]]
        if draft is not None:
            folders.append(Path(draft).parent)

        def sweep():
            for folder in dict.fromkeys(folders):
                remove_dead_temps(folder)
        import threading  # after the first paint (the start's sweep waits for it): not at the top

        self.sweeper = threading.Thread(target=sweep, name="temp-sweep", daemon=True)
        self.sweeper.start()

    def _quiet_open(self, path: Path) -> bool:
        """Open the last report at start without questions; fall back to a new one silently."""
        if DraftLock(path).other_owner() is not None:
            self.message.emit(f"上次的报告“{path.name}”已在另一个窗口中打开，这里新建了一份报告。")
            return False
        try:
            report, stamp = load_draft_stamped(path)
        except DraftReadError as exc:
            self.message.emit(str(exc))
            return False
        lock = self._take_lock(path)
        if lock.owner is not None:  # taken a moment ago by a window starting beside this one
            self.message.emit(f"上次的报告“{path.name}”已在另一个窗口中打开，这里新建了一份报告。")
            return False
        self._load_into_window(report, path, lock=lock, stamp=stamp)
        self.message.emit(f"已打开上次的报告：{path.name}")
        return True

    def offer_recoveries(self) -> bool:
        # Claimed first (renamed to this process's name): a window starting beside this one
        # cannot offer the same work too.
        recs = [c for c in (claim(r) for r in pending_recoveries()) if c is not None]
        if not recs:
            return False
        if not ask_restore(self.window, recs):
            for r in recs:
                r.path.unlink(missing_ok=True)
            return False
        readable = [r for r in recs if r.report is not None]
        broken = [r for r in recs if r.report is None]
        kept = []
        for r in readable[1:]:  # only one report fits the window: the others become drafts, never lost
            target = unique_path(ensure(drafts_dir()), safe_file_stem(f"{r.report.title}（恢复）"), EXTENSION)
            try:
                save_draft(target, r.report)
                kept.append(target)
                r.path.unlink(missing_ok=True)
            except ReportError as exc:
                self.message.emit(str(exc))
        kept += self._set_aside(broken)
        if kept:
            message_box.information(self.window, "恢复未保存的工作",
                                    "以下恢复副本已另存，可从“文件 → 打开”或在文件夹中找到：\n"
                                    + "\n".join(str(p) for p in kept))
        if not readable:
            return False
        newest = readable[0]
        original = Path(newest.original) if newest.original else None
        lock, stamp, note = None, None, "已恢复上次未保存的内容，请检查后保存。"
        if original is not None:
            lock = self._take_lock(original)
            if lock.owner is not None:  # that draft is open in another window now
                lock, original = None, None
                note = "已恢复上次未保存的内容；原草稿已在另一个窗口中打开，恢复的内容作为新报告显示，请另存。"
            else:
                stamp = _disk_stamp(original)  # a later save notices if someone changes the draft
        self._load_into_window(newest.report, original, unsaved=True, lock=lock, stamp=stamp)
        # The claimed copy becomes this window's recovery slot and is rewritten at once: a crash
        # while the clerk reads the restored report loses nothing, and no second copy appears.
        self.autosaver.adopt(newest.path)
        self.autosaver.write_now()
        self.autosaver.wait()
        self.message.emit(note)
        return True

    def _set_aside(self, broken) -> list[Path]:
        """Copies that cannot be read are moved beside the drafts, never dropped unseen."""
        import os
        import stat

        out = []
        for r in broken:
            try:
                if not stat.S_ISREG(os.lstat(r.path).st_mode):  # not a file we made: just not offered
                    r.path.unlink(missing_ok=True)
                    continue
                folder = ensure(drafts_dir() / UNREADABLE_RECOVERIES)
                target = unique_path(folder, r.path.stem, r.path.suffix)
                try:
                    os.replace(r.path, target)
                except OSError:  # another drive: copy, then remove
                    import shutil

                    shutil.copyfile(r.path, target)
                    r.path.unlink()
                out.append(target)
            except OSError as exc:
                self.message.emit(f"无法移动恢复副本“{r.path}”（系统错误代码 {exc.errno}）。")
        return out

    # -- questions -----------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Before closing or replacing the report: 保存 / 不保存 / 取消.  True = go ahead."""
        self._commit_pending()
        if not self.is_modified():
            return True
        Btn = message_box.Btn
        box = plain_box(message_box.Icon.Warning, self.window, "保存修改",
                        f"“{self.display_name()}”有未保存的修改。是否保存？",
                        Btn.Save | Btn.Discard | Btn.Cancel, Btn.Save)
        answer = message_box.show(box)
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
        return message_box.question(self.window, what, question) == message_box.Btn.Yes

    def _ask_year(self, title: str, default: int) -> int | None:
        from PySide6.QtWidgets import QInputDialog  # asked rarely: not loaded at start

        year, ok = QInputDialog.getInt(self.window, title, f"{YEAR}：", default, *YEAR_RANGE)
        return year if ok else None

    # -- new / open / rollover -----------------------------------------------------------------
    def new_untitled(self, year: int) -> None:
        agency = ("" if self.sample_shown else self.doc.report.agency) or self.settings.get_str("last_agency")
        self._load_into_window(Report.new(year, agency=agency), None)

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
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.window, "打开报告", str(folder), OPEN_FILTER)
        return self.open_path(Path(name)) if name else False

    def open_path(self, path: Path, confirm: bool = True) -> bool:
        path = Path(path)
        try:
            report, stamp = load_draft_stamped(path)
        except DraftReadError as exc:
            message_box.warning(self.window, "无法打开", str(exc))
            return False
        self._raised_elsewhere = False
        if self._is_mine(path) and self.lock is not None and self.lock.held:
            lock = self.lock  # reopening this window's own draft: its lock stays
        else:
            from gui.instance_channel import ask_owner_to_front, channel

            lock = DraftLock(path)
            if channel().raise_here(path, exclude=self._channel_token):
                state = OTHER  # another window of this process has it, and came to the front
                self._raised_elsewhere = True
            else:
                self._listen()  # before the lock exists: whoever reads it can ask this window
                state = lock.acquire()
                if state == OTHER:
                    self._raised_elsewhere = ask_owner_to_front(lock.owner, Path(same_file_key(path)))
            if self._raised_elsewhere:
                self.message.emit(f"“{path.name}”已在另一个窗口中打开，已切换到那个窗口。")
                return False
            if state == OTHER and not self._ask_open_anyway(path, lock.owner):
                return False
            if state == REFUSED:
                self.message.emit(lock.problem)
        if confirm and not self.confirm_discard():
            if lock is not self.lock:
                lock.release()
            return False
        self._load_into_window(report, path, lock=lock, stamp=stamp)
        self.message.emit(f"已打开：{path}")
        return True

    def _ask_open_anyway(self, path: Path, owner: dict) -> bool:
        answer = message_box.question(
            self.window, "草稿已被打开",
            f"“{path.name}”已在另一个{APP_NAME}窗口中打开（计算机 {owner['host']}，进程 {owner['pid']}），"
            "那个窗口没有响应切换请求。两处同时修改时，后保存的一方会被询问是否覆盖。\n仍要打开吗？")
        return answer == message_box.Btn.Yes

    def open_recent(self, path_text: str) -> bool:
        path = Path(path_text)
        if not path.is_file():
            message_box.warning(self.window, "无法打开", f"找不到文件“{path}”，已从最近打开列表中移除。")
            self.settings.remove_recent(path_text)
            return False
        return self.open_path(path)

    def clear_recent(self) -> None:
        self.settings.set("recent", [])

    def rollover_dialog(self) -> bool:
        from gui import import_flow  # last year's Word file, web page, PDF or XLSX (issue 11)

        folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        path = import_flow.choose_source(self.window, "选择上年的报告（草稿、Word、网页、PDF 或 Excel）", folder,
                                         self.settings)
        if path is None:
            return False
        name = str(path)
        year = None  # a source read and reviewed: its year was chosen in the review, asked once
        if path.suffix.lower() == EXTENSION:
            try:
                last = load_draft(path)
            except DraftReadError as exc:
                message_box.warning(self.window, "无法打开", str(exc))
                return False
        else:
            chosen = import_flow.last_year_report(self.window, path)
            if chosen is None:
                return False
            last, year = chosen
        if year is None:
            year = self._ask_year(f"{ROLLOVER}：本年的{YEAR}", last.year + 1)
        if year is None or not self.confirm_discard():
            return False
        from model.rollover import roll_over  # not needed to start

        result = roll_over(last, new_year=year, source=Path(name).name)
        # Carried content exists only in memory: closing must ask, autosave must cover it.
        self._load_into_window(result.report, None, unsaved=True)
        lines = [f"已根据{last.year}年度报告创建{result.report.year}年度报告（尚未保存）。", ""]
        if result.carried:
            lines += ["已带入："] + [f"· {t}" for t in result.carried]
        if result.not_mapped:
            lines += ["", "未能带入："] + [f"· {t}" for t in result.not_mapped]
        message_box.information(self.window, ROLLOVER, "\n".join(lines))
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
        from model.samples import sample_path

        sample = sample_path()
        if not sample.is_file():
            message_box.warning(self.window, SAMPLE, f"找不到{SAMPLE}文件，请重新安装本软件。")
            return False
        try:
            report = load_draft(sample)
        except DraftReadError as exc:
            message_box.warning(self.window, SAMPLE, str(exc))
            return False
        if not self.confirm_discard():
            return False
        self._load_into_window(report, None, sample=True)
        self.message.emit("已打开示例报告的副本；保存时请另选位置。")
        return True

    # -- save ----------------------------------------------------------------------------------
    def save(self) -> bool:
        self._commit_pending()
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path, replace_foreign=False, expect=self.stamp)

    def save_as(self) -> bool:
        self._commit_pending()
        r = self.doc.report
        folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        stem = safe_file_stem(f"{r.agency}{r.year}年报告" if r.agency else f"{r.year}年度报告")
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self.window, "保存报告", str(folder / f"{stem}{EXTENSION}"),
                                              DRAFT_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != EXTENSION:
            path = path.with_name(path.name + EXTENSION)
        if not self._is_mine(path):
            owner = DraftLock(path).other_owner()
            if owner is not None or self._open_in_this_process(path):
                message_box.warning(self.window, "保存失败",
                                    f"“{path}”正在另一个{APP_NAME}窗口中打开，不能另存为这个文件。请另选文件名。")
                return False
        # The dialog already asked before overwriting an existing file.
        return self._save_to(path, replace_foreign=True)

    def _open_in_this_process(self, path: Path) -> bool:
        from gui.instance_channel import channel

        return channel().has_window(path, exclude=self._channel_token)

    def _save_to(self, path: Path, replace_foreign: bool, expect: FileStamp | None = None) -> bool:
        keep_backup = True
        while True:
            try:
                stamp = save_draft(path, self.doc.report, replace_foreign=replace_foreign,
                                   keep_backup=keep_backup, expect=expect)
                break
            except DraftChangedOnDisk as exc:
                answer = self._ask_changed_on_disk(exc)
                if answer == "save_as":
                    return self.save_as()
                if answer != "overwrite":
                    self.message.emit("没有保存。")
                    return False
                expect = None  # 覆盖: the version on disk becomes the .bak
            except BackupError as exc:
                if not self._ask_save_without_backup(exc):
                    return False
                keep_backup = False
            except ReportError as exc:
                message_box.warning(self.window, "保存失败", str(exc))
                return False
        old = self.doc.path
        if old is None or same_file_key(old) != same_file_key(path):
            self.autosaver.retarget(path)
            self._release_lock()
            self.lock = self._take_lock(path)
            self._register(path)
        elif self.lock is not None and not self.lock.held:
            self.lock = self._take_lock(path)  # the first window has closed meanwhile: now it is ours
        self.stamp = stamp
        self.restored_unsaved = False
        self.sample_shown = False  # saved: the clerk's own draft now
        self.doc.mark_saved(path)
        self.autosaver.discard()
        self._remember_recent(path)
        self._remember_agency(self.doc.report.agency)
        self.stateChanged.emit()
        self.message.emit(f"已保存：{path}" + ("（未保留备份）" if not keep_backup else ""))
        return True

    def _ask_changed_on_disk(self, exc: DraftChangedOnDisk) -> str:
        """The draft was changed by someone else since this window loaded it: 另存为 / 覆盖 / 取消."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(QMessageBox.Icon.Warning, self.window, "草稿已被修改", str(exc),
                        QMessageBox.StandardButton.NoButton,
                        informative="另存为：把本窗口的内容保存到新文件，两份都保留。\n"
                                    "覆盖：用本窗口的内容替换它，磁盘上的那一版保留为同名的 .bak 备份。\n"
                                    "取消：暂不保存。")
        save_as = box.addButton("另存为…", QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton("覆盖", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save_as)
        box.setEscapeButton(cancel)
        message_box.show(box)
        clicked = box.clickedButton()
        return "save_as" if clicked is save_as else "overwrite" if clicked is overwrite else "cancel"

    def _ask_save_without_backup(self, exc: BackupError) -> bool:
        Btn = message_box.Btn
        box = plain_box(message_box.Icon.Warning, self.window, "无法保留备份", str(exc),
                        Btn.Yes | Btn.Cancel, Btn.Cancel)
        box.button(Btn.Yes).setText("不保留备份，直接保存")
        return message_box.show(box) == Btn.Yes

    # -- export / print ------------------------------------------------------------------------
    def _export(self, kind: str, suffix: str, filter_text: str) -> bool:
        self._commit_pending()
        if not self._confirm_errors(f"导出{kind}"):
            return False
        r = self.doc.report
        remembered = self.settings.get_str("export_dir")
        folder = Path(remembered) if remembered else None
        if folder is None or not folder.is_dir():
            folder = self.doc.path.parent if self.doc.path else ensure(drafts_dir())
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self.window, f"导出{kind}",
                                              str(folder / f"{safe_file_stem(r.title)}{suffix}"), filter_text)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        from model.output_paths import refuse_unsafe_outputs

        try:  # never over the draft, its .bak or its .lock (the rule the command line follows too)
            refuse_unsafe_outputs(self.doc.path, [path])
        except ReportError as exc:
            message_box.warning(self.window, f"导出{kind}失败", str(exc))
            return False
        try:
            write = _writer(suffix, self.settings)
        except ImportError:
            message_box.warning(self.window, f"导出{kind}", f"导出{kind}的组件没有安装完整，请重新安装本软件。")
            return False
        from gui.export_runner import run_export

        # A copy: typing goes on while the worker writes; the file is the report as it was now.
        import copy

        outcome, error = run_export(self.window, kind, write, copy.deepcopy(r), path)
        if outcome == "cancelled":
            self.message.emit(f"已取消导出{kind}。")
            return False
        if outcome != "done":
            message_box.warning(self.window, f"导出{kind}失败", error)
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
            message_box.warning(self.window, "复制到网站编辑器", "生成网页的组件没有安装完整，请重新安装本软件。")
            return False
        copy_report_html(self.doc.report)
        self.message.emit("已复制报告网页内容，可在网站编辑器中粘贴（Ctrl+V）。")
        return True

    def print_report(self) -> bool:
        self._commit_pending()
        try:  # print_report asks about errors itself, before building the pages
            from gui.printing import print_report
        except ImportError:
            message_box.warning(self.window, "打印", "打印组件没有安装完整，请重新安装本软件。")
            return False
        print_report(self.window, self.doc.report)
        return True

    # -- close ---------------------------------------------------------------------------------
    def close_clean(self) -> None:
        """After the clerk agreed to close: no recovery copy, no lock left behind."""
        self.autosaver.close()
        self._release_lock()
        self._unregister()


def _disk_stamp(path: Path) -> FileStamp | None:
    from model.draft_io import read_draft_bytes

    try:
        return read_draft_bytes(path)[1]
    except DraftReadError:
        return None


def _writer(suffix: str, settings: Settings):
    """The export function for a file suffix (imported when first used: not loaded at start)."""
    if suffix == ".pdf":
        from export.font_lookup import saved_choice
        from export.pdf_report import write_pdf

        def write(report, target, fonts=saved_choice(settings), progress=None):  # the clerk's faces
            write_pdf(report, target, fonts, progress=progress)
    elif suffix == ".xlsx":
        from export.xlsx_report import write_xlsx as write
    elif suffix == ".docx":
        from export.docx_report import write_docx as write
    else:
        from export.html_report import write_html as write
    return write


def copy_sample_to(folder: Path) -> Path:
    """A fresh copy of the sample in `folder` (used by the screenshot tool)."""
    from model.samples import sample_path

    src = sample_path()
    target = unique_path(ensure(folder), src.stem, EXTENSION)
    import shutil

    shutil.copyfile(src, target)
    return target
