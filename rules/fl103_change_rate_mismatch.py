"""FL103: a change rate must equal the change divided by the previous year's figure."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim
from fiscallint.denominators import verdicts
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Claims, Rule


class ChangeRateMismatch(Rule):
    """增减幅度与增减额不符。

    说明:
        “X 万元，比上年增加（减少）D 万元，增长（下降）Y%”中，上年数 = X ∓ D，
        Y = D / (X ∓ D) × 100。X 是同一句中变动所指的金额；取自前句时只给警告。
        句中写明上年数（比上年 A 万元增加 D 万元）时 Y = D / A × 100；预算报告的
        “当年预算执行数为 A 万元，次年预算安排 B 万元，比当年预算执行数增加 Y%”中
        Y = (B − A) / A × 100（减少时取相反数）。
        上年数为零（常写作“增长 100%”）时不检查（FL112 另行提示）。截断由 FL107 报告。

    反例:
        2024年度支出合计 430.00 万元，与2023年度相比，减少 36.00 万元，下降 9.4%。

        ---
        2025年当年预算执行数为 500.00 万元，2026年预算安排 450.00 万元，比2025年预算执行数增加 10.00%。

    正例:
        2024年度支出合计 430.00 万元，与2023年度相比，减少 36.00 万元，下降 7.7%。
        ---
        2025年当年预算执行数为 500.00 万元，2026年预算安排 450.00 万元，比2025年预算执行数减少 10.00%。
        ---
        机关运行经费比上年 200.00 万元增加 10.00 万元，增长 5.00%。
        ---
        公务接待费 0.60 万元，比上年增加 0.60 万元，增长 100%。
    """

    code = "FL103"
    name = "change-rate-mismatch"
    severity = Severity.ERROR
    summary = "增减幅度与计算值不符 (a change rate does not match delta / previous)"
    options = (TOLERANCE,)
    reads = (Claims("change"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim, checks in verdicts(self.context.model, claims):
            check = checks[0]
            if check.ok or check.truncated or self.tolerated(check.computed - check.stated.value, check.tolerance):
                continue
            stated = check.stated
            same_sentence = claim.base == "sentence"
            sign = "-" if claim.percent is not None and claim.percent.value < 0 else ""  # 增长 -7.00%: the minus is its direction
            value = sign + fmt(check.computed, stated.decimals)
            yield self.finding(
                stated.span,
                f"{claim.percent_word} {stated.text}% 与计算值不符：{check.shown()}",
                severity=Severity.ERROR if same_sentence else Severity.WARNING,
                related=[Related(n.span, name) for n, name in ((claim.current, "本年数"), (claim.previous, "上年数"), (claim.delta, "增减额")) if n is not None],
                fix=Fix(stated.span, value, f"幅度改为计算值 {value}%") if same_sentence else None,
            )

RULE = ChangeRateMismatch
