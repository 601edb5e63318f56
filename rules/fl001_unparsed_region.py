"""FL001: what the parser could not place is reported, never silently left unchecked."""

from __future__ import annotations

from typing import Iterator

from fiscallint.findings import Finding, Severity
from fiscallint.rule import Rule, WholeReport


class UnparsedRegion(Rule):
    """报告中有未能解析、因而未检查的部分。

    说明:
        文档结构无法容纳的行（例如表注出现在单位行之前、表格中途出现的孤立行）、
        说明语法无法读取的段落，以及行与数字无法可靠对应的表格（例如提取时科目编码列
        与数字列错位，多数上级科目行与下级之和不符），绩效自评表中单元格无法与表头对应的行
        （其所在的总分也不再检查），以及没有文字的页（扫描页）和止于其前的表格，都不做任何
        数字检查。本规则逐处列出这些部分和原因，让使用者知道哪些内容没有被检查；其余部分照常检查。
        这不是报告本身的错误，而是检查范围的说明，故为提示级（info），不影响退出码。

    反例:
        政府性基金预算财政拨款收入支出决算表
        公开07表
        注：本单位无政府性基金预算财政拨款收支，故本表为空表。
        单位：万元

    正例:
        政府性基金预算财政拨款收入支出决算表
        公开07表
        单位：万元
        注：本单位无政府性基金预算财政拨款收支，故本表为空表。
    """

    code = "FL001"
    name = "unparsed-region"
    severity = Severity.INFO
    summary = "未能解析、未检查的部分 (a region the parser could not place, so nothing in it was checked)"
    reads = (WholeReport("the regions left unparsed and the tables whose rows could not be placed"),)

    def check(self) -> Iterator[Finding]:
        report = self.context.report
        for region in report.unparsed:
            lines = region.span.end_line - region.span.line + 1
            extent = f"（共 {lines} 行）" if lines > 1 else ""
            what = f"未能解析{extent}，未检查" if region.text else "未检查"
            finding = self.finding(region.span, f"{what}：{region.reason}")
            finding.page = region.page
            yield finding
        for table in report.tables:
            if table.unplaced is not None:
                name = table.title or (f"公开{table.number}表" if table.number else "表格")
                yield self.finding(table.span, f"“{name}”的行与数字无法可靠对应，未检查：{table.unplaced}")
        for perf in report.performance:
            for line in sorted({span.line for span in perf.unplaced}):
                span = next(s for s in perf.unplaced if s.line == line)
                yield self.finding(span, f"“{perf.name or perf.title}”此行的单元格无法与表头对应，未读取；总分未检查")


RULE = UnparsedRegion
