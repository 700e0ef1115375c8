"""tools/check_docx_layout.py's judgement of measured lines, on lines made by hand (CI has no
LibreOffice to make real ones): what counts as a full line of 28, what 禁则 excuses, and when a
page holds too few or too many lines.  Positions are in points on an A4 page whose text block
starts 28 mm (79.37 pt) from the left and is 442.2 pt wide; lines are 28.95 pt apart."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_docx_layout", ROOT / "tools" / "check_docx_layout.py")
C = importlib.util.module_from_spec(_spec)
sys.modules["check_docx_layout"] = C  # dataclasses look their module up while it loads
_spec.loader.exec_module(C)

LEFT, RIGHT, PITCH = 79.37, 79.37 + 442.2, 28.95
HANZI = "政府信息公开工作年度报告格式通知要求编制本报告所列数据统计期限"


def line(i: int, text: str, indent: int = 0, full: bool = True):
    top = 110 + i * PITCH
    return C.Line(top, LEFT + 16 * indent, RIGHT - 0.5 if full else LEFT + 16 * len(text), text)


def paragraph(first: int, n_lines: int) -> list:
    """A paragraph of n lines: 26 characters after the indent, then 28, the last line short."""
    out = [line(first, HANZI[:26], indent=2)]
    out += [line(first + k, HANZI[:28]) for k in range(1, n_lines - 1)]
    out.append(line(first + n_lines - 1, HANZI[:5], full=False))
    return out


def problems(*pages):
    return C.check([C.Page(n, lines, []) for n, lines in enumerate(pages, 1)], "test").problems


def test_full_lines_of_28_pass():
    assert problems(paragraph(0, 5)) == []


def test_a_line_of_27_without_a_reason_fails():
    lines = paragraph(0, 4)
    lines[1] = line(1, HANZI[:27])
    [problem] = problems(lines)
    assert "27 characters, not 28" in problem


def test_14_characters_a_line_fails():  # what LibreOffice made of the old character grid
    lines = [line(0, HANZI[:12], indent=2), line(1, HANZI[:14]), line(2, HANZI[:3], full=False)]
    assert len(problems(lines)) == 2


def test_line_breaking_rules_excuse_one_character():
    lines = paragraph(0, 4)
    lines[1] = line(1, HANZI[:27])
    lines[2] = line(2, "知》" + HANZI[:26])  # 「知」 went over with the 「》」 that may not start a line
    assert problems(lines) == []
    lines[2] = line(2, "（" + HANZI[:27])  # an opening mark may not end the line above
    assert problems(lines) == []
    lines[1] = line(1, HANZI[:28] + "，")  # a comma hangs in the margin
    assert problems(lines) == []
    lines[1] = line(1, HANZI[:20])
    lines[2] = line(2, "2021年" + HANZI[:20])  # a number does not fit whole
    assert problems(lines) == []


def test_a_line_that_stops_short_though_its_paragraph_goes_on_fails():
    lines = paragraph(0, 4)
    lines[1] = line(1, HANZI[:20] + "2024年", full=False)
    [problem] = problems(lines)
    assert "stops short" in problem


def test_a_page_a_paragraph_runs_off_holds_22_lines():
    full_page = paragraph(0, 22)[:-1] + [line(21, HANZI[:28])]
    rest = [line(0, HANZI[:28]), line(1, HANZI[:28]), line(2, HANZI[:4], full=False)]
    assert problems(full_page, rest) == []
    short_page = full_page[:20]  # ends after 20 lines though the paragraph goes on
    assert any("after 20 lines, not 22" in p for p in problems(short_page, rest))
    # 21 lines when the paragraph's last two went over together (widow control).
    assert problems(full_page[:21], rest[1:]) == []


def test_more_than_22_lines_or_off_the_grid_fails():
    crowded = [line(i, HANZI[:28]) for i in range(23)]
    assert any("23 grid lines" in p for p in problems(crowded))
    skewed = paragraph(0, 3)
    skewed[2] = C.Line(skewed[2].top + 5, skewed[2].x0, skewed[2].x1, skewed[2].text)
    assert any("not a multiple" in p for p in problems(skewed))
