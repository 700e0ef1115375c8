"""Reports and hand-written expectations shared by the Word and HTML export tests.

Every expectation here is written by hand from the official annex (the template pages in
../shared/format/official-template/) or derived from the format data in the test itself — never
taken from an exporter's output.
"""

from __future__ import annotations

from factories import full_report
from model.formats import TableDef
from model.report import Report

AGENCY = "测试市测试区人民政府办公室"

# Characters that must come out literally: markup, an entity, an emoji, an Ext-B hanzi (U+2003E).
HOSTILE = "<script>alert('x')</script> &lt; &amp; <b>粗</b> 😀 𠀾 \"引号\" 'x'"

TEXTS = {
    "preamble": "本报告依据《中华人民共和国政府信息公开条例》编制。",
    "s1": ("本年度，我单位认真贯彻落实《条例》。\n"
           "（一）主动公开\n"
           "全年主动公开政府信息120条。\n"
           "\n"
           "　　（二）加强组织领导。成立领导小组，明确分工。\n"
           "1.完善制度\n"
           "修订办法。"),
    "s2": "表中数字截至12月31日。",
    "s5": HOSTILE + "\x01\x0c控制符\ud800。",  # controls dropped, a lone surrogate shown as 〓
    "s6": "本年度未收取信息处理费。",
    "closing": "特此报告。",
}
HOSTILE_OUT = HOSTILE + "控制符〓。"

# (kind, text) in reading order; kind: title, body, h1, h2, h3, table, closing, sign.  The run-in heading
# 「（二）加强组织领导。」 opens its body paragraph.
EXPECTED_FLOW = [
    ("title", AGENCY + "2024年政府信息公开工作年度报告"),
    ("body", "本报告依据《中华人民共和国政府信息公开条例》编制。"),
    ("h1", "一、总体情况"),
    ("body", "本年度，我单位认真贯彻落实《条例》。"),
    ("h2", "（一）主动公开"),
    ("body", "全年主动公开政府信息120条。"),
    ("body", "（二）加强组织领导。成立领导小组，明确分工。"),
    ("h3", "1.完善制度"),
    ("body", "修订办法。"),
    ("h1", "二、主动公开政府信息情况"),
    ("table", "t2"),
    ("body", "表中数字截至12月31日。"),
    ("h1", "三、收到和处理政府信息公开申请情况"),
    ("table", "t3"),
    ("h1", "四、政府信息公开行政复议、行政诉讼情况"),
    ("table", "t4"),
    ("h1", "五、存在的主要问题及改进情况"),
    ("body", HOSTILE_OUT),
    ("h1", "六、其他需要报告的事项"),
    ("body", "本年度未收取信息处理费。"),
    ("closing", "特此报告。"),
    ("sign", AGENCY),
    ("sign", "2025年1月20日"),
]
RUN_IN = "（二）加强组织领导。"

# The official merged cells, read off the annex (template pages 2 and 3) by hand:
# (row, col, rowspan, colspan) of every cell spanning more than one grid cell.
T3_SPANS_2021 = {
    (0, 0, 3, 3),  # the 勾稽 note in the corner
    (0, 3, 1, 7),  # 申请人情况
    (1, 3, 2, 1),  # 自然人
    (1, 4, 1, 5),  # 法人或其他组织
    (1, 9, 2, 1),  # 总计
    (3, 0, 1, 3), (4, 0, 1, 3),  # 一、本年新收 / 二、上年结转
    (5, 0, 22, 1),  # 三、本年度办理结果, down to （七）总计
    (5, 1, 1, 2), (6, 1, 1, 2),  # （一）予以公开 / （二）部分公开
    (7, 1, 8, 1),  # （三）不予公开: 8 reasons
    (15, 1, 3, 1),  # （四）无法提供: 3
    (18, 1, 5, 1),  # （五）不予处理: 5
    (23, 1, 3, 1),  # （六）其他处理: 3
    (26, 1, 1, 2),  # （七）总计
    (27, 0, 1, 3),  # 四、结转下年度继续办理
}
T4_SPANS = {
    (0, 0, 1, 5),  # 行政复议
    (0, 5, 1, 10),  # 行政诉讼
    (1, 0, 2, 1), (1, 1, 2, 1), (1, 2, 2, 1), (1, 3, 2, 1), (1, 4, 2, 1),  # 复议's five results
    (1, 5, 1, 5),  # 未经复议直接起诉
    (1, 10, 1, 5),  # 复议后起诉
}
T2_SPANS_2021 = {
    (0, 0, 1, 4), (4, 0, 1, 4), (7, 0, 1, 4), (11, 0, 1, 4),  # the 第二十条 caption rows
    (5, 1, 1, 3), (6, 1, 1, 3),  # （五）: 本年处理决定数量 over 行政许可's one number
    (8, 1, 1, 3), (9, 1, 1, 3), (10, 1, 1, 3),  # （六）
    (12, 1, 1, 3), (13, 1, 1, 3),  # （八）: 本年收费金额
}
# 表四's header in reading order: (text, rowspan, colspan).
T4_HEADER = [
    ("行政复议", 1, 5), ("行政诉讼", 1, 10),
    ("结果维持", 2, 1), ("结果纠正", 2, 1), ("其他结果", 2, 1), ("尚未审结", 2, 1), ("总计", 2, 1),
    ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5),
    ("结果维持", 1, 1), ("结果纠正", 1, 1), ("其他结果", 1, 1), ("尚未审结", 1, 1), ("总计", 1, 1),
    ("结果维持", 1, 1), ("结果纠正", 1, 1), ("其他结果", 1, 1), ("尚未审结", 1, 1), ("总计", 1, 1),
]
# 表三's column headers after the corner note, in reading order.
T3_HEADER = [
    ("申请人情况", 1, 7),
    ("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1),
    ("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1),
]


def publish_report(format_id: str = "2021") -> Report:
    r = full_report(format_id, year=2024 if format_id == "2021" else 2020)
    r.agency = AGENCY
    r.texts = dict(TEXTS)
    return r


def expected_flow(format_id: str) -> list[tuple[str, str]]:
    year = 2024 if format_id == "2021" else 2020
    return [(k, t.replace("2024年政府", f"{year}年政府").replace("2025年1月20日", f"{year + 1}年1月20日"))
            for k, t in EXPECTED_FLOW]


def header_rows_from_format(t: TableDef) -> list[list[tuple[str, int, int]]]:
    """A table's column headers, row by row, as the format's column tree says: a header spans
    its leaves; a leaf reaches down to the last header row."""
    depth = t.header_depth
    rows: list[list[tuple[str, int, int]]] = [[] for _ in range(depth)]

    def walk(col, level):
        rowspan = depth - level if col.is_leaf else 1
        rows[level].append((col.label, rowspan, len(col.leaves())))
        for child in col.children:
            walk(child, level + 1)

    for col in t.columns:
        walk(col, 0)
    return rows


def expected_number(report: Report, cell_id: str):
    """A cell's value from the entered ones; a total added up here from the format's addends
    (blank addends left out, all blank → blank)."""
    addends = {c.cell: c.addends for c in report.fmt.computed}.get(cell_id)
    if addends is None:
        return report.cells.get(cell_id)
    nums = [n for n in (expected_number(report, a) for a in addends) if n is not None]
    return sum(nums) if nums else None


def expected_cell_text(report: Report, cell_id: str) -> str:
    """A value as the reader sees it: the number as written (no exponent), with the unit the
    clerk chose where the format has a unit choice (2019 采购总金额)."""
    value = expected_number(report, cell_id)
    if value is None:
        return ""
    text = str(value) if isinstance(value, int) else format(value, "f")
    if report.fmt.cells[cell_id].column.unit_choices:
        text += report.units.get(cell_id, "")
    return text


def assert_data_rows(report: Report, tables: dict, row_texts) -> None:
    """Each data row of the given tables (table id → the exported table) ends with its label and
    its values as expected_cell_text says; row_texts(table, row index) reads one exported row."""
    fmt = report.fmt
    for tid, exported in tables.items():
        tdef = fmt.tables[tid]
        n = len(tdef.leaves)
        for i, row in enumerate(tdef.data_rows):
            texts = row_texts(exported, tdef.header_depth + i)
            assert texts[len(texts) - n:] == [expected_cell_text(report, tdef.cell_id(row.id, c.id))
                                              for c in tdef.leaves], (tid, row.id)
            if tdef.row_labels:
                assert texts[-n - 1] == row.label
