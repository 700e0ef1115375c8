"""The two places where reportlab's behaviour is adjusted for Chinese text, kept in one module.

1. Line-start rule (禁则): reportlab's CJK wrapping keeps a character listed in ALL_CANNOT_START
   on the end of the previous line (it "hangs" into the margin) instead of starting a new line
   with it.  Its list lacks most Chinese closing punctuation (，；：！？》…), so a line could begin
   with 「，」.  The list is read as a module global at wrap time, in two modules; both are extended.
2. Text extraction of characters beyond the BMP (Extension-B hanzi such as 𠀾): reportlab writes
   the ToUnicode map entry as five hex digits, which viewers reject, so copy/paste and search
   lose the character although it is drawn.  The entry must be the UTF-16BE code units.

`apply()` is idempotent and called by export.pdf_report before anything is laid out.
"""

from __future__ import annotations

import reportlab.lib.textsplit as _textsplit
import reportlab.pdfbase.ttfonts as _ttfonts
import reportlab.platypus.paragraph as _paragraph

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
    _applied = True


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
