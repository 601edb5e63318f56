"""FL204: a table's 合计 row must equal the sum of its 类 rows."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Table
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.rule import TOLERANCE, Rule, Tables

from .fl2_support import one_row_to_blame, under_parent_code


class TotalOfClasses(Rule):
    """合计行等于各类（3位科目编码）行之和。

    说明:
        支出功能分类表（公开02、03、05、07、08表）中，“合计”行的每一栏都等于各“类”行
        （3位编码，如 201、208）该栏之和。允许每个加数 0.01 的尾数误差。某一“类”行与其
        各“款”之和恰好相差合计差额的相反数时，错的是这一类行（由 FL201 报告），合计不报。

    反例:
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 300.00
        201 一般公共服务支出 120.00
        208 社会保障和就业支出 100.00

    正例:
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 220.00
        201 一般公共服务支出 120.00
        208 社会保障和就业支出 100.00
    """

    code = "FL204"
    name = "total-of-classes"
    severity = Severity.ERROR
    summary = "合计行与各类行之和不符 (the 合计 row is not the sum of the 类 rows)"
    options = (TOLERANCE,)
    reads = (Tables(),)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        for table in tables:
            yield from self._check_table(table)

    def _check_table(self, table: Table) -> Iterator[Finding]:
        total = next((r for r in table.rows if r.code is None and r.label.replace(" ", "") in ("合计", "总计")), None)
        classes = [r for r in table.rows if r.level == 1]
        if total is None or not classes:
            return
        children = under_parent_code(k for k in table.rows if k.level == 2)
        families = {r.code: children.get(r.code, []) for r in classes if r.code}
        for cell in total.cells:
            if cell.column is None:
                continue
            terms = [r.value_at(cell.column) for r in classes]
            if any(r.positioned is False and t is None for r, t in zip(classes, terms)) and cell.column != 1:
                continue
            present = [t for t in terms if t is not None]
            computed = sum((t.value for t in present), start=cell.number.value * 0)
            if abs(computed - cell.number.value) <= sum_tolerance(present, cell.number) + self.tolerance:
                continue
            if one_row_to_blame(cell.number.value - computed, classes, families, cell.column, self.tolerance):
                continue  # one 类 is off from its 款 by as much: that row is the wrong one (FL201)
            shown = " + ".join(t.text for t in present) or "0"
            yield self.finding(
                cell.number.span,
                f"合计第{cell.column}栏 {cell.number.text} 与各类之和不符：{shown} = {fmt(computed)}",
                related=[Related(r.span, r.label) for r in classes],
            )


RULE = TotalOfClasses
