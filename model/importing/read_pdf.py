"""A text PDF (exported from Word or WPS, or by this app) → the report's paragraphs and tables.

pdfplumber (pdfminer.six) gives the characters with their positions and the ruling lines.  Tables are
found from the lines (the official tables are ruled); a cell's extent over the table's column and row
edges gives its spans, so a merged cell is one cell.  The text outside the tables is read in reading
order, line by line, and joined into paragraphs: a paragraph starts where a line is indented, centred,
follows a short line, or a gap.  Page furniture — a page number (「— 1 —」, 「第 1 页 共 5 页」) or a
line repeated at the top or bottom of most pages — is dropped.  A PDF without text (a scan) is
refused with a message; so are encrypted files and ones with too many pages.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from model.errors import ImportFailed
from model.importing.limits import MAX_PAGE_CHARS, MAX_PDF_PAGES, Budget
from model.importing.source import SCell, SourceDoc, SourceTable, check_table_size, clean_line

WHAT = "PDF 文件"
BAND = 0.09  # top and bottom share of the page where headers, footers and page numbers live
_PAGE_NO = re.compile(r"^\s*(?:[-—–－―─~·•]*\s*\d{1,4}\s*[-—–－―─~·•]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
                      r"|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)\s*$", re.I)
_DIGITS = re.compile(r"\d+")
_ASCII_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class _Table:
    """A ruled table as found on one page: its cells' boxes (in document coordinates: page tops
    stacked) and texts, before it becomes a SourceTable (after joining across page breaks)."""

    cells: list[tuple[tuple[float, float, float, float], str]]
    bbox: tuple[float, float, float, float]
    page: int
    last_page: int
    breaks: tuple[float, ...] = ()  # document y where a following page's part begins

    @property
    def top(self) -> float:
        return self.bbox[1]


def read_pdf(name: str, data: bytes, budget: Budget) -> SourceDoc:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps pdfminer's errors (PdfminerException)
        raise _open_error(name, exc) from None
    with pdf:
        try:
            lines, tables, heights = _read_pages(pdf, name, budget)
            if not _maps_to_format(tables, name):
                # No ruled table reads as the format's: its tables may be drawn without lines.
                lines, tables, heights = _read_pages(pdf, name, budget, ruleless=True)
        except ImportFailed:
            raise
        except (RecursionError, MemoryError):
            raise
        except Exception as exc:
            raise _open_error(name, exc) from None
    doc = SourceDoc("pdf", name)
    body, dropped = _drop_furniture(lines, heights)
    doc.dropped = dropped
    _compose(doc, body, _join_across_pages(tables, body), name)
    return doc


def _maps_to_format(tables: list[_Table], name: str) -> bool:
    """Whether any of the tables found from ruling lines reads as a row of a format's tables."""
    from model.formats import available_formats
    from model.importing.tables import TableMapper

    source = [t for t in (_source_table(t, name) for t in _join_across_pages(tables, [])) if t is not None]
    if not source:
        return False
    for fid in available_formats():
        mapper = TableMapper(fid)
        for t in source:
            mapper.feed_table(t)
        if mapper.out.rows_read:
            return True
    return False


def _read_pages(pdf, name: str, budget: Budget, ruleless: bool = False):
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # an odd catalog: counted below instead
        count = None
    if isinstance(count, int) and count > MAX_PDF_PAGES:
        raise _too_many(name, count)
    pages = pdf.pages
    if len(pages) > MAX_PDF_PAGES:
        raise _too_many(name, len(pages))
    if not pages:
        raise ImportFailed(f"“{name}”中没有页面。")
    lines: list[_Line] = []
    tables: list[_Table] = []
    chars_seen = images = 0
    for number, page in enumerate(pages, start=1):
        budget.check()
        chars = page.chars
        if len(chars) > MAX_PAGE_CHARS:
            raise ImportFailed(f"“{name}”第 {number} 页有 {len(chars)} 个字符，远多于年度报告的一页，未导入。")
        chars_seen += len(chars)
        images += len(page.images)
        page_tables, page_lines = _read_page(page, number, budget, ruleless)
        tables += page_tables
        lines += page_lines
        if hasattr(page, "close"):
            page.close()  # drop the page's parsed objects: memory stays one page deep
    if chars_seen < 20:
        if images:
            raise ImportFailed(f"“{name}”是扫描版 PDF（页面是图片，没有可读取的文字）。请改用报告的 Word 文件、"
                               "网页或文字版 PDF，或在本软件中手工录入。")
        raise ImportFailed(f"“{name}”中没有可读取的文字。")
    heights = {p.page_number: float(p.height) for p in pages}  # from the page box: nothing re-parsed
    return lines, tables, heights


def _open_error(name: str, exc: BaseException) -> ImportFailed:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen = []
    while exc is not None and len(seen) < 8:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__ or (exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None)
    if any(isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) for e in seen):
        return ImportFailed(f"“{name}”设有密码或已加密，无法读取。请用 PDF 阅读器去除密码后另存，"
                            "或改用报告的 Word 文件或网页。")
    return ImportFailed(f"“{name}”不是有效的 PDF 文件（可能已损坏或不完整）。")


def _too_many(name: str, n: int) -> ImportFailed:
    return ImportFailed(f"“{name}”有 {n} 页，远多于一份年度报告（上限 {MAX_PDF_PAGES} 页），未导入。")


def _read_page(page, number: int, budget: Budget, ruleless: bool = False) -> tuple[list[_Table], list[_Line]]:
    from pdfplumber.utils import extract_text

    found = page.find_tables()
    boxes = [t.bbox for t in found]
    out_tables = []
    for t in found:
        budget.check()
        cells = [c for c in t.cells if c]
        if not cells:
            continue
        x0, top, x1, bottom = t.bbox
        chars = [ch for ch in page.chars
                 if x0 - 1 <= (ch["x0"] + ch["x1"]) / 2 <= x1 + 1 and top - 1 <= (ch["top"] + ch["bottom"]) / 2 <= bottom + 1]
        texts = []
        for c in cells:
            inside = [ch for ch in chars if c[0] <= (ch["x0"] + ch["x1"]) / 2 <= c[2]
                      and c[1] <= (ch["top"] + ch["bottom"]) / 2 <= c[3]]
            texts.append(extract_text(inside) if inside else "")
        out_tables.append(_Table(list(zip(cells, texts)), t.bbox, number, number))
    if ruleless:
        from model.importing.pdf_text_tables import find_text_tables

        def free(w) -> bool:
            cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
            return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

        budget.check()
        for cells, bbox in find_text_tables(page, number, BAND, free):
            if _maps_to_format([_Table(cells, bbox, number, number)], ""):
                out_tables.append(_Table(cells, bbox, number, number))
                boxes.append(bbox)
        out_tables.sort(key=lambda t: t.top)

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

    rest = page.filter(outside) if boxes else page
    lines = []
    for ln in rest.extract_text_lines(return_chars=True, strip=True):
        text = ln["text"]
        if not text.strip():
            continue
        sizes = [c.get("size", 0) for c in ln.get("chars", ())] or [0]
        lines.append(_Line(text, float(ln["x0"]), float(ln["x1"]), float(ln["top"]), float(ln["bottom"]),
                           float(max(sizes)), number))
    return out_tables, lines


def _join_across_pages(tables: list[_Table], lines: list[_Line]) -> list[_Table]:
    """A table broken by a page break is one table: the last table of a page and the first of the
    next, with no text between them and the same left and right edges, are joined (the second's
    boxes placed below the first's), so that a header row left on one page still heads its columns."""
    out: list[_Table] = []
    for t in tables:
        prev = out[-1] if out else None
        if prev is not None and t.page == prev.last_page + 1 \
                and abs(t.bbox[0] - prev.bbox[0]) < 3 and abs(t.bbox[2] - prev.bbox[2]) < 3 \
                and not any(ln.page == prev.last_page and ln.top > prev.bbox[3] for ln in lines) \
                and not any(ln.page == t.page and ln.bottom < t.bbox[1] for ln in lines) \
                and not any(o.page == prev.last_page and o.top > prev.bbox[3] for o in tables if o is not prev):
            shift = prev.bbox[3] - t.bbox[1]
            moved = [((b[0], b[1] + shift, b[2], b[3] + shift), text) for b, text in t.cells]
            out[-1] = _Table(prev.cells + moved, (prev.bbox[0], prev.bbox[1], prev.bbox[2], t.bbox[3] + shift),
                             prev.page, t.page, prev.breaks + (prev.bbox[3],))
            continue
        out.append(t)
    return out


def _source_table(t: _Table, name: str) -> SourceTable | None:
    boxes = [b for b, _ in t.cells]
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 1 or n_rows < 1:
        return None
    check_table_size(name, n_rows, n_cols)
    placed: dict[tuple[int, int], SCell] = {}
    for b, text in t.cells:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0 or (r0, c0) in placed:
            continue
        placed[(r0, c0)] = SCell(text, r0, c0, r1 - r0, c1 - c0)
    where = f"第 {t.page} 页" if t.page == t.last_page else f"第 {t.page}–{t.last_page} 页"
    starts = frozenset(_index(ys, y) for y in t.breaks)
    return SourceTable(sorted(placed.values(), key=lambda s: (s.row, s.col)), n_rows, n_cols, where, starts)


def _edges(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    best, dist = 0, None
    for i, e in enumerate(edges):
        d = abs(e - v)
        if dist is None or d < dist:
            best, dist = i, d
    return best


def _band_key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def _drop_furniture(lines: list[_Line], heights: dict[int, float]) -> tuple[list[_Line], int]:
    """Page numbers, and lines repeated in the top or bottom band of most pages."""
    n_pages = len(heights)
    in_band = {}
    for ln in lines:
        h = heights.get(ln.page, 842.0)
        if ln.bottom <= h * BAND:
            in_band[id(ln)] = "top"
        elif ln.top >= h * (1 - BAND):
            in_band[id(ln)] = "bottom"
    repeated = Counter()
    for ln in lines:
        band = in_band.get(id(ln))
        if band:
            repeated[(band, _band_key(ln.text))] += 1
    keep, dropped = [], 0
    for ln in lines:
        band = in_band.get(id(ln))
        if band and (_PAGE_NO.match(ln.text) or (n_pages >= 2 and repeated[(band, _band_key(ln.text))] >= max(2, n_pages // 2))):
            dropped += 1
            continue
        if _PAGE_NO.match(ln.text) and len(ln.text.strip()) <= 12 and _alone(ln, lines):
            dropped += 1  # a page number a little above the band
            continue
        keep.append(ln)
    return keep, dropped


def _alone(ln: _Line, lines: list[_Line]) -> bool:
    """Nothing else on the page below this line: a page number at the foot of the text."""
    return not any(o.page == ln.page and o.top > ln.bottom for o in lines if o is not ln)


def _compose(doc: SourceDoc, lines: list[_Line], tables: list[_Table], name: str) -> None:
    """Lines and tables in reading order; lines joined into paragraphs."""
    items: list[tuple[int, float, int, object]] = []
    for ln in lines:
        items.append((ln.page, ln.top, 1, ln))
    for t in tables:
        items.append((t.page, t.top, 0, t))
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    body = [ln for ln in lines]
    left = _mode([round(ln.x0) for ln in body]) if body else 0.0
    right = max((ln.x1 for ln in body), default=0.0)
    char = _mode([round(ln.size) for ln in body]) or 12.0
    para: list[_Line] = []

    def flush():
        if para:
            text = para[0].text
            for prev, ln in zip(para, para[1:]):
                gap = " " if _ASCII_END.search(prev.text) and _ASCII_START.search(ln.text) else ""
                text += gap + ln.text
            doc.add_para(clean_line(text), where=f"第 {para[0].page} 页", centered=_centred(para[0], left, right, char))
            para.clear()

    for _, _, kind, item in items:
        if kind == 0:
            flush()
            table = _source_table(item, name)
            if table is not None:
                doc.add_table(table)
            continue
        ln: _Line = item
        if para:
            prev = para[-1]
            new = (
                ln.x0 > left + char * 1.2  # indented first line
                or prev.x1 < right - char * 1.5  # the line before ended short
                or _centred(ln, left, right, char) or _centred(prev, left, right, char)
                or (ln.page == prev.page and ln.top - prev.bottom > (prev.bottom - prev.top) * 1.2)
                or abs(ln.size - prev.size) > 1.0
            )
            if new:
                flush()
        para.append(ln)
    flush()


def _centred(ln: _Line, left: float, right: float, char: float) -> bool:
    return ln.x0 > left + char * 2.5 and ln.x1 < right - char * 2.5 and abs((ln.x0 - left) - (right - ln.x1)) < char * 2


def _mode(values):
    if not values:
        return 0.0
    return float(Counter(values).most_common(1)[0][0])
