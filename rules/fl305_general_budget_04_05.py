"""FL305: table 04's 一般公共预算 expenditure column equals table 05 小计, class by class."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Number, Row
from fiscallint.facts import class_rows, first_value, fund_table, table_figures, three_column_total
from fiscallint.findings import Finding, Severity
from fiscallint.model import norm_label
from fiscallint.rule import TOLERANCE, Rule, WholeReport

from .fl3_support import mismatch


class GeneralBudget0405(Rule):
    """公开04表支出“一般公共预算财政拨款”栏等于公开05表同名类行及合计行的“小计”。

    说明:
        04表支出按功能分类列示，其中一般公共预算财政拨款栏与05表（一般公共预算财政拨款
        支出决算表）小计栏逐类相等，本年支出合计与05表合计相等。该栏的位置确定时（表格
        版式）直接取第2栏；版式丢失空栏时，仅当07、08表均无数据（政府性基金、国有资本
        经营预算支出为零）才以04表合计栏代替。

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
    reads = (WholeReport("table 04's general-budget column against table 05"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        table04, table05 = model.table("04"), model.table("05")
        total05 = three_column_total(table05)
        if table04 is None or total05 is None:
            return
        only_general = self._only_general_budget()
        pairs: list[tuple[Row, Row]] = []
        classes = {norm_label(r.label): r for r in class_rows(table05)}
        for row in table04.rows:
            label = norm_label(row.label)
            if label in classes:
                pairs.append((row, classes[label]))
            elif label == "本年支出合计":
                pairs.append((row, total05))
        for row04, row05 in pairs:
            yield from mismatch(
                self, self._general(row04, only_general), first_value(row05),
                f"04表“{norm_label(row04.label)}”一般公共预算财政拨款", "05表小计",
                f"公开05表 {row05.code or ''} {row05.label}".replace("  ", " "),
            )

    def _only_general_budget(self) -> bool:
        """True when the 政府性基金 and 国有资本经营 tables show no figure at all."""
        for kind in ("fund", "capital"):
            table = fund_table(self.context.report, kind)
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
