"""Build resources/samples/: the complete example report and the real seed report (model/samples.py).

    python3 tools/make_sample.py

The example (示例街道, 2024, 2021 format) is written here in full: plausible numbers that add up
(checked: 0 errors, 0 warnings), a signing date, six sections, and last year's report (2023) for
the cross-year checks and the side-by-side view.  The agency is fictional.

The seed is a text extract of a real 2021 report of a 街道 (tests/data/seed_2021_liuhao.txt),
which filled table 二 in the 2019 trial format, so it uses that format for its 2021 year.  Its
tables are garbled by the extraction: only the numbers that can be read with certainty are entered
(LEGIBLE_CELLS); the rest stay blank, as the clerk would still have to fill them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.checks import check_report  # noqa: E402
from model.draft_io import dumps  # noqa: E402
from model.report import LastYear, Report  # noqa: E402
from model.samples import SAMPLE_NAME, SEED_NAME  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed_2021_liuhao.txt"
OUT = ROOT / "resources" / "samples" / SEED_NAME
EXAMPLE_OUT = ROOT / "resources" / "samples" / SAMPLE_NAME

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


# -- the example --------------------------------------------------------------------------------
EXAMPLE_AGENCY = "示例市示例区示例街道办事处"
T3_COLS = T3_INPUT_COLS

# 表三 by row: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.  Per column, 一 + 二 =
# （七）总计 + 四: 自然人 18 + 2 = 19 + 1; 商业企业 3 + 0 = 3 + 0; 法律服务机构 1 + 0 = 1 + 0.
T3_ROWS = {
    "r1_new": (18, 3, 0, 0, 1, 0),
    "r2_carried_in": (2, 0, 0, 0, 0, 0),
    "r3_1_open": (9, 2, 0, 0, 1, 0),
    "r3_2_partial": (2, 0, 0, 0, 0, 0),
    "r3_3_4_third_party": (1, 0, 0, 0, 0, 0),
    "r3_3_6_process_info": (1, 0, 0, 0, 0, 0),
    "r3_4_1_not_held": (3, 1, 0, 0, 0, 0),
    "r3_4_2_need_create": (1, 0, 0, 0, 0, 0),
    "r3_5_1_petition": (1, 0, 0, 0, 0, 0),
    "r3_6_1_no_correction": (1, 0, 0, 0, 0, 0),
    "r4_carried_out": (1, 0, 0, 0, 0, 0),
}
LAST_YEAR_CARRIED_OUT = (2, 0, 0, 0, 0, 0)  # 2023's 结转下年度: this year's 上年结转

EXAMPLE_TEXTS = {
    "preamble": (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于"
        "印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在示例区人民政府门户网站"
        "“政府信息公开”专栏查阅和下载。如对本报告有疑问，请与示例街道办事处党政办公室联系（电话：0000-12345678）。"),
    "s1": (
        "2024年，示例街道办事处坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级政务公开工作要点，"
        "以公开促落实、促规范、促服务，全年政府信息公开工作平稳有序。\n"
        "（一）主动公开。全年通过区政府门户网站街道专栏主动公开政府信息326条，其中机构职能、政策文件、财政预决算、"
        "民生实事等重点领域信息158条；通过“示例街道”微信公众号发布信息412条；制发行政规范性文件2件，废止1件，"
        "现行有效15件，均按规定同步公开。\n"
        "（二）依申请公开。全年新收政府信息公开申请22件，上年结转2件。已办结23件，其中予以公开12件、部分公开2件、"
        "不予公开2件、无法提供5件、不予处理1件、其他处理1件；结转下年度继续办理1件。所有申请均在法定期限内答复，"
        "未收取信息处理费。\n"
        "（三）政府信息管理。严格落实公开前保密审查和“三审三校”制度，全年审查拟公开信息738条，未发生泄密和不当公开"
        "事件；完成历年行政规范性文件清理，对已废止文件在专栏中作出标注。\n"
        "（四）政府信息公开平台建设。完善街道专栏栏目设置，新增“基层政务公开标准目录”栏目；在便民服务中心设置政务公开"
        "专区，配备查阅终端2台，全年接待现场查阅群众96人次。\n"
        "（五）监督保障。成立由街道主要负责同志任组长的政务公开工作领导小组，将政务公开纳入年度绩效考核；开展工作人员"
        "业务培训3次，参训86人次。全年未发生因政府信息公开工作引起的责任追究情况。"),
    "s2": "2024年街道未制发规章；行政许可、行政处罚数据为街道综合行政执法队办理的事项。",
    "s4": "行政复议1件，维持原答复，无纠错情形。",
    "s5": (
        "2023年度报告所列问题的整改情况：一是针对政策解读形式单一的问题，今年对民生类政策全部配发图解，"
        "解读材料同步公开率达到100%；二是针对部分栏目更新不及时的问题，建立栏目责任人和月度巡查制度，"
        "全年未出现超期未更新栏目。\n"
        "2024年工作中仍存在以下问题：一是依申请公开答复文书的说理还不够充分；二是社区一级的公开内容标准化程度不高。\n"
        "下一步改进措施：一是制定依申请公开答复文书范本，加强对承办人员的业务指导；二是对照基层政务公开标准目录，"
        "年内完成各社区公开栏目统一规范。"),
    "s6": (
        "（一）信息处理费收取情况。本年度未发出收费通知，未收取信息处理费。\n"
        "（二）落实上级年度政务公开工作要点情况。按照区政务公开工作要点，完成重点领域信息公开、政策解读和基层政务公开"
        "标准化规范化等各项任务。\n"
        "（三）人大代表建议和政协提案办理结果公开情况。本年度街道未承办人大代表建议和政协提案。"),
    # No closing text: the agency and the date sign the report by themselves (typed here too,
    # they printed twice).
}

LAST_YEAR_TEXTS = {
    "s1": (
        "2023年，示例街道办事处认真贯彻落实《条例》，全年政府信息公开工作总体平稳。\n"
        "（一）主动公开。全年通过区政府门户网站街道专栏主动公开政府信息301条。\n"
        "（二）依申请公开。全年新收政府信息公开申请19件，上年结转1件，结转下年度继续办理2件。"),
    "s5": (
        "2023年工作中存在以下问题：一是政策解读形式单一，以文字解读为主。二是部分栏目更新不及时。\n"
        "下一步改进措施：一是丰富解读形式，增加图解、视频解读。二是建立栏目责任人和巡查制度。"),
    "s6": "本年度未收取信息处理费。",
}


def build_example() -> Report:
    r = Report(format_id="2021", year=2024, agency=EXAMPLE_AGENCY, date="2025-01-20")
    r.texts.update(EXAMPLE_TEXTS)
    cells = {
        "t2_1.regulations.made": 0, "t2_1.regulations.repealed": 0, "t2_1.regulations.in_force": 0,
        "t2_1.normative_docs.made": 2, "t2_1.normative_docs.repealed": 1, "t2_1.normative_docs.in_force": 15,
        "t2_5.licensing.decisions": 36, "t2_6.penalty.decisions": 12, "t2_6.coercion.decisions": 0,
        "t2_8.admin_fees.fee_amount": 0,
        "t4.cases.rv_upheld": 1,
    }
    fmt = r.fmt
    for row in fmt.tables["t3"].data_rows:
        if not row.computed:
            values = T3_ROWS.get(row.id, (0,) * 6)
            cells.update({f"t3.{row.id}.{c}": v for c, v in zip(T3_COLS, values)})
    for cid in fmt.input_ids:  # every other input cell of 表四: 0
        if cid.startswith("t4."):
            cells.setdefault(cid, 0)
    r.cells.update(cells)
    ly_cells = {f"t3.r4_carried_out.{c}": v for c, v in zip(T3_COLS, LAST_YEAR_CARRIED_OUT)}
    ly_cells["t3.r4_carried_out.total"] = sum(LAST_YEAR_CARRIED_OUT)
    ly_cells["t2_1.regulations.in_force"] = 0
    ly_cells["t2_1.normative_docs.in_force"] = 14  # 14 + 2 made − 1 repealed = 15
    r.last_year = LastYear(2023, ly_cells, "示例街道2023年报告", dict(LAST_YEAR_TEXTS))
    return r


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(dumps(build()))
    print(f"wrote {OUT.relative_to(ROOT)}")
    example = build_example()
    findings = check_report(example)
    if findings:  # the example shows the app at its best: it must be clean
        raise SystemExit("the example has findings:\n" + "\n".join(f.message for f in findings))
    EXAMPLE_OUT.write_bytes(dumps(example))
    print(f"wrote {EXAMPLE_OUT.relative_to(ROOT)} (0 errors, 0 warnings)")
