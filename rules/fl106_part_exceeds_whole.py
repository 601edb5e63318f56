"""FL106: a part can never exceed its whole."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import BreakdownClaim, Claim, Number
from fiscallint.denominators import fen_slack
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import TOLERANCE, Claims, Rule


class PartExceedsWhole(Rule):
    """部分大于整体。

    说明:
        “其中”所列的单项不能大于它所属的总额。政府采购中小微企业 ≤ 中小企业 ≤ 采购总额
        这类不以“其中”写出的包含关系由 FL506 检查。

    反例:
        授予中小企业合同金额 0 万元，其中：授予小微企业合同金额 0.45 万元。
        ---
        本年支出 300.00 万元，其中：项目支出 320.00 万元。

    正例:
        授予中小企业合同金额 0.45 万元，其中：授予小微企业合同金额 0.45 万元。
    """

    code = "FL106"
    name = "part-exceeds-whole"
    severity = Severity.ERROR
    summary = "部分大于整体 (a part exceeds its whole)"
    options = (TOLERANCE,)
    reads = (Claims("breakdown"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        for claim in claims:
            if isinstance(claim, BreakdownClaim):
                total = claim.total
                for part in claim.parts:
                    yield from self._compare(part.value, part.subject, total, claim.subject, seen, claim.unit)

    def _compare(self, part: Number, part_label: str, whole: Number, whole_label: str, seen: set[tuple[int, int]], unit: str) -> Iterator[Finding]:
        key = (id(part), id(whole))
        if key in seen or part.value - whole.value <= fen_slack(part, whole) + self.tolerance:
            return
        seen.add(key)
        yield self.finding(
            part.span,
            f"{part_label} {part.text} {unit}大于{whole_label} {whole.text} {unit}",
            related=[Related(whole.span, whole_label)],
        )


RULE = PartExceedsWhole
