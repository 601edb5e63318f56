"""FL201: in a code-keyed table a parent row equals the sum of its child rows (类 = Σ款, 款 = Σ项)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import Number, Row, Table
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Rule, Tables

from .fl2_support import UNKNOWN, one_row_to_blame, show, sum_check, under_parent_code, value_in


PERSONAL = {"301", "303"}
"""Economic classes that make up 人员经费; the other classes make up 公用经费 (table 06)."""


class RowHierarchy(Rule):
    """上级科目行等于其下级科目行之和（类＝各款之和，款＝各项之和）。

    说明:
        按科目编码列示的表（功能分类 201 / 20131 / 2013101，经济分类 301 / 30101）中，
        每个“类”行的每一栏等于其下各“款”行该栏之和，每个“款”行等于其下各“项”行之和。
        06表：人员经费合计＝301＋303 类，公用经费合计＝其余各类（302、307、310、399…）。
        只比较栏次确定的数值（PDF 文本中空单元格消失时，只有合计栏的位置是确定的）；
        允许每个加数 0.01 的尾数误差。一行有几栏不符时合为一条，逐栏列出。某一下级行与其
        自身下级之和恰好相差上级差额的相反数时，错的是这一行（改正它两级都平），只报告它，
        不再报告上级。

    反例:
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        201 一般公共服务支出 150.00
        20103 政府办公厅（室）及相关机构事务 150.00
        2010301 行政运行 100.00
        2010302 一般行政管理事务 40.00

    正例:
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        201 一般公共服务支出 150.00
        20103 政府办公厅（室）及相关机构事务 150.00
        2010301 行政运行 100.00
        2010302 一般行政管理事务 50.00
    """

    code = "FL201"
    name = "row-hierarchy"
    severity = Severity.ERROR
    summary = "上级科目行与下级科目行之和不符 (a parent code row is not the sum of its children)"
    options = (TOLERANCE,)
    reads = (Tables(),)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        for table in tables:
            yield from self._check_table(table)

    def _check_table(self, table: Table) -> Iterator[Finding]:
        coded: dict[str, Row] = {}
        for row in table.rows:
            if row.code and row.level and row.code not in coded:
                coded[row.code] = row
        children = under_parent_code(coded.values())
        families = {code: children.get(code, []) for code in coded}
        for code, parent in coded.items():
            if families[code]:
                yield from self._check_parent(parent, families[code], families)
        if table.kind == "06":
            classes = [r for code, r in coded.items() if len(code) == 3]
            for row in table.rows:
                label = row.label.replace(" ", "")
                if row.code is None and label in ("人员经费合计", "公用经费合计"):
                    personal = label == "人员经费合计"
                    parts = [r for r in classes if (r.code in PERSONAL) == personal]
                    if parts:
                        yield from self._check_parent(row, parts, families)

    def _check_parent(self, parent: Row, children: list[Row], families: dict[str, list[Row]]) -> Iterator[Finding]:
        """One finding per parent row, naming every column whose figure is not its children's sum,
        except a column where one child is off from its own children by exactly the opposite
        amount: that child is the one wrong row (and is reported), the parent is right."""
        columns = sorted({c.column for r in [parent, *children] for c in r.cells if c.column is not None})
        wrong: list[tuple[int, Number | None, str, Decimal]] = []  # column, stated, the sum shown, the sum
        related: list[Related] = []
        for column in columns:
            stated = value_in(parent, column)
            parts = [value_in(child, column) for child in children]
            if stated is UNKNOWN or any(p is UNKNOWN for p in parts):
                continue
            terms = [p for p in parts if p is not None]
            if stated is None and not terms:
                continue
            ok, computed = sum_check(stated, terms, slack=self.tolerance)  # type: ignore[arg-type]
            difference = (stated.value if stated is not None else Decimal(0)) - computed  # type: ignore[union-attr]
            if ok or one_row_to_blame(difference, children, families, column, self.tolerance):
                continue
            shown = " + ".join(f"{show(p)}（{c.code}）" for p, c in zip(parts, children) if p is not None) or "0"  # type: ignore[arg-type]
            wrong.append((column, stated, shown, computed))  # type: ignore[arg-type]
            if len(wrong) > 1 and stated is not None:
                related.append(Related(stated.span, f"第{column}栏 {show(stated)}"))  # type: ignore[union-attr]
            related.extend(Related(p.span if p is not None else c.span, f"{c.code or ''} {c.label}".strip()) for p, c in zip(parts, children))  # type: ignore[union-attr]
        if not wrong:
            return
        column, stated, shown, computed = wrong[0]
        name = f"{parent.code} {parent.label}" if parent.code else parent.label
        others = "".join(f"；第{col}栏 {show(value)} ≠ {terms} = {fmt(total)}" for col, value, terms, total in wrong[1:])
        yield self.finding(
            stated.span if stated is not None else parent.span,
            f"{name} 第{column}栏 {show(stated)} 与下级科目之和不符：{shown} = {fmt(computed)}{others}",
            related=related,
        )


RULE = RowHierarchy
