"""The table figures a narrative subject names: “一般公共服务（类）支出”, “本年收入合计”,
“收支总计”, “一般公共预算财政拨款基本支出” (and, in a 部门预算 report, “收入预算”…).

Rules comparing a narrative amount with the tables (FL108, FL508) share this mapping.
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass

from .ast import Number, Row, Table
from .denominators import fen, in_wan, row_value
from .model import Model, norm_label

PREFIX_RE = re.compile(r"^(\s|\d+\s*[.、．]|[（(]\d+[)）]|\d{4}\s*年度?|本年度|本部门|本单位)+")
SUFFIX_RE = re.compile(r"(均为|为|是|共计|共)$")
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

    def in_wan(self) -> Decimal:
        """The figure in 万元, whatever unit its table prints."""
        return in_wan(self.number, self.table).value

    def agrees(self, value: Number, unit: str) -> bool:
        """Whether a narrative amount in ``unit`` (万元 or 元) states this figure, within both
        figures' rounding (a 万元 amount carries at least 0.005 万元, an amount in 元 half a 元)."""
        own = Decimal(1) if unit == "元" else Decimal(10000)
        slack = _rounding(value, own) + _rounding(self.number, self.scale)
        return abs(value.value * own - self.number.value * self.scale) <= slack


def _rounding(number: Number, scale: Decimal) -> Decimal:
    """Half a unit in the last digit of a figure, in yuan (万元 figures read at 0.01 at least)."""
    return (fen(number).ulp if scale == 10000 else number.ulp) * scale


def clean_subject(context: str) -> str:
    """A narrative amount's words reduced to the item they name (no numbering, year, 本部门, 为…)."""
    return SUFFIX_RE.sub("", PREFIX_RE.sub("", context).replace(" ", ""))


def named_figures(model: Model, context: str) -> list[TableFigure]:
    """The table figures a narrative amount's words (:attr:`~fiscallint.ast.AmountClaim.context`) unambiguously
    name: a 类 of the functional classification (公开05 then 03表), or a whole total."""
    subject = clean_subject(context)
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


def _figures(model: Model, kind: str, labels: tuple[str, ...], index: int) -> list[TableFigure]:
    """The ``index``-th values of the uncoded rows of a standard table labelled one of ``labels``
    ("合计" also matches 总计)."""
    table = model.table(kind)
    if table is None:
        return []
    wanted = {norm_label(label) for label in labels} | ({"总计"} if "合计" in labels else set())
    found = []
    for row in table.rows:
        number = row_value(row, index) if row.code is None and norm_label(row.label) in wanted else None
        if number is not None:
            found.append(TableFigure(number, row, table, kind.removeprefix("B")))
    return found
