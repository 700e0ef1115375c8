"""Which official-document faces this computer has, and whether the PDF can embed them.

Official documents are set in 仿宋 (body), 楷体 (level-2 headings), 黑体 (level-1 headings) and
方正小标宋简体 (the title); the table follows the body.  Windows keeps fonts in the system folder
(%WINDIR%\\Fonts) and, for fonts a user installed without admin rights, in
%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts; Linux desktops (UOS, Kylin) list theirs through
fontconfig (`fc-list`).  Fonts are found by their family names, read from the font file itself
(a clerk's 仿宋_GB2312 may be called FS_GB2312.ttf, 仿宋_GB2312.ttf or anything else), in
English and Chinese.

reportlab embeds TrueType outlines only: a CFF-outline .otf (all Source Han / Noto CJK) is
listed with the reason it is skipped, as is a font whose licence forbids embedding.

No reportlab here (the window lists faces without loading a PDF library).  Reads are bounded:
only the table directory and the naming table of each file are read.  A folder's findings are
cached in a small JSON index (per file: size and modification time), so a Windows fonts folder
of hundreds of files is read once, not at every export.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from struct import unpack_from

from model.safe_files import ReadRefused, open_regular, read_regular

# Roles of the PDF, in the order the window lists them, with their Chinese names.
ROLES = ("title", "heading", "kai", "body", "table")
ROLE_NAMES = {"title": "标题", "heading": "一级标题（一、）", "kai": "二级标题（（一））",
              "body": "正文", "table": "表格"}

# The faces each role may use, best first.  Each face: its Chinese name (shown to the clerk) and
# every family name it is known by (names are compared without case and spaces).
OFFICIAL_FACES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "body": (("仿宋_GB2312", ("仿宋_GB2312", "FangSong_GB2312")),
             ("仿宋", ("仿宋", "FangSong", "SimFang"))),
    "kai": (("楷体_GB2312", ("楷体_GB2312", "KaiTi_GB2312")),
            ("楷体", ("楷体", "KaiTi", "SimKai"))),
    "heading": (("黑体", ("黑体", "SimHei")),),
    # 方正小标宋简体 where installed, else the heaviest serif faces offices commonly have.
    "title": (("方正小标宋简体", ("方正小标宋简体", "FZXiaoBiaoSong-B05S")),
              ("方正小标宋_GBK", ("方正小标宋_GBK", "FZXiaoBiaoSong-B05")),
              ("华文中宋", ("华文中宋", "STZhongsong")),
              ("方正大标宋简体", ("方正大标宋简体", "FZDaBiaoSong-B06S"))),
    # The annex's tables are 宋体 or 仿宋.
    "table": (("宋体", ("宋体", "SimSun")),
              ("仿宋_GB2312", ("仿宋_GB2312", "FangSong_GB2312")),
              ("仿宋", ("仿宋", "FangSong", "SimFang"))),
}

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
MAX_FILES_PER_FOLDER = 5000  # a folder with more is not a fonts folder we should walk
MAX_NAME_TABLE = 1 << 20
MAX_FONT_BYTES = 160 * 1024 * 1024  # a CJK font is 5–30 MB; anything far larger is not a font we read
MAX_INDEX_BYTES = 16 << 20
INDEX_VERSION = 1


@dataclass(frozen=True)
class InstalledFace:
    """One face in a font file (a .ttc holds several: `index`)."""

    path: str
    index: int
    families: tuple[str, ...]
    truetype: bool  # TrueType (glyf) outlines; False for CFF/PostScript outlines
    embeddable: bool  # the licence bits allow embedding a subset

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    def problem(self) -> str:
        """Why the PDF cannot use this face, in Chinese; "" when it can."""
        if not self.truetype:
            return (f"“{self.file_name}”是 PostScript（CFF）轮廓的 OpenType 字体，"
                    f"PDF 无法嵌入，已跳过")
        if not self.embeddable:
            return f"“{self.file_name}”的授权不允许嵌入 PDF，已跳过"
        return ""


@dataclass
class Candidate:
    """A face found for a role: which official face it is, and the installed file."""

    name: str  # the official face's Chinese name, e.g. 仿宋_GB2312
    face: InstalledFace


@dataclass
class RoleFinding:
    role: str
    usable: list[Candidate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Chinese reasons, one per unusable file


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


_ALIASES = {_key(alias): (role, official)
            for role, faces in OFFICIAL_FACES.items()
            for official, aliases in faces for alias in aliases}


def official_name(role: str, families) -> str:
    """The official face (of `role`) a font with these family names is, or ""."""
    for official, aliases in OFFICIAL_FACES[role]:
        keys = {_key(a) for a in aliases}
        if any(_key(f) in keys for f in families):
            return official
    return ""


# ---------------------------------------------------------------------------------------------
# Reading a font file's names (bounded)


def read_faces(path: Path) -> list[InstalledFace]:
    """Every face in a font file with its family names; [] for a file that is not a font (or not
    a regular file: model.safe_files opens it without waiting on a pipe put in its place)."""
    try:
        f, _st = open_regular(path, MAX_FONT_BYTES)
    except ReadRefused:
        return []
    try:
        with f:
            head = f.read(12)
            if len(head) < 12:
                return []
            tag = head[:4]
            if tag == b"ttcf":
                count = min(unpack_from(">L", head, 8)[0], 64)
                offsets = unpack_from(f">{count}L", _read(f, 12, 4 * count))
            else:
                offsets = (0,)
            return [face for i, off in enumerate(offsets)
                    if (face := _read_face(f, str(path), i, off)) is not None]
    except Exception:  # noqa: BLE001 - a damaged or foreign file is simply not a font
        return []


def _read(f, pos: int, length: int) -> bytes:
    f.seek(pos)
    data = f.read(length)
    if len(data) != length:
        raise ValueError("short read")
    return data


def _read_face(f, path: str, index: int, offset: int) -> InstalledFace | None:
    header = _read(f, offset, 12)
    version = header[:4]
    if version not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        return None
    n = unpack_from(">H", header, 4)[0]
    directory = _read(f, offset + 12, 16 * n)
    tables = {}
    for k in range(n):
        tag, _check, pos, length = unpack_from(">4sLLL", directory, 16 * k)
        tables[tag] = (pos, length)
    truetype = b"glyf" in tables and version != b"OTTO" and b"CFF " not in tables
    embeddable = True
    if b"OS/2" in tables:
        fs_type = unpack_from(">H", _read(f, tables[b"OS/2"][0] + 8, 2))[0]
        # Restricted licence (2), no subsetting (0x100) or bitmap only (0x200).
        embeddable = (fs_type & 0x000F) != 0x0002 and not fs_type & 0x0300
    families: list[str] = []
    if b"name" in tables:
        pos, length = tables[b"name"]
        families = _family_names(_read(f, pos, min(length, MAX_NAME_TABLE)))
    if not families:
        return None
    return InstalledFace(path, index, tuple(families), truetype, embeddable)


def _family_names(table: bytes) -> list[str]:
    """Family names (name ids 1 and 16) in every language the table holds, deduplicated."""
    count, strings = unpack_from(">HH", table, 2)
    out: list[str] = []
    for k in range(count):
        platform, encoding, _lang, name_id, length, off = unpack_from(">6H", table, 6 + 12 * k)
        if name_id not in (1, 16):
            continue
        raw = table[strings + off:strings + off + length]
        text = _decode(raw, platform, encoding)
        if text and text not in out:
            out.append(text)
    return out


def _decode(raw: bytes, platform: int, encoding: int) -> str:
    try:
        if platform in (0, 3) and encoding in (0, 1, 10):
            return raw.decode("utf-16-be").strip("\x00 ")
        if platform == 3 and encoding == 3:  # PRC: GB2312 bytes in 16-bit units (old fonts)
            return raw.replace(b"\x00", b"").decode("gbk").strip()
        if platform == 1 and encoding == 0:
            return raw.decode("mac_roman").strip()
        if platform == 1 and encoding == 25:  # Macintosh simplified Chinese
            return raw.decode("gbk").strip()
    except UnicodeDecodeError:
        return ""
    return ""


# ---------------------------------------------------------------------------------------------
# Where fonts are


def windows_font_dirs() -> list[Path]:
    """The system fonts folder and the per-user one (fonts installed without admin rights)."""
    dirs = [Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows") / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def fontconfig_faces(fc_list: str | None = None, timeout: float = 10.0) -> list[InstalledFace] | None:
    """Faces fontconfig knows whose family is an official one; None when fc-list is missing."""
    exe = fc_list or shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--format", "%{file}\t%{index}\t%{family}\t%{fontformat}\n"],
                             capture_output=True, timeout=timeout, check=False,
                             stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = []
    for line in out.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        path, index, families = parts[0], parts[1], parts[2].split(",")
        if not any(_key(f) in _ALIASES for f in families):
            continue
        # fontconfig names the family; the file itself says whether it can be embedded.
        faces = read_faces(Path(path))
        match = [f for f in faces if f.index == _int(index)] or faces[:1]
        found += match
    return found


def _int(s: str) -> int:
    try:
        return int(s)
    except ValueError:
        return 0


class FolderIndex:
    """The faces in font folders, remembered per file (size, mtime) in a JSON file."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, dict] = {}
        self.dirty = False
        if path is not None:
            try:
                raw, _ = read_regular(path, MAX_INDEX_BYTES)
                data = json.loads(raw.decode("utf-8"))
                if isinstance(data, dict) and data.get("version") == INDEX_VERSION \
                        and isinstance(data.get("files"), dict):
                    self.entries = data["files"]
            except (ReadRefused, ValueError):  # missing, not a file, damaged: read the folders again
                self.entries = {}

    def faces_in(self, folder: Path) -> list[InstalledFace]:
        out: list[InstalledFace] = []
        try:
            with os.scandir(folder) as it:
                files = [e for _, e in zip(range(MAX_FILES_PER_FOLDER), it)]
        except OSError:
            return out
        for entry in files:
            if not entry.name.lower().endswith(FONT_SUFFIXES):
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            out += self._faces_of(entry.path, st)
        return out

    def _faces_of(self, path: str, st) -> list[InstalledFace]:
        stamp = [st.st_size, st.st_mtime_ns]
        cached = self.entries.get(path)
        if isinstance(cached, dict) and cached.get("stamp") == stamp:
            try:
                return [InstalledFace(path, int(c[0]), tuple(c[1]), bool(c[2]), bool(c[3]))
                        for c in cached.get("faces", [])]
            except (TypeError, ValueError, IndexError):
                pass
        faces = read_faces(Path(path))
        self.entries[path] = {"stamp": stamp,
                              "faces": [[f.index, list(f.families), f.truetype, f.embeddable]
                                        for f in faces]}
        self.dirty = True
        return faces

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            from model.atomic_file import write_atomic

            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps({"version": INDEX_VERSION, "files": self.entries},
                              ensure_ascii=False).encode("utf-8")
            write_atomic(self.path, data, keep_backup=False)
            self.dirty = False
        except Exception:  # noqa: BLE001 - the index only saves time; never fail an export on it
            pass


def default_index_path() -> Path | None:
    try:
        from model.user_dirs import state_dir

        return state_dir() / "font-index.json"
    except Exception:  # noqa: BLE001
        return None


@dataclass
class Sources:
    """Where to look: font folders (walked), and fontconfig (on Linux)."""

    folders: list[Path]
    use_fontconfig: bool
    fc_list: str | None = None
    index_path: Path | None = None

    @classmethod
    def for_this_computer(cls, extra_folders=(), windows: bool | None = None) -> "Sources":
        """Windows: the system and per-user fonts folders; elsewhere fontconfig.  Folders the
        clerk added come first."""
        extra = [Path(p) for p in extra_folders]
        if windows is None:
            windows = sys.platform.startswith("win")
        if windows:
            return cls(extra + windows_font_dirs(), False, index_path=default_index_path())
        return cls(extra, True, index_path=default_index_path())


def installed_faces(sources: Sources) -> list[InstalledFace]:
    """Every face in the sources whose family is one of the official faces."""
    index = FolderIndex(sources.index_path)
    faces: list[InstalledFace] = []
    for folder in sources.folders:
        faces += index.faces_in(folder)
    index.save()
    if sources.use_fontconfig:
        faces += fontconfig_faces(sources.fc_list) or []
    seen, out = set(), []
    for f in faces:
        if (f.path, f.index) in seen or not any(_key(n) in _ALIASES for n in f.families):
            continue
        seen.add((f.path, f.index))
        out.append(f)
    return out


def find_roles(sources: Sources) -> dict[str, RoleFinding]:
    """For each role, the usable official faces (best first) and the files skipped, with why."""
    faces = installed_faces(sources)
    findings = {role: RoleFinding(role) for role in ROLES}
    for role in ROLES:
        ranked = []
        for face in faces:
            name = official_name(role, face.families)
            if not name:
                continue
            problem = face.problem()
            if problem:
                if problem not in findings[role].skipped:
                    findings[role].skipped.append(problem)
                continue
            rank = [o for o, _ in OFFICIAL_FACES[role]].index(name)
            ranked.append((rank, face.index, face.path, Candidate(name, face)))
        ranked.sort(key=lambda t: t[:3])
        findings[role].usable = [c for *_, c in ranked]
    return findings


# ---------------------------------------------------------------------------------------------
# The clerk's choice and the resulting plan

AUTO = "auto"  # the official faces this computer has, the bundled face for any role left empty
BUNDLED = "bundled"  # the fonts shipped with the app: every computer prints the same PDF
PROFILES = (AUTO, BUNDLED)

# Which bundled file stands in for each role ("song": the Ming/宋 face, "hei": the sans face).
BUNDLED_KIND = {"title": "hei", "heading": "hei", "kai": "hei", "body": "song", "table": "song"}
BUNDLED_LABEL = {"song": "软件自带宋体（AR PL UMing）", "hei": "软件自带黑体（文泉驿微米黑）"}
WANTED = {"title": "方正小标宋简体", "heading": "黑体", "kai": "楷体", "body": "仿宋", "table": "宋体"}


@dataclass(frozen=True)
class FontChoice:
    """What the clerk chose: a profile, optionally one face per role, and extra font folders."""

    profile: str = AUTO
    roles: tuple[tuple[str, str], ...] = ()  # (role, official face name or BUNDLED)
    folders: tuple[str, ...] = ()

    def pick(self, role: str) -> str:
        return dict(self.roles).get(role, AUTO)

    def with_pick(self, role: str, pick: str) -> "FontChoice":
        roles = dict(self.roles)
        if pick == AUTO:
            roles.pop(role, None)
        else:
            roles[role] = pick
        return FontChoice(self.profile, tuple(sorted(roles.items())), self.folders)

    def to_dict(self) -> dict:
        return {"profile": self.profile, "roles": dict(self.roles), "folders": list(self.folders)}

    @classmethod
    def from_dict(cls, data) -> "FontChoice":
        """A saved choice, read leniently: anything unknown falls back to the default."""
        if not isinstance(data, dict):
            return cls()
        profile = data.get("profile") if data.get("profile") in PROFILES else AUTO
        roles = data.get("roles") if isinstance(data.get("roles"), dict) else {}
        picks = tuple(sorted((r, p) for r, p in roles.items()
                             if r in ROLES and isinstance(p, str) and
                             (p == BUNDLED or p in [o for o, _ in OFFICIAL_FACES[r]])))
        folders = data.get("folders") if isinstance(data.get("folders"), list) else []
        return cls(profile, picks, tuple(f for f in folders if isinstance(f, str) and f)[:8])


@dataclass
class Planned:
    """The face a role will use: an installed one (`face`), or the bundled one (`face` None)."""

    role: str
    official: str  # the official face's name when installed, e.g. 仿宋_GB2312
    face: InstalledFace | None
    note: str  # why, in Chinese (shown in the window)
    finding: RoleFinding

    @property
    def label(self) -> str:
        return self.official if self.face else BUNDLED_LABEL[BUNDLED_KIND[self.role]]


def plan_faces(choice: FontChoice | None = None, sources: Sources | None = None,
               findings: dict[str, RoleFinding] | None = None) -> dict[str, Planned]:
    """Which face each role uses under `choice` on this computer (nothing is loaded)."""
    choice = choice or FontChoice()
    if findings is None:
        if choice.profile == BUNDLED and not choice.roles:
            findings = {role: RoleFinding(role) for role in ROLES}
        else:
            findings = find_roles(sources or Sources.for_this_computer(choice.folders))
    plans: dict[str, Planned] = {}
    # Fallbacks lean on other roles: the title on the 黑体, 楷体 on the 黑体, the table on the body.
    for role in ("heading", "body", "title", "kai", "table"):
        plans[role] = _plan_role(role, choice, findings[role], plans)
    return {role: plans[role] for role in ROLES}


def _plan_role(role: str, choice: FontChoice, finding: RoleFinding,
               done: dict[str, Planned]) -> Planned:
    pick = choice.pick(role)
    if pick == BUNDLED or (choice.profile == BUNDLED and pick == AUTO):
        return Planned(role, "", None, "按设置使用软件自带字体（各台电脑排版相同）", finding)
    if pick != AUTO:
        for cand in finding.usable:
            if cand.name == pick:
                return Planned(role, cand.name, cand.face, f"按设置使用{cand.name}", finding)
    first = finding.usable[0] if finding.usable else None
    if first is not None:
        note = f"本机已安装{first.name}"
        if pick != AUTO:
            note = f"未找到所选的{pick}，改用本机的{first.name}"
        return Planned(role, first.name, first.face, note, finding)
    wanted = WANTED[role]
    lean = {"title": "heading", "kai": "heading", "table": "body"}.get(role)
    if lean and done[lean].face is not None:
        other = done[lean]
        return Planned(role, other.official, other.face,
                       f"本机未安装{wanted}，改用本机的{other.official}", finding)
    return Planned(role, "", None,
                   f"本机未安装{wanted}，使用{BUNDLED_LABEL[BUNDLED_KIND[role]]}", finding)


SETTING = "pdf_fonts"  # the key of the clerk's FontChoice in model.settings


def saved_choice(settings=None) -> FontChoice:
    """The FontChoice saved in the settings (the window's 「PDF 字体」 dialog); the default,
    the official faces of this computer, when none is saved."""
    if settings is None:
        from model.settings import Settings

        settings = Settings()
    return FontChoice.from_dict(settings.get(SETTING))
