"""What to name before a report leaves the office (export, print): the problems a reader would see.

Errors always; and the warnings that make a published report look careless — text carried over
from last year and not yet reviewed, last year's year left in, a text that repeats last year's,
narrative that contradicts the tables, placeholder text, no signing date.  Other warnings (a blank
cell, a soft cross-year check) and hints stay in the findings panel and are not asked about.
"""

from __future__ import annotations

import re

from model.findings import ERROR, Finding, text_names

# Kinds of problem worth a question before publishing, each with the rule kinds it gathers.
RELEASE_GROUPS = (
    ("review", ("text_review",)),
    ("old_year", ("text_report_year",)),
    ("repeats", ("text_similarity",)),
    ("numbers", ("text_numbers", "text_claims", "text_breakdown")),
    ("placeholder", ("text_placeholder",)),
    ("date", ("date_required",)),
)


NAMED_ERRORS = 3  # the question names the first few errors; the panel lists them all
_GIST_END = re.compile("[：，。；]")


def _gist(message: str) -> str:
    """What an error is about, without its figures: 「表三「自然人」列勾稽关系不成立」, 「未填写机关名称」."""
    return _GIST_END.split(message, maxsplit=1)[0]


def release_concerns(report, findings: list[Finding]) -> list[str]:
    """Chinese lines, one per kind of problem; [] when nothing needs asking about."""
    fmt = report.fmt
    kind_of = {r.id: r.kind for r in fmt.rules}
    names = text_names(fmt)
    lines = []
    errs = [f for f in findings if f.severity == ERROR]
    if errs:
        named = "；".join(dict.fromkeys(_gist(f.message) for f in errs[:NAMED_ERRORS]))
        lines.append(f"{len(errs)} 个错误：{named}{'等' if len(errs) > NAMED_ERRORS else ''}")
    for group, kinds in RELEASE_GROUPS:
        found = [f for f in findings if f.severity != ERROR and kind_of.get(f.rule) in kinds]
        if not found:
            continue
        where = "、".join(dict.fromkeys(names[f.text_key] for f in found if f.text_key in names))
        lines.append({
            "review": f"从上年带入、尚未复核的正文：{where}",
            "old_year": f"正文中把往年写作报告年度（{where}）",
            "repeats": f"与上年报告重复率超过一半：{where}",
            "numbers": f"正文所述数字与表格或与自身不一致 {len(found)} 处（{where}）",
            "placeholder": f"正文中留有占位文字（{where}）",
            "date": "未填写成文日期，落款处没有日期",
        }[group])
    return lines


def release_question(report, findings: list[Finding], what: str) -> str:
    """The question to ask before `what` (导出PDF, 打印 …), or "" when there is nothing to ask."""
    lines = release_concerns(report, findings)
    if not lines:
        return ""
    body = "\n".join(f"• {line}" for line in lines)
    return f"报告还有以下问题（见“校验结果”）：\n{body}\n\n带着这些问题{what}，报告可能被退回或在评估中扣分。仍要{what}吗？"
