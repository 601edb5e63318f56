"""FL601: a unit's figure never exceeds its department's for the same year, kind and item."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport

if TYPE_CHECKING:  # the store's code is loaded only when a store is given (start-up)
    from fiscallint.across.peers import Peer
    from fiscallint.across.records import Figure
    from fiscallint.across.store import StoredFigure


SUMMED_WHOLE = {"gp_exp", "gp_basic", "approp_inc", "approp_exp", "approp_grand_total", "three_public", "running_costs"}
"""Measures a department reports as the plain sum of its units' (appropriations are not eliminated
on consolidation, unlike the transfers between units inside 收入 / 支出 合计)."""


class UnitExceedsDepartment(Rule):
    """单位报告中的金额不大于其所属部门同年同类报告中同一项目的金额。

    说明:
        部门预算（决算）汇总本部门所属全部单位，同一年度、同一类报告（预算或决算）中，任一单位的
        财政拨款金额（一般公共预算财政拨款支出的合计及各科目、财政拨款收支、“三公”经费、机关运行
        经费）都不应大于部门的金额。收支合计不比：部门汇总时抵销单位间的上下级补助，单位的收支
        合计可以合理地大于部门数。需用
        ``fiscallint index`` 建立事实库，并以 ``fiscallint check --db`` 检查单位报告。单位与部门的
        对应关系来自单位报告所列主管部门、部门报告“单位构成”中列出的单位名称，或同名的本级单位；
        对应不唯一时不作判断。下例中以一行 ===== 分隔的前面的报告先入库，检查的是最后一份。

    反例:
        南屏市林业局
        2025年部门预算

        一、部门预算单位构成
        纳入本部门预算编制范围的单位包括局机关本级和南屏市林场。

        二、收支预算总体情况
        2025年一般公共预算支出300.00万元。
        =====
        南屏市林场
        2025年单位预算

        一、收支预算总体情况
        2025年一般公共预算支出320.00万元。

    正例:
        南屏市林业局
        2025年部门预算

        一、部门预算单位构成
        纳入本部门预算编制范围的单位包括局机关本级和南屏市林场。

        二、收支预算总体情况
        2025年一般公共预算支出300.00万元。
        =====
        南屏市林场
        2025年单位预算

        一、收支预算总体情况
        2025年一般公共预算支出120.00万元。
    """

    code = "FL601"
    name = "unit-exceeds-department"
    severity = Severity.ERROR
    summary = "单位金额大于所属部门同项金额 (a unit's figure exceeds its department's for the same year, kind and item)"
    options = (TOLERANCE,)
    reads = (WholeReport("the report's figures against its department's reports in the facts store"),)

    def check(self) -> Iterator[Finding]:
        if not self.context.settings.get("facts_db"):
            return
        from fiscallint.across.peers import compare, peers_of

        peers = peers_of(self.context)
        if not peers or peers.identity.level != "unit":
            return
        i = peers.identity
        own = (f for f in peers.own.values()
               if f.year == i.year and f.basis == i.basis and f.value > 0 and f.measure in SUMMED_WHOLE)
        yield from compare(self, own, peers.departments(), _exceeds, _message)


def _exceeds(unit: Figure, department: Figure) -> Decimal | None:
    excess = unit.value - department.value
    return excess if excess > unit.tolerance + department.tolerance else None


def _message(own: Figure, peer: Peer, other: StoredFigure, delta: Decimal) -> str:
    from fiscallint.across.peers import message

    return message("单位", own, "大于所属部门", peer, other, delta)


RULE = UnitExceedsDepartment
