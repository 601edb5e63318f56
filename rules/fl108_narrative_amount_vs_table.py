"""FL108: an amount the narrative gives for a table item must equal that item in the table."""

from __future__ import annotations

import re
from typing import Iterator

from fiscallint.ast import Claim, Number, Row
from fiscallint.denominators import fen, row_value, standard_table, table_figure
from fiscallint.findings import Finding, Related, Severity
from fiscallint.model import norm_label
from fiscallint.rule import Rule

PREFIX_RE = re.compile(r"^(\s|\d+\s*[.、．]|[（(]\d+[)）]|\d{4}\s*年度?|本年度|本部门|本单位)+")
CLASS_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]+?)(支出)?[（(]类[)）](支出)?$")
# Whole subjects → (table, row label, value index); the first row found is compared.
TOTALS: dict[str, list[tuple[str, str, int]]] = {
    "一般公共预算财政拨款支出": [("05", "合计", 0)],
    "一般公共预算财政拨款基本支出": [("05", "合计", 1)],
    "一般公共预算财政拨款项目支出": [("05", "合计", 2)],
    "本年收入合计": [("01", "本年收入合计", 0), ("02", "合计", 0)],
    "本年支出合计": [("01", "本年支出合计", 0), ("03", "合计", 0)],
}
TOTALS["收入合计"] = TOTALS["本年收入合计"]
TOTALS["支出合计"] = TOTALS["本年支出合计"]


class NarrativeAmountVsTable(Rule):
    """说明中的金额与表中同一项目不符。

    说明:
        情况说明中写明的表内项目金额——支出功能分类的“类”（“一般公共服务（类）支出 X 万元”，
        与公开05表或03表该类的合计栏比较）、一般公共预算财政拨款支出及其基本支出、项目支出
        （公开05表合计行）、本年收入合计、本年支出合计（公开01/02/03表）——必须与表中数一致。
        只在主语明确指向表内项目时比较。

    反例:
        1.一般公共服务（类）支出 310.00 万元，占 100%。

        公开05表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 300.00 200.00 100.00
        201 一般公共服务支出 300.00 200.00 100.00

    正例:
        1.一般公共服务（类）支出 300.00 万元，占 100%。

        公开05表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 300.00 200.00 100.00
        201 一般公共服务支出 300.00 200.00 100.00
    """

    code = "FL108"
    name = "narrative-amount-vs-table"
    severity = Severity.ERROR
    summary = "说明中的金额与表中数不符 (a narrative amount differs from the same item in the tables)"

    def check(self) -> Iterator[Finding]:
        for claim in self.context.report.claims():
            if claim.kind != "amount":
                continue
            places = self._places(claim)
            if not places:
                continue
            value = claim.numbers["value"]
            if any(abs(n.value - value.value) <= fen(value).ulp + fen(n).ulp for n, _, _ in places):
                continue
            number, row, table = places[0]
            yield self.finding(
                value.span,
                f"“{claim.subject}”{value.text} 万元与公开{table}表“{row.label}”{number.text} 不符：相差 {value.value - number.value:f}",
                related=[Related(row.span, f"公开{table}表 {row.label}")],
            )

    def _places(self, claim: Claim) -> list[tuple[Number, Row, str]]:
        """The table figures the claim's subject unambiguously names."""
        subject = PREFIX_RE.sub("", claim.words.get("context", "")).replace(" ", "")
        subject = re.sub(r"(为|是|共计|共)$", "", subject)
        model = self.context.model
        found: list[tuple[Number, Row, str]] = []
        match = CLASS_RE.match(subject)
        if match:
            wanted = norm_label(match.group("name") + "支出")
            for table in ("05", "03"):
                t = standard_table(model, table)
                row = next((r for r in t.rows if r.level == 1 and norm_label(r.label) in (wanted, norm_label(match.group("name")))), None) if t else None
                number = row_value(row, 0) if row is not None else None
                if number is not None:
                    found.append((number, row, table))
            return found
        for table, label, index in TOTALS.get(subject, []):
            figure = table_figure(model, table, label, index)
            if figure is not None:
                found.append((figure[0], figure[1], table))
        return found


RULE = NarrativeAmountVsTable
