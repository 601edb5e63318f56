"""FL109: a completion rate stated against a budget that is stated as zero."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import AmountClaim, Claim, ExecutionClaim, Number, Paragraph
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import HUNDRED, fmt, percent_tolerance
from fiscallint.rule import Paragraphs, Rule


class RateOfZeroBudget(Rule):
    """完成率所依据的预算数为零。

    说明:
        “年初预算为 0 万元……支出决算为 B 万元，完成年初预算的 Z%”：预算为零时完成率无从
        计算（B / 0），所写比例必然依据了别的数。常见原因是把“全年预算”写成了“年初预算”；
        若本段另有预算数恰好给出 Z%，消息中一并指出。预决算差异率不在此列。

    反例:
        一般公共预算财政拨款支出年初预算为 0 万元，全年预算为 200.00 万元，支出决算为 190.00 万元，完成年初预算的 95%。

    正例:
        一般公共预算财政拨款支出年初预算为 0 万元，全年预算为 200.00 万元，支出决算为 190.00 万元，完成全年预算的 95%。
    """

    code = "FL109"
    name = "rate-of-zero-budget"
    severity = Severity.ERROR
    summary = "完成率所依据的预算数为零 (a completion rate stated against a zero budget)"
    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        for paragraph in paragraphs:
            for claim in paragraph.claims:
                if not isinstance(claim, ExecutionClaim) or "差异率" in claim.phrase:
                    continue
                budget, actual, stated = claim.budget, claim.actual, claim.percent
                if budget is None or actual is None or budget.value != 0 or actual.value <= 0 or stated.value <= 0:
                    continue
                message = f"{claim.phrase} {stated.text}% 无从计算：所称预算为 {budget.text} 万元（{actual.text} / 0）"
                other = _matching_budget(paragraph.claims, actual, stated)
                if other is not None:
                    computed = actual.value / other.value.value * HUNDRED
                    message += f"；该比例等于 {actual.text} / {other.value.text} = {fmt(computed, max(2, stated.decimals))}%（“{other.subject}”）"
                related = [Related(budget.span, "预算数"), Related(actual.span, "决算数")]
                if other is not None:
                    related.append(Related(other.span, other.subject))
                yield self.finding(stated.span, message, related=related)


def _matching_budget(claims: list[Claim], actual: Number, stated: Number) -> AmountClaim | None:
    """Another non-zero budget amount of the paragraph that gives the stated rate, if any."""
    for claim in claims:
        if not isinstance(claim, AmountClaim) or claim.basis != "budget":
            continue
        value = claim.value
        if value.value <= 0:
            continue
        computed = actual.value / value.value * HUNDRED
        tolerance = percent_tolerance(stated, [(actual, HUNDRED / value.value), (value, computed / value.value)])
        if abs(computed - stated.value) <= tolerance + Decimal("1e-9"):
            return claim
    return None


RULE = RateOfZeroBudget
