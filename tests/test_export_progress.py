"""Writers tell their progress (`progress=callback`): a fraction that only grows, moves through
the work as it is done (the PDF's half-way mark is about half its pages), and reaches 1 once,
when the file is written."""

from __future__ import annotations

import pytest

from export import docx_report, html_report, pdf_report, xlsx_report
from export.progress import Meter
from factories import full_report

PARAGRAPH = "本年度，我单位认真贯彻落实《条例》，2024年公开信息10407条（其中政策解读35条）。"
WRITERS = {"pdf": pdf_report.write_pdf, "xlsx": xlsx_report.write_xlsx,
           "docx": docx_report.write_docx, "html": html_report.write_html}
SIZES = {"pdf": 60_000, "xlsx": 200_000, "docx": 400_000, "html": 400_000}


def report_with(chars: int):
    r = full_report("2021")
    r.texts["s5"] = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    return r


@pytest.mark.parametrize("kind", list(WRITERS))
def test_progress_grows_and_ends_at_one_when_the_file_is_there(tmp_path, kind):
    out = tmp_path / f"报告.{kind}"
    seen = []

    def progress(f):
        seen.append((f, out.exists()))

    WRITERS[kind](report_with(SIZES[kind]), out, progress=progress)
    fractions = [f for f, _ in seen]
    assert fractions == sorted(set(fractions))  # strictly growing
    assert all(0 <= f < 1 for f in fractions[:-1]) and fractions[-1] == 1.0
    assert [there for _, there in seen] == [False] * (len(seen) - 1) + [True]
    if kind != "html":  # the page is written in a blink (16 M characters in about a second)
        assert len(fractions) >= 20, fractions  # a large report moves the bar step by step
        assert sum(0.2 <= f <= 0.8 for f in fractions) >= 5


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_normal_report_reports_too(tmp_path, kind):
    seen = []
    WRITERS[kind](full_report("2021"), tmp_path / f"报告.{kind}", progress=seen.append)
    assert seen[-1] == 1.0 and len(seen) >= 3 and seen == sorted(seen)


def test_the_pdf_half_way_mark_is_about_half_its_pages(tmp_path, monkeypatch):
    """Progress is counted in work done (characters drawn, tables drawn), not in time: when the
    bar first shows one half, between a quarter and three quarters of the pages are drawn."""
    from reportlab.pdfgen.canvas import Canvas

    pages = []
    real = Canvas.showPage
    monkeypatch.setattr(Canvas, "showPage", lambda self: pages.append(1) or real(self))
    at = {}

    def progress(f):
        for mark in (0.25, 0.5, 0.75):
            if f >= mark and mark not in at:
                at[mark] = len(pages)

    pdf_report.write_pdf(report_with(150_000), tmp_path / "报告.pdf", progress=progress)
    total = len(pages)
    assert total > 150
    assert at[0.25] < at[0.5] < at[0.75] <= total
    assert 0.25 * total <= at[0.5] <= 0.75 * total, (at, total)


def test_the_pdf_is_the_same_with_or_without_progress(tmp_path):
    import reportlab.rl_config as rl_config

    old = rl_config.invariant
    rl_config.invariant = 1  # no creation time, no random document id
    try:
        r = report_with(20_000)
        assert pdf_report.build_pdf(r, progress=lambda f: None) == pdf_report.build_pdf(r)
    finally:
        rl_config.invariant = old


def test_the_meter_never_goes_back_nor_claims_the_end_early():
    seen = []
    m = Meter(seen.append, total=100, steps=10)
    for units in (5, 5, 0, 3, 40, 200):  # the estimate runs short: 253 of 100
        m.add(units)
    assert seen == [0.0, 0.1, 0.5, 0.9]
    m.finish()
    m.finish()
    assert seen[-1] == 1.0 and seen.count(1.0) == 1
    quiet = Meter(None, total=10)
    quiet.add(5)
    quiet.finish()  # no callback: nothing to tell, nothing raised
