"""Reports for tests: a complete, clean report of either format, with numbers that balance."""

from __future__ import annotations

import random
from decimal import Decimal

from model.formats import load_format
from model.report import Report

CLEAN_TEXTS = {
    "preamble": "本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为1月1日至12月31日。",
    "s1": "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开\n全年主动公开政府信息120条。",
    "s5": "一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训，丰富解读形式。上年问题已整改。",
    "s6": "本年度未收取信息处理费。",
}


def full_report(format_id: str = "2021", seed: int = 1, year: int | None = None) -> Report:
    """Every input cell filled, every rule satisfied (no errors and no warnings)."""
    fmt = load_format(format_id)
    rnd = random.Random(seed)
    year = year or (2024 if format_id == "2021" else 2020)
    r = Report(format_id=format_id, year=year, agency="测试市测试区人民政府办公室",
               date=f"{year + 1}-01-20", texts=dict(CLEAN_TEXTS))
    for cid in fmt.input_ids:
        cell = fmt.cells[cid]
        if cell.table.id == "t3":
            continue
        if cell.column.type == "decimal":
            r.cells[cid] = Decimal(rnd.randint(0, 999_999)) / Decimal(10_000)
        elif cell.column.type == "signed_integer":
            r.cells[cid] = rnd.randint(0, 5)
        else:
            r.cells[cid] = rnd.randint(0, 40)
    if format_id == "2021":
        for row in ("regulations", "normative_docs"):
            made, rep = rnd.randint(0, 9), rnd.randint(0, 5)
            r.cells[f"t2_1.{row}.made"] = made
            r.cells[f"t2_1.{row}.repealed"] = rep
            r.cells[f"t2_1.{row}.in_force"] = made + rnd.randint(0, 50)
    else:
        for row in ("regulations", "normative_docs"):
            r.cells[f"t2_1.{row}.published_total"] = r.cells[f"t2_1.{row}.new_published"] + 10
        for cid in fmt.cells:
            if fmt.cells[cid].column.unit_choices:
                r.units[cid] = "万元"
        r.texts["s6"] = "无其他需要报告的事项。"
    fill_t3_balanced(r, rnd, most=6, carried=4)
    return r


def fill_t3_balanced(report: Report, rnd: random.Random, most: int, carried: int = 0) -> None:
    """表三 at random, balanced: each result row 0…`most` a column, requests carried in and out
    0…`carried`, and 本年新收 what makes every column add up (一 + 二 = 七 + 四)."""
    t3 = report.fmt.tables["t3"]
    inputs = [c.id for c in t3.leaves if not c.computed]
    results = [row.id for row in t3.data_rows if row.level >= 1 and not row.computed]
    for col in inputs:
        total = 0
        for row in results:
            v = rnd.randint(0, most)
            report.cells[f"t3.{row}.{col}"] = v
            total += v
        carried_in = rnd.randint(0, carried) if carried else 0
        carried_out = rnd.randint(0, carried) if carried else 0
        carried_in = min(carried_in, total + carried_out)  # nothing new can be negative
        report.cells[f"t3.r2_carried_in.{col}"] = carried_in
        report.cells[f"t3.r4_carried_out.{col}"] = carried_out
        report.cells[f"t3.r1_new.{col}"] = total + carried_out - carried_in
