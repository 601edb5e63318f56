"""FL304: table 02 财政拨款收入 (合计 row) equals table 04 本年收入合计."""

from __future__ import annotations

from typing import Iterator

from fiscallint.facts import first_value
from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport

from .fl3_support import mismatch


class Appropriation0204(Rule):
    """公开02表合计行“财政拨款收入”栏等于公开04表“本年收入合计”。

    说明:
        04表只反映财政拨款，其本年收入合计就是02表合计行的财政拨款收入（第2栏）。
        只在02表合计行第2栏的位置确定时检查（制表符/表格版式，或整行各栏齐全）。

    反例:
        收入决算表
        公开02表
        单位：万元
        科目编码	科目名称	本年收入合计	财政拨款收入	其他收入
        合计		150.00	140.00	10.00
        201	一般公共服务支出	150.00	140.00	10.00

        财政拨款收入支出决算总表
        公开04表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款 1 150.00 一、一般公共服务支出 33 150.00
        本年收入合计 27 150.00 本年支出合计 59 150.00

    正例:
        收入决算表
        公开02表
        单位：万元
        科目编码	科目名称	本年收入合计	财政拨款收入	其他收入
        合计		150.00	140.00	10.00
        201	一般公共服务支出	150.00	140.00	10.00

        财政拨款收入支出决算总表
        公开04表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款 1 140.00 一、一般公共服务支出 33 140.00
        本年收入合计 27 140.00 本年支出合计 59 140.00
    """

    code = "FL304"
    name = "appropriation-02-04"
    severity = Severity.ERROR
    summary = "02表财政拨款收入与04表本年收入合计不符 (table 02 appropriation income differs from table 04 income total)"
    options = (TOLERANCE,)
    reads = (WholeReport("table 02's appropriation total against table 04"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        total02 = model.total_row("02")
        appropriation = total02.value_at(2) if total02 is not None else None
        income = first_value(model.row_by_label("04", "本年收入合计"))
        yield from mismatch(self, appropriation, income, "02表合计行财政拨款收入", "04表本年收入合计", "公开04表 本年收入合计")


RULE = Appropriation0204
