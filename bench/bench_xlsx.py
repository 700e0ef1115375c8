"""XLSX export of a full 2021 report, in-process after imports (medians).

Baseline, same run: a bare openpyxl workbook with the same sheets and the same number of cells
(values only: no styles, merges, widths or print setup), saved to memory — the floor any XLSX
written with openpyxl pays.
"""

from __future__ import annotations

import io
import sys

from bench.common import ROOT, Result, median_ms, print_table

sys.path.insert(0, str(ROOT / "tests"))

from openpyxl import Workbook  # noqa: E402

from export.xlsx_report import build_workbook, build_xlsx  # noqa: E402
from factories import full_report  # noqa: E402


def _bare_workbook_like(report):
    """A builder of the same sheets with the same used ranges and cell values, unstyled."""
    source = build_workbook(report)
    contents = [(ws.title, [[c.value for c in row] for row in ws.iter_rows()]) for ws in source]

    def build() -> bytes:
        wb = Workbook()
        wb.remove(wb.active)
        for title, rows in contents:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    return build


def run(repeats: int = 5) -> list[Result]:
    report = full_report("2021")
    n = max(repeats, 5) * 4
    bare = _bare_workbook_like(report)
    export = median_ms(lambda: build_xlsx(report), repeats=n)
    floor = median_ms(bare, repeats=n)
    return [
        Result("XLSX of a full 2021 report (build + save)", export,
               baseline_name="bare openpyxl, same cells", baseline=floor, aim="≤ 100 ms"),
        Result("XLSX size", len(build_xlsx(report)) / 1024, unit="KB"),
    ]


if __name__ == "__main__":
    print_table(run())
