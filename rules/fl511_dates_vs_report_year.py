"""FL511: a date or period that does not fit the report's year."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim, DateClaim, PeriodClaim
from fiscallint.facts import is_budget_report
from fiscallint.findings import Finding, Severity
from fiscallint.rule import Claims, Rule


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
    reads = (Claims("date", "period"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        report = self.context.report
        year = report.year
        if year is None:
            return
        budget = is_budget_report(report)
        for claim in claims:
            if isinstance(claim, DateClaim) and not budget and claim.as_of and (claim.month, claim.day) == (12, 31):
                stated = int(claim.year.value)
                if stated != year:
                    yield self.finding(claim.year.span, f"“截至{claim.text}”：{year} 年度决算的年末应为 {year} 年 12 月 31 日")
            elif isinstance(claim, PeriodClaim) and budget:
                end = int(claim.end.year.value)
                if end < year:
                    yield self.finding(claim.span, f"实施期“{claim.text}”在 {year} 年度预算之前就已结束（止于 {end} 年）")


RULE = DatesVersusReportYear
