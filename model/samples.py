"""The reports shipped with the app (resources/samples/).

- the sample: a complete report of a fictional agency (示例街道), in the 2021 format, with
  plausible numbers, last year's report beside it, no error and no warning.  It is what
  「打开示例报告」 opens: the app at its best.
- the seed: a real published 2021 report of a 街道 (extracted from its web page, tables partly
  illegible), kept as the real thing it is: in the 2019 trial format, with blanks and warnings.

Both are built by tools/make_sample.py.
"""

from __future__ import annotations

from pathlib import Path

from model.paths import resource_path

SAMPLE_NAME = "示例街道2024年报告（示例）.gknb"
SEED_NAME = "南山区六号街道2021年报告（真实报告）.gknb"


def sample_path() -> Path:
    return resource_path("samples", SAMPLE_NAME)


def seed_path() -> Path:
    return resource_path("samples", SEED_NAME)
