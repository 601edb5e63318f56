"""FL403: a performance table's 总分 must equal the sum of its 得分 (and 分值 sum to the printed total)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import Number, PerformanceTable
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, PerformanceTables, Rule


def score_tolerance(terms: list[Number], total: Number) -> Decimal:
    """Scores printed as integers are exact; a figure with decimals carries half a unit of its last digit."""
    rounded = [t.ulp for t in terms if t.decimals > 0]
    return sum(rounded, start=Decimal(0)) + (total.ulp if rounded or total.decimals > 0 else 0) + Decimal("1e-9")


class TotalScore(Rule):
    """总分（得分合计）等于资金执行得分与各指标得分之和。

    说明:
        绩效自评表的总得分 = 资金执行得分 + 各三级指标得分；“总分”栏的分值合计同样等于
        各项分值之和（通常为 100）。只在每个指标的分值/得分都读到、且指标部分没有无法定位的行时检查；整数分值和得分按精确值计算，
        带小数的得分允许末位半个单位的舍入误差。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 40.00 | 40.00 | 40.00 | 10 | 100.00% | 10 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 4 次 | 50 | 50 | |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 92% | 40 | 40 | |
        | 总分 | 100 | | | | | 得分 | 95 | 优 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 40.00 | 40.00 | 40.00 | 10 | 100.00% | 10 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 4 次 | 50 | 50 | |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 92% | 40 | 40 | |
        | 总分 | 100 | | | | | 得分 | 100 | 优 |
    """

    code = "FL403"
    name = "total-score"
    severity = Severity.ERROR
    summary = "总分与各项得分之和不符 (total score is not the sum of the scores)"
    options = (TOLERANCE,)
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            if not table.indicators or table.unplaced:
                continue  # a row that could not be placed: its score is unknown
            yield from self._check(table, table.total_score, "score", "得分")
            yield from self._check(table, table.total_weight, "weight", "分值")

    def _check(self, table: PerformanceTable, total: Number | None, field: str, word: str) -> Iterator[Finding]:
        terms = [getattr(i, field) for i in table.indicators]
        if total is None or any(t is None for t in terms):
            return
        funding = getattr(table.funding, field) if table.funding is not None else None
        if funding is not None:
            terms.insert(0, funding)
        computed = sum((t.value for t in terms), start=Decimal(0))
        if abs(computed - total.value) <= score_tolerance(terms, total) + self.tolerance:
            return
        shown = " + ".join(t.text for t in terms)
        yield self.finding(
            total.span,
            f"总分{word} {total.text} 与各项{word}之和不符：{shown} = {fmt(computed, max(t.decimals for t in terms))}",
            related=[Related(i.span, i.name) for i in table.indicators],
            fix=Fix(total.span, fmt(computed, total.decimals), f"总分改为各项得分之和 {fmt(computed, total.decimals)}"),
        )


RULE = TotalScore
