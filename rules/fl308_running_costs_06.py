"""FL308: the narrative's 机关运行经费 never exceeds table 06 公用经费合计."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim
from fiscallint.facts import differs, first_value
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport


class RunningCosts06(Rule):
    """情况说明的机关运行经费支出不超过公开06表公用经费合计。

    说明:
        机关运行经费是行政单位和参照公务员法管理的事业单位一般公共预算财政拨款基本支出中的
        公用经费，是06表公用经费合计的一部分：只含行政单位的部门两者相等，含其他事业单位的
        部门机关运行经费较小，因此只有机关运行经费大于公用经费合计才是矛盾。
        只取说明中机关运行经费的本年决算金额（不取上年数、预算数）。

    反例:
        一般公共预算财政拨款基本支出决算明细表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        302 商品和服务支出 20.00
        公用经费合计 20.00

        一、机关运行经费支出说明
        本部门2024年度机关运行经费支出 25.00 万元，比上年减少 1.00 万元。

    正例:
        一般公共预算财政拨款基本支出决算明细表
        公开06表
        单位：万元
        科目编码 科目名称 决算数
        302 商品和服务支出 20.00
        公用经费合计 20.00

        一、机关运行经费支出说明
        本部门2024年度机关运行经费支出 20.00 万元，比上年减少 1.00 万元。
    """

    code = "FL308"
    name = "running-costs-06"
    severity = Severity.WARNING
    summary = "机关运行经费大于06表公用经费合计 (机关运行经费 exceeds table 06 公用经费)"
    options = (TOLERANCE,)
    reads = (WholeReport("the narrative's 机关运行经费 against table 06"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        table06 = model.table("06")
        if table06 is None or "基本支出" not in table06.title:
            return
        public = first_value(model.row_by_label("06", "公用经费合计"))
        if public is None:
            return
        claim = next(
            (
                c for c in self.context.report.claims()
                if isinstance(c, AmountClaim)
                and "机关运行经费" in c.context
                and c.basis != "budget" and not c.prior and c.stage != "initial"
            ),
            None,
        )
        if claim is None:
            return
        said = claim.value
        if said.value <= public.value or not differs(said, public, self.tolerance):
            return
        yield self.finding(
            said.span,
            f"机关运行经费 {said.text} 万元大于06表公用经费合计 {public.text}：超出 {said.value - public.value:f}"
            "（机关运行经费是公用经费的一部分）",
            related=[Related(public.span, "公开06表 公用经费合计")],
        )


RULE = RunningCosts06
