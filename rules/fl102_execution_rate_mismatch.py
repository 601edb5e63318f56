"""FL102: an execution rate must equal 决算 / 预算 (预决算差异率: (决算 − 预算) / 预算)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim
from fiscallint.denominators import verdicts
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Claims, Rule


class ExecutionRateMismatch(Rule):
    """预算完成率（执行率、预决算差异率）与预算数、决算数不符。

    说明:
        “年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 Z%”中 Z = B / A × 100；
        “执行率”同理；“预决算差异率” = (B − A) / A × 100（省略负号时只比较大小）。
        句中称“年初”时取年初预算数，称“全年”“调整后”时取全年（调整后）预算数。
        “三公”经费说明中某一项只写决算数和“完成预算的 Z%”而不写预算数时，预算数取
        “三公”经费表该项的预算数（说明的决算数须与表中决算数一致；称“年初”时不查）。
        四舍五入容差同 FL101；截断由 FL107 报告。

    反例:
        2024年度一般公共预算财政拨款支出年初预算为 200.00 万元，支出决算为 180.00 万元，完成年初预算的 80%。

    正例:
        2024年度一般公共预算财政拨款支出年初预算为 200.00 万元，支出决算为 180.00 万元，完成年初预算的 90%。
        ---
        与年初预算相比，年初预算数 200.00 万元，决算数 190.00 万元，预决算差异率-5.00%。
    """

    code = "FL102"
    name = "execution-rate-mismatch"
    severity = Severity.ERROR
    summary = "预算完成率与计算值不符 (an execution rate does not match actual / budget)"
    options = (TOLERANCE,)
    reads = (Claims("execution"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim, checks in verdicts(self.context.model, claims):
            check = checks[0]
            if check.ok or check.truncated or self.tolerated(check.computed - check.stated.value, check.tolerance):
                continue
            stated = check.stated
            related = [Related(n.span, role) for role, n in (("预算数", claim.budget), ("决算数", claim.actual)) if n is not None]
            yield self.finding(
                stated.span,
                f"{claim.phrase} {stated.text}% 与计算值不符：{check.shown()}",
                related=related,
                fix=Fix(stated.span, fmt(check.computed, stated.decimals), f"比例改为计算值 {fmt(check.computed, stated.decimals)}%"),
            )


RULE = ExecutionRateMismatch
