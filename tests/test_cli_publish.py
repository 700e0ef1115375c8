"""`main.py export --docx/--html`: the Word file and the web page without a window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import lxml.html

from factories import full_report
from model.draft_io import save_draft

ROOT = Path(__file__).resolve().parent.parent


def run(*args, home: Path):
    import os

    env = dict(os.environ, NIANBAO_HOME=str(home))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], env=env,
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_export_docx_and_html_together(tmp_path):
    report = full_report("2021")
    draft = tmp_path / "报告.gknb"
    save_draft(draft, report)
    out_docx, out_html = tmp_path / "送审稿.docx", tmp_path / "年报.html"
    proc = run("export", draft, "--docx", out_docx, "--html", out_html, home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"已导出 Word：{out_docx}" in proc.stdout and f"已导出网页：{out_html}" in proc.stdout
    doc = docx.Document(str(out_docx))
    assert doc.paragraphs[0].text.replace("\n", "") == report.title
    page = lxml.html.document_fromstring(out_html.read_bytes().decode("utf-8"))
    assert page.findtext(".//h1") == report.title
    assert len(doc.tables) == 3 and len(page.xpath("//table")) == 3


def test_export_with_errors_warns_and_still_writes(tmp_path):
    report = full_report("2021")
    report.cells["t3.r1_new.natural"] += 2  # 表三 no longer balances
    draft = tmp_path / "bad.gknb"
    save_draft(draft, report)
    out = tmp_path / "a.html"
    proc = run("export", draft, "--html", out, home=tmp_path)
    assert proc.returncode == 0 and "错误" in proc.stderr and out.is_file()


def test_export_without_any_output_says_which_options_exist(tmp_path):
    draft = tmp_path / "x.gknb"
    save_draft(draft, full_report("2021"))
    proc = run("export", draft, home=tmp_path)
    assert proc.returncode == 2
    assert "--docx" in proc.stderr and "--html" in proc.stderr and "Traceback" not in proc.stderr


def test_export_into_a_missing_folder_is_a_chinese_message(tmp_path):
    draft = tmp_path / "x.gknb"
    save_draft(draft, full_report("2021"))
    proc = run("export", draft, "--docx", tmp_path / "没有" / "a.docx", home=tmp_path)
    assert proc.returncode == 2 and "不存在" in proc.stderr and "Traceback" not in proc.stderr
