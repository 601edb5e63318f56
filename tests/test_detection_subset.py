"""The fast subset of the detection benchmark (benchmarks/detection.py --fast) as a CI floor.

At most 3 injections per error family and document (fixed seed). Thresholds were set from what
the fast subset reached when this test was written (noted per family), lowered a little for
stability: raise them as rules improve, never lower them to make a regression pass.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "detection.py"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")]

# family group: (families, minimum recall); measured on the fast subset in brackets
FLOORS = {
    "percentages": (("percent-ulp", "percent-10pct", "percent-10x", "percent-swap"), 0.85),  # [57/60 = 95%]
    "table cells": (("table-cell",), 0.80),  # [14/15 = 93%]
    "narrative amounts": (("narrative-amount",), 0.60),  # [13/18 = 72%]
    "direction words": (("direction",), 0.75),  # [11/13 = 85%]
    "years": (("year",), 0.25),  # [5/16 = 31%]
    "performance tables": (("perf-qualitative", "perf-score"), 0.80),  # [16/18 = 89%]
    "direction sentences": (("relation",), 0.90),  # [21/21 = 100%]
    "budget change rates": (("budget-rate",), 0.90),  # [3/3 = 100%]
    "repeated amounts": (("repeated-amount",), 0.90),  # [6/6 = 100%]
    "class names": (("class-name",), 0.90),  # [30/30 = 100%]
    "zero bases": (("zero-base",), 0.90),  # [11/11 = 100%]
    "三公 narrative details": (("three-public-detail",), 0.90),  # [3/3 = 100%]
    "SME shares by procurement type": (("sme-share",), 0.90),  # [2/2 = 100%]
}
OVERALL_FLOOR = 0.75  # [116/140 = 83%] (all families)


@pytest.fixture(scope="module")
def results() -> list:
    spec = importlib.util.spec_from_file_location("detection_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module.run(fast=True)


def _recall(results: list, families: tuple[str, ...]) -> tuple[int, int]:
    outcomes = [o for r in results for o in r.outcomes if o.family in families]
    return sum(o.detected for o in outcomes), len(outcomes)


@pytest.mark.parametrize("group", sorted(FLOORS))
def test_recall_per_family_group(results: list, group: str) -> None:
    families, floor = FLOORS[group]
    hit, total = _recall(results, families)
    assert total, f"no injection for {group}: the parser no longer finds such places"
    assert hit / total >= floor, f"{group}: recall {hit}/{total} below {floor:.0%}"


def test_overall_recall(results: list) -> None:
    hit, total = _recall(results, tuple(f for families, _ in FLOORS.values() for f in families))
    assert hit / total >= OVERALL_FLOOR, f"overall recall {hit}/{total} below {OVERALL_FLOOR:.0%}"


def test_every_document_was_injected(results: list) -> None:
    assert all(r.outcomes for r in results), [r.name for r in results if not r.outcomes]


def test_fixtures_have_no_false_positive(results: list) -> None:
    """The fixtures are consistent excerpts: only the expected missing-table findings."""
    assert {r.name: r.false_positives for r in results if r.name.startswith("fixture-")} == {
        "fixture-archives.txt": 0, "fixture-budget.txt": 0, "fixture-items.txt": 0, "fixture-three-public.txt": 0,
        "fixture-water.tsv": 0}


def test_no_internal_error_on_injected_documents(results: list) -> None:
    broken = sorted({(o.doc, o.family, o.line, code) for r in results for o in r.outcomes for code in o.internal})
    assert not broken, f"rules raised (FL000) on injected documents: {broken}"
