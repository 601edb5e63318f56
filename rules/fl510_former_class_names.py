"""FL510: a functional class (类) called by the name it had before the 2019 renaming."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Claim, ClassNameClaim, Span, Table
from fiscallint.findings import Finding, Severity
from fiscallint.parser.claims import FORMER_CLASS_NAMES
from fiscallint.rule import Claims, Rule, Tables

RENAMED_IN = 2019


class FormerClassNames(Rule):
    """功能分类“类”级科目使用了更名前的名称。

    说明:
        2019 年起支出功能分类的几个类级科目已更名：207 文化体育与传媒支出 → 文化旅游体育与
        传媒支出，210 医疗卫生与计划生育支出 → 卫生健康支出，215 资源勘探信息等支出 → 资源
        勘探工业信息等支出，220 国土海洋气象等支出 → 自然资源海洋气象等支出。报告年度在
        2019 年及以后的报告（年度不明时不检查）仍在情况说明或表中用旧名，是套用旧稿的痕迹。
        “其他……支出”这样的款、项名称由各报告的表自行定义，不在此列。

    反例:
        2024年度部门决算情况说明

        医疗卫生与计划生育支出（类）46.20 万元，占 8.5%。

    正例:
        2024年度部门决算情况说明

        卫生健康支出（类）46.20 万元，占 8.5%。
    """

    code = "FL510"
    name = "former-class-names"
    severity = Severity.WARNING
    summary = "类级科目用了更名前的名称 (a functional class under its pre-2019 name)"
    reads = (Claims("former_class_name"), Tables(unplaced=True))

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        report = self.context.report
        if report.year is None or report.year < RENAMED_IN:
            return
        for claim in claims:
            if isinstance(claim, ClassNameClaim):
                yield self._finding(claim.span, claim.text, claim.code, claim.renamed, report.year)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        report = self.context.report
        if report.year is None or report.year < RENAMED_IN:
            return
        for table in tables:
            for row in table.rows:
                old = next((name for name, (code, _) in FORMER_CLASS_NAMES.items() if row.code == code and name in row.label), None)
                if old is not None:
                    code, new = FORMER_CLASS_NAMES[old]
                    yield self._finding(Span(row.span.line, row.span.column, row.span.line, row.span.end_column), old, code, new, report.year)

    def _finding(self, span: Span, old: str, code: str, new: str, year: int) -> Finding:
        return self.finding(span, f"{code} 类 2019 年起名为“{new}”，{year} 年度报告仍用旧名“{old}”")


RULE = FormerClassNames
