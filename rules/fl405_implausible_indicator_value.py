"""FL405: implausible indicator values: words on a rate, % on words, a bounded rate above 100%."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Indicator, Measure, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.parser.performance import is_bounded_rate, is_rate_name, shown
from fiscallint.patterns import lazy
from fiscallint.rule import PerformanceTables, Rule


class ImplausibleIndicatorValue(Rule):
    """率/满意度类指标的指标值不可信：用定性词表述、定性词配 % 单位、或超过 100%。

    说明:
        满意度、完成率、合格率、及时率等指标应以百分比衡量。指标值或实际完成值写成
        “有序推进”“显著”“有效”等定性词，或定性词配“%”单位，或满意度/完成率等超过
        100%，都说明指标设置或填报有误。每个指标报告一次。满意度指标以满意程度本身
        （满意、较满意、基本满意）为值时是一个等级，不视为含糊的定性词。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 工作推进情况 | = | 稳步推进 | % | 稳步推进 | 50 | 50 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥ | 90 | % | 95 | 50 | 50 |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 质量指标 | 验收合格率 | ≥95% | 显著 | 50 | 50 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 50 | 50 |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 105% | 50 | 50 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 效益指标 | 社会效益指标 | 工作推进情况 | 稳步推进 | 稳步推进 | 50 | 50 |
        | 满意度指标 | 满意度指标 | 服务对象满意度 | ≥90% | 95% | 50 | 50 |
        | 产出指标 | 数量指标 | 粉丝增长率 | ≥50% | 120% | 10 | 10 |
    """

    code = "FL405"
    name = "implausible-indicator-value"
    severity = Severity.WARNING
    summary = "指标值不可信：率类指标用定性词、定性词配%或超过100% (implausible rate indicator value)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            for indicator in table.indicators:
                problem = self._problem(indicator)
                if problem is not None:
                    measure, message = problem
                    yield self.finding(measure.span, message, related=[Related(indicator.span, indicator.name)])

    @staticmethod
    def _problem(indicator: Indicator) -> tuple[Measure, str] | None:
        name = indicator.name
        values = [(m, word) for m, word in ((indicator.target, "指标值"), (indicator.actual, "实际完成值")) if m is not None]
        for measure, word in values:
            if measure.qualitative and measure.is_percent:
                return measure, f"“{name}”的{word}“{measure.text}”是定性表述，却以 % 为单位"
        for measure, word in values:
            if measure.qualitative and is_rate_name(name) and not _satisfaction_grade(name, measure):
                return measure, f"“{name}”是率/满意度类指标，{word}却是定性表述“{measure.text}”，无法衡量"
        for measure, word in values:
            if measure.is_percent and measure.number is not None and measure.number.value > 100 and is_bounded_rate(name):
                return measure, f"“{name}”的{word} {shown(measure)} 超过 100%"
        return None


SATISFACTION_GRADE_RE = lazy(r"(非常|很|比较|较|基本)?满意")


def _satisfaction_grade(name: str, measure: Measure) -> bool:
    """A 满意度 valued by a grade of the satisfaction scale itself (满意, 较满意): a rating, not a vague word."""
    return "满意度" in name and SATISFACTION_GRADE_RE.fullmatch(measure.text.strip().lstrip("=＝≥")) is not None


RULE = ImplausibleIndicatorValue
