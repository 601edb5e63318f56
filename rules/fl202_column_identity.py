"""FL202: each row satisfies its table's column identities (合计栏 = 各分栏之和, 三公 = 出国 + 车辆 + 接待)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Row, Table
from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, Tables
from fiscallint.parser.tables import ColumnRule, column_rules, total_first, total_of_the_rest

from .fl2_support import row_violations

EXPENSE_HALF: list[ColumnRule] = [(1, [2, 3, 4], [])]
"""公开04表 支出 half: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营 (its own columns 1..4)."""


class ColumnIdentity(Rule):
    """每行各栏满足标准表的栏间关系。

    说明:
        按全国统一格式：02表 1栏＝2至7栏之和；03表 1栏＝2至6栏之和；05、08表 小计＝基本支出＋项目支出；
        07表 年末结转和结余＝年初＋本年收入－本年支出，本年支出＝基本＋项目；09表“三公”经费
        合计＝因公出国（境）费＋公务用车购置及运行维护费＋公务接待费，公务用车小计＝购置费＋运行维护费
        （预算数、决算数各一组）；04表支出部分 合计＝一般公共预算＋政府性基金＋国有资本经营。
        只在表的栏数与标准格式一致、且表注未印栏间公式时检查（印出的公式由 FL203 检查）。
        PDF 文本中空单元格消失、数值栏次不确定时，只有当数值无论怎样对应栏次都不能满足关系时才报告。

    反例:
        公开05表
        单位：万元
        科目编码 科目名称 小计 基本支出 项目支出
        栏次 1 2 3
        合计 300.00 200.00 90.00

    正例:
        公开05表
        单位：万元
        科目编码 科目名称 小计 基本支出 项目支出
        栏次 1 2 3
        合计 300.00 200.00 100.00
    """

    code = "FL202"
    name = "column-identity"
    severity = Severity.ERROR
    summary = "行内各栏不满足标准表的栏间关系 (a row breaks its table's column identity)"
    options = (TOLERANCE,)
    reads = (Tables(),)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        for table in tables:
            if any(i.axis == "column" for i in table.identities):
                continue  # printed identities: FL203
            if table.kind == "04" and len(table.blocks) == 2:
                for row in table.blocks[1]:
                    yield from self._check_row(row, EXPENSE_HALF, 4, True)
                continue
            rules = column_rules(table)
            if table.column_count is None and total_of_the_rest(table):
                # However many columns were printed, the first is the sum of all the others.
                for row in table.rows:
                    count = max((c.column or 0 for c in row.cells), default=0) if row.positioned else len(row.cells)
                    if count >= 2:
                        yield from self._check_row(row, [(1, list(range(2, count + 1)), [])], count, True)
                continue
            if rules is None or table.column_count is None:
                continue
            for row in table.rows:
                yield from self._check_row(row, rules, table.column_count, total_first(table))

    def _check_row(self, row: Row, rules: list[ColumnRule], count: int, first_is_total: bool) -> Iterator[Finding]:
        for span, message in row_violations(row, rules, count, first_is_total, self.tolerance):
            name = f"{row.code} {row.label}" if row.code else (row.label or "数据行")
            yield self.finding(span, f"{name}：{message}")


RULE = ColumnIdentity


