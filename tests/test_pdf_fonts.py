"""Fonts: bundled faces embedded; a missing, broken or non-embeddable font is a clear Chinese
error (bundled) or a fall-back to the bundled face, said so (auto profile).  The clerk's own
official faces are found by family name in fixture font folders (Windows system and per-user
folders, a fake fc-list), CFF and restricted fonts skipped with a reason."""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

import pytest

import test_pdf_probe as probe
from export import pdf_fonts, pdf_text
from export.font_lookup import (BUNDLED as BUNDLED_PROFILE, FontChoice, Sources, fontconfig_faces, plan_faces,
                                read_faces)
from export.pdf_fonts import FontError, font_set, load_face
from export.pdf_report import build_pdf, write_pdf
from factories import full_report
from fifo_guard import run_guarded
from font_fixtures import fake_fc_list, write_font
from model.errors import ReportError
from model.paths import resource_path
from model.samples import seed_path

BUNDLED = resource_path("fonts")
ROOT = Path(__file__).resolve().parent.parent


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


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_font_file_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    """Before: opening the pipe to read the face (or to map it for the PDF) waited for a writer."""
    fifo = tmp_path / "simfang.ttf"
    os.mkfifo(fifo)
    with pytest.raises(FontError) as info:
        run_guarded(lambda: load_face(fifo), fifo)
    assert "不是普通文件" in str(info.value) and "字体文件" in str(info.value)
    assert run_guarded(lambda: read_faces(fifo), fifo) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fontconfig_naming_a_fifo_leaves_the_bundled_face(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    fifo = tmp_path / "fonts" / "fs.ttf"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    fc = fake_fc_list(tmp_path / "fc-list", [(fifo, "FangSong,仿宋")])
    plans = run_guarded(lambda: plan_faces(FontChoice(), Sources([], True, fc_list=str(fc))), fifo)
    assert plans["body"].face is None and "软件自带" in plans["body"].note


def test_unknown_profile():
    with pytest.raises(FontError):
        font_set("fancy")


# ---------------------------------------------------------------------------------------------
# The clerk's own official faces


@pytest.fixture(scope="module")
def windows_pc(tmp_path_factory):
    """A Windows PC: 仿宋_GB2312 and 黑体 in the system folder, 楷体_GB2312 installed per user,
    方正小标宋简体 only as a CFF .otf, a restricted 仿宋, no 宋体."""
    root = tmp_path_factory.mktemp("win")
    system, user = root / "Windows" / "Fonts", root / "Local" / "Microsoft" / "Windows" / "Fonts"
    write_font(system / "FS_GB2312.ttf", ["FangSong_GB2312", "仿宋_GB2312"], "FangSong_GB2312")
    write_font(system / "simhei.ttf", ["SimHei", "黑体"], "SimHei")
    write_font(system / "simfang.ttf", ["FangSong", "仿宋"], "FangSong", fs_type=0x0002)
    write_font(user / "楷体_GB2312.ttf", ["KaiTi_GB2312", "楷体_GB2312"], "KaiTi_GB2312")
    write_font(user / "FZXBSJW.otf", ["FZXiaoBiaoSong-B05S", "方正小标宋简体"], "FZXBSJW", cff=True)
    (system / "desktop.ini").write_text("x")
    (system / "broken.ttf").write_bytes(b"\0" * 100)
    return root, system, user


@pytest.fixture
def on_windows(windows_pc, monkeypatch, tmp_path):
    root, system, user = windows_pc
    monkeypatch.setenv("WINDIR", str(root / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(root / "Local"))
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    return Sources.for_this_computer(windows=True)


def test_windows_folders_are_the_system_and_the_per_user_one(on_windows, windows_pc):
    root, system, user = windows_pc
    assert on_windows.folders == [system, user] and not on_windows.use_fontconfig


def test_official_faces_are_found_by_family_name_in_both_folders(on_windows):
    plans = plan_faces(FontChoice(), on_windows)
    assert {r: (p.official, Path(p.face.path).name) for r, p in plans.items()} == {
        "body": ("仿宋_GB2312", "FS_GB2312.ttf"),
        "kai": ("楷体_GB2312", "楷体_GB2312.ttf"),
        "heading": ("黑体", "simhei.ttf"),
        "title": ("黑体", "simhei.ttf"),  # 方正小标宋简体 is CFF only: the 黑体 stands in
        "table": ("仿宋_GB2312", "FS_GB2312.ttf"),  # no 宋体: the table follows the body
    }
    assert any("FZXBSJW.otf" in s and "CFF" in s for s in plans["title"].finding.skipped)
    assert any("simfang.ttf" in s and "不允许嵌入" in s for s in plans["body"].finding.skipped)
    assert "方正小标宋简体" in plans["title"].note


def test_the_pdf_embeds_the_clerks_faces_as_subsets(on_windows):
    fonts = font_set(FontChoice(), on_windows)
    report = full_report("2021")
    report.texts["s1"] = "（一）加强组织领导。本年度，我单位认真贯彻落实条例。"
    data = _build_with(report, fonts)
    names = {r["name"].split("+")[-1] for r in probe.fonts(data)}
    assert {"FangSong_GB2312", "KaiTi_GB2312", "SimHei"} <= names
    assert all(r["emb"] == "yes" and r["sub"] == "yes" for r in probe.fonts(data))
    assert "（一）加强组织领导。本年度" in probe.compact(probe.text(data))
    assert [u.label for u in fonts.uses] == ["黑体", "黑体", "楷体_GB2312", "仿宋_GB2312",
                                              "仿宋_GB2312"]


def _build_with(report, fonts):
    from unittest import mock

    with mock.patch("export.pdf_report.font_set", lambda *_a, **_k: fonts):
        return build_pdf(report)


def test_the_clerk_picks_a_face_per_role_or_the_bundled_set(on_windows):
    choice = FontChoice().with_pick("body", "仿宋").with_pick("kai", BUNDLED_PROFILE)
    plans = plan_faces(choice, on_windows)
    # 仿宋 exists only restricted: not usable, so the best usable face is taken, and said so.
    assert plans["body"].official == "仿宋_GB2312" and "未找到所选的仿宋" in plans["body"].note
    assert plans["kai"].face is None and "软件自带" in plans["kai"].note
    bundled = plan_faces(FontChoice(BUNDLED_PROFILE), on_windows)
    assert all(p.face is None for p in bundled.values())
    assert FontChoice.from_dict(choice.to_dict()) == choice
    assert FontChoice.from_dict({"profile": "x", "roles": {"body": "Arial", "kai": 3}}) == FontChoice()


def test_a_character_the_clerks_face_lacks_comes_from_a_bundled_face(on_windows):
    fonts = font_set(FontChoice(), on_windows)
    rare = "𠀾"  # Extension B: not in the 仿宋 stand-in (WenQuanYi), in the bundled UMing
    assert not fonts.body.has(rare)
    runs = pdf_text.runs(f"甲{rare}乙", fonts.body, fonts)
    assert [(f.path.name, t) for f, t in runs] == [
        ("FS_GB2312.ttf", "甲"), ("uming.ttc", rare), ("FS_GB2312.ttf", "乙")]


def test_fontconfig_faces_on_linux(tmp_path, monkeypatch):
    """UOS/Kylin list their fonts through fontconfig: fc-list names the family, the file says
    whether it can be embedded."""
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    fang = write_font(tmp_path / "fonts" / "fs.ttf", ["仿宋"], "FangSong")
    kai = write_font(tmp_path / "fonts" / "kai.otf", ["KaiTi"], "KaiTi", cff=True)
    other = write_font(tmp_path / "fonts" / "dejavu.ttf", ["DejaVu Sans"], "DejaVuSans")
    fc = fake_fc_list(tmp_path / "fc-list", [(fang, "FangSong,仿宋"), (kai, "KaiTi,楷体"),
                                               (other, "DejaVu Sans")])
    sources = Sources([], True, fc_list=str(fc))
    plans = plan_faces(FontChoice(), sources)
    assert plans["body"].official == "仿宋" and plans["body"].face.path == str(fang)
    assert plans["kai"].face is None and any("kai.otf" in s for s in plans["kai"].finding.skipped)
    assert plans["heading"].face is None and "软件自带" in plans["heading"].note
    assert font_set(FontChoice(), sources).body.path == fang


def test_no_fc_list_means_the_bundled_faces(tmp_path):
    sources = Sources([], True, fc_list=str(tmp_path / "missing-fc-list"))
    assert fontconfig_faces(str(tmp_path / "missing-fc-list")) is None
    fs = font_set(FontChoice(), sources)
    assert fs.body.path.name == "uming.ttc" and fs.heading.path.name == "wqy-microhei.ttc"


def test_a_fonts_folder_is_read_once_then_from_the_index(on_windows, monkeypatch):
    from export import font_lookup

    font_lookup.installed_faces(on_windows)  # writes the index
    calls = []
    real = font_lookup.read_faces
    monkeypatch.setattr(font_lookup, "read_faces", lambda p: calls.append(p) or real(p))
    faces = font_lookup.installed_faces(on_windows)
    assert calls == [] and len(faces) == 5


def test_a_broken_installed_face_falls_back_to_the_bundled_one(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_HOME", str(tmp_path / "home"))
    good = write_font(tmp_path / "f" / "simhei.ttf", ["SimHei"], "SimHei")
    data = bytearray(good.read_bytes())
    (tmp_path / "f" / "simhei.ttf").write_bytes(bytes(data[:len(data) // 3]))  # cut short
    fs = font_set(FontChoice(), Sources([tmp_path / "f"], False))
    assert fs.heading.path.name == "wqy-microhei.ttc"
    assert build_pdf(full_report("2021")).startswith(b"%PDF-")


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


def test_cli_uses_a_font_folder_and_lists_the_faces(tmp_path):
    """`main.py export --font-dir` embeds the 仿宋 found there; `main.py fonts` says which face
    each part uses and which files were skipped; `--fonts bundled` ignores them."""
    import subprocess
    import sys

    folder = tmp_path / "fonts"
    write_font(folder / "仿宋_GB2312.ttf", ["FangSong_GB2312", "仿宋_GB2312"], "FangSong_GB2312")
    write_font(folder / "kai.otf", ["KaiTi", "楷体"], "KaiTi", cff=True)
    draft = seed_path()
    env = {**__import__("os").environ, "NIANBAO_HOME": str(tmp_path / "home"), "PATH": "/nonexistent"}

    def run(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=True).stdout

    out = run("fonts", "--font-dir", str(folder))
    assert "正文：仿宋_GB2312" in out and "kai.otf" in out and "CFF" in out
    run("export", str(draft), "--pdf", str(tmp_path / "a.pdf"), "--font-dir", str(folder))
    names = {r["name"].split("+")[-1] for r in probe.fonts((tmp_path / "a.pdf").read_bytes())}
    assert "FangSong_GB2312" in names
    run("export", str(draft), "--pdf", str(tmp_path / "b.pdf"), "--font-dir", str(folder),
        "--fonts", "bundled")
    names = {r["name"].split("+")[-1] for r in probe.fonts((tmp_path / "b.pdf").read_bytes())}
    assert "FangSong_GB2312" not in names and any("UMing" in n for n in names)
