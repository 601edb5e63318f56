"""FL504: the standard tables 公开01..09 are all present and in order."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Table
from fiscallint.findings import Finding, Severity
from fiscallint.patterns import lazy
from fiscallint.rule import Rule, WholeReport
from fiscallint.parser.tables import STANDARD_TITLES as TITLES, is_budget_kind

STANDARD = [f"{n:02d}" for n in range(1, 10)]
EMPTY_KIND = {"07": "fund", "08": "capital"}
KINDS_TO_CHECK = 5
UNNAMED_ACCOUNT_RE = lazy(r"决算(明细)?表$")
"""A 决算 table's title the standard kinds do not name (a provincial variant)."""
"""Standard tables recognised by title, without numbers, before the missing ones are named."""


class StandardTables(Rule):
    """决算公开的九张标准表（公开01表至09表）齐全且按序排列。

    说明:
        报告含编号的公开表时，01至09表都应出现并按编号排列（检查编号之间的缺口；已有
        05表以上时也检查到09表）。表格不印编号、只有标题时（如“一、收入支出决算总表”），
        按标题认出的标准表已有五种以上，即检查其余几种是否缺失（各地排列次序不同，不查
        顺序；另有标题认不出的决算表时不查，它可能就是那张表）。07、08表可以不列示，但须
        在说明中写明本单位无政府性基金、国有资本经营预算财政拨款收支。报告未附表格
        （表格另行公开）或文件只有一张表、没有说明（各表分文件公开）时不检查；部门预算表（标题含“预算”而无“决算”）不在此列。

    反例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        本年收入合计 27 10.00 本年支出合计 58 10.00

        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 10.00

    正例:
        收入支出决算总表
        公开01表
        单位：万元
        项目 行次 金额 项目 行次 金额
        本年收入合计 27 10.00 本年支出合计 58 10.00

        收入决算表
        公开02表
        单位：万元
        科目编码 科目名称 本年收入合计
        合计 10.00
    """

    code = "FL504"
    name = "standard-tables"
    severity = Severity.WARNING
    summary = "标准公开表缺失或顺序错乱 (a standard table 01–09 is missing or out of order)"
    reads = (WholeReport("which standard tables are present, and their order"),)

    def check(self) -> Iterator[Finding]:
        report = self.context.report
        numbered = [t for t in report.tables if t.number and int(t.number) <= 12 and not is_budget_kind(t.kind)]
        if len(report.tables) == 1 and not any(p.claims for p in report.paragraphs):
            return  # a file of one table and no narrative: the tables published one file each
        stated_empty = {s.kind for s in self.context.model.empty_statements}
        if not numbered:
            yield from self._missing_by_title(stated_empty)
            return
        present = {t.number for t in numbered}
        last = max(int(n) for n in present)
        # Gaps below the highest table; the tail up to 09 once most tables are there. The tables
        # missing at one place (between the same two present tables) make one finding.
        gaps: dict[int, tuple[Table, list[str]]] = {}
        for number in STANDARD[: 9 if last >= 5 else last]:
            if number in present or EMPTY_KIND.get(number) in stated_empty:
                continue
            before = [t for t in numbered if int(t.number or 0) < int(number)]
            anchor = before[-1] if before else numbered[0]
            gaps.setdefault(id(anchor), (anchor, []))[1].append(number)
        for anchor, numbers in gaps.values():
            yield self.finding(anchor.span, f"缺少公开{_numbers(numbers)}表（标准决算公开表为01至09表）")
        highest = 0
        for table in numbered:
            value = int(table.number or 0)
            if value < highest:
                yield self.finding(table.span, f"公开{table.number}表出现在公开{highest:02d}表之后，顺序错乱")
            highest = max(highest, value)

    def _missing_by_title(self, stated_empty: set[str]) -> Iterator[Finding]:
        """Tables printed without numbers: the standard kinds their titles name, once most are there."""
        tables = self.context.report.tables
        titled = [t for t in tables if t.kind in TITLES]
        kinds = {t.kind for t in titled}
        if len(kinds) < KINDS_TO_CHECK or any(t.kind is None and UNNAMED_ACCOUNT_RE.search(t.title) for t in tables):
            return  # a 决算 table under a provincial title may be the one that looks missing
        missing = [kind for kind in STANDARD if kind not in kinds and EMPTY_KIND.get(kind) not in stated_empty]
        if missing:
            names = "、".join(f"“{TITLES[kind]}”" for kind in missing)
            yield self.finding(titled[-1].span, f"缺少{names}（公开{_numbers(missing)}表；标准决算公开表为01至09表）")


def _numbers(numbers: list[str]) -> str:
    """01、03 for a few table numbers; 01至08 for a run of three or more."""
    run = len(numbers) >= 3 and int(numbers[-1]) - int(numbers[0]) == len(numbers) - 1
    return f"{numbers[0]}至{numbers[-1]}" if run else "、".join(numbers)


RULE = StandardTables
