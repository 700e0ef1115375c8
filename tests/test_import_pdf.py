"""Text PDFs: Word files exported by LibreOffice (committed fixtures, made by
tools/make_import_fixtures.py from tests/import_sources.py), this app's own PDF, and PDFs made here
with reportlab to show page furniture, paragraphs over page breaks, scans, passwords and size limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.draft_io import load_draft
from model.errors import ImportFailed
from model.importing import import_report
from model.samples import seed_path
from tests import import_sources as S
from tests.factories import full_report
from tests.test_import_html import assert_cells

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"


def test_the_filled_template_exported_by_an_office_suite():
    result = import_report(S.DATA / "a-template-libreoffice.pdf")
    r = result.report
    assert (result.kind, r.format_id, r.year, r.agency, r.date) == ("pdf", "2021", 2024, S.A_AGENCY, S.A_DATE)
    assert_cells(r, {k: v for k, v in S.a_expected_cells().items() if v is not None})
    assert result.doubtful == [] and result.unused_lines == []
    assert r.texts == {"preamble": S.A_PREAMBLE, "s1": "\n".join(S.A_S1), "s5": "\n".join(S.A_S5),
                       "s6": "\n".join(S.A_S6)}


def test_variants_with_rows_broken_over_pages():
    """Report B's narrow Word table runs over three pages: rows break inside their labels, 表四's
    first header row stays behind on its own page."""
    result = import_report(S.DATA / "b-variants-libreoffice.pdf")
    r = result.report
    assert (r.format_id, r.year, r.agency, r.date) == ("2021", 2023, S.B_AGENCY, S.B_DATE)
    assert_cells(r, {k: v for k, v in S.b_expected_cells().items() if v is not None})
    assert {d.key for d in result.doubtful} == {"t3.r3_6_3_other.natural", "t3.r3_6_3_other.total",
                                                "t3.r3_6_1_no_correction.natural", "t3.r3_6_2_no_fee.natural"}
    assert result.unused_lines == []
    assert r.texts["s6"] == "\n".join([S.B_S6_FIRST] + S.B_S6_MORE)


def test_the_2019_layout_exported_by_an_office_suite():
    result = import_report(S.DATA / "c-2019-libreoffice.pdf")
    r = result.report
    assert (r.format_id, r.year, r.agency) == ("2019", 2020, S.C_AGENCY)
    assert_cells(r, S.c_expected_cells())
    assert r.units == S.C_UNITS
    assert result.doubtful == []


@pytest.mark.parametrize("format_id", ["2021", "2019"])
def test_own_pdf_round_trip(tmp_path, format_id):
    from export.pdf_report import write_pdf

    report = full_report(format_id)
    path = tmp_path / "report.pdf"
    write_pdf(report, path)
    result = import_report(path)
    back = result.report
    assert (back.format_id, back.year, back.agency, back.date) == (
        report.format_id, report.year, report.agency, report.date)
    assert_cells(back, {cid: v for cid, v in report.values().items() if v is not None})
    assert back.units == report.units
    assert back.texts == report.texts
    assert result.doubtful == []
    assert "— 1 —" not in "".join(back.texts.values())  # page numbers dropped


def test_the_shipped_sample_through_its_pdf(tmp_path):
    from export.pdf_report import write_pdf

    sample = load_draft(seed_path())
    path = tmp_path / "sample.pdf"
    write_pdf(sample, path)
    back = import_report(path).report
    assert (back.format_id, back.year, back.agency) == (sample.format_id, sample.year, sample.agency)
    assert_cells(back, {cid: v for cid, v in sample.values().items() if v is not None})
    assert back.texts == sample.texts


def _narrative() -> dict[str, str]:
    """The real 平潭 report's texts (tests/data/pingtan_2024_narrative.txt), one line a paragraph."""
    texts: dict[str, list[str]] = {}
    key = ""
    for line in (ROOT / "tests" / "data" / "pingtan_2024_narrative.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key = line[2:].strip()
            texts[key] = []
        elif line.strip():
            texts[key].append(line.strip())
    return {k: "\n".join(v) for k, v in texts.items()}


def test_own_pdf_of_a_real_report_s_texts_comes_back_character_for_character(tmp_path):
    """Long justified lines: the PDF sets a line's characters with character spacing and its last
    character at the right margin; pdfminer adds that spacing once per text run, not per
    character, so it saw gaps (「坚 持」「关停 注销」) where the page has none."""
    from export.pdf_report import write_pdf

    report = full_report("2021")
    report.texts = _narrative()
    assert len(report.texts["s1"]) > 1000 and " " not in "".join(report.texts.values())
    path = tmp_path / "平潭.pdf"
    write_pdf(report, path)
    back = import_report(path).report
    assert back.texts == report.texts


def _canvas(path: Path, **kw):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(FONT), subfontIndex=0))
    return canvas.Canvas(str(path), pagesize=(595, 842), **kw)


# A report laid out by hand: a running header and a page footer on every page, a paragraph that
# continues from page 1 to page 2, a heading at the top of page 2.
FURNITURE_PAGES = [
    [("center", "某某镇人民政府2023年政府信息公开工作年度报告"),
     ("indent", "本报告依据条例编制，统计期限为2023年1月1日至12月31日。"),
     ("left", "一、总体情况"),
     ("indent", "本年度，某某镇认真落实政务公开各项要求，主动公开政府信息二百余条，依申请公开工作"),
     ("full", "规范有序，全年未发生因政府信息公开引起的行政复议和行政诉讼，各项工作稳步推进，取得")],
    [("full", "了较好成效。"),
     ("left", "五、存在的主要问题及改进情况"),
     ("indent", "公开内容还不够丰富。"),
     ("left", "六、其他需要报告的事项"),
     ("indent", "本年度未收取信息处理费。")],
]


def make_furniture_pdf(path: Path) -> None:
    c = _canvas(path)
    size = 14
    for number, lines in enumerate(FURNITURE_PAGES, start=1):
        c.setFont("WQY", 9)
        c.drawCentredString(297, 820, "某某镇人民政府政务公开专栏")  # running header
        c.drawCentredString(297, 30, f"第 {number} 页 共 {len(FURNITURE_PAGES)} 页")  # footer
        y = 760
        for how, text in lines:
            c.setFont("WQY", size)
            if how == "center":
                c.drawCentredString(297, y, text)
            elif how == "indent":
                c.drawString(72 + 2 * size, y, text)
            else:
                c.drawString(72, y, text)
            y -= size * 1.8
        c.showPage()
    c.save()


def test_headers_footers_and_page_numbers_dropped_paragraphs_joined_over_the_page(tmp_path):
    path = tmp_path / "镇.pdf"
    make_furniture_pdf(path)
    result = import_report(path)
    r = result.report
    assert (r.year, r.agency) == (2023, "某某镇人民政府")
    assert r.texts["s1"] == ("本年度，某某镇认真落实政务公开各项要求，主动公开政府信息二百余条，依申请公开工作"
                             "规范有序，全年未发生因政府信息公开引起的行政复议和行政诉讼，各项工作稳步推进，取得"
                             "了较好成效。")
    assert r.texts["s5"] == "公开内容还不够丰富。"
    assert r.texts["s6"] == "本年度未收取信息处理费。"
    everything = "".join(r.texts.values()) + "".join(result.unused_lines)
    assert "政务公开专栏" not in everything and "共 2 页" not in everything
    # No table at all: every cell is listed as not read, none is invented.
    assert r.cells == {}
    assert len([d for d in result.doubtful if d.key.startswith("t")]) == len(r.fmt.input_ids)


def test_a_scanned_pdf_gets_a_message(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (200, 280), 255)
    path = tmp_path / "scan.pdf"
    c = _canvas(path)
    c.drawImage(ImageReader(img), 0, 0, 595, 842)
    c.showPage()
    c.save()
    with pytest.raises(ImportFailed, match="扫描版"):
        import_report(path)


def test_a_password_protected_pdf_gets_a_message(tmp_path):
    path = tmp_path / "locked.pdf"
    c = _canvas(path, encrypt="secret")
    c.setFont("WQY", 12)
    c.drawString(72, 700, "一、总体情况")
    c.showPage()
    c.save()
    with pytest.raises(ImportFailed, match="密码"):
        import_report(path)


def test_too_many_pages_are_refused_before_reading_them(tmp_path):
    path = tmp_path / "long.pdf"
    c = _canvas(path)
    for _ in range(301):
        c.showPage()
    c.save()
    with pytest.raises(ImportFailed, match="301 页"):
        import_report(path)


def test_a_truncated_pdf_gets_a_message(tmp_path):
    data = (S.DATA / "a-template-libreoffice.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:len(data) // 3])
    with pytest.raises(ImportFailed):
        import_report(path)
