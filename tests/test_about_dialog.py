"""The about dialog: version from pyproject, the official formats, and the drafts folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from gui import about_dialog
from gui.about_dialog import AboutDialog
from model.formats import available_formats, load_format
from model.user_dirs import drafts_dir

ROOT = Path(__file__).resolve().parent.parent


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


@pytest.fixture
def dialog(qtbot):
    d = AboutDialog()
    qtbot.addWidget(d)
    return d


def test_shows_the_pyproject_version(dialog):
    assert about_dialog.app_version() == pyproject_version()
    assert pyproject_version() in dialog.version_label.text()


def test_version_is_read_from_the_bundle_root_when_frozen(tmp_path, monkeypatch):
    """Frozen, app_root() is the bundle's data folder; the spec copies pyproject.toml there."""
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "9.8.7"\n', encoding="utf-8")
    monkeypatch.setattr(about_dialog, "app_root", lambda: tmp_path)
    assert about_dialog.app_version() == "9.8.7"
    (tmp_path / "pyproject.toml").unlink()
    assert about_dialog.app_version() == "未知"


def test_names_every_shipped_format_with_its_document_number(dialog):
    texts = [label.text() for label in dialog.format_labels]
    assert len(texts) == len(available_formats()) >= 2
    for fid, text in zip(available_formats(), texts):
        fmt = load_format(fid)
        assert fmt.doc_no in text and str(fmt.first_year) in text
    assert any("国办公开办函〔2021〕30号" in t and "2021年度及以后" in t for t in texts)
    assert any("国办公开办函〔2019〕60号" in t and "2019—2020年度" in t for t in texts)


def test_names_the_drafts_folder(dialog):
    assert dialog.drafts_label.text() == str(drafts_dir())


def test_open_button_creates_and_opens_the_drafts_folder(dialog, qtbot, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    assert not drafts_dir().exists()
    qtbot.mouseClick(dialog.open_drafts_button, about_dialog.Qt.MouseButton.LeftButton)
    assert drafts_dir().is_dir()
    assert [Path(u.toLocalFile()) for u in opened] == [drafts_dir()]


def test_folder_that_cannot_be_opened_is_named_in_a_warning(dialog, monkeypatch):
    warnings = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or QMessageBox.StandardButton.Ok)
    assert about_dialog.open_drafts_folder(dialog) is False
    assert len(warnings) == 1 and str(drafts_dir()) in warnings[0]
