"""Importing reports made elsewhere (model/importing), in-process after imports (medians).

Each source is timed through import_report (read, map, assemble) against the floor of the library
that reads it, measured in the same run on the same file:
- a 10-page text PDF (this app's export of a full 2021 report with long sections) vs pdfplumber
  extracting every page's characters — aim ≤ 2 s;
- report A's Word file (the official template filled in) vs python-docx opening it and reading
  every paragraph and table cell — aim ≤ 0.5 s;
- the real 平潭 web page vs lxml parsing it — aim ≤ 0.5 s;
- this app's XLSX vs openpyxl loading it; a draft vs draft_io.load_draft;
and the isolated import (a child process, as the window and the CLI run it) of the web page
against the in-process import, which shows what the child process costs.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from factories import full_report  # noqa: E402

from model.importing import import_report  # noqa: E402


def ten_page_pdf(folder: Path) -> Path:
    from export.pdf_report import write_pdf

    report = full_report("2021")
    para = ("本年度，我单位坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切，"
            "持续完善主动公开目录，规范依申请公开办理流程，全年主动公开各类政府信息，按时答复申请。")
    report.texts["s1"] = "\n".join(f"（{i}）{para * 3}" for i in range(1, 10))
    report.texts["s5"] = "\n".join(para * 2 for _ in range(8))
    path = folder / "ten-pages.pdf"
    write_pdf(report, path)
    return path


def run(repeats: int = 5) -> list[Result]:
    import docx
    import lxml.html
    import openpyxl
    import pdfplumber

    from export.xlsx_report import write_xlsx
    from model.draft_io import load_draft, save_draft
    from model.importing.isolated import import_isolated
    import import_sources as S

    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = ten_page_pdf(folder)
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)

        def pdf_floor():
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.chars

        results.append(Result(f"PDF, {pages} pages (this app's export)", median_ms(lambda: import_report(pdf), repeats),
                              baseline_name="pdfplumber: every page's chars", baseline=median_ms(pdf_floor, repeats),
                              aim="≤ 2000 ms"))
        office_pdf = S.DATA / "b-variants-libreoffice.pdf"
        results.append(Result("PDF, 4 pages (Word file via LibreOffice)",
                              median_ms(lambda: import_report(office_pdf), repeats), aim="≤ 2000 ms"))

        word = folder / "a.docx"
        word.write_bytes(S.build_a_docx())

        def docx_floor():
            d = docx.Document(str(word))
            for p in d.paragraphs:
                p.text
            for t in d.tables:
                for row in t.rows:
                    for c in row.cells:
                        c.text

        results.append(Result("Word file (official template filled in)", median_ms(lambda: import_report(word), repeats),
                              baseline_name="python-docx: open, read all", baseline=median_ms(docx_floor, repeats),
                              aim="≤ 500 ms"))

        page = S.PINGTAN
        data = page.read_bytes()
        results.append(Result("web page (the real 平潭 page, 109 KB)", median_ms(lambda: import_report(page), repeats),
                              baseline_name="lxml.html: parse", baseline=median_ms(
                                  lambda: lxml.html.document_fromstring(data), repeats), aim="≤ 500 ms"))

        book = folder / "own.xlsx"
        write_xlsx(full_report("2021"), book)
        results.append(Result("XLSX (this app's export)", median_ms(lambda: import_report(book), repeats),
                              baseline_name="openpyxl: load", baseline=median_ms(
                                  lambda: openpyxl.load_workbook(io.BytesIO(book.read_bytes())), repeats)))

        draft = folder / "d.gknb"
        save_draft(draft, full_report("2021"))
        results.append(Result("draft (.gknb)", median_ms(lambda: import_report(draft), repeats),
                              baseline_name="draft_io.load_draft", baseline=median_ms(lambda: load_draft(draft), repeats),
                              aim="≤ 1.5×"))

        in_process = median_ms(lambda: import_report(page), repeats)
        results.append(Result("web page in a child process (window, CLI)",
                              median_ms(lambda: import_isolated(page), max(3, repeats // 2), warmup=1),
                              baseline_name="same, in-process", baseline=in_process))
    return results


if __name__ == "__main__":
    print_table(run())
