"""Shared check of the cross-table rules (FL3xx): a table-01 total against another table's 合计."""

from __future__ import annotations

from typing import ClassVar, Iterator

from fiscallint.facts import differs, first_value
from fiscallint.findings import Finding, Related
from fiscallint.rule import TOLERANCE, Rule


class TotalAgainst01(Rule):
    """Table 01's row ``label`` must equal the 合计 row of table ``kind`` (first column)."""

    label: ClassVar[str]
    kind: ClassVar[str]
    options = (TOLERANCE,)

    def check(self) -> Iterator[Finding]:
        model = self.context.model
        a = first_value(model.row_by_label("01", self.label))
        b = first_value(model.total_row(self.kind))
        if a is None or b is None or not differs(a, b, self.tolerance):
            return
        yield self.finding(
            b.span,
            f"{self.kind}表合计 {b.text} 与01表{self.label} {a.text} 不符：差额 {a.value - b.value:+f}",
            related=[Related(a.span, f"公开01表 {self.label}")],
        )
