"""FL206: a code of the other classification among a table's codes."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Row, Table
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule, Tables

ECONOMIC = "35"
"""First digits of economic classification codes: 301–399 (部门预算) and 501–599 (政府预算)."""
FUNCTIONAL = "2"
"""First digit of functional classification codes (201–233)."""
SETTLED = 0.8
"""Share of a table's codes that must be of one classification before the others are judged."""
MIN_CODES = 5


class CodeOfOtherClassification(Rule):
    """表中出现另一套分类的科目编码。

    说明:
        按经济分类列示的表（301 工资福利支出、302 商品和服务支出……，编码以 3 或 5 开头）
        中出现以 2 开头的功能分类编码，或按功能分类列示的表（201 一般公共服务支出……）
        中出现以 3、5 开头的经济分类编码，多为编码录入错误（如 309 资本性支出（基本建设）
        下的“文物和陈列品购置”印成 20921，应为 30921）。只在表中至少五个编码行、八成以上
        属于同一套分类时检查款、项级（5、7 位）编码；同一位置换成另一套分类后与相邻行同属
        一类时，一并指出可能的正确编码。

    反例:
        一般公共预算财政拨款基本支出决算表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        309 资本性支出（基本建设） 6.00
        30902 办公设备购置 1.00
        30913 公务用车购置 2.00
        20921 文物和陈列品购置 3.00
        30999 其他基本建设支出 0.00

    正例:
        一般公共预算财政拨款基本支出决算表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        309 资本性支出（基本建设） 6.00
        30902 办公设备购置 1.00
        30913 公务用车购置 2.00
        30921 文物和陈列品购置 3.00
        30999 其他基本建设支出 0.00
    """

    code = "FL206"
    name = "code-of-other-classification"
    severity = Severity.ERROR
    summary = "表中出现另一套分类的科目编码 (a code of the other classification among a table's codes)"

    reads = (Tables(),)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        for table in tables:
            yield from self._check_table(table)

    def _check_table(self, table: Table) -> Iterator[Finding]:
        coded = [row for row in table.rows if row.code]
        if len(coded) < MIN_CODES:
            return
        economic = sum(1 for row in coded if row.code[0] in ECONOMIC) / len(coded)  # type: ignore[index]
        functional = sum(1 for row in coded if row.code[0] in FUNCTIONAL) / len(coded)  # type: ignore[index]
        if economic >= SETTLED:
            settled, foreign, name, other = ECONOMIC, FUNCTIONAL, "经济分类", "功能分类"
        elif functional >= SETTLED:
            settled, foreign, name, other = FUNCTIONAL, ECONOMIC, "功能分类", "经济分类"
        else:
            return
        columns = [[r for r in block if r.code] for block in table.blocks] or [coded]
        for column in columns:  # side-by-side blocks: a row's neighbours are those of its block
            for index, row in enumerate(column):
                code = row.code or ""
                if len(code) < 5 or code[0] not in foreign or not row.label:
                    continue
                neighbours = column[max(0, index - 1):index] + column[index + 1:index + 2]
                guess = _likely(code, settled, neighbours)
                hint = f"，按相邻行应为 {guess}" if guess else ""
                yield self.finding(
                    row.span,
                    f"{code} {row.label}：按{name}列示的表中出现{other}编码{hint}",
                    related=[Related(r.span, f"{r.code} {r.label}") for r in neighbours],
                )


def _likely(code: str, settled: str, neighbours: list[Row]) -> str | None:
    """The code with its first digit of the table's classification, when a neighbouring row
    belongs to the same class under it (20921 between 30919 and 30922 → 30921)."""
    for first in settled:
        candidate = first + code[1:]
        if any(row.code and row.code[:3] == candidate[:3] for row in neighbours):
            return candidate
    return None


RULE = CodeOfOtherClassification
