"""The command line as a power user drives it: argument mistakes in Chinese, output names that say
what they hold, nothing written when one argument is wrong, a pipe closed early, any report checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from factories import full_report
from model.draft_io import load_draft, save_draft
from summary_helpers import write_unit

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=120)


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def draft(tmp_path: Path) -> Path:
    path = tmp_path / "报告.gknb"
    save_draft(path, full_report("2021"))
    return path


# -- argparse's own words ------------------------------------------------------------------------
def test_usage_and_argument_mistakes_are_in_chinese():
    for argv, words in ((["check"], ["用法：", "缺少必需的参数"]),
                        (["rollover", "x.gknb", "-o", "y.gknb", "--year", "abc"], ["“abc”不是有效的整数"]),
                        (["export", "x.gknb", "--pdf"], ["后面应跟一个值"]),
                        (["fonts", "--fonts", "mine"], ["“mine”无效"]),
                        (["summarize", "folder", "--units"], ["后面应跟一个值"]),
                        (["check", "x.gknb", "--未知"], ["无法识别的参数"])):
        proc = run(*argv)
        assert proc.returncode == 2, argv
        for word in words:
            assert word in proc.stderr, (argv, proc.stderr)
        for english in ("usage:", "error:", "required", "invalid", "expected"):
            assert english not in proc.stderr, (argv, proc.stderr)


def test_an_argument_a_command_does_not_know_is_told_with_that_commands_usage():
    proc = run("export", "x.gknb", "-o", "out.pdf")
    assert proc.returncode == 2
    assert proc.stderr.startswith("用法：main.py export ")  # what export takes: --pdf 文件 …
    assert "--pdf 文件" in proc.stderr
    assert proc.stderr.rstrip().endswith("main.py export：错误：无法识别的参数：-o out.pdf")


def test_help_is_in_chinese():
    for argv in (["--help"], ["summarize", "-h"], ["check", "-h"]):
        proc = run(*argv)
        assert proc.returncode == 0 and "用法：" in proc.stdout and "显示本帮助并退出" in proc.stdout
        assert "show this help" not in proc.stdout and "usage:" not in proc.stdout
        assert "positional arguments" not in proc.stdout and "OUTPUT" not in proc.stdout


def test_a_mistyped_command_names_the_commands_instead_of_opening_a_window():
    proc = run("chek", "报告.gknb")
    assert proc.returncode == 2
    assert "“chek”无效" in proc.stderr and "check" in proc.stderr and "summarize" in proc.stderr
    assert "图形界面" not in proc.stderr  # not the window's "no display" message


# -- output names --------------------------------------------------------------------------------
def test_rollover_never_writes_a_draft_under_a_word_file_s_name(tmp_path):
    last = tmp_path / "2024.gknb"
    save_draft(last, full_report("2021", year=2024))
    before = files_in(tmp_path)
    proc = run("rollover", last, "-o", tmp_path / "2025年报.docx")
    assert proc.returncode == 2 and ".gknb" in proc.stderr and "2025年报.docx" in proc.stderr
    assert files_in(tmp_path) == before
    assert run("rollover", last, "-o", tmp_path / "2025年报").returncode == 0
    assert load_draft(tmp_path / "2025年报.gknb").year == 2025


def test_export_outputs_get_their_extension_and_a_wrong_one_is_refused(tmp_path):
    path = draft(tmp_path)
    before = files_in(tmp_path)
    proc = run("export", path, "--pdf", tmp_path / "年报.pdf", "--xlsx", tmp_path / "报送.pdf")
    assert proc.returncode == 2 and "报送.pdf" in proc.stderr and ".xlsx" in proc.stderr
    assert files_in(tmp_path) == before  # not even the PDF, whose name was right
    proc = run("export", path, "--pdf", tmp_path / "年报", "--html", tmp_path / "年报.htm")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "年报.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "年报.htm").read_bytes().lstrip().lower().startswith(b"<!doctype html")
    assert "年报.pdf" in proc.stdout


def test_one_bad_output_means_no_output_at_all(tmp_path):
    path = draft(tmp_path)
    before = files_in(tmp_path)
    long_name = "长" * 120 + ".html"  # longer than any file system allows
    for bad in (["--html", tmp_path / long_name], ["--html", tmp_path / "没有这个文件夹" / "a.html"],
                ["--html", tmp_path]):
        proc = run("export", path, "--pdf", tmp_path / "a.pdf", "--xlsx", tmp_path / "a.xlsx",
                   "--docx", tmp_path / "a.docx", *bad)
        assert proc.returncode == 2, (bad, proc.stdout)
        assert "Traceback" not in proc.stderr and proc.stderr.strip()
        assert files_in(tmp_path) == before, bad


def test_summarize_outputs_follow_the_same_naming_rule(tmp_path):
    folder = tmp_path / "报送"
    write_unit(folder, "甲.gknb", "鼓楼区教育局")
    proc = run("summarize", folder, "-o", tmp_path / "本区汇总.docx")
    assert proc.returncode == 2 and ".gknb" in proc.stderr
    proc = run("summarize", folder, "-o", tmp_path / "本区汇总", "--review", tmp_path / "审核情况")
    assert proc.returncode == 0, proc.stderr
    assert {"本区汇总.gknb", "审核情况.xlsx"} <= files_in(tmp_path)


# -- pipes and paths -----------------------------------------------------------------------------
def test_a_pipe_closed_early_ends_quietly_and_the_work_is_done(tmp_path):
    folder = tmp_path / "报送"
    for i in range(30):
        write_unit(folder, f"{i:02d}.gknb", f"鼓楼区第{i}局", seed=i)
    out = tmp_path / "汇总.gknb"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "summarize", str(folder), "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    proc.stdout.close()  # like `| head -1` after its line
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert proc.returncode == 0
    assert len(load_draft(out).summary.units) == 30


def test_one_file_reached_by_two_paths_is_one_unit(tmp_path):
    folder = tmp_path / "报送"
    one = write_unit(folder, "教育局.gknb", "鼓楼区教育局")
    write_unit(folder, "财政局.gknb", "鼓楼区财政局", seed=2)
    os.link(one, tmp_path / "教育局-链接.gknb")  # a second name of the same file
    proc = run("summarize", folder, folder / ".." / "报送" / "教育局.gknb", tmp_path / "教育局-链接.gknb",
               "-o", tmp_path / "汇总.gknb")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "重复" not in proc.stdout
    assert len(load_draft(tmp_path / "汇总.gknb").summary.units) == 2


# -- check reads any report ----------------------------------------------------------------------
def test_check_reads_a_word_file_and_says_what_it_read(tmp_path):
    from export.docx_report import write_docx

    report = full_report("2021")
    report.cells["t3.r1_new.natural"] += 3  # 表三 no longer balances
    word = tmp_path / "年报.docx"
    write_docx(report, word)
    proc = run("check", word)
    assert proc.returncode == 1, proc.stderr
    assert "Word" in proc.stdout and "相差 3" in proc.stdout
    old = tmp_path / "年报.doc"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    proc = run("check", old)
    assert proc.returncode == 2 and "另存为" in proc.stderr


def test_a_font_folder_that_is_not_there_is_said_not_ignored(tmp_path):
    path = draft(tmp_path)
    (tmp_path / "字体.ttf").write_bytes(b"\0")
    for bad in (tmp_path / "没有的字体文件夹", tmp_path / "字体.ttf"):
        proc = run("fonts", "--font-dir", bad)
        assert proc.returncode == 2 and str(bad) in proc.stderr and "文件夹" in proc.stderr, proc.stderr
        before = files_in(tmp_path)
        proc = run("export", path, "--pdf", tmp_path / "a.pdf", "--font-dir", bad)
        assert proc.returncode == 2 and str(bad) in proc.stderr
        assert files_in(tmp_path) == before
    assert run("fonts", "--font-dir", tmp_path).returncode == 0


def test_a_draft_s_backup_is_checked_and_rolled_over_as_the_draft_it_is(tmp_path):
    # The messages for a damaged draft say 「可尝试打开同名的 .bak 备份文件」: the commands read it.
    path = draft(tmp_path)
    save_draft(path, load_draft(path))  # the second save keeps a .bak
    backup = tmp_path / "报告.gknb.bak"
    assert backup.is_file()
    assert run("check", backup).returncode == 0
    proc = run("rollover", backup, "-o", tmp_path / "下一年")
    assert proc.returncode == 0, proc.stderr
    assert load_draft(tmp_path / "下一年.gknb").year == 2025


def test_export_of_a_word_file_says_to_import_it_first(tmp_path):
    from export.docx_report import write_docx

    word = tmp_path / "年报.docx"
    write_docx(full_report("2021"), word)
    before = files_in(tmp_path)
    proc = run("export", word, "--pdf", tmp_path / "年报.pdf")
    assert proc.returncode == 2 and "import" in proc.stderr and "UTF-8" not in proc.stderr, proc.stderr
    assert files_in(tmp_path) == before


def test_forced_outputs_never_go_through_a_link_nor_into_a_pipe(tmp_path):
    path = draft(tmp_path)
    other = tmp_path / "别人的草稿.gknb"
    save_draft(other, full_report("2021", seed=7))
    kept = other.read_bytes()
    link = tmp_path / "链接.gknb"
    os.symlink(other, link)
    pipe = tmp_path / "管道.gknb"
    os.mkfifo(pipe)
    folder = tmp_path / "报送"
    write_unit(folder, "甲.gknb", "鼓楼区教育局")
    for argv in (["rollover", path, "-o", link, "--force"], ["import", path, "-o", link, "--force"],
                 ["summarize", folder, "-o", link, "--force"], ["export", path, "--pdf", tmp_path / "a.pdf",
                                                                  "--html", tmp_path / "链接.html"]):
        if argv[0] == "export":
            os.symlink(other, tmp_path / "链接.html")
        proc = run(*argv)
        assert proc.returncode == 2 and "链接" in proc.stderr, (argv, proc.stderr)
        assert other.read_bytes() == kept and link.is_symlink()
    assert not (tmp_path / "a.pdf").exists()
    for argv in (["rollover", path, "-o", pipe, "--force"], ["import", path, "-o", pipe, "--force"],
                 ["summarize", folder, "-o", pipe, "--force"]):
        proc = run(*argv)
        assert proc.returncode == 2 and "不是普通文件" in proc.stderr and "另存为" not in proc.stderr, proc.stderr
