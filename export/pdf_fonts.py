"""Fonts for the PDF: which TrueType files play which role, loaded once, always embedded.

Roles follow the official-document habit (GB/T 9704): body text in 仿宋 (or 宋体), tables in 宋体,
the title and level-1 headings in 黑体 (standing in for 小标宋), level-2 headings in 楷体.
Profile "bundled" uses the two fonts shipped in resources/fonts (UMing as 宋体, WenQuanYi Micro
Hei as 黑体), so every machine prints the same PDF.  Profile "system" prefers the Windows
official-document fonts when they exist and allow embedding, and uses the bundled face for any
role it cannot fill.  reportlab has no per-glyph fallback, so every face keeps its character
coverage and export.pdf_text picks a face per character.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from model.errors import ReportError
from model.paths import resource_path

PROFILES = ("bundled", "system")

BUNDLED_SONG = "uming.ttc"  # AR PL UMing CN (subfont 0): 宋体-like
BUNDLED_HEI = "wqy-microhei.ttc"  # WenQuanYi Micro Hei: 黑体-like

# Windows font files per role, best first.  simsun.ttc's first face is 宋体 (the second is 新宋体).
SYSTEM_CANDIDATES = {
    "body": ("simfang.ttf", "simsun.ttc"),
    "table": ("simsun.ttc", "simfang.ttf"),
    "heading": ("simhei.ttf",),
    "kai": ("simkai.ttf",),
    "title": ("simhei.ttf",),
}


class FontError(ReportError):
    """A font needed for the PDF is missing, broken or may not be embedded."""


@dataclass(frozen=True, eq=False)
class Face:
    """One registered TrueType face: its reportlab name and the characters it has glyphs for."""

    name: str
    path: Path
    coverage: frozenset[int] | dict

    def has(self, ch: str) -> bool:
        return ord(ch) in self.coverage


@dataclass(frozen=True)
class FontSet:
    body: Face  # narrative paragraphs and the signature block
    table: Face  # table cells
    heading: Face  # level-1 headings
    kai: Face  # level-2 headings 「（一）」
    title: Face  # the report title
    faces: tuple[Face, ...]  # every face, in the order tried for a character the role's face lacks

    def fallback_order(self, primary: Face) -> tuple[Face, ...]:
        return (primary,) + tuple(f for f in self.faces if f is not primary)


_lock = threading.Lock()
_faces: dict[tuple, Face] = {}
_sets: dict[tuple, FontSet] = {}
_serial = itertools.count(1)  # registered names stay unique even after clear_cache()


def bundled_dir() -> Path:
    return resource_path("fonts")


def system_font_dir() -> Path | None:
    """The Windows fonts folder; None elsewhere (a Linux machine's fonts are not official ones)."""
    if os.name != "nt":
        return None
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def clear_cache() -> None:
    """Forget loaded fonts (tests swap font folders; a reinstalled font file is re-read)."""
    with _lock:
        _faces.clear()
        _sets.clear()


def load_face(path: Path, subfont: int = 0) -> Face:
    """Load and register one TrueType face, or raise FontError with a message for a clerk."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise FontError(f"找不到字体文件“{path.name}”（{path}），无法生成 PDF。请重新安装本软件。") from None
    key = (str(path), subfont, st.st_mtime_ns, st.st_size)
    with _lock:
        face = _faces.get(key)
        if face is not None:
            return face
        name = f"NB{next(_serial)}-{re.sub(r'[^A-Za-z0-9]', '', path.stem)[:24]}"
        try:
            tt = TTFont(name, str(path), subfontIndex=subfont)
        except TTFError as exc:
            if "embedding" in str(exc):
                raise FontError(f"字体“{path.name}”的授权不允许嵌入 PDF，无法使用。") from None
            raise FontError(_broken(path)) from None
        except Exception:  # a truncated or foreign file fails anywhere in the parser
            raise FontError(_broken(path)) from None
        if not _embedding_allowed(tt):
            raise FontError(f"字体“{path.name}”的授权不允许嵌入 PDF，无法使用。")
        pdfmetrics.registerFont(tt)
        face = Face(name, path, tt.face.charToGlyph)
        _faces[key] = face
        return face


def _embedding_allowed(tt: TTFont) -> bool:
    """The OS/2 fsType licence bits (OpenType spec): restricted (2), no subsetting (0x100) or
    bitmap-only (0x200) embedding rule the font out; reportlab itself lets restricted fonts pass."""
    face = tt.face
    if "OS/2" not in face.table:
        return True
    face.seek_table("OS/2", 8)
    fs_type = face.read_ushort()
    return (fs_type & 0x000F) != 0x0002 and not fs_type & 0x0300


def _broken(path: Path) -> str:
    return f"字体文件“{path.name}”已损坏，无法生成 PDF。请重新安装本软件。"


def font_set(profile: str = "bundled") -> FontSet:
    if profile not in PROFILES:
        raise FontError(f"未知的字体方案“{profile}”（可选：bundled、system）。")
    sysdir = system_font_dir() if profile == "system" else None
    key = (profile, str(bundled_dir()), str(sysdir))
    cached = _sets.get(key)
    if cached is not None:
        return cached
    fs = _system_set(sysdir) if sysdir is not None else _bundled_set()
    _sets[key] = fs
    return fs


def _bundled_set() -> FontSet:
    song = load_face(bundled_dir() / BUNDLED_SONG)
    hei = load_face(bundled_dir() / BUNDLED_HEI)
    return FontSet(body=song, table=song, heading=hei, kai=hei, title=hei, faces=(song, hei))


def _system_set(sysdir: Path) -> FontSet:
    """Windows fonts where present and embeddable; the bundled face for any role left empty."""
    chosen: dict[str, Face | None] = {}
    for role, files in SYSTEM_CANDIDATES.items():
        chosen[role] = None
        for fname in files:
            try:
                chosen[role] = load_face(sysdir / fname)
                break
            except FontError:
                continue
    if chosen["kai"] is None:
        chosen["kai"] = chosen["heading"]
    system_faces = [f for f in chosen.values() if f is not None]
    if all(chosen.values()):
        # Bundled faces still back up rare characters, but a broken bundle must not stop a
        # machine whose own fonts do the whole job.
        extra = []
        for fname in (BUNDLED_SONG, BUNDLED_HEI):
            try:
                extra.append(load_face(bundled_dir() / fname))
            except FontError:
                pass
        faces = _unique(system_faces + extra)
        return FontSet(faces=tuple(faces), **chosen)
    bundled = _bundled_set()
    roles = {role: face or getattr(bundled, role) for role, face in chosen.items()}
    return FontSet(faces=tuple(_unique(system_faces + list(bundled.faces))), **roles)


def _unique(faces: list[Face]) -> list[Face]:
    out: list[Face] = []
    for f in faces:
        if all(f is not g for g in out):
            out.append(f)
    return out
