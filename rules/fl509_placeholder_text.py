"""FL509: template placeholders (XX, ××, 某某) left in a published report."""

from __future__ import annotations

import re
from typing import Iterator

from fiscallint.ast import Span
from fiscallint.facts import locate
from fiscallint.findings import Finding, Severity
from fiscallint.rule import Rule, WholeReport

PLACEHOLDER_RE = re.compile(r"(?<![A-Za-z])(?:[XＸ]{2,}|×{2,}|某某)(?![A-Za-z])")
FIGURE_SLOT_RE = re.compile(r"(?<![A-Za-z])(?:[XＸ]{2,}|×{2,})\s*(?:万元|%|％|个|辆|人次)")
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
    reads = (WholeReport("every paragraph and section title (a template's many slots silence the rule)"),)

    def check(self) -> Iterator[Finding]:
        report = self.context.report
        texts = [p.text for p in report.paragraphs] + [s.title for s in report.sections()]
        if sum(len(FIGURE_SLOT_RE.findall(t)) for t in texts) >= TEMPLATE_SLOTS:
            return
        for paragraph in report.paragraphs:
            for match in PLACEHOLDER_RE.finditer(paragraph.text):
                span = locate(report, paragraph, match.start(), match.end())
                yield self.finding(span, f"模板占位符“{match.group()}”未替换为实际内容")
        for section in report.sections():
            if not section.level:
                continue
            for match in PLACEHOLDER_RE.finditer(section.title):
                raw = report.lines[section.span.line - 1]
                column = raw.find(match.group()) + 1 or section.span.column
                yield self.finding(Span(section.span.line, column, section.span.line, column + len(match.group())),
                                   f"模板占位符“{match.group()}”未替换为实际内容")


RULE = PlaceholderText
