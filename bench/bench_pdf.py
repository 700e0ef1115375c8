"""PDF export: a full 2021 report in-process, layout time against text length, and the whole
`main.py export DRAFT --pdf X --xlsx Y` process (the XLSX written by a forked child meanwhile;
also timed with the child spawned, as on Windows, and with no child at all).

Baselines, same run: a one-paragraph PDF with the same embedded fonts (in-process); a process that
only imports reportlab, registers the same two bundled faces with reportlab's own TTFont and
writes a one-page CJK PDF (aim: the whole export ≤ 1.5× that); LibreOffice converting the same
report's XLSX to PDF — what clerks do today (aim: at least 4× faster).  The LibreOffice ratio is
skipped, with a line saying so, when soffice is missing.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from factories import full_report  # noqa: E402
from model.draft_io import save_draft  # noqa: E402


def _minimal_pdf() -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from export.pdf_fonts import font_set

    fonts = font_set("bundled")
    body = ParagraphStyle("b", fontName=fonts.body.name, fontSize=16, leading=29, wordWrap="CJK")
    head = ParagraphStyle("h", parent=body, fontName=fonts.heading.name)
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Paragraph("一、总体情况", head),
                                  Paragraph("本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》。", body)])
    return buf.getvalue()


def _xlsx(report, path: Path) -> None:
    try:
        from export.xlsx_report import write_xlsx
    except ImportError:  # before the XLSX export existed: a small sheet of the same numbers
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        for i, (cid, v) in enumerate(sorted(report.values().items()), 1):
            ws.cell(i, 1, cid)
            ws.cell(i, 2, str(v))
        wb.save(path)
        return
    write_xlsx(report, path)


# A process that only imports reportlab, registers the same two bundled faces (reportlab's own
# TTFont) and writes a one-page CJK PDF: the floor of any embedded-font PDF export.
FLOOR_SCRIPT = """
import sys
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
fonts = sys.argv[1]
pdfmetrics.registerFont(TTFont("song", fonts + "/uming.ttc"))
pdfmetrics.registerFont(TTFont("hei", fonts + "/wqy-microhei.ttc"))
body = ParagraphStyle("b", fontName="song", fontSize=16, leading=29, wordWrap="CJK")
head = ParagraphStyle("h", parent=body, fontName="hei")
SimpleDocTemplate(sys.argv[2]).build([Paragraph("一、总体情况", head),
    Paragraph("本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》。", body)])
"""


# `main.py export` with the side outputs' child started another way (export/side_outputs.py).
WITH_METHOD = ("import sys; from export import side_outputs; method = sys.argv.pop(1); "
               "side_outputs.default_method = lambda: method; "
               "import main; sys.exit(main.main(sys.argv[1:]))")


def _paired_ms(cmds: list[list[str]], repeats: int, env: dict) -> list[float]:
    """Median wall time of each whole process, run in turn (a, b, c, a, b, c, …) so that a
    busy machine slows them alike; one warm-up round first.  Bytecode is written and reused, as
    in an installed app (a clerk's second export does not compile Python again)."""
    full_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="", **env)
    samples: list[list[float]] = [[] for _ in cmds]
    for i in range(repeats + 1):
        for k, cmd in enumerate(cmds):
            t = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=full_env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i:
                samples[k].append((time.perf_counter() - t) * 1000)
    return [statistics.median(s) for s in samples]


def _layout_ms(chars: int, repeats: int) -> float:
    from export.pdf_report import build_pdf

    r = full_report("2021")
    r.texts["s5"] = ("本年度，我单位认真贯彻落实《条例》，2024年公开信息10407条。" * (chars // 33 + 1))[:chars]
    return median_ms(lambda: build_pdf(r), repeats=repeats, warmup=0)


def run(repeats: int = 5) -> list[Result]:
    from export.pdf_report import build_pdf

    report = full_report("2021")
    report.texts["s5"] = (report.texts["s5"] + "\n") * 6
    in_process = median_ms(lambda: build_pdf(report), repeats=max(repeats, 5) * 2)
    floor = median_ms(_minimal_pdf, repeats=max(repeats, 5) * 2)
    results = [Result("PDF 全文（2021 格式，进程内）", in_process, baseline_name="单段 PDF 同字体",
                      baseline=floor, aim="≤ 100 ms")]
    # A paragraph pasted into 机关名称 by mistake: the title layout once took hours for 3 000
    # characters (tests/test_pdf_text.py counts that it stays linear; here is what it costs),
    # against the same 3 000 characters as a paragraph of the body (reportlab's own layout).
    pasted = full_report("2021")
    pasted.texts = dict(report.texts)
    in_body = full_report("2021")
    in_body.texts = dict(report.texts)
    pasted.agency = "长" * 3000
    in_body.texts["s1"] = in_body.texts["s1"] + "\n" + "长" * 3000
    long_agency = median_ms(lambda: build_pdf(pasted), repeats=max(repeats, 5))
    long_body = median_ms(lambda: build_pdf(in_body), repeats=max(repeats, 5))
    results.append(Result("PDF：机关名称误贴 3 000 字", long_agency,
                          baseline_name="同样 3 000 字在正文", baseline=long_body, aim="≤ 0.5 s"))
    # Linear in the paragraph's length: ten times the text, about ten times the time.
    small = _layout_ms(10_000, max(1, repeats // 2))
    big = _layout_ms(100_000, max(1, repeats // 2))
    results.append(Result("10 万字一段的 PDF（进程内）", big, baseline_name="1 万字一段",
                          baseline=small, aim="≈ 10×（线性）"))

    long_draft = ROOT / "tests" / "data" / "long_reports" / "pingtan-long-2021.gknb"
    with tempfile.TemporaryDirectory() as d:
        draft = Path(d) / "bench.gknb"
        save_draft(draft, report)
        out, xlsx_out = Path(d) / "out.pdf", Path(d) / "out.xlsx"
        env = {"NIANBAO_HOME": d}
        script = Path(d) / "floor.py"
        script.write_text(FLOOR_SCRIPT, encoding="utf-8")
        export = [sys.executable, "main.py", "export", str(draft), "--pdf", str(out),
                  "--xlsx", str(xlsx_out)]
        long_export = [sys.executable, "main.py", "export", str(long_draft), "--pdf",
                       str(Path(d) / "long.pdf"), "--xlsx", str(Path(d) / "long.xlsx")]
        floor_cmd = [sys.executable, str(script), str(ROOT / "resources" / "fonts"),
                     str(Path(d) / "floor.pdf")]
        spawned = [sys.executable, "-c", WITH_METHOD, "spawn"] + export[2:]
        in_process = [sys.executable, "-c", WITH_METHOD, "none"] + export[2:]
        cli, long_cli, one_page, cli_spawn, cli_none = _paired_ms(
            [export, long_export, floor_cmd, spawned, in_process], repeats, env)
        results.append(Result("main.py export --pdf --xlsx（整个进程）", cli,
                              baseline_name="reportlab 同字体一页 PDF 进程", baseline=one_page,
                              aim="≤ 1.5×"))
        results.append(Result("同上，33 页长报告（整个进程）", long_cli,
                              baseline_name="reportlab 同字体一页 PDF 进程", baseline=one_page,
                              aim="（参考）"))
        results.append(Result("同上，XLSX 子进程以 spawn 启动（Windows）", cli_spawn,
                              baseline_name="XLSX 在同一进程内写", baseline=cli_none,
                              aim="（参考）"))
        results.append(Result("同上，XLSX 由 fork 子进程写（Linux）", cli,
                              baseline_name="XLSX 在同一进程内写", baseline=cli_none,
                              aim="（参考）"))
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("跳过：未安装 LibreOffice（soffice），无法与“Excel 另存为 PDF”的做法比较"
                  "（比值“≥ 4× 快于 LibreOffice”未测）。")
            return results
        xlsx = Path(d) / "bench.xlsx"
        _xlsx(report, xlsx)
        profile = Path(d) / "lo-profile"
        lo_cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(Path(d) / "lo"), str(xlsx)]
        cli, lo = _paired_ms([export, lo_cmd], repeats, env)
        lo_pages = _pages(Path(d) / "lo" / "bench.pdf")
        our_pages = _pages(out)
    results.append(Result("main.py export --pdf --xlsx（整个进程）", cli,
                          baseline_name="LibreOffice xlsx→pdf", baseline=lo, aim="≤ 0.25×（快 4 倍）"))
    print(f"页数：本软件 {our_pages} 页；LibreOffice 由 XLSX 转出 {lo_pages} 页。")
    return results


def _pages(pdf: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next((ln.split()[-1] for ln in out.splitlines() if ln.startswith("Pages:")), "?")


if __name__ == "__main__":
    print_table(run())
