"""Files from strangers: zip bombs, entity expansion, a PDF that loops or has 10,000 pages, a page of
100 MB, tables of 100,000 rows.  Each ends with a Chinese message and nothing created, within the
import's own bounds; and the child process the window and the CLI import in can always be stopped.

Hostile imports run through import_isolated (the child process): if a bound failed, the test would
see the child's timeout message instead of the one it expects — never hang the suite.
"""

from __future__ import annotations

import io
import os
import re
import socket
import sys
import zipfile
from pathlib import Path

import pytest

from model.errors import ImportFailed
from model.importing import import_report
from model.importing.isolated import ImportCancelled, IsolatedImport, import_isolated
from tests import import_sources as S
from tests.fifo_guard import run_guarded, swap_for_fifo_after_check

MB = 1024 * 1024
TIMEOUT = 60  # the child's limit in these tests; the messages below must come well before it


def refused(path: Path, says: str) -> str:
    with pytest.raises(ImportFailed) as info:
        import_isolated(path, timeout=TIMEOUT)
    message = str(info.value)
    assert "超过" not in message or "秒" not in message, f"timed out instead: {message}"
    assert re.search(says, message), message
    return message


def rezip(source: bytes, replace: dict[str, bytes], level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                     compresslevel=level) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return out.getvalue()


def document_xml() -> bytes:
    with zipfile.ZipFile(io.BytesIO(S.build_a_docx())) as z:
        return z.read("word/document.xml")


# -- zip containers ------------------------------------------------------------------------------
def test_a_docx_zip_bomb_is_refused_from_its_directory(tmp_path):
    xml = document_xml()
    body_end = xml.rindex(b"</w:body>")
    bomb = xml[:body_end] + b" " * (100 * MB) + xml[body_end:]  # 100 MB of whitespace, ~100 KB zipped
    path = tmp_path / "bomb.docx"
    path.write_bytes(rezip(S.build_a_docx(), {"word/document.xml": bomb}, level=9))
    assert path.stat().st_size < 2 * MB
    refused(path, "压缩|过大")


def test_a_zip_whose_directory_lies_about_the_size(tmp_path):
    xml = document_xml()
    body_end = xml.rindex(b"</w:body>")
    big = xml[:body_end] + b" " * (30 * MB) + xml[body_end:]
    data = bytearray(rezip(S.build_a_docx(), {"word/document.xml": big}, level=1))
    # Patch the central directory: document.xml claims to be 1 KB.
    name = b"word/document.xml"
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        assert pos >= 0
        n = int.from_bytes(data[pos + 28:pos + 30], "little")
        if data[pos + 46:pos + 46 + n] == name:
            data[pos + 24:pos + 28] = (1024).to_bytes(4, "little")
            break
        pos += 4
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    refused(path, "损坏|过大|压缩")


def entity_bomb(root: bytes) -> bytes:
    lol = b'<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10) for i in range(9))
    return b'<?xml version="1.0"?><!DOCTYPE x [' + lol + b"]>" + root.replace(b"BOMB", b"&j;")


def test_entity_expansion_in_a_word_file(tmp_path):
    xml = document_xml()
    xml = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml  # the bomb brings its own
    xml = xml.replace(b"<w:t>", b"<w:t>BOMB", 1)
    path = tmp_path / "laughs.docx"
    path.write_bytes(rezip(S.build_a_docx(), {"word/document.xml": entity_bomb(xml)}))
    refused(path, "实体声明")


def test_entity_expansion_in_a_workbook(tmp_path):
    book = S.build_a_official_xlsx()
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    sheet = sheet.split(b"?>", 1)[1] if sheet.startswith(b"<?xml") else sheet
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(rezip(book, {"xl/worksheets/sheet1.xml": entity_bomb(sheet.replace(b"<v>", b"<v>BOMB", 1))}))
    refused(path, "实体声明")


def test_a_workbook_with_a_merged_range_over_the_whole_sheet(tmp_path):
    book = S.build_a_official_xlsx()
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        sheet = z.read("xl/worksheets/sheet2.xml")
    sheet = re.sub(rb'<mergeCell ref="[A-Z]+\d+:[A-Z]+\d+"/>', b'<mergeCell ref="A1:XFD1048576"/>', sheet, count=1)
    path = tmp_path / "merged.xlsx"
    path.write_bytes(rezip(book, {"xl/worksheets/sheet2.xml": sheet}))
    refused(path, "合并区域")


def test_a_workbook_with_a_million_cells(tmp_path):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("大表")
    for r in range(12_000):
        ws.append([r] * 10)
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "cells.xlsx"
    path.write_bytes(buf.getvalue())
    refused(path, "单元格")


def test_a_word_table_of_100000_rows(tmp_path):
    import random

    rnd = random.Random(11)  # varied numbers: a table that does not compress like a bomb
    xml = document_xml()
    rows = b"".join(b"<w:tr><w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>%x</w:t>"
                    b"</w:r></w:p></w:tc></w:tr>" % (rnd.getrandbits(40), rnd.getrandbits(64)) for _ in range(100_000))
    at = xml.index(b"</w:tbl>")
    xml = xml[:at] + rows + xml[at:]
    path = tmp_path / "rows.docx"
    path.write_bytes(rezip(S.build_a_docx(), {"word/document.xml": xml}))
    refused(path, r"1000\d\d 行")


# -- web pages -------------------------------------------------------------------------------------
def test_a_page_of_100_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.truncate(100 * MB)  # sparse: nothing is written, but the size is what it says
    refused(path, "过大")


def test_a_page_with_a_table_of_100000_rows(tmp_path):
    rows = "<tr><td>一、本年新收政府信息公开申请数量</td><td>1</td></tr>" * 100_000
    path = tmp_path / "rows.html"
    path.write_text(f"<html><body><p>一、总体情况</p><table>{rows}</table></body></html>", encoding="utf-8")
    refused(path, "100000 行")


def test_spans_beyond_any_table_are_clamped(tmp_path):
    page = S.build_b_page().replace(b'rowspan="', b'rowspan="2147483647').replace(b'colspan="', b'colspan="99999')
    path = tmp_path / "spans.html"
    path.write_bytes(page)
    try:
        result = import_isolated(path, timeout=TIMEOUT)
    except ImportFailed as exc:  # a refusal is fine; a timeout is not
        assert "秒" not in str(exc), str(exc)
    else:
        assert result.report.format_id in ("2021", "2019")


def test_entities_and_deep_nesting_in_a_page(tmp_path):
    lol = "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    page = f'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">{lol}]><html><body><p>&j;</p>' + "<div>" * 100_000 + \
        "一、总体情况" + "</div>" * 100_000 + "</body></html>"
    path = tmp_path / "nest.html"
    path.write_text(page, encoding="utf-8")
    try:
        result = import_isolated(path, timeout=TIMEOUT)
    except ImportFailed as exc:
        assert "秒" not in str(exc), str(exc)
    else:
        assert len("".join(result.report.texts.values())) < 10_000  # no expansion


# -- PDFs ------------------------------------------------------------------------------------------
def tiny_pdf(pages: int, count: int | None = None, cycle: bool = False) -> bytes:
    """A minimal valid PDF written by hand: `pages` pages sharing one content stream."""
    first_page = 5
    kids = [f"{first_page + i} 0 R" for i in range(pages)]
    if cycle:
        kids.insert(0, "2 0 R")  # the page tree contains itself
    content = b"BT /F1 12 Tf 72 700 Td (report) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count if count is not None else pages} >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_of_10000_pages(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(tiny_pdf(10_000))
    refused(path, "10000 页")


def test_a_pdf_that_lies_about_its_page_count(tmp_path):
    path = tmp_path / "liar.pdf"
    path.write_bytes(tiny_pdf(10_000, count=1))
    refused(path, "10000 页")


def test_a_pdf_whose_page_tree_loops(tmp_path):
    path = tmp_path / "loop.pdf"
    path.write_bytes(tiny_pdf(3, cycle=True))
    refused(path, "年度报告|文字|PDF")


# -- files that are not files ------------------------------------------------------------------------
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@POSIX
@pytest.mark.parametrize("name", ["管道.html", "管道.docx", "管道.gknb"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    with pytest.raises(ImportFailed, match="不是普通文件") as info:
        run_guarded(lambda: import_report(fifo), fifo)
    assert "报告文件" in str(info.value)


@POSIX
@pytest.mark.parametrize("name", ["年报.html", "年报.gknb"])
def test_a_file_swapped_for_a_fifo_after_its_check_is_never_waited_on(tmp_path, monkeypatch, name):
    """Before: the importer checked the name, then open() waited on the pipe put there meanwhile."""
    path = tmp_path / name
    path.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    swap_for_fifo_after_check(monkeypatch, path)
    with pytest.raises(ImportFailed, match="不是普通文件"):
        run_guarded(lambda: import_report(path), path)


@POSIX
def test_a_units_report_swapped_for_a_fifo_is_a_row_with_the_reason(tmp_path, monkeypatch):
    from model.unit_reading import read_unit

    path = tmp_path / "东街街道.docx"
    path.write_bytes(S.build_a_docx())
    swap_for_fifo_after_check(monkeypatch, path)
    row = run_guarded(lambda: read_unit(str(path)), path)
    assert not row.ok and "不是普通文件" in row.error


# -- the child process -------------------------------------------------------------------------------
def test_a_hung_import_is_stopped_at_its_timeout(tmp_path):
    path = tmp_path / "any.html"
    path.write_text("<html></html>", encoding="utf-8")
    job = IsolatedImport(path, timeout=3, runner="tests.import_hang:hang")
    job.start()
    with pytest.raises(ImportFailed, match="超过 3 秒"):
        while job.poll(0.2) is None:
            pass
    assert not job.process.is_alive()


def test_the_clerk_can_cancel_a_running_import(tmp_path):
    path = tmp_path / "any.html"
    path.write_text("<html></html>", encoding="utf-8")
    job = IsolatedImport(path, timeout=60, runner="tests.import_hang:hang")
    job.start()
    assert job.poll(0.1) is None and job.running
    job.stop()
    assert not job.process.is_alive()
    with pytest.raises(ImportCancelled):
        job.poll()


@pytest.mark.skipif(sys.platform == "win32", reason="the memory ceiling is POSIX's RLIMIT_AS")
def test_an_import_that_eats_memory_is_stopped_by_its_ceiling(tmp_path):
    path = tmp_path / "any.html"
    path.write_text("<html></html>", encoding="utf-8")
    job = IsolatedImport(path, timeout=60, memory_mb=768, runner="tests.import_hang:hog")
    job.start()
    with pytest.raises(ImportFailed, match="内存"):
        while job.poll(0.2) is None:
            pass


def test_the_child_returns_the_same_report_as_in_process():
    inside = import_report(S.PINGTAN)
    child = import_isolated(S.PINGTAN)
    assert child.report.cells == inside.report.cells
    assert child.report.texts == inside.report.texts
    assert (child.kind, child.doubtful, child.messages) == (inside.kind, inside.doubtful, inside.messages)


def test_importing_never_touches_the_network(monkeypatch, tmp_path):
    """The real page links to images, scripts and other sites; reading it opens no connection."""
    def blocked(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", blocked)
    monkeypatch.setattr(socket.socket, "connect_ex", blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    monkeypatch.setattr(socket, "getaddrinfo", blocked)
    for source in (S.PINGTAN, S.DATA / "a-template-libreoffice.pdf"):
        assert import_report(source).report.cells
    word = tmp_path / "a.docx"
    word.write_bytes(S.build_a_docx())
    assert import_report(word).report.cells
