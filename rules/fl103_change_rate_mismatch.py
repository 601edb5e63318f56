"""FL103: a change rate must equal the change divided by the previous year's figure."""

from __future__ import annotations

from typing import Iterator

from fiscallint.denominators import verdicts
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Rule


class ChangeRateMismatch(Rule):
    """增减幅度与增减额不符。

    说明:
        “X 万元，比上年增加（减少）D 万元，增长（下降）Y%”中，上年数 = X ∓ D，
        Y = D / (X ∓ D) × 100。X 是同一句中变动所指的金额；取自前句时只给警告。
        上年数为零（常写作“增长 100%”）时不检查。截断由 FL107 报告。

    反例:
        2024年度支出合计 430.00 万元，与2023年度相比，减少 36.00 万元，下降 9.4%。

    正例:
        2024年度支出合计 430.00 万元，与2023年度相比，减少 36.00 万元，下降 7.7%。
        ---
        公务接待费 0.60 万元，比上年增加 0.60 万元，增长 100%。
    """

    code = "FL103"
    name = "change-rate-mismatch"
    severity = Severity.ERROR
    summary = "增减幅度与计算值不符 (a change rate does not match delta / previous)"
    options = (TOLERANCE,)

    def check(self) -> Iterator[Finding]:
        for claim, checks in verdicts(self.context.report, self.context.model, ("change",)):
            check = checks[0]
            if check.ok or check.truncated or self.tolerated(check.computed - check.stated.value, check.tolerance):
                continue
            stated = check.stated
            same_sentence = claim.words.get("base") == "sentence"
            yield self.finding(
                stated.span,
                f"{claim.words.get('percent_word', '')} {stated.text}% 与计算值不符：{check.shown()}",
                severity=Severity.ERROR if same_sentence else Severity.WARNING,
                related=[Related(claim.numbers["current"].span, "本年数"), Related(claim.numbers["delta"].span, "增减额")],
                fix=Fix(stated.span, fmt(check.computed, stated.decimals), f"幅度改为计算值 {fmt(check.computed, stated.decimals)}%") if same_sentence else None,
            )


RULE = ChangeRateMismatch
