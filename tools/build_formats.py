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
            "partial": "hint",
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


# -- rules about the narrative (model/text_checks.py) ----------------------------------------------
# Words that name what a clause is about.  A clause that names none inherits the topic of the
# nearest earlier clause of its sentence that does (「收到申请41件，办结39件」), and a foreign topic
# (建议, 热线 …) stops the inheritance.
TOPIC_WORDS = ["申请", "复议", "诉讼", "许可", "处罚", "强制", "规范性文件", "规章", "建议", "提案",
               "热线", "工单", "信访", "咨询", "留言", "来信", "来电", "诉求", "办件", "事项", "收费",
               "会议", "活动", "培训", "稿件", "信息"]
# A clause with one of these states a change, a range or a part, never the quantity itself.
SKIP_CLAUSE = ["其中", "同比", "较上年", "比上年", "较去年", "比去年", "增长", "增加", "减少", "下降",
               "上升", "持平", "平均", "累计办理", "占比", "以来"]
SKIP_SENTENCE = ["分别"]
# Applications: other things are also received, handled and settled.
NOT_APPLICATIONS = ["复议", "诉讼", "许可", "处罚", "强制", "建议", "提案", "热线", "工单", "信访",
                    "咨询", "留言", "来信", "来电", "诉求", "办件", "审批", "政务服务", "依法行政"]
# 行政复议 / 行政诉讼 about this agency's 政府信息公开 (a 司法局 also decides others' cases).
DISCLOSURE_CONTEXT = ["公开"]


def _t3_cells(t, label_rows):
    return [cid(t["id"], r, "total") for r in label_rows]


def _t3_group(t, group):
    """The rows of a 表三 result group (（三）不予公开 → its eight reasons), or the row itself."""
    rows = [r["id"] for r in t["rows"] if not r.get("group_heading")]
    kids = [r for r in rows if r.startswith(group + "_")]
    return kids or [r for r in rows if r == group or r.startswith(group)]


def _application_quantities(t):
    tid = t["id"]
    total = lambda r: cid(tid, r, "total")  # noqa: E731
    app = {"need": ["申请"], "inherit": True, "units": ["件"], "foreign": NOT_APPLICATIONS}
    results = {
        "open": ("予以公开", ["予以公开"], ["部分公开"], "r3_1_open"),
        "partial": ("部分公开", ["部分公开"], [], "r3_2_partial"),
        "refused": ("不予公开", ["不予公开"], [], "r3_3"),
        "unable": ("无法提供", ["无法提供"], [], "r3_4"),
        "not_processed": ("不予处理", ["不予处理"], [], "r3_5"),
        "other": ("其他处理", ["其他处理"], [], "r3_6"),
    }
    qs = [
        {"id": "t3_new", "label": "本年新收的申请", **app,
         "cue": ["新收", "收到", "受理", "接收", "接到", "共收"],
         "none": ["结转", "办结", "答复", "办理", "处理", "上年", "予以",
                                     "自然人", "法人", "企业"],
         # 「收到申请37件（含上年结转2件）」: what was received may include what was carried in.
         "readings": [[total("r1_new")], [total("r1_new"), total("r2_carried_in")]]},
        {"id": "t3_handled", "label": "办理的申请", **app, "cue": ["办理"],
         "none": ["结转", "新收", "收到", "受理", "办结", "上年", "正在", "尚未",
                                     "自然人", "法人", "企业"],
         "readings": [[total("r1_new"), total("r2_carried_in")], [total("r3_7_total")],
                      [total("r1_new")]]},
        {"id": "t3_settled", "label": "办结（答复）的申请", **app,
         "cue": ["办结", "已答复", "作出答复", "予以答复", "答复完毕", "办理完毕", "处理完毕"],
         "none": ["结转", "未办结", "尚未", "正在", "新收", "收到", "按时", "逾期",
                                     "自然人", "法人", "企业"],
         "readings": [[total("r3_7_total")]]},
        {"id": "t3_carried_in", "label": "上年结转的申请", **app,
         "cue": ["上年结转", "上年度结转", "上一年度结转", "上一年结转", "由上年结转", "结转上年"],
         "none": ["下年", "下一年", "次年"],
         "readings": [[total("r2_carried_in")]]},
        {"id": "t3_carried_out", "label": "结转下年度的申请", **app,
         "cue": ["结转下年", "结转至下", "结转到下", "结转下一", "结转至次年", "结转次年", "结转至20",
                 "结转到20", "转入下一", "转入下年", "尚未办结", "未办结"],
         "none": ["上年结转", "上年度结转", "上一年度结转"],
         "readings": [[total("r4_carried_out")]]},
    ]
    for key, (label, cue, none, group) in results.items():
        rows = _t3_group(t, group)
        qs.append({"id": f"t3_{key}", "label": f"{label}的申请", "units": ["件"], "cue": cue,
                   "foreign": NOT_APPLICATIONS, "none": none + ["结转"],
                   "readings": [[total(r) for r in rows]]})
    return qs


def _case_quantities():
    lit = [cid("t4", "cases", "ld_total"), cid("t4", "cases", "la_total")]
    case = {"units": ["件", "起", "宗", "个"], "context": DISCLOSURE_CONTEXT, "context_keys": ["s4"]}
    outcomes = ["维持", "纠正", "其他结果", "审结", "撤回", "驳回", "败诉", "胜诉"]
    return [
        {"id": "t4_review", "label": "行政复议案件", **case, "need": ["复议"],
         "none": ["诉讼", "起诉"] + outcomes, "readings": [[cid("t4", "cases", "rv_total")]]},
        {"id": "t4_litigation", "label": "行政诉讼案件", **case, "need": ["诉讼"],
         "none": ["复议", "应诉"] + outcomes, "readings": [lit]},
        {"id": "t4_both", "label": "行政复议和行政诉讼案件", **case, "need": ["复议", "诉讼"],
         "cue": ["共", "合计", "总计"], "none": outcomes,
         "readings": [[cid("t4", "cases", "rv_total")] + lit]},
    ]


def _document_quantities(version):
    """规章 and 规范性文件: made, repealed, in force (2021) or made and published (2019)."""
    docs = {"regulations": ("规章", ["规章制度", "规范性文件"]),
            "normative_docs": ("规范性文件", ["规章"])}
    if version == "2021":
        verbs = {
            "made": ("本年制发的", ["制发", "制定", "印发", "出台"],
                     ["废止", "失效", "现行有效", "清理", "修订", "修改", "备案", "审查", "审核", "解读",
                      "征求", "起草", "报送"]),
            "repealed": ("本年废止的", ["废止", "宣布失效"], ["制发", "制定", "印发", "现行有效", "出台"]),
            "in_force": ("现行有效的", ["现行有效"], ["制发", "制定", "印发", "废止", "出台"]),
        }
    else:
        verbs = {
            "new_made": ("本年新制作的", ["制发", "制定", "印发", "出台", "制作"],
                         ["废止", "失效", "现行有效", "清理", "修订", "修改", "备案", "审查", "审核",
                          "解读", "征求", "起草", "报送"]),
            "published_total": ("对外公开总数的", ["对外公开总数"], ["制发", "制定", "印发", "出台"]),
        }
    out = []
    for row, (noun, other) in docs.items():
        for col, (label, cue, none) in verbs.items():
            out.append({"id": f"t2_1_{row}_{col}", "label": f"{label}{noun}", "units": ["件", "个", "份", "部"],
                        "need": [noun], "inherit": True, "foreign": other, "cue": cue, "none": none,
                        "readings": [[cid("t2_1", row, col)]]})
    return out


def _decision_quantities():
    """行政许可 / 行政处罚 / 行政强制 decisions (表二 第二十条第（五）（六）项)."""
    spec = {("t2_5", "licensing"): ("行政许可", ["处罚", "强制"]),
            ("t2_6", "penalty"): ("行政处罚", ["许可", "强制", "立案", "线索"]),
            ("t2_6", "coercion"): ("行政强制", ["许可", "处罚"])}
    return [{"id": f"{t}_{row}", "label": f"{noun}决定", "units": ["件"], "need": [noun],
             "none": other + ["申请", "受理", "事项", "清单", "网上", "咨询", "目录", "公示"],
             "readings": [[cid(t, row, "decisions")]]}
            for (t, row), (noun, other) in spec.items()]


def _money_quantities(version):
    if version == "2021":
        return [{"id": "t2_8_admin_fees", "label": "行政事业性收费金额", "units": ["元"],
                 "need": ["行政事业性收费"], "none": ["信息处理费", "项目", "减免", "清单"],
                 "readings": [[cid("t2_8", "admin_fees", "fee_amount")]]}]
    return [{"id": "t2_9_procurement", "label": "政府集中采购金额", "units": ["元"],
             "need": ["采购"], "none": ["项目数", "个项目"],
             "readings": [[cid("t2_9", "central_procurement", "amount")]]}]


def _claims(version, t3):
    total = lambda r: cid("t3", r, "total")  # noqa: E731
    lit = [cid("t4", "cases", "ld_total"), cid("t4", "cases", "la_total")]
    none_word = r"(?:未发生|未出现|未收到|未涉及|未产生|未被|没有|无)"
    claims = [
        {"id": "all_settled", "label": "均已办结",
         # 「均已按时办结」 claims every application settled; 「均在法定期限内答复」 is about timeliness.
         "pattern": r"(?:均|全部|全都|都|悉数)已经?(?:按时|按期|依法|及时)?(?:予以)?"
                    r"(?:办结|答复|办理完毕|办理完成|答复完毕|处理完毕)"
                    r"|(?:全部|均)(?:按时|按期)?(?:办结|办理完毕|答复完毕)",
         "need": ["申请"], "inherit": True, "foreign": NOT_APPLICATIONS, "none": ["上年", "结转"],
         "cells": [total("r4_carried_out")],
         "advice": "表三有结转下年度继续办理的申请，正文不宜写全部办结。"},
        {"id": "none_carried_out", "label": "无结转",
         "pattern": r"(?:无|没有|不存在)(?:申请)?(?:需要?)?结转(?:至|到)?(?:下一?年|次年)",
         "cells": [total("r4_carried_out")],
         "advice": "请核对正文或表三的“四、结转下年度继续办理”。"},
        {"id": "no_review", "label": "未发生行政复议",
         "pattern": none_word + r"[^，。；：\n]{0,24}?行政复议",
         "none": ["未经", "复议后"], "context": DISCLOSURE_CONTEXT, "context_keys": ["s4"],
         "cells": [cid("t4", "cases", "rv_total")],
         "advice": "请核对正文或表四的行政复议各栏。"},
        {"id": "no_litigation", "label": "未发生行政诉讼",
         "pattern": none_word + r"[^，。；：\n]{0,24}?行政诉讼",
         "none": ["未经"], "context": DISCLOSURE_CONTEXT, "context_keys": ["s4"],
         "cells": lit, "advice": "请核对正文或表四的行政诉讼各栏。"},
        {"id": "no_applications", "label": "未收到申请",
         "pattern": r"(?:未|没有|无)(?:收到|受理|接到|接收|发生)[^，。；：\n]{0,12}?申请",
         "foreign": NOT_APPLICATIONS, "cells": [total("r1_new")],
         "advice": "请核对正文或表三的“一、本年新收政府信息公开申请数量”。"},
    ]
    if any(r["id"] == "r3_6_2_no_fee" for r in t3["rows"]):
        claims.append({
            "id": "no_fee_notice", "label": "未发出收费通知",
            "pattern": r"(?:未|没有|无)(?:向申请人)?(?:发出|开具|出具|发送)[^，。；：\n]{0,8}?收费通知",
            "cells": [total("r3_6_2_no_fee")],
            "advice": "表三记有申请人逾期未按收费通知缴费的申请，说明发出过收费通知。"})
    return claims


# Where a text gives the report's own year: in another year, it is last year's text left in.
REPORT_YEAR_PATTERNS = [
    {"pattern": r"现将[^，。；：\n]{0,30}?(?P<y>{YEAR})年"},
    {"pattern": r"编制[^，。；：\n]{0,30}?(?P<y>{YEAR})年度?政府信息公开"},
    {"pattern": r"统计期限为?(?:自|从)?(?P<y>{YEAR})年"},
    {"pattern": r"(?P<y>{YEAR})年1月1日(?:起)?至"},
    {"pattern": r"至(?P<y>{YEAR})年12月31日"},
    # 「2024年，我局……」 opening a paragraph of a 2025 report (a later year is a plan: not flagged).
    {"pattern": r"^\s*(?P<y>{YEAR})年度?(?:以来)?(?=[，,])", "older_only": True},  # the comma is not quoted
]


def narrative_rules(version, spec_tables):
    t3 = spec_tables["t3"]
    quantities = (_application_quantities(t3) + _case_quantities() + _document_quantities(version)
                  + _decision_quantities() + _money_quantities(version))
    rules = [
        {"id": "text_vs_table", "severity": "warning", "kind": "text_numbers",
         "title": "正文所述数字与表格不一致",
         "topic_words": TOPIC_WORDS, "skip": SKIP_CLAUSE, "skip_sentence": SKIP_SENTENCE,
         "quantities": quantities},
        {"id": "text_claim_vs_table", "severity": "warning", "kind": "text_claims",
         "title": "正文的说法与表格不一致", "topic_words": TOPIC_WORDS, "claims": _claims(version, t3)},
        {"id": "text_total_vs_parts", "severity": "warning", "kind": "text_breakdown",
         "title": "正文中的总数与所列分项之和不符", "marker": "其中",
         "residual": ["其他", "其余", "其它"], "exhaustive_sets": [["自然人", "法人"]],
         "skip": SKIP_CLAUSE[1:]},
        {"id": "text_not_reviewed", "severity": "warning", "kind": "text_review",
         "title": "从上年带入的正文尚未复核"},
        {"id": "text_old_year", "severity": "warning", "kind": "text_report_year",
         "title": "正文把往年写作报告年度", "patterns": REPORT_YEAR_PATTERNS},
        {"id": "text_repeats_last_year", "severity": "warning", "kind": "text_similarity",
         "title": "正文与上年报告重复率过高",
         "sections": ["s1", "s2", "s3", "s4", "s5", "s6"], "threshold": 0.5, "min_chars": 60},
        {"id": "date_missing", "severity": "warning", "kind": "date_required", "title": "未填写成文日期"},
        {"id": "t4_all_blank", "severity": "warning", "kind": "table_blank", "table": "t4",
         "title": "表四整表空白",
         "advice": "没有政府信息公开行政复议、行政诉讼的，各栏应填 0（可用“空白填0”）。"},
        {"id": "s5_last_year_problems", "severity": "warning", "kind": "text_mentions_last_year",
         "section": "s5", "any": ["上年", "上一年", "去年", "以往", "整改"],
         "title": "“五、存在的主要问题及改进情况”没有说明上年所列问题的整改情况"},
        {"id": "text_headings", "severity": "warning", "kind": "text_headings",
         "title": "正文中的部分标题与官方格式不一致", "min_headings": 3},
        {"id": "s1_too_long", "severity": "warning", "kind": "text_length", "section": "s1",
         "setting": "overview_max_chars", "title": "“一、总体情况”超过字数上限"},
        {"id": "text_punctuation", "severity": "hint", "kind": "text_punctuation",
         "title": "标点或空格不规范"},
        {"id": "closing_repeats_signature", "severity": "warning", "kind": "closing_signature",
         "title": "结尾落款重复了文末的机关名称或日期"},
    ]
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
        spec_tables = {t["id"]: t for sec in v["sections"] for t in sec.get("tables", [])}
        rules += narrative_rules(version, spec_tables)
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
