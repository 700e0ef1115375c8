"""User text in the PDF is data: markup, entities, file references, control characters, emoji,
rare hanzi and a 100,000-character section all print literally; Chinese line-start rules hold."""

from __future__ import annotations

import random

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

import test_pdf_probe as probe
from export import pdf_patches, pdf_text
from export.pdf_fonts import font_set
from export.pdf_report import BLOCK_W, BODY_SIZE, build_pdf
from factories import full_report

NO_START = "，。、；：！？）》」』”’…"


def pdf_with(texts: dict[str, str], **meta) -> bytes:
    r = full_report("2021")
    r.texts.update(texts)
    for k, v in meta.items():
        setattr(r, k, v)
    return build_pdf(r)


HOSTILE = [
    "a<b 与 c>d",
    "<b>未闭合的粗体",
    "</font></para>结束标签",
    "&lt;已转义&gt; 与 &amp; 与 &#x4e2d; 与 &nbsp;",
    "R&D 部门 & 其他",
    "<font name=\"Helvetica\" size=\"40\">注入字体</font>",
    "<a href=\"file:///etc/passwd\">链接</a>",
    "<![CDATA[数据]]> 与 <!-- 注释 -->",
    "<br/>不是换行",
    "100% 的 \"引号\" 与 'single'",
]


def test_markup_like_text_prints_literally(tmp_path):
    png = tmp_path / "pixel.png"
    # A real image: if <img> were interpreted, reportlab would embed it as an image XObject.
    png.write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"))
    lines = HOSTILE + [f"<img src=\"{png}\"/>图片", "<img src=/etc/passwd>"]
    data = pdf_with({"s1": "\n".join(lines), "preamble": "<b>前言</b>"})
    flat = probe.compact(probe.text(data))
    for line in lines + ["<b>前言</b>"]:
        assert probe.compact(line) in flat, line
    assert b"/Subtype /Image" not in data
    assert b"/URI" not in data and b"/Annots" not in data


def test_agency_and_date_are_data_too():
    data = pdf_with({}, agency="<b>测试&局</b>")
    flat = probe.compact(probe.text(data))
    assert "<b>测试&局</b>2024年政府信息公开工作年度报告" in flat.replace("\n", "")
    assert probe.info(data)["Author"] == "<b>测试&局</b>"


def test_tabs_spaces_and_control_characters(tmp_path):
    data = pdf_with({"s5": "列1\t列2\x00\x07 两个  空格\u3000全角\u200b零宽"})
    raw = probe.text(data)
    line = next(ln for ln in raw.splitlines() if ln.startswith("列1"))
    assert probe.compact(line) == "列1列2两个空格全角零宽"
    assert "\x00" not in raw and "\x07" not in raw
    # The tab keeps its width on the page (reportlab would collapse it to one space).
    words = probe.words(data)
    x1 = next(w for w in words if w["text"] == "列1")
    x2 = next(w for w in words if w["text"] == "列2")
    assert x2["xMin"] - x1["xMax"] >= 1.5 * BODY_SIZE


def test_emoji_becomes_a_visible_replacement_mark():
    data = pdf_with({"s6": "表扬😀本年度👍🏽完成"})
    flat = probe.compact(probe.text(data))
    assert "表扬〓本年度〓完成" in flat


def test_rare_hanzi_print_and_extract():
    """堃 and 喆 are GBK; 𠀾 is CJK Extension B (beyond the BMP): drawn and searchable."""
    data = pdf_with({"s6": "张堃、李喆与𠀾字"})
    flat = probe.compact(probe.text(data))
    assert "张堃、李喆与𠀾字" in flat


def test_character_missing_from_the_body_font_falls_back_to_the_other():
    fonts = font_set("bundled")
    missing = next(chr(c) for c in range(0x4E00, 0x9FA6)
                   if not fonts.body.has(chr(c)) and fonts.heading.has(chr(c)))
    runs = pdf_text.runs(f"甲{missing}乙", fonts.body, fonts)
    assert [(f.name, t) for f, t in runs] == [
        (fonts.body.name, "甲"), (fonts.heading.name, missing), (fonts.body.name, "乙")]
    data = pdf_with({"s6": f"生僻字{missing}测试"})
    assert f"生僻字{missing}测试" in probe.compact(probe.text(data))


def test_lone_surrogate_does_not_crash():
    data = pdf_with({"s6": "坏\udc80字"})
    assert "坏〓字" in probe.compact(probe.text(data))


def test_hundred_thousand_character_section_prints_in_full():
    body = "".join(random.Random(7).choice("政府信息公开工作年度报告条例规定，。、") for _ in range(100_000))
    data = pdf_with({"s5": body})  # how long it takes is bench/'s business, not a test's
    pages = int(probe.info(data)["Pages"])
    assert pages > 100
    flat = probe.compact(probe.text(data))
    assert body[:200] in flat and body[-200:] in flat
    assert body in probe.PAGE_NUMBER.sub("", flat)


def test_no_line_starts_with_closing_punctuation():
    pdf_patches.apply()
    assert all(ch in pdf_patches.cannot_start() for ch in NO_START)
    rnd = random.Random(3)
    # One mark at a time here; runs such as 「……」 and 「。”」 are tested below.
    words = ["政府", "信息", "公开", "工作", "年度", "报告", "《条例", "“公开", "（一", "100%"]
    paras = []
    for _ in range(40):
        s = ""
        while len(s) < 120:
            s += rnd.choice(words) + rnd.choice(["", "", "，", "。", "、", "；", "：", "！", "？", "…", "）", "》", "”"])
        paras.append(s)
    data = pdf_with({"s5": "\n".join(paras)})
    raw = probe.text(data)
    start = raw.index("五、存在的主要问题及改进情况")
    lines = [ln.strip() for ln in raw[start:].splitlines()[1:] if ln.strip()]
    assert len(lines) > 100
    bad = [ln for ln in lines if ln[0] in NO_START]
    assert bad == []


@pytest.mark.parametrize("paired", [False, True])
def test_runs_of_closing_marks_and_opening_marks_at_a_break(paired):
    """「……」「。”」「？」」 never put their second mark first on a line, and 「《」「“」「（」 never end
    one: the character before the run moves down with it.  Every shift of the text against the
    line end is tried, in a single-font paragraph and (paired: a rare hanzi set in the second
    font) in a multi-font one, which reportlab breaks by a different routine."""
    pdf_patches.apply()
    no_end = "《“（「"
    tail = "他说：“公开为常态。”随后……又问：“为什么？”" + "字" * 20 + "认真贯彻落实《条例》（试行）“公开”"
    extra = "𠀾" if paired else ""
    bad = []
    for n in range(0, 28):
        data = pdf_with({"s5": extra + "字" * n + tail * 2})
        raw = probe.text(data)
        part = raw[raw.index("五、存在的主要问题及改进情况"):raw.index("六、其他需要报告的事项")]
        lines = [ln.strip() for ln in part.splitlines()[1:] if ln.strip()]
        assert probe.compact("".join(lines)) == probe.compact(extra + "字" * n + tail * 2)
        bad += [(n, a[-3:], b[:3]) for a, b in zip(lines, lines[1:])
                if b[0] in NO_START or a[-1] in no_end]
    assert bad == []


def test_better_break_moves_the_character_before_the_run():
    from export.pdf_linebreak import better_break

    pdf_patches.apply()
    no_start, no_end = pdf_patches.cannot_start(), "《“"
    text = "一二三四。”五六"
    assert better_break(text, 0, 5, no_start, no_end) == 3  # 「四。”」 starts the next line
    assert better_break(text, 0, 6, no_start, no_end) == 6  # 「五」 may start a line
    assert better_break("一二三《四五", 0, 4, no_start, no_end) == 3  # 「《」 goes down
    assert better_break("一……", 0, 2, no_start, no_end) == 2  # nothing better: kept
    assert better_break("一二三四五", 0, 3, no_start, no_end) == 3


def test_comma_at_a_full_line_takes_the_character_before_it_down():
    """26 characters after the two-character indent fill a line.  The comma that follows may
    neither start the next line nor hang in the margin: the last 字 moves down with it (推出)
    and the first line is spread to the margin."""
    per_line = int(BLOCK_W // BODY_SIZE)
    assert per_line == 28
    para = "字" * (per_line - 2) + "，后面的文字继续排在下一行。"
    data = pdf_with({"s5": para})
    raw = probe.text(data)
    i = raw.index("五、存在的主要问题及改进情况")
    first, second = [ln for ln in raw[i:].splitlines()[1:3]]
    assert first.strip() == "字" * (per_line - 3)
    assert second.strip().startswith("字，后面")
    right = max(ln["x1"] for page in probe.page_lines(data, min_size=13) for ln in page)
    assert right <= (28 + 156) * 72 / 25.4 + 0.01


def test_balanced_title_lines():
    fonts = font_set("bundled")

    def width(s):
        return stringWidth(s, fonts.title.name, 22)

    agency = "某某省某某市某某区某某街道办事处党政综合办公室（政务公开办公室）"
    title = agency + "2024年政府信息公开工作年度报告"
    lines = pdf_text.balance_lines(title, width, BLOCK_W, pdf_patches.cannot_start(), len(agency))
    assert "".join(lines) == title
    assert len(lines) >= 3
    assert all(width(s) <= BLOCK_W for s in lines)
    assert all(s[0] not in pdf_patches.cannot_start() for s in lines)
    widths = [width(s) for s in lines]
    assert max(widths) - min(widths) < 4 * 22  # balanced, not one long line and a stub
    short = pdf_text.balance_lines("短标题", width, BLOCK_W, "", None)
    assert short == ["短标题"]


def test_long_agency_title_fits_the_page():
    r = full_report("2021")
    r.agency = "某某省某某市某某区某某街道办事处党政综合办公室（政务公开办公室）"
    data = build_pdf(r)
    first = [ln.strip() for ln in probe.text(data, 1).splitlines()
             if ln.strip() and not probe.PAGE_NUMBER.fullmatch(ln.strip())]
    assert probe.compact("".join(first)).startswith(probe.compact(r.title))


@pytest.mark.parametrize("text", ["政府信息，" * 600, "，" * 400, "某" * 3000],
                         ids=["commas", "only-commas", "plain"])
def test_balancing_a_pasted_paragraph_is_linear_and_fits(text):
    """A paragraph pasted as the agency name: the old search measured O(lines·n²) substrings and
    took hours for 3,000 characters.  Counted, not timed: widths are summed per character, so the
    characters measured stay within three times the text (each once, the whole text a couple of
    times); a quadratic search would pass that budget at once and fail here instead of hanging.
    Every line fits, and no line starts with a no-start mark where another cut exists.  (The
    export's speed is in bench/bench_pdf.py.)"""
    fonts = font_set("bundled")
    budget = 3 * len(text)
    measured = [0]

    def width(s):
        measured[0] += len(s)
        if measured[0] > budget:
            raise AssertionError(f"measured more than {budget} characters: not linear")
        return stringWidth(s, fonts.title.name, 22)

    lines = pdf_text.balance_lines(text, width, BLOCK_W, pdf_patches.cannot_start())
    assert measured[0] <= budget
    assert "".join(lines) == text
    assert all(stringWidth(s, fonts.title.name, 22) <= BLOCK_W + 1e-6 for s in lines)
    if text[0] != "，":
        assert all(s[0] not in pdf_patches.cannot_start() for s in lines)


# -- clean() and runs() handle a text a piece at a time and each distinct character once; they
# must give what a plain character-by-character reading gives (written out here as the rule).

def _clean_by_hand(text: str) -> str:
    import re
    import unicodedata

    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\t":
            out.append("\u00a0" * 4)
        elif ch == "\u3000":
            out.append("\u00a0" * 2)
        elif 0xD800 <= code <= 0xDFFF:
            out.append("〓")
        elif 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF \
                or unicodedata.category(ch) in ("Cf", "Cc"):
            continue
        else:
            out.append(ch)
    return re.sub(r" {2,}", lambda m: "\u00a0" * len(m.group()), "".join(out))


def _runs_by_hand(text: str, primary, fonts) -> list[tuple[str, str]]:
    out: list[list] = []
    for ch in text:
        face = next((f for f in fonts.fallback_order(primary) if f.has(ch)), None)
        if face is None:
            ch = "〓"
            face = next((f for f in fonts.fallback_order(primary) if f.has(ch)), primary)
        if out and out[-1][0] == face.name:
            out[-1][1] += ch
        else:
            out.append([face.name, ch])
    return [tuple(r) for r in out]


def _hypothesis_text():
    from hypothesis import strategies as st

    fonts = font_set("bundled")
    rare = next(chr(c) for c in range(0x4E00, 0x9FA6) if not fonts.body.has(chr(c)) and fonts.heading.has(chr(c)))
    pieces = st.sampled_from(["政", "府", "信", "息", "，", "。", " ", "  ", "\t", "\u3000", "\u200b", "\x07",
                              "\udc80", "\ufe0f", "👍", "a", "1", "〓", rare, chr(0x10FFFD), "\n"])
    return st.lists(pieces, max_size=60).map("".join)


from hypothesis import example, given, settings  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(text=_hypothesis_text())
def test_clean_and_runs_read_each_character_as_the_rule_says(text):
    fonts = font_set("bundled")
    assert pdf_text.clean(text) == _clean_by_hand(text)
    for primary in (fonts.body, fonts.heading):
        want = _runs_by_hand(_clean_by_hand(text), primary, fonts)
        assert [(f.name, t) for f, t in pdf_text.runs(pdf_text.clean(text), primary, fonts)] == want
        assert pdf_text.font_runs(text, primary, fonts) == want


@settings(max_examples=60, deadline=None)
@given(text=_hypothesis_text())
@example(text="   \x07 ")  # found by hypothesis: spaces around a dropped control, cut between pieces
def test_a_text_read_in_small_pieces_gives_the_same_runs(text):
    """font_runs reads 64 K characters at a time; with pieces of 3 every boundary case shows."""
    fonts = font_set("bundled")
    pieces = list(pdf_text.text_chunks(text, 3))
    assert "".join(pieces) == text
    assert all(not (a.endswith(" ") and b.startswith(" ")) for a, b in zip(pieces, pieces[1:]))
    real = pdf_text.text_chunks
    try:
        pdf_text.text_chunks = lambda t, size=3: real(t, 3)
        small = pdf_text.font_runs(text, fonts.body, fonts)
    finally:
        pdf_text.text_chunks = real
    assert small == _runs_by_hand(_clean_by_hand(text), fonts.body, fonts)
