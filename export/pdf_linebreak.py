"""Chinese line breaking (禁则) for reportlab: runs of closing marks and opening marks at a line end.

reportlab's CJK wrapping lets ONE character that may not start a line hang past the line end.
A run of two — 「……」, 「。”」, 「？」」 — still leaves the second mark at the start of the next
line, and an opening mark (「《」, 「“」, 「（」) may end a line.  Chinese typesetting instead
pushes the character before the run down with it (推出): the line ends a character early and is
spread by justification.

`cjk_frag_split` and `dumb_split` are reportlab's `paragraph.cjkFragSplit` and
`textsplit.dumbSplit` (the multi-font and the single-font path) with that one rule added after
reportlab's own break choice; everything else — widths, hanging a single mark, breaking Latin runs
at a space — is kept as reportlab does it.  export.pdf_patches installs them.
"""

from __future__ import annotations

from unicodedata import category

from export import reportlab_quick  # noqa: F401,I001 (before reportlab.platypus: see there)
import reportlab.lib.textsplit as _textsplit
import reportlab.platypus.paragraph as _paragraph
from reportlab.rl_config import _FUZZ

# Marks that may not end a line: opening brackets and quotes (reportlab's list plus these).
CHINESE_CANNOT_END = "（《「『【〔〖〈‘“([{"


CANNOT_END = _textsplit.ALL_CANNOT_END + "".join(
    ch for ch in CHINESE_CANNOT_END if ch not in _textsplit.ALL_CANNOT_END)


def better_break(chars, start: int, i: int, no_start: str, no_end: str) -> int:
    """Where the next line should start instead of `i`: before the character that precedes a run
    of marks that may not start a line, and after no opening mark.  `i` itself when that would
    leave the line with a single character (nothing better is possible)."""
    n = len(chars)
    j = i
    while j > start + 1 and j < n and (chars[j] in no_start or chars[j - 1] in no_end):
        j -= 1
    if j == i or j <= start + 1 or chars[j] in no_start or chars[j - 1] in no_end:
        return i
    return j


def _split_points(chars, widths, max_widths, forced_break=None) -> list[tuple]:
    """reportlab's break loop over characters and their widths, with `better_break` applied.

    Returns (start, end, extraSpace, widthUsed, lineBreak) per line; the last line's end is the
    text's length.
    """
    no_start, no_end = _paragraph.ALL_CANNOT_START, CANNOT_END
    lines: list[tuple] = []
    i = used = start = 0
    max_width = max_widths[0]
    n = len(chars)
    while i < n:
        c = chars[i]
        w = widths[i]
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        i += 1
        used += w
        line_break = bool(forced_break and forced_break(i - 1))
        if (used > max_width + _FUZZ and used > 0) or line_break:
            extra = max_width - used
            if not line_break:
                if c and ord(c[0]) < 0x3000:
                    # Inside a Latin run: break after the last space or hanzi in the second half
                    # of the line (reportlab's rule, unchanged).
                    for j in range(i - 1, (start + i) >> 1, -1):
                        cj = chars[j]
                        if cj and category(cj[0]) == "Zs" or cj and ord(cj[0]) >= 0x3000:
                            k = j + 1
                            if k < i:
                                j = k + 1
                                extra += sum(widths[j:i])
                                w = widths[k]
                                c = chars[k]
                                i = j
                                break
                if c not in no_start and i > start + 1:
                    i -= 1  # the overflowing character starts the next line
                    extra += w
                better = better_break(chars, start, i, no_start, no_end)
                if better != i:
                    moved = sum(widths[better:i])
                    extra += moved
                    used -= moved
                    i = better
            lines.append((start, i, extra, used, line_break))
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
            start = i
            used = 0
    if used > 0:
        lines.append((start, n, max_width - used, used, False))
    return lines


def dumb_split(word, widths, maxWidths):
    """textsplit.dumbSplit with the Chinese line-start and line-end rules."""
    if not isinstance(maxWidths, (list, tuple)):
        maxWidths = [maxWidths]
    points = _split_points(word, widths, maxWidths)
    out = []
    for k, (a, b, extra, _used, _lb) in enumerate(points):
        last = k == len(points) - 1 and b == len(word)
        out.append([extra, word[a:b] if last else word[a:b].strip()])
    return out


def cjk_frag_split(frags, maxWidths, calcBounds, encoding="utf8"):
    """paragraph.cjkFragSplit with the Chinese line-start and line-end rules."""
    U = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            U.extend(_paragraph.cjkU(t, f, encoding) for t in text)
        else:
            U.append(_paragraph.cjkU(text, f, encoding))
    widths = [u.width for u in U]
    lines = []
    for a, b, extra, used, line_break in _split_points(
            U, widths, maxWidths, lambda i: hasattr(U[i].frag, "lineBreak")):
        max_width = maxWidths[min(len(lines), len(maxWidths) - 1)]
        lines.append(_paragraph.makeCJKParaLine(U[a:b], max_width, used, extra, line_break,
                                                calcBounds))
    return _paragraph.ParaLines(kind=1, lines=lines)
