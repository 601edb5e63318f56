"""FL106: a part can never exceed its whole."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim, Number
from fiscallint.denominators import fen
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule

# Nested procurement figures of one paragraph: 小微企业 ≤ 中小企业 ≤ 政府采购支出总额.
CHAIN = ("小微企业", "中小企业", "政府采购支出总额")


class PartExceedsWhole(Rule):
    """部分大于整体。

    说明:
        “其中”所列的单项不能大于总额；授予小微企业合同金额不能大于授予中小企业合同金额，
        后者不能大于政府采购支出总额（同一段中）。

    反例:
        授予中小企业合同金额 0 万元，其中：授予小微企业合同金额 0.45 万元。
        ---
        政府采购支出总额 3.00 万元，其中：政府采购货物支出 2.00 万元。授予中小企业合同金额 4.00 万元。

    正例:
        授予中小企业合同金额 0.45 万元，其中：授予小微企业合同金额 0.45 万元。
    """

    code = "FL106"
    name = "part-exceeds-whole"
    severity = Severity.ERROR
    summary = "部分大于整体 (a part exceeds its whole)"

    def check(self) -> Iterator[Finding]:
        seen: set[tuple[int, int]] = set()
        for claim in self.context.report.claims():
            if claim.kind == "breakdown":
                total = claim.numbers["total"]
                for part in claim.parts:
                    yield from self._compare(part.numbers["value"], part.subject, total, claim.subject, seen)
        for paragraph in self.context.report.paragraphs:
            chain = [_find(paragraph.claims, key) for key in CHAIN]
            for (small, small_label), (big, big_label) in zip(chain, chain[1:]):
                if small is not None and big is not None:
                    yield from self._compare(small, small_label, big, big_label, seen)

    def _compare(self, part: Number, part_label: str, whole: Number, whole_label: str, seen: set[tuple[int, int]]) -> Iterator[Finding]:
        key = (id(part), id(whole))
        if key in seen or part.value - whole.value <= fen(part).ulp + fen(whole).ulp:
            return
        seen.add(key)
        yield self.finding(
            part.span,
            f"{part_label} {part.text} 万元大于{whole_label} {whole.text} 万元",
            related=[Related(whole.span, whole_label)],
        )


def _find(claims: list[Claim], key: str) -> tuple[Number | None, str]:
    for claim in claims:
        if claim.kind == "amount" and key in claim.subject and not (key == "中小企业" and "小微" in claim.subject):
            return claim.numbers["value"], claim.subject
    return None, ""


RULE = PartExceedsWhole
