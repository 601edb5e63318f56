"""FL410: a cost indicator (成本指标) must not contradict the table's funding block."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from fiscallint.ast import Funding, Indicator, Measure, Number, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.parser.performance import is_rate_name, shown
from fiscallint.patterns import lazy
from fiscallint.rule import TOLERANCE, PerformanceTables, Rule

COST_NAME_RE = lazy(r"成本|费用|经费|资金|费$")
NOT_COST_RE = lazy(r"率|比例|人均|单价|平均|每|标准|次均|带动|撬动|拉动|吸引|引导|节约|节省|收入|效益|产值|投资|社会资金")
TOTAL_NAME_RE = lazy(r"总|合计|全部|整体")
AMOUNT_UNIT_RE = lazy(r"^(万元|元)(以内|以下)?$")
SCALES = {"万元": Decimal(1), "元": Decimal("0.0001")}


@dataclass
class Cost:
    """A cost indicator with its figures in 万元; ``scale`` is None when no unit is printed."""

    indicator: Indicator
    scale: Decimal | None

    def value(self, measure: Measure | None) -> Decimal | None:
        if measure is None or measure.number is None:
            return None
        return measure.number.value * (self.scale or 1)

    def ulp(self, measure: Measure) -> Decimal:
        assert measure.number is not None
        return measure.number.ulp * (self.scale or 1)

    def in_wan(self, measure: Measure) -> str:
        """The figure in 万元, as printed when it is printed in 万元."""
        assert measure.number is not None
        return measure.number.text if self.scale == 1 else fmt(measure.number.value * (self.scale or 1), 4)

    def text(self, measure: Measure) -> str:
        if self.scale == SCALES["元"] and measure.number is not None:
            return f"{shown(measure)}（= {fmt(measure.number.value * self.scale, 4)} 万元）"
        return shown(measure) if self.scale is not None else f"{shown(measure)}（未注单位）"


def cost(indicator: Indicator) -> Cost | None:
    """The indicator as a cost in money (万元/元 or no unit), or None when it is something else."""
    name, block = indicator.name, indicator.level1 + indicator.level2
    if NOT_COST_RE.search(name) or is_rate_name(name):
        return None
    if block and "成本" not in block:
        return None  # a 产出/效益 indicator that names money (带动资金…) is not a cost
    if "成本" not in block and not COST_NAME_RE.search(name):
        return None
    measures = [m for m in (indicator.target, indicator.actual) if m is not None and m.number is not None]
    units = {AMOUNT_UNIT_RE.sub(r"\1", m.unit) for m in measures if m.unit}
    if not measures or len(units) > 1:
        return None
    unit = units.pop() if units else ""
    if unit and unit not in SCALES:
        return None
    return Cost(indicator, SCALES[unit] if unit else None)


class CostIndicatorVsBudget(Rule):
    """成本指标的指标值、实际完成值与本表资金部分一致。

    说明:
        成本指标（一级指标“成本指标”、二级指标“经济成本指标”，或名称含成本/费用/经费/资金、
        单位为万元或元的三级指标）是以金额表示的支出。检查三点（元换算为万元）：
        一项成本的实际完成值不能超过本表全年执行数（错误；指标值本身已超出全年预算数的跨年
        成本只作警告）；各成本指标实际完成值之和不应超过全年执行数（警告，一项为其余之和的
        “总额+明细”写法除外）；表中唯一的成本指标若实际完成值等于全年执行数（或指标值等于
        全年预算数、年初预算数），即覆盖整个项目，则指标值应等于预算数、实际完成值应等于
        执行数（警告）。未注单位的数值只用于最后一项，且须与资金部分有一项相符。
        部门预算所附项目绩效目标表没有实际完成值：成本指标的指标值（=、≥ 或不带运算符）超过
        本表年度资金总额（以及所列项目资金总额）时报告，目标在预算内无法实现；“≤”上限不报告。

    反例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 50.00 | 50.00 | 40.00 | 80.00% |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
        | 成本指标 | 经济成本指标 | 培训费 | ≤30 万元 | 45 万元 |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 50.00 | 50.00 | 40.00 | 80.00% |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
        | 成本指标 | 经济成本指标 | 项目经费 | =60 万元 | 40 万元 |

    正例:
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 50.00 | 50.00 | 40.00 | 80.00% |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
        | 成本指标 | 经济成本指标 | 培训费 | ≤30 万元 | 25 万元 |
        | 成本指标 | 经济成本指标 | 资料印制费 | ≤20 万元 | 15 万元 |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
        | | 年度资金总额 | 50.00 | 50.00 | 40.00 | 80.00% |
        | 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |
        | 成本指标 | 经济成本指标 | 项目经费 | =50 万元 | 40 万元 |
    """

    code = "FL410"
    name = "cost-indicator-vs-budget"
    severity = Severity.WARNING
    summary = "成本指标与本表预算数、执行数矛盾 (a cost indicator contradicts the funding block)"
    options = (TOLERANCE,)
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            if table.stage == "target":
                yield from self._planned(table)
                continue
            funding = table.funding
            if funding is None or funding.budget is None or funding.actual is None:
                continue
            costs = [c for c in map(cost, table.indicators) if c is not None]
            exceeding = list(self._exceeding(costs, funding))
            yield from exceeding
            if not exceeding:
                yield from self._sum(costs, funding)
            if len(costs) == 1 and not exceeding:
                yield from self._whole(costs[0], funding)

    def _planned(self, table: PerformanceTable) -> Iterator[Finding]:
        """A target table: a cost target that cannot be met within the money the table plans
        (above the year's total and the project's whole-period total); a ceiling (≤) is no such
        target."""
        budget = table.funding.budget if table.funding is not None else None
        scale = SCALES.get(table.funding_unit)
        if budget is None or scale is None:
            return
        ceilings = [n for n in (budget, table.period_total) if n is not None]
        limit = max(n.value * scale for n in ceilings)
        for item in filter(None, map(cost, table.indicators)):
            target = item.indicator.target
            planned = item.value(target)
            if target is None or planned is None or item.scale is None or target.op in ("≤", "<"):
                continue
            if planned <= limit + item.ulp(target) + max(n.ulp * scale for n in ceilings) + self.tolerance:
                continue
            money = "、".join(f"{label} {n.text} {table.funding_unit}" for label, n in (("年度资金总额", budget), ("项目资金总额", table.period_total)) if n is not None)
            yield self.finding(
                target.span,
                f"成本指标“{item.indicator.name}”的指标值 {item.text(target)} 超过本表{money}：目标在预算内无法实现",
                related=[Related(budget.span, "年度资金总额")],
            )

    def _exceeding(self, costs: list[Cost], funding: Funding) -> Iterator[Finding]:
        """One cost's actual above everything the table spent."""
        budget, spent = funding.budget, funding.actual
        assert budget is not None and spent is not None
        for item in costs:
            actual, target = item.indicator.actual, item.indicator.target
            value, planned = item.value(actual), item.value(target)
            if item.scale is None or actual is None or value is None:
                continue
            if value <= spent.value + item.ulp(actual) + spent.ulp + self.tolerance:
                continue
            wider = planned is not None and planned > budget.value + budget.ulp
            yield self.finding(
                actual.span,
                f"成本指标“{item.indicator.name}”实际完成 {item.text(actual)}，超过本表全年执行数 {spent.text} 万元"
                + (f"（指标值 {shown(target)} 亦超出全年预算数 {budget.text} 万元，或为跨年总成本）" if wider and target else ""),
                severity=Severity.WARNING if wider else Severity.ERROR,
                related=[Related(spent.span, "全年执行数")],
            )

    def _sum(self, costs: list[Cost], funding: Funding) -> Iterator[Finding]:
        """The costs' actuals together above what the table spent (unless one is the total of the others)."""
        spent = funding.actual
        assert spent is not None
        items = [(c, c.value(c.indicator.actual)) for c in costs if c.scale is not None]
        items = [(c, v) for c, v in items if v is not None]
        if len(items) < 2 or any(TOTAL_NAME_RE.search(c.indicator.name) for c, _ in items):
            return
        total = sum((v for _, v in items), Decimal(0))
        tolerance = sum((c.ulp(c.indicator.actual) for c, _ in items if c.indicator.actual), spent.ulp) + Decimal("0.01") * len(items)
        if any(abs(2 * v - total) <= tolerance for _, v in items):
            return  # one of them is the sum of the others: a total with its breakdown
        if total <= spent.value + tolerance + self.tolerance:
            return
        first = items[0][0].indicator
        assert first.actual is not None
        terms = " + ".join(c.in_wan(c.indicator.actual) for c, _ in items if c.indicator.actual)
        yield self.finding(
            first.actual.span,
            f"各成本指标实际完成值之和 {terms} = {fmt(total)} 万元，超过本表全年执行数 {spent.text} 万元",
            related=[Related(c.indicator.span, f"“{c.indicator.name}”") for c, _ in items[1:]] + [Related(spent.span, "全年执行数")],
        )

    def _whole(self, item: Cost, funding: Funding) -> Iterator[Finding]:
        """The table's only cost indicator, when it covers the whole project: target = budget, actual = spent."""
        budget, spent = funding.budget, funding.actual
        assert budget is not None and spent is not None
        target, actual = item.indicator.target, item.indicator.actual
        planned, value = item.value(target), item.value(actual)
        if target is None or actual is None or planned is None or value is None:
            return
        budgets = [n for n in (budget, funding.initial) if n is not None]
        planned_ok = any(_close(planned, item.ulp(target), n) for n in budgets)
        spent_ok = _close(value, item.ulp(actual), spent)
        if spent_ok and not planned_ok:
            if target.op in ("≤", "<") and planned >= budget.value:
                return  # a ceiling at or above the budget is not a contradiction
            named = "、".join(f"{label} {n.text} 万元" for label, n in (("全年预算数", budget), ("年初预算数", funding.initial)) if n is not None)
            yield self.finding(
                target.span,
                f"本表唯一的成本指标“{item.indicator.name}”实际完成 {item.text(actual)} 即全年执行数 {spent.text} 万元（覆盖整个项目），"
                f"但指标值 {item.text(target)} 与{named}均不符",
                related=[Related(budget.span, "全年预算数")],
            )
        elif planned_ok and not spent_ok:
            matched = budget if _close(planned, item.ulp(target), budget) else funding.initial
            assert matched is not None
            label = "全年预算数" if matched is budget else "年初预算数"
            yield self.finding(
                actual.span,
                f"本表唯一的成本指标“{item.indicator.name}”指标值 {item.text(target)} 即{label} {matched.text} 万元（覆盖整个项目），"
                f"但实际完成 {item.text(actual)} 与全年执行数 {spent.text} 万元不符",
                related=[Related(spent.span, "全年执行数")],
            )


def _close(value: Decimal, ulp: Decimal, number: Number) -> bool:
    """``value`` (rounding ``ulp``) equals ``number`` within both roundings; unlike
    :func:`fiscallint.facts.differs`, a zero still carries its rounding."""
    return abs(value - number.value) <= ulp + number.ulp + Decimal("1e-9")


RULE = CostIndicatorVsBudget
