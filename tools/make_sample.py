"""Build resources/samples/ from the seed report (tests/data/seed_2021_liuhao.txt).

The seed is a text extract of a real 2021 report of a 街道, which filled table 二 in the 2019
trial format, so the sample uses that format for its 2021 year.  Its tables are garbled by the
extraction: only the numbers that can be read with certainty are entered (LEGIBLE_CELLS); the
rest stay blank, as the clerk would still have to fill them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.draft_io import dumps  # noqa: E402
from model.report import Report  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed_2021_liuhao.txt"
OUT = ROOT / "resources" / "samples" / "南山区六号街道2021年报告（示例）.gknb"

T3_INPUT_COLS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org"]
T3_LEGIBLE_ROWS = ["r2_carried_in", "r3_1_open", "r3_2_partial", "r3_3_1_state_secret",
                   "r3_3_2_law_prohibited", "r3_3_3_three_security", "r3_3_4_third_party",
                   "r3_3_5_internal_affairs", "r3_3_6_process_info", "r3_3_7_enforcement_file",
                   "r3_3_8_admin_query", "r3_4_1_not_held"]
T4_COLS = ["rv_upheld", "rv_corrected", "rv_other", "rv_pending", "rv_total",
           "ld_upheld", "ld_corrected", "ld_other", "ld_pending", "ld_total",
           "la_upheld", "la_corrected", "la_other", "la_pending", "la_total"]

# Every number the extract shows unambiguously, by cell id.
LEGIBLE_CELLS = {
    **{f"t2_1.regulations.{c}": 0 for c in ("new_made", "new_published", "published_total")},
    **{f"t3.{r}.{c}": 0 for r in T3_LEGIBLE_ROWS for c in T3_INPUT_COLS},
    **{f"t4.cases.{c}": 0 for c in T4_COLS},
}


def paragraphs(lines: list[str]) -> str:
    return "\n".join(line.replace("**", "").strip() for line in lines if line.strip())


def build() -> Report:
    lines = SEED.read_text(encoding="utf-8").splitlines()

    def between(start: str, end: str) -> list[str]:
        i = next(k for k, s in enumerate(lines) if s.startswith(start))
        j = next(k for k, s in enumerate(lines) if k > i and s.startswith(end))
        return lines[i + 1:j]

    report = Report(format_id="2019", year=2021, agency="南山区六号街道")
    report.texts["preamble"] = paragraphs(between("南山区六号街道 2021 年", "一、"))
    report.texts["s1"] = paragraphs(between("一、工作情况概述", "二、主动公开"))
    report.texts["s5"] = paragraphs(between("五、存在的主要问题", "六、其他需要"))
    tail = lines[next(k for k, s in enumerate(lines) if s.startswith("六、其他需要")) + 1:]
    report.texts["s6"] = paragraphs(tail)
    report.cells.update(LEGIBLE_CELLS)
    # Spaces the extraction put around Arabic numerals in running text (“2021 年”) are not the
    # report's own: close them up as the published PDF has them.
    for k, v in report.texts.items():
        report.texts[k] = re.sub(r"(?:^|(?<=[\u4e00-\u9fff（）])) ?(\d+) ?(?=[\u4e00-\u9fff])", r"\1", v,
                                 flags=re.M)
    return report


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(dumps(build()))
    print(f"wrote {OUT.relative_to(ROOT)}")
