"""FL108: an amount the narrative gives for a table item must equal that item in the table."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import AmountClaim, Claim
from fiscallint.facts import differs, section_paragraphs, staff_public_06
from fiscallint.figures import TableFigure, in_wan, row_value, wan_text
from fiscallint.item_paths import path_row
from fiscallint.parser.claims import amount_in_wan
from fiscallint.findings import Finding, Related, Severity
from fiscallint.rule import TOLERANCE, Claims, Rule, WholeReport
from fiscallint.patterns import lazy
from fiscallint.subjects import norm_label, table_item


FUND_SECTIONS = {"07": "政府性基金", "08": "国有资本经营"}
"""Narrative sections of the two fund budgets and the table kind of each."""
GP_BASIC_SECTION_RE = lazy(r"(一般公共预算|财政拨款).*基本支出")
"""A narrative section on the 一般公共预算财政拨款基本支出 (the figures of table 06)."""
STAFF_PUBLIC_RE = lazy(r"(?:其中[:：]?)?(人员经费|公用经费)(?:支出)?(?:决算数?)?")
"""A narrative amount named 人员经费 or 公用经费 and nothing else."""


class NarrativeAmountVsTable(Rule):
    """说明中的金额与表中同一项目不符。

    说明:
        情况说明中写明的表内项目金额——支出功能分类的“类”（“一般公共服务（类）支出 X 万元”，
        与公开05表或03表该类的合计栏比较；句中列举的“主要用于：……（类）X 万元”与各表该类一行中的
        数都不同时才报）、一般公共预算财政拨款支出及其基本支出、项目支出
        （公开05表合计行）、本年收入合计、本年支出合计（公开01/02/03表）、收支总计（公开01/04表）
        以及部门预算中的同类项目（收入预算、支出预算、一般公共预算支出…）——必须与表中数一致；
        逐项说明中“XX（类）XX（款）XX（项）……支出决算为 X 万元”的决算数必须等于公开05表该项的
        合计栏（等于03表该项时不报：可能含其他资金）；部门预算逐项说明中“XX（类）XX（款）XX（项）X 万元”
        （本年预算，非上年数、执行数）必须等于一般公共预算支出表该项的合计栏（等于部门支出总表该项时
        不报）；政府性基金、国有资本经营预算说明中的逐项
        决算数必须是公开07、08表该项那一行中的数（表被展平后空栏消失、分不清哪一栏是本年支出时，
        只报与该行每个数都不同的）；部门决算“一般公共预算财政拨款基本支出”一节中的人员经费、公用经费必须等于公开06表的
        人员经费合计、公用经费合计。表以“元”或“千元”为单位时换算为万元比较。
        只在主语明确指向表内项目、科目路径唯一对应表中一行时比较；上年的数（“上年”，或写明报告年度以外的
        年份）不与本年的表比较。

    反例:
        1.一般公共服务（类）支出 310.00 万元，占 100%。

        公开05表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 300.00 200.00 100.00
        201 一般公共服务支出 300.00 200.00 100.00

    正例:
        1.一般公共服务（类）支出 300.00 万元，占 100%。

        公开05表
        单位：万元
        科目编码 科目名称 合计 基本支出 项目支出
        合计 300.00 200.00 100.00
        201 一般公共服务支出 300.00 200.00 100.00
    """

    code = "FL108"
    name = "narrative-amount-vs-table"
    severity = Severity.ERROR
    summary = "说明中的金额与表中数不符 (a narrative amount differs from the same item in the tables)"
    options = (TOLERANCE,)
    reads = (WholeReport("类(款)(项) item paths against tables 05, 07 and 08"), Claims("amount"))

    def check(self) -> Iterator[Finding]:
        yield from self._item_paths()
        yield from self._budget_item_paths()
        yield from self._fund_items()
        yield from self._class_amounts()
        yield from self._staff_public()

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        own = self.context.report.year
        for claim in claims:
            if not isinstance(claim, AmountClaim) or claim.prior or (own and any(y.year.value != own for y in claim.years)):
                continue  # last year's figure (上年, 2023年度收支总计 in a 2024 report) is none of this year's tables'
            places = self.context.model.named_figures(claim)
            if not places:
                continue
            value = claim.value
            unit = claim.unit
            stated = value.value / 10000 if unit == "元" else value.value
            if any(p.agrees(value, unit) or self.tolerated(stated - p.in_wan()) for p in places):
                continue
            place = places[0]
            shown = place.number.text if place.scale == 10000 else f"{place.number.text} {place.table.unit}（{place.in_wan():.2f} 万元）"
            said = f"{value.text}（{value.value:f} 万元）" if value.text.endswith("亿元") else f"{value.text} {unit}"
            yield self.finding(
                value.span,
                f"“{claim.subject}”{said}与公开{place.name}表“{place.row.label}”{shown} 不符："
                f"相差 {stated - place.in_wan():f} 万元",
                related=[Related(place.row.span, f"公开{place.name}表 {place.row.label}")],
            )


    def _class_amounts(self) -> Iterator[Finding]:
        """A class's amount written right after its name and （类） mark (…文化旅游体育与传媒支出
        （类）17127.62 万元) against the class rows (three-digit code, same name) of the report's
        tables: reported when it is none of those rows' figures, only for a class that 公开05表 (read
        with its figures placed) lists, naming its row there."""
        table05 = self.context.model.table("05")
        if table05 is None or table05.unplaced:
            return
        classes = [(t, r) for t in self.context.report.tables for r in t.rows if r.code and len(r.code) == 3]
        for claim in self.context.report.claims():
            if not isinstance(claim, AmountClaim) or claim.after_path is None or len(claim.after_path.steps) != 1:
                continue
            if self.context.model.named_figures(claim):
                continue  # compared by its subject (check_claims)
            value, unit = claim.value, claim.unit
            if value.value == 0 or unit not in ("万元", "元"):
                continue
            name = norm_label(claim.after_path.steps[0].name)
            rows = [(t, r) for t, r in classes if norm_label(r.label) == name]
            row = next((r for t, r in rows if t is table05), None)
            if row is None:
                continue
            figures = [TableFigure(n, r, t, t.number or "") for t, r in rows for n in r.numbers]
            stated = value.value / 10000 if unit == "元" else value.value
            if any(f.agrees(value, unit) or self.tolerated(stated - f.in_wan()) for f in figures):
                continue
            first = row.numbers[0] if row.numbers else None
            if first is None:
                continue
            figure = TableFigure(first, row, table05, table05.number or "05")
            yield self.finding(
                value.span,
                f"“{claim.after_path.steps[0].name}（类）”{value.text} {unit}不是任何表中该类的数：公开{figure.name}表 {row.code} "
                f"{row.label} 为 {first.text}，相差 {stated - figure.in_wan():f} 万元",
                related=[Related(row.span, f"公开{figure.name}表 {row.code} {row.label}")],
            )

    def _item_paths(self) -> Iterator[Finding]:
        """An item's 支出决算 (“…（类）…（款）…（项）…支出决算为 X 万元”) against its row in
        公开05表, when the path names exactly one row there; an amount that is the row's figure
        in 公开03表 instead (other funds included) is left alone."""
        model = self.context.model
        table05, table03 = model.table("05"), model.table("03")
        if table05 is None:
            return
        rows05 = [r for r in table05.rows if r.code and r.level]
        rows03 = [r for r in table03.rows if r.code and r.level] if table03 is not None else []
        for path in model.item_paths:
            if path.claim.steps[-1].level != "项" or path.actual is None or path.actual.value == 0:
                continue  # a path cut short (a name the path pattern could not follow) names a parent
            row = path_row(path.claim, rows05)
            figure = row_value(row, 0) if row is not None else None
            if row is None or figure is None:
                continue
            place = TableFigure(figure, row, table05, "05")
            if place.agrees(path.actual, "万元") or self.tolerated(path.actual.value - place.in_wan()):
                continue
            other = path_row(path.claim, rows03)
            total = row_value(other, 0) if other is not None else None
            if total is not None and table03 is not None and TableFigure(total, other, table03, "03").agrees(path.actual, "万元"):  # type: ignore[arg-type]
                continue
            yield self.finding(
                path.actual.span,
                f"“{path.claim.steps[-1].name}”支出决算 {wan_text(path.actual)}与公开05表 {row.code} {row.label} 的"
                f" {figure.text} 不符：相差 {path.actual.value - place.in_wan():f} 万元",
                related=[Related(figure.span, f"公开05表 {row.code} {row.label}")],
            )

    def _budget_item_paths(self) -> Iterator[Finding]:
        """A budget's item amount (“…（类）…（款）…（项）”A 万元: the amount its 款 or 项 path
        introduces, of this year, not last year's nor an 执行数) against its row in the 一般公共预算
        支出表 (B05), when the path names exactly one row there; an amount that is the row's figure
        in the 支出总表 (B03, other funds included) is left alone."""
        model = self.context.model
        table05, table03 = model.table("B05"), model.table("B03")
        if not model.is_budget or table05 is None:
            return
        rows05 = [r for r in table05.rows if r.code and r.level]
        rows03 = [r for r in table03.rows if r.code and r.level] if table03 is not None else []
        own = model.report.year
        for claim in model.report.claims():
            if not isinstance(claim, AmountClaim) or claim.path is None or len(claim.path.steps) < 2:
                continue
            if claim.prior or claim.inner or claim.basis == "actual" or claim.value.value == 0:
                continue
            if any(y.year.value != own for y in claim.years):
                continue
            row = path_row(claim.path, rows05)
            figure = row_value(row, 0) if row is not None else None
            if row is None or figure is None:
                continue
            stated = amount_in_wan(claim)
            place = TableFigure(figure, row, table05, "B05")
            if place.agrees(stated, "万元") or self.tolerated(stated.value - place.in_wan()):
                continue
            other = path_row(claim.path, rows03)
            total = row_value(other, 0) if other is not None else None
            if total is not None and table03 is not None and TableFigure(total, other, table03, "B03").agrees(stated, "万元"):  # type: ignore[arg-type]
                continue
            shown = figure.text if place.scale == 10000 else f"{figure.text} {table05.unit}（{place.in_wan():.2f} 万元）"
            yield self.finding(
                claim.value.span,
                f"“{claim.path.steps[-1].name}”{wan_text(stated)}与{table05.title or '一般公共预算支出表'} {row.code} {row.label} 的"
                f" {shown} 不符：相差 {stated.value - place.in_wan():f} 万元",
                related=[Related(figure.span, f"{table05.title or '一般公共预算支出表'} {row.code} {row.label}")],
            )

    def _fund_items(self) -> Iterator[Finding]:
        """An item path of the 政府性基金 / 国有资本经营 section against its row in that fund's
        table (07 / 08): its 决算 amount must be one of the row's figures. A flattened row loses
        its empty cells, so which figure is 本年支出 is not always known; an amount that equals
        none of them differs from it whichever it is."""
        model = self.context.model
        for section in model.report.sections():
            kind = next((k for k, word in FUND_SECTIONS.items() if word in section.title), None)
            table = model.table(kind) if kind and "表" not in section.title else None
            if table is None:
                continue
            rows = [r for r in table.rows if r.code and r.level]
            lines = {line for p in section_paragraphs(section) for line in range(p.span.line, p.span.end_line + 1)}
            for path in model.item_paths:
                if path.claim.span.line not in lines or path.actual is None or path.actual.value == 0:
                    continue
                row = path_row(path.claim, rows)
                figures = [TableFigure(n, row, table, kind) for n in row.numbers] if row is not None else []
                if not figures or any(f.agrees(path.actual, "万元") or self.tolerated(path.actual.value - f.in_wan()) for f in figures):
                    continue
                shown = "、".join(f.number.text for f in figures)
                yield self.finding(
                    path.actual.span,
                    f"“{path.claim.steps[-1].name}”支出决算 {wan_text(path.actual)}不是公开{kind}表 {row.code} {row.label} 的"  # type: ignore[union-attr]
                    f"任何一个数（{shown}），与该行本年支出不符",
                    related=[Related(row.span, f"公开{kind}表 {row.code} {row.label}")],  # type: ignore[union-attr]
                )

    def _staff_public(self) -> Iterator[Finding]:
        """A final account's 人员经费 / 公用经费 stated in its section on the 一般公共预算财政拨款基本支出 against table
        06's 人员经费合计 / 公用经费合计 (this year's 决算 figure only: no budget, no last year's)."""
        model = self.context.model
        table = model.table("06")
        if model.is_budget or table is None or "基本支出" not in table.title:
            return
        figures = staff_public_06(table, lambda label: model.row_by_label("06", label))
        totals = {name: in_wan(n, table) for name, n in zip(("人员经费", "公用经费"), figures) if n is not None}
        for section in model.report.sections():
            if not GP_BASIC_SECTION_RE.search(section.title) or "表" in section.title:
                continue
            for paragraph in section_paragraphs(section):
                for claim in paragraph.claims:
                    if not isinstance(claim, AmountClaim) or claim.unit != "万元" or claim.inner or claim.prior or claim.basis == "budget":
                        continue
                    named = STAFF_PUBLIC_RE.fullmatch(table_item(claim.subject))
                    total = totals.get(named.group(1)) if named else None
                    if total is None or not differs(claim.value, total, self.tolerance):
                        continue
                    yield self.finding(
                        claim.value.span,
                        f"{named.group(1)} {claim.value.text} 万元与公开06表{named.group(1)}合计 {wan_text(total)}不符："  # type: ignore[union-attr]
                        f"相差 {claim.value.value - total.value:f} 万元",
                        related=[Related(total.span, f"公开06表 {named.group(1)}合计")],  # type: ignore[union-attr]
                    )


RULE = NarrativeAmountVsTable
