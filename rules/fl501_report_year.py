"""FL501: the report names its own year consistently."""

from __future__ import annotations

from typing import Iterator

from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.rule import Rule, WholeReport


class ReportYear(Rule):
    """报告自称的决算年度前后一致。

    说明:
        报告的年度取标题、表名和说明中“YYYY年度部门决算”最常见的年份。正文或标题中
        “YYYY年度部门决算（情况说明/编制说明/表/公开）”或“在YYYY年度部门决算中（反映…）”写成别的
        年份（如2024年度报告中的“2023年度部门决算情况说明”）是沿用上年文本的笔误。

    反例:
        2024年度部门决算公开
        一、2024年度部门决算情况说明
        本部门2024年度收入合计 100.00 万元。
        二、2023年度部门决算情况说明
        本部门2024年度支出合计 100.00 万元。

    正例:
        2024年度部门决算公开
        一、2024年度部门决算情况说明
        本部门2024年度收入合计 100.00 万元，比 2023 年度决算数增加 5.00 万元。
    """

    code = "FL501"
    name = "report-year"
    severity = Severity.ERROR
    summary = "报告自称年度不一致 (the report names another year as its own)"
    reads = (WholeReport("the years the paragraphs and section titles name (the model's year mentions)"),)

    def check(self) -> Iterator[Finding]:
        year = self.context.report.year
        if year is None:
            return
        seen: set[tuple[int, int]] = set()
        mentions = self.context.model.year_mentions
        agreeing = [Related(m.span, m.text) for m in mentions if m.kind == "self" and m.year == year][:1]
        for mention in mentions:
            key = (mention.span.line, mention.span.column)
            if mention.kind != "self" or mention.year == year or key in seen:
                continue
            seen.add(key)
            yield self.finding(
                mention.span,
                f"“{mention.text}”年份 {mention.year} 与本报告年度 {year} 不符",
                related=agreeing,
                fix=Fix(mention.span, str(year), f"年份改为报告年度 {year}"),
            )


RULE = ReportYear
