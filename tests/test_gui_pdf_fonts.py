"""The 「PDF 字体」 dialog: shows the face each part of the PDF uses on this computer and why,
lists skipped font files, lets the clerk choose, saves the choice that export and print read."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from export.font_lookup import SETTING, FontChoice, Sources, saved_choice
from font_fixtures import write_font
from gui.pdf_fonts_dialog import PdfFontsDialog
from model.settings import Settings


@pytest.fixture(scope="module")
def fonts_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fonts")
    write_font(folder / "FS_GB2312.ttf", ["FangSong_GB2312", "仿宋_GB2312"], "FangSong_GB2312")
    write_font(folder / "simfang.ttf", ["FangSong", "仿宋"], "FangSong")
    write_font(folder / "simhei.ttf", ["SimHei", "黑体"], "SimHei")
    write_font(folder / "kai.otf", ["KaiTi", "楷体"], "KaiTi", cff=True)
    return folder


@pytest.fixture
def dialog(qtbot, fonts_folder, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    d = PdfFontsDialog(None, settings, lambda folders: Sources([fonts_folder], False))
    qtbot.addWidget(d)
    with qtbot.waitExposed(d):
        d.show()
    return d, settings


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_each_part_shows_its_face_and_why(dialog):
    d, _ = dialog
    assert d.auto.isChecked()
    assert items(d.combos["body"]) == ["自动（仿宋_GB2312）", "仿宋_GB2312（FS_GB2312.ttf）",
                                       "仿宋（simfang.ttf）", "软件自带宋体（AR PL UMing）"]
    assert d.notes["body"].text() == "本机已安装仿宋_GB2312"
    assert "本机未安装楷体" in d.notes["kai"].text() and "黑体" in d.notes["kai"].text()
    assert "kai.otf" in d.skipped.text() and "CFF" in d.skipped.text()


def test_the_choice_is_saved_for_export_and_print(dialog, qtbot):
    d, settings = dialog
    d.combos["body"].setCurrentIndex(2)
    d.combos["body"].activated.emit(2)
    assert d.notes["body"].text() == "按设置使用仿宋"
    d.accept()
    assert saved_choice(settings) == FontChoice(roles=(("body", "仿宋"),))
    assert Settings(settings.path).get(SETTING)["roles"] == {"body": "仿宋"}


def test_the_bundled_fonts_for_every_part(dialog):
    d, settings = dialog
    d.bundled.setChecked(True)
    assert not any(c.isEnabled() for c in d.combos.values())
    assert all("软件自带" in n.text() for n in d.notes.values())
    d.accept()
    assert saved_choice(settings).profile == "bundled"


def test_cancel_keeps_the_saved_choice(dialog):
    d, settings = dialog
    d.bundled.setChecked(True)
    d.reject()
    assert settings.get(SETTING) is None and saved_choice(settings) == FontChoice()


def test_every_note_shows_whole_on_a_small_screen(qtbot, tmp_path):
    """Qt sizes a new dialog to at most ⅔ of the screen's width and measured the wrapped notes at
    the wider width: at 150 % they wrapped to more lines than their rows had and were cut off."""
    settings = Settings(tmp_path / "settings.json")
    d = PdfFontsDialog(None, settings, lambda folders: Sources([], False))  # long 「未安装…」 notes
    qtbot.addWidget(d)
    with qtbot.waitExposed(d):
        d.show()
    for role, note in d.notes.items():
        assert note.height() >= note.heightForWidth(note.width()), (role, note.text())
