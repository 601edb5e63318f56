"""FL302: table 01 本年支出合计 equals table 03 合计."""

from __future__ import annotations

from fiscallint.findings import Severity

from .fl3_support import TotalAgainst01


class ExpenditureTotal0103(TotalAgainst01):
    """公开01表“本年支出合计”等于公开03表“合计”行的本年支出合计。

    说明:
        收入支出决算总表（01）的本年支出合计，与支出决算表（03）合计行第1栏是同一个数。

    反例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 130.00 一、一般公共服务支出 32 130.00
        本年收入合计 27 130.00 本年支出合计 58 130.00

        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 103.00
        201 一般公共服务支出 103.00

    正例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 130.00 一、一般公共服务支出 32 130.00
        本年收入合计 27 130.00 本年支出合计 58 130.00

        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 130.00
        201 一般公共服务支出 130.00
    """

    code = "FL302"
    name = "expenditure-total-01-03"
    severity = Severity.ERROR
    summary = "01表本年支出合计与03表合计不符 (table 01 expenditure total differs from table 03 total)"

    label = "本年支出合计"
    kind = "03"


RULE = ExpenditureTotal0103
