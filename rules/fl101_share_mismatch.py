"""FL101: a share (占 Y%) must equal its part divided by its whole."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Iterator

from fiscallint.ast import Claim
from fiscallint.denominators import verdicts
from fiscallint.findings import Applicability, Finding, Fix, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Claims, Rule


class ShareMismatch(Rule):
    """占比与其分子、分母不符。

    说明:
        “A X 万元，占 B 的 Y%”中，Y 应等于 X / B × 100，按所示小数位四舍五入（容差为末位半个
        单位，另加金额本身 0.01 的舍入误差）。分母 B 按句中所称（本年支出合计、本年收入合计、
        一般公共预算财政拨款支出、政府采购支出总额……）在标准表或说明中查找，找到而不符即为
        错误；句中未称分母时，依次取“其中”所属总额、本段首个金额、本节前几段的总额，
        只有所有可能的分母都不符时才给出警告；不属于“其中”的占比，若报告前文另有一个金额
        恰好相符（占比周围的文字可能在提取时丢失），也不报告。只是截断而非四舍五入的情形由
        FL107 报告。

    修复:
        分母为句中所称时，把占比改为计算值（不安全修复，须 --unsafe-fixes：只知两数不符，
        不知哪个数错）；分母为推定时，只显示按推定分母算得的占比（仅供参考，从不自动修改）。

    反例:
        2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。

    正例:
        2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 80%；项目支出 100.00 万元，占本年支出 20%。
        ---
        2024年度一般公共预算财政拨款支出 500.00 万元，主要用于以下方面：

        1.一般公共服务（类）支出 300.00 万元，占 60%。
    """

    code = "FL101"
    name = "share-mismatch"
    severity = Severity.ERROR
    summary = "占比与计算值不符 (a share does not match part / whole)"
    options = (TOLERANCE,)
    reads = (Claims("share"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        results = list(verdicts(self.context.model, claims))
        paragraph_of = self.context.model.paragraph_of
        agreed: dict[int, Counter[Decimal]] = {}  # per paragraph: the wholes its right shares are of
        for claim, checks in results:
            for check in checks:
                if check.ok and check.whole is not None:
                    agreed.setdefault(paragraph_of.get(id(claim), -1), Counter())[check.whole.number.value] += 1
        for claim, checks in results:
            if any(c.ok or c.truncated or self.tolerated(c.computed - c.stated.value, c.tolerance) for c in checks):
                continue
            first = checks[0]
            if not first.named:  # show the whole the paragraph's other shares are of, if they agree on one
                votes = agreed.get(paragraph_of.get(id(claim), -1), Counter())
                first = max(checks, key=lambda c: votes[c.whole.number.value] if c.whole is not None else 0)
            stated = first.stated
            severity = Severity.ERROR if first.named else Severity.WARNING
            how = "" if first.named else "（分母推定为" + first.whole.label + "）"
            related = [Related(c.whole.number.span, f"分母 {c.whole.label}") for c in checks if c.whole is not None][:3]
            computed = fmt(first.computed, stated.decimals)
            yield self.finding(
                stated.span,
                f"占比 {stated.text}% 与计算值不符：{first.shown()}{how}",
                severity=severity,
                related=related,
                fix=Fix(stated.span, computed, f"占比改为计算值 {computed}%") if first.named else Fix(
                    stated.span, computed, f"按推定分母（{first.whole.label}）算得 {computed}%（仅供参考）", Applicability.DISPLAY_ONLY
                ),
            )


RULE = ShareMismatch
