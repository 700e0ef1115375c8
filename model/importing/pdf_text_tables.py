"""Tables without ruling lines on a PDF page: found from the positions of their words.

A web page with borderless CSS tables printed to PDF, or a generator that shades rows instead of
ruling them, leaves pdfplumber's line-based table finder nothing to go on.  Its text-based
strategy alone splits the official tables badly (a label centred in a merged cell is cut between
the columns its characters fall in, 表四's headers run together), so the columns are given to
pdfplumber explicitly instead, derived from the page's words:

- the value columns are where the numbers stand: pdfplumber's words, the numeric ones clustered by
  their centres (pdfplumber.utils.cluster_objects); a column's edges lie halfway to its neighbours;
- a data row is a line of words holding a number; lines of label text with no number — a label
  wrapped over two lines, a group label centred beside its rows — belong to the data row nearest
  to them (a table cell's text is centred on its row, as browsers do by default);
- a header line (no number) above the data rows gives each header word the value columns it is
  centred over: it spreads evenly to both sides until it meets the table's edge or a neighbour's
  columns, so 「行政复议」 covers its five columns and 「行政诉讼」 its ten;
- to the left of the value columns, a row's label texts are its label cells (words that do not
  overlap horizontally are different cells: the group label, then the row's own label).

The cells are returned as boxes, like the ruled tables' cells, and go the same way from there (the
grid from the boxes' edges, then model/importing/tables.py).  Anything that does not map is left to
the mapper's doubts: nothing here guesses a number's column beyond the geometry.
"""

from __future__ import annotations

import re
import unicodedata

from model.importing.cellvalues import numeric, value_like

_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_WRAP_GAP = 0.6  # a label-only line this close (in line heights) to another is the same cell's text


def find_text_tables(page, number: int, band: float, outside) -> list[tuple[list, tuple]]:
    """[(cells [(box, text)], bbox)] for each ruleless table on the page.  `outside(word)` says
    whether a word lies outside the page's ruled tables; band is the share of the page height at
    top and bottom where page furniture lives."""
    from pdfplumber.utils import cluster_objects

    height = float(page.height)
    words = [w for w in page.extract_words(use_text_flow=False, keep_blank_chars=False)
             if outside(w) and height * band < (w["top"] + w["bottom"]) / 2 < height * (1 - band)]
    if not words:
        return []
    lines = _phrases(cluster_objects(words, lambda w: round((w["top"] + w["bottom"]) / 2, 1), 2.5))
    out = []
    for segment in _segments(lines):
        table = _table(segment, cluster_objects)
        if table is not None:
            out.append(table)
    return out


def _phrases(lines: list[list[dict]]) -> list[list[dict]]:
    """Words of a line joined where they are close (a label set with a space in it stays one)."""
    out = []
    for line in lines:
        line = sorted(line, key=lambda w: w["x0"])
        size = max(w["bottom"] - w["top"] for w in line)
        merged: list[dict] = []
        for w in line:
            prev = merged[-1] if merged else None
            if prev is not None and w["x0"] - prev["x1"] < size * 1.2 \
                    and not numeric(w["text"]) and not numeric(prev["text"]):
                merged[-1] = {"text": prev["text"] + " " + w["text"], "x0": prev["x0"], "x1": w["x1"],
                              "top": min(prev["top"], w["top"]), "bottom": max(prev["bottom"], w["bottom"])}
            else:
                merged.append(dict(w))
        out.append(merged)
    return out


def _is_data(line: list[dict]) -> bool:
    return any(numeric(w["text"]) for w in line)


def _segments(lines: list[list[dict]]) -> list[list[list[dict]]]:
    """The page's lines cut at section headings (「三、收到和处理…」 starts another table) and
    at paragraphs (a line of ordinary text as wide as a table's label and value areas together)."""
    out: list[list[list[dict]]] = []
    cur: list[list[dict]] = []
    for line in lines:
        text = "".join(w["text"] for w in line)
        plain = unicodedata.normalize("NFKC", text)
        if len(line) == 1 and not _is_data(line) and _SECTION_HEADING.match(plain) and len(plain) > 12 \
                and not _is_row_label(plain):
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append(line)
    if cur:
        out.append(cur)
    return [s for s in out if sum(_is_data(ln) for ln in s) >= 1]


def _is_row_label(text: str) -> bool:
    from model.formats import available_formats
    from model.importing.tables import format_index

    return any(format_index(f).find_row(text) is not None for f in available_formats())


def _table(lines: list[list[dict]], cluster_objects):
    data = [ln for ln in lines if _is_data(ln)]
    nums = [w for ln in data for w in ln if numeric(w["text"])]
    size = sorted(w["bottom"] - w["top"] for ln in lines for w in ln)[len(nums) // 2 if nums else 0] or 10.0
    columns = cluster_objects(nums, lambda w: (w["x0"] + w["x1"]) / 2, size)
    centres = sorted(sum((w["x0"] + w["x1"]) / 2 for w in c) / len(c) for c in columns)
    if not centres:
        return None
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    half = (min(gaps) / 2) if gaps else max(size * 3, max(w["x1"] - w["x0"] for w in nums))
    edges = [centres[0] - half] + [(a + b) / 2 for a, b in zip(centres, centres[1:])] + [centres[-1] + half]
    value_left, value_right = edges[0], edges[-1]
    # The numbers' own lines: a wide line of body text (a paragraph) ends the table.
    first = lines.index(data[0])
    last = lines.index(data[-1])
    top_i = first
    while top_i > 0:
        ln = lines[top_i - 1]
        gap = lines[top_i][0]["top"] - max(w["bottom"] for w in ln)
        if gap > size * 4 or not _header_like(ln, value_left, value_right, size):
            break
        top_i -= 1
    body = lines[top_i:last + 1]
    left = min(w["x0"] for ln in body for w in ln)
    right = max(value_right, max(w["x1"] for ln in body for w in ln))

    # Rows: each data line, with the label-only lines that belong to it; header lines on their own.
    rows: list[list[list[dict]]] = []
    row_is_data: list[bool] = []
    pending: list[list[dict]] = []
    for ln in body:
        if _is_data(ln):
            rows.append([ln])
            row_is_data.append(True)
        else:
            rows.append([ln])
            row_is_data.append(False)
    merged_rows: list[list[list[dict]]] = []
    merged_data: list[bool] = []
    for i, (row, is_data) in enumerate(zip(rows, row_is_data)):
        if is_data:
            merged_rows.append(row)
            merged_data.append(True)
            continue
        ln = row[0]
        if any(w["x0"] + w["x1"] > 2 * value_left for w in ln) or _labelled_header(ln):
            merged_rows.append(row)  # a header line, a caption
            merged_data.append(False)
            continue
        pending.append(ln)
        merged_rows.append(row)
        merged_data.append(False)
    # Label-only lines join the nearest data line (by their centres), when it lies between them
    # and the next header line.
    final: list[list[list[dict]]] = []
    final_data: list[bool] = []
    data_idx = [i for i, d in enumerate(merged_data) if d]
    attach: dict[int, int] = {}
    for i, (row, is_data) in enumerate(zip(merged_rows, merged_data)):
        if is_data or row[0] not in pending:
            continue
        ln = row[0]
        y = _mid(ln)
        best, dist = None, None
        for j in data_idx:
            lo, hi = sorted((i, j))
            if any(not merged_data[k] and merged_rows[k][0] not in pending for k in range(lo + 1, hi)):
                continue  # a header line between them
            d = abs(_mid(merged_rows[j][0]) - y)
            if dist is None or d < dist:
                best, dist = j, d
        if best is not None:
            attach[i] = best
    for i, (row, is_data) in enumerate(zip(merged_rows, merged_data)):
        if i in attach:
            continue
        group = list(row) + [merged_rows[k][0] for k, j in attach.items() if j == i]
        final.append(group)
        final_data.append(is_data)

    cells = []
    tops = []
    for group in final:
        top = min(w["top"] for ln in group for w in ln)
        bottom = max(w["bottom"] for ln in group for w in ln)
        tops.append((top, bottom))
    # Row boxes touch: each row runs from halfway to the row above to halfway to the row below.
    bounds = [tops[0][0] - 1]
    for (t0, b0), (t1, b1) in zip(tops, tops[1:]):
        bounds.append(max((b0 + t1) / 2, t0 + 0.5))
    bounds.append(tops[-1][1] + 1)
    for k, (group, is_data) in enumerate(zip(final, final_data)):
        y0, y1 = bounds[k], bounds[k + 1]
        words = sorted((w for ln in group for w in ln), key=lambda w: (w["top"], w["x0"]))
        label_words = [w for w in words if (w["x0"] + w["x1"]) / 2 < value_left]
        value_words = [w for w in words if (w["x0"] + w["x1"]) / 2 >= value_left]
        # Label area: words overlapping horizontally are one cell (a wrapped label's lines).
        parts: list[list[dict]] = []
        for w in sorted(label_words, key=lambda w: w["x0"]):
            home = next((p for p in parts if any(w["x0"] < q["x1"] and q["x0"] < w["x1"] for q in p)), None)
            if home is None:
                parts.append([w])
            else:
                home.append(w)
        if not is_data and len(parts) == 1 and not value_words:
            # A header, caption or note line in the label area only: across the label area.
            cells.append(((left, y0, value_left, y1), _text(parts[0])))
        elif not is_data and parts:
            cells.append(((left, y0, value_left, y1), " ".join(_text(p) for p in parts)))
        else:
            parts.sort(key=lambda p: min(w["x0"] for w in p))
            x = left
            for n, p in enumerate(parts):
                x1 = value_left if n == len(parts) - 1 else max(x + 1, max(w["x1"] for w in p))
                cells.append(((x, y0, x1, y1), _text(p)))
                x = x1
        if is_data:
            by_col: dict[int, list[dict]] = {}
            for w in value_words:
                by_col.setdefault(_column(edges, (w["x0"] + w["x1"]) / 2), []).append(w)
            for j in range(len(centres)):
                text = " ".join(w["text"] for w in sorted(by_col.get(j, []), key=lambda w: w["x0"]))
                cells.append(((edges[j], y0, edges[j + 1], y1), text))
        else:
            for (c0, c1), text in _header_spans(value_words, edges, centres):
                cells.append(((edges[c0], y0, edges[c1 + 1], y1), text))
    if not cells:
        return None
    return cells, (left, bounds[0], right, bounds[-1])


def _mid(line: list[dict]) -> float:
    return (min(w["top"] for w in line) + max(w["bottom"] for w in line)) / 2


def _text(words: list[dict]) -> str:
    return "".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])))


def _labelled_header(line: list[dict]) -> bool:
    from model.formats import available_formats
    from model.importing.tables import caption_numeral, format_index

    text = " ".join(w["text"] for w in line)
    if caption_numeral(text):
        return True
    return any(format_index(f).is_column_label(w["text"]) for f in available_formats() for w in line)


def _header_like(line: list[dict], value_left: float, value_right: float, size: float) -> bool:
    """A line above the numbers that belongs to the table: a header word over the value columns
    (not a paragraph running across the whole width), a column label, a caption."""
    if _labelled_header(line):
        return True
    for w in line:
        mid = (w["x0"] + w["x1"]) / 2
        if value_left <= mid <= value_right and w["x0"] >= value_left - size:
            return True
    return False


def _column(edges: list[float], x: float) -> int:
    for j in range(len(edges) - 1):
        if x < edges[j + 1]:
            return j
    return len(edges) - 2


def _header_spans(words: list[dict], edges: list[float], centres: list[float]):
    """Each header word → (first, last) value column it heads: its own column, spread evenly to
    both sides while the columns are free and inside the table (a centred merged header)."""
    n = len(centres)
    spans: list[list[int]] = []
    texts = []
    mids = []
    for w in sorted(words, key=lambda w: w["x0"]):
        mid = (w["x0"] + w["x1"]) / 2
        j = _column(edges, mid)
        # A word centred on the edge between two columns heads both (an even span).
        if j + 1 < n and abs(mid - edges[j + 1]) < (edges[j + 1] - edges[j]) * 0.15:
            spans.append([j, j + 1])
        elif j > 0 and abs(mid - edges[j]) < (edges[j + 1] - edges[j]) * 0.15:
            spans.append([j - 1, j])
        else:
            spans.append([j, j])
        # Its own text may already cover more columns than that.
        lo, hi = _column(edges, w["x0"] + 0.5), _column(edges, w["x1"] - 0.5)
        spans[-1] = [min(spans[-1][0], lo if centres[lo] >= w["x0"] else lo + 1),
                     max(spans[-1][1], hi if centres[hi] <= w["x1"] else hi - 1)]
        texts.append(w["text"])
        mids.append(mid)
    growing = [True] * len(spans)
    while any(growing):
        for i, s in enumerate(spans):
            if not growing[i]:
                continue
            lo, hi = s[0] - 1, s[1] + 1
            taken = any(k != i and not (hi < o[0] or lo > o[1]) for k, o in enumerate(spans))
            if lo < 0 or hi >= n or taken:
                growing[i] = False
            else:
                spans[i] = [lo, hi]
    return [((s[0], s[1]), t) for s, t in zip(spans, texts)]
