"""The semantic model: indexes over a report, computed once and shared by every rule."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from . import facts, item_paths
from .ast import Report, Row, Table

if TYPE_CHECKING:
    from .denominators import Check

LABEL_NOISE_RE = re.compile(r"^[一二三四五六七八九十]+、|[\s（）()]|类|款|项$")


def norm_label(label: str) -> str:
    """A label reduced for matching: no enumeration prefix, spaces, brackets or (类)(款)(项) marks."""
    return LABEL_NOISE_RE.sub("", label.replace("（类）", "").replace("(类)", ""))


class Model:
    """Lookups rules need: standard tables by kind, rows by code or label, narrative amounts by subject."""

    def __init__(self, report: Report) -> None:
        self.report = report

    @cached_property
    def is_budget(self) -> bool:
        """A 部门预算 report (see :func:`facts.is_budget_report`), decided once per report."""
        return facts.is_budget_report(self.report)

    @cached_property
    def tables(self) -> dict[str, Table]:
        """Standard tables by kind ("01".."09" of the national template, from the title; else the
        printed 公开 number); a table with rows wins over an empty namesake (a contents entry)."""
        found: dict[str, Table] = {}
        for table in self.checked_tables:
            key = table.kind or table.number
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

    @cached_property
    def percentage_checks(self) -> dict[int, list["Check"]]:
        """The candidate computations of every checkable share / execution / change claim, by
        the claim's ``id()`` (a claim lives as long as its report)."""
        from .denominators import all_verdicts

        return {id(claim): checks for claim, checks in all_verdicts(self.report, self)}

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
