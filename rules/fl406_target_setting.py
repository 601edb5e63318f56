"""FL406: targets set too low (actual ≥ 1.5 × target) and tables whose every actual restates its target."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import Indicator, Measure, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.parser.performance import COST_NAME_RE, comparable, same_value, shown, value_pairs
from fiscallint.rule import PerformanceTables, Rule

RATIO = Decimal("1.5")
BOILERPLATE_MIN = 3


class TargetSetting(Rule):
    """绩效目标设定偏低（实际完成值达到目标值的 1.5 倍及以上），或全部实际值照抄目标值。

    说明:
        “≥”类数量指标的实际完成值达到目标值 1.5 倍以上，说明目标设定偏低（警告）。
        没有运算符的数量指标（PDF 文本中常见）按“≥”理解，但不含百分比和成本类指标。
        一格写有几个不同单位的数量（“3批 4人次”对“5批 7人次”）时按单位逐项比较，
        单位一一对应、次序相同才比较，每个偏低的数量报告一次。
        一张表中三个以上指标的实际完成值全部与指标值相同，多为照抄目标（提示，每表一次）。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥2 次 | 5 次 | 50 | 50 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 50 | 50 |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥2 次 | 2 次 | 30 | 30 |
        | 产出指标 | 质量指标 | 验收合格率 | 100% | 100% | 30 | 30 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 90% | 40 | 40 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 5 次 | 30 | 30 |
        | 产出指标 | 质量指标 | 验收合格率 | 100% | 100% | 30 | 30 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 40 | 40 |
    """

    code = "FL406"
    name = "target-setting"
    severity = Severity.WARNING
    summary = "目标设定偏低或实际值照抄目标值 (target set too low, or every actual restates its target)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            for indicator in table.indicators:
                for target, actual in value_pairs(indicator):
                    finding = self._too_low(indicator, target, actual)
                    if finding is not None:
                        yield finding
            yield from self._boilerplate(table)

    def _too_low(self, indicator: Indicator, target: Measure, actual: Measure) -> Finding | None:
        """A quantity whose actual is 1.5 times its target or more (the whole value, or one
        quantity of a compound one)."""
        if not comparable(target, actual):
            return None
        assert target.number is not None and actual.number is not None
        if target.op not in ("≥", ">", None) or actual.op not in (None, "≥", "="):
            return None
        if target.op is None and (target.is_percent or COST_NAME_RE.search(indicator.name)):
            return None
        if target.is_percent or target.number.value <= 0:
            return None
        ratio = actual.number.value / target.number.value
        if ratio < RATIO:
            return None
        return self.finding(
            actual.span,
            f"“{indicator.name}”实际完成 {shown(actual)}，是目标值 {shown(target)} 的 "
            f"{actual.number.text} / {target.number.text} = {fmt(ratio, 2)} 倍：目标可能设定偏低",
            related=[Related(target.span, "指标值")],
        )

    def _boilerplate(self, table: PerformanceTable) -> Iterator[Finding]:
        pairs = [(i.target, i.actual) for i in table.indicators if i.target is not None and i.actual is not None]
        if len(pairs) < BOILERPLATE_MIN or not all(same_value(t, a) for t, a in pairs):
            return
        first = table.indicators[0]
        yield self.finding(
            first.span,
            f"“{table.name or table.title}”全部 {len(pairs)} 个指标的实际完成值都与指标值相同，疑为照抄目标值",
            severity=Severity.INFO,
            related=[Related(i.span, i.name) for i in table.indicators[1:]],
        )


RULE = TargetSetting
