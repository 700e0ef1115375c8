"""Autosave: a recovery copy of unsaved work on disk within about a second of any change.

The first change after a write starts a one-second timer; further typing does not push the
write back (a clerk typing for minutes is still covered).  The copy of the report is taken on the
GUI thread (a deep copy, well under a millisecond for a whole report) and written by one worker
thread, so the fsync of a slow disk never stalls typing.  Writes and deletions go through the
same single worker, in order: a deletion can never be overtaken by an older write.

The window has one recovery slot for its whole life (model.recovery): whatever draft it shows,
its copy has its own file, so two windows never share one.  The worker thread is started by the
first write or deletion (not at start: the window paints sooner), and until then there is no
queue to keep in order.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from gui.document import ReportDocument
from gui.message_box import plain_box, show, standard_button  # noqa: F401  (standard_button: re-exported)
from model.atomic_file import write_message
from model.errors import ReportError
from model.recovery import Recovery, RecoverySlot, saved_time
from model.terms import APP_NAME

AUTOSAVE_DELAY_MS = 1000


class Autosaver(QObject):
    failed = Signal(str)  # Chinese message for the status bar
    written = Signal()

    def __init__(self, doc: ReportDocument, is_dirty=None, delay_ms: int = AUTOSAVE_DELAY_MS,
                 parent=None):
        super().__init__(parent)
        self.doc = doc
        self.is_dirty = is_dirty or doc.is_modified
        self.slot = RecoverySlot(doc.path)
        self.last_write_ms = 0.0  # time the GUI thread spent on the last write (snapshot + hand-off)
        self._pool = None  # the worker (concurrent.futures.ThreadPoolExecutor), from the first submit
        self._pending = None  # the last Future handed to it
        self._adopted = False  # the slot is a restored copy already on disk
        self._closed = False
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.write_now)
        doc.undo_stack.indexChanged.connect(self.changed)

    def changed(self, *_args) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def write_now(self) -> None:
        """Write the recovery copy (or drop it when nothing is unsaved)."""
        self._timer.stop()
        if not self.is_dirty():
            self._submit(self.slot.discard)
            return
        import copy  # here, not at the top: see _when

        t = time.perf_counter()
        snapshot = copy.deepcopy(self.doc.report)
        self._submit(self.slot.write, snapshot)
        self.last_write_ms = (time.perf_counter() - t) * 1000

    def _submit(self, fn, *args) -> None:
        if self._closed:
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        fut = self._pool.submit(fn, *args)
        fut.add_done_callback(self._done)
        self._pending = fut

    def _done(self, fut) -> None:  # runs on the worker thread; signals are queued to the GUI
        exc = fut.exception()
        if exc is None:
            self.written.emit()
        elif isinstance(exc, ReportError):
            self.failed.emit(f"自动保存恢复副本失败：{exc}")
        elif isinstance(exc, OSError):  # the OS's own text is English: say it in Chinese
            self.failed.emit(f"自动保存恢复副本失败：{write_message(self.slot.path, exc)}")

    def wait(self, timeout: float = 5.0) -> None:
        """Block until the queued writes are on disk (tests, and before a clean exit)."""
        if self._pending is not None:
            try:
                self._pending.result(timeout)
            except Exception:  # noqa: BLE001 - reported through `failed` already
                pass

    def retarget(self, path: Path | None) -> None:
        """The report now belongs to another file (saved as, opened, new): drop the old copy.
        The slot (its file name) stays this window's."""
        self._timer.stop()
        if self._pool is None and not self._adopted:  # nothing on disk yet (the window's start)
            self.slot.retarget(path)
            return
        self._submit(self.slot.discard)
        self._submit(self.slot.retarget, path)

    def adopt(self, path: Path) -> None:
        """A restored copy (claimed by this process) becomes this window's slot: the next write
        replaces it in place, so the restored work is never only in memory."""
        self._timer.stop()
        self.wait()
        self.slot.discard()
        self.slot.path = Path(path)
        self._adopted = True

    def discard(self) -> None:
        """The work is safe in its draft (saved) or deliberately dropped: no recovery needed."""
        self._timer.stop()
        self._submit(self.slot.discard)

    def close(self) -> None:
        """Clean close: remove the copy and let the worker finish."""
        if self._closed:
            return
        self.discard()
        self.wait()
        self._closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def _when(saved_at) -> str:
    # Imported here: PySide6's import hook reads the source of each module an import names once
    # PySide6 is loaded, and the window's start needs neither datetime nor copy.
    from datetime import datetime

    t = saved_time(saved_at)  # anything out of range or of the wrong type: unknown, never a crash
    return datetime.fromtimestamp(t).strftime("%m月%d日 %H:%M") if t else "时间不详"


def _describe(rec: Recovery) -> str:
    if rec.report is None:
        return f"· 无法读取的恢复副本“{rec.path.name}”：{rec.problem}（恢复时将移到草稿文件夹中，不会删除）"
    where = f"草稿“{Path(rec.original).name}”" if rec.original else "未保存过的新报告"
    return f"· {rec.report.title}（{where}，{_when(rec.saved_at)} 自动保存）"


def ask_restore(parent, recoveries: list[Recovery]) -> bool:
    """One question for all leftover copies, also those that cannot be read.  True = restore them."""
    from PySide6.QtWidgets import QMessageBox

    Btn = QMessageBox.StandardButton
    box = plain_box(QMessageBox.Icon.Question, parent, "恢复未保存的工作",
                    f"{APP_NAME}上次没有正常关闭，以下报告有未保存的修改：", Btn.Yes | Btn.Discard, Btn.Yes,
                    informative="\n".join(_describe(r) for r in recoveries)
                    + "\n\n恢复后请检查内容并保存。选择“放弃”将删除这些恢复副本。")
    box.button(Btn.Yes).setText("恢复")
    box.button(Btn.Discard).setText("放弃")
    return show(box) == Btn.Yes
