"""The places where reportlab's behaviour is adjusted for Chinese text, kept in one module.

1. Line-start rule (禁则): reportlab's CJK wrapping keeps a character listed in ALL_CANNOT_START
   on the end of the previous line (it "hangs" into the margin) instead of starting a new line
   with it.  Its list lacks most Chinese closing punctuation (，；：！？》…), so a line could begin
   with 「，」.  The list is read as a module global at wrap time, in two modules; both are extended.
   A run of such marks (「……」, 「。”」) and an opening mark at a line end are handled by the
   break functions of export.pdf_linebreak, installed in place of reportlab's.
2. Text extraction of characters beyond the BMP (Extension-B hanzi such as 𠀾): reportlab writes
   the ToUnicode map entry as five hex digits, which viewers reject, so copy/paste and search
   lose the character although it is drawn.  The entry must be the UTF-16BE code units.

3. Speed: each font subset written into a PDF copies the font's whole glyph table (17 MB for
   UMing) only to read a few hundred glyphs from it — three times per export.  The glyph table is
   handed out as a zero-copy view instead; the subset bytes are the same.

`apply()` is idempotent and called by export.pdf_report before anything is laid out.
"""

from __future__ import annotations

from export import reportlab_quick  # noqa: F401,I001 (before reportlab.platypus: see there)
import reportlab.lib.textsplit as _textsplit
import reportlab.pdfbase.ttfonts as _ttfonts
import reportlab.platypus.paragraph as _paragraph

from export import pdf_linebreak

# Characters that must not begin a line in Chinese text (GB/T 15834 and common practice):
# closing punctuation, closing brackets and quotes, enumeration comma, ellipsis, middle dot.
CHINESE_CANNOT_START = (
    "，。、；：！？）》」』】〕〗〉’”…·"
    "﹐﹑﹒﹔﹕﹖﹗"
    ",.;:!?)]}%"
    "％‰℃°′″"
)

_applied = False


def cannot_start() -> str:
    """The full no-line-start list in force (reportlab's own plus the Chinese additions)."""
    return _paragraph.ALL_CANNOT_START


def apply() -> None:
    global _applied
    if _applied:
        return
    merged = _textsplit.ALL_CANNOT_START + "".join(
        ch for ch in CHINESE_CANNOT_START if ch not in _textsplit.ALL_CANNOT_START)
    _textsplit.ALL_CANNOT_START = merged
    _paragraph.ALL_CANNOT_START = merged
    _ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    _ttfonts.TTFontFile.get_table = _get_table
    _ttfonts._set_ushort = _set_ushort
    _textsplit.dumbSplit = pdf_linebreak.dumb_split  # single-font paragraphs (via wordSplit)
    _paragraph.cjkFragSplit = pdf_linebreak.cjk_frag_split  # paragraphs with several fonts
    _applied = True


ORIGINAL_GET_TABLE = _ttfonts.TTFontFile.get_table
ORIGINAL_SET_USHORT = _ttfonts._set_ushort


def _get_table(self, tag):
    """TTFontFile.get_table, the big glyph table as a view into the font data (no copy)."""
    if tag != "glyf":
        return ORIGINAL_GET_TABLE(self, tag)
    pos, length = self.get_table_pos(tag)
    return memoryview(self._ttf_data)[pos:pos + length]


def _set_ushort(stream, offset, value):
    """ttfonts._set_ushort for a glyph that is a view (composite glyphs are patched in a copy)."""
    return ORIGINAL_SET_USHORT(bytes(stream), offset, value)


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's makeToUnicodeCMap with each destination written as UTF-16BE (PDF 1.7 §9.10.3)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname,
        "/Ordering (%s)" % fontname,
        "/Supplement 0",
        ">> def",
        "/CMapName /%s def" % fontname,
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange",
        "%d beginbfchar" % len(subset),
    ]
    lines += ["<%02X> <%s>" % (i, _utf16_hex(v)) for i, v in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)
