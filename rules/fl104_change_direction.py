"""FL104: the direction words of a change must agree with each other and with the figures."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import ChangeClaim, Claim
from fiscallint.denominators import direction_of, fen_slack, rate_direction
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Claims, Rule


class ChangeDirection(Rule):
    """增减方向前后矛盾。

    说明:
        “增加 D 万元，下降 Y%”这样金额与幅度的方向词相反，必有一处写错。
        “比上年增加 D 万元”而同一句中的本年数 X 小于 D 时，上年数 X − D 为负，也不可能成立。
        同一处并印相反的方向词（“比上年减增加”“增加（减少）D 万元”“与上年增加持平”），是改稿
        或套用模板时的残留，读者无从判断方向（增减额为 0 时方向无关紧要，不报告）。

    反例:
        2024年度支出合计 430.00 万元，比上年增加 30.00 万元，下降 6.5%。
        ---
        公务接待费 2.00 万元，比上年增加 3.00 万元。
        ---
        公务接待费 5.00 万元，比上年减增加 1.00 万元。
        ---
        政府性基金拨款支出预算 0 万元，与上年预算增加持平。

    正例:
        2024年度支出合计 430.00 万元，比上年减少 30.00 万元，下降 6.5%。
        ---
        公务接待费 2.00 万元，比上年减少 3.00 万元。
        ---
        公务接待费 5.00 万元，比上年增加 1.00 万元。
        ---
        政府性基金拨款支出预算 0 万元，与上年预算持平。
    """

    code = "FL104"
    name = "change-direction"
    severity = Severity.ERROR
    summary = "增减方向矛盾 (the direction words of a change contradict each other or the figures)"
    reads = (Claims("change"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim in claims:
            if not isinstance(claim, ChangeClaim):
                continue
            clash = claim.clash
            changes = [n for n in (claim.delta, claim.percent) if n is not None]
            if clash:
                if not changes or any(n.value for n in changes):  # 增加（减少）0 万元: no change to name
                    yield self.finding(claim.span, f"方向词自相矛盾：“{clash}”并印了相反的增减方向")
                continue
            delta_word, percent_word = claim.delta_word, claim.percent_word
            delta, percent, current = claim.delta, claim.percent, claim.current
            up, rate_up = direction_of(delta_word), rate_direction(claim)
            if delta is not None and percent is not None and up and rate_up and up != rate_up and delta.value and percent.value:
                yield self.finding(
                    percent.span,
                    f"方向矛盾：金额“{delta_word} {delta.text} 万元”，幅度却“{percent_word} {percent.text}%”",
                    related=[Related(delta.span, delta_word)],
                )
            elif (up == 1 and delta is not None and current is not None and claim.base == "sentence"
                  and delta.value - current.value > fen_slack(delta, current)):
                yield self.finding(
                    delta.span,
                    f"“{delta_word} {delta.text} 万元”大于本年数 {current.text} 万元：上年数 {current.text} − {delta.text} 为负",
                    related=[Related(current.span, "本年数")],
                )


RULE = ChangeDirection
