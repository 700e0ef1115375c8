"""`main.py import` and `main.py rollover` from every kind of source, run as a clerk runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.draft_io import load_draft
from model.samples import seed_path
from tests import import_sources as S

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = seed_path()


def run(*args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True,
                       text=True, encoding="utf-8", cwd=cwd, env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture
def sources(tmp_path):
    a = tmp_path / "测试县2024年报.docx"
    a.write_bytes(S.build_a_docx())
    b = tmp_path / "交通运输局2023.html"
    b.write_bytes(S.build_b_page())
    return {"a": a, "b": b}


def test_import_everything_read_exits_0_and_writes_the_draft(tmp_path, sources):
    out = tmp_path / "a.gknb"
    code, stdout, stderr = run("import", sources["a"], "-o", out)
    assert code == 0, stderr
    draft = load_draft(out)
    assert (draft.format_id, draft.year, draft.agency) == ("2021", 2024, S.A_AGENCY)
    assert draft.cells["t3.r1_new.total"] == 48
    assert "已创建草稿" in stdout


def test_import_with_doubts_exits_1_and_json_names_every_doubtful_cell(tmp_path, sources):
    out = tmp_path / "b.gknb"
    code, stdout, _ = run("import", sources["b"], "-o", out, "--json")
    assert code == 1
    data = json.loads(stdout)
    assert (data["kind"], data["format"], data["year"]) == ("html", "2021", 2023)
    seen = {d["key"]: d for d in data["doubtful"]}
    assert set(seen) == {"t3.r3_6_3_other.natural", "t3.r3_6_3_other.total",
                         "t3.r3_6_1_no_correction.natural", "t3.r3_6_2_no_fee.natural"}
    assert seen["t3.r3_6_3_other.natural"]["source"] == "1"
    assert data["output"] == str(out) and out.exists()


def test_nothing_importable_exits_2_with_a_message_and_creates_nothing(tmp_path):
    for name, data, says in [("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "另存为"),
                             ("x.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "WPS"),
                             ("t.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ".xlsx"),
                             ("page.html", "<html><body><p>招聘公告</p></body></html>".encode(), "不像一份年度报告")]:
        src = tmp_path / name
        src.write_bytes(data)
        out = tmp_path / f"{name}.gknb"
        code, stdout, stderr = run("import", src, "-o", out)
        assert code == 2 and says in stderr and not out.exists(), name
        code, stdout, _ = run("import", src, "-o", out, "--json")
        assert code == 2 and says in json.loads(stdout)["error"]


def test_import_never_overwrites_without_force_nor_writes_over_its_source(tmp_path, sources):
    out = tmp_path / "a.gknb"
    out.write_text("keep", encoding="utf-8")
    code, _, stderr = run("import", sources["a"], "-o", out)
    assert code == 2 and "已存在" in stderr and out.read_text(encoding="utf-8") == "keep"
    draft = tmp_path / "copy.gknb"
    shutil.copy(SAMPLE, draft)
    code, _, stderr = run("import", draft, "-o", draft, "--force")
    assert code == 2 and "源文件" in stderr


def test_a_draft_imports_as_itself(tmp_path):
    out = tmp_path / "again.gknb"
    code, _, _ = run("import", SAMPLE, "-o", out)
    assert code == 0
    assert load_draft(out).cells == load_draft(SAMPLE).cells


@pytest.mark.parametrize("kind", ["docx", "pdf", "html", "xlsx", "gknb"])
def test_rollover_from_every_kind_of_source(tmp_path, kind):
    if kind == "docx":
        src = tmp_path / "last.docx"
        src.write_bytes(S.build_a_docx())
    elif kind == "pdf":
        src = S.DATA / "a-template-libreoffice.pdf"  # the same report A, as an office suite's PDF
    elif kind == "html":
        src = tmp_path / "last.html"
        src.write_bytes(S.pingtan_in_gbk())
    elif kind == "xlsx":
        from export.xlsx_report import write_xlsx
        from model.importing import import_report

        src = tmp_path / "last.xlsx"
        write_xlsx(import_report(S.PINGTAN).report, src)
    else:
        from model.draft_io import save_draft
        from model.importing import import_report

        src = tmp_path / "last.gknb"
        save_draft(src, import_report(S.PINGTAN).report)
    out = tmp_path / "new.gknb"
    code, stdout, stderr = run("rollover", src, "-o", out)
    assert code == 0, stderr
    new = load_draft(out)
    if kind in ("docx", "pdf"):
        assert new.year == 2025 and new.agency == S.A_AGENCY
        # 上年结转 = last year's 结转下年度 (printed 5 0 0 0 0 0 5)
        assert [new.cells.get(f"t3.r2_carried_in.{c}") for c in S.T3_COLS[:-1]] == [5, 0, 0, 0, 0, 0]
        assert new.cells["t2_1.normative_docs.in_force"] == 1208
        assert new.last_year.texts["s1"] == "\n".join(S.A_S1)
    else:  # the 平潭 report of 2024
        assert new.year == 2025 and new.agency == "平潭综合实验区"
        assert new.cells["t2_1.normative_docs.in_force"] == 440
        assert new.last_year.year == 2024
        assert new.last_year.texts["s6"] == "2024年，无收取信息处理费情况。"
        assert new.texts["s6"] == "2024年，无收取信息处理费情况。" and "s6" in new.review


def test_rollover_from_a_source_it_cannot_read(tmp_path):
    src = tmp_path / "last.doc"
    src.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    out = tmp_path / "new.gknb"
    code, _, stderr = run("rollover", src, "-o", out)
    assert code == 2 and "另存为" in stderr and not out.exists()


def test_a_latin_kind_name_stands_apart_from_the_chinese_around_it(tmp_path, sources):
    # 「从 Word 文件“…”读取」, as every other message writes a Latin word (「导出 PDF」)
    code, stdout, _ = run("import", sources["a"], "-o", tmp_path / "a.gknb")
    assert "从 Word 文件“测试县2024年报.docx”读取" in stdout
    from model.importing import import_report
    from model.unit_reading import read_unit

    pdf = S.DATA / "b-variants-libreoffice.pdf"
    assert import_report(pdf).messages[0].startswith("从 PDF 文件“b-variants-libreoffice.pdf”读取")
    assert any(n.startswith("从 PDF 导入时有 ") for n in read_unit(str(pdf)).notes)
