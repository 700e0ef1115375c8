"""How headings and tables flow over page breaks.

reportlab's own answer to "keep this heading with what follows" (keepWithNext → KeepTogether)
moves the heading and the WHOLE next block to a new page whenever the block does not fit: a heading
followed by a long paragraph, or 表三 after 表二, leaves a third of a page or more blank.  A
printed report instead keeps a heading with the first lines of its text and lets a table start
where it is and continue on the next page under its repeated header rows.

- `HeadingBlock(headings, follower)`: the headings stay on the page only together with the start
  of the follower (two lines of a paragraph, or a table part chosen by `GridTable`).
- `TailBlock(previous, tail)`: the tail (the signature) stays on the page only together with the
  last lines of what comes before it (two lines of a paragraph), never alone on a last page.
- `GridTable`: a section's table that breaks only where the Grid allows it (before a 第二十条
  caption in 表二; between rows in 表三, a group label then printed in both parts).  It starts
  where it is as soon as its header rows and the first few rows fit, header rows repeated on the
  next page, so no half page is left empty above it.
"""

from __future__ import annotations

from export import reportlab_quick  # noqa: F401,I001 (before reportlab.platypus: see there)
from reportlab.platypus.flowables import Flowable

from model.grid import CAPTION, Grid

UNLIMITED = 1e7
MIN_BODY_ROWS = 2  # never leave a header with fewer rows under it, nor carry fewer over
START_ROWS = 2  # a table starts on the page once its header and this many rows fit there
CELL_PADDING = 2.5  # export.pdf_tables.PAD_Y
MIN_PARAGRAPH_LINES = 2  # a heading is followed by at least two lines of its paragraph


class GridTable(Flowable):
    """Rows `body` of a Grid as a table (header rows repeated in every part).

    `build(body)` returns the reportlab Table for those rows; `page_height` is the frame's height,
    used to tell a table that could move to a fresh page whole from one that must break anyway.
    """

    def __init__(self, grid: Grid, build, page_height: float, body: range | None = None,
                 spans_cut: bool = True, table=None):
        super().__init__()
        self.grid = grid
        self._build = build
        self.page_height = page_height
        self.body = body if body is not None else range(grid.header_rows, grid.n_rows)
        self.spans_cut = spans_cut
        self.table = table if table is not None else build(self.body)
        self._heights: list[float] = []
        self._measured: float | None = None
        self._size = (0.0, 0.0)
        self.spaceBefore = self.spaceAfter = 0.0

    # Flowable -----------------------------------------------------------------------------

    def wrap(self, aw, ah):
        # Always the whole part's size: breaking is decided in split_at, never by reportlab's
        # own Table.split, so the table is measured once per width and never re-laid out.
        self.width, self.height = self._measure(aw)
        return self.width, self.height

    def _measure(self, aw) -> tuple[float, float]:
        if self._measured != aw:
            # Every row measured: wrapped to a short height, reportlab leaves later rows unset.
            self._size = self.table.wrap(aw, UNLIMITED)
            self._heights = list(self.table._rowHeights)
            self._measured = aw
        return self._size

    def drawOn(self, canvas, x, y, _sW=0):
        self.table.drawOn(canvas, x, y, _sW)

    def draw(self):  # drawOn is overridden; kept for Flowable's interface
        self.table.draw()

    def getSpaceBefore(self):
        return self.spaceBefore

    def getSpaceAfter(self):
        return self.spaceAfter

    def split(self, aw, ah):
        return self.split_at(aw, ah, force=_at_top(self))

    # Breaking -----------------------------------------------------------------------------

    def row_heights(self, aw) -> list[float]:
        """Heights of the header rows then the body rows, as the whole table sets them."""
        self._measure(aw)
        return self._heights

    def split_at(self, aw, ah, force: bool) -> list:
        """[first part, rest] fitting `ah`, or [] to move the table whole to the next page.

        `force` (the table stands at the top of a page) splits whenever any cut fits.
        """
        heights = self.row_heights(aw)
        nh = self.grid.header_rows
        head, body = heights[:nh], heights[nh:]
        for n in reversed(self._cuts()):
            if sum(head) + sum(body[:n]) > ah:
                continue
            if not force and n < min(START_ROWS, len(body)):
                return []
            start = self.body.start
            first = GridTable(self.grid, self._build, self.page_height,
                              range(start, start + n), self.spans_cut)
            if first.wrap(aw, ah)[1] > ah:  # a cut group label made rows taller
                continue
            rest = GridTable(self.grid, self._build, self.page_height,
                             range(start + n, self.body.stop), self.spans_cut)
            first.spaceBefore, rest.spaceAfter = self.spaceBefore, self.spaceAfter
            return [first, rest]
        return []

    def _cuts(self) -> list[int]:
        """Body row counts after which this part may break, in increasing order."""
        start, stop = self.body.start, self.body.stop
        captions = {c.row for c in self.grid.cells if c.kind == CAPTION}
        cuts = []
        for k in range(start + MIN_BODY_ROWS, stop - MIN_BODY_ROWS + 1):
            if captions:
                ok = k in captions  # 表二: only between its 第二十条 blocks
            elif not self.spans_cut:
                ok = True  # group labels set unspanned: any row boundary will do
            else:
                ok = all(self._may_cut(c, k) for c in self.grid.cells
                         if c.row < k < c.row + c.rowspan)
            if ok:
                cuts.append(k - start)
        return cuts

    def _may_cut(self, cell, k: int) -> bool:
        """A row span may be cut only in the first column (the outermost group label), when the
        rows on each side are tall enough to hold the label again."""
        if cell.col != 0:
            return False
        heights = self._heights or []
        nh, start = self.grid.header_rows, self.body.start
        top, bottom = max(cell.row, start), min(cell.row + cell.rowspan, self.body.stop)
        value = self.table._cellvalues[nh + top - start][cell.col]
        # reportlab keeps a cell's flowables as a list; a plain string is one short line.
        flowables = value if isinstance(value, (list, tuple)) else [value]
        width = self.table._colWidths[cell.col]
        need = sum(f.wrap(width, self.page_height)[1] for f in flowables
                   if isinstance(f, Flowable)) + 2 * CELL_PADDING + 1
        above = sum(heights[nh + top - start:nh + k - start])
        below = sum(heights[nh + k - start:nh + bottom - start])
        return above >= need and below >= need


class HeadingBlock(Flowable):
    """Headings kept on the page only together with the start of what follows them."""

    def __init__(self, headings: list[Flowable], follower: Flowable):
        super().__init__()
        for h in headings:
            h.keepWithNext = 0  # the block does the keeping; reportlab must not regroup them
        self.headings = headings
        self.follower = follower

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 0xFFFFFF  # always split: the parts then flow as ordinary flowables

    def split(self, aw, ah):
        at_top = _at_top(self)
        parts: list = list(self.headings)
        used = 0.0
        for h in self.headings:
            used += h.getSpaceBefore() + h.wrap(aw, ah)[1] + h.getSpaceAfter()
        room = ah - used - self.follower.getSpaceBefore()
        f = self.follower
        fw, fh = f.wrap(aw, max(room, 0))
        if fh <= room:
            return parts + [f]
        if isinstance(f, GridTable):
            pieces = f.split_at(aw, room, force=at_top) if room > 0 else []
        else:
            pieces = f.split(aw, room) if room >= MIN_PARAGRAPH_LINES * _leading(f) else []
        if pieces:
            return parts + pieces
        if at_top:  # nothing better on an empty page: let the follower break as it can
            return parts + [f]
        return []


class TailBlock(Flowable):
    """`tail` (flowables, e.g. the signature) kept on the page with the end of `previous`.

    When the whole does not fit, a paragraph before the tail breaks so that at least `keep` of
    its lines go over with the tail; anything else moves to the next page together with it.
    """

    def __init__(self, previous: Flowable, tail: list[Flowable], keep: int = 2):
        super().__init__()
        self.previous = previous
        self.tail = tail
        self.keep = keep
        self.keepWithNext = 0

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 0xFFFFFF  # always split: the parts then flow as ordinary flowables

    def split(self, aw, ah):
        at_top = _at_top(self)
        prev = self.previous
        need = prev.wrap(aw, ah)[1]
        for i, f in enumerate(self.tail):
            need += f.getSpaceBefore() + f.wrap(aw, ah)[1] + f.getSpaceAfter()
        if need <= ah + 1e-6:
            return [prev] + list(self.tail)
        split_lines = getattr(prev, "split_lines", None)
        if split_lines is not None:
            parts = split_lines(aw, ah, force=at_top, keep_last=self.keep)
            if parts:
                return [parts[0], TailBlock(parts[1], self.tail, self.keep)]
        if isinstance(prev, HeadingBlock):
            # Headings with their text: split there, the tail staying bound to the text.
            inner = HeadingBlock(prev.headings, TailBlock(prev.follower, self.tail, self.keep))
            return inner.split(aw, ah)
        if at_top:
            return [prev] + list(self.tail)
        return []


def _leading(f: Flowable) -> float:
    style = getattr(f, "style", None)
    return getattr(style, "leading", 0) or 0


def _at_top(f: Flowable) -> bool:
    """True when the flowable is being placed at the top of a page (nothing gained by moving)."""
    frame = getattr(f, "_frame", None)
    return bool(frame is not None and getattr(frame, "_atTop", 0))
