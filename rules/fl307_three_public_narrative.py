"""FL307: the narrative's 三公 figures equal the 三公 table's."""

from __future__ import annotations

from typing import Iterator

from fiscallint.facts import SLOT_NAMES, SLOTS
from fiscallint.figures import in_wan
from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport

from .fl3_support import mismatch

ROLE_NAMES = {"budget": "全年预算数", "actual": "决算数"}


class ThreePublicNarrative(Rule):
    """情况说明中的“三公”经费金额与“三公”经费支出决算表一致。

    说明:
        情况说明逐项说明“三公”经费（合计、因公出国（境）费、公务用车购置及运行维护费、
        公务用车购置费、公务用车运行维护费、公务接待费）的全年预算数和决算数，须与公开
        09表同栏一致；同一项目在说明中再次列示（如先在占比句中、再在分项说明中）的金额也逐一比较。表格版式丢失空栏时，只取由“合计 = 出国 + 用车 + 接待、用车 = 购置 +
        运行”唯一确定位置的栏。表以“单位：元”或“单位：千元”列示时，折算为万元比较。
        表按项目分行列示时，取预算数、决算数两栏；本年与上年（或两个年度）并列时只取报告年度
        （本年）一栏；某行的数不能确定所在栏时不比较。

    反例:
        财政拨款“三公”经费支出决算表
        公开09表
        单位：万元
        预算数 决算数
        1 2 3 4 5 6 7 8 9 10 11 12
        10.00 6.00 1.00 1.00 3.00 9.00 6.00 1.00 1.00 2.00

        一、“三公”经费支出决算情况说明
        2024年度“三公”经费财政拨款支出决算为 9.00 万元。
        因公出国（境）费支出决算为 5.00 万元。

    正例:
        财政拨款“三公”经费支出决算表
        公开09表
        单位：万元
        预算数 决算数
        1 2 3 4 5 6 7 8 9 10 11 12
        10.00 6.00 1.00 1.00 3.00 9.00 6.00 1.00 1.00 2.00

        一、“三公”经费支出决算情况说明
        2024年度“三公”经费财政拨款支出决算为 9.00 万元。
        因公出国（境）费支出决算为 6.00 万元。
    """

    code = "FL307"
    name = "three-public-narrative"
    severity = Severity.ERROR
    summary = "情况说明“三公”经费与三公表不符 (narrative 三公 figures differ from the 三公 table)"
    options = (TOLERANCE,)
    reads = (WholeReport("the narrative's 三公 figures against the 三公 table"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        located = model.three_public_table
        stated = model.three_public
        if located is None or not stated.values:
            return
        table, row, figures = located
        names = {**ROLE_NAMES, "actual": "预算数"} if model.is_budget else ROLE_NAMES  # a budget's 三公 table holds its budget
        said = [((role, slot), stated.values.get((role, slot))) for role in ("budget", "actual") for slot in SLOTS]
        for (role, slot), number in said + stated.restated:
            shown = figures.values.get((role, slot))
            yield from mismatch(
                self, number, shown and in_wan(shown, table), f"{SLOT_NAMES[slot]}{names[role]}", "“三公”经费表",
                f"公开{table.number or ''}表 {SLOT_NAMES[slot]}{names[role]}", unit="万元",
                related_at=row.span if shown is not None and shown.text == "（空）" else None,
            )


RULE = ThreePublicNarrative
