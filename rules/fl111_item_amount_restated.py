"""FL111: an item's amount stated twice in its own paragraph, with different values."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import HUNDRED, fmt, percent_tolerance
from fiscallint.rule import Rule, WholeReport


class ItemAmountRestated(Rule):
    """同一科目的金额在本段前后不一。

    说明:
        ““…（项）”318.20 万元……年初预算为 330.00 万元，支出决算为 301.85 万元”：科目路径后的
        金额就是本项的决算数（预算报告中是本年预算安排数），段中再写一次却是另一个值，必有
        一处错。路径后的金额与本段任何其他金额都不相等、且段中恰有一个同类金额时才报告；
        若本段的完成率只与路径后的金额相符，消息中一并指出。

    反例:
        1、“一般公共服务支出（类）机关服务（款）行政运行（项）”318.20 万元，年初预算为 330.00 万元，支出决算为 301.85 万元，完成年初预算的 96.42%。

    正例:
        1、“一般公共服务支出（类）机关服务（款）行政运行（项）”301.85 万元，年初预算为 330.00 万元，支出决算为 301.85 万元，完成年初预算的 91.47%。
    """

    code = "FL111"
    name = "item-amount-restated"
    severity = Severity.ERROR
    summary = "同一科目金额在本段前后不一 (an item's amount is stated twice with different values)"
    reads = (WholeReport("an item's amount against the figure its paragraph states again (the model's restatements)"),)

    def check(self) -> Iterator[Finding]:
        for found in self.context.model.restatements:
            lead, restated = found.lead.value, found.restated.value
            message = f"本项金额前后不一：科目后写 {lead.text} 万元，段中“{found.restated.subject}”为 {restated.text} 万元"
            rate = found.rate
            budget = rate.budget if rate is not None else None
            if rate is not None and budget is not None and budget.value > 0:
                stated = rate.percent
                fits = lead.value / budget.value * HUNDRED
                other = restated.value / budget.value * HUNDRED
                tolerance = percent_tolerance(stated, [(lead, HUNDRED / budget.value), (budget, fits / budget.value)]) + Decimal("1e-9")
                if abs(fits - stated.value) <= tolerance and abs(other - stated.value) > tolerance:
                    message += f"；完成率 {stated.text}% 合 {lead.text} / {budget.text} = {fmt(fits, 2)}%，而非 {restated.text} / {budget.text} = {fmt(other, 2)}%"
            yield self.finding(lead.span, message, related=[Related(restated.span, found.restated.subject)])


RULE = ItemAmountRestated
