"""Files others can read: a draft on a shared folder, a PDF for the web server, an XLSX sent upward.

A new file gets 0666 & ~umask, as any program's open() would give it; a replaced file keeps the
mode it had (a clerk who made a draft private keeps it private); the .bak has the mode of the file
it copies.  The expected modes are written out by hand for each umask.
"""

from __future__ import annotations

import os
import stat
import threading

import pytest

from factories import full_report
from model.atomic_file import backup_path, current_umask, write_atomic
from model.draft_io import save_draft

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)

    def set_to(mask: int) -> None:
        os.umask(mask)

    yield set_to
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664),
                                            (0o077, 0o600)],
                         ids=["umask022", "umask027", "umask002", "umask077"])
def test_a_new_draft_and_its_backup_get_the_usual_mode(tmp_path, umask, mask, expected):
    umask(mask)
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021", 1))
    assert mode(draft) == expected
    save_draft(draft, full_report("2021", 2))
    assert mode(draft) == expected and mode(backup_path(draft)) == expected


def test_a_replaced_file_keeps_its_mode_whatever_the_umask(tmp_path, umask):
    umask(0o022)
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021", 1))
    os.chmod(draft, 0o604)  # the clerk's choice: group may not read, others may
    umask(0o077)
    save_draft(draft, full_report("2021", 2))
    assert mode(draft) == 0o604
    assert mode(backup_path(draft)) == 0o604  # a copy of the 0604 file
    os.chmod(draft, 0o600)
    umask(0o000)
    save_draft(draft, full_report("2021", 3))
    assert mode(draft) == 0o600 and mode(backup_path(draft)) == 0o600


def test_exported_pdf_and_xlsx_are_readable_by_others(tmp_path, umask):
    from export.pdf_report import write_pdf
    from export.xlsx_report import write_xlsx

    umask(0o022)
    report = full_report("2021", 1)
    write_pdf(report, tmp_path / "年报.pdf")
    write_xlsx(report, tmp_path / "年报.xlsx")
    assert mode(tmp_path / "年报.pdf") == 0o644
    assert mode(tmp_path / "年报.xlsx") == 0o644
    # Exporting again over a file the web server's admin made 0664 keeps 0664.
    os.chmod(tmp_path / "年报.pdf", 0o664)
    write_pdf(report, tmp_path / "年报.pdf")
    assert mode(tmp_path / "年报.pdf") == 0o664


def test_the_umask_is_read_without_being_changed(umask):
    umask(0o027)
    assert current_umask() == 0o027
    assert os.umask(0o027) == 0o027  # still what was set


def test_a_save_on_another_thread_gets_the_same_mode(tmp_path, umask):
    """Autosave writes from a worker thread: the mode must not depend on which thread saves."""
    umask(0o022)
    errors = []

    def save():
        try:
            write_atomic(tmp_path / "自动保存.gknb", b"{}", keep_backup=False)
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    t = threading.Thread(target=save)
    t.start()
    t.join(timeout=30)
    assert errors == [] and mode(tmp_path / "自动保存.gknb") == 0o644
