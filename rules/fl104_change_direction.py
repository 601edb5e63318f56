"""FL104: the direction words of a change must agree with each other and with the figures."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import ChangeClaim, Claim, ExecutionClaim
from fiscallint.denominators import direction_of, fen_slack, rate_direction
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.patterns import lazy
from fiscallint.rule import Claims, Rule


OWN_BUDGET_RE = lazy(r"(?P<stage>调整|年初|全年|调整后)?预算(?:数)?")
"""What a final account's change is measured against when it is this year's budget of the item
(较调整预算, 比年初预算数); a year or 上年 before it names another budget."""
STAGES = {"调整": "adjusted", "调整后": "adjusted", "全年": "adjusted", "年初": "initial", None: ""}


class ChangeDirection(Rule):
    """增减方向前后矛盾。

    说明:
        “增加 D 万元，下降 Y%”这样金额与幅度的方向词相反，必有一处写错。
        “比上年增加 D 万元”而同一句中的本年数 X 小于 D 时，上年数 X − D 为负，也不可能成立。
        决算说明中“（决算数）较调整预算（年初预算）增加/减少 D 万元”的方向必须与本句或上一句
        所列该项的决算数、预算数（执行率所据的两数）之差的方向一致。
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
        ---
        行政运行调整预算 290.00 万元，支出决算 286.34 万元，为调整预算的 98.74%。决算数较调整预算增加 3.66 万元。

    正例:
        2024年度支出合计 430.00 万元，比上年减少 30.00 万元，下降 6.5%。
        ---
        公务接待费 2.00 万元，比上年减少 3.00 万元。
        ---
        公务接待费 5.00 万元，比上年增加 1.00 万元。
        ---
        政府性基金拨款支出预算 0 万元，与上年预算持平。
        ---
        行政运行调整预算 290.00 万元，支出决算 286.34 万元，为调整预算的 98.74%。决算数较调整预算减少 3.66 万元。
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
            yield from self._against_budget(claim)
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

    def _against_budget(self, claim: ChangeClaim) -> Iterator[Finding]:
        """A final account's 较调整预算增加 D 万元: its direction against the item's 决算 and 预算, those
        of the one execution rate of its sentence or the sentence before (of the budget it names)."""
        against = OWN_BUDGET_RE.fullmatch(claim.against or "")
        up = direction_of(claim.delta_word)
        model = self.context.model
        if against is None or claim.delta is None or not up or claim.clash or model.is_budget:
            return
        index = model.paragraph_of.get(id(claim))
        if index is None:
            return
        stage = STAGES[against.group("stage")]
        runs = [c for c in model.report.paragraphs[index].claims
                if isinstance(c, ExecutionClaim) and c.actual is not None and c.budget is not None
                and claim.sentence - 1 <= c.sentence <= claim.sentence and (not stage or c.stage in (stage, ""))]
        if len(runs) != 1:
            return
        actual, budget = runs[0].actual, runs[0].budget
        assert actual is not None and budget is not None
        gap = actual.value - budget.value
        if abs(gap) <= fen_slack(actual, budget) or (gap > 0) == (up > 0):
            return
        yield self.finding(
            claim.delta.span,
            f"“{claim.delta_word} {claim.delta.text} 万元”与决算、预算之差的方向相反：{actual.text} − {budget.text} = {fmt(gap, 2)} 万元",
            related=[Related(actual.span, "决算数"), Related(budget.span, "预算数")],
        )


RULE = ChangeDirection
