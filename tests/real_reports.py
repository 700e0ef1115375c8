"""Real-style reports for the text checks: one real published report and clean ones written for tests.

`pingtan_2024()` is the 2024 report of 平潭综合实验区 as published on its web page
(../shared/real-reports/2024-pingtan-zone.html): its texts copied paragraph by paragraph and its
tables typed in by hand from the page.  Its narrative states two numbers the tables hold — 全年办理
政府信息公开申请218件 (表三: 218 new, 0 carried in, 218 settled) and 制发行政规范性文件62件
(表二: 62) — and both agree; the other numbers (10407条 items published, 96篇 interpretations,
53期, 51期, 12期, 5个 accounts closed, 6个部分) count things the tables do not hold.

The other reports are written for these tests in the style of real ones, with the traps that
must not be read as statements of table quantities: dates, document numbers, 第二十条, percentages,
approximations, numbers of other things, changes against last year, and breakdowns.
"""

from __future__ import annotations

from decimal import Decimal

from model.report import Report

T3_COLS = ("natural", "commercial", "research", "public_welfare", "legal_service", "other_org")

PINGTAN_TEXTS = {
    "preamble": (
        "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）、《国务院办公厅政府信"
        "息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公"
        "开办函〔2021〕30号）等文件要求编制。本报告共分6个部分：总体情况、主动公开政府信息"
        "情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题"
        "及改进情况、其他需要报告的事项。本报告所列数据统计期限为2024年1月1日至2024年1"
        "2月31日。"
    ),
    "s1": (
        "2024年，平潭综合实验区坚持以习近平新时代中国特色社会主义思想为指导，全面学习贯彻党的"
        "二十大和二十届二中、三中全会精神，深入贯彻落实习近平总书记在福建考察时的重要讲话精神，认"
        "真落实党中央、国务院关于做好新时代政务公开工作有关决策部署，在实验区党工委、管委会坚强领"
        "导下，持续深化政务公开，充分发挥以公开促落实、助监督、强监管的功能作用，以高质量政务公开"
        "助推经济社会高质量发展。\n"
        "（一）主动公开方面。有序推进基层政务公开，聚焦营商环境、项目投资、产业政策等重点领域，发"
        "布权威信息，持续加强公开力度，不断提高政府信息公开的深度和广度，通过政府门户网站全年主动"
        "公开各类政府信息10407条。加强政策解读力度，通过文字、图解、视频、访谈等多种形式，不"
        "断增强政策解读的权威性、针对性，全年发布政策文件解读96篇，获得良好的传播效果。持续增进"
        "互动交流，全年通过门户网站开展民意征集53期、网上调查51期，开展“平潭大家谈”系列在线"
        "访谈12期，主动回应社会关切，及时解答群众疑问，切实提升公众参与度和满意度。\n"
        "（二）依申请公开方面。规范做好申请登记、审查、办理、答复、归档等工作，强化服务理念，提高"
        "答复质量。主动加强与申请人沟通，了解实质诉求，耐心细致为群众释疑并合理引导。强化与区直各"
        "部门协调联动，畅通信息查找渠道，满足企业、群众个性化政府信息需求。全年办理政府信息公开申"
        "请218件。\n"
        "（三）政府信息管理方面。规范政府信息发布流程，坚持“先审查、后公开”原则，认真做好文件公"
        "开属性源头认定和信息公开保密审查。落实分级审核制度，加强信息发布前“三审三校”，确保信息"
        "准确、安全。加强规范性文件库建设，巩固行政规范性文件集中统一公开成果，动态更新发布本年度"
        "制发行政规范性文件62件，并同步做好全真版上传等工作，确保行政规范性文件库数据准确、规范"
        "统一。\n"
        "（四）信息公开平台建设方面。发挥门户网站政务公开第一平台作用，进一步完善信息发布、解读回"
        "应、互动交流、办事服务功能，积极探索新技术在网站场景应用，优化升级智能搜索、智能问答、智"
        "能推荐模块，为公众提供方便、快捷的线上服务。加强政务新媒体管理，开展“指尖上的形式主义”"
        "整治工作，对5个发挥作用不明显、基层无力维护的政务新媒体予以关停注销。\n"
        "（五）监督保障方面。加强政务公开工作的组织领导和协调保障，将政务公开工作与业务工作同研究"
        "、同部署、同落实。坚持把政务公开工作纳入绩效考核体系，完善政务公开考核方式，优化考核指标"
        "体系。强化技术手段保障，运用第三方技术监测手段，加大政府网站与政务新媒体信息发布日常监测"
        "、季度检查力度，及时发出表述不规范等问题工单，督促相关单位整改落实，确保网站和政务新媒体"
        "健康平稳安全运行。"
    ),
    "s5": (
        "2024年，实验区政府信息公开工作取得了新进展新成果，但在工作中仍在不足，如新时代政府信"
        "息公开工作机制有待进一步调整和完善；政策解读形式仍需创新；智能化、数字化手段运用还不够充"
        "分等。2025年，将重点从以下方面做好改进：一是优化主动公开目录，开展主动公开事项目录编"
        "制，进一步明确政府信息公开的范围和内容，整合政府信息资源，提升政务公开工作规范化水平。二"
        "是增强政策解读效果，进一步丰富政策解读形式，开展通俗化、多方位解读工作，不断扩大政策知晓"
        "度，确保群众“看得懂、用得上”。三是加快数字化转型，强化数字化信息技术在政务公开领域的创"
        "新运用，推动政务公开智能化、数字化转型，提升政务公开的效率和质量。"
    ),
    "s6": "2024年，无收取信息处理费情况。",
}

# 表三 as published, one row per line: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
PINGTAN_T3 = {
    "r1_new": (217, 1, 0, 0, 0, 0),
    "r2_carried_in": (0, 0, 0, 0, 0, 0),
    "r3_1_open": (71, 0, 0, 0, 0, 0),
    "r3_2_partial": (29, 0, 0, 0, 0, 0),
    "r3_3_1_state_secret": (4, 0, 0, 0, 0, 0),
    "r3_3_2_law_prohibited": (0, 0, 0, 0, 0, 0),
    "r3_3_3_three_security": (0, 0, 0, 0, 0, 0),
    "r3_3_4_third_party": (3, 0, 0, 0, 0, 0),
    "r3_3_5_internal_affairs": (32, 0, 0, 0, 0, 0),
    "r3_3_6_process_info": (0, 0, 0, 0, 0, 0),
    "r3_3_7_enforcement_file": (0, 0, 0, 0, 0, 0),
    "r3_3_8_admin_query": (0, 0, 0, 0, 0, 0),
    "r3_4_1_not_held": (75, 0, 0, 0, 0, 0),
    "r3_4_2_need_create": (0, 0, 0, 0, 0, 0),
    "r3_4_3_still_unclear": (0, 0, 0, 0, 0, 0),
    "r3_5_1_petition": (0, 0, 0, 0, 0, 0),
    "r3_5_2_repeat": (1, 0, 0, 0, 0, 0),
    "r3_5_3_publication": (0, 0, 0, 0, 0, 0),
    "r3_5_4_mass_repeat": (0, 0, 0, 0, 0, 0),
    "r3_5_5_confirm_reissue": (0, 0, 0, 0, 0, 0),
    "r3_6_1_no_correction": (1, 0, 0, 0, 0, 0),
    "r3_6_2_no_fee": (0, 0, 0, 0, 0, 0),
    "r3_6_3_other": (1, 1, 0, 0, 0, 0),
    "r4_carried_out": (0, 0, 0, 0, 0, 0),
}
# 表四: 行政复议 (维持, 纠正, 其他, 尚未审结), 未经复议直接起诉 (same), 复议后起诉 (same).
PINGTAN_T4 = {"rv": (2, 1, 3, 1), "ld": (0, 0, 0, 0), "la": (13, 2, 4, 0)}


def _fill_t3(r: Report, rows: dict) -> None:
    for row, values in rows.items():
        for col, v in zip(T3_COLS, values):
            r.cells[f"t3.{row}.{col}"] = v


def _fill_t4(r: Report, blocks: dict) -> None:
    for block, values in blocks.items():
        for kind, v in zip(("upheld", "corrected", "other", "pending"), values):
            r.cells[f"t4.cases.{block}_{kind}"] = v


def pingtan_2024() -> Report:
    r = Report(format_id="2021", year=2024, agency="平潭综合实验区", date="2025-01-20",
               texts=dict(PINGTAN_TEXTS))
    r.cells.update({
        "t2_1.regulations.made": 0, "t2_1.regulations.repealed": 0, "t2_1.regulations.in_force": 0,
        "t2_1.normative_docs.made": 62, "t2_1.normative_docs.repealed": 33,
        "t2_1.normative_docs.in_force": 440,
        "t2_5.licensing.decisions": 4529,
        "t2_6.penalty.decisions": 1100, "t2_6.coercion.decisions": 65,
        "t2_8.admin_fees.fee_amount": Decimal("18651.06"),
    })
    _fill_t3(r, PINGTAN_T3)
    _fill_t4(r, PINGTAN_T4)
    return r


# -- clean reports written for the tests ------------------------------------------------------------
# 某县人民政府办公室, 2023, 2021 format.  Every number the text states for a table quantity agrees
# with the tables below (worked out by hand in the comments); every other number is a trap.
COUNTY_TEXTS = {
    "preamble": (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与"
        "政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函"
        "〔2021〕30号）要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
        "本报告电子版可在县政府门户网站（www.example.gov.cn）下载。如对本报告有疑问，请与县人民政府"
        "办公室联系（地址：某县人民路12号；邮编：350100；电话：0591-22345678）。"
    ),
    "s1": (
        "2023年，县人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》"
        "和上级关于政务公开工作的部署要求，扎实推进政务公开标准化规范化建设。\n"
        "（一）主动公开。全年通过县政府门户网站主动公开政府信息3268条，其中政策文件146条、人事信息"
        "87条、财政信息52条。发布政策解读材料58篇，图解解读占比超过40%。召开新闻发布会12场，回应社会"
        "关切问题约200个。按照《条例》第二十条的要求，全年作出行政许可决定1856件、行政处罚决定327件、"
        "行政强制决定9件，均在决定作出之日起7个工作日内公开。公开行政事业性收费项目清单，全年收取行政"
        "事业性收费5236000元。\n"
        "（二）依申请公开。全年共收到政府信息公开申请46件，较上年增加7件，上年结转2件。已办结45件，"
        "结转下年度继续办理3件。申请人中自然人申请41件，占89.1%。所有申请均在法定期限内答复，"
        "未发生逾期答复情况。\n"
        "（三）政府信息管理。严格落实公文类信息“三审三校”制度。全年制发行政规范性文件5件，废止2件，"
        "截至年底现行有效行政规范性文件38件，均已在县政府门户网站规范性文件库集中公开。\n"
        "（四）平台建设。县政府门户网站全年访问量达156万人次，政务新媒体发布信息1200余条，"
        "推进高效办成一件事。\n"
        "（五）监督保障。将政务公开纳入2023年度绩效考核，组织业务培训3次，培训150余人次。"
    ),
    "s3": "本年度申请人主要关注征地拆迁、城乡规划等方面的信息。",
    "s4": "本年度因政府信息公开被申请行政复议1件，结果维持；被提起行政诉讼1件，尚未审结。",
    "s5": (
        "（一）存在的主要问题。一是主动公开的深度和广度还需拓展；二是政策解读形式较为单一。\n"
        "（二）改进措施。下一步，我们将加强业务培训，丰富解读形式，提升公开质量。\n"
        "（三）上年度问题整改情况。针对上年度报告提出的培训不足问题，全年组织培训3次，已整改到位。"
    ),
    "s6": (
        "（一）信息处理费收取情况。本年度未发出收费通知，未收取信息处理费。\n"
        "（二）建议提案办理情况。全年承办人大代表建议32件、政协提案41件，均已按时办结，办理结果全部公开。"
    ),
}
# 表三 by column; balance per column (new + carried in = results + carried out):
#   自然人 41 + 2 = 40 + 3;  商业企业 3 + 0 = 3 + 0;  其他 2 + 0 = 2 + 0.
# Totals: new 46, carried in 2, results 45 (办结45件), carried out 3 (结转下年度3件).
COUNTY_T3 = {
    "r1_new": (41, 3, 0, 0, 0, 2),
    "r2_carried_in": (2, 0, 0, 0, 0, 0),
    "r3_1_open": (20, 2, 0, 0, 0, 1),
    "r3_2_partial": (5, 0, 0, 0, 0, 1),
    "r3_3_4_third_party": (2, 0, 0, 0, 0, 0),
    "r3_4_1_not_held": (8, 1, 0, 0, 0, 0),
    "r3_5_2_repeat": (2, 0, 0, 0, 0, 0),
    "r3_6_1_no_correction": (3, 0, 0, 0, 0, 0),
    "r4_carried_out": (3, 0, 0, 0, 0, 0),
}


def _zero_fill(r: Report) -> None:
    for cid in r.fmt.input_ids:
        r.cells.setdefault(cid, 0)


def county_2023() -> Report:
    r = Report(format_id="2021", year=2023, agency="某县人民政府办公室", date="2024-01-25",
               texts=dict(COUNTY_TEXTS))
    r.cells.update({
        "t2_1.normative_docs.made": 5, "t2_1.normative_docs.repealed": 2,
        "t2_1.normative_docs.in_force": 38,
        "t2_5.licensing.decisions": 1856, "t2_6.penalty.decisions": 327, "t2_6.coercion.decisions": 9,
        "t2_8.admin_fees.fee_amount": Decimal("523.6"),  # 5236000元 in the text
    })
    _fill_t3(r, COUNTY_T3)
    _fill_t4(r, {"rv": (1, 0, 0, 0), "ld": (0, 0, 0, 1)})  # 复议 1 维持; 诉讼 1 尚未审结
    _zero_fill(r)
    return r


# 某街道办事处, 2024: nothing applied for, nothing litigated; Chinese numerals, full-width digits.
STREET_TEXTS = {
    "preamble": ("根据《中华人民共和国政府信息公开条例》规定，现将某街道办事处二〇二四年度政府信息公开"
                 "工作年度报告公布如下。"),
    "s1": (
        "二〇二四年，街道办事处认真落实政务公开各项工作要求。\n"
        "全年主动公开信息236条，更新公开栏十二期，办理人大代表建议２件。全年共受理群众来信来访十二件，"
        "均已办结。本年度未收到政府信息公开申请，无上年结转。\n"
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"
    ),
    "s5": "存在的问题：公开形式不够丰富。改进措施：拓展公开渠道。上年度所列问题已于年内整改完毕。",
    "s6": "本年度未收取信息处理费。",
}


def street_2024() -> Report:
    r = Report(format_id="2021", year=2024, agency="某街道办事处", date="2025-01-10",
               texts=dict(STREET_TEXTS))
    _zero_fill(r)
    return r


# 某区卫生健康局, 2020, 2019 format.
BUREAU_TEXTS = {
    "preamble": "现将本局2020年政府信息公开工作年度报告公布如下。统计期限为2020年1月1日至2020年12月31日。",
    "s1": (
        "2020年，我局共收到政府信息公开申请十二件，均已按时办结。本年新制作规范性文件3件。"
        "全年政府集中采购项目5个，采购总金额86.5万元。疫情期间累计发布疫情防控信息1,260条。"
    ),
    "s5": "一是信息更新不够及时。二是解读不够通俗。下一步将完善机制，落实上年问题整改。",
    "s6": "无。",
}


def bureau_2020() -> Report:
    r = Report(format_id="2019", year=2020, agency="某区卫生健康局", date="2021-01-20",
               texts=dict(BUREAU_TEXTS), units={"t2_9.central_procurement.amount": "万元"})
    r.cells.update({
        "t2_1.normative_docs.new_made": 3, "t2_1.normative_docs.new_published": 3,
        "t2_1.normative_docs.published_total": 17,
        "t2_9.central_procurement.items": 5, "t2_9.central_procurement.amount": Decimal("86.5"),
        "t3.r1_new.natural": 12, "t3.r3_1_open.natural": 9, "t3.r3_4_1_not_held.natural": 3,
    })
    _zero_fill(r)
    return r


CLEAN_REPORTS = {"pingtan_2024": pingtan_2024, "county_2023": county_2023, "street_2024": street_2024,
                 "bureau_2020": bureau_2020}
