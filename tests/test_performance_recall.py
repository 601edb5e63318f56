"""Recall of FL401–FL408 on the real corpus: errors injected into in-memory copies must be found.

Each injection edits one printed figure or word of a performance table (located through the AST,
so nothing here depends on the corpus' wording) and expects its rule to fire on that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from fiscallint.ast import Report, Span
from fiscallint.parser import parse_source
from fiscallint.parser.performance import comparable, is_rate_name
from fiscallint.source import read_text_source
from fiscallint.testing import lint_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "text"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not present")]


@dataclass
class Injection:
    code: str
    span: Span
    replacement: str
    what: str


def replace(lines: list[str], span: Span, text: str) -> str:
    copy = list(lines)
    line = copy[span.line - 1]
    copy[span.line - 1] = line[: span.column - 1] + text + line[span.end_column - 1 :]
    return "\n".join(copy)


def bump(value: Decimal, decimals: int, by: int) -> str:
    return f"{(value + by).quantize(Decimal(1).scaleb(-decimals)):f}"


def injections(report: Report) -> list[Injection]:
    found: list[Injection] = []
    for table in report.performance:
        funding = table.funding
        if funding and funding.budget and funding.actual and funding.rate and funding.budget.value:
            rate = funding.rate
            found.append(Injection("FL401", rate.span, bump(rate.value, rate.decimals, -9), "执行率 changed"))
        if funding and funding.weight and funding.rate and funding.score:
            score = funding.score
            found.append(Injection("FL402", score.span, bump(score.value, score.decimals, -3), "资金得分 changed"))
        scored = table.indicators and all(i.score is not None for i in table.indicators)
        if scored and table.total_score is not None:
            total = table.total_score
            found.append(Injection("FL403", total.span, bump(total.value, total.decimals, -7), "总分 changed"))
            found.append(Injection("FL403", total.span, bump(total.value, total.decimals, 2), "总分 off by 2"))
        if table.grade and table.grade_span:
            found.append(Injection("FL404", table.grade_span, "差" if table.grade != "差" else "优", "grade flipped"))
        for indicator in table.indicators:
            actual = indicator.actual
            if actual is not None and actual.number is not None and is_rate_name(indicator.name):
                found.append(Injection("FL405", actual.span, "显著", f"{indicator.name}: value made qualitative"))
            target = indicator.target
            if (target and actual and comparable(target, actual) and target.op in ("≥", ">") and indicator.weight
                    and indicator.score and indicator.score.value == indicator.weight.value and target.number
                    and actual.number and target.number.value >= 2 and actual.op is None and not actual.is_percent):
                found.append(Injection("FL408", actual.number.span, "1", f"{indicator.name}: actual below target"))
    return found


def test_injected_errors_are_found() -> None:
    total = detected = 0
    missed: list[str] = []
    for path in sorted(CORPUS.iterdir()):
        source = read_text_source(str(path))
        report = parse_source(source)
        for injection in injections(report):
            text = replace(report.lines, injection.span, injection.replacement)
            findings = lint_text(text, select=[injection.code], path=str(path))
            total += 1
            if any(f.code == injection.code and f.span.line == injection.span.line for f in findings):
                detected += 1
            else:
                missed.append(f"{path.name}:{injection.span.line} {injection.code} {injection.what}")
    recall = detected / total if total else 0.0
    print(f"\nperformance recall: {detected}/{total} = {recall:.0%}; missed: {missed}")
    assert total >= 20
    assert recall >= 0.9, missed
