"""FL110: 决算数大于/小于/等于预算数 must agree with the item's own 预算 and 决算 figures."""

from __future__ import annotations

from typing import Iterator

from fiscallint.denominators import fen_slack
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule, WholeReport

SAYS = {"大于": 1, "高于": 1, "小于": -1, "低于": -1, "等于": 0}


class BudgetActualRelation(Rule):
    """“决算数大于（小于、等于）预算数”与本项的预算数、决算数不符。

    说明:
        决算报告逐项写“年初预算为 A 万元，支出决算为 B 万元。决算数大于预算数的主要原因……”。
        所说的大小关系必须与本项的 A、B 相符：写“大于”则 B > A，写“小于”则 B < A，写“等于”
        则 B = A（在两数的四舍五入误差之内）。本句及其前最近一句有金额的句子（该句自成一段时取上一段）恰有一个预算数和一个决算数时才检查；
        元与万元并用时先化为万元；化后相差千倍以上的（一个单位写错或被提取挪走），不作比较。“大于（小于）”“大小于”这样同时印出两个方向的，是模板残留，
        一并报告（本项没有金额的模板段落除外）。

    反例:
        社会保障缴费年初预算为 820.40 万元，支出决算为 796.12 万元。决算数大于预算数的主要原因：人员增加。
        ---
        行政运行年初预算为 300.00 万元，支出决算为 280.00 万元。决算数大于（小于）预算数的主要原因：人员变动。

    正例:
        社会保障缴费年初预算为 820.40 万元，支出决算为 796.12 万元。决算数小于预算数的主要原因：人员减少。
        ---
        行政运行年初预算为 300.00 万元，支出决算为 300.00 万元。决算数等于预算数。
    """

    code = "FL110"
    name = "budget-actual-relation"
    severity = Severity.ERROR
    summary = "决算数大于/小于预算数与本项数字不符 (决算数大于/小于预算数 contradicts the item's figures)"
    reads = (WholeReport("决算数大于/小于预算数 phrases with the figures before them, across paragraphs"),)

    def check(self) -> Iterator[Finding]:
        for found in self.context.model.relations:
            claim = found.claim
            relation = claim.relation
            budget, actual = found.budget, found.actual
            if relation == "clash":
                if claim.figures:
                    yield self.finding(claim.span, f"“{claim.text}”同时写了两个方向，未按本项数字选定")
                continue
            if budget is None or actual is None:
                continue
            slack = fen_slack(budget, actual)
            gap = actual.value - budget.value
            says = SAYS[relation]
            wrong = (says > 0 and gap < -slack) or (says < 0 and gap > slack) or (says == 0 and abs(gap) > slack)
            if wrong:
                truth = "大于" if gap > 0 else "小于" if gap < 0 else "等于"
                yield self.finding(
                    claim.span,
                    f"“{claim.text}”与本项数字不符：决算数 {actual.text} {truth} 预算数 {budget.text}（{actual.text} − {budget.text} = {gap:+.2f} 万元）",
                    related=[Related(budget.span, "预算数"), Related(actual.span, "决算数")],
                )


RULE = BudgetActualRelation
