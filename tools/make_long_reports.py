"""Write the long, real-sized test reports in tests/data/long_reports/ (run by hand; output committed).

    python tools/make_long_reports.py

The text comes from a real published report (平潭综合实验区 2024, kept as paragraphs in
tests/data/pingtan_2024_narrative.txt): its paragraphs, and new paragraphs made of its sentences
in a seeded order, so sections run to several pages with run-in 「（一）……。」 headings, heading
lines of every numbered form (「二、」「（一）」「1.」「（1）」「①」) and paragraphs of every length, and
page breaks fall at different places in each report.  Table cells hold numbers up to 7 digits
(the sums add up).  The same seeds always give the same files.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.draft_io import save_draft  # noqa: E402
from tests.factories import fill_t3_balanced  # noqa: E402
from model.formats import load_format  # noqa: E402
from model.report import Report  # noqa: E402

SOURCE = ROOT / "tests" / "data" / "pingtan_2024_narrative.txt"
OUT = ROOT / "tests" / "data" / "long_reports"
HANZI = "一二三四五六七八九十"


def narrative() -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {}
    key = ""
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            key = line[2:].strip()
            parts[key] = []
        elif line.strip():
            parts[key].append(line.strip())
    return parts


def sentences(parts: dict[str, list[str]]) -> list[str]:
    out = []
    for paras in parts.values():
        for p in paras:
            p = re.sub(r"^（[一二三四五六七八九十]）[^。]*。", "", p)
            out += [s + "。" for s in p.split("。") if len(s) > 8]
    return out


def paragraph(rnd: random.Random, pool: list[str], chars: int) -> str:
    text = ""
    while len(text) < chars:
        text += rnd.choice(pool)
    return text


def section_text(rnd: random.Random, pool: list[str], real: list[str], n: int,
                 forms: bool) -> str:
    """n run-in paragraphs 「（一）……。」 with body paragraphs between; with `forms`, heading lines
    of every numbered form too."""
    lines = list(real)
    for k in range(n):
        lead = f"（{HANZI[k % 10]}）" + rnd.choice(["加强组织领导", "完善工作机制", "深化重点领域公开",
                                                  "提升解读回应质量", "规范依申请公开办理",
                                                  "强化平台建设"]) + "。"
        lines.append(lead + paragraph(rnd, pool, rnd.choice([60, 150, 300, 520])))
        for _ in range(rnd.randint(0, 2)):
            lines.append(paragraph(rnd, pool, rnd.choice([40, 90, 200, 420, 800])))
        if forms and k % 2 == 0:
            lines.append(f"{HANZI[(k + 1) % 10]}、{rnd.choice(['工作举措', '主要做法', '取得成效'])}")
            lines.append(f"（{HANZI[k % 10]}）{rnd.choice(['制度建设', '队伍建设', '平台建设'])}")
            lines.append(f"{k + 1}.{rnd.choice(['关于公开目录', '关于解读回应', '关于监督考核'])}")
            lines.append(paragraph(rnd, pool, rnd.choice([70, 260])))
            lines.append(f"（{k + 1}）{rnd.choice(['统一标准', '分级审核'])}")
            lines.append(paragraph(rnd, pool, rnd.choice([30, 120])))
            lines.append(f"{chr(0x2460 + k % 20)}{rnd.choice(['专项检查', '日常监测'])}")
            lines.append(paragraph(rnd, pool, rnd.choice([55, 340])))
    return "\n".join(lines)


def fill_tables(report: Report, rnd: random.Random, big: int) -> None:
    """Numbers of up to `big` digits that add up (totals are computed from them)."""
    fmt = report.fmt
    top = 10 ** big - 1
    for cid in fmt.input_ids:
        cell = fmt.cells[cid]
        if cell.table.id == "t3":
            continue
        if cell.column.type == "decimal":
            from decimal import Decimal

            report.cells[cid] = Decimal(rnd.randint(0, top)) / Decimal(100)
        elif cell.column.type == "signed_integer":
            report.cells[cid] = rnd.randint(-top // 10, top // 10)
        else:
            report.cells[cid] = rnd.randint(0, top // 15)
    t3 = fmt.tables["t3"]
    rows = sum(1 for row in t3.data_rows if row.level >= 1 and not row.computed)
    columns = sum(1 for c in t3.leaves if not c.computed)
    fill_t3_balanced(report, rnd, most=top // (4 * rows * columns))
    for unit_cell in (c for c in fmt.cells if fmt.cells[c].column.unit_choices):
        report.units[unit_cell] = "万元"


SPECS = [
    # name, format, seed, run-in paragraphs per section, heading forms, digits, date
    ("pingtan-long-2021", "2021", 1, 6, False, 7, "2025-03-10"),
    ("every-heading-form-2021", "2021", 2, 5, True, 6, "2025-01-20"),
    ("long-2019", "2019", 3, 5, True, 7, "2020-01-15"),
    ("long-closing-2021", "2021", 4, 8, False, 5, "2025-02-28"),
]


def build(name: str, format_id: str, seed: int, n: int, forms: bool, digits: int,
          date: str) -> Report:
    rnd = random.Random(seed)
    parts = narrative()
    pool = sentences(parts)
    fmt = load_format(format_id)
    year = int(date[:4]) - 1
    agency = "平潭综合实验区管理委员会办公室" if seed % 2 else "福建省平潭综合实验区党工委管委会办公室"
    r = Report(format_id=format_id, year=year, agency=agency, date=date)
    r.texts["preamble"] = "\n".join(parts["preamble"])
    for sec in fmt.sections:
        real = parts["s1"] if sec.id == "s1" else parts.get(sec.id, [])
        r.texts[sec.id] = section_text(rnd, pool, real, n if sec.id in ("s1", "s5") else n // 2,
                                       forms)
    r.texts["s6"] = "\n".join(parts["s6"] + [paragraph(rnd, pool, 180)])
    if seed % 2 == 0:
        r.texts["closing"] = paragraph(rnd, pool, 230) + "\n特此报告。"
    fill_tables(r, rnd, digits)
    return r


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for spec in SPECS:
        path = OUT / f"{spec[0]}.gknb"
        save_draft(path, build(*spec))
        bak = path.with_name(path.name + ".bak")
        if bak.exists():
            bak.unlink()
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
