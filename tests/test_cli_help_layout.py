"""The command line's help lines up in a terminal, where a Chinese character takes two columns.

The columns expected are worked out by hand from the parsers (model/cli.py, export/cli.py,
export/summary_cli.py, model/importing/cli.py) for an 80-column terminal (argparse leaves two
columns free, so lines are at most 78 wide):
- main.py --help: the widest invocation is 「summarize」 (9) under the 命令 group at indent 4, so
  the descriptions start at 4 + 9 + 2 = column 15.
- every subcommand has an invocation at least 22 wide at indent 2 (「-o 汇总草稿, --output 汇总草稿」
  is 30 columns, 「--fonts {auto,bundled}」 22, 「--overview-limit 字数」 21 + the 2 of 「-h, --help」's
  line …), so argparse's cap of 24 applies: descriptions start at column 24.
Columns are counted here with a rule of this test's own: CJK ideographs and punctuation
(U+2E80–U+FE4F) and fullwidth forms (U+FF00–U+FF60, U+FFE0–U+FFE6) take two, anything else one.
"""

from __future__ import annotations

import re

import pytest

import main

WIDTH = 78
EXPECTED_COLUMN = {"": 15, "check": 24, "rollover": 24, "import": 24, "export": 24, "fonts": 24, "summarize": 24}
# 「用法：」 is 6 columns; usage continuation lines start under the first option.
USAGE_INDENT = {"summarize": 6 + len("main.py summarize "), "export": 6 + len("main.py export ")}


def columns(text: str) -> int:
    return sum(2 if "\u2e80" <= c <= "\ufe4f" or "\uff00" <= c <= "\uff60" or "\uffe0" <= c <= "\uffe6" else 1
               for c in text)


def help_text(command: str, capsys, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as stop:
        main.run_command([command, "--help"] if command else ["--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", list(EXPECTED_COLUMN))
def test_descriptions_start_in_one_column(command, capsys, monkeypatch):
    out = help_text(command, capsys, monkeypatch)
    col = EXPECTED_COLUMN[command]
    lines = out.splitlines()
    first_section = next(i for i, line in enumerate(lines) if line in ("参数:", "选项:"))
    described = 0
    for line in lines[first_section:]:
        if not line.strip() or not line.startswith(" "):
            continue  # a blank line or a section heading
        lead = len(line) - len(line.lstrip(" "))
        if lead == col:
            continue  # a description's next line, or one under an invocation too long to share it
        m = re.match(r"^( +)(\S(?:.*?\S)?)( {2,})(\S.*)$", line)
        if m is None:
            assert lead < col, f"{line!r}"  # an invocation alone on its line (its help follows)
            continue
        described += 1
        start = columns(m.group(1) + m.group(2) + m.group(3))
        assert start == col, f"{command or 'main.py'}: description at column {start}, not {col}: {line!r}"
    assert described >= 2
    for line in lines:
        assert columns(line) <= WIDTH, f"wider than the terminal: {line!r}"


@pytest.mark.parametrize("command", list(USAGE_INDENT))
def test_usage_continues_under_its_first_option(command, capsys, monkeypatch):
    out = help_text(command, capsys, monkeypatch)
    usage = out.split("\n\n")[0].splitlines()
    assert usage[0].startswith(f"用法：main.py {command} [-h]") and len(usage) >= 2
    for line in usage[1:]:
        assert len(line) - len(line.lstrip(" ")) == USAGE_INDENT[command], line
        assert line.lstrip(" ").startswith(("[", "文件夹", "草稿"))


def test_a_long_chinese_description_wraps_within_the_terminal(capsys, monkeypatch):
    """「import」's help on the main page (64 characters, 115 columns) wraps into lines that
    all start at column 15 and none wider than 78; no character is lost."""
    out = help_text("", capsys, monkeypatch)
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("    import "))
    pieces = [lines[i][15:]]
    for line in lines[i + 1:]:
        if not line.startswith(" " * 15):
            break
        pieces.append(line[15:])
    assert len(pieces) == 2
    assert "".join(pieces).replace(" ", "") == ("导入Word、网页、PDF、Excel格式的年度报告为草稿（退出码0全部读取，1有未读取或"
                                                "待核对之处，2无法导入）")


def test_lines_never_start_with_closing_punctuation():
    from model.cli_parser import wrap_display

    # 一二三 is 6 columns; 「四，」 (4 more) does not fit in 8, and the comma stays with 四.
    assert wrap_display("一二三四，五六", 8) == ["一二三", "四，五六"]
    # A Latin word is not cut while it fits on a line of its own; 「Excel 文」 would be 8 wide.
    assert wrap_display("导出 Excel 文件", 7) == ["导出", "Excel", "文件"]


def test_a_last_line_never_holds_one_character_alone():
    """Chinese typesetting: the character before a lone last character comes down with it.
    Widths by hand: a Chinese character or mark is two columns."""
    from model.cli_parser import wrap_display

    # 一二三四 fills 8 columns; 五 alone would be the last line.
    assert wrap_display("一二三四五", 8) == ["一二三", "四五"]
    assert wrap_display("一二三四五。", 8) == ["一二三", "四五。"]  # the full stop does not count
    assert wrap_display("一二三四（五）", 8) == ["一二三", "四（五）"]  # nor the brackets
    # 四 comes down with its comma: the new last line does not start with 「，」.
    assert wrap_display("一二三四，五", 10) == ["一二三", "四，五"]
    # The space between them comes along: 「三 四」 is 5 columns.
    assert wrap_display("一二三 四", 7) == ["一二", "三 四"]
    # Two characters on the last line already: nothing moves.
    assert wrap_display("一二三四五六", 8) == ["一二三四", "五六"]
    # A Latin word is not a character to pair with; a line above of one character is not emptied;
    # a pair wider than the line is not made.
    assert wrap_display("一二 Word 文", 9) == ["一二 Word", "文"]
    assert wrap_display("一二", 3) == ["一", "二"]
    assert wrap_display("一二三", 3) == ["一", "二", "三"]
    # A lone Latin letter is not a Chinese orphan.
    assert wrap_display("一二三四 a", 8) == ["一二三四", "a"]


def test_main_help_leaves_no_lone_character(capsys, monkeypatch):
    """「rollover」's help (64 columns) in the 63 columns from column 15 to 78: 「稿」 alone was its
    last line; 「草」 comes down with it."""
    lines = help_text("", capsys, monkeypatch).splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("    rollover "))
    assert lines[i][15:] == "由上年报告（草稿、Word、网页、PDF 或 Excel）创建下一年度报告"
    assert lines[i + 1] == " " * 15 + "草稿"
