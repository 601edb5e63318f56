"""FL413: an indicator whose target was provably met, scored below its 分值 with no 偏差原因 given."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Measure, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.parser.performance import comparable, shown, value_pairs
from fiscallint.rule import PerformanceTables, Rule


def met(target: Measure, actual: Measure) -> bool:
    """True when a numeric target (or one quantity of a compound one) is provably met: at or
    above a ≥ target, above a > target, at or below a ≤ target, below a < target, or equal to
    an = target (same unit)."""
    if target.op is None or actual.op is not None or not comparable(target, actual):
        return False
    assert target.number is not None and actual.number is not None
    t, a = target.number.value, actual.number.value
    return {"≥": a >= t, ">": a > t, "≤": a <= t, "<": a < t, "=": a == t}.get(target.op, False)


class MetBelowFull(Rule):
    """达成目标的指标未得满分，且未说明偏差原因。

    说明:
        “≥”类指标实际完成值不低于指标值、“≤”类不高于指标值、“=”类与指标值相同，即已达成
        目标；按通行的计分规则（完成目标得满分）得分应等于分值。得分低于分值而“偏差原因”
        一栏空着时报告：扣分没有依据。写明了扣分原因（如质量、进度方面的问题）的不报告。
        一格写有几个不同单位的数量时按单位逐项比较，每一项都达成才算达成。
    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 5 次 | 50 | 45 | |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 50 | 50 | |
    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 5 次 | 50 | 45 | 两期培训延期举办 |
        | 产出指标 | 数量指标 | 编印资料册数 | ≥400 册 | 300 册 | 20 | 15 | 印刷费用上涨 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 30 | 30 | |
    """

    code = "FL413"
    name = "met-below-full"
    severity = Severity.WARNING
    summary = "达成目标的指标未得满分且无偏差原因 (a met target scored below full with no reason given)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            for indicator in table.indicators:
                weight, score = indicator.weight, indicator.score
                pairs = value_pairs(indicator)
                if weight is None or score is None or score.value >= weight.value or indicator.reason or not pairs:
                    continue
                if not all(met(t, a) for t, a in pairs):
                    continue
                assert indicator.target is not None and indicator.actual is not None
                yield self.finding(
                    score.span,
                    f"“{indicator.name}”目标 {shown(indicator.target)}、实际 {shown(indicator.actual)}，已达成目标却只得 "
                    f"{score.text}（分值 {weight.text}），且未说明偏差原因",
                    related=[Related(indicator.actual.span, "实际完成值"), Related(weight.span, "分值")],
                )


RULE = MetBelowFull
