"""Font files for tests: a bundled TrueType face copied under an official family name.

fontTools is not in the venv, so this writes the few bytes it needs itself: the tables of one
face of a bundled font, a new naming table (family names in English and Chinese, a PostScript
name), optionally restricted licence bits or CFF outlines, and a fresh table directory.  A face
made so is a real TrueType font: reportlab loads and embeds it, and the lookup finds it by the
family names written here.
"""

from __future__ import annotations

import struct
from pathlib import Path

from model.paths import resource_path

BUNDLED = resource_path("fonts")
SOURCE = BUNDLED / "wqy-microhei.ttc"  # 5 MB: quick to copy


def _tables(data: bytes, subfont: int = 0) -> tuple[bytes, dict[bytes, bytes]]:
    offset = 0
    if data[:4] == b"ttcf":
        offset = struct.unpack_from(">L", data, 12 + 4 * subfont)[0]
    version = data[offset:offset + 4]
    n = struct.unpack_from(">H", data, offset + 4)[0]
    tables = {}
    for k in range(n):
        tag, _c, pos, length = struct.unpack_from(">4sLLL", data, offset + 12 + 16 * k)
        tables[tag] = data[pos:pos + length]
    return version, tables


def name_table(families: list[str], ps_name: str) -> bytes:
    """A format-0 naming table: each family as name ids 1 and 4, English or Chinese (0x804)."""
    records, strings = [], b""

    def add(lang: int, name_id: int, text: str) -> None:
        nonlocal strings
        raw = text.encode("utf-16-be")
        records.append((3, 1, lang, name_id, len(raw), len(strings)))
        strings += raw

    for family in families:
        lang = 0x409 if family.isascii() else 0x804
        add(lang, 1, family)
        add(lang, 2, "Regular")
        add(lang, 4, family)
    add(0x409, 6, ps_name)
    records.sort()
    head = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    return head + b"".join(struct.pack(">6H", *r) for r in records) + strings


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


def write_font(dst: Path, families: list[str], ps_name: str, *, fs_type: int | None = None,
               cff: bool = False, src: Path = SOURCE) -> Path:
    version, tables = _tables(src.read_bytes())
    tables[b"name"] = name_table(families, ps_name)
    if fs_type is not None:
        os2 = bytearray(tables[b"OS/2"])
        os2[8:10] = struct.pack(">H", fs_type)
        tables[b"OS/2"] = bytes(os2)
    if cff:  # PostScript outlines: what a Source Han / Noto CJK .otf is
        version = b"OTTO"
        tables.pop(b"glyf")
        tables.pop(b"loca")
        tables[b"CFF "] = b"\x01\x00\x04\x04" + b"\0" * 12
    tags = sorted(tables)
    n = len(tags)
    entry = max(k for k in range(16) if 2 ** k <= n)
    out = bytearray(struct.pack(">4sHHHH", version, n, 16 * 2 ** entry, entry, 16 * n - 16 * 2 ** entry))
    pos = 12 + 16 * n
    body = bytearray()
    for tag in tags:
        table = tables[tag]
        out += struct.pack(">4sLLL", tag, _checksum(table), pos + len(body), len(table))
        body += table + b"\0" * (-len(table) % 4)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(bytes(out + body))
    return dst


def fake_fc_list(path: Path, faces: list[tuple[Path, str]]) -> Path:
    """An fc-list stand-in printing `file<TAB>index<TAB>families<TAB>format` for these faces."""
    lines = "".join(f"{p}\t0\t{fams}\tTrueType\\n" for p, fams in faces)
    path.write_text(f"#!/bin/sh\nprintf '%b' '{lines}'\n", encoding="utf-8")
    path.chmod(0o755)
    return path
