"""FL512: a final account's 决算 figure stated under a year after the report's."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, Claim, Paragraph, YearClaim
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.patterns import lazy
from fiscallint.rule import Paragraphs, Rule

FLOW_RE = lazy(r"支出|收入")
PLAN_RE = lazy(r"计划|拟|将|预计|安排")


class FutureYearActuals(Rule):
    """决算报告中，决算数被冠以报告年度之后的年份。

    说明:
        决算报告只能报告本年度及以前年度已经发生的收支。句中写明决算数、执行数或完成预算
        比例（“2025年度……支出决算为 X 万元”“完成年初预算的 P%”），而句首的年份晚于报告
        年度，年份必错（多为笔误或套用模板）。句中另写了报告年度（两年对比），或金额前
        写有预算、计划、预计、拟安排等字样（而非决算数）时不检查；报告年度不明、部门预算报告不检查。

    反例:
        一、2024年度部门决算情况说明
        2025年度一般公共预算财政拨款支出年初预算为 120.00 万元，支出决算为 110.00 万元，完成年初预算的 91.67%。

    正例:
        一、2024年度部门决算情况说明
        2024年度一般公共预算财政拨款支出年初预算为 120.00 万元，支出决算为 110.00 万元，完成年初预算的 91.67%。
        ---
        一、2024年度部门决算情况说明
        2025年计划安排项目资金 50.00 万元。
    """

    code = "FL512"
    name = "future-year-actuals"
    severity = Severity.ERROR
    summary = "决算数被冠以报告年度之后的年份 (a final account's actual figure stated under a later year)"

    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        year = self.context.report.year
        if year is None or self.context.model.is_budget:
            return
        for paragraph in paragraphs:
            for claim in paragraph.claims:
                if isinstance(claim, YearClaim) and claim.role == "other" and int(claim.year.value) > year:
                    evidence = _actual_in_sentence(paragraph, claim, year)
                    if evidence is not None:
                        span = claim.year.span
                        yield self.finding(
                            span,
                            f"决算报告（{year}年度）中写了 {claim.year.text}年的决算数（{evidence.text}）："
                            f"{claim.year.text} 晚于报告年度，年份应为 {year}",
                            related=[Related(evidence.span, "决算数")],
                            fix=Fix(span, str(year), f"年份改为 {year}"),
                        )


def _actual_in_sentence(paragraph: Paragraph, year_claim: YearClaim, year: int) -> Claim | None:
    """The claim that makes the year's figure an actual: an amount of the year's own clause
    worded 决算/执行数/支出… (not a budget or a plan), or, when the year heads the sentence, its
    execution rate or 决算数大于预算数 relation; None when the sentence also names the report year."""
    sentence = [c for c in paragraph.claims if c.sentence == year_claim.sentence]
    if any(isinstance(c, YearClaim) and int(c.year.value) == year for c in sentence):
        return None
    after = sentence[sentence.index(year_claim) + 1:]
    heads = sentence[0] is year_claim
    return next(
        (
            c for c in after
            if (heads and c.kind in ("execution", "relation"))
            or (isinstance(c, AmountClaim) and year_claim in c.years and _actual(c))
        ),
        None,
    )


def _actual(claim: AmountClaim) -> bool:
    """An amount's words name an actual (its basis), or a 支出/收入 that neither a budget word (a
    fund's name, 一般公共预算, is none) nor a plan word qualifies."""
    return claim.basis == "actual" or (claim.basis == "" and FLOW_RE.search(claim.context) is not None and PLAN_RE.search(claim.context) is None)


RULE = FutureYearActuals
