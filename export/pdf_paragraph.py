"""A Chinese paragraph flowable: lines broken once, justified like Word, split exactly at a line.

reportlab's Paragraph does three things a published report cannot have: when a paragraph set
in several fonts (every one that opens with a run-in 「（一）……。」 heading) breaks across pages,
it rebuilds the rest with a space at each former line end (`_split_blParaHard`), so the text
reads 「创 新」 and runs past the margin; it lets a closing mark hang into the margin and leaves
lines cut short by line-breaking rules ragged; and it re-wraps the whole remainder at every page
break (quadratic in the paragraph's length).

`CJKParagraph` lays the text out once per width:
- breaking (禁则): a line never starts with a closing mark (，。、；：！？）》」… — the character
  before moves down with it, 推出) nor ends with an opening one (（《「“…); a number or Latin word
  is never split unless it is longer than a line; a space at a line end stays with that line;
- justification: every line but a paragraph's last (and a line ended by a forced break) is
  spread to the text block's edge by adding the same space after each character where Chinese
  text may open up (not inside a number or a Latin word), as Word does;
- splitting: a part holds whole lines of the one layout, so page breaks add nothing to the
  text; at least `min_lines` lines stay on either side of a break (no orphan, no widow).
Characters are drawn in the font of their run; the space is PDF character spacing (Tc), so the
text layer reads exactly the source.  Time and memory are linear in the text's length.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from struct import unpack_from

from export import reportlab_quick  # noqa: F401,I001 (before reportlab.platypus: see there)
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable

from export import pdf_linebreak, pdf_patches

JUSTIFY, LEFT, CENTER, RIGHT = "justify", "left", "center", "right"
# Full-width brackets whose glyph many fonts centre in its em box, which prints 「（ 一 ）」: the
# inner side is closed up to TIGHT_BEARING of an em (the glyph's outer side keeps its space).
OPENING_BRACKETS = "（〔【［"
CLOSING_BRACKETS = "）〕】］"
TIGHT_BEARING = 0.08
MAX_SPREAD = 0.17  # of the type size: more space between characters reads as a gap (and as a
# space to text extraction, which splits words from 0.1 em); a line needing more stays short
COMFORT_SPREAD = 0.09  # above this, a line first tries to close up its punctuation (挤进)
# Full-width punctuation whose glyph fills half its em: the blank half may close up by up to
# SQUEEZE of an em to keep a closing mark on its line instead of pushing a character down.
SQUEEZE_AFTER = "，。、；：）》」』】〕”’"  # blank on the right
SQUEEZE_BEFORE = "（《「『【〔“‘"  # blank on the left
# At most this much of an em per mark: text extraction reads a larger overlap of two glyphs'
# boxes as a new line (poppler from about 0.2 em).
SQUEEZE = 0.15
_FUZZ = 1e-6
TICK_CHARS = 4096  # progress is told after about this many characters are broken into lines


@dataclass(frozen=True)
class ParaStyle:
    size: float
    leading: float
    first_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    align: str = JUSTIFY
    space_before: float = 0.0  # dropped at the top of a page (reportlab's frames do so)
    space_after: float = 0.0
    min_lines: int = 2  # lines kept together on either side of a page break
    keep_with_next: bool = False


_bearing_cache: dict[tuple[str, str], tuple[float, float]] = {}


def _bearings(font_name: str, ch: str) -> tuple[float, float]:
    """(left, right) side bearing of the character's glyph in ems; (0, 0) when unknown."""
    key = (font_name, ch)
    found = _bearing_cache.get(key)
    if found is None:
        found = (0.0, 0.0)
        try:
            face = getFont(font_name).face
            glyph = face.charToGlyph.get(ord(ch))
            if glyph:
                pos = face.glyphPos[glyph]
                if face.glyphPos[glyph + 1] > pos:
                    at = face.get_table_pos("glyf")[0] + pos
                    x_min, _y, x_max = unpack_from(">hhh", face._ttf_data, at + 2)
                    advance = face.hmetrics[glyph][0]
                    upm = face.unitsPerEm
                    found = (x_min / upm, (advance - x_max) / upm)
        except Exception:  # noqa: BLE001 - a font without these tables simply is not squeezed
            found = (0.0, 0.0)
        _bearing_cache[key] = found
    return found


def _wide(ch: str) -> bool:
    """Characters Chinese text may open up around: CJK ideographs, kana, full-width forms and
    CJK punctuation.  Between two narrow characters (a number, a Latin word) nothing is added."""
    code = ord(ch)
    return code >= 0x2E80 or 0x2010 <= code <= 0x206F or code == 0x00B7


def _joined(a: str, b: str) -> bool:
    """True when a and b belong to one number or word: never broken or spread between."""
    return not (_wide(a) or _wide(b) or a.isspace() or b.isspace())


@dataclass(frozen=True)
class Line:
    start: int  # index of the line's first character
    end: int  # index after its last character (trailing spaces included)
    ink_end: int  # index after its last visible character
    width: float  # natural width of start..ink_end
    spread: float  # space added after each expandable character (Tc); 0 when not justified
    first: bool  # the paragraph's first line (first-line indent)
    last: bool  # the paragraph's last line or one ended by a forced break
    squeeze: float = 0.0  # space (< 0) added at each closable punctuation mark (挤进)


class Lines:
    """A paragraph's lines, kept in arrays, read as a sequence of `Line`.

    A 16-million-character paragraph has over half a million lines: as objects, every full
    garbage collection walks them all — pauses of up to a second that hold Python's lock, so the
    window stutters and 取消 cannot land.  Numbers in arrays are no objects to the collector.
    Slicing gives a view on the same arrays (a part of a split paragraph).
    """

    __slots__ = ("_cols", "_a", "_b")

    def __init__(self, cols=None, a: int = 0, b: int | None = None):
        self._cols = cols or (array("q"), array("q"), array("q"), array("d"), array("d"),
                              array("d"), array("B"))
        self._a = a
        self._b = len(self._cols[0]) if b is None else b

    def append(self, line: Line) -> None:
        start, end, ink, width, spread, squeeze, flags = self._cols
        start.append(line.start)
        end.append(line.end)
        ink.append(line.ink_end)
        width.append(line.width)
        spread.append(line.spread)
        squeeze.append(line.squeeze)
        flags.append(int(line.first) | int(line.last) << 1)
        self._b = len(start)

    def __len__(self) -> int:
        return self._b - self._a

    def __getitem__(self, k):
        if isinstance(k, slice):
            a, b, step = k.indices(len(self))
            if step != 1:
                raise ValueError("lines are sliced in order")
            return Lines(self._cols, self._a + a, self._a + max(a, b))
        n = len(self)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError(k)
        i = self._a + k
        start, end, ink, width, spread, squeeze, flags = self._cols
        f = flags[i]
        return Line(start[i], end[i], ink[i], width[i], spread[i], bool(f & 1), bool(f & 2),
                    squeeze[i])

    def __iter__(self):
        for k in range(len(self)):
            yield self[k]


class _Source:
    """The paragraph's text, fonts and style, shared by every part it is split into."""

    def __init__(self, runs: list[tuple[str, str]], style: ParaStyle, tick=None):
        pdf_patches.apply()
        self.tick = tick  # tick(characters) as lines are broken: an export's progress
        texts, self.run_starts, self.run_fonts = [], [], []
        pos = 0
        for font_name, text in runs:
            if not text:
                continue
            if self.run_fonts and self.run_fonts[-1] == font_name:
                texts.append(text)
            else:
                self.run_starts.append(pos)
                self.run_fonts.append(font_name)
                texts.append(text)
            pos += len(text)
        self.text = "".join(texts)
        self.style = style
        self._widths: array | None = None
        self.kerns: dict[int, float] = {}  # index → space added after that character (< 0)
        self._layouts: dict[tuple[float, int, bool], Lines] = {}

    def font_at(self, i: int) -> str:
        return self.run_fonts[bisect_right(self.run_starts, i) - 1]

    def widths(self) -> array:
        """Each character's advance (an array: no object per character for the collector)."""
        if self._widths is None:
            size = self.style.size
            out = array("d")
            bounds = self.run_starts[1:] + [len(self.text)]
            for start, stop, name in zip(self.run_starts, bounds, self.run_fonts):
                font = getFont(name)
                cache: dict[str, float] = {}
                for ch in self.text[start:stop]:
                    w = cache.get(ch)
                    if w is None:
                        w = cache[ch] = 0.0 if ch == "\n" else font.stringWidth(ch, size)
                    out.append(w)
            self._squeeze_brackets(out)
            self._widths = out
        return self._widths

    def _squeeze_brackets(self, widths: array) -> None:
        text, size = self.text, self.style.size
        for ch in OPENING_BRACKETS + CLOSING_BRACKETS:  # find(): no pass over the text in one call
            start = text.find(ch)
            while start != -1:
                k = start
                lsb, rsb = _bearings(self.font_at(k), ch)
                if ch in OPENING_BRACKETS and rsb > TIGHT_BEARING + 0.05:
                    self._kern(widths, k, -min(rsb - TIGHT_BEARING, SQUEEZE) * size)
                elif ch in CLOSING_BRACKETS and lsb > TIGHT_BEARING + 0.05 and k > 0 \
                        and text[k - 1] != "\n":
                    self._kern(widths, k - 1, -min(lsb - TIGHT_BEARING, SQUEEZE) * size)
                start = text.find(ch, start + 1)

    def _kern(self, widths: array, k: int, amount: float) -> None:
        self.kerns[k] = self.kerns.get(k, 0.0) + amount
        widths[k] += amount

    def layout(self, width: float, start: int, first: bool) -> Lines:
        key = (round(width, 3), start, first)
        lines = self._layouts.get(key)
        if lines is None:
            lines = self._layouts[key] = _break(self, width, start, first)
        return lines


def _break(src: _Source, width: float, start: int, first: bool) -> Lines:
    text, widths, st = src.text, src.widths(), src.style
    no_start = pdf_patches.cannot_start()
    no_end = pdf_linebreak.CANNOT_END
    n = len(text)
    lines = Lines()
    i = start
    is_first = first
    tick, ticked = src.tick, start
    while i < n:
        if tick is not None and i - ticked >= TICK_CHARS:
            tick(i - ticked)
            ticked = i
        avail = width - st.left_indent - st.right_indent - (st.first_indent if is_first else 0)
        used = 0.0
        j = i
        forced = False
        while j < n:
            ch = text[j]
            if ch == "\n":
                forced = True
                break
            w = widths[j]
            if used + w > avail + _FUZZ and j > i and not ch.isspace():
                break
            used += w
            j += 1
        if forced or j >= n:
            end, nxt = j, j + 1 if forced else j
        else:
            end = _break_before(text, i, j, no_start, no_end)
            nxt = end
        ink = end
        while ink > i and text[ink - 1] in " \u00a0":
            ink -= 1
        natural = sum(widths[i:ink])
        last = forced or nxt >= n
        spread = squeeze = 0.0
        if st.align == JUSTIFY and not last:
            gaps = _gaps(text, i, ink)
            if gaps and avail > natural:
                spread = (avail - natural) / gaps
            if spread > COMFORT_SPREAD * st.size:
                closed = _close_up(src, i, j, avail)
                if closed is not None:
                    end = ink = nxt = closed[0]
                    natural, squeeze, spread = avail, closed[1], 0.0
                    last = nxt >= n
            spread = min(spread, MAX_SPREAD * st.size)
        lines.append(Line(i, end, ink, natural, spread, is_first, last, squeeze))
        is_first = False
        if forced and nxt >= n:
            break
        i = nxt
    if not lines:
        lines.append(Line(start, start, start, 0.0, 0.0, first, True))
    if tick is not None and n > ticked:
        tick(n - ticked)
    return lines


def _gaps(text: str, a: int, b: int) -> int:
    return sum(1 for k in range(a, b - 1) if not _joined(text[k], text[k + 1]))


def squeeze_points(src: "_Source", a: int, b: int) -> list[int]:
    """Characters of a line a..b after which punctuation may close up (not the line's last, and
    not a bracket already closed up)."""
    text, kerns = src.text, src.kerns
    return [k for k in range(a, b - 1) if k not in kerns and
            (text[k] in SQUEEZE_AFTER or text[k + 1] in SQUEEZE_BEFORE)]


def _close_up(src: "_Source", i: int, j: int, avail: float) -> tuple[int, float] | None:
    """Keep the closing marks that did not fit (from j on) on the line opened at i by closing up
    its punctuation (挤进), when that needs at most SQUEEZE of an em per mark.  Returns (end of
    the line, space per mark) or None."""
    text, widths = src.text, src.widths()
    no_start = pdf_patches.cannot_start()
    n = len(text)
    if j >= n or text[j] not in no_start:
        return None
    end = j
    while end < n and text[end] in no_start:
        end += 1
    if end < n and text[end] == "\n":
        return None
    over = sum(widths[i:end]) - avail
    points = squeeze_points(src, i, end)
    if over <= 0 or not points or over > len(points) * SQUEEZE * src.style.size:
        return None
    return end, -over / len(points)


def _break_before(text: str, i: int, j: int, no_start: str, no_end: str) -> int:
    """Where the next line starts when character j no longer fits on the line opened at i."""
    b = j
    # Inside a number or Latin word: go back to its start, unless it fills the whole line.
    if _joined(text[b - 1], text[b]):
        k = _word_start(text, i, b)
        if k > i:
            b = k
    # Line-breaking rules: the next line may not start with a closing mark, this one may not end
    # with an opening mark; the character before moves down instead (推出).
    k = b
    while k > i + 1 and (text[k] in no_start or text[k - 1] in no_end):
        k = _word_start(text, i, k - 1) if _joined(text[k - 2], text[k - 1]) else k - 1
    if k > i and not (text[k] in no_start or text[k - 1] in no_end) \
            and not _joined(text[k - 1], text[k]):
        b = k
    return b


def _word_start(text: str, i: int, b: int) -> int:
    """The start of the number or word that character b belongs to (not before i)."""
    k = b
    while k > i and _joined(text[k - 1], text[k]):
        k -= 1
    return k


class CJKParagraph(Flowable):
    """A paragraph of runs (font name, text); '\\n' in the text is a forced line break."""

    def __init__(self, runs, style: ParaStyle, _src: _Source | None = None, _start: int = 0,
                 _first: bool = True, tick=None):
        super().__init__()
        self.src = _src or _Source(list(runs), style, tick)
        self.style = self.src.style
        self.start = _start
        self.first = _first
        self.keepWithNext = int(style.keep_with_next)
        self._lines: Lines = Lines()
        self._width = None

    # Flowable ---------------------------------------------------------------------------------

    def drawn_chars(self) -> int:
        """How many characters of the text this part prints (once laid out)."""
        lines = self._lines
        return lines[len(lines) - 1].end - lines[0].start if len(lines) else 0

    @property
    def text(self) -> str:
        return self.src.text[self.start:]

    def lines(self, aw: float) -> Lines:
        if self._width != aw:
            self._lines = self.src.layout(aw, self.start, self.first)
            self._width = aw
        return self._lines

    def wrap(self, aw, ah):
        self.width = aw
        self.height = len(self.lines(aw)) * self.style.leading
        return aw, self.height

    def getSpaceBefore(self):
        return self.style.space_before if self.first else 0.0

    def getSpaceAfter(self):
        return self.style.space_after

    def split(self, aw, ah):
        return self.split_lines(aw, ah, force=_at_top(self))

    def split_lines(self, aw, ah, force: bool = False, keep_last: int = 0) -> list:
        """[head, rest] with the head fitting `ah`, or [] when the paragraph should move whole.

        At least `min_lines` lines on either side (and `keep_last` lines in the rest, for what
        must not stand alone after it); `force` (at a page top) breaks wherever it must.
        """
        lines = self.lines(aw)
        total = len(lines)
        fit = int((ah + _FUZZ) // self.style.leading)
        keep = max(self.style.min_lines, keep_last)
        k = min(fit, total - keep)
        if k < self.style.min_lines or k <= 0:
            if not force or fit < 1:
                return []
            k = min(max(fit, 1), total - 1)
            if k < 1:
                return []
        return [self._part(lines, 0, k), self._part(lines, k, total)]

    def _part(self, lines: Lines, a: int, b: int) -> "CJKParagraph":
        part = CJKParagraph(None, self.style, self.src, lines[a].start, lines[a].first)
        part._lines = lines[a:b]
        part._width = self._width
        part.keepWithNext = self.keepWithNext if b == len(lines) else 0
        return part

    def draw(self):
        canvas = self.canv
        st = self.style
        src = self.src
        text = src.text
        canvas.saveState()
        y = self.height - st.size
        for line in self._lines:
            avail = self.width - st.left_indent - st.right_indent - (
                st.first_indent if line.first else 0)
            x = st.left_indent + (st.first_indent if line.first else 0)
            shown = line.width
            if line.spread:
                shown += _gaps(text, line.start, line.ink_end) * line.spread
            if st.align == CENTER:
                x += (avail - shown) / 2
            elif st.align == RIGHT:
                x += avail - shown
            self._draw_line(canvas, line, x, y)
            y -= st.leading
        canvas.restoreState()

    def _draw_line(self, canvas, line: Line, x: float, y: float) -> None:
        """One line as text segments of one font and one character spacing each.  Every segment
        is placed at its computed x: readers differ on whether the spacing after a string's last
        character counts (pdfminer drops it), so no position depends on it.  That holds for each
        string drawn: a segment whose characters fall into two of the font's 256-character
        subsets is drawn as one string per subset, each at its own x."""
        src, text = self.src, self.src.text
        widths = src.widths()
        size = self.style.size
        t = canvas.beginText(x, y)
        font = spread = None
        seg: list[str] = []
        seg_at: list[float] = []  # each character's computed x
        pos = x
        squeezed = set(squeeze_points(src, line.start, line.ink_end)) if line.squeeze else ()

        def flush():
            if seg:
                for start, run in _subset_runs(canvas, font, seg):
                    t.setTextOrigin(seg_at[start], y)
                    t.textOut(run)
                seg.clear()
                seg_at.clear()

        for k in range(line.start, line.end):
            ch = text[k]
            name = src.font_at(k)
            inner = k < line.ink_end - 1
            kern = src.kerns.get(k, 0.0)
            tc = kern if inner else 0.0
            if line.spread and inner and not _joined(ch, text[k + 1]):
                tc += line.spread
            if k in squeezed:
                tc += line.squeeze
            if name != font or tc != spread:
                flush()
                if name != font:
                    t.setFont(name, size)
                    font = name
                if tc != spread:
                    t.setCharSpace(tc)
                    spread = tc
            seg.append(ch)
            seg_at.append(pos)
            pos += widths[k] - kern + tc
        flush()
        if spread:
            t.setCharSpace(0)  # the text state outlives the text object
        canvas.drawText(t)


def _subset_runs(canvas, font_name: str, chars: list[str]):
    """(index of the first character, text) of each run of `chars` that the font draws as one
    string: a TrueType font is embedded in subsets of 256 characters, and reportlab writes one
    string per subset (TTFont.splitString, one byte a character)."""
    font = getFont(font_name)
    if not getattr(font, "_dynamicFont", False):
        yield 0, "".join(chars)
        return
    start = 0
    for _subset, data in font.splitString("".join(chars), canvas._doc):
        yield start, "".join(chars[start:start + len(data)])
        start += len(data)


def _at_top(f: Flowable) -> bool:
    frame = getattr(f, "_frame", None)
    return bool(frame is not None and getattr(frame, "_atTop", 0))
