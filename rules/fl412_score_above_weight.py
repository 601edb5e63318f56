"""FL412: no 得分 of a performance table exceeds its 分值."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Number, PerformanceTable, Span
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import PerformanceTables, Rule


class ScoreAboveWeight(Rule):
    """得分不超过分值：指标、资金执行和总分的得分都不能高于其分值。

    说明:
        绩效自评表每个三级指标的得分在 0 到该指标分值之间，资金执行部分的得分不超过其
        分值，总分得分不超过总分分值。得分高于分值多为分值与得分两栏填反或计分错误。
    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 5 次 | 40 | 45 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 60 | 60 |
    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 5 次 | 40 | 40 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 60 | 60 |
    """

    code = "FL412"
    name = "score-above-weight"
    severity = Severity.ERROR
    summary = "得分高于分值 (a score exceeds its weight)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            scored: list[tuple[str, Number | None, Number | None, Span]] = [
                (f"“{i.name}”", i.weight, i.score, i.span) for i in table.indicators
            ]
            if table.funding is not None:
                scored.append(("资金执行", table.funding.weight, table.funding.score, table.funding.span))
            scored.append(("总分", table.total_weight, table.total_score, table.span))
            for what, weight, score, span in scored:
                if weight is None or score is None or score.value <= weight.value:
                    continue
                yield self.finding(
                    score.span,
                    f"{what}得分 {score.text} 高于分值 {weight.text}",
                    related=[Related(weight.span, "分值"), Related(span, what.strip("“”"))],
                )


RULE = ScoreAboveWeight
