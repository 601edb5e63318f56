"""The subject → table-figure map: the table figures a narrative subject names (the 类 of
“一般公共服务（类）支出”, read from the item path that introduces the amount; the totals of
:data:`MEASURES`: “本年收入合计”, “收支总计”, “一般公共预算财政拨款基本支出”, and in a
部门预算 report “收入预算”…), and the totals a share's whole phrase names (占本年支出合计的 P%).
The 三公 items' words are the map's other part, :data:`fiscallint.facts.THREE_PUBLIC_ITEMS`.

The model owns the map (:meth:`Model.named_figures`, :meth:`Model.whole_figures`,
:meth:`Model.total_figures`); FL108, FL508 and the share checks read it there, and the
cross-report facts read the measure a subject names (:func:`measure_named`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass

from typing import Iterator, Protocol

from .ast import YUAN_PER_UNIT, AmountClaim, Number, Row, Table
from .numbers import fen, to_wan
from .patterns import lazy
from .subjects import norm_label, path_name, table_item


class Tables(Protocol):
    """What the map reads of a report: its standard tables by kind (the model provides them)."""

    @property
    def is_budget(self) -> bool: ...

    @property
    def own_names(self) -> tuple[str, ...]: ...

    def table(self, kind: str) -> Table | None: ...

Place = tuple[str, tuple[str, ...], int]
"""(table kind, row labels (any of them), value index in the row)."""

BASIS_WORDS = r"(?:年初)?(?:预算|决算|预算数|决算数|执行数|预算执行数|当年预算执行数)?"
"""The basis words a report may put in a total's name (本年收入决算合计, 收支预算总计)."""
OWN_BASIS = {False: "", True: "(?:预算|预算数)?"}
"""The basis words a name may carry when it names a figure of the report's own tables: none
in a 决算 report (a 预算 there is another figure), 预算 in a 部门预算 report."""


@dataclass(frozen=True)
class Measure:
    """A total the narrative names: its key in the cross-report facts (with the code its figures
    are stored under), the words that name it (``{basis}`` where a report may put 预算/决算/执行数,
    ``{budget}`` where only a budget's 预算 stands: 收入预算), and the places of its figure in a
    决算 report's tables and in a 部门预算 report's (every row found is a candidate)."""

    key: str
    code: str
    words: str
    places: tuple[Place, ...] = ()
    budget_places: tuple[Place, ...] = ()

    def names(self, basis: str, budget: str) -> re.Pattern[str]:
        """Its words with ``basis`` and ``budget`` put in their places."""
        return lazy(self.words.format(basis=basis, budget=budget))


MEASURES: tuple[Measure, ...] = (
    Measure("approp_grand_total", "", "财政拨款(?:收入支出|收支|收入|支出){basis}总计",
            (("04", ("总计",), 0),), (("B04", ("收入总计", "支出总计"), 0),)),
    Measure("grand_total", "", "(?:部门)?(?:收入支出|收支|收入|支出){basis}总计",
            (("01", ("总计",), 0),), (("B01", ("收入总计", "支出总计"), 0),)),
    Measure("gp_basic", "合计", "一般公共预算(?:财政)?(?:拨款)?基本支出{basis}",
            (("05", ("合计",), 1),), (("B05", ("合计",), 1), ("B06", ("合计",), 0))),
    Measure("gp_project", "合计", "一般公共预算(?:财政)?(?:拨款)?项目支出{basis}", (("05", ("合计",), 2),), (("B05", ("合计",), 2),)),
    Measure("gp_exp", "合计", "一般公共预算(?:财政)?(?:拨款)?支出{basis}", (("05", ("合计",), 0),), (("B05", ("合计",), 0),)),
    Measure("approp_inc", "合计", "财政拨款收入{basis}"),
    Measure("approp_exp", "合计", "财政拨款支出{basis}"),
    Measure("inc", "合计", "(?:部门)?本年收入{basis}(?:合计|总额)?|(?:部门)?收入{basis}(?:合计|总额)|(?:部门)?收入{budget}",
            (("01", ("本年收入合计",), 0), ("02", ("合计",), 0)), (("B01", ("本年收入合计", "收入总计"), 0), ("B02", ("合计",), 0))),
    Measure("exp", "合计", "(?:部门)?本年支出{basis}(?:合计|总额)?|(?:部门)?支出{basis}(?:合计|总额)|(?:部门)?支出{budget}",
            (("01", ("本年支出合计",), 0), ("03", ("合计",), 0)), (("B01", ("本年支出合计", "支出总计"), 0), ("B03", ("合计",), 0))),
    Measure("running_costs", "", "机关运行经费(?:财政拨款)?(?:支出)?{basis}"),
)
"""The subject → table-figure map of totals, read by the rules (:func:`named_figures`) and by
the cross-report facts (:func:`measure_named`); the first measure whose words name a subject wins."""
_FACT_NAMES = [(m, m.names(BASIS_WORDS, "预算")) for m in MEASURES]
_OWN_NAMES = {budget: [(m, m.names(basis, "预算" if budget else "(?!)")) for m in MEASURES] for budget, basis in OWN_BASIS.items()}
BY_KEY = {m.key: m for m in MEASURES}


def measure_named(subject: str) -> Measure | None:
    """The measure a subject (numbering, year, department and 本部门 already cut) names, basis
    words included (本年收入决算合计, 收支预算总计): the cross-report facts' reading."""
    return next((m for m, names in _FACT_NAMES if names.fullmatch(subject)), None)


def _own_measure(subject: str, budget: bool) -> Measure | None:
    """The measure a subject names as a figure of the report's own tables (:data:`OWN_BASIS`)."""
    return next((m for m, names in _OWN_NAMES[budget] if names.fullmatch(subject)), None)


# A share's whole phrase → the measure of the total it names (the first phrase found in it wins).
WHOLE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (lazy(r"一般公共预算(财政拨款)?项目支出"), "gp_project"),
    (lazy(r"一般公共预算(财政拨款)?基本支出"), "gp_basic"),
    (lazy(r"(一般公共预算)?财政拨款支出"), "gp_exp"),
    (lazy(r"本年支出|^支出合计"), "exp"),
    (lazy(r"本年收入|^收入合计"), "inc"),
    (lazy(r"^(?:部门|全年|本年度?)?(?:总支出|支出总额|全部支出)$"), "exp grand_total"),
    (lazy(r"^(?:部门|全年|本年度?)?(?:总收入|收入总额|全部收入)$"), "inc grand_total"),
]
"""A whole named loosely (总支出, 收入总额, 全部支出) may be this year's total or the 总计 with the carry-overs:
it is checked against both, and right when either fits."""
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
        """Yuan per printed unit: 1 in a table headed 单位：元, 1000 under 单位：千元, else 10000
        (万元, the default)."""
        return YUAN_PER_UNIT.get(self.table.unit or "万元", Decimal(10000))

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
    """A table figure in 万元: as printed, or converted from a table headed 单位：元 or 千元 (its
    text keeps the printed figure and its unit)."""
    return to_wan(number, table.unit or "万元")


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


def named_figures(model: Tables, amount: AmountClaim, words: str | None = None) -> list[TableFigure]:
    """The table figures a narrative amount unambiguously names: the 类 of the functional
    classification whose path introduces it (:attr:`~fiscallint.ast.AmountClaim.path`; 公开05
    then 03表), else the whole total its words (``words``, by default its
    :attr:`~fiscallint.ast.AmountClaim.context`; the report's own name before them left out) name."""
    path = amount.path
    if path is not None and len(path.steps) == 1:
        name = path_name(table_item(path.steps[0].name))
        wanted = (norm_label(name + "支出"), norm_label(name))
        found = []
        for kind in ("05", "03"):
            table = model.table(kind)
            row = next((r for r in table.rows if r.level == 1 and norm_label(r.label) in wanted), None) if table else None
            number = row_value(row, 0) if row is not None else None
            if table is not None and row is not None and number is not None:
                found.append(TableFigure(number, row, table, kind))
        return found
    text = amount.context if words is None else words
    named = next((name for name in model.own_names if text.startswith(name)), "")
    measure = _own_measure(table_item(text[len(named):]), model.is_budget)
    places = () if measure is None else measure.budget_places if model.is_budget else measure.places
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
    for pattern, keys in WHOLE_PHRASES:
        if pattern.search(phrase):
            places = [place for key in keys.split() for place in BY_KEY[key].places]
            return [f for place in places if (f := _first_figure(model, *place)) is not None]
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
