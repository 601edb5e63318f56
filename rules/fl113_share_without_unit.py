"""FL113: a share printed without its percent sign (占 45.12;)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim, UnitlessShareClaim
from fiscallint.findings import Finding, Severity
from fiscallint.rule import Claims, Rule


class ShareWithoutUnit(Rule):
    """占比缺少百分号。

    说明:
        “1230.50 万元，占 45.12；”中“占”后的数没有单位，读者无从知道是百分比、万元还是别的；
        情况说明中的占比应写作“占 45.12%”。只看“占”（或“占比”等两三个字）后紧跟一个带小数的数、
        且该数就是分句末尾的情形。

    反例:
        基本支出 1230.50 万元，占 45.12；项目支出 1496.70 万元，占 54.88%。

    正例:
        基本支出 1230.50 万元，占 45.12%；项目支出 1496.70 万元，占 54.88%。
    """

    code = "FL113"
    name = "share-without-unit"
    severity = Severity.WARNING
    summary = "占比缺少百分号 (a share printed without its percent sign)"
    reads = (Claims("unitless_share"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim in claims:
            if not isinstance(claim, UnitlessShareClaim):
                continue
            value = claim.value
            yield self.finding(value.span, f"占比“{value.text}”没有单位：应为“{value.text}%”")


RULE = ShareWithoutUnit
