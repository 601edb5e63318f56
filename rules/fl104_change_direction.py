"""FL104: the direction words of a change must agree with each other and with the figures."""

from __future__ import annotations

from typing import Iterator

from fiscallint.denominators import direction_of, fen_slack
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule


class ChangeDirection(Rule):
    """增减方向前后矛盾。

    说明:
        “增加 D 万元，下降 Y%”这样金额与幅度的方向词相反，必有一处写错。
        “比上年增加 D 万元”而同一句中的本年数 X 小于 D 时，上年数 X − D 为负，也不可能成立。

    反例:
        2024年度支出合计 430.00 万元，比上年增加 30.00 万元，下降 6.5%。
        ---
        公务接待费 2.00 万元，比上年增加 3.00 万元。

    正例:
        2024年度支出合计 430.00 万元，比上年减少 30.00 万元，下降 6.5%。
        ---
        公务接待费 2.00 万元，比上年减少 3.00 万元。
    """

    code = "FL104"
    name = "change-direction"
    severity = Severity.ERROR
    summary = "增减方向矛盾 (the direction words of a change contradict each other or the figures)"

    def check(self) -> Iterator[Finding]:
        for claim in self.context.report.claims():
            if claim.kind != "change":
                continue
            delta_word, percent_word = claim.words.get("delta_word", ""), claim.words.get("percent_word", "")
            delta, percent, current = claim.numbers.get("delta"), claim.numbers.get("percent"), claim.numbers.get("current")
            up, rate_up = direction_of(delta_word), direction_of(percent_word)
            if delta is not None and percent is not None and up and rate_up and up != rate_up and delta.value and percent.value:
                yield self.finding(
                    percent.span,
                    f"方向矛盾：金额“{delta_word} {delta.text} 万元”，幅度却“{percent_word} {percent.text}%”",
                    related=[Related(delta.span, delta_word)],
                )
            elif (up == 1 and delta is not None and current is not None and claim.words.get("base") == "sentence"
                  and delta.value - current.value > fen_slack(delta, current)):
                yield self.finding(
                    delta.span,
                    f"“{delta_word} {delta.text} 万元”大于本年数 {current.text} 万元：上年数 {current.text} − {delta.text} 为负",
                    related=[Related(current.span, "本年数")],
                )


RULE = ChangeDirection
