"""FL310: table 06's 三公 economic lines never exceed the 三公 table's actual figures."""

from __future__ import annotations

from typing import Iterator

from fiscallint.facts import first_value
from fiscallint.figures import in_wan
from fiscallint.ast import Number
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import sum_tolerance
from fiscallint.rule import Rule, WholeReport

LINES = (
    ("30212", "abroad", "因公出国（境）费"),
    ("30217", "reception", "公务接待费"),
    ("30231", "running", "公务用车运行维护费"),
)
"""Economic lines of table 06 (code) and the 三公 table's slot they are a part of."""


class ThreePublicVs06(Rule):
    """06表“三公”经济分类科目的决算数不超过“三公”经费表的决算数。

    说明:
        06表是一般公共预算财政拨款基本支出的经济分类明细；其中 30212 因公出国（境）费用、
        30217 公务接待费、30231 公务用车运行维护费是“三公”经费的一部分（“三公”经费表还含
        项目支出和其他财政拨款），所以各不能大于“三公”经费表对应项目的决算数。只比较
        “三公”经费表中位置能确定的决算数；允许尾数误差。

    反例:
        一般公共预算财政拨款基本支出决算明细表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        302 商品和服务支出 6.00
        30212 因公出国（境）费用 3.50
        30217 公务接待费 1.00
        30231 公务用车运行维护费 1.50
        公用经费合计 6.00

        财政拨款“三公”经费支出决算表
        公开09表
        单位：万元
        预算数 决算数
        1 2 3 4 5 6 7 8 9 10 11 12
        8.00 3.00 3.00 1.00 2.00 2.00 7.00 3.00 2.50 1.00 1.50 1.50

    正例:
        一般公共预算财政拨款基本支出决算明细表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        302 商品和服务支出 5.50
        30212 因公出国（境）费用 3.00
        30217 公务接待费 1.00
        30231 公务用车运行维护费 1.50
        公用经费合计 5.50

        财政拨款“三公”经费支出决算表
        公开09表
        单位：万元
        预算数 决算数
        1 2 3 4 5 6 7 8 9 10 11 12
        8.00 3.00 3.00 1.00 2.00 2.00 7.00 3.00 2.50 1.00 1.50 1.50
    """

    code = "FL310"
    name = "three-public-vs-06"
    severity = Severity.ERROR
    summary = "06表“三公”经济科目大于“三公”经费表决算数 (a 三公 economic line of table 06 exceeds the 三公 table)"
    reads = (WholeReport("table 06's 三公 lines against the 三公 table"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        table06, three = model.table("06"), model.three_public_table
        if table06 is None or three is None:
            return
        table09, _, figures = three
        for code, slot, item in LINES:
            row = table06.row_by_code(code)
            printed = first_value(row)
            shown = figures.values.get(("actual", slot))
            if row is None or printed is None or shown is None:
                continue
            line, actual = in_wan(printed, table06), in_wan(shown, table09)  # either table may print 元
            if line.value - actual.value <= sum_tolerance([line], actual):
                continue
            yield self.finding(
                line.span,
                f"06表 {code} {row.label} {_wan(line)}大于“三公”经费表{item}决算数 {_wan(actual)}："
                f"超出 {line.value - actual.value:f} 万元（基本支出中的该项是“三公”决算的一部分）",
                related=[Related(actual.span, f"“三公”经费表 {item} 决算数")],
            )


def _wan(number: Number) -> str:
    """A figure as printed with its unit: 万元, or 元 for a figure of a table headed 单位：元."""
    return number.text if number.text.endswith("元") else f"{number.text} 万元"


RULE = ThreePublicVs06
