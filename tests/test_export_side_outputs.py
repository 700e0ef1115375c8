"""`main.py export --pdf X --xlsx Y`: the XLSX, Word file and web page written by a child process
(fork on Linux, spawn as on Windows) while the PDF is built — the same files as written in
process, the same messages, no temp file left, and a child that gives no answer never trusted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import main
from export import side_outputs
from factories import full_report
from model.draft_io import dumps, save_draft

ROOT = Path(__file__).resolve().parent.parent
METHODS = ["fork", "spawn", "none"] if hasattr(os, "fork") else ["spawn", "none"]


def sheet_values(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The XLSX, Word file and page written in this process, the plain way."""
    report = full_report("2021")
    d = tmp_path_factory.mktemp("ref")
    from export.docx_report import write_docx
    from export.html_report import write_html
    from export.xlsx_report import write_xlsx

    write_xlsx(report, d / "r.xlsx")
    write_docx(report, d / "r.docx")
    write_html(report, d / "r.html")
    return report, d


@pytest.mark.parametrize("method", METHODS)
def test_each_way_writes_the_same_files(tmp_path, reference, method):
    report, ref = reference
    jobs = [("xlsx", str(tmp_path / "表.xlsx")), ("docx", str(tmp_path / "文.docx")),
            ("html", str(tmp_path / "页.html"))]
    side = side_outputs.start(report, jobs, dumps(report), method=method)
    assert side.result() == [(k, p, "") for k, p in jobs]
    assert sheet_values(tmp_path / "表.xlsx") == sheet_values(ref / "r.xlsx")
    assert (tmp_path / "页.html").read_bytes() == (ref / "r.html").read_bytes()
    import docx

    texts = [[p.text for p in docx.Document(str(f)).paragraphs] for f in (tmp_path / "文.docx", ref / "r.docx")]
    assert texts[0] == texts[1]
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("method", METHODS)
def test_a_failing_output_stops_there_with_its_chinese_reason(tmp_path, method):
    report = full_report("2021")
    missing = tmp_path / "不存在的文件夹" / "表.xlsx"
    jobs = [("html", str(tmp_path / "页.html")), ("xlsx", str(missing)), ("docx", str(tmp_path / "文.docx"))]
    done = side_outputs.start(report, jobs, dumps(report), method=method).result()
    assert [d[:2] for d in done] == [j for j in jobs[:2]]
    assert done[0][2] == "" and "不存在的文件夹" in done[1][2]
    assert (tmp_path / "页.html").exists() and not missing.exists()
    assert not (tmp_path / "文.docx").exists()  # after a failure nothing more is written, as before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_child_killed_midway_is_not_trusted_the_parent_builds_itself(tmp_path, monkeypatch):
    report = full_report("2021")
    parent = os.getpid()
    real = side_outputs.build_outputs

    def dies_in_the_child(rep, jobs):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(rep, jobs)

    monkeypatch.setattr(side_outputs, "build_outputs", dies_in_the_child)
    jobs = [("xlsx", str(tmp_path / "表.xlsx"))]
    assert side_outputs.start(report, jobs, method="fork").result() == [("xlsx", jobs[0][1], "")]
    assert (tmp_path / "表.xlsx").stat().st_size > 1000


def _answer(items, payload=b"") -> bytes:
    header = json.dumps(items).encode()
    return len(header).to_bytes(8, "big") + header + payload


JOBS = [("xlsx", "a.xlsx"), ("html", "b.html")]


@pytest.mark.parametrize("answer", [
    None, b"", b"\x00" * 7, b"\xff" * 8 + b"[]", _answer({}), _answer([]),
    _answer([["docx", "a.xlsx", "", 0]]),  # not the job asked for
    _answer([["xlsx", "a.xlsx", "", 3], ["html", "b.html", "", 0], ["docx", "c", "", 0]], b"abc"),  # too many
    _answer([["xlsx", "a.xlsx", 5, 0], ["html", "b.html", "", 0]]),  # a message that is no text
    _answer([["xlsx", "a.xlsx", "", -1], ["html", "b.html", "", 0]]),
    _answer([["xlsx", "a.xlsx", "", 1.5], ["html", "b.html", "", 0]], b"ab"),
    _answer([["xlsx", "a.xlsx", "", 4], ["html", "b.html", "", 2]], b"abc"),  # bytes missing
    _answer([["xlsx", "a.xlsx", "", 1], ["html", "b.html", "", 1]], b"abc"),  # bytes left over
    _answer([["xlsx", "a.xlsx", "失败", 0], ["html", "b.html", "", 0]]),  # went on after a failure
    _answer([["xlsx", "a.xlsx", "", 0]]),  # stopped without a failure
    _answer([["xlsx", "a.xlsx", "失败", 2]], b"ab"),  # a failure with a file
])
def test_an_answer_that_is_not_one_from_our_child_is_refused(answer):
    assert side_outputs.decode_answer(answer, JOBS) is None


def test_answers_as_the_child_gives_them_are_read():
    built = [("xlsx", "a.xlsx", "", b"PK\x03\x04xlsx"), ("html", "b.html", "", b"<!DOCTYPE html>")]
    assert side_outputs.decode_answer(side_outputs.encode_answer(built), JOBS) == built
    failed = [("xlsx", "a.xlsx", "无法生成", b"")]
    assert side_outputs.decode_answer(side_outputs.encode_answer(failed), JOBS) == failed


def test_fork_only_in_a_process_with_one_thread():
    """A fork copies only the calling thread: a lock another thread holds would stay locked in the
    child.  This test process has threads (Qt's, pytest's); a fresh one has none."""
    import threading

    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert side_outputs.default_method() != "fork"
    finally:
        stop.set()
        t.join()
    code = "from export import side_outputs; print(side_outputs.default_method())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ("fork" if sys.platform.startswith("linux") else "none")


# -- the command -------------------------------------------------------------------------------


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "export", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_the_command_says_each_output_in_order(tmp_path):
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021"))
    outs = [tmp_path / n for n in ("报告.pdf", "报告.xlsx", "报告.docx", "报告.html")]
    proc = run_cli(draft, "--pdf", outs[0], "--xlsx", outs[1], "--docx", outs[2], "--html", outs[3])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"已导出 PDF：{outs[0]}", f"已导出 Excel：{outs[1]}",
                                        f"已导出 Word：{outs[2]}", f"已导出网页：{outs[3]}"]
    assert outs[0].read_bytes()[:5] == b"%PDF-" and all(p.stat().st_size > 1000 for p in outs)
    assert no_temp_files(tmp_path)


PATCHED = """
import sys
from pathlib import Path
from model.errors import DraftWriteError
what = sys.argv.pop(1)
if what == "pdf":
    from export import pdf_report
    def fails(*a, **k):
        raise pdf_report.PdfError("报告内容无法排入 A4 页面，未能生成 PDF（测试）。")
    pdf_report.write_pdf = fails
else:
    from export import output_file
    real = output_file.write_output
    def fails_for_xlsx(path, data, opened_in):
        if Path(path).suffix == ".xlsx":
            raise DraftWriteError(f"无法写入“{path}”（测试）。")
        real(path, data, opened_in)
    output_file.write_output = fails_for_xlsx
import main
sys.exit(main.main(sys.argv[1:]))
"""


def run_patched(what, *args):
    return subprocess.run([sys.executable, "-c", PATCHED, what, "export", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_a_pdf_that_fails_leaves_no_other_output(tmp_path):
    """As when the outputs were written one after another: the PDF first, nothing after a failure
    — the child built the XLSX meanwhile, and it is thrown away."""
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021"))
    pdf, xlsx = tmp_path / "报告.pdf", tmp_path / "报告.xlsx"
    proc = run_patched("pdf", draft, "--pdf", pdf, "--xlsx", xlsx, "--html", tmp_path / "报告.html")
    assert proc.returncode == 2
    assert "无法排入 A4 页面" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == "" and sorted(p.name for p in tmp_path.iterdir()) == ["报告.gknb"]


def test_an_output_that_cannot_be_written_stops_there(tmp_path):
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021"))
    pdf, xlsx, html = tmp_path / "报告.pdf", tmp_path / "报告.xlsx", tmp_path / "报告.html"
    proc = run_patched("xlsx", draft, "--pdf", pdf, "--xlsx", xlsx, "--html", html)
    assert proc.returncode == 2 and "无法写入" in proc.stderr
    assert proc.stdout.splitlines() == [f"已导出 PDF：{pdf}"] and pdf.read_bytes()[:5] == b"%PDF-"
    assert not xlsx.exists() and not html.exists()


def test_spawned_as_on_windows_the_command_writes_the_same(tmp_path, reference, monkeypatch, capsys):
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021"))
    monkeypatch.setattr(side_outputs, "default_method", lambda: "spawn")
    started = []
    real = side_outputs.SideOutputs._spawn
    monkeypatch.setattr(side_outputs.SideOutputs, "_spawn",
                        lambda self, data: started.append(len(data)) or real(self, data))
    code = main.run_command(["export", str(draft), "--pdf", str(tmp_path / "a.pdf"),
                             "--xlsx", str(tmp_path / "a.xlsx"), "--html", str(tmp_path / "a.html")])
    out = capsys.readouterr().out
    assert code == 0 and started == [draft.stat().st_size]  # the child got the draft's bytes
    assert out.splitlines()[1:] == [f"已导出 Excel：{tmp_path / 'a.xlsx'}", f"已导出网页：{tmp_path / 'a.html'}"]
    assert sheet_values(tmp_path / "a.xlsx") == sheet_values(reference[1] / "r.xlsx")
    assert (tmp_path / "a.html").read_bytes() == (reference[1] / "r.html").read_bytes()


def test_the_export_process_loads_only_what_it_uses(tmp_path):
    """Neither the 汇总 nor the import code, nor multiprocessing; with a PDF to build, openpyxl is
    loaded by the child only."""
    draft = tmp_path / "报告.gknb"
    save_draft(draft, full_report("2021"))
    code = ("import sys, main; code = main.run_command(sys.argv[1:]); "
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in "
            "('openpyxl', 'multiprocessing', 'docx') or m.startswith(('export.summary', 'model.importing', "
            "'model.summary'))))")
    proc = subprocess.run([sys.executable, "-c", code, "export", str(draft), "--pdf", str(tmp_path / "a.pdf"),
                           "--xlsx", str(tmp_path / "a.xlsx")], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", check=True)
    last = proc.stdout.splitlines()[-1]
    if sys.platform.startswith("linux"):
        assert last == "0 []", proc.stdout
    else:
        assert last.startswith("0 ") and "export.summary_cli" not in last
