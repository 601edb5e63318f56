"""The semantic model: indexes over a report, computed once and shared by every rule."""

from __future__ import annotations

from functools import cached_property

from . import facts, figures, item_paths
from .ast import AmountClaim, Report, Row, Table
from .figures import TableFigure
from .parser.tables import planned_columns
from .subjects import norm_label


class Model:
    """Lookups rules need: standard tables by kind, rows by code or label, narrative amounts by subject."""

    def __init__(self, report: Report) -> None:
        self.report = report

    @cached_property
    def paragraph_of(self) -> dict[int, int]:
        """Each claim's paragraph: ``id(claim)`` → its index in ``report.paragraphs``."""
        return {id(claim): i for i, paragraph in enumerate(self.report.paragraphs) for claim in paragraph.claims}

    @cached_property
    def is_budget(self) -> bool:
        """A 部门预算 report (see :func:`facts.is_budget_report`), decided once per report."""
        return facts.is_budget_report(self.report)

    @cached_property
    def own_names(self) -> tuple[str, ...]:
        """The names the report gives its department (its title's, its 概况 heading's), longest
        first: a narrative figure's words may open with one (某局2025年度收入总计)."""
        cover = self.report.cover
        return tuple(sorted({name for name in (cover.title_name, cover.overview) if name}, key=len, reverse=True))

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Standard tables by kind ("01".."09" of the national template, from the title; else the
        printed 公开 number); a table with rows wins over an empty namesake (a contents entry).
        A table whose columns are not the template's (:func:`planned_columns`) is left out."""
        found: dict[str, Table] = {}
        for table in self.checked_tables:
            key = table.kind or table.number
            if planned_columns(table):
                continue
            if key and (key not in found or (table.rows and not found[key].rows)):
                found[key] = table
        return found

    @cached_property
    def checked_tables(self) -> list[Table]:
        """The tables whose figures can be checked: all but those whose rows could not be
        placed (:attr:`Table.unplaced`; FL001 reports them)."""
        return [t for t in self.report.tables if t.unplaced is None]

    def table(self, kind: str) -> Table | None:
        """The report's table of a national-template kind ("01".."09"; a contents entry never
        wins over the table itself), else the one numbered so."""
        return self.tables.get(kind)

    def row_by_label(self, number: str, label: str) -> Row | None:
        """The first row of a table whose normalised label equals ``label`` (normalised)."""
        table = self.tables.get(number)
        if table is None:
            return None
        wanted = norm_label(label)
        return next((r for r in table.rows if norm_label(r.label) == wanted), None)

    def total_row(self, number: str) -> Row | None:
        """The 合计 row of a code-keyed table (02, 03, 05, 07, 08)."""
        table = self.tables.get(number)
        if table is None:
            return None
        return next((r for r in table.rows if r.code is None and norm_label(r.label) in ("合计", "总计")), None)

    def named_figures(self, amount: AmountClaim, words: str | None = None) -> list[TableFigure]:
        """The table figures a narrative amount names (the subject → table-figure map,
        :mod:`fiscallint.figures`): the 类 whose path introduces it, or the whole total its
        words (``words``, by default all of them) name."""
        return figures.named_figures(self, amount, words)

    def whole_figures(self, phrase: str) -> list[TableFigure]:
        """The table totals a share's whole phrase names (本年支出合计, 财政拨款支出…)."""
        return figures.whole_figures(self, phrase)

    def total_figures(self) -> list[TableFigure]:
        """The tables' expenditure and income totals a share that names no whole may be of."""
        return figures.total_figures(self)

    @cached_property
    def three_public(self) -> "facts.ThreePublic":
        """The 三公 figures the narrative states, by (role, slot)."""
        return facts.narrative_three_public(self.report)

    @cached_property
    def three_public_table(self) -> "tuple[Table, Row, facts.ThreePublic] | None":
        """The 三公 table, its data row and the figures its layout determines."""
        return facts.three_public_table(self.report)

    @cached_property
    def empty_statements(self) -> "list[facts.EmptyStatement]":
        return facts.empty_statements(self.report)

    @cached_property
    def year_mentions(self) -> "list[facts.YearMention]":
        return facts.year_mentions(self.report)

    @cached_property
    def relations(self) -> "list[facts.Relation]":
        """决算数大于/小于预算数 phrases with the figures they compare."""
        return facts.relations(self.report)

    @cached_property
    def restatements(self) -> "list[facts.Restatement]":
        """Items whose path amount differs from the figure the paragraph states again."""
        return facts.restatements(self.report)

    @cached_property
    def count_breakdowns(self) -> "list[facts.CountBreakdown]":
        return facts.count_breakdowns(self.report)

    @cached_property
    def item_paths(self) -> "list[item_paths.ItemPath]":
        """类(款)(项) paths written in the narrative."""
        return item_paths.item_paths(self.report)
