"""FL407: a 预算执行率 indicator must agree with the table's own funding block."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import HUNDRED, fmt
from fiscallint.rule import PerformanceTables, Rule


class ExecutionIndicator(Rule):
    """“预算执行率”指标的实际完成值与本表资金部分的执行率一致。

    说明:
        部门整体或项目自评表常把“预算执行率”列为三级指标。它的实际完成值应当等于同表
        资金部分的执行率（全年执行数 / 全年预算数）。两者相差超过各自末位舍入时报告。

    反例:
        部门整体支出绩效自评表
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 100.00 | 100.00 | 80.00 | 80.00% |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
        | 管理效率 | 预算执行 | 预算执行率 | 100% | 100% |

    正例:
        部门整体支出绩效自评表
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 100.00 | 100.00 | 80.00 | 80.00% |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
        | 管理效率 | 预算执行 | 预算执行率 | 100% | 80% |
    """

    code = "FL407"
    name = "execution-indicator"
    severity = Severity.WARNING
    summary = "预算执行率指标与资金执行率不符 (execution-rate indicator contradicts the funding block)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            funding = table.funding
            if funding is None or funding.budget is None or funding.actual is None or funding.budget.value == 0:
                continue
            computed = funding.actual.value / funding.budget.value * HUNDRED
            for indicator in table.indicators:
                actual = indicator.actual
                if "执行率" not in indicator.name or actual is None or actual.number is None or not actual.is_percent:
                    continue
                tolerance = actual.number.ulp + (funding.rate.ulp if funding.rate is not None else 0) + 1
                if abs(actual.number.value - computed) <= tolerance:
                    continue
                yield self.finding(
                    actual.span,
                    f"“{indicator.name}”实际完成 {actual.number.text}%，而本表资金执行率为 "
                    f"{funding.actual.text} / {funding.budget.text} = {fmt(computed, 2)}%",
                    related=[Related(funding.span, "资金执行情况")],
                )


RULE = ExecutionIndicator
