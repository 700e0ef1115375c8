"""Round trip: the Word file and the web page this app exports import back (model.importing,
issue 11) to the draft's cells, units, texts, agency, year and signing date — both formats.
"""

from __future__ import annotations

import pytest

from model.formats import available_formats
from model.importing import import_report
from publish_cases import AGENCY, HOSTILE_OUT, expected_number, publish_report

# The texts as they come back: one line a paragraph, blank lines and indents gone, control
# characters dropped and the lone surrogate shown as 〓 (written by hand from publish_cases.TEXTS).
TEXTS_BACK = {
    "preamble": "本报告依据《中华人民共和国政府信息公开条例》编制。",
    "s1": "本年度，我单位认真贯彻落实《条例》。\n（一）主动公开\n全年主动公开政府信息120条。\n"
          "（二）加强组织领导。成立领导小组，明确分工。\n1.完善制度\n修订办法。",
    "s2": "表中数字截至12月31日。",
    "s3": "",
    "s4": "",
    "s5": HOSTILE_OUT,
    "s6": "本年度未收取信息处理费。",
    "closing": "特此报告。",
}


def _export(report, kind: str, path):
    if kind == "docx":
        from export.docx_report import write_docx

        write_docx(report, path)
    else:
        from export.html_report import write_html

        write_html(report, path)


@pytest.mark.parametrize("format_id", available_formats())
@pytest.mark.parametrize("kind", ["docx", "html"])
def test_export_then_import_gives_back_the_draft(tmp_path, kind, format_id):
    report = publish_report(format_id)
    del report.texts["closing"]  # see test_the_closing_text_comes_back_apart_from_section_six
    out = tmp_path / f"年报.{kind}"
    _export(report, kind, out)
    result = import_report(out)
    back = result.report
    assert result.kind == kind
    assert back.format_id == format_id
    assert (back.agency, back.year) == (AGENCY, report.year)
    assert back.date == f"{report.year + 1}-01-20"
    fmt = report.fmt
    got = back.values()
    for cid in fmt.cells:
        assert got.get(cid) == expected_number(report, cid), cid
    for cid, unit in report.units.items():
        assert back.units.get(cid) == unit, cid
    for key in fmt.text_keys():
        assert back.text(key) == ("" if key == "closing" else TEXTS_BACK[key]), key
    assert not result.doubtful


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_the_closing_text_comes_back_apart_from_section_six(tmp_path, kind):
    """The closing text follows 六's text with nothing printed between them; the exports mark
    it (Word paragraph style 「结尾落款」, HTML class="closing") so that the importer can tell."""
    report = publish_report("2021")
    out = tmp_path / f"年报.{kind}"
    _export(report, kind, out)
    back = import_report(out).report
    assert (back.text("s6"), back.text("closing")) == (TEXTS_BACK["s6"], TEXTS_BACK["closing"])


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_sparse_report_comes_back_with_its_blanks(tmp_path, kind):
    """Blank cells stay blank (not 0) and a report without a date comes back without one."""
    report = publish_report("2021")
    for cid in [c for c in report.cells if c.startswith("t4.")]:
        del report.cells[cid]
    report.date = ""
    out = tmp_path / f"年报.{kind}"
    _export(report, kind, out)
    back = import_report(out).report
    assert back.date == ""
    assert all(back.values().get(c) is None for c in report.fmt.cells if c.startswith("t4."))
    assert back.values()["t3.r1_new.natural"] == report.cells["t3.r1_new.natural"]
