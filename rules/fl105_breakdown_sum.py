"""FL105: the parts of a complete 其中 list must add up to its total."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import AmountClaim, BreakdownClaim, Claim
from fiscallint.denominators import fen, fen_slack
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.rule import TOLERANCE, Claims, Rule

# Lists that, when every member is named, are the whole of their total.
COMPLETE_SETS: list[list[str]] = [
    ["基本支出", "项目支出"],
    ["货物", "工程", "服务"],
    ["人员经费", "公用经费"],
    ["因公出国", "公务用车", "公务接待"],
    ["购置", "运行"],
    ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
    ["本年收入", "结余", "年初结转"],
    ["本年支出", "结余分配", "年末结转"],
    ["年初财政拨款结转", "本年财政拨款收入"],
    ["年末财政拨款结转", "本年财政拨款支出"],
]


def is_complete(parts: list[AmountClaim]) -> bool:
    """True when the parts name every member of one of the known complete lists, each member a
    part of its own (公务用车购置及运行维护费 alone names both 购置 and 运行, and is one part)."""
    subjects = [p.subject for p in parts]
    return any(_each_its_own(group, subjects) for group in COMPLETE_SETS)


def _each_its_own(group: list[str], subjects: list[str]) -> bool:
    """Whether every member of a group is named by a part no other member took."""
    free = list(subjects)
    for member in group:
        taken = next((s for s in free if member in s), None)
        if taken is None:
            return False
        free.remove(taken)
    return True


class BreakdownSum(Rule):
    """“其中”所列各项之和与总额不符。

    说明:
        “总额 T 万元，其中：A a 万元、B b 万元……”：各项之和大于总额一定有错（且没有单项
        超过总额，单项超过总额由 FL106 报告）；小于总额只在列举完整时才报告——列出的是
        一组已知的完整构成（基本支出+项目支出，货物+工程+服务，人员经费+公用经费，
        三公经费三项，六类收入……），否则“其中”常常只列部分项目。每个加数允许 0.01 尾差。

    反例:
        2024年度支出合计 500.00 万元，其中：基本支出 380.00 万元，项目支出 100.00 万元。
        ---
        政府采购支出总额 10.00 万元，其中：货物 6.00 万元、工程 0 万元、服务 5.00 万元。

    正例:
        2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，项目支出 100.00 万元。
        ---
        “三公”经费支出 20.00 万元，其中：因公出国（境）费 12.00 万元。
    """

    code = "FL105"
    name = "breakdown-sum"
    severity = Severity.ERROR
    summary = "其中各项之和与总额不符 (the parts of a breakdown do not add up to its total)"
    options = (TOLERANCE,)
    reads = (Claims("breakdown"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        for claim in claims:
            if not isinstance(claim, BreakdownClaim) or len(claim.parts) < 2:
                continue
            total = claim.total
            numbers = [p.value for p in claim.parts]
            if any(n.value > total.value + fen_slack(n, total) for n in numbers):
                continue  # FL106
            computed = sum((n.value for n in numbers), Decimal(0))
            gap = computed - total.value
            if abs(gap) <= sum_tolerance([fen(n) for n in numbers], fen(total)) + self.tolerance or (gap < 0 and not is_complete(claim.parts)):
                continue
            shown = " + ".join(n.text for n in numbers)
            yield self.finding(
                total.span,
                f"{claim.subject} {total.text} {claim.unit}与其中各项之和不符：{shown} = {fmt(computed)}",
                related=[Related(p.span, p.subject) for p in claim.parts],
            )


RULE = BreakdownSum
