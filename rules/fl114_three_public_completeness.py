"""FL114: the 三公 narrative states the 公务用车购置 amount and the 接待 批次 and 人次."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, CountClaim, Number, Paragraph, TermClaim
from fiscallint.facts import three_public_paragraphs
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import Rule, WholeReport

GROUP_UNITS = ("批次", "批", "次")
PERSON_UNITS = ("人次", "人")


class ThreePublicCompleteness(Rule):
    """“三公”经费说明缺少公务用车购置金额或公务接待批次、人次。

    说明:
        部门决算模板的“三公”经费具体情况说明要求：公务用车购置支出写明金额（“公务用车购置
        支出为 X 万元”），公务接待费写明接待的批次和人次（“公务接待 N 批次、M 人次”，
        “接待来访团组 N 个、M 人次”“接待 N 次、M 人”同样算数）。“三公”经费表中公务用车购置费或公务接待费的
        决算数不为零，说明提到该项的句子却都不给金额（或写“无公务用车购置费支出”）、或公务接待
        只写金额不写批次或人次时报告。只在“三公”经费表的决算数位置能确定时检查；批次、人次
        只找含“接待”的句子里的数。预算报告不检查。

    反例:
        财政拨款“三公”经费支出决算表
        公开09表
        单位：万元
        预算数 决算数
        1 2 3 4 5 6 7 8 9 10 11 12
        10.00 2.00 6.00 4.00 2.00 2.00 9.00 2.00 5.50 4.00 1.50 1.50

        一、“三公”经费支出决算情况说明
        1、因公出国（境）费支出 2.00 万元。全年安排因公出国（境）团组 1 个、累计 3 人次。
        2、公务用车购置及运行维护费支出 5.50 万元。其中：公务用车购置支出主要用于更新一辆执法车。
        公务用车运行维护支出 1.50 万元。
        3、公务接待费支出 1.50 万元。主要用于接待上级部门调研，共接待 6 批次。

    正例:
        财政拨款“三公”经费支出决算表
        公开09表
        单位：万元
        预算数 决算数
        1 2 3 4 5 6 7 8 9 10 11 12
        10.00 2.00 6.00 4.00 2.00 2.00 9.00 2.00 5.50 4.00 1.50 1.50

        一、“三公”经费支出决算情况说明
        1、因公出国（境）费支出 2.00 万元。全年安排因公出国（境）团组 1 个、累计 3 人次。
        2、公务用车购置及运行维护费支出 5.50 万元。其中：公务用车购置支出为 4.00 万元，更新一辆执法车。
        公务用车运行维护支出 1.50 万元。
        3、公务接待费支出 1.50 万元。主要用于接待上级部门调研，共接待 6 批次、42 人次。
    """

    code = "FL114"
    name = "three-public-completeness"
    severity = Severity.WARNING
    summary = "“三公”说明缺少购置金额或接待批次、人次 (the 三公 narrative omits the car purchase amount or the reception counts)"

    reads = (WholeReport("the 三公 narrative against the 三公 table"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        located = model.three_public_table
        if model.is_budget or located is None:
            return
        _, _, figures = located
        paragraphs = list(three_public_paragraphs(self.context.report))
        purchase = figures.values.get(("actual", "purchase"))
        if purchase is not None and purchase.value > 0:
            yield from self._purchase(paragraphs, purchase)
        reception = figures.values.get(("actual", "reception"))
        if reception is not None and reception.value > 0:
            yield from self._reception(paragraphs, model.three_public.claims.get(("actual", "reception")), reception)

    def _purchase(self, paragraphs: list[Paragraph], shown: Number) -> Iterator[Finding]:
        """The first mention of 公务用车购置 when no sentence naming it states an amount."""
        first = None
        for paragraph in paragraphs:
            for mention in _terms(paragraph, "car_purchase"):
                if any(c.kind == "amount" and c.sentence == mention.sentence for c in paragraph.claims):
                    return
                first = first or mention.span
        if first is not None:
            yield self.finding(
                first,
                f"说明提到公务用车购置却没有写出金额，而“三公”经费表公务用车购置费决算数为 {shown.text} 万元",
                related=[Related(shown.span, "“三公”经费表 公务用车购置费决算数")],
            )

    def _reception(self, paragraphs: list[Paragraph], stated: AmountClaim | None, shown: Number) -> Iterator[Finding]:
        """The narrative's 公务接待费 决算 amount when no sentence about 接待 gives the 批次 or the 人次."""
        groups = persons = False
        for paragraph in paragraphs:
            reception = {c.sentence for c in _terms(paragraph, "reception")}
            counts = [c for c in paragraph.claims if isinstance(c, CountClaim) and c.sentence in reception]
            grouped = {c.sentence for c in _terms(paragraph, "group")} | {c.sentence for c in counts if "批" in c.unit}
            for claim in counts:
                unit = claim.unit
                groups |= unit in GROUP_UNITS or (unit == "个" and claim.sentence in grouped)
                persons |= unit in PERSON_UNITS
        missing = [word for word, seen in (("批次", groups), ("人次", persons)) if not seen]
        if stated is None or not missing:
            return
        value = stated.value
        yield self.finding(
            value.span,
            f"公务接待费支出 {value.text} 万元（“三公”经费表决算数 {shown.text} 万元）的说明没有写接待{'和'.join(missing)}",
            related=[Related(shown.span, "“三公”经费表 公务接待费决算数")],
        )


def _terms(paragraph: Paragraph, term: str) -> list[TermClaim]:
    """The paragraph's mentions of a term, in order."""
    return [c for c in paragraph.claims if isinstance(c, TermClaim) and c.term == term]


RULE = ThreePublicCompleteness
