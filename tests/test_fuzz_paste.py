"""Fuzzing the clipboard: whatever is pasted into a grid, nothing invalid enters the report and
nothing is half-applied.

Pure level: model.paste.read_block / plan_paste / plan_fill on random TSV and HTML never raise;
a refused plan holds no values, an accepted one only valid values for input cells.
Window level: the real GridView of each section, a random clipboard (text + HTML) and a random
selection, Ctrl+V (paste_clipboard): the report is either unchanged (and no undo step was
pushed) or changed by exactly one undo step whose undo restores it; every entered value is one
the clerk could have typed into that cell.

NIANBAO_FUZZ_EXAMPLES=1000 python3 -m pytest tests/test_fuzz_paste.py  for a long run.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from html import escape

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from model.formats import load_format
from model.grid import layout_section
from model.paste import plan_fill, plan_paste, read_block
from model.values import display, parse_input

CJK = re.compile(r"[\u4e00-\u9fff]")
SECTIONS = [(f, s) for f in ("2021", "2019") for s in ("s2", "s3", "s4")]


def fuzz(default: int):
    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


cell_text = st.one_of(
    st.integers(-5, 500).map(str),
    st.sampled_from(["0", "12", "1,234", "１２", "3件", "4.5万元", "7元", "2.25", "-3", "—", "-", "", " ",
                     "合计", "12a", "1e3", "99999999999999", "（一）", "\u3000 5 ", "=A1+1", "N/A", "0.001",
                     "１,２３４", "＋８", "5 件", "#DIV/0!", "TRUE", "\t", '"7"', "1\n2"]),
    st.text(max_size=6),
)
clean_text = st.one_of(st.integers(0, 300).map(str), st.sampled_from(["", "0", "１２", "3件", "1,200"]))
blocks = st.one_of(
    st.lists(st.lists(clean_text, min_size=1, max_size=4), min_size=1, max_size=3),  # mostly pastes that fit
    st.lists(st.lists(cell_text, min_size=1, max_size=9), min_size=1, max_size=14),
)


def as_tsv(block, crlf: bool) -> str:
    nl = "\r\n" if crlf else "\n"
    return nl.join("\t".join(row) for row in block) + nl


@st.composite
def as_html(draw, block) -> str:
    rows = []
    for row in block:
        cells = []
        for c in row:
            attrs = ""
            if draw(st.integers(0, 9)) == 0:
                attrs = f' colspan="{draw(st.sampled_from(["2", "0", "-1", "x", "999999"]))}"'
            if draw(st.integers(0, 9)) == 0:
                attrs += f' rowspan="{draw(st.sampled_from(["2", "3", "0", "abc"]))}"'
            cells.append(f"<td{attrs}>{escape(c)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    garbage = draw(st.sampled_from(["", "<style>td{}</style>", "<table><tr><td>嵌套</td></tr></table>",
                                    "</td></tr>", "<td", "&#xD800;", "&nbsp;", "<!--", "<script>x</script>"]))
    return f"<html><body>{garbage}<table>{''.join(rows)}</table></body></html>"


@st.composite
def clipboards(draw):
    block = draw(blocks)
    kind = draw(st.sampled_from(["tsv", "html", "both", "junk"]))
    text = as_tsv(block, draw(st.booleans())) if kind in ("tsv", "both") else None
    html = draw(as_html(block)) if kind in ("html", "both") else None
    if kind == "junk":
        text = draw(st.text(max_size=300))
        html = draw(st.one_of(st.none(), st.text(max_size=300).map(lambda t: "<table><tr><td>" + t)))
    return text, html


def assert_valid_for(fmt, values: dict) -> None:
    for cid, v in values.items():
        cell = fmt.cells[cid]
        assert not cell.computed, f"{cid} is a computed total"
        if v is None:
            continue
        assert type(v) in (int, Decimal), (cid, v)
        again = parse_input(display(v), cell.column)
        assert again.ok and again.value == v, f"{cid}: {v!r} could not have been typed"


# -- pure ----------------------------------------------------------------------------------------
@fuzz(200)
@given(clip=clipboards(), where=st.sampled_from(SECTIONS), data=st.data())
def test_plans_are_all_or_nothing(clip, where, data):
    fmt = load_format(where[0])
    grid = layout_section(fmt, where[1])
    block = read_block(*clip)
    assert all(isinstance(c, str) for row in block for c in row)
    value_cells = [c for c in grid.cells if c.is_value]
    anchor = data.draw(st.one_of(  # mostly a value cell, as a clerk selects one; sometimes anywhere
        st.sampled_from([(c.row, c.col) for c in value_cells]),
        st.tuples(st.integers(0, grid.n_rows - 1), st.integers(0, grid.n_cols - 1))))
    plan = plan_paste(fmt, grid, block, anchor, {})
    event("block accepted" if plan.ok else "block refused")
    if plan.ok:
        assert plan.values or plan.ignored_totals
        assert_valid_for(fmt, plan.values)
    else:
        assert not plan.values and not plan.units
        assert CJK.search(plan.message), plan.message
    value_ids = [c.cell_id for c in value_cells]
    chosen = data.draw(st.lists(st.sampled_from(value_ids), max_size=12, unique=True))
    fill = plan_fill(fmt, chosen, block[0][0] if block else "", {})
    if fill.ok:
        assert_valid_for(fmt, fill.values)
    else:
        assert not fill.values and CJK.search(fill.message)


# -- the real grid -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def grids(qapp):
    """One document and the GridView of every section, built once (building them is the slow part)."""
    from gui.document import ReportDocument
    from gui.grid_view import GridView
    from tests.factories import full_report

    out = {}
    for fid, sid in SECTIONS:
        doc = ReportDocument(full_report(fid))
        view = GridView(doc, sid)
        view.resize(900, 600)
        view.show()
        out[(fid, sid)] = (doc, view)
    yield out
    for _doc, view in out.values():
        view.close()


@fuzz(120)
@given(clip=clipboards(), where=st.sampled_from(SECTIONS), data=st.data())
def test_pasting_into_the_grid_is_all_or_nothing(grids, clip, where, data):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData
    from PySide6.QtWidgets import QApplication

    doc, view = grids[where]
    sheet = view.table_view()
    model = view.model()
    fmt = doc.fmt
    value_cells = [c for c in model.grid.cells if c.is_value]
    picked = data.draw(st.lists(st.sampled_from(value_cells), min_size=1, max_size=6, unique=True))
    sel = QItemSelection()
    for c in picked:
        idx = model.index(c.row, c.col)
        sel.select(idx, idx)
    sheet.setCurrentIndex(model.index(picked[0].row, picked[0].col))
    sheet.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    mime = QMimeData()
    text, html = clip
    if text is not None:
        mime.setText(text)
    if html is not None:
        mime.setHtml(html)
    QApplication.clipboard().setMimeData(mime)

    before_cells, before_units = dict(doc.report.cells), dict(doc.report.units)
    steps = doc.undo_stack.count()
    view.paste_clipboard()
    after_cells = dict(doc.report.cells)
    if doc.undo_stack.count() == steps:  # refused, or nothing to change: not a single cell touched
        event("refused or no change")
        assert after_cells == before_cells and doc.report.units == before_units
        return
    event("pasted")
    assert doc.undo_stack.count() == steps + 1, "a paste must be one undo step"
    changed = {c: after_cells.get(c) for c in set(before_cells) | set(after_cells)
               if before_cells.get(c) != after_cells.get(c)}
    assert_valid_for(fmt, changed)
    doc.undo_stack.undo()
    assert doc.report.cells == before_cells and doc.report.units == before_units
    doc.undo_stack.redo()  # keep the document moving, as a clerk's would
    assert doc.report.cells == after_cells
