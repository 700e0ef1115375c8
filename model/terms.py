"""The words the clerk reads for the app and its parts, each in exactly one place.

The window, the exports, the messages and the checks all name things through these constants, so
that the XLSX, a status-bar message and the tab the clerk looks for never call one thing by two
names (the XLSX once said 前言 where the window said 开头语; a print warning sent the clerk to a
「检查」 panel that is called 校验结果).
"""

from __future__ import annotations

APP_NAME = "年报助手"
APP_SUMMARY = "政府信息公开工作年度报告的填写、校验与导出"

# Parts of the window.
INFO_PAGE = "基本信息"  # the first tab: agency, year, format, date, preamble and closing
FINDINGS = "校验结果"  # the panel that lists every error and warning
LAST_YEAR = "上年报告"  # last year's text shown beside this year's

# The report's details.
AGENCY = "机关名称"
YEAR = "报告年度"
FORMAT = "报告格式"
DATE = "成文日期"
TITLE = "报告标题"

# The two texts around the six sections (keys "preamble" and "closing").
PREAMBLE = "开头语"
CLOSING = "结尾落款"
EXTRA_TEXT_NAMES = {"preamble": PREAMBLE, "closing": CLOSING}
NOTE = "补充说明"  # the optional text below a section's tables

# Commands whose names the clerk is told to look for.
FILL_ZERO = "空白填0"
REVIEWED = "已复核"
FIND_REPLACE = "查找和替换"
REPLACE_ALL = "全部替换"
ROLLOVER = "从上年报告创建"
SAMPLE = "示例报告"
OPEN_SAMPLE = "打开示例报告"

# The XLSX export's first sheet (export/xlsx_info_sheet.py), which the importer reads back
# (model/importing/read_xlsx.py): its name, its headings, and the mark of a continued paragraph.
INFO_SHEET = "报告信息"
TEXTS_HEADING = "报告正文"
REMARKS_HEADING = "说明"
CONTINUED = "（接上行）"

ERROR = "错误"
WARNING = "提示"
HINT = "建议"  # worth a look, never a fault (partial sums while cells are blank, punctuation)
DISMISS = "不再提示"
SHOW_DISMISSED = "显示已忽略"
NORMALIZE_PUNCTUATION = "规范标点"


def text_name(fmt, key: str) -> str:
    """The name of a text of the report: a section's heading, 开头语 or 结尾落款."""
    if key in EXTRA_TEXT_NAMES:
        return EXTRA_TEXT_NAMES[key]
    return fmt.section(key).heading
