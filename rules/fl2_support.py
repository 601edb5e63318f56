"""Shared arithmetic of the table rules (FL2xx): reading a row's value in a column, and checking
a column identity on a row whose values may not all sit in known columns."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from fiscallint.ast import Number, Row, Span
from fiscallint.numbers import fmt, sum_tolerance
from fiscallint.parser.tables import ColumnRule, identity_holds, placements

UNKNOWN = object()
"""A value whose column is not known (a dump row with vanished empty cells)."""


def value_in(row: Row, column: int) -> Number | None | object:
    """The number in ``column``; None when the cell is provably empty; UNKNOWN otherwise."""
    number = row.value_at(column)
    if number is not None:
        return number
    return None if row.positioned else UNKNOWN


def under_parent_code(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Coded rows grouped by the code of their parent level (a 款 under its 类's three digits, a
    项 under its 款's five), in table order: one pass, where scanning the rows per parent is
    quadratic in a long table."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if row.code:
            groups.setdefault(row.code[:-2], []).append(row)
    return groups


def sum_check(
    total: Number | None, terms: list[Number], minus: list[Number] | None = None, slack: Decimal = Decimal(0)
) -> tuple[bool, Decimal]:
    """Whether total = Σ terms − Σ minus within tail rounding plus ``slack`` (the rule's configured
    tolerance); also the computed value."""
    minus = minus or []
    computed = sum((t.value for t in terms), Decimal(0)) - sum((t.value for t in minus), Decimal(0))
    reference = total or next(iter(terms + minus), None)
    if reference is None:
        return True, computed
    stated = total.value if total else Decimal(0)
    return abs(computed - stated) <= sum_tolerance(terms + minus, reference) + slack, computed


def one_row_to_blame(difference: Decimal, rows: list[Row], families: dict[str, list[Row]], column: int, slack: Decimal) -> bool:
    """Whether exactly one of ``rows`` misses the sum of its own children (``families`` by code)
    in ``column`` by the opposite of ``difference``, the total's difference from the rows' sum:
    correcting that row alone makes both levels add up, so it is the one wrong figure."""
    blamed = 0
    for row in rows:
        children = families.get(row.code or "", [])
        own = value_in(row, column)
        parts = [value_in(child, column) for child in children]
        if not children or own is UNKNOWN or any(p is UNKNOWN for p in parts):
            continue
        terms = [p.value for p in parts if p is not None]  # type: ignore[union-attr]
        off = (own.value if own is not None else Decimal(0)) - sum(terms, Decimal(0))  # type: ignore[union-attr]
        if off and abs(off + difference) <= slack + Decimal("0.01") * (len(terms) + len(rows)):
            blamed += 1
    return blamed == 1


def show(number: Number | None) -> str:
    return number.text if number is not None else "0（空）"


def row_violations(
    row: Row, rules: list[ColumnRule], count: int, first_is_total: bool, slack: Decimal = Decimal(0)
) -> Iterator[tuple[Span, str]]:
    """Column identities a row provably breaks: (where to point, the arithmetic shown).

    A positioned row points at the total cell of the broken identity; a row whose values lost
    their columns points at all its values, since any of them may be the wrong one.

    Positioned rows are checked identity by identity. For a row whose values lost their
    columns, the row is wrong only when no order-preserving arrangement of its values satisfies
    the identities; when the only identity is "column 1 = all the others", that is simply
    first value = sum of the rest.
    """
    if not row.cells:
        return
    if row.positioned:
        by_column = {c.column: c.number for c in row.cells if c.column is not None}
        for target, plus, minus in rules:
            if identity_holds(by_column, (target, plus, minus)):
                continue
            total = by_column.get(target)
            terms = [by_column[c] for c in plus if c in by_column]
            subtracted = [by_column[c] for c in minus if c in by_column]
            within, computed = sum_check(total, terms, subtracted, slack)
            if within and slack:
                continue
            formula = "＋".join(str(c) for c in plus) + "".join(f"－{c}" for c in minus)
            shown = " + ".join(show(by_column.get(c)) for c in plus) + "".join(f" − {show(by_column.get(c))}" for c in minus)
            yield (total.span if total else row.span), f"第{target}栏 {show(total)} ≠ 第{formula}栏：{shown} = {fmt(computed)}"
        return
    numbers = row.numbers
    first, last = numbers[0].span, numbers[-1].span
    values = Span(first.line, first.column, last.end_line, last.end_column)
    if len(rules) == 1 and first_is_total and rules[0][0] == 1 and sorted(rules[0][1]) == list(range(2, count + 1)):
        ok, computed = sum_check(numbers[0], numbers[1:], slack=slack)
        if not ok:
            shown = " + ".join(n.text for n in numbers[1:]) or "0"
            yield values, f"合计栏 {numbers[0].text} ≠ 其余各栏之和：{shown} = {fmt(computed)}"
        return
    if placements(numbers, count, rules, first_is_total) == []:
        formulas = "；".join(f"{t}栏＝" + "＋".join(map(str, p)) + "".join(f"－{m}" for m in ms) for t, p, ms in rules)
        yield values, f"本行数值 {' '.join(n.text for n in numbers)} 无论对应哪些栏都不满足 {formulas}"
