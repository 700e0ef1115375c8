"""Report files to import, made the way clerks and websites make them — and what a person reads off
each of them, written out by hand.

Builders (python-docx, openpyxl, plain HTML) write sources from the printed texts below; the EXPECTED
values beside them are typed in separately (「１５」 is 15, 「—」 and 「/」 are blank, 「75394432.52元」
is 7539.443252 万元), never computed by the importer.  tools/make_import_fixtures.py uses the same
builders to make the Word files it converts to PDF with LibreOffice (tests/data/import/*.pdf).
"""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "import"
TEMPLATE = DATA / "official-template-2021.docx"
PINGTAN = DATA / "2024-pingtan-zone.html"

# The rows of 表三 as the 2021 format orders them (the template prints them in this order).
T3_ROWS_2021 = [
    "r1_new", "r2_carried_in", "r3_1_open", "r3_2_partial",
    "r3_3_1_state_secret", "r3_3_2_law_prohibited", "r3_3_3_three_security", "r3_3_4_third_party",
    "r3_3_5_internal_affairs", "r3_3_6_process_info", "r3_3_7_enforcement_file", "r3_3_8_admin_query",
    "r3_4_1_not_held", "r3_4_2_need_create", "r3_4_3_still_unclear",
    "r3_5_1_petition", "r3_5_2_repeat", "r3_5_3_publication", "r3_5_4_mass_repeat", "r3_5_5_confirm_reissue",
    "r3_6_1_no_correction", "r3_6_2_no_fee", "r3_6_3_other", "r3_7_total", "r4_carried_out",
]
T3_COLS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]
T4_COLS = ["rv_upheld", "rv_corrected", "rv_other", "rv_pending", "rv_total",
           "ld_upheld", "ld_corrected", "ld_other", "ld_pending", "ld_total",
           "la_upheld", "la_corrected", "la_other", "la_pending", "la_total"]

# ---------------------------------------------------------------------------------------------
# Report A: 测试县 2024, the official Word template filled in.
# ---------------------------------------------------------------------------------------------
A_AGENCY = "测试县人民政府办公室"
A_TITLE = "测试县人民政府办公室2024年政府信息公开工作年度报告"
A_PREAMBLE = ("本报告依据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自2024年1月1日起"
              "至2024年12月31日止。")
A_S1 = ["2024年，测试县深入贯彻《中华人民共和国政府信息公开条例》，政府信息公开工作稳步推进。",
        "（一）主动公开",
        "全年主动公开政府信息1,320条，其中政策文件86件。",
        "（二）依申请公开",
        "全年新收政府信息公开申请48件，均按时答复。"]
A_S5 = ["一是公开内容的针对性有待加强；二是政策解读形式较为单一。",
        "下一步，将加强业务培训，丰富解读形式。上年问题已整改完毕。"]
A_S6 = ["本年度未收取信息处理费。"]
A_DATE = "2025-01-20"
A_SIGNATURE = ["测试县人民政府办公室", "2025年1月20日"]

# 表二: cell id → (as printed, as read by a person).
A_T2 = {
    "t2_1.regulations.made": ("1", 1),
    "t2_1.regulations.repealed": ("0", 0),
    "t2_1.regulations.in_force": ("12", 12),
    "t2_1.normative_docs.made": ("１５", 15),
    "t2_1.normative_docs.repealed": ("3", 3),
    "t2_1.normative_docs.in_force": ("1,208", 1208),
    "t2_5.licensing.decisions": ("2,345件", 2345),
    "t2_6.penalty.decisions": ("—", None),
    "t2_6.coercion.decisions": ("无", None),
    "t2_8.admin_fees.fee_amount": ("75394432.52元", Decimal("7539.443252")),
}
# 表三 as printed, row by row (自然人 … 其他, 总计).  （七）总计 is printed 39 and 6 where its rows
# add up to 38 and 5: a real kind of mistake the import must keep as stated.
A_T3_PRINTED = {
    "r1_new": "40 5 0 1 2 0 48",
    "r2_carried_in": "3 0 0 0 0 0 3",
    "r3_1_open": "20 3 0 1 1 0 25",
    "r3_2_partial": "5 0 0 0 0 0 5",
    "r3_3_1_state_secret": "1 0 0 0 0 0 1",
    "r3_3_2_law_prohibited": "0 0 0 0 0 0 0",
    "r3_3_3_three_security": "0 0 0 0 0 0 0",
    "r3_3_4_third_party": "2 0 0 0 0 0 2",
    "r3_3_5_internal_affairs": "1 0 0 0 0 0 1",
    "r3_3_6_process_info": "/ 0 0 0 0 0 /",
    "r3_3_7_enforcement_file": "0 0 0 0 0 0 0",
    "r3_3_8_admin_query": "0 0 0 0 0 0 0",
    "r3_4_1_not_held": "6 1 0 0 1 0 8",
    "r3_4_2_need_create": "1 0 0 0 0 0 1",
    "r3_4_3_still_unclear": "0 0 0 0 0 0 0",
    "r3_5_1_petition": "— 0 0 0 0 0 —",
    "r3_5_2_repeat": "１ 0 0 0 0 0 １",
    "r3_5_3_publication": "0 0 0 0 0 0 0",
    "r3_5_4_mass_repeat": "0 0 0 0 0 0 0",
    "r3_5_5_confirm_reissue": "0 0 0 0 0 0 0",
    "r3_6_1_no_correction": "1 0 0 0 0 0 1",
    "r3_6_2_no_fee": "0 0 0 0 0 0 0",
    "r3_6_3_other": "无 1 0 0 0 0 1",
    "r3_7_total": "39 6 0 1 2 0 46",
    "r4_carried_out": "5 0 0 0 0 0 5",
}
_ = None
A_T3_EXPECTED = {
    "r1_new": [40, 5, 0, 1, 2, 0, 48],
    "r2_carried_in": [3, 0, 0, 0, 0, 0, 3],
    "r3_1_open": [20, 3, 0, 1, 1, 0, 25],
    "r3_2_partial": [5, 0, 0, 0, 0, 0, 5],
    "r3_3_1_state_secret": [1, 0, 0, 0, 0, 0, 1],
    "r3_3_2_law_prohibited": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_3_three_security": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_4_third_party": [2, 0, 0, 0, 0, 0, 2],
    "r3_3_5_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
    "r3_3_6_process_info": [_, 0, 0, 0, 0, 0, _],
    "r3_3_7_enforcement_file": [0, 0, 0, 0, 0, 0, 0],
    "r3_3_8_admin_query": [0, 0, 0, 0, 0, 0, 0],
    "r3_4_1_not_held": [6, 1, 0, 0, 1, 0, 8],
    "r3_4_2_need_create": [1, 0, 0, 0, 0, 0, 1],
    "r3_4_3_still_unclear": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_1_petition": [_, 0, 0, 0, 0, 0, _],
    "r3_5_2_repeat": [1, 0, 0, 0, 0, 0, 1],
    "r3_5_3_publication": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_4_mass_repeat": [0, 0, 0, 0, 0, 0, 0],
    "r3_5_5_confirm_reissue": [0, 0, 0, 0, 0, 0, 0],
    "r3_6_1_no_correction": [1, 0, 0, 0, 0, 0, 1],
    "r3_6_2_no_fee": [0, 0, 0, 0, 0, 0, 0],
    "r3_6_3_other": [_, 1, 0, 0, 0, 0, 1],
    "r3_7_total": [39, 6, 0, 1, 2, 0, 46],
    "r4_carried_out": [5, 0, 0, 0, 0, 0, 5],
}
A_T4_PRINTED = "1 0 0 0 1 0 0 0 1 1 2 1 0 0 3"
A_T4_EXPECTED = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 1, 0, 0, 3]


def a_expected_cells() -> dict[str, object]:
    """Every cell of report A, as a person reads the printed report (None: blank)."""
    out = {cid: v for cid, (_, v) in A_T2.items()}
    for row, values in A_T3_EXPECTED.items():
        for col, v in zip(T3_COLS, values):
            out[f"t3.{row}.{col}"] = v
    for col, v in zip(T4_COLS, A_T4_EXPECTED):
        out[f"t4.cases.{col}"] = v
    return out


def _set_cell(cell, text: str) -> None:
    """Replace a template cell's text, keeping its first paragraph's formatting."""
    paras = cell.paragraphs
    for extra in paras[1:]:
        extra._element.getparent().remove(extra._element)
    p = paras[0]
    for run in list(p.runs):
        run._element.getparent().remove(run._element)
    p.add_run(text)


def _replace_paragraph(p, lines: list[str]) -> None:
    for run in list(p.runs):
        run._element.getparent().remove(run._element)
    p.add_run(lines[0])
    anchor = p
    for line in lines[1:]:
        new = copy.deepcopy(p._element)
        anchor._element.addnext(new)
        from docx.text.paragraph import Paragraph

        anchor = Paragraph(new, p._parent)
        for run in list(anchor.runs):
            run._element.getparent().remove(run._element)
        anchor.add_run(line)


def build_a_docx() -> bytes:
    """Report A: the official template (国办公开办函〔2021〕30号's Word file) filled in."""
    import docx

    d = docx.Document(str(TEMPLATE))
    paras = d.paragraphs
    by_text = {p.text: p for p in paras if p.text}
    _replace_paragraph(paras[1], [A_TITLE])
    _replace_paragraph(paras[2], [A_PREAMBLE])
    _replace_paragraph(paras[4], A_S1)
    _replace_paragraph(paras[29], A_S5)
    _replace_paragraph(by_text["（文字描述，收取信息处理费情况在此处报告。）"], A_S6 + A_SIGNATURE)
    t2, t3, t4 = d.tables
    # 表二: the template's rows 2, 3 (第（一）项), 6 (许可), 9, 10 (处罚, 强制), 13 (收费).
    places = {"t2_1.regulations": (2, 3), "t2_1.normative_docs": (3, 3), "t2_5.licensing": (6, 1),
              "t2_6.penalty": (9, 1), "t2_6.coercion": (10, 1), "t2_8.admin_fees": (13, 1)}
    for cid, (printed, _) in A_T2.items():
        table_row = cid.rsplit(".", 1)[0]
        row, n = places[table_row]
        col = {"made": 1, "repealed": 2, "in_force": 3}.get(cid.rsplit(".", 1)[1], 1)
        _set_cell(t2.cell(row, col), printed)
    for i, row_id in enumerate(T3_ROWS_2021):
        for k, text in enumerate(A_T3_PRINTED[row_id].split()):
            _set_cell(t3.cell(3 + i, 3 + k), text)
    for k, text in enumerate(A_T4_PRINTED.split()):
        _set_cell(t4.cell(3, k), text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Report B: 样例市交通运输局 2023, a Word file built by hand on the same tables, the way offices
# vary them: other numbering, 表二's blocks as four tables with their captions as paragraphs,
# half-width brackets, typos (「行政法复议」, 「本机关不掌握相关的政府信息」), no 勾稽 note,
# （六）其他处理 printed as one row, headings that run on into their text.
# ---------------------------------------------------------------------------------------------
B_AGENCY = "样例市交通运输局"
B_TITLE_LINES = ["样例市交通运输局", "2023年度政府信息公开工作年度报告"]
B_PREAMBLE = "根据《中华人民共和国政府信息公开条例》要求，编制本报告。统计期限为2023年1月1日至12月31日。"
B_HEADINGS = ["第一部分 总体情况", "二. 主动公开政府信息情况", "（三）收到和处理政府信息公开申请的情况",
              "4.政府信息公开行政复议和行政诉讼情况", "五、政府信息公开工作存在的主要问题及改进情况",
              "六、其他需要报告的事项。本年度未收取信息处理费。"]
B_S1 = ["2023年，我局认真落实政务公开各项要求。", "（一）主动公开情况", "通过门户网站公开信息560条。"]
B_S5 = ["存在问题：公开栏目更新不够及时。改进措施：建立更新台账。"]
B_S6_FIRST = "本年度未收取信息处理费。"  # run on from the heading
B_S6_MORE = ["无其他需要报告的事项。"]
B_DATE = "2024-01-18"
B_SIGNATURE = ["样例市交通运输局", "2024年1月18日"]
B_T2_BLOCKS = [  # caption, header, rows (label, printed values…)
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [["规章", "0", "0", "0"], ["行政规范性文件", "4", "1", "37"]]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [["行政许可", "1 203"]]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [["行政处罚", "315"], ["行政强制", "0"]]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [["行政事业性收费", "96171.6万元"]]),
]
B_T2_EXPECTED = {
    "t2_1.regulations.made": 0, "t2_1.regulations.repealed": 0, "t2_1.regulations.in_force": 0,
    "t2_1.normative_docs.made": 4, "t2_1.normative_docs.repealed": 1, "t2_1.normative_docs.in_force": 37,
    "t2_5.licensing.decisions": 1203, "t2_6.penalty.decisions": 315, "t2_6.coercion.decisions": 0,
    "t2_8.admin_fees.fee_amount": Decimal("96171.6"),
}
# 表三's rows as this office prints them: (group label, sub-group label, row label, printed values).
B_T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", None, None, "13 2 0 0 0 1 16"),
    ("二、上年结转政府信息公开申请数量", None, None, "1 0 0 0 0 0 1"),
    ("三、本年度办理结果", "(一)予以公开", None, "6 1 0 0 0 1 8"),
    ("三、本年度办理结果", "(二)部分公开(区分处理的，只计这一情形，不计其他情形)", None, "2 0 0 0 0 0 2"),
    ("三、本年度办理结果", "(三)不予公开", "1、属于国家秘密", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(三)不予公开", "2、其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(三)不予公开", "3、危及三安全一稳定", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(三)不予公开", "4、保护第三方合法权益", "1 0 0 0 0 0 1"),
    ("三、本年度办理结果", "(三)不予公开", "5、属于三类内部事务信息", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(三)不予公开", "6、属于四类过程性信息", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(三)不予公开", "7、属于行政执法案卷", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(三)不予公开", "8、属于行政查询事项", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(四)无法提供", "1、本机关不掌握相关的政府信息", "3 1 0 0 0 0 4"),
    ("三、本年度办理结果", "(四)无法提供", "2、没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(四)无法提供", "3、补正后申请内容仍不明确", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(五)不予处理", "1、信访举报投诉类申请", "1 0 0 0 0 0 1"),
    ("三、本年度办理结果", "(五)不予处理", "2、重复申请", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(五)不予处理", "3、要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(五)不予处理", "4、无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(五)不予处理", "5、要求行政机关确认或重新出具已获取信息", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "(六)其他处理", None, "1 0 0 0 0 0 1"),
    ("三、本年度办理结果", "(七)总计", None, "14 2 0 0 0 1 17"),
    ("四、结转下年度继续办理", None, None, "0 0 0 0 0 0 0"),
]
B_T3_EXPECTED = {  # by the 2021 format's rows
    "r1_new": [13, 2, 0, 0, 0, 1, 16],
    "r2_carried_in": [1, 0, 0, 0, 0, 0, 1],
    "r3_1_open": [6, 1, 0, 0, 0, 1, 8],
    "r3_2_partial": [2, 0, 0, 0, 0, 0, 2],
    "r3_3_1_state_secret": [0] * 7, "r3_3_2_law_prohibited": [0] * 7, "r3_3_3_three_security": [0] * 7,
    "r3_3_4_third_party": [1, 0, 0, 0, 0, 0, 1],
    "r3_3_5_internal_affairs": [0] * 7, "r3_3_6_process_info": [0] * 7, "r3_3_7_enforcement_file": [0] * 7,
    "r3_3_8_admin_query": [0] * 7,
    "r3_4_1_not_held": [3, 1, 0, 0, 0, 0, 4],
    "r3_4_2_need_create": [0] * 7, "r3_4_3_still_unclear": [0] * 7,
    "r3_5_1_petition": [1, 0, 0, 0, 0, 0, 1],
    "r3_5_2_repeat": [0] * 7, "r3_5_3_publication": [0] * 7, "r3_5_4_mass_repeat": [0] * 7,
    "r3_5_5_confirm_reissue": [0] * 7,
    # （六）其他处理 printed as one row 「1 0 0 0 0 0 1」: the 1s are kept under 「3.其他」 (marked),
    # 1 and 2 cannot be told apart there (blank); where the row says 0, all three are 0.  The total
    # column is computed, so only 「3.其他」 carries the stated 1.
    "r3_6_1_no_correction": [_, 0, 0, 0, 0, 0, _], "r3_6_2_no_fee": [_, 0, 0, 0, 0, 0, _],
    "r3_6_3_other": [1, 0, 0, 0, 0, 0, 1],
    "r3_7_total": [14, 2, 0, 0, 0, 1, 17],
    "r4_carried_out": [0] * 7,
}
B_T4_HEADER = (["行政法复议"] * 5 + ["行政诉讼"] * 10,
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
B_T4_PRINTED = "0 1 0 0 1 0 0 0 0 0 1 0 0 0 1"
B_T4_EXPECTED = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]


def b_expected_cells() -> dict[str, object]:
    out = dict(B_T2_EXPECTED)
    for row, values in B_T3_EXPECTED.items():
        for col, v in zip(T3_COLS, values):
            out[f"t3.{row}.{col}"] = v
    for col, v in zip(T4_COLS, B_T4_EXPECTED):
        out[f"t4.cases.{col}"] = v
    return out


def t3_rows_spec(rows) -> list[list[tuple[str, int, int]]]:
    """表三 as rows of (text, rowspan, colspan), with its three header rows (no 勾稽 note)."""
    spec = [[("", 3, 3), ("申请人情况", 1, 7)],
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
            [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)]]
    # Vertical spans: how many rows each group and sub-group label covers.
    counts_g: dict[str, int] = {}
    counts_s: dict[tuple[str, str], int] = {}
    for g, s, r, _v in rows:
        counts_g[g] = counts_g.get(g, 0) + 1
        if s and r:
            counts_s[(g, s)] = counts_s.get((g, s), 0) + 1
    seen_g: set[str] = set()
    seen_s: set[tuple[str, str]] = set()
    for g, s, r, values in rows:
        out: list[tuple[str, int, int]] = []
        if s is None:
            out.append((g, 1, 3))
        else:
            if g not in seen_g:
                out.append((g, counts_g[g], 1))
                seen_g.add(g)
            if r is None:
                out.append((s, 1, 2))
            else:
                if (g, s) not in seen_s:
                    out.append((s, counts_s[(g, s)], 1))
                    seen_s.add((g, s))
                out.append((r, 1, 1))
        out.extend((v, 1, 1) for v in values.split())
        spec.append(out)
    return spec


def t4_rows_spec(header, printed: str) -> list[list[tuple[str, int, int]]]:
    top, mid, leaf = header
    return [[(top[0], 1, 5), (top[5], 1, 10)],
            [(mid[0], 2, 1), (mid[1], 2, 1), (mid[2], 2, 1), (mid[3], 2, 1), (mid[4], 2, 1),
             (mid[5], 1, 5), (mid[10], 1, 5)],
            [(x, 1, 1) for x in leaf[5:]],
            [(v, 1, 1) for v in printed.split()]]


def place(spec) -> tuple[list[tuple[str, int, int, int, int]], int, int]:
    """HTML-style rows → (text, row, col, rowspan, colspan) and the grid size."""
    taken: set[tuple[int, int]] = set()
    out = []
    n_cols = 0
    for r, row in enumerate(spec):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((text, r, c, rs, cs))
            for i in range(r, r + rs):
                for k in range(c, c + cs):
                    taken.add((i, k))
            c += cs
            n_cols = max(n_cols, c)
    return out, len(spec), n_cols


def add_docx_table(d, spec) -> None:
    cells, n_rows, n_cols = place(spec)
    t = d.add_table(rows=n_rows, cols=n_cols)
    t.style = "Table Grid"
    for text, r, c, rs, cs in cells:
        cell = t.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(t.cell(r + rs - 1, c + cs - 1))
        cell.text = text


def build_b_docx() -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    for line in B_TITLE_LINES:
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(B_PREAMBLE)
    d.add_paragraph(B_HEADINGS[0])
    for line in B_S1:
        d.add_paragraph(line)
    d.add_paragraph(B_HEADINGS[1])
    for caption, header, rows in B_T2_BLOCKS:
        d.add_paragraph(caption)
        spec = [[(h, 1, 1 if i == 0 or len(header) == 4 else 3) for i, h in enumerate(header)]]
        for row in rows:
            spec.append([(row[0], 1, 1)] + [(v, 1, 1 if len(row) == 4 else 3) for v in row[1:]])
        add_docx_table(d, spec)
    d.add_paragraph(B_HEADINGS[2])
    add_docx_table(d, t3_rows_spec(B_T3_ROWS))
    d.add_paragraph(B_HEADINGS[3])
    add_docx_table(d, t4_rows_spec(B_T4_HEADER, B_T4_PRINTED))
    d.add_paragraph(B_HEADINGS[4])
    for line in B_S5:
        d.add_paragraph(line)
    d.add_paragraph(B_HEADINGS[5])
    for line in B_S6_MORE:
        d.add_paragraph(line)
    for line in B_SIGNATURE:
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Report C: 旧城街道办事处 2020, the 2019 trial layout (第（九）项 政府集中采购, 本年增/减, （六）其他处理
# as its one row).
# ---------------------------------------------------------------------------------------------
C_AGENCY = "旧城街道办事处"
C_TITLE = "旧城街道办事处2020年政府信息公开工作年度报告"
C_S1 = ["2020年，我街道政府信息公开工作有序开展。"]
C_S5 = ["政务公开专业人员不足，将加强培训。"]
C_S6 = ["无其他需要报告的事项。"]
C_T2_BLOCKS = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [["规章", "0", "0", "0"], ["规范性文件", "2", "2", "19"]]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [["行政许可", "12", "-3", "140"], ["其他对外管理服务事项", "5", "+1", "33"]]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [["行政处罚", "8", "0", "21"], ["行政强制", "2", "0", "0"]]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [["行政事业性收费", "1", "0"]]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [["政府集中采购", "3", "251000元"]]),
]
C_T2_EXPECTED = {
    "t2_1.regulations.new_made": 0, "t2_1.regulations.new_published": 0, "t2_1.regulations.published_total": 0,
    "t2_1.normative_docs.new_made": 2, "t2_1.normative_docs.new_published": 2,
    "t2_1.normative_docs.published_total": 19,
    "t2_5.licensing.prev_items": 12, "t2_5.licensing.delta": -3, "t2_5.licensing.decisions": 140,
    "t2_5.other_services.prev_items": 5, "t2_5.other_services.delta": 1, "t2_5.other_services.decisions": 33,
    "t2_6.penalty.prev_items": 8, "t2_6.penalty.delta": 0, "t2_6.penalty.decisions": 21,
    "t2_6.coercion.prev_items": 2, "t2_6.coercion.delta": 0, "t2_6.coercion.decisions": 0,
    "t2_8.admin_fees.prev_items": 1, "t2_8.admin_fees.delta": 0,
    "t2_9.central_procurement.items": 3, "t2_9.central_procurement.amount": Decimal("251000"),
}
C_UNITS = {"t2_9.central_procurement.amount": "元"}
C_T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", None, None, "4 0 0 0 0 0 4"),
    ("二、上年结转政府信息公开申请数量", None, None, "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "（一）予以公开", None, "2 0 0 0 0 0 2"),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, "0 0 0 0 0 0 0"),
    *[("三、本年度办理结果", "（三）不予公开", label, "0 0 0 0 0 0 0") for label in (
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")],
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", "1 0 0 0 0 0 1"),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"),
    *[("三、本年度办理结果", "（五）不予处理", label, "0 0 0 0 0 0 0") for label in (
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息")],
    ("三、本年度办理结果", "（六）其他处理", None, "1 0 0 0 0 0 1"),
    ("三、本年度办理结果", "（七）总计", None, "4 0 0 0 0 0 4"),
    ("四、结转下年度继续办理", None, None, "0 0 0 0 0 0 0"),
]
C_T3_EXPECTED_NONZERO = {  # everything else in 表三 is 0
    "t3.r1_new.natural": 4, "t3.r1_new.total": 4,
    "t3.r3_1_open.natural": 2, "t3.r3_1_open.total": 2,
    "t3.r3_4_1_not_held.natural": 1, "t3.r3_4_1_not_held.total": 1,
    "t3.r3_6_other.natural": 1, "t3.r3_6_other.total": 1,
    "t3.r3_7_total.natural": 4, "t3.r3_7_total.total": 4,
}
C_T4_PRINTED = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"


def c_expected_cells() -> dict[str, object]:
    from model.formats import load_format

    fmt = load_format("2019")
    out = dict(C_T2_EXPECTED)
    for cid, cell in fmt.cells.items():
        if cell.table.id in ("t3", "t4"):
            out[cid] = C_T3_EXPECTED_NONZERO.get(cid, 0)
    return out


def build_c_docx() -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    d.add_paragraph(C_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("一、总体情况")
    for line in C_S1:
        d.add_paragraph(line)
    d.add_paragraph("二、主动公开政府信息情况")
    spec = []
    for caption, header, rows in C_T2_BLOCKS:
        spec.append([(caption, 1, 4)])
        spec.append([(h, 1, 1 if len(header) == 4 else (1 if i == 0 else (1 if i == 1 else 2)))
                     for i, h in enumerate(header)])
        for row in rows:
            spec.append([(row[0], 1, 1)] + [(v, 1, 1 if len(row) == 4 else (1 if i == 0 else 2))
                                            for i, v in enumerate(row[1:])])
    add_docx_table(d, spec)
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_docx_table(d, t3_rows_spec(C_T3_ROWS))
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    header = (["行政复议"] * 5 + ["行政诉讼"] * 10,
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    add_docx_table(d, t4_rows_spec(header, C_T4_PRINTED))
    d.add_paragraph("五、存在的主要问题及改进情况")
    for line in C_S5:
        d.add_paragraph(line)
    d.add_paragraph("六、其他需要报告的事项")
    for line in C_S6:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Web pages.
# ---------------------------------------------------------------------------------------------
def pingtan_in_gbk() -> bytes:
    """The real page as a GBK site would serve it (its charset declaration changed to match)."""
    text = PINGTAN.read_text(encoding="utf-8")
    text = text.replace('charset="utf-8"', 'charset="gbk"').replace("charset=utf-8", "charset=gbk")
    text = text.replace('charset="UTF-8"', 'charset="gbk"').replace("charset=UTF-8", "charset=gbk")
    return text.encode("gb18030")


def _html_table(spec, pad: bool = True) -> str:
    from html import escape

    rows = []
    for row in spec:
        cells = []
        for text, rs, cs in row:
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            shown = escape(text)
            if pad and text.strip().isdigit():
                shown = f"&nbsp;{shown}&nbsp;&nbsp;"  # sites pad numbers with no-break spaces
            elif len(text) > 8:
                shown = "<br/>".join(escape(text[i:i + 8]) for i in range(0, len(text), 8))
            cells.append(f"<td{attrs}><p>{shown}</p></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0"><tbody>' + "".join(rows) + "</tbody></table>"


def build_b_page(encoding: str = "gb18030", declare: str | None = "gb2312") -> bytes:
    """Report B as a government site publishes it: inside a layout table, between navigation and
    a footer; numbers padded with &nbsp;, long labels broken with <br/>."""
    from html import escape

    parts = []
    parts.append(f"<h1 class='title'>{escape(''.join(B_TITLE_LINES))}</h1>")
    parts.append("<div class='info'>来源：样例市交通运输局　发布时间：2024-01-19</div>")
    parts.append("<div class='content'>")
    parts.append(f"<p>{escape(B_PREAMBLE)}</p>")
    parts.append(f"<p><strong>{escape(B_HEADINGS[0])}</strong></p>")
    parts += [f"<p>&nbsp;&nbsp;{escape(x)}</p>" for x in B_S1]
    parts.append(f"<p>{escape(B_HEADINGS[1])}</p>")
    for caption, header, rows in B_T2_BLOCKS:
        spec = [[(caption, 1, 4)],
                [(h, 1, 1 if i == 0 or len(header) == 4 else 3) for i, h in enumerate(header)]]
        for row in rows:
            spec.append([(row[0], 1, 1)] + [(v, 1, 1 if len(row) == 4 else 3) for v in row[1:]])
        parts.append(_html_table(spec))
    parts.append(f"<p>{escape(B_HEADINGS[2])}</p>")
    parts.append(_html_table(t3_rows_spec(B_T3_ROWS)))
    parts.append(f"<p>{escape(B_HEADINGS[3])}</p>")
    parts.append(_html_table(t4_rows_spec(B_T4_HEADER, B_T4_PRINTED)))
    parts.append(f"<p>{escape(B_HEADINGS[4])}</p>")
    parts += [f"<p>{escape(x)}</p>" for x in B_S5]
    parts.append(f"<p>{escape(B_HEADINGS[5])}<br/>{escape(B_S6_MORE[0])}</p>")
    parts += [f"<p style='text-align:right'>{escape(x)}</p>" for x in B_SIGNATURE]
    parts.append("</div>")
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declare}">' if declare else ""
    page = (f"<!DOCTYPE html><html><head>{meta}<title>{escape(''.join(B_TITLE_LINES))}_样例市人民政府</title>"
            "<script>var x = '<p>一、总体情况</p>';</script><style>p{margin:0}</style></head><body>"
            "<ul class='nav'><li>首页</li><li>政务公开</li><li>政府信息公开年报</li></ul>"
            "<table width='100%'><tr><td class='left'><ul><li>通知公告</li><li>政策解读</li></ul></td>"
            "<td class='main'>" + "".join(parts) + "</td></tr></table>"
            "<div class='footer'><p>主办单位：样例市人民政府办公室</p><p>网站标识码：1234567890</p>"
            "<p>扫一扫在手机上查看当前页面</p></div></body></html>")
    return page.encode(encoding)


# ---------------------------------------------------------------------------------------------
# A workbook with the three tables in the official layout (report A's numbers), one sheet each.
# ---------------------------------------------------------------------------------------------
def build_a_official_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws2 = wb.active
    ws2.title = "表二"
    t2 = [[("第二十条第（一）项", 1, 4)],
          [("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)],
          [("规章", 1, 1), (1, 1, 1), (0, 1, 1), (12, 1, 1)],
          [("行政规范性文件", 1, 1), ("１５", 1, 1), (3, 1, 1), (1208, 1, 1)],
          [("第二十条第（五）项", 1, 4)],
          [("信息内容", 1, 1), ("本年处理决定数量", 1, 3)],
          [("行政许可", 1, 1), (2345, 1, 3)],
          [("第二十条第（六）项", 1, 4)],
          [("信息内容", 1, 1), ("本年处理决定数量", 1, 3)],
          [("行政处罚", 1, 1), ("—", 1, 3)],
          [("行政强制", 1, 1), ("无", 1, 3)],
          [("第二十条第（八）项", 1, 4)],
          [("信息内容", 1, 1), ("本年收费金额（单位：万元）", 1, 3)],
          [("行政事业性收费", 1, 1), (7539.443252, 1, 3)]]
    _sheet(ws2, [[("二、主动公开政府信息情况", 1, 4)]] + t2)
    ws3 = wb.create_sheet("表三")
    rows = []
    for row_id, g, s, r in _A_T3_LABELS:
        rows.append((g, s, r, A_T3_PRINTED[row_id]))
    spec = t3_rows_spec(rows)
    spec[0][0] = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3)
    numeric = []
    for row in spec:  # numbers as numbers, as Excel users type them
        numeric.append([(int(t) if isinstance(t, str) and t.isascii() and t.isdigit() else t, rs, cs)
                        for t, rs, cs in row])
    _sheet(ws3, numeric)
    ws4 = wb.create_sheet("表四")
    header = (["行政复议"] * 5 + ["行政诉讼"] * 10,
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
              ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    spec4 = t4_rows_spec(header, A_T4_PRINTED)
    spec4[-1] = [(int(t), 1, 1) for t, _, _ in spec4[-1]]
    _sheet(ws4, spec4)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_A_T3_LABELS = [
    ("r1_new", "一、本年新收政府信息公开申请数量", None, None),
    ("r2_carried_in", "二、上年结转政府信息公开申请数量", None, None),
    ("r3_1_open", "三、本年度办理结果", "（一）予以公开", None),
    ("r3_2_partial", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("r3_3_1_state_secret", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    ("r3_3_2_law_prohibited", "三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("r3_3_3_three_security", "三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("r3_3_4_third_party", "三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    ("r3_3_5_internal_affairs", "三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    ("r3_3_6_process_info", "三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    ("r3_3_7_enforcement_file", "三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    ("r3_3_8_admin_query", "三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    ("r3_4_1_not_held", "三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("r3_4_2_need_create", "三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("r3_4_3_still_unclear", "三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("r3_5_1_petition", "三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    ("r3_5_2_repeat", "三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    ("r3_5_3_publication", "三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    ("r3_5_4_mass_repeat", "三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("r3_5_5_confirm_reissue", "三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("r3_6_1_no_correction", "三、本年度办理结果", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("r3_6_2_no_fee", "三、本年度办理结果", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("r3_6_3_other", "三、本年度办理结果", "（六）其他处理", "3.其他"),
    ("r3_7_total", "三、本年度办理结果", "（七）总计", None),
    ("r4_carried_out", "四、结转下年度继续办理", None, None),
]


def _sheet(ws, spec) -> None:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cells, _, _ = place(spec)
    for value, r, c, rs, cs in cells:
        for i in range(r, r + rs):
            for k in range(c, c + cs):
                ws.cell(i + 1, k + 1).border = border
        ws.cell(r + 1, c + 1, value)
        if rs > 1 or cs > 1:
            ws.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs)
