"""Fuzzing the draft file door: whatever bytes a .gknb holds, opening it never crashes.

load_draft either returns a Report whose every value has a type the rest of the app handles, or
raises DraftReadError with a Chinese message — never anything else — and the file on disk is
untouched.  A report that loads can be checked, saved and loaded again unchanged.

Example counts are kept small for CI (the whole fuzz suite runs in well under two minutes);
NIANBAO_FUZZ_EXAMPLES=2000 python3 -m pytest tests/test_fuzz_draft.py  runs a larger count.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.checks import check_report
from model.draft_io import dumps, load_draft, loads, save_draft
from model.errors import DraftReadError
from model.formats import available_formats, load_format
from model.report import Report
from model.samples import seed_path
from model.values import MAX_ABS, KeptJson, display, is_number

SAMPLE = seed_path()
SAMPLE_BYTES = SAMPLE.read_bytes()
SAMPLE_OBJ = json.loads(SAMPLE_BYTES)
CJK = re.compile(r"[\u4e00-\u9fff]")


def fuzz(default: int):
    """CI-sized example count, or NIANBAO_FUZZ_EXAMPLES for a long run."""
    n = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "0")) or default
    return settings(max_examples=n, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# -- what "loads correctly or refuses cleanly" means ---------------------------------------------
def assert_valid_report(r: Report) -> None:
    """Every field has a type the window, the checks and the exports are written for."""
    assert r.format_id in available_formats()
    assert type(r.year) is int and 2000 <= r.year <= 2200
    assert isinstance(r.agency, str)
    assert r.date == "" or datetime.date.fromisoformat(r.date).isoformat() == r.date, r.date
    assert all(type(k) is str and type(v) is str for k, v in r.texts.items())
    fmt = load_format(r.format_id)
    for cid, v in r.cells.items():
        assert cid in fmt.cells
        assert type(v) in (int, Decimal, str, KeptJson), (cid, v)  # KeptJson: a list/object kept exactly
        if isinstance(v, Decimal):
            assert v.is_finite(), (cid, v)
        if is_number(v):
            assert abs(v) <= MAX_ABS, f"{cid}: {v} accepted though larger than any cell may hold"
    assert all(type(k) is str and type(v) is str for k, v in r.units.items())  # all kept, checked by unit_of
    assert all(type(x) is str for x in r.review)
    if r.last_year is not None:
        assert type(r.last_year.year) is int
        for v in r.last_year.cells.values():
            assert is_number(v) and (not isinstance(v, Decimal) or v.is_finite())
    for v in r.values().values():  # totals compute, and every value displays
        assert v is None or type(v) in (int, Decimal, str, KeptJson)
        display(v)
    assert r.title


def assert_chinese_message(exc: Exception) -> None:
    msg = str(exc)
    assert CJK.search(msg), msg
    assert "Traceback" not in msg


def open_like_the_app(path: Path, tmp_path: Path) -> Report | None:
    """Open a file as the window does; check everything a clerk would then do with it."""
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    try:
        report = load_draft(path)
    except DraftReadError as exc:
        assert_chinese_message(exc)
        report = None
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime, "opening changed the file"
    if report is None:
        return None
    assert_valid_report(report)
    check_report(report)
    again = tmp_path / "再次保存.gknb"
    if again.exists():
        again.unlink()
    save_draft(again, report)
    reloaded = load_draft(again)
    assert dumps(reloaded) == dumps(report), "save → load changed the report"
    return report


def write(tmp_path: Path, data: bytes) -> Path:
    p = tmp_path / "被测草稿.gknb"
    p.write_bytes(data)
    return p


# -- strategies ------------------------------------------------------------------------------------
numbers = st.one_of(
    st.integers(), st.integers(min_value=-10**50, max_value=10**50),
    st.sampled_from([0, -1, 2**31, -2**63, 10**12, 10**12 + 1, 10**300, -10**300]),
    st.floats(allow_nan=True, allow_infinity=True),
)
number_texts = st.one_of(
    st.from_regex(r"\A[+-]?[0-9０-９,，.．]{0,20}(万元|元|件|项|e5|E-3)?\Z"),
    st.sampled_from(["NaN", "nan", "Infinity", "-Infinity", "1e999", "0x10", "١٢٣", "12a", "—",
                     "-", "", " ", "1_000", "99999999999999999999", "-0", "0.000001", "1.", ".5"]),
)
json_scalar = st.one_of(st.none(), st.booleans(), numbers, number_texts, st.text(max_size=30))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)


def encode(obj, ensure_ascii: bool) -> bytes:
    # allow_nan writes NaN / Infinity literals, which strict JSON forbids but Python emits
    return json.dumps(obj, ensure_ascii=ensure_ascii, allow_nan=True).encode("utf-8", "surrogatepass")


@st.composite
def mutated_drafts(draw):
    """The sample draft with a few fields replaced by anything, removed, or added."""
    obj = copy.deepcopy(SAMPLE_OBJ)
    cell_ids = list(load_format("2019").cells) + list(load_format("2021").cells)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.sampled_from(["top", "cell", "cell", "text", "unit", "last_year", "review", "del"]))
        value = draw(json_value)
        if where == "top":
            obj[draw(st.sampled_from(sorted(obj) + ["schema", "format", "year", "date", "新字段"]))] = value
        elif where == "cell":
            obj.setdefault("cells", {})
            if isinstance(obj["cells"], dict):
                obj["cells"][draw(st.sampled_from(cell_ids))] = draw(st.one_of(numbers, number_texts, json_value))
        elif where == "text":
            if isinstance(obj.get("texts"), dict):
                obj["texts"][draw(st.sampled_from(["s1", "s2", "s6", "preamble", "未知"]))] = value
        elif where == "unit":
            obj["units"] = {draw(st.sampled_from(cell_ids)): value}
        elif where == "last_year":
            obj["last_year"] = draw(st.one_of(json_value, st.fixed_dictionaries(
                {"year": st.one_of(numbers, json_value),
                 "cells": st.dictionaries(st.sampled_from(cell_ids), st.one_of(numbers, number_texts))})))
        elif where == "review":
            obj["review"] = draw(st.one_of(json_value, st.lists(st.text(max_size=5))))
        elif where == "del":
            if obj:
                obj.pop(draw(st.sampled_from(sorted(obj))))
    return encode(obj, draw(st.booleans()))


# -- properties ------------------------------------------------------------------------------------
@fuzz(150)
@given(data=mutated_drafts())
def test_a_damaged_draft_loads_cleanly_or_is_refused(tmp_path_factory, data):
    open_like_the_app(write(tmp_path_factory.mktemp("d"), data), tmp_path_factory.mktemp("s"))


@fuzz(100)
@given(obj=json_value, ascii_only=st.booleans())
def test_any_json_is_refused_or_loaded(tmp_path_factory, obj, ascii_only):
    open_like_the_app(write(tmp_path_factory.mktemp("d"), encode(obj, ascii_only)), tmp_path_factory.mktemp("s"))


@fuzz(100)
@given(data=st.one_of(st.binary(max_size=400),
                      st.binary(max_size=64).map(lambda b: SAMPLE_BYTES[:300] + b + SAMPLE_BYTES[300:])))
def test_random_bytes_are_refused_or_loaded(tmp_path_factory, data):
    open_like_the_app(write(tmp_path_factory.mktemp("d"), data), tmp_path_factory.mktemp("s"))


@fuzz(60)
@given(pos=st.integers(0, len(SAMPLE_BYTES) - 1), byte=st.integers(0, 255))
def test_one_flipped_byte(tmp_path_factory, pos, byte):
    data = bytearray(SAMPLE_BYTES)
    data[pos] = byte
    open_like_the_app(write(tmp_path_factory.mktemp("d"), bytes(data)), tmp_path_factory.mktemp("s"))


# -- deterministic sweeps -------------------------------------------------------------------------
def test_truncation_at_every_byte_of_a_real_draft():
    """A save cut short anywhere: refused with the 'damaged or incomplete, try the .bak' message."""
    full = dumps(loads(SAMPLE_BYTES))
    loaded = refused = 0
    for n in range(len(SAMPLE_BYTES)):
        try:
            r = loads(SAMPLE_BYTES[:n], "草稿.gknb")
        except DraftReadError as exc:
            msg = str(exc)
            assert ".bak" in msg, f"cut at byte {n}: {msg}"  # the clerk is told where to look
            refused += 1
            continue
        assert dumps(r) == full, f"cut at byte {n} loaded as a different report"
        loaded += 1
    assert refused >= len(SAMPLE_BYTES) - 2 and loaded <= 2  # only the trailing "\n" may go


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "big5", "utf-8-sig"])
def test_other_encodings(tmp_path, encoding):
    text = SAMPLE_BYTES.decode("utf-8")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, "replace")
    r = open_like_the_app(write(tmp_path, data), tmp_path)
    if encoding == "utf-8-sig":  # a BOM from Notepad is harmless
        assert r is not None and dumps(r) == dumps(loads(SAMPLE_BYTES))
    else:
        assert r is None


@pytest.mark.parametrize("depth", [10, 500, 900, 990, 1000, 5000, 200_000])
@pytest.mark.parametrize("where", ["whole", "extra", "cell"])
def test_deep_nesting(tmp_path, depth, where):
    nest = "[" * depth + "]" * depth
    if where == "whole":
        data = nest.encode()
    else:
        obj = copy.deepcopy(SAMPLE_OBJ)
        if where == "extra":
            obj["嵌套"] = "@@"
        else:
            obj["cells"][next(iter(obj["cells"]))] = "@@"
        data = json.dumps(obj, ensure_ascii=False).replace('"@@"', nest).encode()
    open_like_the_app(write(tmp_path, data), tmp_path)


@pytest.mark.parametrize("raw", ["\\ud800", "\\udfff", "a\\udc80b", "\\ud83d"])
@pytest.mark.parametrize("where", ["agency", "text", "cell", "extra"])
def test_lone_surrogate_escapes(tmp_path, raw, where):
    """JSON may escape half of a UTF-16 pair; such text cannot be saved as UTF-8 again."""
    obj = copy.deepcopy(SAMPLE_OBJ)
    marker = '"@@"'
    if where == "agency":
        obj["agency"] = "@@"
    elif where == "text":
        obj["texts"]["s1"] = "@@"
    elif where == "cell":
        obj["cells"][next(iter(obj["cells"]))] = "@@"
    else:
        obj["备注"] = "@@"
    data = json.dumps(obj, ensure_ascii=False).replace(marker, f'"{raw}"').encode()
    open_like_the_app(write(tmp_path, data), tmp_path)


ODD_NUMBERS = {"1e13": 10**13, "-1e13": -10**13, "1e400": 10**400, "1e4000": 10**4000, "float 1e308": 1e308,
               "text 1e400": "1e400", "text 20 nines": "99999999999999999999", "tiny": "-0.0000000001",
               "bool": True, "-0": -0.0}


@pytest.mark.parametrize("name", ODD_NUMBERS)
def test_huge_and_odd_numbers_in_cells(tmp_path, name):
    obj = copy.deepcopy(SAMPLE_OBJ)
    cid = next(iter(obj["cells"]))
    obj["cells"][cid] = ODD_NUMBERS[name]
    r = open_like_the_app(write(tmp_path, encode(obj, False)), tmp_path)
    assert r is not None
    v = r.cells[cid]
    if not (is_number(v) and abs(v) <= MAX_ABS and v >= 0):
        # anything the clerk could not have typed is flagged on its own cell
        assert any(cid in f.cells and f.severity == "error" for f in check_report(r)), v


@pytest.mark.parametrize("date", ["2021-13-45", "2021-02-30", "0000-00-00", "2021-01-01\n",
                                  "２０２１-０１-０１", "٢٠٢١-٠١-٠١", "2021-1-1", "20210101"])
def test_impossible_dates_are_refused(tmp_path, date):
    obj = copy.deepcopy(SAMPLE_OBJ)
    obj["date"] = date
    assert open_like_the_app(write(tmp_path, encode(obj, False)), tmp_path) is None


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_literals_are_refused(tmp_path, literal):
    data = SAMPLE_BYTES.replace(b'"year": 2021', b'"year": ' + literal.encode())
    assert data != SAMPLE_BYTES
    assert open_like_the_app(write(tmp_path, data), tmp_path) is None
    obj = copy.deepcopy(SAMPLE_OBJ)
    obj["cells"][next(iter(obj["cells"]))] = float(literal)
    assert open_like_the_app(write(tmp_path, encode(obj, False)), tmp_path) is None


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    p = tmp_path / "大.gknb"
    with open(p, "wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: 60 MB of zeros
    with pytest.raises(DraftReadError):
        load_draft(p)


def test_the_sample_itself_round_trips(tmp_path):
    r = open_like_the_app(SAMPLE, tmp_path)  # loads, checks, saves and loads back identical
    assert r is not None, "the shipped sample was refused"
    raw = json.loads(SAMPLE_BYTES)  # what the file says, read without the loader
    assert (r.format_id, r.year, r.agency, r.date) == (raw["format"], raw["year"], raw["agency"], raw["date"])
    assert {k: str(v) for k, v in r.cells.items()} == {k: str(v) for k, v in raw["cells"].items()}
    assert {k: r.text(k) for k in raw["texts"]} == raw["texts"]
