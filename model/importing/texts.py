"""The report's words: title (agency, year), preamble, the six sections, the signature.

The six sections are split at their headings — found in order, by their title and its common
variants (「五、政府信息公开工作存在的主要问题及改进情况」), whatever their numbering (「一、」,
「（一）」, 「1.」, 「第一部分」, Word's automatic numbering that leaves no number in the text), and
also when a heading runs on into its first sentence.  Each paragraph is one line; sub-headings stay
lines of their section.  The agency and date at the end go to the report's details.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from model.importing.labels import bounded_similarity, norm
from model.importing.result import Doubt

SECTION_IDS = ("s1", "s2", "s3", "s4", "s5", "s6")
NUMERALS = "一二三四五六"
# Titles as reports print them (the official one first).
VARIANTS = {
    "s1": ("总体情况", "总体概况", "概述", "基本情况", "工作概述", "总体工作情况"),
    "s2": ("主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况", "主动公开政府信息"),
    "s3": ("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "依申请公开情况",
           "依申请公开政府信息情况", "收到和处理政府信息公开申请"),
    "s4": ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议和行政诉讼情况",
           "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "行政复议、行政诉讼情况",
           "政府信息公开行政复议、行政诉讼", "因政府信息公开被申请行政复议、提起行政诉讼情况"),
    "s5": ("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进措施",
           "存在的主要问题和改进情况", "工作存在的主要问题及改进情况", "存在的问题及改进情况",
           "主要问题及改进情况", "存在的主要问题及改进措施情况"),
    "s6": ("其他需要报告的事项", "其他需要报告事项", "其他需报告的事项", "其他事项"),
}
_VARIANT_KEYS = {sid: tuple(norm(v) for v in vs) for sid, vs in VARIANTS.items()}
_HEAD_NUM = re.compile(r"^\s*(?:第\s*([一二三四五六])\s*部分|([一二三四五六])\s*[、.．,，:：\s]|"
                       r"[(（]\s*([一二三四五六])\s*[)）]|([1-6１-６])\s*[、.．,，:：)）\s])\s*")
_TITLE = re.compile(r"^(.*?)((?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年\s*度?\s*"
                    r"(?:的)?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*报告")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:至|到|—|-|～|~)\s*(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日")
_DATE = re.compile(r"^\s*((?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年\s*"
                   r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$")
_PLACEHOLDER = re.compile(r"^[(（]\s*文字描述.*[)）]$")
# Page furniture that sits inside a saved page's content area or around it.
_FURNITURE = re.compile(
    r"^(?:附件下载|相关附件|扫一扫在手机上查看当前页面|扫一扫.*|打印本页|【?打印】?|【?关闭】?|关闭窗口|"
    r"分享到[:：]?.*|【?字[体号][:：]?\s*大\s*中\s*小】?.*|浏览次数[:：].*|访问量[:：].*|阅读次数[:：].*|"
    r"责任编辑[:：].*|(?:信息)?来源[:：].{0,40}|发布(?:时间|日期)[:：].{0,30}|【?我要纠错】?|"
    r"上一篇[:：].*|下一篇[:：].*|返回顶部|收藏|索引号[:：].*|文号[:：].*|主题分类[:：].*|"
    r"发文(?:机关|日期)[:：].*|成文日期[:：].*|(?:微信|微博|QQ空间)(?:\s+(?:微信|微博|QQ空间))*|"
    r"全真版|文字版|文件下载|相关链接[:：]?|当前位置[:：].*)$")
_UNDER_TITLE = re.compile(r"^\s*(?:[(（]?\s*(?:(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})\s*年[^，。；]{0,8}[)）]?"
                          r"|.{0,12}[〔\[](?:19|20)\d{2}[〕\]]\s*\d+\s*号.{0,4})\s*$")
_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SENTENCE_PUNCT = re.compile(r"[。；;！!？?，,：:]")


@dataclass
class TextOutcome:
    texts: dict[str, str] = field(default_factory=dict)
    agency: str = ""
    year: int | None = None
    year_how: str = ""  # where the year was found (for messages)
    date: str = ""
    title: str = ""
    headings: list[str] = field(default_factory=list)  # section ids whose heading was found
    unused: list[str] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    dropped: int = 0


def is_furniture(text: str) -> bool:
    return bool(_FURNITURE.match(unicodedata.normalize("NFKC", text).strip()))


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(text.strip()))


def cn_year(text: str) -> int | None:
    t = unicodedata.normalize("NFKC", text)
    if t.isdigit():
        return int(t)
    if all(ch in _CN_DIGIT for ch in t):
        return int("".join(str(_CN_DIGIT[ch]) for ch in t))
    return None


def cn_small(text: str) -> int | None:
    """1–31 written 「3」「十二」「二十一」."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        a, _, b = text.partition("十")
        tens = _CN_DIGIT.get(a, 0) if a else 1
        ones = _CN_DIGIT.get(b, 0) if b else 0
        return tens * 10 + ones
    return _CN_DIGIT.get(text)


def parse_date(text: str) -> str:
    """「2025年1月20日」「二〇二五年一月二十日」 → 2025-01-20, or ""."""
    m = _DATE.match(unicodedata.normalize("NFKC", text).replace(" ", ""))
    if not m:
        return ""
    y, mo, d = cn_year(m.group(1)), cn_small(m.group(2)), cn_small(m.group(3))
    import datetime

    try:
        return datetime.date(y, mo, d).isoformat() if y and mo and d else ""
    except ValueError:
        return ""


def parse_title(text: str) -> tuple[str, int] | None:
    """(agency, year) from a title line 「平潭综合实验区2024年度政府信息公开工作年度报告」."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _TITLE.match(t)
    if not m:
        return None
    year = cn_year(m.group(2))
    if year is None or not 1990 <= year <= 2200:
        return None
    agency = m.group(1).strip(" 《》<>“”\"'")
    if len(agency) > 100:  # a sentence that mentions a report, not a title
        return None
    agency = re.sub(r"^(?:关于)?(?:印发|公布|发布)?", "", agency).strip()
    agency = re.sub(r"(?:关于)$", "", agency).strip()
    return agency, year


def heading_match(text: str, sid: str, numbered: bool = False) -> tuple[bool, str]:
    """Is this paragraph section sid's heading?  → (yes, what follows the heading in the same
    paragraph, to be kept as the section's first line).  numbered: only with its number
    (「五、」), as a heading far from where the last one was must be."""
    t = text.strip()  # not normalised: what follows the heading is kept exactly as printed
    want = NUMERALS[SECTION_IDS.index(sid)]
    m = _HEAD_NUM.match(t)
    rest = t
    if m:
        num = next(g for g in m.groups() if g)
        if num.isdigit():
            num = NUMERALS[int(unicodedata.normalize("NFKC", num)) - 1]
        if num != want:
            return False, ""
        rest = t[m.end():]
    elif numbered or (t[:1] in NUMERALS and t[:1] != want):
        return False, ""
    key = norm(rest)
    if not key or len(key) > 120:
        return False, ""
    variants = _VARIANT_KEYS[sid]
    if key in variants:
        return True, ""
    if len(key) <= 30 and any(bounded_similarity(key, v, 0.8) >= 0.8 for v in variants):
        return True, ""
    # A heading that runs on into text: 「一、总体情况。2024年，…」 (numbered: the title must follow).
    if m:
        for v in sorted(VARIANTS[sid], key=len, reverse=True):
            pat = r"[\s、，,·]*".join(re.escape(ch) for ch in v if ch not in "、，, ")
            mm = re.match(r"\s*" + pat + r"[\s。．.：:，,；;]*", rest)
            if mm and mm.end() < len(rest):
                return True, rest[mm.end():].strip()
    return False, ""


class TextSplitter:
    """Paragraphs in document order → title, preamble, sections, signature."""

    def __init__(self):
        self.out = TextOutcome()
        self.lines: dict[str, list[str]] = {}
        self.key = "front"  # before the title / first heading
        self.front: list[str] = []
        self.next_section = 0
        self.seen_table = False

    def table(self) -> None:
        self.seen_table = True

    def para(self, text: str, role: str = "") -> None:
        text = text.strip()
        if not text:
            return
        if role == "closing":  # marked as the closing text by the source (this app's own exports)
            self.lines.setdefault("closing", []).append(text)
            return
        if is_furniture(text):
            self.out.dropped += 1
            return
        if is_placeholder(text):
            self.out.unused.append(text)
            return
        # The next section's heading, or a later one when a heading is missing.
        for i in range(self.next_section, len(SECTION_IDS)):
            # A heading further on than the next two must carry its number (「五、」).
            yes, rest = heading_match(text, SECTION_IDS[i], numbered=i - self.next_section > 2)
            if yes:
                if i > self.next_section:
                    missing = "、".join(f"“{NUMERALS[k]}、”" for k in range(self.next_section, i))
                    self.out.messages.append(f"来源中没有找到第{missing}部分的标题，其内容可能并入了前一部分。")
                self.key = SECTION_IDS[i]
                self.out.headings.append(self.key)
                self.next_section = i + 1
                if rest:
                    self.lines.setdefault(self.key, []).append(rest)
                return
        if self.key == "front":
            self.front.append(text)
        else:
            self.lines.setdefault(self.key, []).append(text)

    def finish(self, title_hints: list[str]) -> TextOutcome:
        out = self.out
        self._front(title_hints)
        s6 = self.lines.get("s6", [])
        self._signature(s6 if s6 else self.lines.get(self._last_key(), []))
        for key, lines in self.lines.items():
            if key in SECTION_IDS or key in ("preamble", "closing"):
                text = "\n".join(lines).strip()
                if text:
                    out.texts[key] = text
        if out.year is None:
            m = _PERIOD.search(unicodedata.normalize("NFKC", out.texts.get("preamble", "")))
            if m:
                out.year, out.year_how = int(m.group(1)), "前言中的统计期限"
        if out.year is None:
            for key in ("preamble", "s1"):
                m = _PERIOD.search(unicodedata.normalize("NFKC", out.texts.get(key, "")))
                if m:
                    out.year, out.year_how = int(m.group(1)), "正文中的统计期限"
                    break
        return out

    def _last_key(self) -> str:
        keys = [k for k in SECTION_IDS if k in self.lines]
        return keys[-1] if keys else "preamble"

    def _front(self, title_hints: list[str]) -> None:
        """Before the first heading: the title (maybe over two lines), then the preamble."""
        out = self.out
        front = self.front
        title_at = None
        for i, line in enumerate(front[:8]):
            parsed = parse_title(line)
            if parsed:
                title_at = i
                agency, year = parsed
                if not agency and i > 0 and _looks_like_agency(front[i - 1]):
                    agency = front[i - 1].strip()  # the agency on its own line above
                    out.unused.extend(front[:i - 1])
                else:
                    out.unused.extend(front[:i])
                out.agency, out.year, out.title = agency, year, line
                out.year_how = "标题"
                break
        if title_at is None:
            # A title without a year (「政府信息公开工作年度报告格式模板」) is still not the preamble.
            for i, line in enumerate(front[:3]):
                if "年度报告" in line and len(line) <= 40 and not _SENTENCE_PUNCT.search(line):
                    out.unused.extend(front[:i + 1])
                    out.title = line
                    front = front[i + 1:]
                    break
            for hint in title_hints:
                parsed = parse_title(hint)
                if parsed:
                    out.agency, out.year = parsed
                    out.title, out.year_how = hint, "网页标题"
                    break
            preamble = front
        else:
            preamble = front[title_at + 1:]
        # A document number or a date between the title and the preamble is not the preamble.
        while preamble and _UNDER_TITLE.match(unicodedata.normalize("NFKC", preamble[0])):
            out.unused.append(preamble.pop(0))
        if preamble:
            self.lines["preamble"] = preamble

    def _signature(self, lines: list[str]) -> None:
        """「某某局 / 2025年1月20日」 at the end: the report's agency and date, not text."""
        out = self.out
        tail = lines[-4:]
        for k in range(len(tail) - 1, -1, -1):
            date = parse_date(tail[k])
            if not date:
                continue
            idx = len(lines) - len(tail) + k
            out.date = date
            after = lines[idx + 1:]
            del lines[idx:]
            out.unused.extend(after)
            if lines and _looks_like_agency(lines[-1]):
                name = lines.pop().strip()
                if not out.agency:
                    out.agency = name
                elif norm(name) != norm(out.agency):
                    out.messages.append(f"落款机关“{name}”与标题中的“{out.agency}”不同，采用标题中的名称。")
            return
        # A signature without a date: the agency named in the title, alone on the last line.
        if lines and out.agency and norm(lines[-1]) == norm(out.agency):
            lines.pop()


def _looks_like_agency(line: str) -> bool:
    t = line.strip()
    return 2 <= len(t) <= 40 and not _SENTENCE_PUNCT.search(t) and not any(ch.isdigit() for ch in t)
