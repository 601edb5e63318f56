"""FL506: a subset amount never exceeds its superset (小微企业 ≤ 中小企业 ≤ 政府采购总额)."""

from __future__ import annotations

import re
from typing import Iterator

from fiscallint.ast import AmountClaim, BreakdownClaim, Claim
from fiscallint.facts import rounding
from fiscallint.findings import Finding, Related, Severity
from fiscallint.patterns import lazy
from fiscallint.rule import TOLERANCE, Rule, WholeReport

KINDS = (
    ("micro", lazy(r"小微企业")),
    ("sme", lazy(r"中小企业")),
    ("total", lazy(r"政府采购(支出)?总额")),
)
NAMES = {"micro": "授予小微企业合同金额", "sme": "授予中小企业合同金额", "total": "政府采购支出总额"}
PARENT = {"micro": ("sme", "total"), "sme": ("total",)}


class SubsetAmounts(Rule):
    """政府采购中：授予小微企业合同金额 ≤ 授予中小企业合同金额 ≤ 政府采购支出总额。

    说明:
        小微企业是中小企业的一部分，授予中小企业的合同是政府采购的一部分，部分不能大于
        整体。比较同一节中最近的对应金额（不取货物、工程、服务分项）；以“其中”列出的部分
        由 FL106 报告。

    反例:
        一、政府采购支出说明
        本部门2024年度政府采购支出总额 5.00 万元。授予中小企业合同金额 6.00 万元。

    正例:
        一、政府采购支出说明
        本部门2024年度政府采购支出总额 5.00 万元。授予中小企业合同金额 3.00 万元，其中：授予小微企业合同金额 2.00 万元。
    """

    code = "FL506"
    name = "subset-amounts"
    severity = Severity.ERROR
    summary = "部分金额大于整体 (a subset amount exceeds its superset: 小微 ≤ 中小企业 ≤ 政府采购总额)"
    options = (TOLERANCE,)
    reads = (WholeReport("each section's amounts in order, and every 其中 breakdown of the report"),)

    def check(self) -> Iterator[Finding]:
        # A part written as 其中 of its whole is FL106's (part-exceeds-whole) to report.
        self.listed = {
            (id(part.value), id(claim.total))
            for claim in self.context.report.claims()
            if isinstance(claim, BreakdownClaim)
            for part in claim.parts
        }
        for section in self.context.report.sections():
            latest: dict[str, AmountClaim] = {}
            for paragraph in section.paragraphs:
                for claim in paragraph.claims:
                    kind = _kind(claim)
                    if kind is None or not isinstance(claim, AmountClaim):
                        continue
                    latest[kind] = claim
                    parent = next((latest[p] for p in PARENT.get(kind, ()) if p in latest), None)
                    if parent is not None:
                        yield from self._compare(claim, kind, parent)

    def _compare(self, part: AmountClaim, kind: str, whole: AmountClaim) -> Iterator[Finding]:
        a, b = part.value, whole.value
        if (id(a), id(b)) in self.listed or a.value <= b.value + rounding(a) + rounding(b) + self.tolerance:
            return
        whole_kind = _kind(whole) or "total"
        yield self.finding(
            a.span,
            f"{NAMES[kind]} {a.text} 万元大于{NAMES[whole_kind]} {b.text} 万元：部分不能大于整体（{a.text} > {b.text}）",
            related=[Related(b.span, NAMES[whole_kind])],
        )


def _kind(claim: Claim) -> str | None:
    if not isinstance(claim, AmountClaim):
        return None
    context = claim.context
    if re.search(r"货物|工程|服务", context):
        return None
    for kind, pattern in KINDS:
        if pattern.search(context):
            return kind
    return None


RULE = SubsetAmounts
