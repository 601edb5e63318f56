"""FL308: the narrative's 机关运行经费 never exceeds table 06 公用经费合计."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, Number, Span
from fiscallint.facts import STAFF_PUBLIC_COLUMNS, differs, staff_public_06
from fiscallint.figures import in_wan
from fiscallint.parser.claims import amount_in_wan
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import TOLERANCE, Rule, WholeReport


class RunningCosts06(Rule):
    """情况说明的机关运行经费支出不超过公开06表公用经费合计。

    说明:
        机关运行经费是行政单位和参照公务员法管理的事业单位一般公共预算财政拨款基本支出中的
        公用经费，是06表公用经费合计的一部分：只含行政单位的部门两者相等，含其他事业单位的
        部门机关运行经费较小，因此只有机关运行经费大于公用经费合计才是矛盾。
        只取说明中机关运行经费的本年决算金额（不取上年数、预算数）。部门预算中，比较
        机关运行经费预算与一般公共预算基本支出表合计行的公用经费（表以元列示时折算为万元）。

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
        if model.is_budget:
            yield from self._budget()
            return
        table06 = model.table("06")
        if table06 is None or "基本支出" not in table06.title:
            return
        _, public = staff_public_06(table06, lambda label: model.row_by_label("06", label))
        if public is None:
            return
        claim = self._stated("budget")
        if claim is None:
            return
        yield from self._exceeds(claim.value, public, "机关运行经费", "06表公用经费合计", "", public.span, "公开06表 公用经费合计")

    def _stated(self, excluded: str) -> AmountClaim | None:
        """The narrative's first 机关运行经费 amount of this year whose basis is not ``excluded``
        (a final account's 决算 figure, no budget; a budget's 预算, no 执行数 or 决算) and that
        names neither last year nor the 年初预算."""
        return next(
            (
                c for c in self.context.report.claims()
                if isinstance(c, AmountClaim) and "机关运行经费" in c.context
                and c.basis != excluded and not c.prior and c.stage != "initial"
            ),
            None,
        )

    def _budget(self) -> Iterator[Finding]:
        """A budget's 机关运行经费预算 against the 公用经费 of its B06 合计 row, read only where
        the row prints one figure for each of the table's columns."""
        model = self.context.model
        table = model.table("B06")
        row = model.total_row("B06")
        if table is None or row is None:
            return
        columns = table.columns or (STAFF_PUBLIC_COLUMNS if table.heading.staff_public else [])
        if "公用经费" not in columns or len(row.numbers) != len(columns):
            return
        public = in_wan(row.numbers[columns.index("公用经费")], table)
        claim = self._stated("actual")
        if claim is None:
            return
        yield from self._exceeds(amount_in_wan(claim), public, "机关运行经费预算", f"{table.title}公用经费", " 万元",
                                 row.span, f"{table.title} 合计 公用经费")

    def _exceeds(self, said: Number, public: Number, said_as: str, shown_as: str, unit: str, at: Span, note: str) -> Iterator[Finding]:
        """A finding when the stated 机关运行经费 exceeds the 公用经费 beyond both roundings."""
        if said.value <= public.value or not differs(said, public, self.tolerance):
            return
        yield self.finding(
            said.span,
            f"{said_as} {said.text} 万元大于{shown_as} {public.text}：超出 {said.value - public.value:f}{unit}"
            "（机关运行经费是公用经费的一部分）",
            related=[Related(at, note)],
        )



RULE = RunningCosts06
