"""FL508: a figure of this year's tables stated under another year."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, ChangeClaim, Paragraph, YearClaim
from fiscallint.figures import TableFigure
from fiscallint.findings import Finding, Fix, Related, Severity
from fiscallint.rule import Paragraphs, Rule
from fiscallint.subjects import table_item



class OwnYearFigures(Rule):
    """本年度表中的金额被冠以别的年份。

    说明:
        沿用上年文本时常留下旧年份：2024年度决算中写“2023年度收入总计 386.40 万元”，而
        386.40 正是本年度公开01表的总计。金额前紧挨的年份（同一分句，“2023年度”“2023年”）
        不是报告年度，而金额与本年度表中同一项目（收支总计、本年收入合计、本年支出合计、
        一般公共预算财政拨款支出及其基本支出、项目支出、支出功能分类的“类”；部门预算中的
        收入预算、支出预算、一般公共预算支出等）的数一致（容差为各自末位的舍入）时，
        该金额证明年份应为报告年度。同一句也写了报告年度（两年对比）、金额为零，或句中
        写明该金额比上年增减为零时不检查，因为两年的数可能本就相同。

    反例:
        2024年度部门决算公开
        一、2024年度部门决算情况说明
        2023年度收入总计 386.40 万元，与2023年度相比，增加 10.00 万元。

        公开01表 收入支出决算总表
        单位：万元
        项目 金额 项目 金额
        本年收入合计 386.40 本年支出合计 386.40
        总计 386.40 总计 386.40

    正例:
        2024年度部门决算公开
        一、2024年度部门决算情况说明
        2024年度收入总计 386.40 万元，与2023年度相比，增加 10.00 万元；2023年度收入总计 376.40 万元。

        公开01表 收入支出决算总表
        单位：万元
        项目 金额 项目 金额
        本年收入合计 386.40 本年支出合计 386.40
        总计 386.40 总计 386.40
    """

    code = "FL508"
    name = "own-year-figures"
    severity = Severity.ERROR
    summary = "本年度的表中数被冠以别的年份 (a figure of this year's tables stated under another year)"
    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        year = self.context.report.year
        if year is None:
            return
        for paragraph in paragraphs:
            last_year: YearClaim | None = None
            for claim in paragraph.claims:
                if isinstance(claim, YearClaim):
                    last_year = claim
                elif isinstance(claim, AmountClaim):
                    if last_year is not None:
                        finding = self._check(paragraph, last_year, claim, year)
                        if finding is not None:
                            yield finding
                    last_year = None

    def _check(self, paragraph: Paragraph, year_claim: YearClaim, amount: AmountClaim, year: int) -> Finding | None:
        """A finding when the year heads the amount's subject, is not the report's, and the
        amount is this year's table figure of that subject."""
        stated = int(year_claim.year.value)
        context = amount.context
        at = context.rfind(year_claim.text)
        value = amount.value
        if (
            stated == year
            or year_claim.role != "other"
            or year_claim.sentence != amount.sentence
            or at < 0
            or value.value == 0
            or amount.unit != "万元"
            or self._comparison(paragraph, amount, year)
        ):
            return None
        subject = context[at + len(year_claim.text):]
        figure = next((f for f in self.context.model.named_figures(amount, subject) if _same(f, amount)), None)
        if figure is None:
            return None
        span = year_claim.year.span
        return self.finding(
            span,
            f"“{year_claim.text}{table_item(subject)} {amount.text}”：该金额是本年度（{year}年）公开{figure.name}表的"
            f"{figure.row.label} {figure.number.text}，年份应为 {year}",
            related=[Related(figure.number.span, f"公开{figure.name}表 {figure.row.label}")],
            fix=Fix(span, str(year), f"年份改为 {year}"),
        )

    @staticmethod
    def _comparison(paragraph: Paragraph, amount: AmountClaim, year: int) -> bool:
        """The sentence compares two years: it also names the report year, or says the amount
        did not change (增加 0 万元、持平), so the other year's figure may be the same."""
        for claim in paragraph.claims:
            if claim.sentence != amount.sentence:
                continue
            if isinstance(claim, YearClaim) and int(claim.year.value) == year:
                return True
            if isinstance(claim, ChangeClaim) and claim.current is not None and claim.current.span == amount.value.span:
                if any(n is not None and n.value == 0 for n in (claim.delta, claim.percent)):
                    return True
        return False


def _same(figure: TableFigure, amount: AmountClaim) -> bool:
    """The amount is the table figure, within the rounding of both."""
    return figure.agrees(amount.value, amount.unit)


RULE = OwnYearFigures
