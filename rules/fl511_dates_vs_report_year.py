"""FL511: a date or period that does not fit the report's year."""

from __future__ import annotations

import re
from typing import Iterator

from fiscallint.ast import Paragraph
from fiscallint.facts import is_budget_report, locate
from fiscallint.findings import Finding, Severity
from fiscallint.rule import Paragraphs, Rule

AS_OF_RE = re.compile(r"截[至止](?:到|至)?\s*(?P<year>(?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日")
PERIOD_RE = re.compile(
    r"(?P<start>(?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[-－—–~～至到]+\s*(?P<end>(?:19|20)\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
)


class DatesVersusReportYear(Rule):
    """日期、期间与报告年度不符。

    说明:
        决算报告的资产、车辆等情况“截至某年 12 月 31 日”，应是报告年度的年末：2024 年度决算
        写“截至 2023 年 12 月 31 日”是照抄上年稿。预算报告中项目的实施期（“起止日期”）整个
        落在预算年度之前的，也与“本年度预算安排”矛盾。报告年度不明时不检查。

    反例:
        2024年度部门决算情况说明

        截至 2023 年 12 月 31 日，本部门共有车辆 2 辆。
        ---
        2026年部门预算编制说明

        本项目实施周期为2025年1月1日-2025年12月31日，年度预算安排 349.80 万元。

    正例:
        2024年度部门决算情况说明

        截至 2024 年 12 月 31 日，本部门共有车辆 2 辆。
        ---
        2026年部门预算编制说明

        本项目实施周期为2026年1月1日-2026年12月31日，年度预算安排 349.80 万元。
    """

    code = "FL511"
    name = "dates-vs-report-year"
    severity = Severity.WARNING
    summary = "日期、期间与报告年度不符 (a year-end date or a project period does not fit the report year)"
    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        report = self.context.report
        year = report.year
        if year is None:
            return
        budget = is_budget_report(report)
        for paragraph in paragraphs:
            if not budget:
                for match in AS_OF_RE.finditer(paragraph.text):
                    stated = int(match.group("year"))
                    if stated != year:
                        span = locate(report, paragraph, match.start("year"), match.end("year"))
                        yield self.finding(span, f"“{match.group()}”：{year} 年度决算的年末应为 {year} 年 12 月 31 日")
            else:
                for match in PERIOD_RE.finditer(paragraph.text):
                    end = int(match.group("end"))
                    if end < year:
                        span = locate(report, paragraph, match.start(), match.end())
                        yield self.finding(span, f"实施期“{match.group()}”在 {year} 年度预算之前就已结束（止于 {end} 年）")


RULE = DatesVersusReportYear
