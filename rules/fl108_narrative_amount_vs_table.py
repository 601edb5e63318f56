"""FL108: an amount the narrative gives for a table item must equal that item in the table."""

from __future__ import annotations

from typing import Iterator

from fiscallint.figures import named_figures
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule


class NarrativeAmountVsTable(Rule):
    """说明中的金额与表中同一项目不符。

    说明:
        情况说明中写明的表内项目金额——支出功能分类的“类”（“一般公共服务（类）支出 X 万元”，
        与公开05表或03表该类的合计栏比较）、一般公共预算财政拨款支出及其基本支出、项目支出
        （公开05表合计行）、本年收入合计、本年支出合计（公开01/02/03表）、收支总计（公开01/04表）
        以及部门预算中的同类项目（收入预算、支出预算、一般公共预算支出…）——必须与表中数一致。
        只在主语明确指向表内项目时比较。

    反例:
        1.一般公共服务（类）支出 310.00 万元，占 100%。

        公开05表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 300.00 200.00 100.00
        201 一般公共服务支出 300.00 200.00 100.00

    正例:
        1.一般公共服务（类）支出 300.00 万元，占 100%。

        公开05表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 300.00 200.00 100.00
        201 一般公共服务支出 300.00 200.00 100.00
    """

    code = "FL108"
    name = "narrative-amount-vs-table"
    severity = Severity.ERROR
    summary = "说明中的金额与表中数不符 (a narrative amount differs from the same item in the tables)"

    def check(self) -> Iterator[Finding]:
        for claim in self.context.report.claims():
            if claim.kind != "amount":
                continue
            places = named_figures(self.context.model, claim.words.get("context", ""))
            if not places:
                continue
            value = claim.numbers["value"]
            unit = claim.words.get("unit", "万元")
            if any(p.agrees(value, unit) for p in places):
                continue
            place = places[0]
            stated = value.value / 10000 if unit == "元" else value.value
            shown = place.number.text if place.scale == 10000 else f"{place.number.text} 元（{place.in_wan():.2f} 万元）"
            yield self.finding(
                value.span,
                f"“{claim.subject}”{value.text} {unit}与公开{place.name}表“{place.row.label}”{shown} 不符："
                f"相差 {stated - place.in_wan():f} 万元",
                related=[Related(place.row.span, f"公开{place.name}表 {place.row.label}")],
            )


RULE = NarrativeAmountVsTable
