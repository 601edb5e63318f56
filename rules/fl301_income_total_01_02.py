"""FL301: table 01 本年收入合计 equals table 02 合计."""

from __future__ import annotations

from fiscallint.findings import Severity

from .fl3_support import TotalAgainst01


class IncomeTotal0102(TotalAgainst01):
    """公开01表“本年收入合计”等于公开02表“合计”行的本年收入合计。

    说明:
        收入支出决算总表（01）的本年收入合计，与收入决算表（02）合计行第1栏是同一个数。
        两表金额均按各自显示位数四舍五入比较。

    反例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 130.00 一、一般公共服务支出 32 130.00
        本年收入合计 27 130.00 本年支出合计 58 130.00

        收入决算表
        公开02表
        单位：万元
        科目编码 科目名称 本年收入合计
        合计 125.00
        201 一般公共服务支出 125.00

    正例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 130.00 一、一般公共服务支出 32 130.00
        本年收入合计 27 130.00 本年支出合计 58 130.00

        收入决算表
        公开02表
        单位：万元
        科目编码 科目名称 本年收入合计
        合计 130.00
        201 一般公共服务支出 130.00
    """

    code = "FL301"
    name = "income-total-01-02"
    severity = Severity.ERROR
    summary = "01表本年收入合计与02表合计不符 (table 01 income total differs from table 02 total)"

    label = "本年收入合计"
    kind = "02"


RULE = IncomeTotal0102
