"""Fonts: bundled faces embedded; a missing, broken or non-embeddable font is a clear Chinese
error (bundled) or a quiet fall-back to the bundled face (system profile)."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

import test_pdf_probe as probe
from export import pdf_fonts
from export.pdf_fonts import FontError, font_set, load_face
from export.pdf_report import build_pdf, write_pdf
from factories import full_report
from model.errors import ReportError
from model.paths import resource_path

BUNDLED = resource_path("fonts")


@pytest.fixture(autouse=True)
def _fresh_font_cache():
    pdf_fonts.clear_cache()
    yield
    pdf_fonts.clear_cache()


def restricted_copy(src: Path, dst: Path) -> Path:
    """A copy of a .ttc whose first face says "restricted licence embedding" (OS/2 fsType 2)."""
    data = bytearray(src.read_bytes())
    assert data[:4] == b"ttcf"
    font_at = struct.unpack(">I", data[12:16])[0]
    n_tables = struct.unpack(">H", data[font_at + 4:font_at + 6])[0]
    for i in range(n_tables):
        rec = font_at + 12 + 16 * i
        if data[rec:rec + 4] == b"OS/2":
            os2 = struct.unpack(">I", data[rec + 8:rec + 12])[0]
            data[os2 + 8:os2 + 10] = struct.pack(">H", 0x0002)
            dst.write_bytes(bytes(data))
            return dst
    raise AssertionError("no OS/2 table")


def test_bundled_roles():
    fs = font_set("bundled")
    assert fs.body is fs.table and fs.body.path.name == "uming.ttc"
    assert fs.heading.path.name == "wqy-microhei.ttc"
    assert fs.body.has("中") and fs.heading.has("中")


def test_missing_bundled_font_is_a_chinese_error(tmp_path, monkeypatch):
    shutil.copy(BUNDLED / "wqy-microhei.ttc", tmp_path / "wqy-microhei.ttc")
    monkeypatch.setattr(pdf_fonts, "bundled_dir", lambda: tmp_path)
    with pytest.raises(FontError) as exc:
        build_pdf(full_report("2021"))
    assert isinstance(exc.value, ReportError)
    assert "找不到字体文件" in str(exc.value) and "uming.ttc" in str(exc.value)


def test_broken_bundled_font_is_a_chinese_error(tmp_path, monkeypatch):
    (tmp_path / "uming.ttc").write_bytes((BUNDLED / "uming.ttc").read_bytes()[:4096])
    shutil.copy(BUNDLED / "wqy-microhei.ttc", tmp_path / "wqy-microhei.ttc")
    monkeypatch.setattr(pdf_fonts, "bundled_dir", lambda: tmp_path)
    out = tmp_path / "r.pdf"
    with pytest.raises(FontError) as exc:
        write_pdf(full_report("2021"), out)
    assert "已损坏" in str(exc.value)
    assert not out.exists()


def test_garbage_font_file_is_a_chinese_error(tmp_path):
    bad = tmp_path / "x.ttf"
    bad.write_bytes(b"not a font at all" * 100)
    with pytest.raises(FontError, match="已损坏"):
        load_face(bad)


def test_font_that_forbids_embedding_is_refused(tmp_path):
    bad = restricted_copy(BUNDLED / "wqy-microhei.ttc", tmp_path / "simhei.ttf")
    with pytest.raises(FontError, match="不允许嵌入"):
        load_face(bad)


def test_unknown_profile():
    with pytest.raises(FontError):
        font_set("fancy")


def test_system_profile_off_windows_is_the_bundled_set(monkeypatch):
    monkeypatch.setattr(pdf_fonts, "system_font_dir", lambda: None)
    fs = font_set("system")
    assert fs.body.path.name == "uming.ttc" and fs.heading.path.name == "wqy-microhei.ttc"


def test_system_profile_uses_windows_fonts_and_falls_back_per_role(tmp_path, monkeypatch):
    """A Windows fonts folder with 宋体 present, 黑体 restricted and no 仿宋/楷体: 宋体 serves body
    and tables, the bundled 黑体 stands in for headings, and the PDF embeds them."""
    shutil.copy(BUNDLED / "uming.ttc", tmp_path / "simsun.ttc")
    restricted_copy(BUNDLED / "wqy-microhei.ttc", tmp_path / "simhei.ttf")
    monkeypatch.setattr(pdf_fonts, "system_font_dir", lambda: tmp_path)
    fs = font_set("system")
    assert fs.body.path == tmp_path / "simsun.ttc" and fs.table is fs.body
    assert fs.heading.path == BUNDLED / "wqy-microhei.ttc"
    data = build_pdf(full_report("2021"), font_profile="system")
    rows = probe.fonts(data)
    assert rows and all(r["emb"] == "yes" for r in rows)
    assert "一、总体情况" in probe.compact(probe.text(data))


def test_system_profile_survives_a_broken_system_font(tmp_path, monkeypatch):
    (tmp_path / "simsun.ttc").write_bytes(b"\0" * 1000)
    (tmp_path / "simfang.ttf").write_bytes(b"junk")
    monkeypatch.setattr(pdf_fonts, "system_font_dir", lambda: tmp_path)
    fs = font_set("system")
    assert fs.body.path == BUNDLED / "uming.ttc"
    assert build_pdf(full_report("2021"), font_profile="system").startswith(b"%PDF-")


def test_zero_copy_glyph_table_gives_the_same_subsets(monkeypatch):
    """The glyph table handed out as a view (export.pdf_patches) makes byte-identical subsets,
    composite glyphs included, for both bundled faces."""
    from reportlab.pdfbase import pdfmetrics, ttfonts

    from export import pdf_patches

    pdf_patches.apply()
    fonts = font_set("bundled")
    text = "政府信息公开工作年度报告，（一）《条例》……“公开”0123456789%é"
    for face in (fonts.body, fonts.heading):
        tt = pdfmetrics.getFont(face.name).face
        glyphs = sorted({ord(c) for c in text if face.has(c)}) + [0x00C5, 0x01FA]
        ours = tt.makeSubset([g for g in glyphs if g in tt.charToGlyph])
        monkeypatch.setattr(ttfonts.TTFontFile, "get_table", pdf_patches.ORIGINAL_GET_TABLE)
        monkeypatch.setattr(ttfonts, "_set_ushort", pdf_patches.ORIGINAL_SET_USHORT)
        theirs = tt.makeSubset([g for g in glyphs if g in tt.charToGlyph])
        monkeypatch.undo()
        assert ours == theirs
        assert isinstance(tt.get_table("glyf"), memoryview)
