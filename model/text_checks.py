"""Rules about the narrative: what it states against the tables, last year's leftovers, completeness.

Each function is one rule *kind* of the format files (resources/formats/*.json), like those of
model/checks.py, which lists them in its _KINDS.  The format-specific knowledge — which words
introduce which quantity, which cells hold it — is rule data written by tools/build_formats.py.

Precision comes before recall: a clean report must raise nothing.  A statement is compared only
when it is unambiguous: one number in its clause, one quantity its words name, no words that make
it a part (其中), a change (同比, 较上年) or a range (分别, 各); approximate numbers (200余件, 约) and
anything that is not a count with a unit (dates, 〔2024〕12号, 第二十条, percentages) are never read.

The per-paragraph scans are cached (functools.lru_cache keyed by the paragraph's text), so checking
again after a keystroke re-reads only the paragraph that changed.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from model import punctuation, terms
from model.findings import Finding, text_names, text_section
from model.formats import load_format
from model.similarity import percent, similarity
from model.text_length import counted_chars
from model.text_numbers import YEAR_RE, Mention, paragraphs, parse_year, scan, shorten
from model.values import display


def _rule(fmt_id: str, rule_id: str):
    return next(r for r in load_format(fmt_id).rules if r.id == rule_id)


def _where(ctx, key: str) -> str:
    return f"“{text_names(ctx.fmt)[key]}”"


def _cells_text(ctx, cells) -> str:
    """表三「一、…」「总计」, or 表三「一、…」「总计」与「二、…」「总计」之和 (the table named once)."""
    parts, table = [], None
    for c in cells:
        d = ctx.describe(c)
        name = ctx.fmt.cells[c].table.name
        parts.append(d[len(name):] if name == table else d)
        table = name
    return parts[0] if len(parts) == 1 else "与".join(parts) + "之和"


def _sum(ctx, cells):
    return sum((ctx.num(c) for c in cells), 0)


# -- text against tables ---------------------------------------------------------------------------

INHERIT_REACH = 400  # characters back in which a clause may find its topic


def _inherits(sc, cs: int, need, foreign, topic_words) -> bool:
    """Does the nearest earlier clause of the paragraph that names a topic name this one?

    「收到申请41件，办结39件」: 办结39件 names no topic and inherits 申请 from the clause before;
    so does 「已办结39件。」 in the next sentence of a paragraph on 依申请公开.
    「人大代表建议12件，均已办结」 inherits 建议, which is not 申请.
    """
    for s, e in sc.clauses_back(cs, INHERIT_REACH):
        c = sc.text[s:e]
        if any(t in c for t in topic_words):
            return all(w in c for w in need) and not any(w in c for w in foreign)
    return False


def _topic_ok(sc, cs, ce, spec, topic_words) -> bool:
    clause = sc.text[cs:ce]
    if any(w in clause for w in spec.get("foreign", ())):
        return False
    need = spec.get("need", ())
    if all(w in clause for w in need):
        return True
    return bool(spec.get("inherit")) and _inherits(sc, cs, need, spec.get("foreign", ()), topic_words)


def _context_ok(spec, key: str, sentence: str) -> bool:
    words = spec.get("context")
    return not words or key in spec.get("context_keys", ()) or any(w in sentence for w in words)


@lru_cache(maxsize=8192)
def _statements(fmt_id: str, rule_id: str, key: str, paragraph: str):
    """(quantity index, mention, clause span) for every unambiguous statement of a paragraph."""
    rule = _rule(fmt_id, rule_id)
    quantities = rule.get("quantities")
    skip = rule.get("skip", ())
    skip_sentence = rule.get("skip_sentence", ())
    topic_words = rule.get("topic_words", ())
    sc = scan(paragraph)
    out = []
    for m in sc.mentions:
        if m.approx:
            continue
        cs, ce = sc.clause(m.start)
        clause = paragraph[cs:ce]
        if sum(1 for o in sc.mentions_in(cs, ce) if o.unit == m.unit) != 1:
            continue  # two numbers of one kind in a clause: which is which is a guess
        if any(w in clause for w in skip):
            continue
        ss, se = sc.sentence(m.start)
        sentence = paragraph[ss:se]
        if any(w in sentence for w in skip_sentence):
            continue
        hits = []
        for n, q in enumerate(quantities):
            if m.unit not in q["units"] or any(w in clause for w in q.get("none", ())):
                continue
            if q.get("cue") and not any(w in clause for w in q["cue"]):
                continue
            if not _topic_ok(sc, cs, ce, q, topic_words) or not _context_ok(q, key, sentence):
                continue
            hits.append(n)
        if len(hits) == 1:
            out.append((hits[0], m, (cs, ce)))
    return tuple(out)


def _unit_scale(ctx, cell: str) -> Decimal:
    """A money cell's unit in 元 (表二's 万元 column, or the unit the clerk chose)."""
    from model.text_numbers import MONEY_UNITS

    c = ctx.fmt.cells[cell].column
    unit = c.unit or ctx.report.units.get(cell) or "元"
    return MONEY_UNITS.get(unit, Decimal(1))


def _table_value(ctx, reading, money: bool):
    """The table's value of one reading in base units (元 for money), or None while incomplete.

    Remembered for the check: a long text states the same quantity many times."""
    key = (tuple(reading), money)
    if key not in ctx.memo:
        ctx.memo[key] = _compute_table_value(ctx, reading, money)
    return ctx.memo[key]


def _compute_table_value(ctx, reading, money: bool):
    if not ctx.all_numbers(reading):
        return None
    if not money:
        return Decimal(_sum(ctx, reading))
    total = Decimal(0)
    for c in reading:
        if not ctx.report.units.get(c) and not ctx.fmt.cells[c].column.unit:
            return None  # an amount whose unit nobody knows cannot be compared
        total += Decimal(ctx.num(c)) * _unit_scale(ctx, c)
    return total


def _agrees(m: Mention, table: Decimal) -> bool:
    """Equal, after rounding the table to the precision the text was written in (18651万元 for
    18651.06万元, 1.2万件 for 12034件)."""
    in_written = table / m.scale
    q = Decimal(1).scaleb(-m.decimals)
    return in_written.quantize(q, rounding=ROUND_HALF_UP) == (m.value / m.scale).quantize(q)


def _amount(v: Decimal, unit: str, scale: Decimal) -> str:
    """218 件, 523.6 万元: a value in base units shown in the written unit `scale` stands for."""
    if unit == "元":
        written = {Decimal(10_000): "万元", Decimal(100_000_000): "亿元"}.get(scale, "元")
        return f"{display((v / scale).normalize())} {written}"
    return f"{display((v / scale).normalize())} {unit}"


def _texts(ctx):
    """(key, text) of each of the report's texts that has any."""
    for key in ctx.fmt.text_keys():
        text = ctx.report.text(key)
        if text:
            yield key, text


def _paragraphs(ctx):
    """(key, offset in the text, paragraph) of each non-empty paragraph of the report's texts."""
    for key, text in _texts(ctx):
        for offset, par in paragraphs(text):
            if par:
                yield key, offset, par


def _in_text(ctx, rule, key: str, msg: str, span=None, cells=(), spans=()) -> Finding:
    """A finding of `rule` about the text `key`, marking [start, end) of it where given."""
    return Finding(rule.id, rule.severity, msg, tuple(cells), text_section(ctx.fmt, key), text_key=key,
                   span=span, spans=spans)


def text_numbers(ctx, rule):
    out = []
    quantities = rule.get("quantities")
    for key, offset, par in _paragraphs(ctx):
        for n, m, (cs, ce) in _statements(ctx.fmt.id, rule.id, key, par):
            q = quantities[n]
            money = m.unit == "元"
            readings = q["readings"]
            values = [_table_value(ctx, r, money) for r in readings]
            if any(v is None for v in values):
                continue  # the table is not complete yet: its blanks are reported already
            verdict = (n, m.value, m.scale, m.decimals)  # a long text repeats its statements
            if verdict not in ctx.memo:
                ctx.memo[verdict] = any(_agrees(m, v) for v in values)
            if ctx.memo[verdict]:
                continue
            cells = readings[0]
            stated = par[m.start:m.end]
            if money:  # the table in its own unit, and in the text's when they differ
                own = _unit_scale(ctx, cells[0])
                table = _amount(values[0], "元", own)
                if own != m.scale:
                    table += f"（即 {_amount(values[0], '元', m.scale)}）"
            else:
                table = _amount(values[0], m.unit, Decimal(1))
            quote = shorten(par[cs:ce])
            said = f"“{quote}”" if stated in quote else f"“{quote}”（{stated}）"
            msg = (f"正文与表格不一致：{_where(ctx, key)}写{said}，而{_cells_text(ctx, cells)}为 "
                   f"{table}。请核对正文或表格。")
            out.append(_in_text(ctx, rule, key, msg, span=(offset + cs, offset + ce), cells=cells))
    return out


@lru_cache(maxsize=8192)
def _claims(fmt_id: str, rule_id: str, key: str, paragraph: str):
    """(claim index, span) for every claim a paragraph makes (均已办结, 未发生行政复议 …)."""
    rule = _rule(fmt_id, rule_id)
    topic_words = rule.get("topic_words", ())
    sc = scan(paragraph)
    out = []
    for n, claim in enumerate(rule.get("claims")):
        for m in _compiled(claim["pattern"]).finditer(paragraph):
            cs, _ = sc.clause(m.start())
            _, ce = sc.clause(max(m.end() - 1, m.start()))
            region = paragraph[cs:ce]
            if any(w in region for w in claim.get("none", ())):
                continue
            ss, se = sc.sentence(m.start())
            if not _topic_ok(sc, cs, ce, claim, topic_words):
                continue
            if not _context_ok(claim, key, paragraph[ss:se]):
                continue
            out.append((n, (cs, ce)))
    return tuple(out)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def text_claims(ctx, rule):
    out = []
    claims = rule.get("claims")
    for key, offset, par in _paragraphs(ctx):
        for n, (cs, ce) in _claims(ctx.fmt.id, rule.id, key, par):
            claim = claims[n]
            cells = claim["cells"]
            total = _table_value(ctx, cells, False)
            if total is None or total == 0:
                continue
            msg = (f"正文与表格不一致：{_where(ctx, key)}写“{shorten(par[cs:ce])}”，"
                   f"但{_cells_text(ctx, cells)}为 {display(total)}。{claim['advice']}")
            out.append(_in_text(ctx, rule, key, msg, span=(offset + cs, offset + ce), cells=cells))
    return out


_LIST_END = re.compile("[，,；;。！？!?]")


@lru_cache(maxsize=8192)
def _breakdowns(fmt_id: str, rule_id: str, paragraph: str):
    """(total, parts, span) for every 「共N件，其中a件、b件」 whose parts do not add up."""
    rule = _rule(fmt_id, rule_id)
    marker = rule.get("marker", "其中")
    residual = rule.get("residual", ())
    exhaustive_sets = rule.get("exhaustive_sets", ())
    skip = rule.get("skip", ())
    sc = scan(paragraph)
    out = []
    for found in re.finditer(re.escape(marker), paragraph):
        i = found.start()
        ss, se = sc.sentence(i)
        before = sc.mentions_in(ss, i)
        if not before:
            continue
        total = before[-1]
        tcs, tce = sc.clause(total.start)
        if any(w in paragraph[tcs:tce] for w in skip):
            continue  # 同比增加5件，其中…: the number before 其中 is not a total
        stop = _LIST_END.search(paragraph, i)
        end = stop.start() if stop else len(paragraph)
        listed = sc.mentions_in(i + 1, end)
        parts = [m for m in listed if m.unit == total.unit]
        if not parts or total.approx or any(m.approx for m in listed):
            continue
        region = paragraph[i:end]
        whole = sum((m.value for m in parts), Decimal(0))
        exhaustive = len(parts) >= 2 and (any(w in region for w in residual)
                                          or any(all(w in region for w in s) for s in exhaustive_sets))
        if whole > total.value or (exhaustive and whole != total.value):
            out.append((total, tuple(parts), (tcs, end)))
    return tuple(out)


def text_breakdown(ctx, rule):
    out = []
    for key, offset, par in _paragraphs(ctx):
        for total, parts, (s, e) in _breakdowns(ctx.fmt.id, rule.id, par):
            whole = sum((m.value for m in parts), Decimal(0))
            listed = "＋".join(par[m.start:m.end] for m in parts)
            written = _amount(whole, total.unit, total.scale)
            msg = (f"正文中的总数与分项不符：{_where(ctx, key)}写“{shorten(par[s:e])}”，"
                   f"总数为 {par[total.start:total.end]}，所列分项 {listed} 合计 {written}。")
            out.append(_in_text(ctx, rule, key, msg, span=(offset + s, offset + e)))
    return out


# -- last year's leftovers -------------------------------------------------------------------------

def text_review(ctx, rule):
    out = []
    names = text_names(ctx.fmt)
    for key in ctx.report.review:
        if key not in names or not ctx.report.text(key).strip():
            continue
        msg = (f"“{names[key]}”是从上年报告带入的，尚未复核。请改写为本年情况，完成后点该部分上方的"
               f"“{terms.REVIEWED}”。")
        out.append(_in_text(ctx, rule, key, msg))
    return out


@lru_cache(maxsize=512)
def _year_patterns(fmt_id: str, rule_id: str):
    rule = _rule(fmt_id, rule_id)
    return tuple((re.compile(p["pattern"].replace("{YEAR}", f"(?:{YEAR_RE})")), p.get("older_only", False))
                 for p in rule.get("patterns"))


@lru_cache(maxsize=8192)
def _years(fmt_id: str, rule_id: str, paragraph: str):
    """(year, older_only, span of the year, span of the phrase) the paragraph gives as report year."""
    out = []
    for pattern, older_only in _year_patterns(fmt_id, rule_id):
        for m in pattern.finditer(paragraph):
            y = parse_year(m.group("y"))
            if y is not None:
                out.append((y, older_only, m.span("y"), m.span()))
    return tuple(out)


def text_report_year(ctx, rule):
    out = []
    year = ctx.report.year
    seen = set()  # (text, offset) of each year named: two patterns may find the same one
    for key, offset, par in _paragraphs(ctx):
        for y, older_only, (ys, ye), (ps, pe) in _years(ctx.fmt.id, rule.id, par):
            if y == year or (older_only and y > year) or (key, offset + ys) in seen:
                continue
            seen.add((key, offset + ys))
            msg = (f"正文年份有误：{_where(ctx, key)}写“{shorten(par[ps:pe])}”，这里应是报告年度"
                   f"{year}年，却写了{y}年。可能是沿用了往年报告的文字。")
            out.append(_in_text(ctx, rule, key, msg, span=(offset + ps, offset + pe)))
    return out


def text_similarity(ctx, rule):
    ly = ctx.report.last_year
    if ly is None:
        return []
    out = []
    names = text_names(ctx.fmt)
    threshold = float(rule.get("threshold"))
    for key in rule.get("sections"):
        last = ly.texts.get(key, "")
        text = ctx.report.text(key)
        if not last.strip() or not text.strip():
            continue
        sim = similarity(text, last)
        if sim.counted < rule.get("min_chars") or sim.ratio <= threshold:
            continue
        msg = (f"“{names[key]}”与{ly.year}年报告的重复率约为 {percent(sim.ratio)}，超过 "
               f"{percent(threshold)}。评估中重复率过高会被扣分；重复的段落已在正文中标出，请按本年情况改写。")
        out.append(_in_text(ctx, rule, key, msg, span=sim.spans[0] if sim.spans else None, spans=sim.spans))
    return out


# -- the closing ------------------------------------------------------------------------------------

_DATE_WORDS = (r"(?:(?:19|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})年"
               r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日")
_SPACE = re.compile(r"\s+")


def closing_signature(ctx, rule):
    """结尾落款 lines that are only the agency and/or a date: every export signs the report with
    both under the closing text, so they would print twice."""
    text = ctx.report.text("closing")
    if not text:
        return []
    agency = _SPACE.sub("", ctx.report.agency)
    who = f"(?:{re.escape(agency)})?" if agency else ""
    alone = re.compile(f"{who}(?:{_DATE_WORDS})?")
    hits, pos = [], 0
    for line in text.split("\n"):
        squeezed = _SPACE.sub("", line)
        if squeezed and alone.fullmatch(squeezed):
            lead = len(line) - len(line.lstrip())
            hits.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    if not hits:
        return []
    first = text[hits[0][0]:hits[0][1]]
    msg = (f"“结尾落款”中的“{shorten(first)}”会与文末落款重复：导出和打印时，软件按“机关名称”和"
           "“成文日期”自动在文末落款，这里不必再写。")
    return [Finding(rule.id, rule.severity, msg, (), "info", text_key="closing",
                    span=(hits[0][0], hits[-1][1]), spans=tuple(hits))]


# -- completeness -----------------------------------------------------------------------------------

def date_required(ctx, rule):
    if ctx.report.date:
        return []
    return [Finding(rule.id, rule.severity, f"{rule.get('title')}：落款处将没有日期。请在“{terms.INFO_PAGE}”中填写。",
                    (), "info")]


def table_blank(ctx, rule):
    table = ctx.fmt.tables[rule.get("table")]
    cells = [c for c in ctx.fmt.input_ids if ctx.fmt.cells[c].table is table]
    if any(ctx.report.cells.get(c) is not None for c in cells):
        return []
    return [Finding(rule.id, rule.severity, f"{rule.get('title')}。{rule.get('advice')}", tuple(cells),
                    table.section)]


def text_mentions_last_year(ctx, rule):
    ly = ctx.report.last_year
    sec = rule.get("section")
    if ly is None or not ly.texts.get(sec, "").strip():
        return []
    text = ctx.report.text(sec)
    if not text.strip():
        return []  # an empty section is reported by its own rule
    # Last year named as a report (2024年度报告所列问题), not as a bare year: a copied 「2024年，…」
    # opening is last year's own text, not an answer to it.
    last = ctx.report.year - 1
    words = list(rule.get("any")) + [f"{last}年度报告", f"{last}年报告", f"{last}年年报", f"{last}年度年报"]
    if any(w in text for w in words):
        return []
    msg = (f"{rule.get('title')}。{ly.year}年报告在此列出了存在的问题，本年应说明这些问题的整改情况"
           "（如“上年度报告所列……问题已整改”）。")
    return [Finding(rule.id, rule.severity, msg, (), sec, text_key=sec)]


_HEADING = re.compile(r"^\s*(?P<no>[一二三四五六])\s*[、.．]\s*(?P<title>[^。，；！？\n]{2,30}?)\s*$")


def _resembles(title: str, official: str) -> bool:
    """Shares at least half of the official title's characters (工作情况概述 ~ 总体情况)."""
    chars = set(official)
    return len(chars & set(title)) * 2 >= len(chars)


def _normal_title(s: str) -> str:
    return re.sub(r"\s+", "", s)


@lru_cache(maxsize=8192)
def _heading_line(line: str):
    m = _HEADING.match(line)
    return (m.group("no"), _normal_title(m.group("title"))) if m else None


def text_headings(ctx, rule):
    """The six official headings, where a text carries section headings of its own."""
    out = []
    by_no = {s.no: s for s in ctx.fmt.sections}
    min_lines = rule.get("min_headings")
    for key, text in _texts(ctx):
        lines = [(off, par, _heading_line(par)) for off, par in paragraphs(text)]
        found = [(off, par, h) for off, par, h in lines if h and h[0] in by_no]
        own = by_no.get(ctx.fmt.section(key).no) if key in ctx.fmt.section_by_id else None
        first = next(((off, par, h) for off, par, h in lines if par.strip()), None)
        if own is not None and first and first[2] and first[2][0] == own.no:
            off, par, (no, title) = first
            span = (off + len(par) - len(par.lstrip()), off + len(par.rstrip()))
            if title == own.title:
                msg = (f"{_where(ctx, key)}的正文以标题“{own.heading}”开头。导出时会自动印出标题，"
                       "正文里的这一行会让标题出现两次，可删去。")
            else:
                msg = (f"{_where(ctx, key)}的正文以“{par.strip()}”开头，与官方格式的标题“{own.heading}”"
                       "不一致。导出时按官方标题印出，正文里的这一行可删去。")
            out.append(_in_text(ctx, rule, key, msg, span=span))
            continue
        skeleton = {h[0] for _, _, h in found if _resembles(h[1], by_no[h[0]].title)}
        if len(skeleton) < min_lines:
            continue  # a numbered list of the text's own (一、加强培训), not the report's skeleton
        present = {h[0] for _, _, h in found}
        for off, par, (no, title) in found:
            sec = by_no[no]
            if title != sec.title:
                span = (off + len(par) - len(par.lstrip()), off + len(par.rstrip()))
                msg = (f"{_where(ctx, key)}中的标题“{par.strip()}”与官方格式不一致，应为“{sec.heading}”。")
                out.append(_in_text(ctx, rule, key, msg, span=span))
        missing = [s.heading for s in ctx.fmt.sections if s.no not in present]
        if missing:
            msg = (f"{_where(ctx, key)}中带有报告各部分的标题，但缺少" + "、".join(f"“{h}”" for h in missing)
                   + "。年度报告应包含官方格式的全部六个部分。")
            out.append(_in_text(ctx, rule, key, msg))
    return out


def text_length(ctx, rule):
    limit = ctx.options.get(rule.get("setting"))
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        return []  # off unless the clerk's province asks for it
    sec = rule.get("section")
    chars = counted_chars(ctx.report.text(sec))
    if chars <= limit:
        return []
    msg = (f"“{ctx.fmt.section(sec).heading}”共 {chars} 字，超过设定的上限 {limit} 字"
           f"（多 {chars - limit} 字）。")
    return [Finding(rule.id, rule.severity, msg, (), sec, text_key=sec)]


# -- hygiene ----------------------------------------------------------------------------------------

def text_punctuation(ctx, rule):
    out = []
    for key, text in _texts(ctx):
        found = punctuation.issues(text)
        if not found:
            continue
        first = found[0]
        show = text[max(0, first.start - 6):first.end + 6].replace("\n", " ")
        msg = (f"{_where(ctx, key)}有 {len(found)} 处标点或空格不规范（{punctuation.describe(found)}，"
               f"如“{show.strip()}”）。可用“{terms.NORMALIZE_PUNCTUATION}”一次改正。")
        out.append(_in_text(ctx, rule, key, msg, span=(first.start, first.end),
                            spans=tuple((i.start, i.end) for i in found)))
    return out


KINDS = {
    "text_numbers": text_numbers,
    "text_claims": text_claims,
    "text_breakdown": text_breakdown,
    "text_review": text_review,
    "text_report_year": text_report_year,
    "text_similarity": text_similarity,
    "date_required": date_required,
    "table_blank": table_blank,
    "text_mentions_last_year": text_mentions_last_year,
    "text_headings": text_headings,
    "text_length": text_length,
    "text_punctuation": text_punctuation,
    "closing_signature": closing_signature,
}


def clear_caches() -> None:
    """Forget every per-paragraph scan (benchmarks measure a first check with this)."""
    from model import similarity, text_numbers

    from model import checks

    for fn in (checks._placeholders_in, _statements, _claims, _breakdowns, _years, _heading_line, text_numbers.mentions,
               text_numbers.scan, text_numbers.paragraphs,
               similarity.index_of, similarity._paragraph_coverage, similarity.similarity,
               punctuation._line_issues):
        fn.cache_clear()
