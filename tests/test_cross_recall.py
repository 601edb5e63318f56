"""Recall of the cross-table and document rules on the real reports, with injected errors.

Each case finds a figure or a year through the parsed report (never by corpus text), changes
it in an in-memory copy and checks the rule now reports it. Skips without ../shared/corpus.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest

from fiscallint.ast import AmountClaim, Number, Span
from fiscallint.facts import first_value, three_column_total
from fiscallint.model import Model
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape
from fiscallint.subjects import norm_label
from fiscallint.testing import lint_text

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "text"
FILES = sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not FILES, reason="the shared corpus is not available")]

Target = Callable[[Model], "tuple[Span, str] | None"]


def _bump(number: Number | None, by: str = "1") -> tuple[Span, str] | None:
    if number is None or number.text == "（空）":
        return None
    value = number.value + Decimal(by)
    return number.span, f"{value:.{number.decimals}f}"


def _three_public(model: Model) -> tuple[Span, str] | None:
    if model.three_public_table is None:
        return None
    return _bump(model.three_public.values.get(("actual", "total")))


def _year(kind: str, delta: int) -> Target:
    def target(model: Model) -> tuple[Span, str] | None:
        mentions = [m for m in model.year_mentions if m.kind == kind]
        if kind == "self" and len(mentions) < 2:
            return None  # a lone self-mention has nothing to disagree with
        return (mentions[0].span, str(mentions[0].year + delta)) if mentions else None

    return target


def _row(number: str, label: str) -> Target:
    return lambda model: _bump(first_value(model.row_by_label(number, label)))


def _functional_row(model: Model) -> tuple[Span, str] | None:
    table03 = model.table("03")
    classes = {norm_label(r.label) for r in table03.rows if r.level == 1} if table03 else set()
    table01 = model.table("01")
    row = next((r for r in table01.rows if norm_label(r.label) in classes), None) if table01 else None
    return _bump(first_value(row))


def _running_costs(model: Model) -> tuple[Span, str] | None:
    """机关运行经费 raised above the 公用经费合计 it is a part of."""
    public = model.row_by_label("06", "公用经费合计")
    if public is None or not public.cells:
        return None
    claim = next((c for c in model.report.claims() if isinstance(c, AmountClaim) and "机关运行经费" in c.context), None)
    if claim is None:
        return None
    said = claim.value
    return _bump(said, str(public.cells[0].number.value - said.value + 5))


def _vehicles(model: Model) -> tuple[Span, str] | None:
    item = next((b for b in model.count_breakdowns if b.unit == "辆"), None)
    return (item.total.span, str(item.total.value + 1)) if item else None


def _sme(model: Model) -> tuple[Span, str] | None:
    claims = [c for c in model.report.claims() if isinstance(c, AmountClaim)]
    total = next((c for c in claims if "政府采购支出总额" in c.context), None)
    sme = next((c for c in claims if "中小企业合同金额" in c.context and "小微" not in c.context), None)
    if total is None or sme is None:
        return None
    return _bump(sme.value, str(total.value.value + 1 - sme.value.value))


CASES: list[tuple[str, str, Target]] = [
    ("三公 narrative 决算 total", "FL307", _three_public),
    ("comparison year", "FL502", _year("compare", -1)),
    ("report's own year", "FL501", _year("self", -1)),
    ("01 本年收入合计", "FL301", _row("01", "本年收入合计")),
    ("01 本年支出合计", "FL302", _row("01", "本年支出合计")),
    ("01 functional row", "FL303", _functional_row),
    ("06 公用经费合计", "FL306", lambda m: _row("06", "公用经费合计")(m) if three_column_total(m.table("05")) else None),
    ("机关运行经费 narrative", "FL308", _running_costs),
    ("vehicle count", "FL507", _vehicles),
    ("中小企业 > 采购总额", "FL506", _sme),
]


def _replace(text: str, span: Span, new: str) -> str:
    lines = text.split("\n")
    line = lines[span.line - 1]
    lines[span.line - 1] = line[: span.column - 1] + new + line[span.end_column - 1 :]
    return "\n".join(lines)


def _run_cases() -> tuple[int, int, list[str]]:
    injected = detected = 0
    missed: list[str] = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        report = parse_source(SourceText(str(path), text, "utf-8", detect_shape(str(path), text)))
        model = Model(report)
        for name, code, target in CASES:
            found = target(model)
            if found is None:
                continue
            span, new = found
            before = {(f.span, f.message) for f in lint_text(text, [code], str(path)) if f.code == code}
            after = [f for f in lint_text(_replace(text, span, new), [code], str(path)) if f.code == code]
            injected += 1
            hit = any(
                (f.span, f.message) not in before
                and (f.span.line == span.line or any(r.span.line == span.line for r in f.related))
                for f in after
            )
            detected += hit
            if not hit:
                missed.append(f"{path.name}: {name} ({code})")
    return injected, detected, missed


def test_injected_errors_are_found() -> None:
    injected, detected, missed = _run_cases()
    print(f"cross/document recall: {detected}/{injected}; missed: {missed}")
    assert injected >= 15
    assert detected == injected, missed
