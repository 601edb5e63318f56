"""Cross-cutting facts the cross-table and document rules need, read from the AST.

Kept out of the rules so that every rule sees one reading: the 三公 figures of the narrative
and of the 三公 table, the statements that a table is empty, year mentions and count
breakdowns (车辆 N 辆，其中 A 辆、B 辆) with their positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, takewhile
from typing import Callable, Iterator

from .ast import AmountClaim, Cell, ChangeClaim, Claim, CountBreakdownClaim, CountClaim, ExecutionClaim, NilClaim, Number, Paragraph, RelationClaim, Report, Row, Section, Span, Table, TermClaim, YearClaim
from .parser.claims import amount_in_wan, relation_operands
from .parser.tables import is_budget_kind
from .parser.heading import STAFF_PUBLIC
from .patterns import lazy

# ---------------------------------------------------------------- 三公 figures

SLOTS = ("total", "abroad", "vehicle", "purchase", "running", "reception")
"""The 三公 items in the order of the 三公 table's columns."""


@dataclass(frozen=True)
class ThreePublicItem:
    """A 三公 item's words: its name as the template prints it, the words that mention it
    anywhere in an amount's words, and the words a subject that names it and nothing else is
    (a basis word cut off)."""

    slot: str
    name: str
    mention: str
    named: re.Pattern[str]


THREE_PUBLIC_ITEMS = (
    ThreePublicItem("vehicle", "公务用车购置及运行维护费", "公务用车购置及运行", lazy(r"公务用车购置及运行(?:维护)?费")),
    ThreePublicItem("purchase", "公务用车购置费", "公务用车购置费", lazy(r"公务用车购置费")),
    ThreePublicItem("running", "公务用车运行维护费", "公务用车运行", lazy(r"公务用车运行(?:维护)?费")),
    ThreePublicItem("abroad", "因公出国（境）费", "因公出国", lazy(r"因公出国（境）费")),
    ThreePublicItem("reception", "公务接待费", "公务接待费", lazy(r"公务接待费")),
    ThreePublicItem("total", "“三公”经费合计", "三公", lazy(r"“?三公”?经费(?:财政拨款)?(?:支出)?(?:总额|合计)?")),
)
"""The 三公 part of the subject → table-figure map (the 三公 table's figures are placed by
:func:`three_public_table`); the first item whose words match wins."""
SLOT_NAMES = {item.slot: item.name for item in THREE_PUBLIC_ITEMS}


def three_public_named(subject: str) -> str | None:
    """The slot of the 三公 item a subject names and nothing else (公务接待费, “三公”经费支出)."""
    return next((item.slot for item in THREE_PUBLIC_ITEMS if item.named.fullmatch(subject)), None)


@dataclass
class ThreePublic:
    """三公 figures by role ("budget" / "actual") and slot; narrative ones keep their claim."""

    values: dict[tuple[str, str], Number]
    claims: dict[tuple[str, str], AmountClaim]
    restated: list[tuple[tuple[str, str], Number]] = field(default_factory=list)
    """Later statements of an item's figure with another value than its first (the share
    sentence's 公务接待费 A, then “3、公务接待费支出 B”), in 万元."""


def narrative_three_public(report: Report) -> ThreePublic:
    """The 三公 figures the narrative states: the first budget and 决算 figure of each item, in 万元,
    and each later one that differs from it."""
    values: dict[tuple[str, str], Number] = {}
    claims: dict[tuple[str, str], AmountClaim] = {}
    restated: list[tuple[tuple[str, str], Number]] = []
    for paragraph in three_public_paragraphs(report):
        item: str | None = None
        for claim in paragraph.claims:
            if not isinstance(claim, AmountClaim):
                continue
            context = claim.context
            named = three_public_item(context) or _car_part(claim, item)
            item = named or item
            if item is None or claim.prior or claim.stage == "initial":
                continue
            if claim.basis == "budget":
                role = "budget"
            elif claim.basis == "actual" or named == item:
                role = "actual"
            else:
                continue
            key = (role, item)
            if key not in values:
                values[key] = amount_in_wan(claim)
                claims[key] = claim
            elif amount_in_wan(claim).value != values[key].value:
                restated.append((key, amount_in_wan(claim)))
    return ThreePublic(values, claims, restated)


CAR_PARTS = {"购置费": "purchase", "运行维护费": "running", "运行费": "running", "维护费": "running"}
"""The two parts of the car item named short, as a split in brackets after it names them
(公务用车购置及运行维护费 A 万元（购置费 B 万元，运行维护费 C 万元））."""


def _car_part(claim: AmountClaim, item: str | None) -> str | None:
    """The car part a bracketed amount names by its short name, right after the car item."""
    if not claim.inner or item not in ("vehicle", "purchase", "running"):
        return None
    return CAR_PARTS.get(claim.subject.lstrip("（(其中：:"))


def three_public_paragraphs(report: Report) -> Iterator[Paragraph]:
    """The paragraphs of the narrative's 三公 sections, subsections included."""
    for section in _three_public_sections(report.root):
        yield from section_paragraphs(section)


def three_public_item(context: str) -> str | None:
    """The slot of the first 三公 item the words mention (the most specific first: 公务用车购置及运行
    before 公务用车购置费)."""
    return next((item.slot for item in THREE_PUBLIC_ITEMS if item.mention in context), None)


def _three_public_sections(section: Section) -> Iterator[Section]:
    for child in section.children:
        if "三公" in child.title and "：" not in child.title and ":" not in child.title:
            yield child
        else:
            yield from _three_public_sections(child)


def section_paragraphs(section: Section) -> Iterator[Paragraph]:
    """A section's paragraphs, its subsections' included."""
    yield from section.paragraphs
    for child in section.children:
        yield from section_paragraphs(child)


ITEM_LABEL_RE = lazy(r"出国|用车|接待")
"""A row labelled by a 三公 item: the table lists the items down its rows (one row per item,
its 预算数 and 决算数 across), not the one row of twelve figures this reader places."""


def items_down_rows(table: Table) -> bool:
    """A 三公 table that lists its items down the rows (a row labelled by an item)."""
    return any(ITEM_LABEL_RE.search(row.label) for row in table.rows)


def three_public_table(report: Report) -> tuple[Table, Row, ThreePublic] | None:
    """The 三公 table's figures by (role, slot), where the layout determines them. (A row of
    column numbers could never be read as figures: the parser keeps 栏次 lines out of the rows,
    and rising numbers never satisfy the identities, whose total is printed before its parts.)"""
    named = [t for t in report.tables if "三公" in t.title and "机关运行" not in t.title]
    table = next((t for t in named if t.rows), None)  # a contents entry has no rows
    if table is None:
        return None
    heading = table.heading
    roles = ("budget", "actual") if "budget" in heading.bases else ("actual",)
    width = 6 * len(roles)
    paired = len(roles) == 2 and heading.interleaved
    order = [(p % 2) * 6 + p // 2 for p in range(width)] if paired else list(range(width))
    if items_down_rows(table):
        return _items_down_rows(table, report.year, is_budget_report(report))
    for row in table.rows:
        values = row.numbers
        if len(values) < 2 or len(values) > width:
            continue
        solved = _solve_slots(row, values, order, not table.columns)
        if not solved:
            continue
        mapped: dict[tuple[str, str], Number] = {}
        for (index, number) in solved.items():
            role = roles[index // 6]
            mapped[(role, SLOTS[index % 6])] = number
        return table, row, ThreePublic(mapped, {})
    return None


def _items_down_rows(table: Table, year: int | None, budget_report: bool) -> tuple[Table, Row, ThreePublic] | None:
    """A 三公 table with one row per item: each item's figures in the columns whose role the
    header settles — a 预算数 and a 决算数 column (in either order, no other period's); the one
    column of its report's kind (a budget's 预算数, read, as a budget's other 三公 tables are, in
    the slots of the figures it reports; a final account's 决算数); or, beside another period's,
    the one column of the report's year (2030年预算数 | 2029年预算数, 本年 | 上年). Nothing when
    the rows cannot be placed in their columns (:func:`three_public_rows`)."""
    read = three_public_rows(table)
    columns = table.heading.bases
    if read is None or len(columns) != read.width:
        return None
    if sorted(columns) == ["actual", "budget"] and not table.heading.other_period:
        roles = {index + 1: role for index, role in enumerate(columns)}
    elif columns == ["budget" if budget_report else "actual"] and not table.heading.other_period:
        roles = {1: "actual"}
    else:
        current = _current_column(table, year)
        if current is None:
            return None
        roles = {current + 1: columns[current]}
    mapped = {(role, slot): number for column, role in roles.items() for slot, number in read.columns[column - 1].items()
              if number not in read.blanks}
    first = next(iter(read.rows.values()))
    return (table, first, ThreePublic(mapped, {})) if mapped else None


def _current_column(table: Table, year: int | None) -> int | None:
    """The index of the report year's column among two of one basis and two periods: by the
    years the header names, or by 本年 printed before or after 上年."""
    heading = table.heading
    if len(heading.bases) != 2 or heading.bases[0] != heading.bases[1]:
        return None
    if len(heading.years) == 2 and year is not None and heading.years.count(year) == 1:
        return heading.years.index(year)
    text = "".join(table.headers)
    if heading.other_period and "本年" in text and "上年" in text:
        return 0 if text.index("本年") < text.index("上年") else 1
    return None


@dataclass
class ThreePublicRows:
    """A 三公 table listing its items down the rows: each item's row, and each figure column's
    figures by slot (a blank cell of a row that prints others is a zero)."""

    rows: dict[str, Row]
    columns: list[dict[str, Number]]
    blanks: list[Number] = field(default_factory=list)
    """The zeros read from blank cells (compared in the table's identities, not with the narrative)."""

    @property
    def width(self) -> int:
        return len(self.columns)


def three_public_rows(table: Table) -> ThreePublicRows | None:
    """The figures of a 三公 table whose rows are its items (合计, 因公出国（境）费, 公务用车购置及
    运行费, 其中 购置费 / 运行费, 公务接待费), column by column.

    None when an item's row is printed twice, or when a row's figures may have shifted: a row
    whose cells lost their columns (flattened text, empty cells vanished) is read only when it
    prints a figure in every column; otherwise nothing of the table is read."""
    rows: dict[str, Row] = {}
    for row in table.rows:
        slot = "total" if re.search(r"合计|总计", row.label) else three_public_item(row.label)
        if slot is None or (slot == "total" and three_public_item(row.label) not in (None, "total")):
            continue
        if slot in rows:
            return None
        rows[slot] = row
    if "total" not in rows or len(rows) < 2:
        return None
    width = max(len(row.numbers) for row in rows.values())
    gridded = all(row.positioned and row.cells and all(c.column is not None for c in row.cells) for row in rows.values() if row.numbers)
    if gridded:
        width = max(max(c.column or 0 for c in row.cells) for row in rows.values() if row.cells)
    elif any(len(row.numbers) != width for row in rows.values()):
        return None
    if width == 0:
        return None
    columns: list[dict[str, Number]] = [{} for _ in range(width)]
    blanks: list[Number] = []
    for slot, row in rows.items():
        for index in range(width):
            number = row.value_at(index + 1) if gridded else row.numbers[index]
            if number is not None:
                columns[index][slot] = number
            elif row.numbers:
                blanks.append(_zero(row.span))
                columns[index][slot] = blanks[-1]
    return ThreePublicRows(rows, columns, blanks)


def _solve_slots(row: Row, values: list[Number], order: list[int], standard_columns: bool) -> dict[int, Number]:
    """Slots a row's figures fill, when every placement satisfying the 三公 identities agrees.

    ``order`` maps a printed column (0-based) to its slot index (role × 6 + slot): the identity
    for six 预算数 then six 决算数 columns, pairs for a 预算数 | 决算数 pair under each item.

    A dump drops empty cells, so the figures' columns are unknown; try every order-keeping
    placement, keep those where 合计 = 出国 + 用车 + 接待 and 用车 = 购置 + 运行 hold, and
    keep a slot only when all surviving placements give it the same figure (or all leave it
    empty, which is returned as a zero). A row printing all twelve figures has one placement,
    kept when one of its halves adds up (the other then holds a wrong figure). Positioned cells are used as they are only when
    their columns are the template's (``standard_columns``), not a shorter printed header's.
    """
    width = len(order)
    if standard_columns and all(c.column is not None for c in row.cells) and row.positioned:
        placements = [tuple(c.column - 1 for c in row.cells)]  # type: ignore[operator]
    else:
        placements = list(combinations(range(width), len(values)))
    good: list[dict[int, Number]] = []
    for placement in placements:
        if any(p < 0 or p >= width for p in placement):
            continue
        slots = {order[p]: value for p, value in zip(placement, values)}
        if all(_identities_hold(slots, base) for base in range(0, width, 6)):
            good.append(slots)
    if not good and len(values) == width == 12:
        # Every cell printed, so one placement only: when the 预算数 half or the 决算数 half
        # adds up, the columns are read right and the other half holds an error in a figure.
        slots = {order[p]: value for p, value in enumerate(values)}
        if any(_identities_hold(slots, base) for base in (0, 6)):
            return slots
    if not good:
        return {}
    decided: dict[int, Number] = {}
    for index in range(width):
        seen = {(s[index].value, s[index].span) if index in s else None for s in good}
        if len(seen) != 1:
            continue
        first = good[0].get(index)
        decided[index] = first if first is not None else _zero(row.span)
    return decided


def _identities_hold(slots: dict[int, Number], base: int) -> bool:
    def value(i: int) -> Decimal:
        number = slots.get(base + i)
        return number.value if number is not None else Decimal(0)

    total = abs(value(0) - (value(1) + value(2) + value(5))) <= Decimal("0.031")
    vehicle = abs(value(2) - (value(3) + value(4))) <= Decimal("0.021")
    return total and vehicle


def _zero(span: Span) -> Number:
    return Number(Decimal(0), 2, span, "（空）")


# ---------------------------------------------------------------- empty-table statements

FUND_KINDS = {"fund": "政府性基金", "capital": "国有资本经营"}
"""The funds of tables 07 and 08 by their :class:`~fiscallint.ast.TermClaim` term."""
BUDGET_FUND_KINDS = {"fund": "B08", "capital": "B09"}
"""A budget report's tables of the same two funds."""


@dataclass
class EmptyStatement:
    """A statement (a part of the narrative, or a table note) that a 07/08 fund table has nothing to show."""

    kind: str  # "fund" (政府性基金, table 07) or "capital" (国有资本经营, table 08)
    span: Span
    text: str


def fund_table(report: Report, kind: str) -> Table | None:
    """The 政府性基金 (07) or 国有资本经营 (08) 财政拨款 table, found by its title (a table with
    rows wins over a contents entry of the same title); in a budget report, the 政府性基金预算
    (B08) or 国有资本经营预算 (B09) 支出表."""
    word = FUND_KINDS[kind]
    budget_kind = BUDGET_FUND_KINDS[kind]
    named = [t for t in report.tables if word in t.title and ("决算" in t.title or t.kind == budget_kind)]
    return next((t for t in named if t.rows), named[0] if named else None)


def empty_statements(report: Report) -> list[EmptyStatement]:
    """Narrative statements and table notes that say a 07/08 table has nothing to show: a part
    of a paragraph (between sentence ends and ；) that states a nil, names one of the two funds
    and states no amount; a note of table 07 or 08 that states a nil."""
    found: list[EmptyStatement] = []
    for paragraph in report.paragraphs:
        bounds = paragraph.segment_bounds()
        for segment, claims in _by_segment(paragraph).items():
            funds = {c.term for c in claims if isinstance(c, TermClaim) and c.term in FUND_KINDS}
            if len(funds) != 1 or not any(isinstance(c, NilClaim) for c in claims) or any(_states_amount(c) for c in claims):
                continue
            start, end = bounds[min(segment, len(bounds) - 1)]
            found.append(EmptyStatement(funds.pop(), paragraph.span_at(start, end), paragraph.text[start:end]))
    for kind in FUND_KINDS:
        table = fund_table(report, kind)
        if table is None:
            continue
        for note in table.empty_notes:
            found.append(EmptyStatement(kind, Span(table.span.end_line, 1, table.span.end_line, 2), note))
    return found


def _by_segment(paragraph: Paragraph) -> dict[int, list[Claim]]:
    found: dict[int, list[Claim]] = {}
    for claim in paragraph.claims:
        found.setdefault(claim.segment, []).append(claim)
    return found


def _states_amount(claim: Claim) -> bool:
    """An amount claim, or a change stating its amount (增加 5 万元)."""
    return isinstance(claim, AmountClaim) or (isinstance(claim, ChangeClaim) and claim.delta is not None)


def table_figures(table: Table) -> list[Number]:
    """The non-zero figures with decimals of a table's rows (the parser keeps 栏次 lines out of
    them: their numbers have no decimals anyway)."""
    out: list[Number] = []
    for row in table.rows:
        out.extend(n for n in row.numbers if n.value != 0 and n.decimals > 0)
    return out


# ---------------------------------------------------------------- years


@dataclass
class YearMention:
    """A year the narrative names, for the report itself or for a comparison."""

    year: int
    span: Span
    text: str
    kind: str  # "self" (this report's own year) or "compare" (the comparison year)


def year_mentions(report: Report) -> list[YearMention]:
    """Years the narrative uses for the report itself and for its comparisons: the year claims
    of paragraphs and section titles. A 部门预算 report names itself "2025年部门预算" and
    compares with "2024年预算"; in a 决算 report "比2024年预算数" is the same year's budget, so
    a year counts when the 决算/预算 it names (if any) is the report's own kind."""
    word = "预算" if is_budget_report(report) else "决算"
    found: list[YearMention] = []
    for paragraph in report.paragraphs:
        years = [c for c in paragraph.claims if isinstance(c, YearClaim)]
        for kind in ("self", "compare"):
            found.extend(YearMention(int(c.year.value), c.year.span, c.text, kind) for c in years if _names(c, kind, word))
    for section in report.sections():
        for claim in section.claims:
            if isinstance(claim, YearClaim) and _names(claim, "self", word):
                found.append(YearMention(int(claim.year.value), claim.year.span, claim.text, "self"))
    return found


def _names(claim: YearClaim, role: str, word: str) -> bool:
    """A year claim in ``role`` whose 决算/预算 (required for the report's own year) is ``word``."""
    if claim.role != role:
        return False
    return claim.basis == word or (role == "compare" and not claim.basis)


def is_budget_report(report: Report) -> bool:
    """A 部门预算 report: its tables are budget tables, or (no tables) it never says 决算."""
    if report.tables:
        return any(is_budget_kind(t.kind) for t in report.tables) and not any(t.kind and t.kind[0].isdigit() for t in report.tables)
    return not report.cover.names_final


# ---------------------------------------------------------------- 决算数大于/小于预算数


@dataclass
class Relation:
    """A 决算数大于/小于/等于预算数 phrase with the item figures it compares (None if unknown)."""

    claim: RelationClaim
    budget: Number | None
    actual: Number | None


def relations(report: Report) -> list[Relation]:
    """Every relation claim with its operands: those its paragraph gives, else (the phrase opens
    a paragraph that states no amount before it) those of the last sentence with amounts of the
    paragraph just before, when it ends at most two lines above."""
    found: list[Relation] = []
    previous: Paragraph | None = None
    for paragraph in report.paragraphs:
        first_amount = min((c.sentence for c in paragraph.claims if c.kind == "amount"), default=None)
        for claim in paragraph.claims:
            if not isinstance(claim, RelationClaim):
                continue
            budget, actual = claim.budget, claim.actual
            opens = first_amount is None or first_amount > claim.sentence
            if budget is None and actual is None and opens and previous is not None and claim.span.line - previous.span.end_line <= 2:
                amounts = [c for c in previous.claims if isinstance(c, AmountClaim)]
                last = amounts[-1].sentence if amounts else None
                budget, actual = relation_operands(claim.text, [c for c in amounts if c.sentence == last])
            found.append(Relation(claim, budget, actual))
        previous = paragraph
    return found


# ---------------------------------------------------------------- an item's amount stated twice

ITEM_BUDGET_RE = lazy(r"预算安排|安排预算|预算数为|预算为")
"""A budget report's words for an item's own budget (every amount of a budget report is a 预算)."""


@dataclass
class Restatement:
    """An item's amount written after its path, and the figure of the same role the paragraph
    states again with another value; ``rate`` an execution rate that fits the first one only."""

    lead: AmountClaim
    restated: AmountClaim
    rate: ExecutionClaim | None


def restatements(report: Report) -> list[Restatement]:
    """Items whose path amount differs from the paragraph's own figure of the same role: the
    决算 (执行数) in a final account, the year's 预算安排 in a budget report. Only when the path
    amount equals no other figure of the paragraph (it is then neither a budget nor the
    restated figure) and exactly one figure of that role is stated."""
    budget = is_budget_report(report)
    found: list[Restatement] = []
    for paragraph in report.paragraphs:
        amounts = [c for c in paragraph.claims if isinstance(c, AmountClaim) and not c.inner]
        for index, lead in enumerate(amounts):
            if not item_amount(lead):
                continue
            rest = amounts[index + 1:]
            item = list(takewhile(lambda c: not item_amount(c), rest))
            same_role = [c for c in item if c.unit == lead.unit and (ITEM_BUDGET_RE.search(c.context) if budget else c.basis == "actual")]
            if len(same_role) != 1:
                continue
            value = lead.value
            if any(not differs(value, c.value, Decimal("0.01")) for c in item if c.unit == lead.unit):
                continue
            rate = next((c for c in paragraph.claims if isinstance(c, ExecutionClaim) and c.actual is same_role[0].value), None)
            found.append(Restatement(lead, same_role[0], rate))
    return found


def item_amount(claim: AmountClaim) -> bool:
    """An item's own amount: a 类(款)(项) path ending at its 项 introduces it (“…（项）”318.20 万元)."""
    return claim.path is not None and claim.path.steps[-1].level == "项"


# ---------------------------------------------------------------- count breakdowns

COUNT_UNITS = ("辆", "人次", "个", "批次", "台")
"""Units whose 其中 breakdowns are checked (vehicles, visits, groups, batches, devices)."""


@dataclass
class CountBreakdown:
    """A count and its parts as the narrative states them."""

    unit: str
    total: Number
    parts: list[Number]
    text: str
    graded: bool = False
    """The parts list a grading scale (绩效评级为“优”…“良”…“合格”…: three grades or more, one
    a part), so they are all the total's parts."""
    domestic_foreign: bool = False
    """The parts are two, one 国内 and one 外事 (国内公务接待 A 批次，外事接待 B 批次): together they are all."""


def count_breakdowns(report: Report) -> list[CountBreakdown]:
    """"共有车辆 5 辆，其中：A 1 辆、B 4 辆" : the count breakdown claims of the narrative."""
    return [
        CountBreakdown(c.unit, c.total, [p.value for p in c.parts], c.text, _grades_listed(c.parts), _domestic_foreign(c.parts))
        for c in report.claims()
        if isinstance(c, CountBreakdownClaim) and c.unit in COUNT_UNITS
    ]


def _domestic_foreign(parts: list[CountClaim]) -> bool:
    """Whether count parts are the two halves of a whole: one names 国内 only, the other 外事 (外宾, 境外) only."""
    if len(parts) != 2:
        return False
    domestic = [bool(DOMESTIC_RE.search(p.context)) for p in parts]
    foreign = [bool(FOREIGN_RE.search(p.context)) for p in parts]
    return domestic == [True, False] and foreign == [False, True] or domestic == [False, True] and foreign == [True, False]


DOMESTIC_RE = lazy(r"国内")
FOREIGN_RE = lazy(r"外事|外宾|境外|国外|涉外")


def _grades_listed(parts: list[CountClaim]) -> bool:
    """Whether count parts list a grading scale: each names one grade, three grades or more."""
    return all(p.grade for p in parts) and len({p.grade for p in parts}) >= 3


# ---------------------------------------------------------------- table lookups shared by rules


STAFF_PUBLIC_COLUMNS = STAFF_PUBLIC
"""Table 06 printed in columns (the parser's header reading, :attr:`Heading.staff_public`)."""


def staff_public_06(report_table: Table | None, labelled: Callable[[str], Row | None]) -> tuple[Number | None, Number | None]:
    """Table 06's 人员经费 and 公用经费 totals: its 人员经费合计 and 公用经费合计 rows (the
    template's side-by-side layout), else the 人员经费 and 公用经费 columns of its 合计 row
    when it prints 合计 | 人员经费 | 公用经费 columns (``labelled`` finds a row by label)."""
    staff, public = first_value(labelled("人员经费合计")), first_value(labelled("公用经费合计"))
    if staff is not None or public is not None or report_table is None or report_table.columns != STAFF_PUBLIC_COLUMNS:
        return staff, public
    total = labelled("合计")
    if total is None or total.code is not None:
        return None, None
    return total.value_at(2), total.value_at(3)


def first_value(row: Row | None) -> Number | None:
    """A row's figure in value column 1 (the 合计/金额 column), if known."""
    if row is None:
        return None
    number = row.value_at(1)
    if number is None and len(row.cells) == 1:
        number = row.cells[0].number
    return number


def rounding(number: Number) -> Decimal:
    """The rounding a printed figure carries: none for a plain zero ("0 万元" means nothing)."""
    return Decimal(0) if number.value == 0 else number.ulp


def differs(a: Number, b: Number, slack: Decimal = Decimal(0)) -> bool:
    """True when two printed figures of one quantity differ by more than their rounding (a plain
    zero carries none; :func:`fiscallint.denominators.fen_slack` reads amounts at 0.01 instead)."""
    return abs(a.value - b.value) > rounding(a) + rounding(b) + slack + Decimal("1e-9")


def class_rows(table: Table | None) -> list[Row]:
    """The 类 rows (3-digit functional codes) of a code-keyed table."""
    return [r for r in table.rows if r.level == 1] if table is not None else []


def three_column_total(table: Table | None) -> Row | None:
    """The 合计 row of a 小计 | 基本支出 | 项目支出 table (05), when its three columns are known."""
    if table is None:
        return None
    total = next((r for r in table.rows if r.code is None and r.label.replace(" ", "") in ("合计", "总计")), None)
    if total is None or len(total.cells) != 3 or any(c.column not in (None, i + 1) for i, c in enumerate(total.cells)):
        return None
    a, b, c = (cell.number for cell in total.cells)
    if abs(a.value - b.value - c.value) > Decimal("0.021"):
        return None
    # Three figures where the first is the sum of the others: 小计, 基本支出, 项目支出.
    return Row(total.label, total.code, total.line_no, [Cell(n, i + 1) for i, n in enumerate((a, b, c))], total.span, True)
