"""FL411: the narrative's 绩效自评 funds must be the sum of the self-evaluation tables it counts."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import Number, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.performance_narrative import EvaluatedAmount, EvaluationStatement, evaluation_statements
from fiscallint.rule import TOLERANCE, Rule, WholeReport

BASES = {"budget": "全年预算数", "actual": "全年执行数"}
KINDS = {"project": ("项目", "项目支出"), "department": ("部门整体自评表", "部门整体支出")}


class PerformanceNarrative(Rule):
    """情况说明中绩效自评的项目资金等于所附各项目绩效自评表之和。

    说明:
        情况说明的预算绩效段落通常写“开展绩效自评，共涉及项目 N 个，资金 X 万元”。当报告
        附出的项目支出绩效自评表恰为 N 张时，这些表的全年预算数（或全年执行数）之和应为 X；
        段落写明“全年预算数”或“全年执行数”时只比对该项。附表少于 N 张（按规定不公开、只公开
        重点项目）时无法核对，不报告。“整体支出绩效自评表 1 个”同样与部门整体自评表比对。

    反例:
        （一）预算绩效管理工作开展情况
        本部门组织开展绩效自评，共涉及项目 2 个，资金 90.00 万元。
        项目支出绩效自评表
        | 项目名称 | 甲项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 40.00 | 40.00 | 40.00 | 100.00% |
        项目支出绩效自评表
        | 项目名称 | 乙项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 30.00 | 30.00 | 30.00 | 100.00% |

    正例:
        （一）预算绩效管理工作开展情况
        本部门组织开展绩效自评，共涉及项目 2 个，资金 70.00 万元。
        项目支出绩效自评表
        | 项目名称 | 甲项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 40.00 | 40.00 | 40.00 | 100.00% |
        项目支出绩效自评表
        | 项目名称 | 乙项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 30.00 | 30.00 | 30.00 | 100.00% |
    """

    code = "FL411"
    name = "performance-narrative"
    severity = Severity.WARNING
    summary = "绩效段落的项目资金与所附自评表之和不符 (the 绩效 paragraph's funds are not the sum of its tables)"
    options = (TOLERANCE,)
    reads = (WholeReport("a 绩效 paragraph's funds against the performance tables it counts"),)

    def check(self) -> Iterator[Finding]:
        for statement in evaluation_statements(self.context.report):
            tables = [t for t in self.context.report.performance if t.kind == statement.kind and t.stage == "evaluation"]
            if statement.count == 0 or len(tables) != statement.count:
                continue  # not every counted table is printed: nothing to add up
            if any(t.funding is None or t.funding.budget is None or t.funding.actual is None for t in tables):
                continue
            for amount in statement.amounts:
                yield from self._check(statement, amount, tables)

    def _check(self, statement: EvaluationStatement, amount: EvaluatedAmount, tables: list[PerformanceTable]) -> Iterator[Finding]:
        stated = amount.claim.value
        value = stated.value / 10000 if amount.claim.unit == "元" else stated.value
        bases = list(BASES) if amount.basis == "either" else [amount.basis]
        sums: list[str] = []
        for basis in bases:
            terms: list[Number] = [getattr(t.funding, basis) for t in tables]
            total = sum((n.value for n in terms), Decimal(0))
            if abs(total - value) <= sum_tolerance(terms, stated) + self.tolerance:
                return
            sums.append(f"{BASES[basis]}合计 {' + '.join(n.text for n in terms)} = {fmt(total)} 万元")
        yield self.finding(
            stated.span,
            f"绩效自评{KINDS[statement.kind][0]} {statement.count} 个、{amount.claim.subject or '资金'} {amount.claim.text}，"
            f"而所附 {len(tables)} 张{KINDS[statement.kind][1]}绩效自评表的{'，'.join(sums)}",
            related=[Related(t.funding.span, f"“{t.name or t.title}”资金") for t in tables if t.funding is not None],
        )


RULE = PerformanceNarrative
