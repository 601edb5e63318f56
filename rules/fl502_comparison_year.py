"""FL502: comparisons are made with the year before the report's."""

from __future__ import annotations

from typing import Iterator

from fiscallint.findings import Finding, Fix, Severity
from fiscallint.rule import Rule, WholeReport


class ComparisonYear(Rule):
    """“与YYYY年度相比”“比YYYY年度决算数”的比较年度是报告年度的上一年。

    说明:
        决算说明的同比口径是上年：2024年度报告中“与2022年度相比”是沿用旧文本的笔误。
        只检查明确的比较句式（与…相比、比/较…决算数、比/较…增加/减少）。

    反例:
        2024年度部门决算公开
        一、2024年度部门决算情况说明
        2024年度收入合计 100.00 万元，与2022年度相比，增加 5.00 万元。

    正例:
        2024年度部门决算公开
        一、2024年度部门决算情况说明
        2024年度收入合计 100.00 万元，与2023年度相比，增加 5.00 万元。
    """

    code = "FL502"
    name = "comparison-year"
    severity = Severity.ERROR
    summary = "比较年度不是上一年 (the comparison year is not the previous year)"
    reads = (WholeReport("the years the paragraphs and section titles name (the model's year mentions)"),)

    def check(self) -> Iterator[Finding]:
        year = self.context.report.year
        if year is None:
            return
        for mention in self.context.model.year_mentions:
            if mention.kind != "compare" or mention.year == year - 1:
                continue
            yield self.finding(
                mention.span,
                f"“{mention.text}”比较年度 {mention.year} 应为上年 {year - 1}（本报告年度 {year}）",
                fix=Fix(mention.span, str(year - 1), f"比较年度改为上年 {year - 1}"),
            )


RULE = ComparisonYear
