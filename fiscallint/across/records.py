"""The records the facts store keeps: a comparable figure, a table cell, a claim's figure.

Kept apart from :mod:`.figures` (which reads them from the AST) so that the store and an
incremental ``fiscallint index`` run that parses nothing import no parser code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..ast import Span

MEASURE_NAMES = {
    "inc": "收入合计",
    "exp": "支出合计",
    "gp_exp": "一般公共预算财政拨款支出",
    "gp_basic": "一般公共预算财政拨款基本支出",
    "approp_inc": "财政拨款收入",
    "approp_exp": "财政拨款支出",
    "grand_total": "收入支出总计",
    "approp_grand_total": "财政拨款收入支出总计",
    "three_public": "“三公”经费",
    "running_costs": "机关运行经费",
}
BASIS_NAMES = {"budget": "预算数", "actual": "决算（执行）数"}


@dataclass(frozen=True)
class Figure:
    """A comparable figure: ``value`` in 万元, true within ± ``tolerance``."""

    measure: str
    code: str
    year: int
    basis: str  # "budget" or "actual"
    value: Decimal
    tolerance: Decimal
    source: str  # "table", "narrative" or "derived"
    place: str
    """What and where, in the report's words: "公开05表 2010501 行政运行 第1栏", a claim's subject."""
    span: Span
    """The printed figure (for a derived one, the change amount it is derived from)."""

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.measure, self.code, self.year, self.basis)

    def describe(self) -> str:
        item = MEASURE_NAMES.get(self.measure, self.measure)
        if self.measure == "three_public":
            from ..facts import SLOT_NAMES

            item = SLOT_NAMES[self.code]
        elif self.code and self.code != "合计":
            item += f" {self.code}"
        return f"{self.year}年{item}{BASIS_NAMES[self.basis]}"


@dataclass(frozen=True)
class CellFact:
    table: int
    number: str
    kind: str
    title: str
    unit: str
    code: str
    label: str
    column: int | None
    value: str
    line: int
    col: int


@dataclass(frozen=True)
class ClaimFact:
    claim: int
    kind: str
    subject: str
    role: str
    value: str
    unit: str
    period: str
    line: int
    col: int
