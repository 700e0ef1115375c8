"""PDF export: a full 2021 report in-process, and the whole `main.py export --pdf` process.

Baselines, same run: a one-paragraph reportlab PDF with the same embedded fonts (the floor any
embedded-font PDF pays), and LibreOffice converting the equivalent XLSX to PDF — what clerks do
today.  The LibreOffice comparison is skipped, with a line saying so, when soffice is missing.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table, process_ms

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

    with tempfile.TemporaryDirectory() as d:
        draft = Path(d) / "bench.gknb"
        save_draft(draft, report)
        out = Path(d) / "out.pdf"
        cli = process_ms([sys.executable, "main.py", "export", str(draft), "--pdf", str(out)],
                         repeats=repeats, env={"NIANBAO_HOME": d})
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("跳过：未安装 LibreOffice（soffice），无法与“Excel 另存为 PDF”的做法比较。")
            results.append(Result("main.py export --pdf（整个进程）", cli, aim="≤ 1.0 s"))
            return results
        xlsx = Path(d) / "bench.xlsx"
        _xlsx(report, xlsx)
        profile = Path(d) / "lo-profile"
        lo = process_ms([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                         "--convert-to", "pdf", "--outdir", str(Path(d) / "lo"), str(xlsx)],
                        repeats=repeats)
        lo_pages = _pages(Path(d) / "lo" / "bench.pdf")
        our_pages = _pages(out)
    results.append(Result("main.py export --pdf（整个进程）", cli,
                          baseline_name="LibreOffice xlsx→pdf", baseline=lo, aim="≤ 0.5×"))
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
