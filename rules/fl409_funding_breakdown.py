"""FL409: a performance table's funding parts add up: 基本支出总额 + 项目支出总额 = 执行数 (department
table), and 当年财政拨款 + 上年结转资金 + 其他资金 = 年度资金总额 in every column."""

from __future__ import annotations

import re
from typing import Iterator

from fiscallint.ast import Funding, Number, PerformanceTable
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.parser.performance import NATURE_RE
from fiscallint.rule import TOLERANCE, PerformanceTables, Rule

SOURCE_PARTS = {
    "财政拨款": re.compile(r"^(其中[:：]?)?(当年|本级|一般公共预算)?财政拨款(资金|收入)?$"),
    "政府性基金": re.compile(r"^(其中[:：]?)?政府性基金(预算)?(财政拨款)?(资金|收入)?$"),
    "国有资本经营": re.compile(r"^(其中[:：]?)?国有资本经营(预算)?(财政拨款)?(资金|收入)?$"),
    "财政专户管理资金": re.compile(r"^(其中[:：]?)?财政专户管理资金$"),
    "上年结转": re.compile(r"^(其中[:：]?)?上年结转(结余)?(资金)?$"),
    "其他资金": re.compile(r"^(其中[:：]?)?(其他|单位)资金$"),
}
"""The funding lines by source printed under 年度资金总额 (项目: 当年财政拨款, 上年结转资金, 其他资金;
部门整体: 一般公共预算财政拨款 … 单位资金). A 财政拨款 line and the rest (其他资金 or 单位资金)
make the set complete."""
COLUMNS = (("initial", "年初预算数"), ("budget", "全年预算数"), ("actual", "全年执行数"))


class FundingBreakdown(Rule):
    """自评表资金部分的分项之和等于总额（基本支出 + 项目支出；财政拨款 + 上年结转 + 其他资金）。

    说明:
        部门整体支出绩效自评表表头列出“基本支出总额”和“项目支出总额”，两者之和即部门
        整体支出，应等于资金部分的执行数（B）。常见错误是把支出总额填进了基本支出栏。
        资金部分按来源分列“其中：当年财政拨款”“上年结转资金”“其他资金”（部门整体表：
        一般公共预算财政拨款……单位资金）时，年初预算数、全年预算数、全年执行数各栏的分项
        之和应等于“年度资金总额”。只在紧接总额的各行都是来源分项、且财政拨款与其他资金
        （单位资金）两行都列出（分项完整）时检查，缺项或无法读出的栏不检查。部门预算所附项目
        绩效目标表的资金（年度资金总额 = 财政拨款 + 其他资金）同样检查。

    反例:
        部门整体支出绩效自评表
        | 单位名称 | 示范单位 |
        | 基本支出总额 | 300.00 | 项目支出总额 | 80.00 |
        | 资金（万元） | | 全年预算数 | 全年执行数 | 执行率 |
        | | 部门整体支出总额 | 300.00 | 300.00 | 100.00% |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 50.00 | 50.00 | 45.00 | 10 | 90.00% | 9 |
        | | 其中：当年财政拨款 | 40.00 | 45.00 | 40.00 | — | — | — |
        | | 上年结转资金 | 10.00 | 10.00 | 5.00 | — | — | — |
        | | 其他资金 | 0.00 | 0.00 | 0.00 | — | — | — |
    正例:
        部门整体支出绩效自评表
        | 单位名称 | 示范单位 |
        | 基本支出总额 | 220.00 | 项目支出总额 | 80.00 |
        | 资金（万元） | | 全年预算数 | 全年执行数 | 执行率 |
        | | 部门整体支出总额 | 300.00 | 300.00 | 100.00% |
        ---
        项目支出绩效自评表
        | 项目名称 | 示范项目 |
        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 50.00 | 50.00 | 45.00 | 10 | 90.00% | 9 |
        | | 其中：当年财政拨款 | 40.00 | 40.00 | 40.00 | — | — | — |
        | | 上年结转资金 | 10.00 | 10.00 | 5.00 | — | — | — |
    """

    code = "FL409"
    name = "funding-breakdown"
    severity = Severity.WARNING
    summary = "资金分项之和不等于总额 (funding parts do not add up to the total)"
    options = (TOLERANCE,)
    reads = (PerformanceTables(),)

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        for table in tables:
            yield from self._by_nature(table)
            yield from self._by_source(table)

    def _by_nature(self, table: PerformanceTable) -> Iterator[Finding]:
        basic, project = table.basic_total, table.project_total
        actual = table.funding.actual if table.funding is not None else None
        if basic is None or project is None or actual is None:
            return
        computed = basic.value + project.value
        if abs(computed - actual.value) <= sum_tolerance([basic, project], actual) + self.tolerance:
            return
        hint = "（基本支出总额与执行数相同，疑将支出总额填入基本支出栏）" if basic.value == actual.value else ""
        yield self.finding(
            basic.span,
            f"基本支出总额 {basic.text} + 项目支出总额 {project.text} = {fmt(computed)}，与全年执行数 {actual.text} 不符{hint}",
            related=[Related(project.span, "项目支出总额"), Related(actual.span, "全年执行数")],
        )

    def _by_source(self, table: PerformanceTable) -> Iterator[Finding]:
        total = table.funding
        parts = _source_parts(table.budget_lines)
        if total is None or parts is None:
            return
        for field, word in COLUMNS:
            word = "" if table.stage == "target" else f" {word}"  # a target table plans one amount a line
            whole: Number | None = getattr(total, field)
            terms = [getattr(line, field) for _, line in parts]
            if whole is None or any(t is None for t in terms):
                continue
            computed = sum(t.value for t in terms)
            if abs(computed - whole.value) <= sum_tolerance(terms, whole) + self.tolerance:
                continue
            shown = " + ".join(f"{name} {t.text}" for (name, _), t in zip(parts, terms))
            yield self.finding(
                whole.span,
                f"{total.label or '年度资金总额'}{word} {whole.text} 与分项之和不符：{shown} = {fmt(computed)}",
                related=[Related(t.span, name) for (name, _), t in zip(parts, terms)],
            )


def _source_parts(lines: list[Funding]) -> list[tuple[str, Funding]] | None:
    """The lines by source right under the total, each source once; None unless every line of
    that run is a source and the set is complete (a line of another kind among them, or a
    source printed twice, and the parts are not known)."""
    found: dict[str, Funding] = {}
    for line in lines:
        label = line.label.replace(" ", "")
        name = next((name for name, pattern in SOURCE_PARTS.items() if pattern.match(label)), None)
        if name is None:
            if NATURE_RE.match(label):
                break  # 基本支出 / 项目支出: the lines by nature of spending follow
            return None
        if name in found:
            return None
        found[name] = line
    if "财政拨款" not in found or "其他资金" not in found:
        return None
    return [(name, found[name]) for name in SOURCE_PARTS if name in found]


RULE = FundingBreakdown
