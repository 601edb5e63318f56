"""FL205: the totals of the summary tables 01 and 04 and of a budget's two 收支总表 (本年收入合计,
总计; 收入总计 = 支出总计)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Number, Row, Table
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.patterns import lazy
from fiscallint.rule import TOLERANCE, Rule, Tables
from fiscallint.subjects import norm_label

from .fl2_support import show, sum_check

ENUMERATED_RE = lazy(r"^[一二三四五六七八九十]+[、.．]")


class SummaryTableTotals(Rule):
    """收支总表的合计与总计：本年收入合计＝各收入项之和，总计＝合计＋结余结转，收入总计＝支出总计。

    说明:
        公开01表（收入支出决算总表）和04表（财政拨款收入支出决算总表）左右对照列示收入与支出：
        本年收入合计＝“一、”至“八、”各收入项之和；收入总计＝本年收入合计＋使用非财政拨款结余
        （含专用结余）＋年初结转和结余；本年支出合计＝各功能分类支出之和；支出总计＝本年支出合计
        ＋结余分配＋年末结转和结余；收入总计＝支出总计。04表同理（年初、年末财政拨款结转和结余）。
        表注已印出同一公式（如“27行＝（1＋…＋8）行”）的，由 FL203 检查，此处不重复；
        收入总计＝支出总计总是检查。只看合计栏（每半表第1栏）。部门预算的财务收支预算总表、
        财政拨款收支预算总表同理；只印“收入总计”“支出总计”的，总计＝其上“一、二、……”各项之和。

    反例:
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 100.00 一、一般公共服务支出 4 100.00
        本年收入合计 2 100.00 本年支出合计 5 100.00
        总计 3 100.00 总计 6 110.00

    正例:
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        一、一般公共预算财政拨款收入 1 100.00 一、一般公共服务支出 4 100.00
        本年收入合计 2 100.00 本年支出合计 5 100.00
        总计 3 100.00 总计 6 100.00
    """

    code = "FL205"
    name = "summary-table-totals"
    severity = Severity.ERROR
    summary = "收支总表合计、总计不符 (the totals of table 01/04 do not add up)"
    options = (TOLERANCE,)
    reads = (Tables("01", "04", "B01", "B04"),)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        for table in tables:
            if len(table.blocks) == 2:
                yield from self._check_table(table)

    def _check_table(self, table: Table) -> Iterator[Finding]:
        printed = {i.target for i in table.identities if i.axis == "row"}
        income, expense = table.blocks
        income_total = _find(income, "本年收入合计")
        expense_total = _find(expense, "本年支出合计")
        grand_in = _find(income, "总计") or _find(income, "收入总计")
        grand_out = _find(expense, "总计") or _find(expense, "支出总计")
        if table.kind in ("B01", "B04"):
            # a budget table may print only 收入总计 / 支出总计 under its items
            income_total = income_total or _items_total(income, grand_in)
            expense_total = expense_total or _items_total(expense, grand_out)
            grand_in = None if income_total is grand_in else grand_in
            grand_out = None if expense_total is grand_out else grand_out
        if income_total is not None:
            parts = _enumerated(income, income_total)
            yield from self._sum(income_total, parts, printed)
            if grand_in is not None:
                extra = [r for r in income[income.index(income_total) + 1:income.index(grand_in)] if r.label and not _is_part_of(r)]
                yield from self._sum(grand_in, [income_total, *extra], printed)
        if expense_total is not None:
            parts = _enumerated(expense, expense_total)
            yield from self._sum(expense_total, parts, printed)
            if grand_out is not None:
                extra = [r for r in expense[expense.index(expense_total) + 1:expense.index(grand_out)] if r.label and not _is_part_of(r)]
                yield from self._sum(grand_out, [expense_total, *extra], printed)
        grand_in, grand_out = grand_in or income_total, grand_out or expense_total
        if grand_in is not None and grand_out is not None:
            a, b = _total(grand_in), _total(grand_out)
            if a is not None and b is not None and not sum_check(a, [b], slack=self.tolerance)[0]:
                yield self.finding(
                    b.span,
                    f"支出总计 {b.text} 与收入总计 {a.text} 不等：差 {fmt(b.value - a.value)}",
                    related=[Related(a.span, "收入总计")],
                )

    def _sum(self, target: Row, parts: list[Row], printed: set[int]) -> Iterator[Finding]:
        if target.line_no is not None and target.line_no in printed:
            return
        stated = _total(target)
        values = [_total(r) for r in parts]
        terms = [v for v in values if v is not None]
        if stated is None and not terms:
            return
        ok, computed = sum_check(stated, terms, slack=self.tolerance)
        if ok:
            return
        shown = " + ".join(f"{v.text}（{r.label}）" for v, r in zip(values, parts) if v is not None) or "0"
        yield self.finding(
            stated.span if stated else target.span,
            f"{target.label} {show(stated)} 与其构成之和不符：{shown} = {fmt(computed)}",
            related=[Related(r.span, r.label) for r in parts],
        )


def _find(rows: list[Row], label: str) -> Row | None:
    return next((r for r in rows if norm_label(r.label) == label), None)


def _items_total(rows: list[Row], total: Row | None) -> Row | None:
    """A budget table's 收入总计 / 支出总计 printed right under its 一、二、… items: the total of
    those items, when every labelled row above it is one of them (or a fund sub-row)."""
    if total is None:
        return None
    above = [r for r in rows[: rows.index(total)] if r.label.strip() and not _is_part_of(r)]
    return total if above and all(ENUMERATED_RE.match(r.label) for r in above) else None


def _enumerated(rows: list[Row], total: Row) -> list[Row]:
    """The 一、二、… item rows printed before a 合计 row."""
    return [r for r in rows[: rows.index(total)] if ENUMERATED_RE.match(r.label)]


FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def _is_part_of(row: Row) -> bool:
    """Sub-rows printed under 年初/年末结转和结余 in table 04 (一般公共预算财政拨款…), not addends."""
    return ENUMERATED_RE.sub("", row.label.replace(" ", "")) in FUNDS


def _total(row: Row) -> Number | None:
    """The row's column-1 value (the block's 合计 column)."""
    return row.value_at(1)


RULE = SummaryTableTotals
