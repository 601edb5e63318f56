"""FL306: table 05 基本支出 合计 equals table 06 人员经费合计 + 公用经费合计 (in a budget report,
the 一般公共预算支出功能分类预算表's 基本支出 equals the 基本支出经济分类预算表's 合计)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.facts import first_value, staff_public_06, three_column_total
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.rule import TOLERANCE, Rule, WholeReport

from .fl3_support import mismatch


class BasicExpenditure0506(Rule):
    """公开05表合计行“基本支出”等于公开06表人员经费合计与公用经费合计之和。

    说明:
        06表是05表基本支出按经济分类的明细：人员经费合计 + 公用经费合计 = 05表合计行
        基本支出栏（06表以“合计 | 人员经费 | 公用经费”分栏列示时，取其合计行的人员经费、
        公用经费栏）。允许每个加数 0.01 的尾数误差。部门预算的一般公共预算支出功能分类预算表
        合计行基本支出栏等于一般公共预算基本支出经济分类预算表的合计（两表单位相同时）。

    反例:
        一般公共预算财政拨款支出决算表
        公开05表
        单位：万元
        科目编码 科目名称 小计 基本支出 项目支出
        合计 150.00 100.00 50.00
        201 一般公共服务支出 150.00 100.00 50.00

        一般公共预算财政拨款基本支出决算明细表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        301 工资福利支出 80.00
        302 商品和服务支出 15.00
        人员经费合计 80.00
        公用经费合计 15.00

    正例:
        一般公共预算财政拨款支出决算表
        公开05表
        单位：万元
        科目编码 科目名称 小计 基本支出 项目支出
        合计 150.00 100.00 50.00
        201 一般公共服务支出 150.00 100.00 50.00

        一般公共预算财政拨款基本支出决算明细表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        301 工资福利支出 80.00
        302 商品和服务支出 20.00
        人员经费合计 80.00
        公用经费合计 20.00
    """

    code = "FL306"
    name = "basic-expenditure-05-06"
    severity = Severity.ERROR
    summary = "05表基本支出与06表人员经费、公用经费合计之和不符 (table 05 basic expenditure differs from table 06)"
    options = (TOLERANCE,)
    reads = (WholeReport("table 05's (B05's) basic expenditure against table 06 (B06)"),)

    def check(self) -> Iterator[Finding]:
        yield from self._budget()
        model = self.context.model
        total05 = three_column_total(model.table("05"))
        table06 = model.table("06")
        if total05 is None or table06 is None or "基本支出" not in table06.title:
            return
        basic = total05.value_at(2)
        staff, public = staff_public_06(table06, lambda label: model.row_by_label("06", label))
        if basic is None or staff is None or public is None:
            return
        computed = staff.value + public.value
        if abs(computed - basic.value) <= sum_tolerance([staff, public], basic) + self.tolerance:
            return
        yield self.finding(
            basic.span,
            f"05表基本支出 {basic.text} 与06表不符：人员经费合计 {staff.text} + 公用经费合计 {public.text} = {fmt(computed)}",
            related=[Related(staff.span, "公开06表 人员经费合计"), Related(public.span, "公开06表 公用经费合计")],
        )

    def _budget(self) -> Iterator[Finding]:
        """A budget report: the 基本支出 of the 一般公共预算支出功能分类预算表's 合计 row equals the
        合计 of the 一般公共预算基本支出经济分类预算表 (its 人员经费 + 公用经费, FL202)."""
        model = self.context.model
        table05, table06 = model.table("B05"), model.table("B06")
        total05 = three_column_total(table05)
        if total05 is None or table06 is None or table05.unit != table06.unit:  # type: ignore[union-attr]
            return
        yield from mismatch(
            self, total05.value_at(2), first_value(model.total_row("B06")), f"《{table05.title}》合计行基本支出",  # type: ignore[union-attr]
            f"《{table06.title}》合计", f"《{table06.title}》 合计",
        )


RULE = BasicExpenditure0506
