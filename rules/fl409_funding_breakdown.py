"""FL409: 基本支出总额 + 项目支出总额 in a department table must equal its 执行数."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.rule import TOLERANCE, PerformanceTables, Rule


class FundingBreakdown(Rule):
    """部门整体自评表中基本支出总额与项目支出总额之和等于全年执行数。

    说明:
        部门整体支出绩效自评表表头列出“基本支出总额”和“项目支出总额”，两者之和即部门
        整体支出，应等于资金部分的执行数（B）。常见错误是把支出总额填进了基本支出栏。

    反例:
        部门整体支出绩效自评表
        | 单位名称 | 示范单位 |
        | 基本支出总额 | 300.00 | 项目支出总额 | 80.00 |
        | 资金（万元） | | 全年预算数 | 全年执行数 | 执行率 |
        | | 部门整体支出总额 | 300.00 | 300.00 | 100.00% |

    正例:
        部门整体支出绩效自评表
        | 单位名称 | 示范单位 |
        | 基本支出总额 | 220.00 | 项目支出总额 | 80.00 |
        | 资金（万元） | | 全年预算数 | 全年执行数 | 执行率 |
        | | 部门整体支出总额 | 300.00 | 300.00 | 100.00% |
    """

    code = "FL409"
    name = "funding-breakdown"
    severity = Severity.WARNING
    summary = "基本支出与项目支出之和不等于执行数 (basic + project spending is not the actual total)"
    options = (TOLERANCE,)
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            basic, project = table.basic_total, table.project_total
            actual = table.funding.actual if table.funding is not None else None
            if basic is None or project is None or actual is None:
                continue
            computed = basic.value + project.value
            if abs(computed - actual.value) <= sum_tolerance([basic, project], actual) + self.tolerance:
                continue
            hint = "（基本支出总额与执行数相同，疑将支出总额填入基本支出栏）" if basic.value == actual.value else ""
            yield self.finding(
                basic.span,
                f"基本支出总额 {basic.text} + 项目支出总额 {project.text} = {fmt(computed)}，与全年执行数 {actual.text} 不符{hint}",
                related=[Related(project.span, "项目支出总额"), Related(actual.span, "全年执行数")],
            )


RULE = FundingBreakdown
