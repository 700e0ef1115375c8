"""Computed totals always equal the sums of what was entered."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from model.formats import available_formats, load_format
from model.report import Report


@st.composite
def random_reports(draw):
    fid = draw(st.sampled_from(available_formats()))
    fmt = load_format(fid)
    r = Report(format_id=fid, year=2024)
    for cid in draw(st.lists(st.sampled_from(fmt.input_ids), unique=True, max_size=len(fmt.input_ids))):
        r.cells[cid] = draw(st.integers(min_value=0, max_value=10**9))
    return r


def _expected(fmt, vals_in, cell):
    comp = {c.cell: c.addends for c in fmt.computed}
    if cell not in comp:
        return vals_in.get(cell)
    parts = [_expected(fmt, vals_in, a) for a in comp[cell]]
    nums = [p for p in parts if p is not None]
    return sum(nums) if nums else None


@settings(max_examples=150, deadline=None)
@given(random_reports())
def test_totals_equal_sums(r):
    vals = r.values()
    for cell in r.fmt.computed_ids:
        assert vals[cell] == _expected(r.fmt, r.cells, cell)


@pytest.mark.parametrize("fid", available_formats())
def test_every_computed_cell_is_the_sum_it_should_be(fid):
    fmt = load_format(fid)
    r = Report(format_id=fid, year=2024)
    for i, cid in enumerate(fmt.input_ids):
        col = fmt.cells[cid].column
        r.cells[cid] = Decimal(i) / 4 if col.type == "decimal" else i
    vals = r.values()
    t3 = fmt.tables["t3"]
    inputs = [c.id for c in t3.leaves if not c.computed]
    results = [x.id for x in t3.data_rows if x.level >= 1 and not x.computed]
    for row in t3.data_rows:
        if not row.computed:
            assert vals[f"t3.{row.id}.total"] == sum(vals[f"t3.{row.id}.{c}"] for c in inputs)
    for c in inputs + ["total"]:
        assert vals[f"t3.r3_7_total.{c}"] == sum(vals[f"t3.{x}.{c}"] for x in results)
    for p in ("rv", "ld", "la"):
        assert vals[f"t4.cases.{p}_total"] == sum(vals[f"t4.cases.{p}_{k}"]
                                                  for k in ("upheld", "corrected", "other", "pending"))
    assert len(fmt.computed_ids) == (34 if fid == "2021" else 32)
