"""FL602: last year's figures restated in this year's report equal last year's own report."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from fiscallint.findings import Finding, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport

if TYPE_CHECKING:  # the store's code is loaded only when a store is given (start-up)
    from fiscallint.across.peers import Peer
    from fiscallint.across.records import Figure
    from fiscallint.across.store import StoredFigure


class PriorYearRestated(Rule):
    """本年报告所列上年数与上年报告本身的数字一致。

    说明:
        预算说明“比上年预算增加（减少）X 万元”、决算说明“与上年度相比增加（减少）X 万元”隐含着
        上年的数字（本年数 ∓ 增减额）；它应等于同一单位上年报告自己公布的数字（上年预算报告的预算数，
        上年决算报告的决算数或年初预算数），差额超出两数舍入误差之和即为不符。需用
        ``fiscallint index`` 建立事实库，并以 ``fiscallint check --db`` 检查本年报告；单位名称对应
        不唯一时不作判断。下例中以一行 ===== 分隔的前面的报告先入库，检查的是最后一份。

    反例:
        南屏市档案馆
        2024年部门预算

        一、“三公”经费预算情况
        2024年“三公”经费预算12.00万元。
        =====
        南屏市档案馆
        2025年部门预算

        一、“三公”经费预算情况
        2025年“三公”经费预算10.00万元，比上年预算减少1.00万元。

    正例:
        南屏市档案馆
        2024年部门预算

        一、“三公”经费预算情况
        2024年“三公”经费预算12.00万元。
        =====
        南屏市档案馆
        2025年部门预算

        一、“三公”经费预算情况
        2025年“三公”经费预算10.00万元，比上年预算减少2.00万元。
    """

    code = "FL602"
    name = "prior-year-restated"
    severity = Severity.ERROR
    summary = "本年报告所列上年数与上年报告不符 (last year's figures differ from last year's own report)"
    options = (TOLERANCE,)
    reads = (WholeReport("the report's figures against last year's reports in the facts store"),)

    def check(self) -> Iterator[Finding]:
        if not self.context.settings.get("facts_db"):
            return
        from fiscallint.across.peers import compare, difference, peers_of

        peers = peers_of(self.context)
        if not peers:
            return
        i = peers.identity
        assert i.year is not None
        last = i.year - 1
        own = (f for f in peers.own.values() if f.year == last and f.basis == i.basis)
        others = peers.same_unit(last, "budget") + peers.same_unit(last, "final")
        yield from compare(self, own, others, difference, _message)


def _message(own: Figure, peer: Peer, other: StoredFigure, delta: Decimal) -> str:
    from fiscallint.across.peers import message

    return message("本报告所列", own, "不同于", peer, other, delta)


RULE = PriorYearRestated
