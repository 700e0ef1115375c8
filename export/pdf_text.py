"""User text → reportlab paragraph markup that prints exactly what the clerk typed.

Paragraph text is markup to reportlab: an unescaped `<`, `&` or `<img src=...>` crashes the build,
changes the text or reads a local file.  Everything user-supplied passes through `markup()`, which
escapes it and, character by character, picks a font that has a glyph (reportlab itself would
print a box).  A character no font has becomes the visible replacement mark 〓 (the mark Chinese
typesetting uses for a missing character), so nothing is dropped silently.

Also here: how a long title breaks into balanced lines.  How narrative text splits into
paragraphs and headings is model.text_structure (shared with the Word and HTML exports).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from itertools import accumulate
from html import escape as _html_escape  # saxutils would import urllib and http (30 ms)

from export import pdf_patches
from export.pdf_fonts import Face, FontSet
from model import text_structure
from model.text_structure import invisible as _invisible

REPLACEMENT = "〓"
NBSP = "\u00a0"



# Text is handled in pieces of about this many characters: no single step (a C call that holds
# Python's lock) runs over a huge paragraph at once, so an export's 取消 lands between steps.
CHUNK = 1 << 16


def text_chunks(text: str, size: int = CHUNK):
    """`text` in consecutive pieces of about `size` characters, never cut before a space or a
    dropped character: clean() reads a run of spaces as a whole, and spaces on both sides of a
    dropped control character are one run once it is gone."""
    n = len(text)
    a = 0
    while a < n:
        b = min(a + size, n)
        while b < n and (text[b] == " " or _invisible(text[b])):
            b += 1
        yield text[a:b]
        a = b


def _clean_char(ch: str) -> str | None:
    if ch == "\t":
        return NBSP * 4
    if ch == "\u3000":
        return NBSP * 2
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return REPLACEMENT
    if _invisible(ch):
        return None  # dropped
    return ch


def clean(text: str) -> str:
    """One line of user text as it should print: spacing kept, invisible controls dropped.

    reportlab collapses runs of spaces (and U+3000) like HTML; a clerk's spacing is part of the
    text, so runs of two or more, tabs and ideographic spaces become no-break spaces of the same
    width.  Lone surrogates (a damaged file) become the replacement mark.  Each distinct
    character is looked at once (a text repeats a few thousand characters).
    """
    table = {}
    for ch in set(text):
        new = _clean_char(ch)
        if new != ch:
            table[ord(ch)] = new
    s = text.translate(table) if table else text
    return re.sub(r" {2,}", lambda m: NBSP * len(m.group()), s) if "  " in s else s


def runs(text: str, primary: Face, fonts: FontSet) -> list[tuple[Face, str]]:
    """Split cleaned text into runs, each set in the first face (primary first) that has its glyphs.

    Linear in the text's length: each distinct character's face is found once, runs are cut by
    index, and a text one face covers (the usual case) is one run without a pass of its own.
    """
    if not text:
        return []
    order = fonts.fallback_order(primary)
    faces: dict[str, Face] = {}
    missing = {}
    for ch in set(text):
        face = next((f for f in order if f.has(ch)), None)
        if face is None:
            missing[ord(ch)] = REPLACEMENT
        else:
            faces[ch] = face
    if missing:
        text = text.translate(missing)
        faces[REPLACEMENT] = next((f for f in order if f.has(REPLACEMENT)), primary)
    if len(set(faces.values())) == 1:
        return [(next(iter(faces.values())), text)]
    out: list[tuple[Face, int]] = []
    current = None
    for i, ch in enumerate(text):
        face = faces[ch]
        if face is not current:
            out.append((face, i))
            current = face
    bounds = [s for _, s in out[1:]] + [len(text)]
    return [(face, text[s:e]) for (face, s), e in zip(out, bounds)]


def markup(text: str, primary: Face, fonts: FontSet) -> str:
    """Escaped paragraph markup for one line of user text, set in `primary` with fallbacks."""
    parts = []
    for face, chunk in runs(clean(text), primary, fonts):
        esc = _html_escape(chunk, quote=False)  # &, <, > as reportlab markup needs
        parts.append(esc if face is primary else f'<font name="{face.name}">{esc}</font>')
    return "".join(parts)


def markup_lines(lines: list[str], primary: Face, fonts: FontSet) -> str:
    """Several lines of user text in one paragraph, separated by forced line breaks."""
    return "<br/>".join(markup(line, primary, fonts) for line in lines)


def leading_number(text: str) -> str:
    """The numbering a label or heading opens with: 「三、」, 「（三）」, 「1.」, or ""."""
    return text_structure.leading_number(text)


def cannot_start() -> str:
    """Characters that may not begin a line (reportlab's list with the Chinese additions)."""
    pdf_patches.apply()
    return pdf_patches.cannot_start()


# Words an agency name is made of end with these: a title breaks after one of them rather than
# inside a word (「……街道办事处」/「党工委……办公室」, not 「……办公」/「室」).
AGENCY_WORD_ENDS = ("办事处", "委员会", "人民政府", "办公室", "管理局", "中心", "小组", "党工委",
                    "党委", "街道", "省", "州", "盟", "旗", "市", "区", "县", "镇", "乡", "局", "厅",
                    "委", "院", "处",
                    "）", ")")


def title_lines(agency: str, rest: str, width_of, max_width: float,
                cannot_start: str) -> list[str]:
    """The report title 「<agency><rest>」 in lines: on one line if it fits; else the agency over
    「<year>年政府信息公开工作年度报告」; a long agency itself in balanced lines broken between
    words, the rest of the title always a line of its own."""
    title = agency + rest
    if width_of(title) <= max_width or not agency or width_of(rest) > max_width:
        return balance_lines(title, width_of, max_width, cannot_start, len(agency) or None)
    if width_of(agency) <= max_width:
        return [agency, rest]
    return _agency_lines(agency, width_of, max_width, cannot_start) + [rest]


def _agency_lines(agency: str, width_of, max_width: float, cannot_start: str) -> list[str]:
    """A long agency name in two lines broken after a word, as even as possible; else balanced."""
    best, best_err = None, None
    for i in range(1, len(agency)):
        head, tail = agency[:i], agency[i:]
        if not head.endswith(AGENCY_WORD_ENDS) or tail[0] in cannot_start:
            continue
        if width_of(head) > max_width or width_of(tail) > max_width:
            continue
        err = abs(width_of(head) - width_of(tail))
        if best_err is None or err < best_err:
            best, best_err = [head, tail], err
    # A word break that leaves one line much longer than the other reads worse than an even cut.
    if best is not None and best_err <= max_width / 2:
        return best
    return balance_lines(agency, width_of, max_width, cannot_start)


def balance_lines(text: str, width_of, max_width: float, cannot_start: str,
                  prefer_break: int | None = None) -> list[str]:
    """Break a title into the fewest lines that fit, as even in width as possible.

    `prefer_break` (the end of the agency name) is taken when both parts then fit, which gives the
    usual 「<机关>」 / 「<年份>年政府信息公开工作年度报告」 pair.  No line starts with a character
    from `cannot_start` unless the text leaves no other way.  Widths are summed per character
    (reportlab's TrueType widths are additive), so a pasted paragraph of thousands of characters
    still breaks in milliseconds.
    """
    if len(text) < 2 or width_of(text) <= max_width:
        return [text]
    if prefer_break and 0 < prefer_break < len(text):
        a, b = text[:prefer_break], text[prefer_break:]
        if width_of(a) <= max_width and width_of(b) <= max_width and b[0] not in cannot_start:
            return [a, b]
    prefix = list(accumulate((width_of(ch) for ch in text), initial=0.0))
    n = max(2, math.ceil(prefix[-1] / max_width))
    while n <= len(text):
        cuts = _even_cuts(text, n, prefix, max_width, cannot_start)
        bounds = list(zip(cuts, cuts[1:]))
        if all(prefix[j] - prefix[i] <= max_width + 1e-6 for i, j in bounds):
            return [text[i:j] for i, j in bounds]
        n += 1
    return list(text)


def _even_cuts(text: str, n: int, prefix: list[float], max_width: float,
               cannot_start: str) -> list[int]:
    """Start positions of n lines (plus the end), each cut near an n-th of the width, at the
    nearest place where the next line may start and this one still fits."""
    size, total = len(text), prefix[-1]
    cuts = [0]
    for k in range(1, n):
        start = cuts[-1]
        lo, hi = start + 1, size - (n - k)  # every later line keeps at least one character
        if lo > hi:
            break
        target = total * k / n
        i0 = min(max(bisect_left(prefix, target, lo, hi + 1), lo), hi)
        best = None
        for d in range(0, hi - lo + 1):
            for i in (i0 - d, i0 + d):
                if lo <= i <= hi and text[i] not in cannot_start \
                        and prefix[i] - prefix[start] <= max_width:
                    if best is None or abs(prefix[i] - target) < abs(prefix[best] - target):
                        best = i
            if best is not None or prefix[min(i0 + d, hi)] - prefix[start] > max_width \
                    and i0 - d <= lo:
                break
        cuts.append(best if best is not None else i0)
    cuts.append(size)
    return cuts


def font_runs(text: str, primary: Face, fonts: FontSet, tick=None) -> list[tuple[str, str]]:
    """One line of user text as (registered font name, text) runs for export.pdf_paragraph.

    A long text is handled a piece at a time (`tick(characters)` after each, for progress).
    """
    merged: list[tuple[str, list[str]]] = []
    for piece in text_chunks(text):
        for face, chunk in runs(clean(piece), primary, fonts):
            if merged and merged[-1][0] == face.name:
                merged[-1][1].append(chunk)
            else:
                merged.append((face.name, [chunk]))
        if tick is not None:
            tick(len(piece))
    return [(name, "".join(chunks)) for name, chunks in merged]
