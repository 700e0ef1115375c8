"""Fuzzing text typed into the report: any Unicode a clerk can type or paste survives.

Through ReportDocument (what the editors call): set_text / set_meta("agency") with arbitrary
text — control characters, markup, right-to-left marks, combining marks, characters outside
the BMP, very long lines — then check, save, load: equal to what was typed.  A few examples
also go through the PDF and XLSX exports, which must accept every such text.

NIANBAO_FUZZ_EXAMPLES=1000 python3 -m pytest tests/test_fuzz_text.py  for a long run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export import pdf_report, xlsx_report
from gui.document import ReportDocument
from model.checks import check_report
from model.draft_io import dumps, load_draft, save_draft
from model.report import Report
from tests.factories import full_report


def fuzz(default: int):
    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


# Anything but lone surrogates (a clerk's keyboard, IME or clipboard cannot produce them).
any_char = st.characters(blacklist_categories=("Cs",))
tricky = st.sampled_from([
    "<b>未闭合", "a<b", "&lt;", "&amp;&", "<img src='/etc/passwd'/>", "<br/>", "]]>", "\x00", "\x0b",
    "\x1f", "\u200f", "\u202e反向", "\u0301", "𠀀𪚥", "👍🏽", "\ufeff", "\ufffe", "\uffff", "\r\n", "\r",
    "\u2028", "\u2029", "\t", "&P", "&&", "=SUM(A1)", "@", "+1", "长" * 3000, "\n" * 50, " ",
    "（一）", "，。；：！？》…",
])
texts = st.one_of(st.text(any_char, max_size=200),
                  st.lists(st.one_of(tricky, st.text(any_char, max_size=20)), max_size=8).map("".join))


@fuzz(120)
@given(edits=st.lists(st.tuples(st.sampled_from(["s1", "s2", "s5", "s6", "preamble", "closing", "agency"]),
                                texts), min_size=1, max_size=6))
def test_typed_text_round_trips_through_a_saved_draft(tmp_path_factory, edits):
    doc = ReportDocument(Report.new(2024))
    for key, text in edits:
        if key == "agency":
            doc.set_meta("agency", text)
        else:
            doc.set_text(key, text)
    expected = {k: t for k, t in edits if k != "agency"}  # the last edit of each key wins
    check_report(doc.report)
    path = tmp_path_factory.mktemp("t") / "文字.gknb"
    save_draft(path, doc.report)
    loaded = load_draft(path)
    for key, text in expected.items():
        assert loaded.text(key) == text
    agency = [t for k, t in edits if k == "agency"]
    if agency:
        assert loaded.agency == agency[-1]
    assert dumps(loaded) == dumps(doc.report)
    # and undo takes every edit back
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert doc.report.texts == {} and doc.report.agency == ""


@fuzz(12)
@given(text=texts, agency=texts)
def test_pdf_export_accepts_any_text(tmp_path_factory, text, agency):
    r = full_report("2021")
    r.texts["s1"] = text
    r.texts["s5"] = text[::-1]
    r.agency = agency
    out = tmp_path_factory.mktemp("p") / "报告.pdf"
    try:
        pdf_report.write_pdf(r, out)
    except Exception as exc:  # noqa: BLE001 - a refusal must be a ReportError with a Chinese message
        from model.errors import ReportError

        assert isinstance(exc, ReportError), repr(exc)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
        assert not out.exists()
        return
    assert out.read_bytes().startswith(b"%PDF")


@fuzz(12)
@given(text=texts, agency=texts)
def test_xlsx_export_accepts_any_text(tmp_path_factory, text, agency):
    import openpyxl

    r = full_report("2019")
    r.texts["s1"] = text
    r.texts["closing"] = text
    r.agency = agency
    out = tmp_path_factory.mktemp("x") / "报告.xlsx"
    xlsx_report.write_xlsx(r, out)
    wb = openpyxl.load_workbook(out)  # Excel would refuse a file openpyxl cannot read back
    assert len(wb.sheetnames) >= 2


def test_a_pasted_paragraph_as_agency_name_exports(monkeypatch):
    """A clerk pastes a paragraph into 机关名称 by mistake and exports: the PDF must still come
    (export runs on the window's thread, so a slow title layout freezes the window).  Found by
    this fuzzing: the title balancing was quadratic per line (800 characters took 37 s, 3 000
    hours) until export/pdf_text.py made it linear.  Counted, not timed: laying out the title
    measures at most ten characters per character of it (a quadratic search measures millions,
    and fails here at once instead of hanging); the speed itself is in bench/bench_pdf.py."""
    from export import pdf_text

    r = full_report("2021")
    r.agency = "长" * 3000
    budget = 10 * len(r.title)
    measured = [0]
    real = pdf_text.title_lines

    def counted_title_lines(agency, rest, width_of, *args, **kwargs):
        def width(s):
            measured[0] += len(s)
            if measured[0] > budget:
                raise AssertionError(f"measured more than {budget} characters: not linear")
            return width_of(s)
        return real(agency, rest, width, *args, **kwargs)

    monkeypatch.setattr(pdf_text, "title_lines", counted_title_lines)
    data = pdf_report.build_pdf(r)
    assert data.startswith(b"%PDF") and 0 < measured[0] <= budget
