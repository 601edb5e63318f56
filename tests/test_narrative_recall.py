"""Recall of the narrative rules on real reports: inject errors at claims the linter parsed and
found correct, and check that a finding of the right code appears at the injected place.

Kinds of injection: a share %, an execution %, a change % (each moved well outside rounding),
an 增加↔减少 swap of a change's amount word, and a breakdown part raised by half its total.
Skips when the development corpus (../shared/corpus) is absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from fiscallint.ast import BreakdownClaim, ChangeClaim, ExecutionClaim, Report, ShareClaim, Span
from fiscallint.denominators import Denominators
from fiscallint.engine import lint_report, read_source
from fiscallint.findings import Finding
from fiscallint.model import Model
from fiscallint.numbers import fmt
from fiscallint.parser import parse_source
from fiscallint.registry import all_rules
from fiscallint.source import SourceText

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "text"
TEXTS = sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []
RULES = [cls for code, cls in all_rules().items() if code.startswith("FL1")]
SWAP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
MIN_RECALL = Decimal("0.95")  # measured on the corpus: see docs/corpus-findings-narrative.md


@dataclass
class Injection:
    kind: str
    span: Span
    old: str
    new: str
    codes: tuple[str, ...]
    lines: range


def lint(path: str, text: str) -> tuple[Report, list[Finding]]:
    report = parse_source(SourceText(path, text, "utf-8", read_source(path).shape))
    return report, lint_report(report, RULES)


def at(text_lines: list[str], span: Span) -> str:
    return text_lines[span.line - 1][span.column - 1:span.end_column - 1] if span.line == span.end_line else ""


def moved(text: str) -> str:
    value = Decimal(text.replace(",", "").translate(str.maketrans("−－", "--")))
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return fmt(value + max(Decimal(5), abs(value) / 5), decimals)


def injections(report: Report, findings: list[Finding]) -> list[Injection]:
    """Injections at claims that are checkable (their figures resolve) and were not flagged."""
    flagged = {f.span.line for f in findings}
    resolver = Denominators(report, Model(report))
    found: list[Injection] = []
    for claim in report.claims():
        lines = range(claim.span.line, claim.span.end_line + 1)
        if flagged & set(lines):
            continue
        if isinstance(claim, (ShareClaim, ExecutionClaim, ChangeClaim)) and claim.percent is not None and resolver.checks(claim):
            n = claim.percent
            code = {"share": "FL101", "execution": "FL102", "change": "FL103"}[claim.kind]
            found.append(Injection(claim.kind, n.span, n.text, moved(n.text), (code,), lines))
        if isinstance(claim, ChangeClaim):
            delta, percent, word = claim.delta, claim.percent, claim.delta_word
            if word in SWAP and delta is not None and percent is not None and delta.value and percent.value:
                span = Span(claim.span.line, claim.span.column, claim.span.line, claim.span.column + len(word))
                found.append(Injection("direction", span, word, SWAP[word], ("FL104",), lines))
        if isinstance(claim, BreakdownClaim) and len(claim.parts) >= 2:
            part = claim.parts[0].value
            raised = fmt(part.value + claim.total.value / 2 + 1, max(2, part.decimals))
            where = range(claim.span.line, claim.parts[-1].span.end_line + 1)
            found.append(Injection("breakdown", part.span, part.text, raised, ("FL105", "FL106"), where))
    return found


def apply(text: str, inj: Injection) -> str | None:
    lines = text.split("\n")
    if at(lines, inj.span) != inj.old:
        return None
    line = lines[inj.span.line - 1]
    lines[inj.span.line - 1] = line[:inj.span.column - 1] + inj.new + line[inj.span.end_column - 1:]
    return "\n".join(lines)


def measure(path: Path) -> tuple[int, int, list[Injection]]:
    text = read_source(str(path)).text
    report, baseline = lint(str(path), text)
    before = {(f.code, f.span.line) for f in baseline}
    total = hit = 0
    missed: list[Injection] = []
    for inj in injections(report, baseline):
        changed = apply(text, inj)
        if changed is None:
            continue
        total += 1
        _, after = lint(str(path), changed)
        new = {(f.code, f.span.line) for f in after} - before
        if any(code in inj.codes and line in inj.lines for code, line in new):
            hit += 1
        else:
            missed.append(inj)
    return total, hit, missed


@pytest.mark.skipif(not TEXTS, reason="development corpus not present")
@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_injected_errors_are_found(path: Path) -> None:
    total, hit, missed = measure(path)
    if total == 0:
        pytest.skip("no checkable narrative claims in this report")
    recall = Decimal(hit) / Decimal(total)
    assert recall >= MIN_RECALL, f"recall {hit}/{total}; missed: {[(m.kind, m.span.line, m.old, m.new) for m in missed]}"
