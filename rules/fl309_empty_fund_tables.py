"""FL309: a 政府性基金 / 国有资本经营 table stated empty must show no figure, and vice versa."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, Table
from fiscallint.facts import FUND_KINDS, fund_table, table_figures
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule, WholeReport


class EmptyFundTables(Rule):
    """说明或表注称“无此项内容/本表无数据”的07、08表不得列示金额。

    说明:
        政府性基金预算财政拨款收支表（07）和国有资本经营预算财政拨款支出表（08）没有
        数据时，应在表注或情况说明中写明（“本单位无此项内容”“无……收支”“本表无数据”）；
        部门预算的政府性基金预算支出表、国有资本经营预算支出表同样检查。
        称其为空却列示非零金额，或表中有金额而说明称无，是矛盾。

    反例:
        政府性基金预算财政拨款收入支出决算表
        公开07表
        单位：万元
        科目编码 科目名称 本年收入 本年支出
        合计 12.00 12.00
        229 其他支出 12.00 12.00

        一、政府性基金预算财政拨款收入支出决算情况说明
        本单位当年无政府性基金预算财政拨款收入支出。

    正例:
        政府性基金预算财政拨款收入支出决算表
        公开07表
        单位：万元
        科目编码 科目名称 本年收入 本年支出
        注：本单位无此项内容，本表无数据。

        一、政府性基金预算财政拨款收入支出决算情况说明
        本单位当年无政府性基金预算财政拨款收入支出。
    """

    code = "FL309"
    name = "empty-fund-tables"
    severity = Severity.ERROR
    summary = "07/08表是否有数据与说明矛盾 (a 07/08 table stated empty shows figures, or vice versa)"
    reads = (WholeReport("the narrative's empty-table statements against tables 07 and 08"),)

    def check(self) -> Iterator[Finding]:
        statements = self.context.model.empty_statements
        for kind, word in FUND_KINDS.items():
            table = fund_table(self.context.report, kind)
            if table is None:
                continue
            said = [s for s in statements if s.kind == kind]
            figures = table_figures(table)
            if not figures:
                yield from self._stated_amounts(word, table)
                continue
            if not said:
                continue
            shown = "、".join(n.text for n in figures[:3])
            yield self.finding(
                said[0].span,
                f"称无{word}预算财政拨款收支，但{word}表列示金额 {shown}",
                related=[Related(figures[0].span, f"公开{table.number or ''}表 {table.title}")],
            )


    def _stated_amounts(self, word: str, table: Table) -> Iterator[Finding]:
        """The narrative section on this fund states a non-zero amount the empty table lacks."""
        for section in self.context.report.sections():
            if word not in section.title or "说明" not in section.title:
                continue
            for paragraph in section.paragraphs:
                for claim in paragraph.claims:
                    if isinstance(claim, AmountClaim) and claim.value.value != 0:
                        number = claim.value
                        yield self.finding(
                            number.span,
                            f"说明列示{word}预算财政拨款金额 {number.text} 万元，但{word}表无数据",
                            related=[Related(table.span, f"公开{table.number or ''}表 {table.title}")],
                        )
                        return


RULE = EmptyFundTables
