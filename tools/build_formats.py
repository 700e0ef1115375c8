"""Build resources/formats/<id>.json from the shared spec (../shared/format/formats.json).

The shared spec is written for people and cross-checking; our format files are written for
the engine: structured rules (no expression strings to evaluate), computed cells with their
addends in evaluation order, layout hints and Chinese texts for the clerk.  Ids and labels are
copied verbatim from the spec; tests/test_format_matches_spec.py keeps the two in step.

Run:  python tools/build_formats.py [path/to/formats.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "format" / "formats.json"
OUT_DIR = ROOT / "resources" / "formats"

# Section hints shown in an empty editor.  The official guidance the spec could confirm,
# phrased for the clerk.
HINTS = {
    "s1": "综述本机关贯彻落实《中华人民共和国政府信息公开条例》的情况，主要包括主动公开、依申请公开、"
    "政府信息管理、政府信息公开平台建设、监督保障等方面。各级人民政府的监督保障部分须包括"
    "工作考核、社会评议和责任追究结果情况。",
    "s2": "（可选）对表中数据的补充说明。",
    "s3": "（可选）对表中数据的补充说明。",
    "s4": "（可选）对表中数据的补充说明。",
    "s5": "写明本年度政府信息公开工作存在的主要问题及改进情况，并说明上一年度报告所列问题的整改情况。",
    "s6_2021": "须报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（发出收费通知的件数和总金额，"
    "以及实际收取的总金额）。其他事项如落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果"
    "公开情况、年度政务公开工作创新情况等，可按（一）（二）……分项报告。",
    "s6_2019": "报告其他需要报告的事项；没有的可写“无”。",
}

# Short tab titles (「三 依申请公开」): seven tabs fit a 1366-pixel screen at 125 % only this short;
# the official heading stays the page title and the tab's tooltip.
TAB_TITLES = {"s1": "总体情况", "s2": "主动公开", "s3": "依申请公开", "s4": "复议诉讼", "s5": "问题改进",
              "s6": "其他事项"}

FORMAT_NAMES = {
    "2021": "2021年版格式（国办公开办函〔2021〕30号）",
    "2019": "2019年试行格式（国办公开办函〔2019〕60号）",
}
YEARS = {"2021": [2021, None], "2019": [2019, 2020]}

# Short names used in messages and tab captions.
TABLE_NAMES = {
    "t2_1": "表二 第二十条第（一）项",
    "t2_5": "表二 第二十条第（五）项",
    "t2_6": "表二 第二十条第（六）项",
    "t2_8": "表二 第二十条第（八）项",
    "t2_9": "表二 第二十条第（九）项",
    "t3": "表三",
    "t4": "表四",
}

# Relative widths of the row-label columns (the value columns weigh 1 each).
LABEL_WIDTHS = {"t3": [0.9, 1.15, 3.9], "t2": [1.6]}

# Explicit units a clerk picks for a decimal column whose header prints none.
UNIT_CHOICES = {"t2_9.amount": ["元", "万元"]}

# A fee stated in 万元 above this probably was typed in 元 (the spec's unit-confusion check).
FEE_SANITY_LIMIT = "10000"


def leaves(columns):
    out = []
    for c in columns:
        if c.get("children"):
            out.extend(leaves(c["children"]))
        else:
            out.append(c)
    return out


def convert_column(c, table_id):
    col = {"id": c["id"], "label": c["label"]}
    if c.get("children"):
        col["children"] = [convert_column(x, table_id) for x in c["children"]]
        return col
    col["type"] = c["type"]
    if c.get("unit"):
        col["unit"] = c["unit"]
    if c.get("computed"):
        col["computed"] = True
    if c["type"] == "decimal":
        col["decimals"] = 6
    choices = UNIT_CHOICES.get(f"{table_id}.{c['id']}")
    if choices:
        col["unit_choices"] = choices
    return col


def convert_rows(rows):
    out = []
    for r in rows:
        row = {"id": r["id"], "label": r["label"], "level": r["level"]}
        if r.get("group_heading"):
            row["group"] = True
        if r.get("computed"):
            row["computed"] = True
        out.append(row)
    return out


def cid(t, r, c):
    return f"{t}.{r}.{c}"


def table3_logic(t):
    """Computed cells and rules of 表三, built from its structure."""
    tid = t["id"]
    cols = [c for c in leaves(t["columns"])]
    inputs = [c["id"] for c in cols if not c.get("computed")]
    total_col = next(c["id"] for c in cols if c.get("computed"))
    data_rows = [r["id"] for r in t["rows"] if not r.get("group_heading")]
    result_rows = [r["id"] for r in t["rows"]
                   if r["level"] >= 1 and not r.get("group_heading") and not r.get("computed")]
    total_row = next(r["id"] for r in t["rows"] if r.get("computed"))
    computed, rules = [], []
    # Row totals first (except the corner), then the （七）总计 row, then the corner.
    for r in data_rows:
        if r == total_row:
            continue
        computed.append({"cell": cid(tid, r, total_col), "sum": [cid(tid, r, c) for c in inputs]})
    for c in inputs:
        computed.append({"cell": cid(tid, total_row, c), "sum": [cid(tid, r, c) for r in result_rows]})
    computed.append({"cell": cid(tid, total_row, total_col),
                     "sum": [cid(tid, total_row, c) for c in inputs]})
    rn = {r["id"]: r for r in t["rows"]}
    r1, r2, r4 = "r1_new", "r2_carried_in", "r4_carried_out"
    for c in cols:
        rules.append({
            "id": f"t3_balance_{c['id']}", "severity": "error", "kind": "equal_sums",
            "provenance": "official",
            "left": [cid(tid, r1, c["id"]), cid(tid, r2, c["id"])],
            "right": [cid(tid, total_row, c["id"]), cid(tid, r4, c["id"])],
            "title": f"表三「{c['label']}」列勾稽关系不成立",
            "left_label": "第一项加第二项之和", "right_label": "第三项加第四项之和",
        })
    for c in cols:
        rules.append({
            "id": f"t3_results_sum_{c['id']}", "severity": "error", "kind": "stated_total",
            "provenance": "implied",
            "cell": cid(tid, total_row, c["id"]),
            "title": f"表三「{rn[total_row]['label']}」行「{c['label']}」列与各项办理结果之和不符",
        })
    for r in data_rows:
        rules.append({
            "id": f"t3_rowtotal_{r}", "severity": "error", "kind": "stated_total",
            "provenance": "implied",
            "cell": cid(tid, r, total_col),
            "title": f"表三「{rn[r]['label']}」行的总计与各列之和不符",
        })
    rules.append({"id": "t3_nonneg_int", "severity": "error", "kind": "cell_type", "table": tid,
                  "provenance": "implied"})
    for c in cols:
        rules.append({
            "id": f"t3_cross_year_carry_{c['id']}", "severity": "error", "kind": "cross_year_equal",
            "provenance": "implied",
            "cell": cid(tid, r2, c["id"]), "last_year_cell": cid(tid, r4, c["id"]),
            "title": f"表三「{c['label']}」列的上年结转数与上年报告的结转下年度数不一致",
        })
    return computed, rules


def table4_logic(t):
    tid = t["id"]
    computed, rules = [], []
    for block in t["columns"]:
        groups = block["children"]
        if not any(g.get("children") for g in groups):
            groups = [block]
        for g in groups:
            kids = g["children"]
            total = next(k for k in kids if k.get("computed"))
            parts = [k for k in kids if not k.get("computed")]
            cell = cid(tid, "cases", total["id"])
            computed.append({"cell": cell, "sum": [cid(tid, "cases", k["id"]) for k in parts]})
            prefix = total["id"].split("_")[0]
            rules.append({
                "id": f"t4_total_{prefix}", "severity": "error", "kind": "stated_total",
                "provenance": "implied", "cell": cell,
                "title": f"表四「{g['label']}」的总计与各项之和不符",
            })
    rules.append({"id": "t4_nonneg_int", "severity": "error", "kind": "cell_type", "table": tid,
                  "provenance": "implied"})
    return computed, rules


def table2_logic(t, version):
    """Rules of one 表二 block (type rules, plus the soft checks of spec §5.3)."""
    tid = t["id"]
    rules = []
    type_rule = next((r["id"] for r in t["validation_rules"]
                      if r["severity"] == "error"), f"{tid}_type")
    rules.append({"id": type_rule, "severity": "error", "kind": "cell_type", "table": tid,
                  "provenance": "implied"})
    rows = {r["id"]: r for r in t["rows"]}
    if version == "2021" and tid == "t2_1":
        for rid, suffix in (("regulations", "regulations"), ("normative_docs", "normative")):
            rules.append({
                "id": f"t2_1_made_le_inforce_plus_repealed_{suffix}", "severity": "warning",
                "kind": "le_sums", "provenance": "implied-soft",
                "left": [cid(tid, rid, "made")],
                "right": [cid(tid, rid, "in_force"), cid(tid, rid, "repealed")],
                "title": f"「{rows[rid]['label']}」本年制发件数大于现行有效件数与本年废止件数之和",
                "left_label": "本年制发件数", "right_label": "现行有效件数+本年废止件数",
            })
            rules.append({
                "id": f"t2_1_cross_year_inforce_{suffix}", "severity": "warning",
                "kind": "cross_year_stock", "provenance": "implied-soft",
                "cell": cid(tid, rid, "in_force"), "last_year_cell": cid(tid, rid, "in_force"),
                "plus": [cid(tid, rid, "made")], "minus": [cid(tid, rid, "repealed")],
                "title": f"「{rows[rid]['label']}」现行有效件数与上年衔接不上",
            })
    if version == "2021" and tid == "t2_8":
        rules.append({
            "id": "t2_8_unit_sanity", "severity": "warning", "kind": "unit_sanity",
            "provenance": "implied-soft", "cells": [cid(tid, "admin_fees", "fee_amount")],
            "limit": FEE_SANITY_LIMIT,
            "title": "本年收费金额的单位是万元，该数值像是按元填写的",
        })
    if version == "2019" and tid == "t2_1":
        for rid, suffix in (("regulations", "regulations"), ("normative_docs", "normative")):
            rules.append({
                "id": f"t2_1_total_ge_new_{suffix}", "severity": "warning", "kind": "le_sums",
                "provenance": "implied-soft",
                "left": [cid(tid, rid, "new_published")],
                "right": [cid(tid, rid, "published_total")],
                "title": f"「{rows[rid]['label']}」对外公开总数量小于本年新公开数量",
                "left_label": "本年新公开数量", "right_label": "对外公开总数量",
            })
    if version == "2019" and tid in ("t2_5", "t2_6", "t2_8"):
        for rid in rows:
            rules.append({
                "id": f"{tid}_delta_bound_{rid}", "severity": "warning", "kind": "nonneg_sum",
                "provenance": "implied-soft",
                "cells": [cid(tid, rid, "prev_items"), cid(tid, rid, "delta")],
                "title": f"「{rows[rid]['label']}」上一年项目数量加本年增/减为负数",
            })
    if version == "2019" and tid == "t2_9":
        rules.append({
            "id": "t2_9_unit_required", "severity": "error", "kind": "unit_required",
            "provenance": "implied", "cells": [cid(tid, "central_procurement", "amount")],
            "title": "采购总金额没有注明单位（元或万元）",
        })
    return rules


def text_rules(version):
    rules = [
        {"id": "s5_empty", "severity": "warning", "kind": "text_substantive", "section": "s5",
         "title": "“五、存在的主要问题及改进情况”为空或只写了“无”"},
        {"id": "text_placeholder", "severity": "warning", "kind": "text_placeholder",
         "patterns": ["XX", "ＸＸ", "xx", "××", "……", "...", "待补充", "待填写", "待完善", "（文字描述）"],
         "title": "正文中留有占位文字"},
        {"id": "text_missing", "severity": "warning", "kind": "text_required",
         "sections": ["s1"] if version == "2021" else ["s1", "s6"],
         "title": "正文部分尚未填写"},
        {"id": "agency_missing", "severity": "error", "kind": "agency_required",
         "title": "未填写机关名称"},
        {"id": "blank_cells", "severity": "warning", "kind": "blank_cells",
         "title": "表格中有空白单元格，正式表格中应填 0"},
        {"id": "format_year_mismatch", "severity": "warning", "kind": "format_year",
         "title": "报告年度与所选格式不一致"},
    ]
    if version == "2021":
        rules.append({"id": "s6_fee_statement", "severity": "warning", "kind": "text_mentions",
                      "section": "s6", "any": ["信息处理费"],
                      "title": "“六、其他需要报告的事项”未说明信息处理费收取情况"})
    return rules


def build(spec_path: Path) -> dict[str, dict]:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    out = {}
    for version, v in spec["versions"].items():
        sections, tables, computed, rules = [], [], [], []
        for s in v["sections"]:
            sec = {"id": s["id"], "no": s["no"], "title": s["title"],
                   "heading": f"{s['no']}、{s['title']}",
                   "tab": f"{s['no']} {TAB_TITLES[s['id']]}",
                   "kind": "tables" if s["kind"] in ("table", "tables") else "text",
                   "hint": HINTS.get(f"{s['id']}_{version}", HINTS.get(s["id"], ""))}
            if sec["kind"] == "tables":
                sec["tables"] = [t["id"] for t in s["tables"]]
                sec["grid"] = "t2" if s["id"] == "s2" else s["tables"][0]["id"]
            sections.append(sec)
            for t in s.get("tables", []):
                tab = {"id": t["id"], "section": s["id"], "name": TABLE_NAMES[t["id"]],
                       "columns": [convert_column(c, t["id"]) for c in t["columns"]],
                       "rows": convert_rows(t["rows"])}
                if s["id"] == "s2":
                    tab["caption"] = t["title"]
                    tab["stub_header"] = t["stub_header"]
                if t.get("header_note_cell"):
                    tab["corner_note"] = t["header_note_cell"]
                if t["id"] == "t4":
                    tab["row_labels"] = False
                    tab["rows"][0]["label"] = ""
                tables.append(tab)
                if t["id"] == "t3":
                    c, r = table3_logic(t)
                elif t["id"] == "t4":
                    c, r = table4_logic(t)
                else:
                    c, r = [], table2_logic(t, version)
                computed += c
                rules += r
        rules += text_rules(version)
        rollover = {
            "carry": [{"from": f"t3.r4_carried_out.{c}", "to": f"t3.r2_carried_in.{c}"}
                      for c in ["natural", "commercial", "research", "public_welfare",
                                "legal_service", "other_org"]],
        }
        if version == "2021":
            rollover["start"] = ["t2_1.regulations.in_force", "t2_1.normative_docs.in_force"]
        out[version] = {
            "schema": 1, "id": version, "name": FORMAT_NAMES[version], "doc_no": v["doc_no"],
            "format_title": v["format_title"], "years": YEARS[version],
            "grid_layout": {"label_widths": LABEL_WIDTHS},
            "sections": sections, "tables": tables, "computed": computed, "rules": rules,
            "rollover": rollover,
        }
    return out


def main(argv):
    spec = Path(argv[1]) if len(argv) > 1 else DEFAULT_SPEC
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for version, data in build(spec).items():
        path = OUT_DIR / f"{version}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}: {len(data['tables'])} tables, "
              f"{len(data['computed'])} computed cells, {len(data['rules'])} rules")


if __name__ == "__main__":
    main(sys.argv)
