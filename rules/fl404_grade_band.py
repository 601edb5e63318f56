"""FL404: the printed grade (优/良/中/差) must match the total score on the 90/80/60 scale."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import PerformanceTable
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import PerformanceTables, Rule

BANDS = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def grade_of(score: Decimal) -> str:
    """The grade of a score out of 100: 90–100 优, 80–90 良, 60–80 中, below 60 差."""
    return next(grade for floor, grade in BANDS if score >= floor)


class GradeBand(Rule):
    """评价等级与总分相符：90 分（含）以上为优，80–90 分为良，60–80 分为中，60 分以下为差。

    说明:
        绩效自评结果按总分分级（满分不是 100 时先折算为百分制）。等级与总分所在区间
        不一致时报告。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 3 次 | 100 | 75 | 场地不足 |
        | 总分 | | | | | 100 | 75 | 良 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 3 次 | 100 | 75 | 场地不足 |
        | 总分 | | | | | 100 | 75 | 中 |
    """

    code = "FL404"
    name = "grade-band"
    severity = Severity.ERROR
    summary = "评价等级与总分不符 (grade does not match the total score)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            score, grade, span = table.total_score, table.grade, table.grade_span
            if score is None or grade is None or span is None:
                continue
            full = table.total_weight.value if table.total_weight is not None and table.total_weight.value > 0 else Decimal(100)
            percent = score.value * 100 / full
            expected = grade_of(percent)
            if expected == grade:
                continue
            scaled = f"（百分制 {fmt(percent, 1)}）" if full != 100 else ""
            yield self.finding(
                span,
                f"评价等级“{grade}”与总分不符：总分 {score.text}{scaled} 应为“{expected}”（≥90 优，80–90 良，60–80 中，<60 差）",
                related=[Related(score.span, "总分")],
                fix=Fix(span, expected, f"评价等级改为“{expected}”"),
            )


RULE = GradeBand
