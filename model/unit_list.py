"""The 名单: which units are expected to report, read from an .xlsx, .csv or .txt file.

Offices keep this list in whatever they have: an Excel sheet with 序号 and 单位名称 columns (and a
title row above), a CSV saved from it (UTF-8 or GBK), or a text file with one name per line,
numbered or not, with headings such as 「一、区直部门」 between groups.  The reader finds the
column of names, drops numbering, headings and blank lines, and keeps each unit once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from model.errors import ReportError
from model.safe_files import ReadRefused, read_regular, refusal_message
from model.unit_names import tidy

TEXT_LIMIT = 5 * 1024 * 1024
XLSX_LIMIT = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLS = 60
SUFFIXES = (".xlsx", ".csv", ".txt")

_NUMBERING = re.compile(r"^\s*(?:[（(]\s*\d+\s*[)）]|\d+\s*[.．、)）,，]|第\s*\d+\s*[个项])\s*")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])")
_ONLY_NUMBER = re.compile(r"^[\d\s.,，．]*[个家项]?$")  # 「3个」 beside 合计 is a count
_TOTAL_ROWS = {"合计", "总计", "小计"}
_HEADER_WORDS = ("单位名称", "机关名称", "部门名称", "单位", "名称", "机关", "部门", "报送单位")
_NOT_NAMES = {"序号", "合计", "总计", "小计", "备注", "单位名称", "单位", "名称", "名单", "机关名称"}
_LIST_SEPARATORS = re.compile(r"[、，,;；\t]+")


class UnitListError(ReportError):
    """A 名单 that cannot be read; str() is the Chinese reason."""


@dataclass
class UnitList:
    names: list[str]
    source: str = ""
    notes: list[str] = field(default_factory=list)  # Chinese: what was dropped or doubtful


def read_unit_list(path: Path) -> UnitList:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = "请在 Excel/WPS 中另存为 .xlsx 或 .csv 后再选。" if suffix in (".xls", ".et", ".wps") else ""
        raise UnitListError(f"名单“{path.name}”的类型不支持（应为 .xlsx、.csv 或 .txt）。{hint}")
    try:
        data, _ = read_regular(path, XLSX_LIMIT if suffix == ".xlsx" else TEXT_LIMIT, follow_links=False)
    except ReadRefused as exc:  # a link is not followed: the list may come from a shared folder
        raise UnitListError(refusal_message(exc, "名单文件")) from None
    if not data.strip():
        raise UnitListError(f"名单“{path.name}”是空文件。")
    if suffix == ".xlsx":
        rows = _xlsx_rows(data, path.name)
    elif suffix == ".csv":
        rows = _csv_rows(_decode(data, path.name))
    else:
        rows = [[line] for line in _decode(data, path.name).splitlines()]
    result = names_from_rows(rows, split_lists=suffix == ".txt")
    result.source = path.name
    if not result.names:
        raise UnitListError(f"名单“{path.name}”中没有找到单位名称。")
    return result


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # Notepad and Excel on Chinese Windows write GBK
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnitListError(f"名单“{name}”的文字编码无法识别（应为 UTF-8 或 GBK）。")


def _csv_rows(text: str) -> list[list[str]]:
    try:
        return [row[:MAX_COLS] for _, row in zip(range(MAX_ROWS), csv.reader(io.StringIO(text)))]
    except csv.Error as exc:
        raise UnitListError(f"名单不是有效的 CSV 文件（{exc}）。") from None


def _xlsx_rows(data: bytes, name: str) -> list[list[str]]:
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a damaged or encrypted workbook: openpyxl raises many kinds
        raise UnitListError(f"名单“{name}”不是有效的 .xlsx 文件（可能已损坏或加了密码）。") from None
    try:
        ws = wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True):
            rows.append(["" if v is None else str(v) for v in row])
        return rows
    except Exception:  # noqa: BLE001
        raise UnitListError(f"名单“{name}”无法读取（工作表内容损坏）。") from None
    finally:
        wb.close()


def names_from_rows(rows: list[list[str]], split_lists: bool = False) -> UnitList:
    """The unit names in a table of text: the header's name column, or the most name-like one."""
    rows = [[str(c).strip() for c in row] for row in rows]
    col, start = _name_column(rows)
    out = UnitList([])
    seen: dict[str, str] = {}
    for row in rows[start:]:
        if any(tidy(c) in _TOTAL_ROWS for c in row):
            continue  # 「合计」 and its count
        cell = row[col] if col < len(row) else ""
        if _is_heading(cell):
            continue
        parts = _LIST_SEPARATORS.split(cell) if split_lists else [cell]
        for part in parts:
            name = _clean_name(part)
            if not name:
                continue
            key = tidy(name)
            if key in seen:
                out.notes.append(f"名单中“{name}”重复出现，只计一次。")
                continue
            seen[key] = name
            out.names.append(name)
    return out


def _is_heading(text: str) -> bool:
    """「一、区直部门」「二、街道：」: a group heading, not a unit."""
    t = text.strip()
    return bool(_HEADING.match(t)) or t.endswith(("：", ":"))


def _clean_name(text: str) -> str:
    t = text.strip().strip("\ufeff")
    if not t or _is_heading(t):
        return ""
    t = _NUMBERING.sub("", t).strip()
    if _ONLY_NUMBER.match(t) or tidy(t) in _NOT_NAMES or len(tidy(t)) < 2 or t.startswith("#") \
            or "名单" in t:  # the sheet's title row
        return ""
    return t


def _name_column(rows: list[list[str]]) -> tuple[int, int]:
    """(column, first data row): a header cell naming the column wins; else the most names."""
    for r, row in enumerate(rows[:10]):
        for c, cell in enumerate(row):
            t = tidy(cell)
            if t in _HEADER_WORDS or (len(t) <= 8 and t.endswith(("单位名称", "机关名称", "部门名称"))):
                return c, r + 1
    width = max((len(row) for row in rows), default=0)
    best, best_count = 0, -1
    for c in range(width):
        count = sum(1 for row in rows if c < len(row) and _clean_name(row[c]))
        if count > best_count:
            best, best_count = c, count
    return best, 0
