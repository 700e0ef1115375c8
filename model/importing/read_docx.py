"""A Word file (.docx) → paragraphs and tables in body order (python-docx over its XML).

The zip is checked before anything is unpacked and every XML part is scanned for a DTD (see
limits.py); python-docx's parser resolves no entities.  Tables are read from the XML so that
merged cells keep their spans: a horizontal merge is w:gridSpan, a vertical one a w:vMerge run.
Headers and footers are other parts of the file and are not read (page furniture).
"""

from __future__ import annotations

import io

from model import terms
from model.errors import ImportFailed
from model.importing.limits import Budget, open_office_zip
from model.importing.source import SCell, SourceDoc, SourceTable, check_table_size

WHAT = "Word 文件"


def read_docx(name: str, data: bytes, budget: Budget) -> SourceDoc:
    open_office_zip(data, name, WHAT, "word/document.xml", "正文", budget)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportFailed(f"“{name}”无法作为 Word 文件打开（{type(exc).__name__}），文件可能已损坏。") from None
    doc = SourceDoc("docx", name)
    closing_ids = {s.style_id for s in document.styles if getattr(s, "name", None) == terms.CLOSING}
    _walk(document.element.body, doc, budget, [0], closing_ids)
    return doc


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _walk(parent, doc: SourceDoc, budget: Budget, counter: list[int], closing_ids: set[str]) -> None:
    from docx.text.paragraph import Paragraph

    p_tag, tbl_tag, sdt_tag = _qn("w:p"), _qn("w:tbl"), _qn("w:sdt")
    content_tag = _qn("w:sdtContent")
    for child in parent.iterchildren():
        if child.tag == p_tag:
            para = Paragraph(child, None)
            style = child.find(f"{_qn('w:pPr')}/{_qn('w:pStyle')}")
            role = "closing" if style is not None and style.get(_qn("w:val")) in closing_ids else ""
            doc.add_para(para.text, centered=_centered(child), role=role)
        elif child.tag == tbl_tag:
            budget.check()
            counter[0] += 1
            doc.add_table(_table(child, doc.name, f"第 {counter[0]} 个表格"))
        elif child.tag == sdt_tag:  # a content control wrapping paragraphs or tables
            content = child.find(content_tag)
            if content is not None:
                _walk(content, doc, budget, counter, closing_ids)


def _centered(p) -> bool:
    jc = p.find(f"{_qn('w:pPr')}/{_qn('w:jc')}")
    return jc is not None and jc.get(_qn("w:val")) == "center"


def _cell_text(tc) -> str:
    from docx.text.paragraph import Paragraph

    return "\n".join(Paragraph(p, None).text for p in tc.iter(_qn("w:p")))


def _table(tbl, name: str, where: str) -> SourceTable:
    tr_tag, tc_tag = _qn("w:tr"), _qn("w:tc")
    rows = [tr for tr in tbl.iterchildren(tr_tag)]
    check_table_size(name, len(rows), 1)
    cells: list[SCell] = []
    above: dict[int, int] = {}  # grid column → index in cells of the cell last placed there
    n_cols = 0
    for r, tr in enumerate(rows):
        c = _int(getattr(tr, "grid_before", 0))
        tcs = [tc for tc in tr.iter(tc_tag) if tc.getparent() is tr or tc.getparent().getparent().getparent() is tr]
        for tc in tcs:
            span = max(1, min(_int(getattr(tc, "grid_span", 1)), 200))
            vmerge = getattr(tc, "vMerge", None)
            idx = above.get(c)
            if vmerge == "continue" and idx is not None:
                anchor = cells[idx]
                if anchor.row + anchor.rowspan == r and anchor.colspan == span:
                    cells[idx] = SCell(anchor.text, anchor.row, anchor.col, anchor.rowspan + 1, anchor.colspan)
                    c += span
                    continue
            cells.append(SCell(_cell_text(tc), r, c, 1, span))
            for k in range(c, c + span):
                above[k] = len(cells) - 1
            c += span
        n_cols = max(n_cols, c)
        check_table_size(name, r + 1, n_cols)
    return SourceTable(cells, len(rows), n_cols, where)


def _int(v) -> int:
    try:
        return int(v or 0)
    except (TypeError, ValueError):
        return 0
