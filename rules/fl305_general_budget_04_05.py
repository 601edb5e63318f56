"""FL305: table 04's 一般公共预算 expenditure column equals table 05 小计, class by class (and
the same in a budget report's 财政拨款收支预算总表 and 一般公共预算支出功能分类预算表)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Number, Row
from fiscallint.facts import class_rows, first_value, fund_table, table_figures, three_column_total
from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport
from fiscallint.subjects import norm_label

from .fl3_support import mismatch


BUDGET_FUND_KINDS = {"fund": "B08", "capital": "B09"}
CARRIED = "结转"
"""A 结转下年 row: the budget's 支出总计 is then more than this year's expenditure."""


class GeneralBudget0405(Rule):
    """公开04表支出“一般公共预算财政拨款”栏等于公开05表同名类行及合计行的“小计”。

    说明:
        04表支出按功能分类列示，其中一般公共预算财政拨款栏与05表（一般公共预算财政拨款
        支出决算表）小计栏逐类相等，本年支出合计与05表合计相等。该栏的位置确定时（表格
        版式）直接取第2栏；版式丢失空栏时，仅当07、08表均无数据（政府性基金、国有资本
        经营预算支出为零）才以04表合计栏代替。部门预算的财政拨款收支预算总表与一般公共预算
        支出功能分类预算表同理（两表单位相同时；无本年支出合计行、也无结转行时以支出总计比较）。

    反例:
        财政拨款收入支出决算总表
        公开04表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款 1 150.00 一、一般公共服务支出 33 150.00
        本年收入合计 27 150.00 本年支出合计 59 150.00

        一般公共预算财政拨款支出决算表
        公开05表
        单位：万元
        科目编码 科目名称 小计 基本支出 项目支出
        合计 145.00 100.00 45.00
        201 一般公共服务支出 145.00 100.00 45.00

        政府性基金预算财政拨款收入支出决算表
        公开07表
        单位：万元
        注：本单位无此项内容，本表无数据。

        国有资本经营预算财政拨款支出决算表
        公开08表
        单位：万元
        注：本单位无此项内容，本表无数据。

    正例:
        财政拨款收入支出决算总表
        公开04表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款 1 150.00 一、一般公共服务支出 33 150.00
        本年收入合计 27 150.00 本年支出合计 59 150.00

        一般公共预算财政拨款支出决算表
        公开05表
        单位：万元
        科目编码 科目名称 小计 基本支出 项目支出
        合计 150.00 100.00 50.00
        201 一般公共服务支出 150.00 100.00 50.00

        政府性基金预算财政拨款收入支出决算表
        公开07表
        单位：万元
        注：本单位无此项内容，本表无数据。

        国有资本经营预算财政拨款支出决算表
        公开08表
        单位：万元
        注：本单位无此项内容，本表无数据。
    """

    code = "FL305"
    name = "general-budget-04-05"
    severity = Severity.ERROR
    summary = "04表一般公共预算支出与05表小计不符 (table 04 general-budget column differs from table 05)"
    options = (TOLERANCE,)
    reads = (WholeReport("table 04's (B04's) general-budget column against table 05 (B05)"),)

    def check(self) -> Iterator[Finding]:
        yield from self._compare("04", "05")
        yield from self._compare("B04", "B05")

    def _compare(self, kind04: str, kind05: str) -> Iterator[Finding]:
        """Table ``kind04``'s class rows and its expenditure total against table ``kind05``."""
        model = self.context.model
        table04, table05 = model.table(kind04), model.table(kind05)
        total05 = three_column_total(table05)
        if table04 is None or table05 is None or total05 is None or table04.unit != table05.unit:
            return
        budget = kind04 == "B04"
        only_general = self._only_general_budget(budget)
        pairs: list[tuple[Row, Row]] = []
        classes = {norm_label(r.label): r for r in class_rows(table05)}
        carried = any(CARRIED in r.label for r in table04.rows)
        for row in table04.rows:
            label = norm_label(row.label)
            if label in classes:
                pairs.append((row, classes[label]))
            elif label == "本年支出合计" or (budget and label == "支出总计" and not carried):
                pairs.append((row, total05))
        name04, name05 = (f"《{table04.title}》", f"《{table05.title}》") if budget else ("04表", "05表")
        for row04, row05 in pairs:
            yield from mismatch(
                self, self._general(row04, only_general), first_value(row05),
                f"{name04}“{norm_label(row04.label)}”一般公共预算{'' if budget else '财政拨款'}", f"{name05}合计" if budget else "05表小计",
                f"{'' if budget else '公开05表 '}{row05.code or ''} {row05.label}".strip().replace("  ", " "),
            )

    def _only_general_budget(self, budget: bool) -> bool:
        """True when the 政府性基金 and 国有资本经营 tables show no figure at all."""
        model = self.context.model
        for kind in ("fund", "capital"):
            table = model.table(BUDGET_FUND_KINDS[kind]) if budget else fund_table(self.context.report, kind)
            if table is None or table_figures(table):
                return False
        return True

    @staticmethod
    def _general(row: Row, only_general: bool) -> Number | None:
        number = row.value_at(2)
        if number is not None:
            return number
        if only_general and row.cells:
            return first_value(row)
        return None


RULE = GeneralBudget0405
