"""FL604: a budget's 当年预算执行数 against the final account of that year (a warning)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport

if TYPE_CHECKING:  # the store's code is loaded only when a store is given (start-up)
    from fiscallint.across.peers import Peer
    from fiscallint.across.records import Figure
    from fiscallint.across.store import StoredFigure


class ExecutionEstimateVsFinal(Rule):
    """预算所列上年预算执行数与同一单位上年的决算数一致。

    说明:
        部门预算说明中的“2025年当年预算执行数为 A 万元”、“比2025年预算执行数增加（减少）X 万元”
        给出上年的执行数；上年决算公开后，两者应相符。预算编制时的执行数是预计数，与决算合理地
        存在差异，故只作警告。需用 ``fiscallint index`` 建立事实库，并以 ``fiscallint check --db``
        检查预算报告；单位名称对应不唯一时不作判断。下例中以一行 ===== 分隔的前面的报告先入库，
        检查的是最后一份。

    反例:
        南屏市档案馆
        2024年度部门决算

        一、“三公”经费财政拨款支出决算情况
        2024年度“三公”经费财政拨款支出决算为8.00万元。
        =====
        南屏市档案馆
        2025年部门预算

        一、“三公”经费预算情况
        2025年“三公”经费预算10.00万元，比2024年预算执行数增加1.00万元。

    正例:
        南屏市档案馆
        2024年度部门决算

        一、“三公”经费财政拨款支出决算情况
        2024年度“三公”经费财政拨款支出决算为8.00万元。
        =====
        南屏市档案馆
        2025年部门预算

        一、“三公”经费预算情况
        2025年“三公”经费预算10.00万元，比2024年预算执行数增加2.00万元。
    """

    code = "FL604"
    name = "execution-estimate-vs-final"
    severity = Severity.WARNING
    summary = "预算所列上年执行数与上年决算不符 (a budget's 当年预算执行数 differs from that year's final account)"
    options = (TOLERANCE,)
    reads = (WholeReport("the report's figures against last year's final account in the facts store"),)

    def check(self) -> Iterator[Finding]:
        if not self.context.settings.get("facts_db"):
            return
        from fiscallint.across.peers import compare, difference, peers_of

        peers = peers_of(self.context)
        if not peers or peers.identity.kind != "budget":
            return
        year = peers.identity.year
        assert year is not None
        own = (f for f in peers.own.values() if f.year == year - 1 and f.basis == "actual")
        yield from compare(self, own, peers.same_unit(year - 1, "final"), difference, _message)


def _message(own: Figure, peer: Peer, other: StoredFigure, delta: Decimal) -> str:
    from fiscallint.across.peers import message

    return message("预算所列", own, "不同于", peer, other, delta, '（预计执行数可与决算不同，请核对）')


RULE = ExecutionEstimateVsFinal
