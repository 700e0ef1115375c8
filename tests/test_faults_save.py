"""Faults while saving: an unwritable folder, a full disk, a file another program holds.

Tests run as root in CI, and root ignores chmod, so the operating system's refusals are injected
where they happen (the exclusive creation of the temp file, the write, os.replace) with the errno
the OS would give.
Each fault must give a Chinese message that names the problem, and lose nothing: the previous
draft still loads, byte for byte, no temp file is left behind, and in the window the work stays
open, marked unsaved, with its recovery copy on disk.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

import model.atomic_file as atomic_file
from model.atomic_file import backup_path
from model.draft_io import load_draft, load_with_backup, save_draft
from model.errors import DraftWriteError
from model.samples import seed_path

SAMPLE = seed_path()

FAULTS = {
    # name: (where it strikes, errno, words the message must contain)
    "folder not writable": ("create", errno.EACCES, "没有权限"),
    "read-only medium": ("create", errno.EROFS, "没有权限"),
    "disk full at write": ("write", errno.ENOSPC, "磁盘已满"),
    "disk full at fsync": ("fsync", errno.ENOSPC, "磁盘已满"),
    "file held by another program": ("replace", errno.EACCES, "没有权限"),
    "disk full copying the .bak": ("bak", errno.ENOSPC, "磁盘已满"),
    "I/O error": ("write", errno.EIO, "无法保存"),
}


def inject(monkeypatch, where: str, code: int, only_in: Path | None = None) -> None:
    """Make the OS refuse at one step of write_atomic (only for files in `only_in`, if given)."""
    def hit(path) -> bool:
        return only_in is None or Path(path).resolve().parent == only_in.resolve() \
            or Path(path).resolve() == only_in.resolve()

    err = OSError(code, os.strerror(code))
    if where == "create":
        real = atomic_file.open_exclusive

        def open_exclusive(path, *a, **k):
            if hit(path):
                raise PermissionError(code, os.strerror(code)) if code != errno.ENOSPC else err
            return real(path, *a, **k)
        monkeypatch.setattr(atomic_file, "open_exclusive", open_exclusive)
    elif where in ("write", "fsync", "bak"):
        real_fdopen = os.fdopen

        class Failing:
            def __init__(self, f):
                self.f = f

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.f.close()

            def write(self, data):
                if where in ("write", "bak"):
                    self.f.write(data[: len(data) // 2])  # half of it reached the disk
                    raise err
                return self.f.write(data)

            def __getattr__(self, name):
                return getattr(self.f, name)

        def fdopen(fd, *a, **k):
            f = real_fdopen(fd, *a, **k)
            target = Path(os.readlink(f"/proc/self/fd/{fd}"))
            is_bak_temp = ".bak." in target.name  # .<name>.bak.<tag>.tmp: the copy for the .bak
            return Failing(f) if hit(target) and is_bak_temp == (where == "bak") else f
        monkeypatch.setattr(atomic_file.os, "fdopen", fdopen)
        if where == "fsync":
            real_fsync = os.fsync

            def fsync(fd):
                if hit(Path(os.readlink(f"/proc/self/fd/{fd}"))):
                    raise err
                return real_fsync(fd)
            monkeypatch.setattr(atomic_file.os, "fsync", fsync)
    elif where == "replace":
        real_replace = os.replace

        def replace(src, dst):
            if hit(Path(dst)) and not str(dst).endswith(".bak"):
                raise PermissionError(code, os.strerror(code))
            return real_replace(src, dst)
        monkeypatch.setattr(atomic_file.os, "replace", replace)
    else:
        raise ValueError(where)


pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="uses /proc to find a file's path")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failed_save_keeps_the_previous_draft(tmp_path, monkeypatch, fault):
    where, code, words = FAULTS[fault]
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    report = load_draft(draft)
    save_draft(draft, report)  # a first save: now there is a .bak as well
    before, bak_before = draft.read_bytes(), backup_path(draft).read_bytes()
    report.texts["s1"] = "新写的一段。" + report.texts.get("s1", "")

    inject(monkeypatch, where, code)
    with pytest.raises(DraftWriteError) as info:
        save_draft(draft, report)
    monkeypatch.undo()

    msg = str(info.value)
    assert words in msg and (draft.name in msg or str(draft.parent) in msg), msg  # names the file or folder
    assert "没有丢失" in msg or "请" in msg  # tells the clerk what to do
    assert draft.read_bytes() == before
    assert backup_path(draft).read_bytes() == bak_before
    assert leftovers(tmp_path) == []
    loaded, from_bak = load_with_backup(draft)
    assert not from_bak and "新写的一段" not in loaded.text("s1")
    save_draft(draft, report)  # the fault is gone: the same report saves
    assert load_draft(draft).text("s1").startswith("新写的一段。")


def test_a_folder_that_was_deleted(tmp_path):
    folder = tmp_path / "U盘"
    folder.mkdir()
    draft = folder / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    report = load_draft(draft)
    shutil.rmtree(folder)  # the USB stick was pulled
    with pytest.raises(DraftWriteError) as info:
        save_draft(draft, report)
    assert "不存在" in str(info.value) and "U盘" in str(info.value)


def test_a_draft_replaced_by_another_program_is_not_overwritten(tmp_path):
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    report = load_draft(draft)
    draft.write_text("这是另一个程序写的文本", encoding="utf-8")  # e.g. saved over from a text editor
    with pytest.raises(DraftWriteError) as info:
        save_draft(draft, report)
    assert "为免覆盖" in str(info.value) and "另存为" in str(info.value)
    assert draft.read_text(encoding="utf-8") == "这是另一个程序写的文本"
    save_draft(draft, report, replace_foreign=True)  # Save As, after the dialog's question
    assert load_draft(draft).agency == report.agency


def test_a_draft_saved_meanwhile_by_another_instance_survives_in_the_bak(tmp_path):
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    mine, theirs = load_draft(draft), load_draft(draft)
    theirs.texts["s6"] = "另一窗口写的内容"
    save_draft(draft, theirs)
    mine.texts["s6"] = "本窗口写的内容"
    save_draft(draft, mine)  # last writer wins the draft ...
    assert load_draft(draft).text("s6") == "本窗口写的内容"
    assert load_draft(backup_path(draft)).text("s6") == "另一窗口写的内容"  # ... and nothing is lost


def test_a_draft_deleted_while_open_is_written_again(tmp_path):
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    report = load_draft(draft)
    draft.unlink()
    save_draft(draft, report)
    assert load_draft(draft).agency == report.agency


# -- in the window ------------------------------------------------------------------------------
@pytest.fixture
def boxes(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    kinds = {QMessageBox.Icon.Warning: "warning", QMessageBox.Icon.Information: "information"}
    # Every box is a plain-text QMessageBox (gui/message_box.py) shown with exec().
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(
        (kinds.get(box.icon(), "exec"), box.windowTitle(), box.text())) or QMessageBox.StandardButton.Discard)
    return shown


@pytest.mark.parametrize("fault", ["folder not writable", "disk full at write", "file held by another program"])
def test_the_window_keeps_the_work_when_saving_fails(qtbot, tmp_path, monkeypatch, boxes, fault):
    from gui.main_window import MainWindow
    from model.recovery import pending_recoveries

    where, code, words = FAULTS[fault]
    draft = tmp_path / "文档" / "报告.gknb"
    draft.parent.mkdir()
    shutil.copyfile(SAMPLE, draft)
    before = draft.read_bytes()
    w = MainWindow(draft)
    qtbot.addWidget(w)
    w.doc.set_text("s6", "保存失败前写下的内容。")
    inject(monkeypatch, where, code, only_in=draft.parent)  # the recovery folder still works

    assert w.files.save() is False
    warnings = [b for b in boxes if b[0] == "warning"]
    assert warnings and words in warnings[-1][2], boxes
    assert "报告.gknb" in warnings[-1][2] or str(draft.parent) in warnings[-1][2], boxes
    assert w.files.is_modified()  # still marked unsaved: closing will ask
    assert draft.read_bytes() == before and leftovers(draft.parent) == []
    w.files.autosaver.write_now()
    w.files.autosaver.wait()
    recs = pending_recoveries()
    assert any(r.report.text("s6") == "保存失败前写下的内容。" for r in recs)
    monkeypatch.undo()
    assert w.files.save() is True and load_draft(draft).text("s6") == "保存失败前写下的内容。"
