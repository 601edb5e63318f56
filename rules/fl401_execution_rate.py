"""FL401: a performance table's 执行率 must equal 全年执行数 / 全年预算数."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Funding, PerformanceTable
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import HUNDRED, fmt, is_truncation, percent_tolerance
from fiscallint.rule import TOLERANCE, PerformanceTables, Rule


class ExecutionRate(Rule):
    """绩效自评表的执行率等于全年执行数除以全年预算数。

    说明:
        绩效自评表资金部分的“执行率”= 全年执行数（B）/ 全年预算数（A）。年初预算数不是分母：
        预算调整后以全年预算数为准。允许的误差为执行率末位的半个单位，加上金额舍入的传播误差。
        部门整体自评表中“重点工作任务”各行的预算执行率同样检查。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 50.00 | 40.00 | 30.00 | 10 | 60.00% | 6.00 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 50.00 | 40.00 | 30.00 | 10 | 75.00% | 7.50 |
    """

    code = "FL401"
    name = "execution-rate"
    severity = Severity.ERROR
    summary = "执行率与执行数/预算数不符 (execution rate is not actual / budget)"
    options = (TOLERANCE,)
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            for funding in [table.funding, *table.budget_lines]:
                if funding is not None:
                    yield from self._check(funding)

    def _check(self, funding: Funding) -> Iterator[Finding]:
        a, b, rate = funding.budget, funding.actual, funding.rate
        if a is None or b is None or rate is None or a.value == 0:
            return
        computed = b.value / a.value * HUNDRED
        tolerance = percent_tolerance(rate, [(a, HUNDRED * b.value / a.value**2), (b, HUNDRED / a.value)])
        if abs(computed - rate.value) <= tolerance + self.tolerance:
            return
        truncated = is_truncation(computed, rate)
        yield self.finding(
            rate.span,
            f"执行率 {rate.text}% 与计算值不符：{b.text} / {a.text} = {fmt(computed, max(rate.decimals, 2))}%"
            + ("（截断而非四舍五入）" if truncated else ""),
            severity=Severity.INFO if truncated else None,
            related=[Related(a.span, "全年预算数"), Related(b.span, "全年执行数")],
            fix=Fix(rate.span, fmt(computed, rate.decimals), f"执行率改为计算值 {fmt(computed, rate.decimals)}%"),
        )


RULE = ExecutionRate
