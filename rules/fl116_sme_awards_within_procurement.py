"""FL116: the SME awards of reserved and of other projects together stay within the procurement total."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, Number, Paragraph, TermClaim
from fiscallint.denominators import fen
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Paragraphs, Rule

TOTAL_WORDS = ("政府采购金额", "政府采购支出总额", "政府采购总额")


class SmeAwardsWithinProcurement(Rule):
    """面向中小企业预留项目与其他项目中授予中小企业的采购金额之和超过政府采购总额。

    说明:
        政府采购说明写“在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购
        金额 A 万元；……在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 B 万元”。
        预留项目和其他项目互不重叠，都是本年政府采购的一部分，A＋B 不能超过同段或上一段所写
        的政府采购金额（总额）。允许金额的尾数误差。

    反例:
        本部门2024年度政府采购金额为 20.00 万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 15.00 万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 15.00 万元。

    正例:
        本部门2024年度政府采购金额为 20.00 万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 15.00 万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 5.00 万元。
    """

    code = "FL116"
    name = "sme-awards-within-procurement"
    severity = Severity.ERROR
    summary = "预留项目与其他项目授予中小企业的金额之和超过政府采购总额 (SME awards of reserved and other projects exceed the procurement total)"
    options = (TOLERANCE,)
    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        total: Number | None = None
        for paragraph in paragraphs:
            amounts = [c for c in paragraph.claims if isinstance(c, AmountClaim) and c.unit == "万元"]
            stated = next((c.value for c in amounts if _names_total(c.context)), None)
            total = stated or total
            terms: dict[int, set[str]] = {}  # segment → the terms it names
            for claim in paragraph.claims:
                if isinstance(claim, TermClaim):
                    terms.setdefault(claim.segment, set()).add(claim.term)
            reserved = other = None
            for claim in amounts:
                named = terms.get(claim.segment, set())
                if "awarded" not in named or "sme" not in named or "micro" in named:
                    continue
                if "reserved" in named and reserved is None:
                    reserved = claim.value
                elif "other_projects" in named and other is None:
                    other = claim.value
            if total is not None and reserved is not None and other is not None:
                yield from self._compare(reserved, other, total)

    def _compare(self, reserved: Number, other: Number, total: Number) -> Iterator[Finding]:
        computed = reserved.value + other.value
        slack = fen(reserved).ulp + fen(other).ulp + fen(total).ulp + self.tolerance
        if computed <= total.value + slack:
            return
        yield self.finding(
            other.span,
            f"预留项目授予中小企业 {reserved.text} 万元＋其他项目授予中小企业 {other.text} 万元 = {fmt(computed)} 万元，"
            f"超过政府采购金额 {total.text} 万元：两类项目互不重叠，合计不能大于总额",
            related=[Related(reserved.span, "预留项目授予中小企业的金额"), Related(total.span, "政府采购金额")],
        )


def _names_total(context: str) -> bool:
    """The words before the procurement total (政府采购金额（以合同签订为准）为), not before a
    part of it (其中, 预留, 中小企业)."""
    words = context.replace(" ", "")
    return any(word in words for word in TOTAL_WORDS) and "其中" not in words and "预留" not in words and "中小企业" not in words


RULE = SmeAwardsWithinProcurement
