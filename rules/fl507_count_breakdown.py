"""FL507: counts broken down with 其中 add up (车辆 N 辆，其中 A 辆、B 辆)."""

from __future__ import annotations

from typing import Iterator

from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule, WholeReport


class CountBreakdown(Rule):
    """“车辆 N 辆，其中：A 辆、B 辆……”各类之和等于总数；其他计数的部分不超过总数。

    说明:
        国有资产占用情况按用途列出全部车辆，各用途车辆数之和等于车辆总数（少于总数为
        警告：可能未列全；多于总数为错误）。绩效自评项目按评级（优、良、合格、不合格）
        逐级列出三级以上时，各级项目数之和也须等于项目总数（跨“；”列出亦同）。团组、
        人次等“其中”只列一部分，只检查部分之和不超过总数；但“其中”恰列国内、外事两项时（国内公务
        接待 A 批次，外事接待 B 批次），两项即全部，之和须等于总数。

    反例:
        一、国有资产占用情况说明
        截至2024年12月31日，本部门共有车辆 3 辆，其中：机要通信用车 1 辆、应急保障用车 1 辆、其他用车 2 辆。

    正例:
        一、国有资产占用情况说明
        截至2024年12月31日，本部门共有车辆 4 辆，其中：机要通信用车 1 辆、应急保障用车 1 辆、其他用车 2 辆。
    """

    code = "FL507"
    name = "count-breakdown"
    severity = Severity.ERROR
    summary = "分项计数之和与总数不符 (counts broken down with 其中 do not add up)"
    reads = (WholeReport("the count breakdowns of the narrative (the model's index)"),)

    def check(self) -> Iterator[Finding]:
        for item in self.context.model.count_breakdowns:
            parts = sum(n.value for n in item.parts)
            total = item.total.value
            shown = " + ".join(n.text for n in item.parts)
            if parts > total:
                yield self.finding(
                    item.total.span,
                    f"总数 {item.total.text} {item.unit}小于其中各项之和：{shown} = {parts} {item.unit}",
                    related=[Related(n.span, "其中") for n in item.parts],
                )
            elif parts < total and item.domestic_foreign:
                yield self.finding(
                    item.total.span,
                    f"总数 {item.total.text} {item.unit}与国内、外事两项之和不符：{shown} = {parts} {item.unit}",
                    related=[Related(n.span, "其中") for n in item.parts],
                )
            elif parts < total and item.graded:
                yield self.finding(
                    item.total.span,
                    f"项目总数 {item.total.text} {item.unit}与各评级之和不符：{shown} = {parts} {item.unit}",
                    related=[Related(n.span, "其中") for n in item.parts],
                )
            elif parts < total and item.unit == "辆" and len(item.parts) > 1:
                yield self.finding(
                    item.total.span,
                    f"车辆总数 {item.total.text} 辆与各用途之和不符：{shown} = {parts} 辆",
                    severity=Severity.WARNING,
                    related=[Related(n.span, "其中") for n in item.parts],
                )


RULE = CountBreakdown
