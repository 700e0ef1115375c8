"""The typeset PDF read back with poppler, page by page, as a 政务公开办 reviewer checks it.

On the shipped sample and on long real-sized reports (tests/data/long_reports: the text of a
real published report in long multi-paragraph sections, run-in 「（一）……。」 headings, heading
lines of every numbered form, numbers up to 7 digits):
- the text layer reads every paragraph exactly as typed (nothing inserted at a line or page
  break), and no line passes the right margin;
- every line but a paragraph's last reaches the right edge of the text block (justified);
- no single line of a paragraph alone at a page's top or bottom; a heading keeps two lines of
  what follows; the signature shares its page with the end of the text;
- tables start where they are; numbers never wrap; one face per table.
Expected positions are the page geometry of GB/T 9704 (28 mm left margin, 156 mm text block).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import test_pdf_probe as probe
from export import pdf_paragraph
from export.pdf_report import build_pdf, chinese_date
from factories import full_report
from model import text_structure
from model.draft_io import load_draft
from model.report import Report

ROOT = Path(__file__).resolve().parent.parent
LONG = sorted((ROOT / "tests" / "data" / "long_reports").glob("*.gknb"))
SAMPLE = sorted((ROOT / "resources" / "samples").glob("*.gknb"))[0]

PT_PER_MM = 72 / 25.4
LEFT = 28 * PT_PER_MM
RIGHT = (28 + 156) * PT_PER_MM
BODY = 15.75  # 3号 as set: 28 characters fill the 156 mm line
INDENT = 2 * BODY
EDGE = 0.3  # pt: how close a justified line ends to the edge
TEXT_KEYS = ("preamble", "s1", "s2", "s3", "s4", "s5", "s6", "closing")
NAMES = [p.stem for p in LONG] + ["sample"]


@pytest.fixture(scope="module")
def built():
    out = {}
    for path in LONG + [SAMPLE]:
        report = load_draft(path)
        data = build_pdf(report)
        name = "sample" if path == SAMPLE else path.stem
        out[name] = (report, data, probe.page_lines(data, 14, 17))
    return out


def blocks(report: Report) -> list[text_structure.Block]:
    return [b for key in TEXT_KEYS for b in text_structure.blocks(report.text(key))]


def body_lines(pages):
    return [ln for page in pages for ln in page if abs(ln["size"] - BODY) < 1]


def test_the_long_reports_are_real_sized():
    assert len(LONG) >= 4
    for path in LONG:
        r = load_draft(path)
        paras = blocks(r)
        assert sum(len(b.text) for b in paras) > 12_000  # the real report: 3,000
        assert sum(1 for b in paras if b.lead) >= 10  # run-in 「（一）……。」 headings
        assert max(len(str(v)) for v in r.values().values() if isinstance(v, int)) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_text_layer_reads_every_paragraph_exactly(built, name):
    """Lines joined without their breaks give back each paragraph as typed: no space (or
    anything else) is inserted where a line or a page ended, also in paragraphs set in two
    fonts (run-in headings) that break across pages."""
    report, data, pages = built[name]
    flat = "".join(ln["text"] for ln in body_lines(pages))
    missing = [b.text for b in blocks(report) if b.text not in flat]
    assert missing == []
    # Nor does a reader see a gap inside a line: poppler finds one word per Chinese line.
    cjk = re.compile(r"[\u4e00-\u9fff，。、；：“”（）《》]")
    for ln in body_lines(pages):
        for a, b in zip(ln["words"], ln["words"][1:]):
            assert not (cjk.match(a[-1]) and cjk.match(b[0])), ln["text"]


@pytest.mark.parametrize("name", NAMES)
def test_no_line_passes_the_right_margin(built, name):
    _, data, _ = built[name]
    for page_no, page in enumerate(probe.page_lines(data), 1):
        for ln in page:
            assert ln["x1"] <= RIGHT + 0.05, (page_no, ln["text"])
            assert ln["x0"] >= LEFT - 0.05, (page_no, ln["text"])


@pytest.mark.parametrize("name", NAMES)
def test_every_line_but_a_paragraphs_last_is_justified_to_the_edge(built, name):
    report, _, pages = built[name]
    texts = [b.text for b in blocks(report)] + [s.heading for s in report.fmt.sections]
    signature = {report.agency, chinese_date(report.date) if report.date else ""}
    lines = body_lines(pages)
    justified = 0
    for ln in lines:
        if abs(ln["x1"] - RIGHT) <= EDGE:
            justified += 1
            continue
        ends_a_paragraph = any(t.endswith(ln["text"]) for t in texts)
        assert ends_a_paragraph or ln["text"] in signature, ln["text"]
    assert justified > 0.6 * len(lines)


def _starts_block(text: str, texts: list[str]) -> bool:
    return any(t.startswith(text) for t in texts)


@pytest.mark.parametrize("name", NAMES)
def test_no_orphan_and_no_widow(built, name):
    """A paragraph broken by a page keeps at least two lines on each page."""
    report, _, pages = built[name]
    texts = [b.text for b in blocks(report)]
    for p in range(len(pages) - 1):
        last, nxt = pages[p], pages[p + 1]
        if not last or not nxt or abs(nxt[0]["size"] - BODY) > 1 or abs(last[-1]["size"] - BODY) > 1:
            continue
        goes_on = abs(nxt[0]["x0"] - LEFT) < 0.5 and not _starts_block(nxt[0]["text"], texts)
        if not goes_on:
            continue
        # The part on the next page is more than its last line (no widow) …
        assert not any(t.endswith(nxt[0]["text"]) for t in texts) or len(nxt) > 1 and \
            abs(nxt[1]["x0"] - LEFT) < 0.5 and not _starts_block(nxt[1]["text"], texts), \
            f"widow at the top of page {p + 2}: {nxt[0]['text']}"
        # … and the part left behind is more than the paragraph's first line (no orphan).
        assert abs(last[-1]["x0"] - (LEFT + INDENT)) > 0.5 or len(last) > 1 and \
            abs(last[-2]["x0"] - (LEFT + INDENT)) > 0.5, \
            f"orphan at the bottom of page {p + 1}: {last[-1]['text']}"


@pytest.mark.parametrize("name", NAMES)
def test_headings_keep_two_lines_of_what_follows(built, name):
    report, data, _ = built[name]
    pages = probe.page_lines(data)  # tables too: a section heading keeps its table's start
    items = blocks(report)
    headings = {b.text for b in items if b.is_heading} | {s.heading for s in report.fmt.sections}
    after = {b.text: items[i + 1].text for i, b in enumerate(items[:-1]) if b.is_heading}
    seen = 0
    for p, page in enumerate(pages[:-1], 1):
        for i, ln in enumerate(page):
            if ln["text"] not in headings:
                continue
            seen += 1
            rest = page[i + 1:]
            follower = after.get(ln["text"])
            if len(rest) >= 2 or (follower and "".join(r["text"] for r in rest).startswith(follower)):
                continue
            raise AssertionError(f"page {p}: the heading {ln['text']} keeps {len(rest)} line(s)")
    assert seen >= 6


def test_every_numbered_heading_form_is_a_heading():
    forms = {"二、工作举措": 1, "（一）制度建设": 2, "(三)半角括号": 2, "1.关于公开目录": 3,
             "2．全角点": 3, "3、顿号": 3, "（1）统一标准": 4, "(2)半角": 4, "①专项检查": 4}
    for line, level in forms.items():
        [b] = text_structure.blocks(line)
        assert (b.level, b.lead) == (level, ""), line
    for line, lead in {"（二）加强组织领导。成立领导小组。": "（二）加强组织领导。",
                       "1.完善制度。修订办法。": "1.完善制度。",
                       "二、主动公开情况：全年公开信息120条。": "二、主动公开情况："}.items():
        [b] = text_structure.blocks(line)
        assert (b.level, b.lead, b.body) == (0, lead, line[len(lead):]), line
    for line in ("一是公开内容不够全面。", "1.5万元用于平台建设，", "2024年，我单位认真贯彻。",
                 "（四）" + "很长的编号段落没有句号" * 5):
        [b] = text_structure.blocks(line)
        assert (b.level, b.lead) == (0, ""), line


@pytest.mark.parametrize("name", NAMES)
def test_the_signature_shares_its_page_with_the_end_of_the_text(built, name):
    report, _, pages = built[name]
    last = [ln["text"] for ln in pages[-1]]
    sign = [report.agency] + ([chinese_date(report.date)] if report.date else [])
    assert last[-len(sign):] == sign
    assert len(last) - len(sign) >= 2


def test_the_signature_never_stands_alone_whatever_the_text_length():
    """Closing texts of every length from 0 to 24 lines: the signature's page always holds at
    least two lines of text before it (the blank lines before it are never at a page top)."""
    r = full_report("2021")
    r.texts["s6"] = "本年度未收取信息处理费。"
    for n in range(0, 25 * 28, 23):
        r.texts["closing"] = ("字" * n) or ""
        pages = probe.page_lines(build_pdf(r), 14, 17)
        last = [ln["text"] for ln in pages[-1]]
        assert last[-2:] == [r.agency, chinese_date(r.date)], n
        assert len(last) >= 4, (n, last)


@pytest.mark.parametrize("name", NAMES)
def test_tables_start_on_the_page_of_their_heading(built, name):
    report, data, _ = built[name]
    for p in range(1, len(probe.page_lines(data)) + 1):
        text = probe.compact(probe.text(data, p))
        for sec in report.fmt.sections:
            if sec.kind == "tables" and probe.compact(sec.heading) in text:
                first_label = probe.table_labels(report, sec.id)[0]
                assert first_label in text, (p, sec.heading)


@pytest.mark.parametrize("name", NAMES)
def test_no_page_is_left_half_empty(built, name):
    """Every page but the last is filled to two thirds at least.  (What may leave a page short:
    three headings with a paragraph of three lines — no orphan, no widow — need six lines.)"""
    _, data, _ = built[name]
    pages = probe.page_lines(data)
    top, bottom = 37 * PT_PER_MM, (37 + 225) * PT_PER_MM
    for p, page in enumerate(pages[:-1], 1):
        lowest = max(ln["top"] for ln in page)
        assert lowest >= top + 2 / 3 * (bottom - top), f"page {p} ends at {lowest:.0f} pt"


@pytest.mark.parametrize("name", NAMES)
def test_numbers_never_wrap_in_table_cells(built, name):
    """Every number is printed whole, in order: a number cut by a line break would read as two."""
    report, data, _ = built[name]
    raw = probe.text(data)
    secs = report.fmt.sections
    for i, sec in enumerate(secs):
        if sec.kind != "tables":
            continue
        nxt = secs[i + 1].heading if i + 1 < len(secs) else None
        assert probe.section_numbers(raw, sec.heading, nxt) == probe.table_numbers(report, sec.id)


def test_seven_digit_numbers_step_the_table_type_down():
    r = full_report("2021")
    for cid in r.fmt.input_ids:
        if cid.startswith("t4."):
            r.cells[cid] = 1_234_567
    data = build_pdf(r)
    raw = probe.text(data)
    assert probe.section_numbers(raw, "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况") \
        == probe.table_numbers(r, "s4")
    sizes = {round(w["yMax"] - w["yMin"], 1) for w in probe.words(data) if w["text"] == "1234567"}
    assert sizes and max(sizes) < 9 and min(sizes) >= 6.5 - 0.05


@pytest.mark.parametrize("name", ["pingtan-long-2021", "sample"])
def test_one_face_per_table(built, name):
    import pdfplumber
    import io

    report, data, _ = built[name]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            table_fonts = {c["fontname"].split("+")[-1] for c in page.chars if c["size"] < 12}
            assert len(table_fonts) <= 1, (page.page_number, table_fonts)


def test_table_two_row_labels_are_centred_as_in_the_template(built):
    report, data, _ = built["sample"]
    words = {w["text"]: w for w in probe.words(data)}
    a, b = words["规章"], words["规范性文件"]
    centre = lambda w: (w["xMin"] + w["xMax"]) / 2  # noqa: E731
    assert abs(centre(a) - centre(b)) < 1.0 and abs(a["xMin"] - b["xMin"]) > 5


def test_full_width_brackets_are_closed_up_in_headings(built):
    """「（一）」 in the heading face: the next character starts well under a full em after the
    bracket (a face that centres the bracket glyph would print 「（ 一 ）」)."""
    import pdfplumber
    import io

    _, data, _ = built["sample"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[1].chars
    for i, c in enumerate(chars[:-2]):
        if c["text"] == "（" and chars[i + 1]["text"] == "一" and abs(c["size"] - BODY) < 1:
            assert chars[i + 1]["x0"] - c["x0"] < 0.9 * BODY
            assert chars[i + 2]["x0"] - chars[i + 1]["x0"] < 0.9 * BODY  # 「一」 → 「）」
            break
    else:
        raise AssertionError("no （一） heading on page 2")


def test_a_paragraph_is_broken_into_lines_once(monkeypatch):
    """A 100,000-character paragraph (and a 1,000,000-character report) is laid out in linear
    time: each paragraph is broken into lines once per width, never re-wrapped from the page
    break on, so the characters handled add up to the text's length."""
    handled = []
    real = pdf_paragraph._break

    def counting(src, width, start, first):
        handled.append(len(src.text) - start)
        return real(src, width, start, first)

    monkeypatch.setattr(pdf_paragraph, "_break", counting)
    r = full_report("2021")
    r.texts["s5"] = "本年度，我单位认真贯彻落实《条例》，2024年公开信息10407条。" * 3200
    data = build_pdf(r)
    assert sum(handled) < 1.1 * sum(len(b.text) for b in blocks(r)) + 10_000
    assert int(probe.info(data)["Pages"]) > 100
