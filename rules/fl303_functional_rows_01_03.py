"""FL303: each functional row of table 01 equals the 类 row of the same name in table 03 (and the
same in a budget report's 财务收支预算总表 and 支出预算总表)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.facts import class_rows, first_value
from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport
from fiscallint.subjects import norm_label

from .fl3_support import mismatch


class FunctionalRows0103(Rule):
    """公开01表各功能分类支出行等于公开03表同名“类”行的本年支出合计。

    说明:
        01表支出栏按功能分类列示（一、一般公共服务支出…），每一行都等于03表同名类
        （3位编码）行的第1栏。只比较两表都列出金额的类。部门预算的财务收支预算总表与
        支出预算总表同理（两表单位相同时）。

    反例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 130.00 一、一般公共服务支出 32 110.00
        八、其他收入 8 八、社会保障和就业支出 39 20.00

        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 130.00
        201 一般公共服务支出 100.00
        208 社会保障和就业支出 30.00

    正例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 130.00 一、一般公共服务支出 32 110.00
        八、其他收入 8 八、社会保障和就业支出 39 20.00

        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 130.00
        201 一般公共服务支出 110.00
        208 社会保障和就业支出 20.00
    """

    code = "FL303"
    name = "functional-rows-01-03"
    severity = Severity.ERROR
    summary = "01表功能分类支出行与03表类行不符 (a table 01 functional row differs from the table 03 class row)"
    options = (TOLERANCE,)
    reads = (WholeReport("table 01's (B01's) functional rows against the class rows of table 03 (B03)"),)

    def check(self) -> Iterator[Finding]:
        yield from self._compare("01", "03")
        yield from self._compare("B01", "B03")

    def _compare(self, kind01: str, kind03: str) -> Iterator[Finding]:
        """Table ``kind01``'s functional rows against the class rows of table ``kind03``."""
        table01, table03 = self.context.model.table(kind01), self.context.model.table(kind03)
        classes = {norm_label(r.label): r for r in class_rows(table03)}
        if table01 is None or table03 is None or not classes or table01.unit != table03.unit:
            return
        name01, name03 = (f"《{table01.title}》", f"《{table03.title}》") if kind01 == "B01" else ("01表", "03表")
        for row in table01.rows:
            other = classes.get(norm_label(row.label))
            if other is not None:
                yield from mismatch(
                    self, first_value(row), first_value(other), f"{name01}“{norm_label(row.label)}”", f"{name03} {other.code} 类",
                    f"{'公开03表' if kind01 == '01' else name03} {other.code} {other.label}",
                )


RULE = FunctionalRows0103
