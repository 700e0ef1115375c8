"""Fonts for the PDF: which TrueType faces play which role, loaded once, always embedded.

Roles follow the official-document habit (GB/T 9704): the title in 方正小标宋简体, level-1 headings
in 黑体, level-2 headings in 楷体, body text in 仿宋, tables in 宋体 or 仿宋.  Profile "auto"
uses those faces where this computer has them (export.font_lookup finds them) and the bundled
face for any role it cannot fill; profile "bundled" uses the two fonts shipped in resources/fonts
(UMing as 宋体, WenQuanYi Micro Hei as 黑体), so every machine prints the same PDF.

reportlab has no per-glyph fallback, so every face keeps its character coverage and
export.pdf_text picks a face per character (the role's face first, then the others, the bundled
faces last).  Faces are opened lazily (export.pdf_font_file): registering the 21 MB UMing costs a
millisecond, and only the glyphs a report uses are ever read.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from export.font_lookup import (AUTO, BUNDLED, BUNDLED_KIND, BUNDLED_LABEL, ROLES, FontChoice,
                                Planned, Sources, plan_faces)
from export.pdf_font_file import open_font
from model.errors import ReportError
from model.paths import resource_path
from model.safe_files import ReadRefused, refusal_message

PROFILES = (AUTO, BUNDLED, "system")  # "system": the name this profile had before (= auto)

BUNDLED_SONG = "uming.ttc"  # AR PL UMing CN (subfont 0): 宋体-like
BUNDLED_HEI = "wqy-microhei.ttc"  # WenQuanYi Micro Hei: 黑体-like
BUNDLED_FILES = {"song": BUNDLED_SONG, "hei": BUNDLED_HEI}


class FontError(ReportError):
    """A font needed for the PDF is missing, broken or may not be embedded."""


class Face:
    """One registered TrueType face: its reportlab name, file, and the characters it has."""

    def __init__(self, name: str, path: Path, charmap, label: str = "", subfont: int = 0):
        self.name = name
        self.path = Path(path)
        self.subfont = subfont
        self.label = label or self.path.name
        self._charmap = charmap
        self._has: dict[str, bool] = {}

    def has(self, ch: str) -> bool:
        known = self._has.get(ch)
        if known is None:
            known = self._has[ch] = ord(ch) in self._charmap
        return known

    def __repr__(self) -> str:
        return f"Face({self.label!r}, {self.path.name})"


@dataclass(frozen=True)
class RoleUse:
    """What a role ended up with, for the window and the CLI: face label, file, and why."""

    role: str
    label: str
    path: str
    note: str


@dataclass(frozen=True, eq=False)
class FontSet:
    body: Face  # narrative paragraphs and the signature block
    table: Face  # table cells (the whole table in one face, as the official annex)
    heading: Face  # level-1 headings
    kai: Face  # level-2 headings 「（一）」
    title: Face  # the report title
    faces: tuple[Face, ...]  # every face, in the order tried for a character the role's face lacks
    uses: tuple[RoleUse, ...] = ()

    def fallback_order(self, primary: Face) -> tuple[Face, ...]:
        return (primary,) + tuple(f for f in self.faces if f is not primary)


_lock = threading.RLock()
_faces: dict[tuple, Face] = {}
_sets: dict[tuple, FontSet] = {}
_serial = itertools.count(1)  # registered names stay unique even after clear_cache()


def bundled_dir() -> Path:
    return resource_path("fonts")


def clear_cache() -> None:
    """Forget loaded fonts (tests swap font folders; a reinstalled font file is re-read)."""
    with _lock:
        _faces.clear()
        _sets.clear()


def load_face(path: Path, subfont: int = 0, label: str = "") -> Face:
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
            tt = open_font(name, path, subfont)
        except ReadRefused as exc:  # swapped for a folder, a pipe, a huge file since the lookup
            raise FontError(refusal_message(exc, "字体文件")) from None
        except TTFError as exc:
            if "embedding" in str(exc) or "subsetting" in str(exc):
                raise FontError(f"字体“{path.name}”的授权不允许嵌入 PDF，无法使用。") from None
            if "postscript outlines" in str(exc):
                raise FontError(f"字体“{path.name}”是 PostScript（CFF）轮廓，PDF 无法嵌入。") from None
            raise FontError(_broken(path)) from None
        except Exception:  # a truncated or foreign file fails anywhere in the parser
            raise FontError(_broken(path)) from None
        if not _embedding_allowed(tt):
            raise FontError(f"字体“{path.name}”的授权不允许嵌入 PDF，无法使用。")
        pdfmetrics.registerFont(tt)
        face = Face(name, path, tt.face.charToGlyph, label, subfont)
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


def as_choice(fonts: "str | FontChoice | None") -> FontChoice:
    if fonts is None:
        return FontChoice(BUNDLED)
    if isinstance(fonts, FontChoice):
        return fonts
    if fonts not in PROFILES:
        raise FontError(f"未知的字体方案“{fonts}”（可选：auto 本机公文字体、bundled 软件自带字体）。")
    return FontChoice(AUTO if fonts == "system" else fonts)


def font_set(fonts: "str | FontChoice | None" = BUNDLED, sources: Sources | None = None) -> FontSet:
    """The faces for a PDF under a profile name or a clerk's FontChoice."""
    choice = as_choice(fonts)
    if choice.profile == BUNDLED and not choice.roles:
        key: tuple = (BUNDLED, str(bundled_dir()))
        plans = None
    else:
        plans = plan_faces(choice, sources)
        key = (str(bundled_dir()),) + tuple(
            (r, p.face.path if p.face else "", p.face.index if p.face else 0) for r, p in plans.items())
    with _lock:
        cached = _sets.get(key)
        if cached is not None:
            return cached
        fs = _bundled_set() if plans is None else _planned_set(plans)
        _sets[key] = fs
        return fs


def _bundled_face(kind: str) -> Face:
    return load_face(bundled_dir() / BUNDLED_FILES[kind], label=BUNDLED_LABEL[kind])


def _bundled_set() -> FontSet:
    song, hei = _bundled_face("song"), _bundled_face("hei")
    uses = tuple(RoleUse(r, BUNDLED_LABEL[BUNDLED_KIND[r]], str(song.path if BUNDLED_KIND[r] == "song"
                                                                   else hei.path),
                         "使用软件自带字体（各台电脑排版相同）") for r in ROLES)
    return FontSet(body=song, table=song, heading=hei, kai=hei, title=hei, faces=(song, hei),
                   uses=uses)


def _planned_set(plans: dict[str, Planned]) -> FontSet:
    """Installed faces where planned and loadable; the bundled face for every other role."""
    chosen: dict[str, Face] = {}
    uses = []
    for role in ROLES:
        plan = plans[role]
        face, note = None, plan.note
        if plan.face is not None:
            try:
                face = load_face(Path(plan.face.path), plan.face.index, plan.official)
            except FontError as exc:
                note = f"{exc}改用{BUNDLED_LABEL[BUNDLED_KIND[role]]}"
        if face is None:
            face = _bundled_face(BUNDLED_KIND[role])
        chosen[role] = face
        uses.append(RoleUse(role, face.label, str(face.path), note))
    faces = list(chosen.values())
    # Bundled faces back up characters the installed ones lack; a broken bundle must not stop a
    # computer whose own fonts do the whole job.
    for kind in ("song", "hei"):
        try:
            faces.append(_bundled_face(kind))
        except FontError:
            pass
    return FontSet(faces=tuple(_unique(faces)), uses=tuple(uses), **chosen)


def _unique(faces: list[Face]) -> list[Face]:
    out: list[Face] = []
    for f in faces:
        if all(f is not g for g in out):
            out.append(f)
    return out
