"""The subject → table-figure map: the table figures a narrative subject names (“一般公共服务
（类）支出”, “本年收入合计”, “收支总计”, “一般公共预算财政拨款基本支出”, and in a 部门预算
report “收入预算”…), and the totals a share's whole phrase names (占本年支出合计的 P%).

The model owns the map (:meth:`Model.named_figures`, :meth:`Model.whole_figures`,
:meth:`Model.total_figures`); FL108, FL508 and the share checks read it there.
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass

from typing import Iterator, Protocol

from .ast import Number, Row, Table
from .numbers import fen
from .subjects import norm_label, table_item


class Tables(Protocol):
    """What the map reads of a report: its standard tables by kind (the model provides them)."""

    @property
    def is_budget(self) -> bool: ...

    def table(self, kind: str) -> Table | None: ...

CLASS_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff]+?)(支出)?[（(]类[)）](支出)?$")

Place = tuple[str, tuple[str, ...], int]
"""(table kind, row labels (any of them), value index in the row)."""

# Whole subjects of a 决算 report → the places of their figure; every row found is a candidate.
TOTALS: dict[str, list[Place]] = {
    "一般公共预算财政拨款支出": [("05", ("合计",), 0)],
    "一般公共预算财政拨款基本支出": [("05", ("合计",), 1)],
    "一般公共预算财政拨款项目支出": [("05", ("合计",), 2)],
    "本年收入合计": [("01", ("本年收入合计",), 0), ("02", ("合计",), 0)],
    "本年支出合计": [("01", ("本年支出合计",), 0), ("03", ("合计",), 0)],
    "收支总计": [("01", ("总计",), 0)],
    "财政拨款收支总计": [("04", ("总计",), 0)],
}
TOTALS["收入合计"] = TOTALS["本年收入合计"]
TOTALS["支出合计"] = TOTALS["本年支出合计"]
TOTALS["收入总计"] = TOTALS["支出总计"] = TOTALS["收支总计"]
TOTALS["财政拨款收入总计"] = TOTALS["财政拨款支出总计"] = TOTALS["财政拨款收支总计"]

# The same items worded in a 部门预算 report, in its tables ("B01".."B06").
BUDGET_TOTALS: dict[str, list[Place]] = {
    "收入预算": [("B01", ("本年收入合计", "收入总计"), 0), ("B02", ("合计",), 0)],
    "支出预算": [("B01", ("本年支出合计", "支出总计"), 0), ("B03", ("合计",), 0)],
    "收支预算总计": [("B01", ("收入总计", "支出总计"), 0)],
    "财政拨款收支预算总计": [("B04", ("收入总计", "支出总计"), 0)],
    "一般公共预算支出": [("B05", ("合计",), 0)],
    "一般公共预算基本支出": [("B05", ("合计",), 1), ("B06", ("合计",), 0)],
    "一般公共预算项目支出": [("B05", ("合计",), 2)],
}
BUDGET_TOTALS["收入预算总计"] = BUDGET_TOTALS["部门收入预算"] = BUDGET_TOTALS["收入预算"]
BUDGET_TOTALS["支出预算总计"] = BUDGET_TOTALS["部门支出预算"] = BUDGET_TOTALS["支出预算"]
for _name in ("一般公共预算支出", "一般公共预算基本支出", "一般公共预算项目支出"):
    BUDGET_TOTALS[_name.replace("预算", "预算拨款", 1)] = BUDGET_TOTALS[_name]

# A share's whole phrase → the total it names (the first phrase found in it wins).
WHOLE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"一般公共预算(财政拨款)?项目支出"), "一般公共预算财政拨款项目支出"),
    (re.compile(r"一般公共预算(财政拨款)?基本支出"), "一般公共预算财政拨款基本支出"),
    (re.compile(r"(一般公共预算)?财政拨款支出"), "一般公共预算财政拨款支出"),
    (re.compile(r"本年支出|^支出合计"), "本年支出合计"),
    (re.compile(r"本年收入|^收入合计"), "本年收入合计"),
]
# The totals a share that names no whole may be of: expenditure of 05, then 01's totals.
SHARE_TOTALS: list[Place] = [("05", ("合计",), 0), ("01", ("本年支出合计",), 0), ("01", ("本年收入合计",), 0)]


@dataclass(frozen=True)
class TableFigure:
    """A figure of a standard table: the number, its row and table, and the table's name (公开NN表)."""

    number: Number
    row: Row
    table: Table
    name: str

    @property
    def scale(self) -> Decimal:
        """Yuan per printed unit: 1 in a table headed 单位：元, else 10000 (万元, the default)."""
        return Decimal(1) if self.table.unit == "元" else Decimal(10000)

    @property
    def wan(self) -> Number:
        """The figure in 万元, whatever unit its table prints (see :func:`in_wan`)."""
        return in_wan(self.number, self.table)

    def in_wan(self) -> Decimal:
        """The figure's value in 万元."""
        return self.wan.value

    def agrees(self, value: Number, unit: str) -> bool:
        """Whether a narrative amount in ``unit`` (万元 or 元) states this figure, within both
        figures' rounding (a 万元 amount carries at least 0.005 万元, an amount in 元 half a 元)."""
        own = Decimal(1) if unit == "元" else Decimal(10000)
        slack = _rounding(value, own) + _rounding(self.number, self.scale)
        return abs(value.value * own - self.number.value * self.scale) <= slack


def _rounding(number: Number, scale: Decimal) -> Decimal:
    """Half a unit in the last digit of a figure, in yuan (万元 figures read at 0.01 at least)."""
    return (fen(number).ulp if scale == 10000 else number.ulp) * scale


def in_wan(number: Number, table: Table) -> Number:
    """A table figure in 万元: as printed, or converted from a table headed 单位：元 (its text
    keeps the printed figure and 元)."""
    if table.unit != "元":
        return number
    return Number(number.value / 10000, number.decimals + 4, number.span, f"{number.text}元")


def wan_text(number: Number) -> str:
    """A figure in 万元 as a message shows it: with 万元, or as printed when it was printed in 元."""
    return number.text if number.text.endswith("元") else f"{number.text} 万元"


def row_value(row: Row, index: int) -> Number | None:
    """The ``index``-th value of a row: by column when positioned, else by order."""
    number = row.value_at(index + 1)
    if number is not None:
        return number
    numbers = row.numbers
    return numbers[index] if index < len(numbers) else None


def named_figures(model: Tables, context: str) -> list[TableFigure]:
    """The table figures a narrative amount's words (:attr:`~fiscallint.ast.AmountClaim.context`)
    unambiguously name: a 类 of the functional classification (公开05 then 03表), or a whole total."""
    subject = table_item(context)
    match = CLASS_RE.match(subject)
    if match:
        wanted = (norm_label(match.group("name") + "支出"), norm_label(match.group("name")))
        found = []
        for kind in ("05", "03"):
            table = model.table(kind)
            row = next((r for r in table.rows if r.level == 1 and norm_label(r.label) in wanted), None) if table else None
            number = row_value(row, 0) if row is not None else None
            if table is not None and row is not None and number is not None:
                found.append(TableFigure(number, row, table, kind))
        return found
    places = (BUDGET_TOTALS if model.is_budget else TOTALS).get(subject, [])
    return [figure for place in places for figure in _figures(model, *place)]


def _figures(model: Tables, kind: str, labels: tuple[str, ...], index: int) -> list[TableFigure]:
    """The ``index``-th values of the uncoded rows of a standard table labelled one of ``labels``
    ("合计" also matches 总计)."""
    table = model.table(kind)
    if table is None:
        return []
    found = []
    for row in _total_rows(table, labels):
        number = row_value(row, index)
        if number is not None:
            found.append(TableFigure(number, row, table, kind.removeprefix("B")))
    return found


def whole_figures(model: Tables, phrase: str) -> list[TableFigure]:
    """The totals a share's whole phrase names: of the first :data:`WHOLE_PHRASES` pattern it
    contains, the first row of each place that has the figure (a 决算 report's tables)."""
    for pattern, subject in WHOLE_PHRASES:
        if pattern.search(phrase):
            return [f for place in TOTALS[subject] if (f := _first_figure(model, *place)) is not None]
    return []


def total_figures(model: Tables) -> list[TableFigure]:
    """The tables' totals a share that names no whole may be of (:data:`SHARE_TOTALS`)."""
    return [f for place in SHARE_TOTALS if (f := _first_figure(model, *place)) is not None]


def _first_figure(model: Tables, kind: str, labels: tuple[str, ...], index: int) -> TableFigure | None:
    """The ``index``-th value of the first uncoded row labelled one of ``labels``, if it has one."""
    table = model.table(kind)
    row = next(_total_rows(table, labels), None) if table is not None else None
    number = row_value(row, index) if row is not None else None
    if table is None or row is None or number is None:
        return None
    return TableFigure(number, row, table, kind.removeprefix("B"))


def _total_rows(table: Table, labels: tuple[str, ...]) -> Iterator[Row]:
    """The uncoded rows of a table labelled one of ``labels`` ("合计" also matches 总计)."""
    wanted = {norm_label(label) for label in labels} | ({"总计"} if "合计" in labels else set())
    return (row for row in table.rows if row.code is None and norm_label(row.label) in wanted)
