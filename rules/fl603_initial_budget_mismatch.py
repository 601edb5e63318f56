"""FL603: a final account's 年初预算 figures equal the same year's budget report."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport

if TYPE_CHECKING:  # the store's code is loaded only when a store is given (start-up)
    from fiscallint.across.peers import Peer
    from fiscallint.across.records import Figure
    from fiscallint.across.store import StoredFigure


class InitialBudgetMismatch(Rule):
    """决算所列年初预算数与同一单位同年的预算报告一致。

    说明:
        部门决算说明中的“年初预算为 X 万元”（一般公共预算财政拨款支出、各科目、“三公”经费）和
        “三公”经费表的预算数，是当年年初公开的部门预算数，应与同一单位同年预算报告中的同项数字一致，
        差额超出两数舍入误差之和即为不符。需用 ``fiscallint index`` 建立事实库，并以
        ``fiscallint check --db`` 检查决算报告；单位名称对应不唯一时不作判断。下例中以一行 =====
        分隔的前面的报告先入库，检查的是最后一份。

    反例:
        南屏市档案馆
        2024年部门预算

        一、一般公共预算支出情况
        2024年一般公共预算支出300.00万元。
        =====
        南屏市档案馆
        2024年度部门决算

        一、一般公共预算财政拨款支出决算情况
        2024年度一般公共预算财政拨款支出年初预算为320.00万元，支出决算为290.00万元。

    正例:
        南屏市档案馆
        2024年部门预算

        一、一般公共预算支出情况
        2024年一般公共预算支出300.00万元。
        =====
        南屏市档案馆
        2024年度部门决算

        一、一般公共预算财政拨款支出决算情况
        2024年度一般公共预算财政拨款支出年初预算为300.00万元，支出决算为290.00万元。
    """

    code = "FL603"
    name = "initial-budget-mismatch"
    severity = Severity.ERROR
    summary = "决算所列年初预算数与同年预算报告不符 (a final account's 年初预算 differs from the budget report)"
    options = (TOLERANCE,)
    reads = (WholeReport("the report's figures against the same year's budget report in the facts store"),)

    def check(self) -> Iterator[Finding]:
        if not self.context.settings.get("facts_db"):
            return
        from fiscallint.across.peers import compare, difference, peers_of

        peers = peers_of(self.context)
        if not peers or peers.identity.kind != "final":
            return
        year = peers.identity.year
        assert year is not None
        own = (f for f in peers.own.values() if f.year == year and f.basis == "budget")
        yield from compare(self, own, peers.same_unit(year, "budget"), difference, _message)


def _message(own: Figure, peer: Peer, other: StoredFigure, delta: Decimal) -> str:
    from fiscallint.across.peers import message

    return message("决算所列", own, "不同于", peer, other, delta)


RULE = InitialBudgetMismatch
