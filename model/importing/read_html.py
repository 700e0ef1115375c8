"""A saved web page (.html/.htm, or a single-file .mht) → the report's paragraphs and tables.

Government pages wrap the report in navigation, sharing buttons and footers.  The page is first
read whole into lines and tables; the report's part is the smallest element holding all of its
section headings and statistics tables, and only that part is kept (the title is looked for just
above it and in <title>).  Layout tables (a table holding other tables, as old sites build whole
pages) are read through, not as data.  Encodings: a BOM, the declared charset (GBK/GB2312 are read
as GB18030, their superset), else UTF-8 if the bytes are valid UTF-8, else GB18030.
"""

from __future__ import annotations

import email
import email.policy
import re

from model.errors import ImportFailed
from model.importing.labels import norm
from model.importing.limits import MAX_TABLE_COLS, MAX_TABLE_ROWS, Budget
from model.importing.source import Para, SourceDoc, SourceTable, TableBuilder, clean_line
from model.importing.texts import SECTION_IDS, heading_match

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENC = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "hz-gb-2312"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "blockquote", "pre", "center", "dd", "dt", "dl", "header", "footer", "main", "aside",
          "form", "fieldset", "address", "figure", "figcaption", "hr", "tr", "td", "th", "caption",
          "nav", "body", "html", "tbody", "thead", "tfoot"}
_SKIP = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
         "select", "option", "button", "input", "textarea", "head", "map", "canvas", "video", "audio"}
_REPORT_TABLE = tuple(norm(k) for k in ("第二十条", "申请人情况", "行政复议", "本年新收政府信息公开申请数量",
                                        "结转下年度继续办理", "信息内容"))
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    head = data[:4096]
    m = _XML_ENC.match(head) or _CHARSET.search(head)
    declared = m.group(1).decode("ascii", "ignore").lower() if m else ""
    if declared in _GB:
        return data.decode("gb18030", "replace"), "gb18030"
    if declared in ("big5", "big5-hkscs"):
        return data.decode("big5hkscs", "replace"), "big5"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030", "replace"), "gb18030"


def html_from_mht(data: bytes, name: str) -> bytes:
    """The HTML part of a single-file web page (MHTML, what browsers save as .mht)."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not _CHARSET.search(payload[:4096]):
                payload = f'<meta charset="{charset}">'.encode("ascii", "ignore") + payload
            return payload
    raise ImportFailed(f"“{name}”是单个文件网页（.mht），但其中没有网页正文，未导入。")


def read_html(name: str, data: bytes, budget: Budget) -> SourceDoc:
    if name.lower().endswith((".mht", ".mhtml")) or data[:512].lower().find(b"mime-version:") >= 0:
        data = html_from_mht(data, name)
    text, encoding = decode_html(data, name)
    text = _XML_DECL.sub("", text, count=1)
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  huge_tree=False, recover=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailed(f"“{name}”无法作为网页读取（{exc}）。") from None
    if root is None:
        raise ImportFailed(f"“{name}”是空网页。")
    walker = _Walker(name, budget)
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    doc = SourceDoc("html", name)
    if "�" in text and encoding == "gb18030":
        doc.messages.append("网页中有个别字符无法按 GBK/GB18030 解码，已显示为“�”。")
    title = root.find(".//title")
    blocks = walker.blocks
    start, end = _report_range(blocks)
    hints = [clean_line(b[0].text) for b in blocks[max(0, start - 8):start] if isinstance(b[0], Para)][::-1]
    if title is not None and title.text_content().strip():
        whole = clean_line(title.text_content())
        hints.append(whole)
        hints.extend(clean_line(p) for p in re.split(r"[_|｜\-—–]+", whole) if p.strip())
    doc.title_hints = hints
    for block, _ in blocks[start:end]:
        if isinstance(block, Para):
            doc.add_para(block.text, role=block.role)
        else:
            doc.add_table(block)
    doc.dropped = len(blocks) - (end - start)
    return doc


def _report_range(blocks) -> tuple[int, int]:
    """The report's blocks: from the element that holds its first heading (or table) to the one
    that holds its last, widened to their common container."""
    marks = []
    for i, (block, el) in enumerate(blocks):
        if isinstance(block, SourceTable):
            if any(k in norm(" ".join(c.text for c in block.cells[:40])) for k in _REPORT_TABLE):
                marks.append(i)
        elif len(block.text) <= 60 and any(heading_match(block.text, sid)[0] for sid in SECTION_IDS):
            marks.append(i)
    if not marks:
        return 0, len(blocks)
    els = [blocks[i][1] for i in marks]
    container = _common_ancestor(els)
    inside = [i for i, (_, el) in enumerate(blocks) if _is_within(el, container)]
    if not inside:
        return 0, len(blocks)
    return inside[0], inside[-1] + 1


def _common_ancestor(els):
    def chain(el):
        out = []
        while el is not None:
            out.append(el)
            el = el.getparent()
        return out[::-1]

    chains = [chain(e) for e in els]
    common = None
    for level in zip(*chains):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    # The container of a lone heading is its paragraph: widen to the paragraph's parent.
    if common is not None and len(els) == 1 and common.getparent() is not None:
        common = common.getparent()
    return common


def _is_within(el, container) -> bool:
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


class _Walker:
    """Block-level walk: text runs become lines at block boundaries and <br>; data tables become
    SourceTables.  Each block remembers the element it came from."""

    def __init__(self, name: str, budget: Budget):
        self.name, self.budget = name, budget
        self.blocks: list[tuple[Para | SourceTable, object]] = []
        self.buf: list[str] = []
        self.buf_el = None
        self.count = 0
        self.n_tables = 0

    def flush(self) -> None:
        if self.buf:
            text = clean_line("".join(self.buf))
            if text:
                self.blocks.append((Para(text, role=_role(self.buf_el)), self.buf_el))
        self.buf = []
        self.buf_el = None

    def _text(self, s: str | None, el) -> None:
        if s:
            if self.buf_el is None and s.strip():
                self.buf_el = el
            self.buf.append(s)

    def walk(self, el) -> None:
        # An explicit stack: a page nested 10,000 deep must not exhaust Python's recursion.
        stack: list[tuple[object, bool]] = [(el, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                if _tag(node) in _BLOCK:
                    self.flush()
                self._text(node.tail, node.getparent())
                continue
            self.count += 1
            if self.count % 2000 == 0:
                self.budget.check()
            tag = _tag(node)
            if tag in _SKIP or _hidden(node):
                self._text(node.tail, node.getparent())
                continue
            if tag == "table" and _is_data_table(node):
                self.flush()
                self.n_tables += 1
                self.blocks.append((_table(node, self.name, self.budget), node))
                self._text(node.tail, node.getparent())
                continue
            if tag == "br":
                self.flush()
                self._text(node.tail, node.getparent())
                continue
            if tag in _BLOCK:
                self.flush()
            self._text(node.text, node)
            stack.append((node, True))
            for child in reversed(list(node)):
                stack.append((child, False))


def _role(el) -> str:
    """"closing" for text inside an element of class closing (this app's web export marks the
    closing text so that it reads back apart from section 六)."""
    for _ in range(4):
        if el is None or not hasattr(el, "get"):
            break
        if "closing" in (el.get("class") or "").split():
            return "closing"
        el = el.getparent()
    return ""


def _tag(el) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(el) -> bool:
    style = el.get("style") if hasattr(el, "get") else None
    return bool(style and _HIDDEN.search(style)) or (hasattr(el, "get") and el.get("hidden") is not None)


def _rows(table) -> list:
    out = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if _tag(c) == "tr")
    return out


def _is_data_table(table) -> bool:
    """A table of cells, not a page layout built of tables."""
    if table.find(".//table") is not None:
        return False
    rows = _rows(table)
    if not rows:
        return False
    if len(rows) == 1 and len([c for c in rows[0] if _tag(c) in ("td", "th")]) == 1:
        return False  # one cell: a frame around content
    return True


def _span(value, limit: int) -> int:
    try:
        n = int(str(value).strip().rstrip(";").split(".")[0] or 1)
    except (TypeError, ValueError):
        return 1
    return max(1, min(n, limit))


def _cell_text(cell) -> str:
    parts: list[str] = []
    stack = [(cell, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            if _tag(node) in _BLOCK and node is not cell:
                parts.append("\n")
            if node is not cell and node.tail:
                parts.append(node.tail)
            continue
        tag = _tag(node)
        if node is not cell and (tag in _SKIP or _hidden(node)):
            if node.tail:
                parts.append(node.tail)
            continue
        if tag == "br":
            parts.append("\n")
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed(list(node)):
            stack.append((child, False))
    return "".join(parts).replace("\xa0", " ").strip()


def _table(table, name: str, budget: Budget) -> SourceTable:
    rows = _rows(table)
    b = TableBuilder(name, len(rows))
    for tr in rows:
        b.start_row()
        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            b.add(_cell_text(cell), _span(cell.get("rowspan"), MAX_TABLE_ROWS),
                  _span(cell.get("colspan"), MAX_TABLE_COLS))
        if b.row % 200 == 0:
            budget.check()
    return b.build()
