"""Fuzzing the export door: any draft that loads can be exported to PDF, XLSX, Word and HTML, or
is refused with a Chinese message — never a crash, never half a file.

Drafts come from tests/test_fuzz_draft.py's mutations (text in number cells, unknown units,
odd last-year data, long or hostile texts …).  Exports are the slow part (≈ 0.2 s each), so CI
runs few examples; NIANBAO_FUZZ_EXAMPLES=300 python3 -m pytest tests/test_fuzz_export.py for more.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings

from export import pdf_report, xlsx_report
from model.draft_io import loads
from model.errors import DraftReadError, ReportError

from tests.test_fuzz_draft import mutated_drafts

CJK = re.compile(r"[\u4e00-\u9fff]")


def fuzz(default: int):
    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.filter_too_much])


def _export(write, data: bytes, out) -> None:
    try:
        report = loads(data)
    except DraftReadError:
        assume(False)
    try:
        write(report, out)
    except ReportError as exc:
        assert CJK.search(str(exc)), str(exc)
        assert not out.exists()
        return
    assert out.stat().st_size > 1000
    assert not list(out.parent.glob("*.tmp"))


@fuzz(6)
@given(data=mutated_drafts())
def test_pdf_of_any_loadable_draft(tmp_path_factory, data):
    out = tmp_path_factory.mktemp("pdf") / "报告.pdf"
    _export(pdf_report.write_pdf, data, out)
    if out.exists():
        assert out.read_bytes().startswith(b"%PDF")


@fuzz(6)
@given(data=mutated_drafts())
def test_xlsx_of_any_loadable_draft(tmp_path_factory, data):
    import openpyxl

    out = tmp_path_factory.mktemp("xlsx") / "报告.xlsx"
    _export(xlsx_report.write_xlsx, data, out)
    if out.exists():
        openpyxl.load_workbook(out)


@fuzz(10)
@given(data=mutated_drafts())
def test_docx_of_any_loadable_draft(tmp_path_factory, data):
    from export import docx_report
    import docx

    out = tmp_path_factory.mktemp("docx") / "报告.docx"
    _export(docx_report.write_docx, data, out)
    if out.exists():
        assert len(docx.Document(str(out)).tables) == 3


@fuzz(20)
@given(data=mutated_drafts())
def test_html_of_any_loadable_draft(tmp_path_factory, data):
    from export import html_report
    import lxml.html

    out = tmp_path_factory.mktemp("html") / "报告.html"
    _export(html_report.write_html, data, out)
    if out.exists():
        page = lxml.html.document_fromstring(out.read_bytes().decode("utf-8"))
        assert len(page.xpath("//table")) == 3 and not page.xpath("//script")


@fuzz(40)
@given(data=mutated_drafts())
def test_the_errors_export_warns_about_are_the_checks_errors(data):
    """`main.py export` counts errors with model.checks.report_errors (no text rules run)."""
    from model.checks import check_report, errors, report_errors

    try:
        report = loads(data)
    except DraftReadError:
        assume(False)
    assert [f.as_dict() for f in report_errors(report)] == \
        [f.as_dict() for f in errors(check_report(report))]
