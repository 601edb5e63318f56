"""FL202: each row satisfies its table's column identities (合计栏 = 各分栏之和, 三公 = 出国 + 车辆 + 接待)."""

from __future__ import annotations

from typing import Iterator

import re
from decimal import Decimal

from fiscallint.ast import Row, Table
from fiscallint.coverage import THREE_PUBLIC_KINDS
from fiscallint.facts import SLOT_NAMES, ThreePublicRows, three_public_rows
from fiscallint.findings import Finding, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.patterns import lazy
from fiscallint.rule import TOLERANCE, Rule, Tables
from fiscallint.parser.tables import ColumnRule, column_rules, total_first, total_of_the_rest

from .fl2_support import row_violations, sum_check

BASE_NAMES = {"budget": "预算数", "actual": "决算数"}

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
        “三公”经费表按项目分行列示（合计、因公出国（境）费、公务用车购置及运行费、其中购置费与
        运行费、公务接待费各一行，预算数/决算数或本年/上年各一栏）时，每一栏自上而下同样满足
        合计＝出国＋用车＋接待、用车＝购置＋运行；只有用车一项与其分项不符而合计按分项算得相符时，
        只报告用车。PDF 文本中某行缺数（空单元格消失、栏次不定）时整表不检查；
        表头列有增减率、占比的栏不检查。

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
            items = three_public_rows(table) if table.kind in THREE_PUBLIC_KINDS or "三公" in table.title else None
            if items is not None:
                if not table.identities and _amount_columns(table, items.width):
                    yield from self._items_down_rows(table, items)
                continue
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

    def _items_down_rows(self, table: Table, items: ThreePublicRows) -> Iterator[Finding]:
        """A 三公 table listing its items down the rows: in each figure column, 合计 = 出国 + 用车
        + 接待 and 用车 = 购置 + 运行. A wrong 用车 figure is reported on 用车 alone when 合计
        adds up with the 用车 its parts give."""
        for index, column in enumerate(items.columns, start=1):
            where = f"第{index}栏{_column_name(table, index, items.width)}"
            vehicle = [column.get(slot) for slot in ("vehicle", "purchase", "running")]
            vehicle_sum: Decimal | None = None
            if all(n is not None for n in vehicle) and vehicle[0] not in items.blanks:
                whole, purchase, running = vehicle
                assert whole is not None and purchase is not None and running is not None
                ok, computed = sum_check(whole, [purchase, running], slack=self.tolerance)
                if not ok:
                    vehicle_sum = computed
                    name = _label(items, "vehicle")
                    yield self.finding(whole.span, f"{name}{where} {whole.text} ≠ 其中各项之和："
                                       f"{_label(items, 'purchase')} {purchase.text} + {_label(items, 'running')} {running.text} = {fmt(computed)}")
            parts = [column.get(slot) for slot in ("abroad", "vehicle", "reception")]
            total = column.get("total")
            if total is None or total in items.blanks or any(n is None for n in parts):
                continue
            terms = [n for n in parts if n is not None]
            ok, computed = sum_check(total, terms, slack=self.tolerance)
            if ok:
                continue
            if vehicle_sum is not None and abs(computed - terms[1].value + vehicle_sum - total.value) <= sum_tolerance(terms, total) + self.tolerance:
                continue  # 合计 adds up with the 用车 its parts give: the 用车 figure alone is wrong
            shown = " + ".join(f"{_label(items, slot)} {n.text}" for slot, n in zip(("abroad", "vehicle", "reception"), terms))
            yield self.finding(total.span, f"“三公”经费{_label(items, 'total')}{where} {total.text} ≠ {shown} = {fmt(computed)}")

    def _check_row(self, row: Row, rules: list[ColumnRule], count: int, first_is_total: bool) -> Iterator[Finding]:
        for span, message in row_violations(row, rules, count, first_is_total, self.tolerance):
            name = f"{row.code} {row.label}" if row.code else (row.label or "数据行")
            yield self.finding(span, f"{name}：{message}")


def _amount_columns(table: Table, width: int) -> bool:
    """Every figure column holds amounts, whose items add up: the header names each column's
    预算数 / 决算数, or names no rate or share (a 增减率 column does not add up down the rows)."""
    return len(table.heading.bases) == width or not RATE_HEADER_RE.search("".join(table.headers))


RATE_HEADER_RE = lazy(r"率|%|％|比重|占比")


def _label(items: ThreePublicRows, slot: str) -> str:
    """An item's name as its row prints it (其中 cut off), or the template's."""
    row = items.rows.get(slot)
    label = re.sub(r"^(其中)?[:：]?", "", row.label.replace(" ", "")) if row is not None else ""
    return label or SLOT_NAMES[slot]


def _column_name(table: Table, index: int, width: int) -> str:
    """（2029年预算数）, （决算数）: what the header says of a figure column, when it names each."""
    heading = table.heading
    if len(heading.bases) != width:
        return ""
    year = f"{heading.years[index - 1]}年" if len(heading.years) == width else ""
    return f"（{year}{BASE_NAMES[heading.bases[index - 1]]}）"


RULE = ColumnIdentity


