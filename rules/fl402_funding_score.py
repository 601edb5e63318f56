"""FL402: the funding block's 得分 must equal 分值 × min(执行率, 1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import PerformanceTable
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import HUNDRED, fmt
from fiscallint.rule import TOLERANCE, PerformanceTables, Rule


class FundingScore(Rule):
    """资金执行部分的得分等于分值乘以执行率（执行率超过 100% 按 100% 计）。

    说明:
        绩效自评表“预算执行率”一项的得分 = 分值 × min(执行率, 100%)。例如分值 10、
        执行率 75% 时得分 7.5。误差允许得分末位半个单位加上执行率舍入的影响。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 50.00 | 40.00 | 30.00 | 10 | 75.00% | 10.00 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 50.00 | 40.00 | 30.00 | 10 | 75.00% | 7.50 |
    """

    code = "FL402"
    name = "funding-score"
    severity = Severity.ERROR
    summary = "资金执行得分与分值×执行率不符 (funding score is not weight × execution rate)"
    options = (TOLERANCE,)
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            funding = table.funding
            if funding is None or funding.weight is None or funding.rate is None or funding.score is None:
                continue
            weight, rate, score = funding.weight, funding.rate, funding.score
            share = min(rate.value / HUNDRED, Decimal(1))
            expected = weight.value * share
            tolerance = score.ulp + weight.value * rate.ulp / HUNDRED + Decimal("1e-9")  # 分值 is exact
            if abs(expected - score.value) <= tolerance + self.tolerance:
                continue
            corrected = fmt(expected, score.decimals if expected == expected.to_integral_value() else max(score.decimals, 2))
            yield self.finding(
                score.span,
                f"资金执行得分 {score.text} 与计算值不符：{weight.text} × {fmt(share * HUNDRED, rate.decimals)}% = {fmt(expected)}",
                related=[Related(weight.span, "分值"), Related(rate.span, "执行率")],
                fix=Fix(score.span, corrected, f"得分改为计算值 {corrected}"),
            )


RULE = FundingScore
