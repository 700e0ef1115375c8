"""Our format files carry the shared spec's ids and labels verbatim, and every rule it names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.formats import load_format
from model.grid import layout_section

SPEC_CANDIDATES = [Path(__file__).resolve().parents[2] / "shared" / "format" / "formats.json",
                   Path(__file__).resolve().parent / "data" / "formats.json"]


@pytest.fixture(scope="module")
def spec():
    for p in SPEC_CANDIDATES:
        if p.exists():
            return json.loads(p.read_text(encoding="utf-8"))
    pytest.fail("the shared format spec is missing")


def _spec_leaves(cols):
    out = []
    for c in cols:
        out.extend(_spec_leaves(c["children"]) if c.get("children") else [c])
    return out


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_ids_and_labels_are_verbatim(spec, version):
    fmt = load_format(version)
    v = spec["versions"][version]
    assert fmt.doc_no == v["doc_no"]
    assert [s.id for s in fmt.sections] == [s["id"] for s in v["sections"]]
    for s in v["sections"]:
        ours = fmt.section(s["id"])
        assert (ours.no, ours.title, ours.heading) == (s["no"], s["title"], f"{s['no']}、{s['title']}")
        for t in s.get("tables", []):
            mine = fmt.tables[t["id"]]
            assert [(c.id, c.label, c.type, c.computed) for c in mine.leaves] == \
                [(c["id"], c["label"], c["type"], bool(c.get("computed"))) for c in _spec_leaves(t["columns"])]
            assert [(r.id, r.level, r.group) for r in mine.rows] == \
                [(r["id"], r["level"], bool(r.get("group_heading"))) for r in t["rows"]]
            if t["id"] != "t4":  # 表四's single row has no label in the official table
                assert [r.label for r in mine.rows] == [r["label"] for r in t["rows"]]
            if s["id"] == "s2":
                assert (mine.caption, mine.stub_header) == (t["title"], t["stub_header"])
            assert mine.corner_note == t.get("header_note_cell")


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_every_spec_rule_is_implemented(spec, version):
    ours = {r.id for r in load_format(version).rules}
    for s in spec["versions"][version]["sections"]:
        for t in s.get("tables", []):
            for rule in t.get("validation_rules", []):
                rid = rule["id"]
                assert rid in ours or any(o.startswith(rid + "_") for o in ours), rid


@pytest.mark.parametrize("version,cells", [("2021", 25 * 7), ("2019", 23 * 7)])
def test_table3_size_and_vertical_label(version, cells):
    fmt = load_format(version)
    g = layout_section(fmt, "s3")
    assert len(g.value_cells()) == cells
    vertical = next(c for c in g.cells if c.text == "三、本年度办理结果")
    assert vertical.rowspan == (22 if version == "2021" else 20) and vertical.col == 0
    note = g.anchor(0, 0)
    assert note.kind == "note" and (note.rowspan, note.colspan) == (3, 3)


def test_table4_header_tree():
    g = layout_section(load_format("2021"), "s4")
    top = {c.text: (c.rowspan, c.colspan) for c in g.cells if c.row == 0}
    assert top == {"行政复议": (1, 5), "行政诉讼": (1, 10)}
    second = [(c.text, c.rowspan, c.colspan) for c in g.cells if c.row == 1]
    assert second[:5] == [(x, 2, 1) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert second[5:] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert g.header_rows == 3 and g.n_rows == 4 and g.n_cols == 15


def test_table2_blocks_have_captions_and_stub_header():
    fmt = load_format("2021")
    g = layout_section(fmt, "s2")
    captions = [c.text for c in g.cells if c.kind == "caption"]
    assert captions == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert all(c.colspan == g.n_cols for c in g.cells if c.kind == "caption")
    assert sum(c.text == "信息内容" for c in g.cells) == 4
    assert {c.cell_id for c in g.value_cells()} == {c for c in fmt.cells if c.startswith("t2_")}
