"""FL112: a growth rate stated from a zero base (last year's figure was nil)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import ChangeClaim, Claim
from fiscallint.denominators import direction_of, fen_slack
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Claims, Rule


class ZeroBaseRate(Rule):
    """上年数为零时写了增长率。

    说明:
        “X 万元，比上年增加 D 万元，增长 Y%”中，D 等于 X 时上年数 X − D 为零，增长率 D / 0
        无从计算，写“增长 100%”或别的比例都不成立；应写明上年无此项支出。本年数取自同一句
        （在四舍五入误差内相等即可），或取自本段前句（须与增加额完全相等）。不少报告沿用
        “增长 100%”的写法，故只给警告。

    反例:
        公务接待费支出决算 0.60 万元，比上年增加 0.60 万元，增长 100%。

    正例:
        公务接待费支出决算 0.60 万元，比上年增加 0.60 万元，上年无此项支出。
        ---
        公务接待费支出决算 1.20 万元，比上年增加 0.60 万元，增长 100%。
    """

    code = "FL112"
    name = "zero-base-rate"
    severity = Severity.WARNING
    summary = "上年数为零却写了增长率 (a growth rate from a zero base)"
    reads = (Claims("change"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim in claims:
            if not isinstance(claim, ChangeClaim):
                continue
            delta, current, stated = claim.delta, claim.current, claim.percent
            if delta is None or current is None or stated is None or stated.value == 0 or delta.value <= 0:
                continue
            slack = fen_slack(delta, current) if claim.base == "sentence" else 0
            if direction_of(claim.delta_word) != 1 or abs(current.value - delta.value) > slack:
                continue
            yield self.finding(
                stated.span,
                f"上年数为 {current.text} − {delta.text} = 0，{claim.percent_word} {stated.text}% 无从计算（{delta.text} / 0）",
                related=[Related(current.span, "本年数"), Related(delta.span, "增减额")],
            )


RULE = ZeroBaseRate
