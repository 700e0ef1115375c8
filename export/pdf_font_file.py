"""A TrueType face for reportlab that reads only what an export uses (lazy glyph loading).

reportlab's TTFont parses the whole font when it is registered: it walks the character map and
the metrics of every glyph into Python dicts — 0.1–0.25 s for each of the bundled CJK fonts
(UMing is 21 MB), most of an export.  A report uses a few hundred characters, so `LazyTTFont`
maps the file into memory and keeps the character map, metrics and glyph locations as the
packed arrays the file already holds; a character's glyph and width are looked up when the
character is first asked for.  The subset embedded in the PDF is made by reportlab's own
`makeSubset` from the same tables, so the bytes written are the same.

Fonts whose character map is in a format other than 4 or 12 (none of the CJK faces in use) are
parsed by reportlab itself; `open_font` decides.
"""

from __future__ import annotations

import io
import mmap
import sys
from array import array
from bisect import bisect_left
from pathlib import Path
from struct import unpack_from

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, TTFError

from export.font_lookup import MAX_FONT_BYTES
from model.safe_files import open_regular


class _Unsupported(Exception):
    """The font needs reportlab's full parser (an unusual character map format)."""


def _words(data, offset: int, count: int, code: str) -> array:
    """`count` big-endian integers of type `code` (16-bit "H"/"h", 32-bit "I") at `offset`."""
    a = array(code)
    size = a.itemsize * count
    if offset < 0 or offset + size > len(data):
        raise TTFError("font table runs past the end of the file")
    a.frombytes(data[offset:offset + size])
    if sys.byteorder == "little":
        a.byteswap()
    return a


class _CharMap:
    """Unicode code point → glyph index, read from a format 4 or 12 cmap subtable on demand.

    Behaves as the dict reportlab's TTFontFace.charToGlyph is used as: `in`, `[]`, `get`.
    Glyph 0 (.notdef) means "not in the font".
    """

    def __init__(self, data, offset: int, num_glyphs: int):
        fmt = unpack_from(">H", data, offset)[0]
        self._data = data
        self._num_glyphs = num_glyphs
        self._cache: dict[int, int] = {}
        if fmt == 4:
            seg2 = unpack_from(">H", data, offset + 6)[0]
            n = seg2 // 2
            self._fmt = 4
            self._ends = _words(data, offset + 14, n, "H")
            self._starts = _words(data, offset + 16 + seg2, n, "H")
            self._deltas = _words(data, offset + 16 + 2 * seg2, n, "h")
            self._range_pos = offset + 16 + 3 * seg2
            self._ranges = _words(data, self._range_pos, n, "H")
        elif fmt == 12:
            n = unpack_from(">L", data, offset + 12)[0]
            groups = _words(data, offset + 16, 3 * n, "I")
            self._fmt = 12
            self._starts = groups[0::3]
            self._ends = groups[1::3]
            self._firsts = groups[2::3]
        else:
            raise _Unsupported(fmt)
        has_space = self._lookup(0x20)
        self._nbsp = has_space if has_space else 0

    def _lookup(self, code: int) -> int:
        i = bisect_left(self._ends, code)
        if i >= len(self._ends) or self._starts[i] > code:
            return 0
        if self._fmt == 12:
            glyph = self._firsts[i] + code - self._starts[i]
        elif self._ranges[i] == 0:
            glyph = (code + self._deltas[i]) & 0xFFFF
        else:
            pos = self._range_pos + 2 * i + self._ranges[i] + 2 * (code - self._starts[i])
            if pos + 2 > len(self._data):
                return 0
            glyph = unpack_from(">H", self._data, pos)[0]
            if glyph:
                glyph = (glyph + self._deltas[i]) & 0xFFFF
        return glyph if glyph < self._num_glyphs else 0

    def get(self, code: int, default=None):
        glyph = self._cache.get(code)
        if glyph is None:
            if code == 0xA0 and self._nbsp:
                glyph = self._nbsp  # as reportlab: a no-break space is printed as a space
            else:
                glyph = self._lookup(code) if 0 <= code <= 0x10FFFF else 0
            self._cache[code] = glyph
        return glyph if glyph else default

    def __contains__(self, code) -> bool:
        return isinstance(code, int) and self.get(code) is not None

    def __getitem__(self, code: int) -> int:
        glyph = self.get(code)
        if glyph is None:
            raise KeyError(code)
        return glyph

    def __bool__(self) -> bool:
        return True

    def keys(self):
        """Every mapped code point (reportlab asks only for fonts embedded whole; rare)."""
        if self._fmt == 12:
            return [c for s, e in zip(self._starts, self._ends) for c in range(s, e + 1)
                    if self.get(c) is not None]
        return [c for s, e in zip(self._starts, self._ends) for c in range(s, min(e, 0xFFFE) + 1)
                if self.get(c) is not None]


class _Widths:
    """Code point → advance width in 1/1000 em, as TTFontFace.charWidths is read (`get`)."""

    def __init__(self, face: "LazyFace"):
        self._face = face

    def get(self, code: int, default=None):
        glyph = self._face.charToGlyph.get(code)
        if glyph is None:
            return default
        return self._face.advance(glyph)

    def __contains__(self, code) -> bool:
        return code in self._face.charToGlyph

    def __getitem__(self, code: int) -> float:
        w = self.get(code)
        if w is None:
            raise KeyError(code)
        return w


class _HMetrics:
    """Glyph index → (advance, left side bearing) in font units, as TTFontFile.hmetrics (which
    keeps the bearing as read, unsigned: makeSubset writes it back the same way)."""

    def __init__(self, pairs: array, lsbs: array, count: int):
        self._pairs = pairs
        self._lsbs = lsbs
        self._n = len(pairs) // 2
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, glyph: int) -> tuple[int, int]:
        if glyph < self._n:
            return self._pairs[2 * glyph], self._pairs[2 * glyph + 1]
        return self._pairs[2 * self._n - 2], self._lsbs[glyph - self._n]


class LazyFace(TTFontFace):
    """TTFontFace over a memory-mapped file; the character map and metrics read on demand."""

    def __init__(self, data, filename: str, subfontIndex: int = 0):
        pdfmetrics.TypeFace.__init__(self, None)
        self._ttf_data = data  # TTFontParser.readFile keeps data it already has
        self.filename = filename
        # The header, names, licence bits and global metrics: reportlab's own code, cheap.
        self.extractInfo_header(filename, subfontIndex)
        head = self.get_table_pos("head")[0]
        index_to_loc, glyph_format = unpack_from(">hh", data, head + 50)
        if glyph_format != 0:
            raise TTFError("Unknown glyph data format (%d)" % glyph_format)
        hhea = self.get_table_pos("hhea")[0]
        n_hmetrics = unpack_from(">H", data, hhea + 34)[0]
        if not 0 < n_hmetrics <= self.numGlyphs:
            raise TTFError("Number of horizontal metrics is %d" % n_hmetrics)
        units = self.unitsPerEm
        self._scale = 1.0 if units == 1000 else 1000 / units
        self.charToGlyph = _CharMap(data, self._cmap_offset(), self.numGlyphs)
        hmtx = self.get_table_pos("hmtx")[0]
        pairs = _words(data, hmtx, 2 * n_hmetrics, "H")
        lsbs = _words(data, hmtx + 4 * n_hmetrics, self.numGlyphs - n_hmetrics, "H")
        self.hmetrics = _HMetrics(pairs, lsbs, self.numGlyphs)
        self._advances = pairs[0::2]
        loca = self.get_table_pos("loca")[0]
        if index_to_loc == 0:
            short = _words(data, loca, self.numGlyphs + 1, "H")
            self.glyphPos = array("I", (2 * v for v in short))
        elif index_to_loc == 1:
            self.glyphPos = _words(data, loca, self.numGlyphs + 1, "I")
        else:
            raise TTFError("Unknown location table format (%d)" % index_to_loc)
        glyf_pos, glyf_len = self.get_table_pos("glyf")
        if glyf_pos + glyf_len > len(data):
            raise TTFError("glyph table runs past the end of the file")
        self.defaultWidth = self.advance(0)
        self.charWidths = _Widths(self)
        self.glyphToChar = None  # only reportlab's eager parser fills it

    def extractInfo_header(self, filename: str, subfont: int) -> None:
        from reportlab.pdfbase.ttfonts import TTFontParser

        TTFontParser.__init__(self, filename, validate=0, subfontIndex=subfont)
        for tag in ("head", "hhea", "hmtx", "loca", "glyf", "cmap", "maxp", "name", "post"):
            if tag not in self.table:
                raise TTFError(f"missing {tag} table")
            pos, length = self.get_table_pos(tag)
            if pos + length > len(self._ttf_data):
                raise TTFError(f"{tag} table runs past the end of the file")
        self.extractInfo(charInfo=0)

    def advance(self, glyph: int) -> float:
        a = self._advances
        return self._scale * a[glyph if glyph < len(a) else len(a) - 1]

    def _cmap_offset(self) -> int:
        """The best Unicode subtable: full Unicode (format 12) first, then the BMP (format 4)."""
        data = self._ttf_data
        base = self.get_table_pos("cmap")[0]
        count = unpack_from(">H", data, base + 2)[0]
        found: dict[tuple[int, int], int] = {}
        for k in range(count):
            platform, encoding, offset = unpack_from(">HHL", data, base + 4 + 8 * k)
            fmt = unpack_from(">H", data, base + offset)[0]
            found.setdefault((platform, encoding, fmt), base + offset)
        for key in ((3, 10, 12), (0, 4, 12), (0, 6, 12), (0, 3, 12), (3, 1, 4), (0, 3, 4),
                    (0, 1, 4), (0, 0, 4)):
            if key in found:
                return found[key]
        raise _Unsupported("no format 4 or 12 Unicode cmap")

    def getCharWidth(self, code):
        return self.charWidths.get(code, self.defaultWidth)


class LazyTTFont(TTFont):
    """reportlab's TTFont over a LazyFace; widths are looked up as characters are measured."""

    def __init__(self, name: str, face: LazyFace):
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        from weakref import WeakKeyDictionary

        self.state = WeakKeyDictionary()
        self._asciiReadable = False
        self.shapable = False  # no HarfBuzz shaping: Chinese needs none
        self._w: dict[str, float] = {}

    def stringWidth(self, text, size, encoding="utf8"):
        if not isinstance(text, str):
            text = text.decode(encoding or "utf8")
        w = self._w
        try:
            return 0.001 * size * sum([w[ch] for ch in text])
        except KeyError:
            get = self.face.charWidths.get
            dw = self.face.defaultWidth
            for ch in text:
                if ch not in w:
                    w[ch] = get(ord(ch), dw)
            return 0.001 * size * sum([w[ch] for ch in text])


def read_only_map(path: Path) -> mmap.mmap:
    """The file mapped read-only: a regular file of at most MAX_FONT_BYTES (model.safe_files: a
    pipe put in its place is never waited on); ReadRefused, or ValueError for a file too short."""
    f, st = open_regular(path, MAX_FONT_BYTES)
    with f:
        if st.st_size < 12:
            raise ValueError("too short for a font")
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def open_font(name: str, path: Path, subfont: int = 0) -> TTFont:
    """A registered-ready TTFont for the face: lazy when the font allows, else reportlab's own,
    parsing the same mapped bytes (the file is opened once)."""
    data = read_only_map(path)
    try:
        return LazyTTFont(name, LazyFace(data, str(path), subfont))
    except _Unsupported:
        source = io.BytesIO(data[:])
        source.name = str(path)  # reportlab names the face's file in its messages
        return TTFont(name, source, subfontIndex=subfont)
