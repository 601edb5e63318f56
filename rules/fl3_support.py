"""Shared checks of the cross-table rules (FL3xx): one printed figure against another printed
figure of the same quantity (the a-vs-b comparison with its 差额), and a table-01 total against
another table's 合计."""

from __future__ import annotations

from typing import ClassVar, Iterator

from fiscallint.ast import Number, Span
from fiscallint.facts import differs, first_value
from fiscallint.figures import wan_text
from fiscallint.findings import Finding, Related
from fiscallint.rule import TOLERANCE, Rule, WholeReport


def mismatch(
    rule: Rule, said: Number | None, shown: Number | None, said_as: str, shown_as: str, note: str,
    unit: str = "", related_at: Span | None = None,
) -> Iterator[Finding]:
    """A finding at ``said`` when it differs from ``shown`` by more than both figures' rounding
    plus the rule's tolerance: “<said_as> a [unit]与<shown_as> b 不符：差额 a − b”, related to
    ``shown`` (or ``related_at``) with ``note``. Nothing when either figure is missing."""
    if said is None or shown is None or not differs(said, shown, rule.tolerance):
        return
    amount = wan_text(said) if unit == "万元" else f"{said.text} {unit}" if unit else f"{said.text} "
    yield rule.finding(
        said.span,
        f"{said_as} {amount}与{shown_as} {shown.text} 不符：差额 {said.value - shown.value:+f}",
        related=[Related(related_at or shown.span, note)],
    )


class TotalAgainst01(Rule):
    """Table 01's row ``label`` must equal the 合计 row of table ``kind`` (first column)."""

    label: ClassVar[str]
    kind: ClassVar[str]
    options = (TOLERANCE,)
    reads = (WholeReport("the 合计 row of one table against a row of table 01"),)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        total = first_value(model.total_row(self.kind))
        stated = first_value(model.row_by_label("01", self.label))
        yield from mismatch(self, total, stated, f"{self.kind}表合计", f"01表{self.label}", f"公开01表 {self.label}")
