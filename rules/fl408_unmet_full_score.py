"""FL408: an indicator whose target was not met must not get its full 分值 as 得分."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Indicator, Measure, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.parser.performance import comparable, is_bounded_rate, shown, unmet_in_words, value_pairs
from fiscallint.rule import PerformanceTables, Rule

MONEY_UNITS = ("万元", "元")
"""The units of a cost indicator's amounts."""


def unmet(indicator: Indicator, target: Measure, actual: Measure) -> bool:
    """True when a numeric target (the indicator's, or one quantity of a compound one) is
    provably missed: below a ≥/> target, above a ≤/< target, above a cost target in money
    printed with = or no sign (成本指标: a ceiling), or below a 100% target of a rate that cannot
    exceed 100% (及时率 100%, 实际 98%)."""
    if not comparable(target, actual) or actual.op is not None:
        return False
    assert target.number is not None and actual.number is not None
    t, a = target.number.value, actual.number.value
    if target.op in (None, "=") and target.unit in MONEY_UNITS and "成本" in indicator.level1 + indicator.level2:
        return a > t  # a cost target in money is a ceiling: spending beyond it misses it
    if target.op in (None, "=") and target.is_percent and t == 100 and is_bounded_rate(indicator.name):
        return a < t
    return {"≥": a < t, ">": a <= t, "≤": a > t, "<": a >= t}.get(target.op or "", False)


class UnmetFullScore(Rule):
    """未达成目标的指标不应得满分。

    说明:
        “≥”类指标实际完成值低于指标值，或“≤”类指标实际完成值高于指标值，或完成率、及时率等
        不超过 100% 的指标以 100% 为目标而实际低于 100%，即未达成目标；
        此时得分等于分值（满分）与通行的计分规则（得分 = 分值 × 完成比例）矛盾。一格写有
        几个不同单位的数量（“≥10场 ≥500人次”）时按单位逐项比较，任一数量未达成即未达成。
        实际完成值用文字写明未达成（“未完成”“尚未验收”），或以按时、某日前为目标而实际
        写“延期完成”“逾期”，同样是未达成目标。成本指标（一级或二级指标为成本类）以万元或元
        计、写“=”或不写运算符时，目标是支出的上限，实际超出即未达成。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 2 次 | 50 | 50 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |
        | 产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 2 次 | 50 | 25 |
        | 产出指标 | 时效指标 | 办理时限 | ≤30 天 | 20 天 | 50 | 50 |
    """

    code = "FL408"
    name = "unmet-full-score"
    severity = Severity.WARNING
    summary = "未达成目标的指标得满分 (full score on an indicator whose target was not met)"
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            for indicator in table.indicators:
                weight, score = indicator.weight, indicator.score
                if weight is None or score is None or weight.value == 0 or score.value < weight.value:
                    continue
                missed = next(((t, a) for t, a in value_pairs(indicator) if unmet(indicator, t, a) or unmet_in_words(t, a)), None)
                if missed is None:
                    continue
                target, actual = missed
                yield self.finding(
                    score.span,
                    f"“{indicator.name}”目标 {shown(target)}、实际 {shown(actual)}，未达成目标却得满分 "
                    f"{score.text}（分值 {weight.text}）",
                    related=[Related(actual.span, "实际完成值"), Related(weight.span, "分值")],
                )


RULE = UnmetFullScore
