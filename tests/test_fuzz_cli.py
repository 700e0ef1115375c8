"""Fuzzing the command line: any arguments give exit code 0, 1 or 2 and a message, never a traceback.

In-process through main.run_command (fast, many examples), plus a few real processes for what
only a process shows: its exit code, its stderr, and arguments that are not valid UTF-8.
Files change only where the clerk asked for output (rollover -o, export --pdf/--xlsx).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import main
from model.samples import seed_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = seed_path()
LONG = "长" * 120 + ".gknb"  # 360 bytes in UTF-8: longer than any file system allows


def fuzz(default: int):
    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def make_workspace(root: Path) -> dict[str, str]:
    """A folder with every kind of thing a path argument may point at."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, root / "样例.gknb")
    (root / "损坏.gknb").write_bytes(SAMPLE.read_bytes()[:500])
    (root / "空.gknb").write_bytes(b"")
    (root / "文件夹.gknb").mkdir(exist_ok=True)
    (root / "只读目录").mkdir(exist_ok=True)
    extra = {}
    if os.name == "posix":  # hostile names: a FIFO (a read would wait for ever), links to the draft
        if not (root / "管道.gknb").exists():
            os.mkfifo(root / "管道.gknb")
        if not (root / "链接.pdf").is_symlink():
            os.symlink(root / "样例.gknb", root / "链接.pdf")
        extra = {"fifo": str(root / "管道.gknb"), "link": str(root / "链接.pdf"),
                 "bak": str(root / "样例.gknb.bak"), "lock": str(root / "样例.gknb.lock")}
    return {**extra,
        "sample": str(root / "样例.gknb"), "damaged": str(root / "损坏.gknb"), "empty": str(root / "空.gknb"),
        "dir": str(root / "文件夹.gknb"), "missing": str(root / "不存在.gknb"),
        "missing_dir": str(root / "无此目录" / "新.gknb"), "long": str(root / LONG),
        "new": str(root / "新报告"), "pdf": str(root / "报告.pdf"), "xlsx": str(root / "报告.xlsx"),
        "pdf_in_dir": str(root / "文件夹.gknb"), "relative": "相对路径.gknb", "blank": "", "dash": "-",
        "space": " ", "dotdot": str(root / ".." / root.name / "样例.gknb"),
    }


def snapshot(root: Path) -> dict[str, str]:
    out = {}
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            out[str(p.relative_to(root))] = hashlib.sha1(p.read_bytes()).hexdigest()
    return out


def run_in_process(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main.run_command(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@st.composite
def command_lines(draw, paths: dict[str, str]):
    """Mostly well-formed commands on every kind of path, then sometimes a token added or dropped."""
    # Random names stay relative and inside the workspace (the test runs as root in CI: an
    # absolute or ../ name could write anywhere on the machine).
    any_path = st.one_of(st.sampled_from(sorted(paths.values())),
                         st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                                 max_size=12).filter(lambda t: not t.startswith(("/", "~")) and ".." not in t))
    source = st.one_of(st.just(paths["sample"]), st.just(paths["sample"]), any_path)  # mostly readable
    target = st.one_of(st.sampled_from([paths["new"], paths["pdf"], paths["xlsx"], paths["relative"]]), any_path)
    path = any_path
    year = st.one_of(st.integers(1990, 2210).map(str),
                     st.sampled_from(["-5", "99999999999999999999", "二〇二二", "2021.5", "0x7e6", ""]))
    cmd = draw(st.sampled_from(["check", "rollover", "export", "other"]))
    if cmd == "check":
        argv = ["check", draw(source)] + (["--json"] if draw(st.booleans()) else [])
    elif cmd == "rollover":
        argv = ["rollover", draw(source), draw(st.sampled_from(["-o", "--output"])), draw(target)]
        if draw(st.booleans()):
            argv += ["--year", draw(year)]
        if draw(st.booleans()):
            argv.append("--force")
    elif cmd == "export":
        argv = ["export", draw(source)]
        if draw(st.booleans()):
            argv += ["--pdf", draw(target)]
        if draw(st.booleans()):
            argv += ["--xlsx", draw(target)]
    else:
        argv = [draw(st.sampled_from(["-h", "--help", "帮助", "--json", "--", "-"]))]
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        if argv and draw(st.booleans()):
            argv.pop(draw(st.integers(0, len(argv) - 1)))
        else:
            token = draw(st.one_of(path, year, st.sampled_from(
                ["--json", "--force", "-o", "--year", "--pdf", "--xlsx", "-h", "--", "--未知", "-x"])))
            argv.insert(draw(st.integers(0, len(argv))), token)
    return argv


def outputs_named(argv: list[str]) -> set[str]:
    """Paths the command line asks to write (a short option may carry its value glued on)."""
    named = set()
    for i, a in enumerate(argv):
        if a in ("-o", "--output", "--pdf", "--xlsx") and i + 1 < len(argv):
            named.add(argv[i + 1])
        elif a.startswith("-o") and len(a) > 2:
            named.add(a[2:])
        elif a.startswith(("--output=", "--pdf=", "--xlsx=")):
            named.add(a.split("=", 1)[1])
    return named


@fuzz(60)
@given(data=st.data())
def test_random_command_lines(tmp_path_factory, capsys, data):
    root = tmp_path_factory.mktemp("cli")
    paths = make_workspace(root)
    argv = data.draw(command_lines(paths))
    before = snapshot(root)
    old_cwd = os.getcwd()
    os.chdir(root)  # relative paths land in the workspace, never in the checkout
    try:
        code, out, err = run_in_process(argv, capsys)
    finally:
        os.chdir(old_cwd)
    event(f"{argv[0] if argv else '(none)'} → exit {code}")
    assert code in (0, 1, 2), (argv, code)
    assert "Traceback" not in out + err
    if code != 0 and not any(a in ("-h", "--help") for a in argv):
        assert (out + err).strip(), f"{argv}: failed without saying why"
    after = snapshot(root)
    allowed = set()
    for named in outputs_named(argv):
        p = Path(named) if Path(named).is_absolute() else root / named
        # an output without its kind's extension gets it (「新报告」 → 新报告.pdf, 新报告.gknb)
        for cand in (p, p.with_suffix(".gknb"), p.with_name(p.name + ".bak"),
                     *(p.with_name(p.name + ext) for ext in (".gknb", ".pdf", ".xlsx"))):
            try:
                allowed.add(str(cand.resolve().relative_to(root.resolve())))
            except (ValueError, OSError):
                pass
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert changed <= allowed, f"{argv} changed {changed - allowed}"
    source = input_draft(argv)  # whatever the outputs are called, the input is never written
    if source is not None:
        try:
            key = str((root / source).resolve().relative_to(root.resolve()))
        except (ValueError, OSError):
            key = None
        if key in before:
            assert after.get(key) == before[key], f"{argv} changed its input {key}"
    if os.path.lexists(root / "链接.pdf"):
        assert os.path.islink(root / "链接.pdf"), f"{argv} replaced a link it did not make"


def input_draft(argv: list[str]) -> str | None:
    """The draft a command line reads, as argparse sees it (None if it does not parse)."""
    import argparse
    import contextlib
    import io

    import export.cli
    import model.cli

    parser = argparse.ArgumentParser(exit_on_error=False)
    sub = parser.add_subparsers(dest="command")
    model.cli.add_commands(sub)
    export.cli.add_commands(sub)
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            args = parser.parse_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    return getattr(args, "draft", None) or getattr(args, "last", None)


CASES = {
    "check a damaged draft": (["check", "{damaged}"], 2),
    "check a folder": (["check", "{dir}"], 2),
    "check a name too long": (["check", "{long}"], 2),
    "rollover to a name too long": (["rollover", "{sample}", "-o", "{long}"], 2),
    "rollover to a missing folder": (["rollover", "{sample}", "-o", "{missing_dir}"], 2),
    "rollover to an empty name": (["rollover", "{sample}", "-o", ""], 2),
    "rollover to the root folder": (["rollover", "{sample}", "-o", "/"], 2),
    "rollover to year 3000": (["rollover", "{sample}", "-o", "{new}", "--year", "3000"], 2),
    "rollover with a year that is not a number": (["rollover", "{sample}", "-o", "{new}", "--year", "二〇二二"], 2),
    "export PDF into a folder's name": (["export", "{sample}", "--pdf", "{dir}"], 2),
    "export PDF with a name too long": (["export", "{sample}", "--pdf", "{long}.pdf"], 2),
    "export XLSX to a missing folder": (["export", "{sample}", "--xlsx", "{missing_dir}.xlsx"], 2),
    "export without output": (["export", "{sample}"], 2),
    "export PDF over the draft itself": (["export", "{sample}", "--pdf", "{sample}"], 2),
    "export PDF and XLSX to one file": (["export", "{sample}", "--pdf", "{pdf}", "--xlsx", "{pdf}"], 2),
    "export XLSX through a link to the draft": (["export", "{sample}", "--xlsx", "{link}"], 2),
    "check a FIFO": (["check", "{fifo}"], 2),
    "check /dev/zero": (["check", "/dev/zero"], 2),
    "export a FIFO": (["export", "{fifo}", "--pdf", "{pdf}"], 2),
    "unknown option": (["check", "{sample}", "--格式"], 2),
}


@pytest.mark.parametrize("name", CASES)
def test_a_real_process_exits_cleanly(tmp_path, name):
    argv, expected = CASES[name]
    paths = make_workspace(tmp_path / "ws")
    argv = [a.format(**paths) for a in argv]
    before = snapshot(tmp_path / "ws")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=tmp_path, capture_output=True,
                          timeout=120, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert proc.returncode == expected, (proc.returncode, err)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err), f"no Chinese message: {err!r}"
    assert snapshot(tmp_path / "ws") == before


def test_export_xlsx_with_a_name_too_long(tmp_path):
    """Found by this fuzzing: write_xlsx called path.exists() after the failed write, which raised
    OSError (ENAMETOOLONG) → a traceback and exit 1."""
    paths = make_workspace(tmp_path / "ws")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", paths["sample"], "--xlsx",
                           paths["long"] + ".xlsx"], cwd=tmp_path, capture_output=True, timeout=120)
    assert b"Traceback" not in proc.stderr and proc.returncode == 2
    assert "过长".encode() in proc.stderr


def test_arguments_that_are_not_utf8(tmp_path):
    """A path from a GBK-named file on a Linux disk arrives as undecodable bytes."""
    bad = os.fsencode(str(tmp_path)) + b"/\xb1\xa8\xb8\xe6.gknb"  # 报告 in GBK
    with open(bad, "wb") as f:
        f.write(SAMPLE.read_bytes())
    for argv in ([b"check", bad], [b"check", bad, b"--json"],
                 [b"rollover", bad, b"-o", os.fsencode(str(tmp_path)) + b"/\xc4\xea.gknb"]):
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=tmp_path,
                              capture_output=True, timeout=60)
        assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
        assert proc.returncode in (0, 1), (argv, proc.returncode, proc.stderr.decode("utf-8", "replace"))
