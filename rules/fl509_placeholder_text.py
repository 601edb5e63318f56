"""FL509: template placeholders (XX, ××, 某某) left in a published report."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import PlaceholderClaim
from fiscallint.findings import Finding, Severity
from fiscallint.rule import Rule, WholeReport

TEMPLATE_SLOTS = 3
"""A document with this many placeholders where figures belong is a blank template, not a report."""


class PlaceholderText(Rule):
    """模板占位符未替换。

    说明:
        公开模板用 XX、××、某某 标出待填的名称和数字；发布的报告里留下它们（“某某区XX局”
        “截至XX年”），说明有一处没有按本单位情况填写。只看情况说明的段落和标题；占位符
        紧挨英文字母的（XXL 之类）不算。若文中有 3 处以上数字也是占位符（XXX万元、XX%），
        该文件本身是空白模板，不报告。

    反例:
        某某区XX局2024年度收入支出总计 612.40 万元。

    正例:
        普陀区档案局2024年度收入支出总计 612.40 万元。
    """

    code = "FL509"
    name = "placeholder-text"
    severity = Severity.WARNING
    summary = "模板占位符未替换 (a template placeholder XX / ×× / 某某 is left in the text)"
    reads = (WholeReport("the placeholder claims of every paragraph and section title (a template's many slots silence the rule)"),)

    def check(self) -> Iterator[Finding]:
        report = self.context.report
        claims = [*report.claims(), *(c for section in report.sections() if section.level for c in section.claims)]
        placeholders = [c for c in claims if isinstance(c, PlaceholderClaim)]
        if sum(c.figure for c in placeholders) >= TEMPLATE_SLOTS:
            return
        for claim in placeholders:
            yield self.finding(claim.span, f"模板占位符“{claim.text}”未替换为实际内容")


RULE = PlaceholderText
