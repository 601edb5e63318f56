"""FL414: a budget's 时效 target dated after the budget year, in a table of the year's targets."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Indicator, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.patterns import lazy
from fiscallint.rule import PerformanceTables, Rule

TIMING_NAME_RE = lazy(r"时间|时限|日期|期限|时点|完成时|截止")
"""The name of an indicator measured by a date (完成时间, 验收时限)."""


class TargetDateBeyondYear(Rule):
    """年度绩效目标中的时效指标，目标日期不能晚于预算年度。

    说明:
        部门预算所附项目绩效目标表中，指标值栏注明“年度指标值”时，各指标是预算年度内要
        达到的目标。时效指标（二级指标为“时效指标”，或三级指标名称含时间、时限、日期、
        期限）的指标值若是预算年度之后的日期（2026 年预算写“2027年6月底前完成”），这一
        目标不可能在本年度实现，多为照搬跨年项目的总目标或年份填错。指标值栏未注明“年度”
        （可能是项目整个周期的目标）时不检查；没有年份的日期（12月底前）不检查。

    反例:
        某区文化局2030年部门预算
        项目支出绩效目标表
        | 项目名称 | 社区文化活动 |
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 |
        | 产出指标 | 数量指标 | 举办活动场次 | ≥12 场 |
        | 产出指标 | 时效指标 | 活动完成时间 | 2031年6月底前 |

    正例:
        某区文化局2030年部门预算
        项目支出绩效目标表
        | 项目名称 | 社区文化活动 |
        | 一级指标 | 二级指标 | 三级指标 | 年度指标值 |
        | 产出指标 | 数量指标 | 举办活动场次 | ≥12 场 |
        | 产出指标 | 时效指标 | 活动完成时间 | 2030年12月底前 |
    """

    code = "FL414"
    name = "target-date-beyond-year"
    severity = Severity.WARNING
    summary = "年度绩效目标的时效指标晚于预算年度 (a year's timing target is dated after the budget year)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        year = self.context.report.year
        if year is None:
            return
        for table in tables:
            if table.stage != "target" or not table.annual_targets:
                continue
            for indicator in table.indicators:
                target = indicator.target
                if target is None or target.year is None or target.year <= year or not _timing(indicator):
                    continue
                yield self.finding(
                    target.span,
                    f"“{indicator.name}”的年度指标值“{target.text}”在 {target.year} 年，晚于预算年度 {year} 年：本年度内无法实现",
                    related=[Related(indicator.span, indicator.name)],
                )


def _timing(indicator: Indicator) -> bool:
    return "时效" in indicator.level2 or TIMING_NAME_RE.search(indicator.name) is not None


RULE = TargetDateBeyondYear
