"""FL115: the SME shares of goods, works and services procurement add up to the SME contract total."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import AmountClaim, NamedShareClaim, Number, Paragraph
from fiscallint.denominators import fen
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Paragraphs, Rule

TYPES = ("货物", "工程", "服务")
SME = "中小企业"
SME_TOTAL = ("授予中小企业合同金额", "中小企业合同金额")


class ProcurementSmeShares(Rule):
    """按采购类型说明的中小企业合同份额与授予中小企业合同总额不符。

    说明:
        政府采购说明写“授予中小企业合同金额 A 万元……；货物采购授予中小企业合同金额占货物支出
        金额的 P%，工程采购……占工程支出金额的 Q%，服务采购……占服务支出金额的 R%”。各类的
        中小企业合同金额（货物支出 × P% 等，货物、工程、服务支出取同段所写金额）之和不能超过
        授予中小企业合同金额 A；三类都写了时应等于 A。允许百分数的舍入（每类支出 × 其末位
        半个单位）和金额的尾数误差（万元金额按 0.01 计，“0”即 0.00）。

    反例:
        本部门政府采购支出总额 20.00 万元，其中：政府采购货物支出 12.00 万元、政府采购工程支出 0 万元、政府采购服务支出 8.00 万元。授予中小企业合同金额 8.00 万元，占政府采购支出总额的 40%；货物采购授予中小企业合同金额占货物支出金额的 100%，工程采购授予中小企业合同金额占工程支出金额的 0%，服务采购授予中小企业合同金额占服务支出金额的 0%。

    正例:
        本部门政府采购支出总额 20.00 万元，其中：政府采购货物支出 12.00 万元、政府采购工程支出 0 万元、政府采购服务支出 8.00 万元。授予中小企业合同金额 8.00 万元，占政府采购支出总额的 40%；货物采购授予中小企业合同金额占货物支出金额的 0%，工程采购授予中小企业合同金额占工程支出金额的 0%，服务采购授予中小企业合同金额占服务支出金额的 100%。
    """

    code = "FL115"
    name = "procurement-sme-shares"
    severity = Severity.ERROR
    summary = "各类采购的中小企业份额与中小企业合同总额不符 (the SME shares by procurement type do not add up to the SME total)"
    options = (TOLERANCE,)

    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        for paragraph in paragraphs:
            yield from self._paragraph(paragraph)

    def _paragraph(self, paragraph: Paragraph) -> Iterator[Finding]:
        shares = {kind: c for c in paragraph.claims if isinstance(c, NamedShareClaim) and (kind := _type_of(c.part)) and SME in c.part}
        if not shares:
            return
        amounts = [c for c in paragraph.claims if isinstance(c, AmountClaim) and c.unit == "万元"]
        total = next((c.value for c in amounts if c.context.endswith(SME_TOTAL)), None)
        spent = {kind: _spent(amounts, kind) for kind in shares}
        if total is None or any(v is None for v in spent.values()):
            return
        parts = {kind: spent[kind].value * shares[kind].percent.value / 100 for kind in shares}  # type: ignore[union-attr]
        slack = sum((spent[k].value * shares[k].percent.ulp / 100 + fen(spent[k]).ulp for k in shares), start=fen(total).ulp)  # type: ignore[arg-type, union-attr]
        computed = sum(parts.values(), start=Decimal(0))
        complete = len(shares) == len(TYPES)
        gap = computed - total.value
        if gap <= slack + self.tolerance and (not complete or -gap <= slack + self.tolerance):
            return
        terms = " + ".join(f"{spent[k].text}（{k}支出）× {shares[k].percent.text}%" for k in TYPES if k in shares)  # type: ignore[union-attr]
        worst = max(shares, key=lambda k: parts[k])
        yield self.finding(
            shares[worst].percent.span,
            f"各类采购授予中小企业的合同金额 {terms} = {fmt(computed)} 万元，"
            f"{'不等于' if complete else '大于'}授予中小企业合同金额 {total.text} 万元",
            related=[Related(total.span, "授予中小企业合同金额"),
                     *(Related(shares[k].span, f"{k}采购授予中小企业合同金额的占比") for k in TYPES if k in shares and k != worst)],
        )


def _type_of(part: str) -> str | None:
    found = [kind for kind in TYPES if kind in part]
    return found[0] if len(found) == 1 else None


def _spent(amounts: list[AmountClaim], kind: str) -> Number | None:
    """The paragraph's one amount of this procurement type (政府采购货物支出 A 万元)."""
    found = [c.value for c in amounts
             if kind in (context := c.context) and "采购" in context and SME not in context and "小微" not in context]
    return found[0] if len(found) == 1 else None


RULE = ProcurementSmeShares
