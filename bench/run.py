"""Run every benchmark and print one table.

    python3 bench/run.py                  all bench/bench_*.py modules, 5 repeats each
    python3 bench/run.py --repeats 9      more repeats (steadier medians, slower)
    python3 bench/run.py core memory      only bench_core.py and bench_memory.py
    python3 bench/run.py --json out.json  also write the figures as JSON (for docs/reliability.md)

Each module exposes `run(repeats) -> list[Result]` (bench/common.py).  Every figure is a median,
and every ratio compares against a baseline measured in the same run on the same machine.  A
module that is missing, fails to import or fails while running gets one clear line in the table
instead of a traceback, and the others still run; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Result  # noqa: E402

BENCH_DIR = ROOT / "bench"


def discover() -> list[str]:
    """Module names (without the bench_ prefix), in a stable order."""
    return sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cols: int, right: bool = False) -> str:
    fill = " " * max(cols - width(text), 0)
    return fill + text if right else text + fill


def run_module(name: str, repeats: int) -> tuple[list[Result], str, float]:
    """(results, problem, seconds): problem is one line, "" when the module ran."""
    t = time.perf_counter()
    try:
        module = importlib.import_module(f"bench.bench_{name}")
    except ModuleNotFoundError as exc:
        missing = exc.name or "?"
        what = "module not found" if missing == f"bench.bench_{name}" else f"needs {missing}, not installed"
        return [], f"bench_{name}: {what}", time.perf_counter() - t
    except Exception as exc:  # noqa: BLE001 - any import failure becomes one line
        return [], f"bench_{name}: import failed: {type(exc).__name__}: {_one_line(exc)}", time.perf_counter() - t
    if not callable(getattr(module, "run", None)):
        return [], f"bench_{name}: has no run(repeats) function", time.perf_counter() - t
    try:
        results = list(module.run(repeats))
    except Exception as exc:  # noqa: BLE001
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [], (f"bench_{name}: failed: {type(exc).__name__}: {_one_line(exc)} "
                    f"({Path(where.filename).name}:{where.lineno})"), time.perf_counter() - t
    bad = [r for r in results if not isinstance(r, Result)]
    if bad:
        return [], f"bench_{name}: run() returned something other than Result objects", time.perf_counter() - t
    return results, "", time.perf_counter() - t


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:160] + ("…" if len(text) > 160 else "")


def _num(v: float) -> str:
    """Two decimals, or three significant digits for small figures (0.0123 ms, not 0.01)."""
    return f"{v:.2f}" if abs(v) >= 1 or v == 0 else f"{v:.3g}"


def format_table(rows: list[tuple[str, list[Result], str, float]]) -> str:
    head = ("measure", "median", "baseline (same run)", "ratio", "aim")
    lines = []
    cells = []
    for name, results, problem, _secs in rows:
        if problem:
            cells.append(None)
            lines.append(("problem", problem))
            continue
        for r in results:
            base = f"{r.baseline_name} {_num(r.baseline)} {r.unit}" if r.baseline is not None else ""
            ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
            cells.append((r.name, f"{_num(r.median)} {r.unit}", base, ratio, r.aim))
            lines.append(("row", cells[-1]))
    rows_only = [c for c in cells if c is not None]
    w = [max([width(head[i])] + [width(c[i]) for c in rows_only]) for i in range(5)]
    out = ["  ".join(pad(h, w[i], right=i in (1, 3)) for i, h in enumerate(head)),
           "  ".join("-" * w[i] for i in range(5))]
    for kind, data in lines:
        if kind == "problem":
            out.append(f"!! {data}")
        else:
            out.append("  ".join(pad(v, w[i], right=i in (1, 3)) for i, v in enumerate(data)).rstrip())
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run every bench/bench_*.py and print one table.")
    ap.add_argument("only", nargs="*", help="module names without bench_ (default: all)")
    ap.add_argument("--repeats", type=int, default=5, help="repeats per measure (median), default 5")
    ap.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = ap.parse_args(argv)
    names = args.only or discover()
    rows = []
    for name in names:
        print(f"running bench_{name} …", file=sys.stderr, flush=True)
        results, problem, secs = run_module(name, args.repeats)
        rows.append((name, results, problem, secs))
    print(f"年报助手 benchmarks — {time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, repeats {args.repeats}")
    print(format_table(rows))
    if args.json:
        args.json.write_text(json.dumps({
            "date": time.strftime("%Y-%m-%dT%H:%M:%S"), "repeats": args.repeats,
            "python": platform.python_version(), "platform": platform.platform(),
            "modules": [{"module": f"bench_{n}", "seconds": round(s, 1), "problem": p,
                         "results": [{"name": r.name, "median": r.median, "unit": r.unit,
                                      "baseline_name": r.baseline_name, "baseline": r.baseline,
                                      "ratio": r.ratio, "aim": r.aim} for r in res]}
                        for n, res, p, s in rows]}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(p for _, _, p, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
