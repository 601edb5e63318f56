"""A report's typed facts, read from its AST, for the store and the cross-report rules.

Three readings of one report:

- :func:`cells`: every numeric table cell, as printed (table, code or label, column, value).
- :func:`claim_numbers`: every figure of every narrative claim (kind, subject, role, value, period).
- :func:`figures`: the comparable ones — a figure keyed by *measure* (what it is: 一般公共预算
  支出 by function code, 三公 经费 by item…), *code*, *year* and *basis* (budget or actual), in 万元
  with the rounding it carries. Two reports that state a figure under the same key must agree.

A figure comes from a code-keyed table's 合计 column (02 收入, 03 支出, 05 一般公共预算支出), from
the 三公 table, from a narrative amount whose subject names a measure unambiguously, from an
item path (类(款)(项)) mapped to its code through the report's own tables, or is derived from a
change claim (this year's figure ∓ the change = the compared year's figure). Anything whose
measure, year or basis is unclear is left out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..ast import (
    AmountClaim,
    BreakdownClaim,
    ChangeClaim,
    CountBreakdownClaim,
    CountClaim,
    ItemPathClaim,
    Number,
    Report,
    Section,
    ShareClaim,
    Table,
    UnitlessShareClaim,
    YearClaim,
)
from ..facts import SLOT_NAMES, three_public_named
from ..figures import BASIS_WORDS, measure_named
from ..model import Model
from ..patterns import lazy
from ..subjects import measure_subject, norm_label
from .identity import Identity
from .records import CellFact, ClaimFact, Figure

WAN = Decimal(10000)
TOTAL_LABELS = ("合计", "总计")
TABLE_MEASURES = {"02": "inc", "03": "exp", "05": "gp_exp", "B02": "inc", "B03": "exp", "B05": "gp_exp"}
BASIS_END_RE = lazy(BASIS_WORDS + "$")


def cells(report: Report) -> Iterator[CellFact]:
    """Every numeric table cell, in reading order."""
    for index, table in enumerate(report.tables):
        for row in table.rows:
            for cell in row.cells:
                n = cell.number
                yield CellFact(index, table.number or "", table.kind or "", table.title, table.unit or "",
                               row.code or "", row.label, cell.column, str(n.value), n.span.line, n.span.column)


def claim_numbers(report: Report, identity: Identity) -> Iterator[ClaimFact]:
    """Every figure of every claim, with the period its words give (this_year, last_year, budget, actual)."""
    for index, claim in enumerate(report.claims()):
        period = _amount_period(claim, identity) if isinstance(claim, AmountClaim) else _period(
            claim.context if isinstance(claim, WORDED_CLAIMS) else claim.subject, identity)
        for role, n in claim.roles():
            unit = claim.unit if isinstance(claim, UNIT_CLAIMS) else "%" if role == "percent" else ""
            yield ClaimFact(index, claim.kind, claim.subject, role, str(n.value), unit, period, n.span.line, n.span.column)


WORDED_CLAIMS = (AmountClaim, ShareClaim, BreakdownClaim, CountClaim, UnitlessShareClaim)
"""Claims that keep the words before their figure (``context``)."""
UNIT_CLAIMS = (AmountClaim, BreakdownClaim, CountClaim, CountBreakdownClaim)


def _amount_period(claim: AmountClaim, identity: Identity) -> str:
    """An amount's period from its fields: last year's (上年, or the previous year written), else
    its basis (actual, budget), else this year's."""
    if claim.prior or (identity.year and any(int(y.year.value) == identity.year - 1 for y in claim.years)):
        return "last_year"
    return {"actual": "actual", "budget": "budget"}.get(claim.basis, "this_year")


def _period(text: str, identity: Identity) -> str:
    if "上年" in text or (identity.year and f"{identity.year - 1}年" in text.replace(" ", "")):
        return "last_year"
    if "执行数" in text or "决算" in text:
        return "actual"
    if "预算" in text:
        return "budget"
    return "this_year"


def figures(report: Report, identity: Identity, model: Model | None = None) -> list[Figure]:
    """The report's comparable figures, in document order of their sources (tables first)."""
    if identity.year is None:
        return []
    model = model or Model(report)
    found: dict[tuple[tuple[str, str, int, str], int, int], Figure] = {}
    for figure in (*_table_figures(report, identity), *_three_public(model, identity), *_narrative(report, identity, model)):
        found.setdefault((figure.key, figure.line, figure.column), figure)  # one reading per printed figure
    return list(found.values())


def _measure_of_table(table: Table) -> str | None:
    measure = TABLE_MEASURES.get(table.kind or "")
    if measure:
        return measure
    title = table.title.replace(" ", "")
    if "三公" in title or "基本支出" in title or "基金" in title or "国有资本" in title:
        return None
    if "一般公共预算" in title and "支出" in title and "收入" not in title:
        return "gp_exp"
    return None


def _other_year_column(table: Table, year: int) -> bool:
    """The table has a column for another year (上年预算数, 2024年执行数): its first value column
    is then not surely this year's, so the table gives no figure (上年结转 is this year's income)."""
    return table.heading.other_period or any(y != year for y in table.heading.years)


def _table_figures(report: Report, identity: Identity) -> Iterator[Figure]:
    year = identity.year
    assert year is not None
    seen: set[tuple[str, str]] = set()
    for table in report.tables:
        measure = _measure_of_table(table)
        if measure is None or table.unit not in ("万元", "元") or _other_year_column(table, year):
            continue
        for row in table.rows:
            code = row.code or ("合计" if norm_label(row.label) in TOTAL_LABELS else None)
            first = row.value_at(1)
            if code is None or first is None or (measure, code) in seen:
                continue
            seen.add((measure, code))
            value, tolerance = _wan(first, table.unit)
            where = f"{table.number and f'公开{table.number}表' or table.title} {row.code or ''} {row.label}".strip()
            yield Figure(measure, code, year, identity.basis, value, tolerance, "table", f"{where} 第1栏", first.span)


def _wan(number: Number, unit: str | None) -> tuple[Decimal, Decimal]:
    if unit == "元":
        return number.value / WAN, number.ulp / WAN
    return number.value, number.ulp


def _three_public(model: Model, identity: Identity) -> Iterator[Figure]:
    """The 三公 table's and the 三公 section's figures. In a final account only the 决算 ones:
    its 预算数 is the adjusted 全年预算, which may legitimately differ from the budget report
    (a 年初预算 stated in the narrative is read by :func:`_amount`)."""
    located = model.three_public_table
    year = identity.year
    assert year is not None
    if located is not None:
        table, _row, slots = located
        for (role, slot), number in sorted(slots.values.items()):
            if identity.kind == "final" and role != "actual":
                continue
            basis = "budget" if identity.kind == "budget" else role
            value, tolerance = _wan(number, table.unit)
            yield Figure("three_public", slot, year, basis, value, tolerance, "table",
                         f"{table.title} {SLOT_NAMES[slot]}", number.span)
    for (role, slot), number in sorted(model.three_public.values.items()):
        if role != identity.basis:
            continue
        yield Figure("three_public", slot, year, role, number.value, number.ulp, "narrative",
                     SLOT_NAMES[slot], number.span)


def _narrative(report: Report, identity: Identity, model: Model) -> Iterator[Figure]:
    year = identity.year
    assert year is not None
    general = _general_budget_paragraphs(report)
    for paragraph in report.paragraphs:
        paths = [c for c in paragraph.claims if isinstance(c, ItemPathClaim)]
        for claim in paragraph.claims:
            if isinstance(claim, AmountClaim) and claim.unit in ("万元", "元"):
                yield from _amount(claim, identity, model, paths, id(paragraph) in general)
            elif isinstance(claim, ChangeClaim):
                yield from _change(claim, identity)


def _amount(claim: AmountClaim, identity: Identity, model: Model,
            paths: list[ItemPathClaim], general: bool) -> Iterator[Figure]:
    context = claim.context.replace(" ", "")
    number = claim.value
    value, tolerance = _wan(number, claim.unit)
    year, basis = _year_basis(claim, identity)
    if year is None:
        return
    key = _subject_key(claim.subject, identity)
    if key is None and paths and (basis != identity.basis or "（项）" in context or "(项)" in context):
        key = _path_key(claim, model, paths, general)
    if key is None:
        return
    yield Figure(key[0], key[1], year, basis, value, tolerance, "narrative", claim.subject[:40],
                 number.span)
    if year == identity.year:
        flat = _unchanged_from(claim, identity)
        if flat is not None:
            yield Figure(key[0], key[1], flat[0], flat[1], value, tolerance, "derived",
                         f"{claim.subject[:30]} {number.text}（持平）", number.span)


def _unchanged_from(claim: AmountClaim, identity: Identity) -> tuple[int, str] | None:
    """The compared year and basis when the words right after an amount say it is unchanged
    ("11.49万元，与2025年预算持平"); "基本持平" is not unchanged."""
    if claim.same_as is None:
        return None
    return _compared_year_basis(claim.same_as_basis, claim.same_as_year, identity)


def _year_basis(claim: AmountClaim, identity: Identity) -> tuple[int | None, str]:
    """The year and basis a narrative amount is stated for, from its basis and the years
    written in its words (year None: unclear, or a final account's 全年预算 / 调整预算, which may
    legitimately differ from the budget report)."""
    assert identity.year is not None
    years = [int(y.year.value) for y in claim.years]
    if claim.prior:
        year: int | None = identity.year - 1
    elif years:
        year = years[-1] if len(set(years)) == 1 else None
    else:
        year = identity.year
    if claim.stage == "initial" or claim.basis == "budget":
        basis = "budget"
        if identity.kind == "final" and claim.stage != "initial":
            year = None
    elif claim.basis == "actual":
        basis = "actual"
        if identity.kind == "budget" and not years and not claim.prior:
            year = identity.year - 1  # 当年预算执行数 in a budget: the year now ending
    else:
        basis = identity.basis
    return year, basis


def _subject_key(subject: str, identity: Identity) -> tuple[str, str] | None:
    """The (measure, code) a claim's subject names in the model's subject → table-figure map."""
    text = measure_subject(subject, identity.name)
    slot = three_public_named(BASIS_END_RE.sub("", text))
    if slot is not None:
        return ("three_public", slot)
    measure = measure_named(text)
    return (measure.key, measure.code) if measure is not None else None


def _path_key(claim: AmountClaim, model: Model, paths: list[ItemPathClaim], general: bool) -> tuple[str, str] | None:
    """An amount stated for an item path (类(款)(项)): the code, in the report's own tables, of
    the last path written before the amount."""
    at = (claim.value.span.line, claim.value.span.column)
    before = [p for p in paths if (p.span.end_line, p.span.end_column) <= at]
    if not before:
        return None
    code = _code_of([step.name for step in before[-1].steps], model)
    return ("gp_exp" if general else "approp_exp", code) if code else None


def _code_of(names: list[str], model: Model) -> str | None:
    """The code whose row labels spell the path's names, when exactly one does."""
    table = next((model.table(k) for k in ("05", "B05", "03", "B03") if model.table(k)), None)
    if table is None:
        return None
    code = ""
    for depth, name in enumerate(names):
        width = (3, 5, 7)[depth] if depth < 3 else 0
        matches = {r.code for r in table.rows if r.code and len(r.code) == width and r.code.startswith(code)
                   and norm_label(r.label) == norm_label(name)}
        if len(matches) != 1:
            return None
        code = matches.pop()
    return code


def _general_budget_paragraphs(report: Report) -> set[int]:
    """Paragraphs under a heading about 一般公共预算 (财政拨款) 支出."""
    found: set[int] = set()

    def walk(section: Section, inside: bool) -> None:
        inside = inside or ("一般公共预算" in section.title and "支出" in section.title and "基本" not in section.title)
        if inside:
            found.update(id(p) for p in section.paragraphs)
        for child in section.children:
            walk(child, inside)

    walk(report.root, False)
    return found


def _change(claim: ChangeClaim, identity: Identity) -> Iterator[Figure]:
    """A change with an amount: the compared year's figure = this figure ∓ the change."""
    current, delta = claim.current, claim.delta
    word = claim.delta_word
    if current is None or delta is None or word not in ("增加", "增长", "上升", "减少", "下降", "降低"):
        return
    key = _subject_key(claim.subject, identity)
    if key is None:
        return
    compared = _compared_year_basis(claim.against_basis, claim.against_year, identity) if claim.against is not None else None
    if compared is None:
        return
    year, basis = compared
    sign = -1 if word in ("增加", "增长", "上升") else 1
    value = current.value + sign * delta.value
    yield Figure(key[0], key[1], year, basis, value, current.ulp + delta.ulp, "derived",
                 f"{claim.subject[:30]} {current.text} {'−' if sign < 0 else '+'} {delta.text}",
                 delta.span)


def _compared_year_basis(basis: str, named: YearClaim | None, identity: Identity) -> tuple[int, str] | None:
    """The year and basis a comparison names (``named``: the claim of the year it names; ``basis``
    the 预算 or 执行数/决算 it names): the previous year only, in the report's own basis when the
    comparison names none."""
    assert identity.year is not None
    year = int(named.year.value) if named is not None else identity.year - 1
    if year != identity.year - 1:
        return None
    return year, basis or identity.basis


