"""Word and web-page exports of a full 2021 report, as whole `main.py export` processes, against
the PDF export of the same draft measured in the same run (ratios).

In-process builds: the Word file against the floor python-docx pays for the same document (the
same paragraphs and the same tables with the same merges, unstyled, saved to memory); the web
page against the in-process PDF build.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, Result, median_ms, print_table, process_ms

sys.path.insert(0, str(ROOT / "tests"))

from factories import full_report  # noqa: E402
from model.draft_io import save_draft  # noqa: E402


def _report():
    report = full_report("2021")
    report.texts["s5"] = (report.texts["s5"] + "\n") * 6  # as bench_pdf: a few pages of text
    return report


def _bare_docx_like(report):
    """A builder of the same paragraphs and tables (same cells, same merges), unstyled."""
    import io

    import docx

    from export.report_content import Table, cell_text, report_blocks

    blocks = report_blocks(report)
    values = report.values()

    def build() -> bytes:
        doc = docx.Document()
        for block in blocks:
            if isinstance(block, Table):
                grid = block.grid
                table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
                cells = [list(row.cells) for row in table.rows]
                for gc in grid.cells:
                    cells[gc.row][gc.col].paragraphs[0].add_run(cell_text(gc, report, values))
                for gc in grid.spans():
                    cells[gc.row][gc.col].merge(cells[gc.row + gc.rowspan - 1][gc.col + gc.colspan - 1])
            else:
                doc.add_paragraph(getattr(block, "text", ""))
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()

    return build


def run(repeats: int = 5) -> list[Result]:
    from export.docx_report import build_docx
    from export.html_report import build_html
    from export.pdf_report import build_pdf

    report = _report()
    n = max(repeats, 5) * 2
    pdf_in = median_ms(lambda: build_pdf(report), repeats=n)
    docx_in = median_ms(lambda: build_docx(report), repeats=n)
    docx_floor = median_ms(_bare_docx_like(report), repeats=n)
    html_in = median_ms(lambda: build_html(report), repeats=n)
    results = [
        Result("Word 全文（进程内）", docx_in, baseline_name="python-docx 同样表格不排版",
               baseline=docx_floor, aim="≤ 2×"),
        Result("网页全文（进程内）", html_in, baseline_name="PDF 全文（进程内）", baseline=pdf_in,
               aim="≤ 0.5×"),
    ]
    with tempfile.TemporaryDirectory() as d:
        draft = Path(d) / "bench.gknb"
        save_draft(draft, report)
        env = {"NIANBAO_HOME": d}

        def cli(*args: str) -> float:
            return process_ms([sys.executable, "main.py", "export", str(draft), *args],
                              repeats=repeats, env=env)

        pdf = cli("--pdf", str(Path(d) / "out.pdf"))
        docx = cli("--docx", str(Path(d) / "out.docx"))
        html = cli("--html", str(Path(d) / "out.html"))
        sizes = {s: (Path(d) / f"out.{s}").stat().st_size / 1024 for s in ("pdf", "docx", "html")}
    results += [
        Result("main.py export --docx（整个进程）", docx, baseline_name="export --pdf", baseline=pdf,
               aim="≤ 1.5×"),
        Result("main.py export --html（整个进程）", html, baseline_name="export --pdf", baseline=pdf,
               aim="≤ 1×"),
        Result("Word 文件大小", sizes["docx"], unit="KB", baseline_name="PDF", baseline=sizes["pdf"]),
        Result("网页文件大小", sizes["html"], unit="KB", baseline_name="PDF", baseline=sizes["pdf"]),
    ]
    return results


if __name__ == "__main__":
    print_table(run())
