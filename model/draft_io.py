"""Draft files (*.gknb): UTF-8 JSON, documented in docs/draft-format.md.

Loading never trusts the file: anything malformed, truncated or from a newer version raises
DraftReadError with a Chinese message, and nothing on disk is touched.  Keys we do not know are
kept and written back, so a newer version's additions survive a round trip through this one.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
from pathlib import Path

from model.atomic_file import backup_path, write_atomic, write_message
from model.dismissals import Dismissal
from model.errors import DraftReadError, DraftWriteError, FormatError
from model.formats import available_formats, load_format
from model.report import LastYear, Report, SummaryOf, SummedUnit
from model.safe_files import (LINK, TOO_LARGE, FileStamp, ReadRefused, read_regular, real_path, refusal_message,
                              stamp_of)
from model import terms
from model.terms import APP_NAME
from model.values import value_from_json, value_to_json

SCHEMA = 1
EXTENSION = ".gknb"
APP_TAG = APP_NAME
# One limit for every draft, written or read: a draft this version saves, it can open again.
# (Read at call time, never bound as a default: one number to change, also in tests.)
MAX_BYTES = 50 * 1024 * 1024
KNOWN_KEYS = {"schema", "app", "format", "year", "agency", "date", "texts", "cells", "units",
              "last_year", "review", "summary", "dismissed"}
_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # ASCII digits only, no trailing newline
YEAR_RANGE = (2000, 2200)


def report_to_dict(report: Report) -> dict:
    fmt = report.fmt
    cells = {}
    for cid in fmt.cells:  # format order reads better than typing order
        if cid in report.cells:
            cells[cid] = value_to_json(report.cells[cid])
    for cid, v in report.foreign_cells.items():
        cells.setdefault(cid, v)
    data = {
        "schema": SCHEMA,
        "app": APP_TAG,
        "format": report.format_id,
        "year": report.year,
        "agency": report.agency,
        "date": report.date,
        "texts": {k: v for k, v in report.texts.items() if v},
        "cells": cells,
    }
    if report.units:
        data["units"] = dict(report.units)
    if report.last_year is not None:
        ly = report.last_year
        data["last_year"] = {"year": ly.year, "source": ly.source,
                             "cells": {k: value_to_json(v) for k, v in ly.cells.items()}}
        if ly.texts:
            data["last_year"]["texts"] = {k: v for k, v in ly.texts.items() if v}
    if report.review:
        data["review"] = list(report.review)
    if report.summary is not None:
        data["summary"] = summary_to_json(report.summary)
    if report.dismissed:
        data["dismissed"] = [d.to_json() for d in report.dismissed]
    for k, v in report.extra.items():
        data.setdefault(k, v)
    return data


def dumps(report: Report) -> bytes:
    return (json.dumps(report_to_dict(report), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def check_size(data: bytes, limit: int | None = None) -> None:
    """Refuse to write a draft this version could not open again (the read limit is the same)."""
    limit = MAX_BYTES if limit is None else limit
    if len(data) > limit:
        raise DraftTooLarge(len(data), limit)


class DraftTooLarge(DraftWriteError):
    def __init__(self, size: int, limit: int):
        super().__init__(
            f"报告内容过大（约 {size / 1024 / 1024:.1f} MB），超过草稿文件的上限 {limit / 1024 / 1024:g} MB，"
            "保存后将无法再打开，因此没有保存。当前内容仍在窗口中，没有丢失；请删减正文或表格中粘贴进来的大段内容后再保存。")
        self.size = size


_REJECTED = "不允许的数值"


def _reject_constant(name):
    raise ValueError(f"{_REJECTED} {name}")


def _long_number_where(text: str) -> str:
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    m = re.search(r"[0-9]{%d,}" % (limit + 1), text)
    if m is None:
        return "超过 4300 位"
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return f"第 {line} 行第 {col} 列，{m.end() - m.start()} 位"


def too_large_message(name: str, size: int | None = None) -> str:
    size_text = f"{size / 1024 / 1024:.1f} MB，" if size else ""
    return (f"“{name}”过大（{size_text}超过草稿文件的上限 {MAX_BYTES / 1024 / 1024:g} MB），"
            "不是本软件能打开的草稿文件。文件没有被改动。")


def loads(data: bytes, name: str = "草稿", limit: int | None = None) -> Report:
    """Parse a draft from bytes; DraftReadError on anything we cannot trust."""
    if len(data) > (MAX_BYTES if limit is None else limit):
        raise DraftReadError(too_large_message(name, len(data)))
    if not data.strip():
        raise DraftReadError(f"“{name}”是空文件，可能在保存时被中断。可尝试打开同名的 .bak 备份文件。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.end == len(data):  # cut off inside a multi-byte character: a truncated save
            raise DraftReadError(f"“{name}”已损坏或不完整，无法读取（文件在末尾被截断）。"
                                 "文件没有被改动；可尝试打开同名的 .bak 备份文件。") from None
        raise DraftReadError(f"“{name}”不是本软件的草稿文件（编码不是 UTF-8）。") from None
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise DraftReadError(f"“{name}”的结构嵌套过深，不是本软件的草稿文件。") from None
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError) and not str(exc).startswith(_REJECTED):
            # Python's own limit on integer digits ("Exceeds the limit (4300 digits) ..."): a
            # number no report can hold.  Say where, in Chinese.
            raise DraftReadError(f"“{name}”含有位数过多的数字（{_long_number_where(text)}），不是有效的年报草稿。"
                                 "文件没有被改动。") from None
        raise DraftReadError(
            f"“{name}”已损坏或不完整，无法读取（{_json_where(exc)}）。"
            "文件没有被改动；可尝试打开同名的 .bak 备份文件。") from None
    if "\\u" in text and not _encodable(obj):
        # "\ud800" escapes half of a UTF-16 pair: Python accepts it, but it can never be saved
        # as UTF-8 again, so the report could not be saved.
        raise DraftReadError(f"“{name}”含有无效的字符（不成对的 Unicode 代理项），不是有效的年报草稿。"
                             "文件没有被改动。")
    return _from_obj(obj, name)


def _encodable(obj) -> bool:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
        return True
    except (UnicodeEncodeError, RecursionError):
        return False


def _json_where(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"第 {exc.lineno} 行第 {exc.colno} 列"
    return str(exc)


def _from_obj(obj, name: str) -> Report:
    def bad(what: str):
        return DraftReadError(f"“{name}”不是有效的年报草稿：{what}。文件没有被改动。")

    if not isinstance(obj, dict):
        raise bad("内容不是一个对象")
    schema = obj.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise bad("缺少版本号（schema）")
    if schema > SCHEMA:
        raise DraftReadError(
            f"“{name}”是由更新版本的{APP_NAME}保存的（草稿版本 {schema}），本版本只能读取版本 {SCHEMA}。"
            f"请升级{APP_NAME}后再打开。文件没有被改动。")
    if schema < 1:
        raise bad(f"版本号 {schema} 无效")
    fid = obj.get("format")
    if not isinstance(fid, str) or fid not in available_formats():
        raise bad(f"格式“{fid}”未知（支持：{'、'.join(available_formats())}）")
    year = obj.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise bad(f"{terms.YEAR}“{year}”无效")
    agency = obj.get("agency", "")
    date = obj.get("date", "")
    if not isinstance(agency, str):
        raise bad(f"{terms.AGENCY}不是文字")
    if not isinstance(date, str) or (date and not _valid_date(date)):
        raise bad(f"日期“{date}”无效，应为 年-月-日")
    texts = obj.get("texts", {})
    if not isinstance(texts, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in texts.items()):
        raise bad("正文部分（texts）格式不对")
    cells_raw = obj.get("cells", {})
    if not isinstance(cells_raw, dict):
        raise bad("表格数据（cells）格式不对")
    units = obj.get("units", {})
    if not isinstance(units, dict) or not all(isinstance(v, str) for v in units.values()):
        raise bad("单位（units）格式不对")
    review = obj.get("review", [])
    if not isinstance(review, list) or not all(isinstance(x, str) for x in review):
        raise bad("待复核列表（review）格式不对")
    dismissed_raw = obj.get("dismissed", [])
    if not isinstance(dismissed_raw, list):
        raise bad("已忽略的提示（dismissed）格式不对")
    try:
        dismissed = [Dismissal.from_json(d) for d in dismissed_raw]
    except ValueError:
        raise bad("已忽略的提示（dismissed）格式不对") from None
    try:
        fmt = load_format(fid)
    except FormatError as exc:
        raise DraftReadError(str(exc)) from None

    # Every unit is kept as written, also for cell ids this format does not know (written back
    # unchanged); the check reports one a cell does not allow, and the exports use only allowed ones.
    report = Report(format_id=fid, year=year, agency=agency, date=date, texts=dict(texts),
                    units=dict(units), review=list(review), dismissed=dismissed)
    for cid, raw in cells_raw.items():
        cell = fmt.cells.get(cid)
        if cell is None:
            report.foreign_cells[cid] = raw  # not ours (another format's id): kept, written back unchanged
            continue
        v = value_from_json(raw, cell.column)
        if v is not None:
            report.cells[cid] = v
    ly = obj.get("last_year")
    if ly is not None:
        ly_texts = ly.get("texts", {}) if isinstance(ly, dict) else None
        if not isinstance(ly, dict) or not isinstance(ly.get("year"), int) \
                or not isinstance(ly.get("cells", {}), dict) or not isinstance(ly_texts, dict) \
                or not all(isinstance(k, str) and isinstance(v, str) for k, v in ly_texts.items()):
            raise bad("上年数据（last_year）格式不对")
        lcells = {}
        for cid, raw in ly.get("cells", {}).items():
            cell = fmt.cells.get(cid)
            v = value_from_json(raw, cell.column) if cell else None
            if v is not None and not isinstance(v, str):
                lcells[cid] = v
        report.last_year = LastYear(ly["year"], lcells, str(ly.get("source", "")), dict(ly_texts))
    if "summary" in obj:
        report.summary = _summary_from_json(obj["summary"])
        if report.summary is None:
            raise bad("汇总来源（summary）格式不对")
    for k, v in obj.items():
        if k not in KNOWN_KEYS:
            report.extra[k] = v
    return report


def summary_to_json(summary: SummaryOf) -> dict:
    return {"units": [_summed_unit_json(u) for u in summary.units], "not_summed": list(summary.not_summed)}


def _summed_unit_json(u: SummedUnit) -> dict:
    out = {"agency": u.agency, "file": u.file, "format": u.format_id}
    if u.units is not None:  # a sum counted as one unit keeps its own list, nested
        out["units"] = [_summed_unit_json(x) for x in u.units]
    return out


# 省 → 市 → 区 → 街道 is four levels; a draft nesting deeper than this was not made by 汇总.
MAX_SUMMARY_DEPTH = 8


def _summary_from_json(raw) -> SummaryOf | None:
    """The `summary` key of a region-wide sum, or None when it is malformed."""
    if not isinstance(raw, dict):
        return None
    units, lines = raw.get("units", []), raw.get("not_summed", [])
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        return None
    parsed = _summed_units_from_json(units, 0)
    return None if parsed is None else SummaryOf(parsed, list(lines))


def _summed_units_from_json(units, depth: int) -> list[SummedUnit] | None:
    if not isinstance(units, list) or depth > MAX_SUMMARY_DEPTH:
        return None
    out = []
    for u in units:
        if not isinstance(u, dict) or not all(isinstance(u.get(k, ""), str)
                                              for k in ("agency", "file", "format")):
            return None
        nested = None
        if "units" in u:  # a sum that went into this one as a unit
            nested = _summed_units_from_json(u["units"], depth + 1)
            if nested is None:
                return None
        out.append(SummedUnit(u.get("agency", ""), u.get("file", ""), u.get("format", ""), nested))
    return out


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
        return True
    except ValueError:  # 2021-02-30, 0000-00-00
        return False


def read_refusal_message(exc: ReadRefused, what: str = "草稿文件") -> str:
    """Chinese for why a draft (or its .bak, a recovery copy) was not read: the whole path named,
    a link called one we did not make, the size against the draft limit."""
    if exc.reason == LINK:
        return f"“{exc.path}”是一个链接，不是本软件创建的{what}，没有读取。"
    if exc.reason == TOO_LARGE:
        return too_large_message(str(exc.path), exc.size)
    return refusal_message(exc, what, shown=str(exc.path))


def read_draft_bytes(path: Path, limit: int | None = None) -> tuple[bytes, FileStamp]:
    """A draft's bytes (bounded, regular files only) and the stamp of exactly those bytes."""
    try:
        data, st = read_regular(Path(path), MAX_BYTES if limit is None else limit)
    except ReadRefused as exc:
        raise DraftReadError(read_refusal_message(exc)) from None
    return data, stamp_of(data, st)


def load_draft_stamped(path: Path) -> tuple[Report, FileStamp]:
    """The report and the stamp (size, mtime, hash) of the file it came from: a save can then tell
    whether the file on disk is still the one this window loaded."""
    path = Path(path)
    data, stamp = read_draft_bytes(path)
    return loads(data, path.name), stamp


def load_draft(path: Path) -> Report:
    return load_draft_stamped(path)[0]


def is_readable_draft(path: Path) -> bool:
    try:
        load_draft(path)
        return True
    except DraftReadError:
        return False


class DraftChangedOnDisk(DraftWriteError):
    """The draft on disk is no longer the one this window loaded or last saved (another window or
    program wrote it): saving would silently replace that version.  The window asks."""

    def __init__(self, path: Path, now: FileStamp):
        when = datetime.datetime.fromtimestamp(now.mtime_ns / 1e9).strftime("%H:%M:%S") \
            if 0 < now.mtime_ns < 32503680000 * 10**9 else "不久前"
        super().__init__(f"“{path}”在本窗口打开之后已被其他窗口或程序修改（{when}）。直接保存会覆盖那些修改。")
        self.path, self.now = path, now


def save_target(path: Path) -> Path:
    """The file a save of `path` writes.  A draft that is a symbolic link is saved through to its
    target, so the link stays a link and the target never goes stale; a link whose target is
    missing or not a regular file is refused with the reason."""
    path = Path(path)
    if not os.path.islink(path):
        return path
    target = real_path(path)
    if not target.exists():
        raise DraftWriteError(f"“{path}”是指向“{target}”的链接，但链接的目标不存在，无法保存。"
                              "请用“另存为”保存到新文件。")
    if not target.is_file():
        raise DraftWriteError(f"“{path}”是指向“{target}”的链接，但链接的目标不是普通文件，无法保存。"
                              "请用“另存为”保存到新文件。")
    return target


def save_draft(path: Path, report: Report, replace_foreign: bool = False, keep_backup: bool = True,
               expect: FileStamp | None = None) -> FileStamp:
    """Save atomically, keeping the previous version as <name>.bak; returns the new file's stamp.

    An existing file that is not a readable draft is never overwritten, unless the clerk chose
    to replace it (replace_foreign, after the Save As dialog's own question).  With `expect`
    (the stamp of the file as this window loaded or last saved it), a file that has changed
    since raises DraftChangedOnDisk and is left as it is.  A report larger than the limit every
    draft is read with is refused before anything is written (DraftTooLarge).
    """
    data = dumps(report)
    check_size(data)
    path = save_target(Path(path))
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # a name too long for the file system, a folder we may not look into
        raise DraftWriteError(write_message(path, exc)) from exc
    if is_dir:
        raise DraftWriteError(f"“{path}”是文件夹，无法保存为草稿。")
    if exists:
        try:
            old, old_stamp = read_draft_bytes(path)
            loads(old, path.name)
            readable = True
        except DraftReadError:
            old_stamp, readable = None, False
        if expect is not None and not expect.same_content(old_stamp):
            if old_stamp is None:
                old_stamp = _stamp_without_reading(path)
            raise DraftChangedOnDisk(path, old_stamp)
        if not readable:
            if not replace_foreign:
                raise DraftWriteError(
                    f"“{path}”不是可读取的年报草稿（可能已损坏或来自更新版本），为免覆盖，没有保存。"
                    "请用“另存为”保存到新文件。")
            keep_backup = False
    write_atomic(path, data, keep_backup=keep_backup)
    try:
        st = os.stat(path)
    except OSError:
        st = None
    return stamp_of(data, st)


def _stamp_without_reading(path: Path) -> FileStamp:
    try:
        st = os.stat(path)
        return FileStamp(st.st_size, st.st_mtime_ns, "")
    except OSError:
        return FileStamp(-1, 0, "")


def load_with_backup(path: Path) -> tuple[Report, bool]:
    """Load a draft, falling back to its .bak; returns (report, came_from_backup)."""
    try:
        return load_draft(path), False
    except DraftReadError as first:
        bak = backup_path(Path(path))
        if bak.exists():
            try:
                return load_draft(bak), True
            except DraftReadError:
                pass
        raise first
