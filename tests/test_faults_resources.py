"""Faults in the app's own files: a missing or broken font (PDF), a missing or broken format file.

An antivirus quarantining a font, a half-copied install folder: the clerk gets a Chinese message
naming the file and saying what to do, no half-written PDF appears, and the draft is untouched.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import model.formats as formats
from export import pdf_fonts
from model.draft_io import load_draft
from model.errors import DraftReadError, FormatError, ReportError
from model.paths import resource_path
from model.samples import seed_path

SAMPLE = seed_path()
CJK = re.compile(r"[\u4e00-\u9fff]")
FONTS = resource_path("fonts")


# -- fonts ----------------------------------------------------------------------------------------
def _font_dir(tmp_path: Path, damage: str) -> Path:
    d = tmp_path / "fonts"
    d.mkdir()
    for f in ("uming.ttc", "wqy-microhei.ttc"):
        if damage == "missing" and f == "uming.ttc":
            continue
        if damage == "truncated" and f == "uming.ttc":
            (d / f).write_bytes((FONTS / f).read_bytes()[:20_000])
        elif damage == "not a font" and f == "wqy-microhei.ttc":
            (d / f).write_bytes(b"<html>404 Not Found</html>" * 100)
        elif damage == "empty" and f == "uming.ttc":
            (d / f).write_bytes(b"")
        else:
            try:
                (d / f).symlink_to(FONTS / f)  # 26 MB of fonts: link rather than copy
            except OSError:  # Windows without the symlink privilege
                shutil.copyfile(FONTS / f, d / f)
    return d


@pytest.fixture
def broken_fonts(tmp_path, monkeypatch, request):
    d = _font_dir(tmp_path, request.param)
    pdf_fonts.clear_cache()
    monkeypatch.setattr(pdf_fonts, "bundled_dir", lambda: d)
    yield request.param, ("wqy-microhei.ttc" if request.param == "not a font" else "uming.ttc")
    monkeypatch.undo()
    pdf_fonts.clear_cache()


DAMAGES = ["missing", "truncated", "not a font", "empty"]


@pytest.mark.parametrize("broken_fonts", DAMAGES, indirect=True)
def test_pdf_export_with_a_broken_font(tmp_path, broken_fonts):
    from export.pdf_report import write_pdf

    damage, font = broken_fonts
    out = tmp_path / "报告.pdf"
    with pytest.raises(ReportError) as info:
        write_pdf(load_draft(SAMPLE), out)
    msg = str(info.value)
    assert CJK.search(msg) and font in msg, msg
    assert "重新安装" in msg  # what to do about it
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("broken_fonts", ["missing", "truncated"], indirect=True)
def test_the_command_line_says_so_too(tmp_path, capsys, broken_fonts):
    import main

    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    before = draft.read_bytes()
    code = main.run_command(["export", str(draft), "--pdf", str(tmp_path / "报告.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and broken_fonts[1] in err and "Traceback" not in err, err
    assert draft.read_bytes() == before


@pytest.mark.parametrize("broken_fonts", ["truncated"], indirect=True)
def test_the_window_says_so(qtbot, tmp_path, monkeypatch, broken_fonts):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from gui.main_window import MainWindow

    shown = []
    # The window's boxes are plain-text QMessageBoxes shown with exec() (gui/message_box.py).
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or (
        QMessageBox.StandardButton.Yes if box.button(QMessageBox.StandardButton.Yes)  # export despite errors
        else QMessageBox.StandardButton.Discard))
    out = tmp_path / "报告.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    draft = tmp_path / "报告.gknb"
    shutil.copyfile(SAMPLE, draft)
    w = MainWindow(draft)
    qtbot.addWidget(w)
    assert w.files.export_pdf() is False
    assert shown and "uming.ttc" in shown[-1] and CJK.search(shown[-1]), shown
    assert not out.exists()


# -- format files ---------------------------------------------------------------------------------
def _formats_dir(tmp_path: Path, damage: str) -> Path:
    d = tmp_path / "formats"
    d.mkdir()
    src = formats.formats_dir()
    shutil.copyfile(src / "2019.json", d / "2019.json")
    text = (src / "2021.json").read_text(encoding="utf-8")
    if damage == "missing":
        return d
    if damage == "truncated":
        (d / "2021.json").write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "not UTF-8":
        (d / "2021.json").write_bytes(text.encode("gbk", "replace"))
    elif damage == "wrong schema":
        obj = json.loads(text)
        obj["schema"] = 99
        (d / "2021.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    elif damage == "a key missing":
        obj = json.loads(text)
        del obj["tables"][0]["rows"]
        (d / "2021.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    elif damage == "a total of an unknown cell":
        obj = json.loads(text)
        obj["computed"][0]["sum"].append("t9.nowhere.x")
        (d / "2021.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    elif damage == "wrong types":
        obj = json.loads(text)
        obj["tables"] = {"not": "a list"}
        (d / "2021.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return d


FORMAT_DAMAGES = ["missing", "truncated", "not UTF-8", "wrong schema", "a key missing",
                  "a total of an unknown cell", "wrong types"]


@pytest.mark.parametrize("damage", FORMAT_DAMAGES)
def test_a_broken_format_file(tmp_path, monkeypatch, damage):
    d = _formats_dir(tmp_path, damage)
    monkeypatch.setattr(formats, "formats_dir", lambda: d)
    # The real load_format is cached for the whole test session: call the uncached function.
    with pytest.raises(FormatError) as info:
        formats.load_format.__wrapped__("2021")
    msg = str(info.value)
    assert CJK.search(msg) and "Traceback" not in msg, msg
    assert "2021.json" in msg or "格式定义" in msg, msg
    if damage not in ("wrong schema",):
        assert "重新安装" in msg or "格式定义有误" in msg, msg


def test_a_draft_of_a_format_whose_file_is_missing(tmp_path, monkeypatch):
    d = _formats_dir(tmp_path, "missing")
    monkeypatch.setattr(formats, "formats_dir", lambda: d)
    draft = tmp_path / "报告.gknb"
    obj = json.loads(SAMPLE.read_bytes())
    obj["format"] = "2021"
    draft.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    before = draft.read_bytes()
    with pytest.raises(DraftReadError) as info:
        load_draft(draft)
    assert "2021" in str(info.value) and CJK.search(str(info.value))
    assert draft.read_bytes() == before
