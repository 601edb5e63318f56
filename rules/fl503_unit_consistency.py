"""FL503: a table's unit and the narrative's amounts agree (no 元 / 万元 mix-up)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from fiscallint.ast import AmountClaim, Number, Table
from fiscallint.facts import first_value
from fiscallint.findings import Finding, Related, Severity
from fiscallint.model import Model
from fiscallint.rule import Rule, WholeReport

TEN_THOUSAND = Decimal(10000)
KEY_ROWS = {"01": ("本年收入合计", "本年支出合计"), "06": ("人员经费合计", "公用经费合计")}


class UnitConsistency(Rule):
    """表的金额单位与情况说明的金额一致，没有“元/万元”混用。

    说明:
        情况说明以万元复述各表合计。若某表的合计数恰为说明中同一金额的 10000 倍（表中实为
        元却标万元，或标元而数值是万元），而说明中找不到与之按单位一致的金额，则单位有误。
        只比较两边都有三位以上有效数字的金额，避免巧合。

    反例:
        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 1234500.00
        201 一般公共服务支出 1234500.00

        一、支出决算情况说明
        2024年度支出合计 123.45 万元。

    正例:
        支出决算表
        公开03表
        单位：元
        科目编码 科目名称 本年支出合计
        合计 1234500.00
        201 一般公共服务支出 1234500.00

        一、支出决算情况说明
        2024年度支出合计 123.45 万元。
    """

    code = "FL503"
    name = "unit-consistency"
    severity = Severity.ERROR
    summary = "表金额与说明相差一万倍，单位有误 (a table's figures are 10,000× off the narrative: 元 vs 万元)"
    reads = (WholeReport("the tables' key totals against every narrative amount"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        amounts = [(c, _yuan_of_claim(c)) for c in self.context.report.claims() if isinstance(c, AmountClaim)]
        for table, number in _key_totals(model):
            if table.unit is None or _significant(number) < 3:
                continue
            shown = number.value * table.scale
            slack = number.ulp * table.scale
            if any(abs(v - shown) <= slack + _claim_ulp(c) for c, v in amounts):
                continue
            for claim, value in amounts:
                if _significant(claim.value) < 3:
                    continue
                ulp = _claim_ulp(claim)
                for factor, words in ((TEN_THOUSAND, "10000 倍"), (1 / TEN_THOUSAND, "万分之一")):
                    if value > 0 and abs(shown - value * factor) <= slack + ulp * factor:
                        yield self.finding(
                            number.span,
                            f"{_name(table)}（单位：{table.unit}）{number.text} 是说明中 {claim.text} 的{words}：单位应核对（{number.text} {table.unit} ≠ {claim.text}）",
                            related=[Related(claim.span, "情况说明")],
                        )
                        break
                else:
                    continue
                break


def _key_totals(model: Model) -> Iterator[tuple[Table, Number]]:
    for number, table in model.tables.items():
        labels = KEY_ROWS.get(number)
        rows = [model.row_by_label(number, label) for label in labels] if labels else [model.total_row(number)]
        for row in rows:
            value = first_value(row)
            if value is not None and value.value > 0:
                yield table, value


def _name(table: Table) -> str:
    return f"公开{table.number}表" if table.number else (table.title or f"{table.kind}表")


def _yuan_of_claim(claim: AmountClaim) -> Decimal:
    return claim.value.value * _scale(claim)


def _claim_ulp(claim: AmountClaim) -> Decimal:
    return claim.value.ulp * _scale(claim)


def _scale(claim: AmountClaim) -> Decimal:
    """Yuan per unit of an amount claim's value (its unit: 万元 or 元)."""
    return TEN_THOUSAND if claim.unit == "万元" else Decimal(1)


def _significant(number: Number) -> int:
    digits = number.text.replace(",", "").replace(".", "").lstrip("0-")
    return len(digits.rstrip("0")) if "." not in number.text else len(digits)


RULE = UnitConsistency
