"""FL107: a percentage cut instead of rounded to its shown decimals."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim
from fiscallint.denominators import verdicts
from fiscallint.findings import Finding, Fix, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import Claims, Rule


class TruncatedPercentage(Rule):
    """百分比被截断而非四舍五入。

    说明:
        占比、完成率、增减幅度的计算值被直接截去尾数（99.96% 写作 99.9%），而不是四舍五入
        （100.0%）。这不是算术错误，属于表述规范问题；FL101–FL103 对此不报错。

    反例:
        年初预算为 27.54 万元，支出决算为 27.53 万元，完成年初预算的 99.9%。

    正例:
        年初预算为 27.54 万元，支出决算为 27.53 万元，完成年初预算的 100.0%。
    """

    code = "FL107"
    name = "truncated-percentage"
    severity = Severity.INFO
    summary = "百分比被截断而非四舍五入 (a percentage truncated instead of rounded)"
    reads = (Claims("share", "execution", "change"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim, checks in verdicts(self.context.model, claims):
            if any(c.rounds for c in checks):
                continue
            check = next((c for c in checks if c.cut), None)
            if check is None:
                continue
            rounded = fmt(check.computed, check.stated.decimals)
            yield self.finding(
                check.stated.span,
                f"{check.stated.text}% 是截断值，四舍五入应为 {rounded}%：{check.shown()}",
                fix=Fix(check.stated.span, rounded, f"改为四舍五入值 {rounded}%"),
            )


RULE = TruncatedPercentage
