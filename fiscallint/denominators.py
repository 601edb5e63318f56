"""What a narrative percentage is computed from, and whether it is right.

A share (占 Y%) is ``part / whole``: the whole is the figure its sentence names (本年支出合计,
政府采购支出总额… resolved against the standard tables, then against the narrative amounts),
or, when the sentence names none, the breakdown total in effect, the paragraph's lead amount or
the lead amounts of the paragraphs just before it ("inferred"). An execution is
``actual / budget`` (预决算差异率: ``(actual − budget) / budget``); a change rate is
``delta / (current ∓ delta)``.

:func:`percent_checks` evaluates every percentage claim of a report once; rules FL101–FL103 and
FL107 read its verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator
from weakref import WeakKeyDictionary

from .ast import AmountClaim, ChangeClaim, Claim, ExecutionClaim, Number, Report, ShareClaim, Table
from .facts import ThreePublic, differs, three_public_item, three_public_named, three_public_paragraphs
from .figures import TableFigure, in_wan
from .model import Model
from .numbers import HUNDRED, fen, fmt, is_truncation, percent_tolerance, to_wan
from .subjects import whole_key

UP_WORDS = ("增加", "增长", "上升", "提高", "上涨", "增幅", "涨幅")
DOWN_WORDS = ("减少", "下降", "降低", "减小", "降幅", "减幅")
"""The stems of the claims grammar's direction words (增长率为, 下降了, 降幅达 start with one)."""

LOOK_BACK = 8  # paragraphs searched backwards for the lead total of a list of shares


PercentClaim = ShareClaim | ExecutionClaim | ChangeClaim
"""The claims whose percentage :class:`Denominators` checks."""


@dataclass(frozen=True)
class Figure:
    """A candidate operand: its number and a short description of where it comes from."""

    number: Number
    label: str


@dataclass
class Check:
    """One evaluation of a stated percentage against one candidate computation."""

    claim: PercentClaim
    stated: Number
    computed: Decimal
    formula: str
    tolerance: Decimal
    whole: Figure | None = None
    named: bool = True

    @property
    def ok(self) -> bool:
        return abs(self.computed - self.stated.value) <= self.tolerance

    @property
    def truncated(self) -> bool:
        """Cut instead of rounded, and outside the tolerance (so the arithmetic rules stay quiet)."""
        return not self.ok and is_truncation(self.computed, self.stated)

    @property
    def rounds(self) -> bool:
        """The computed value rounds exactly to the stated one."""
        return fmt(self.computed, self.stated.decimals) == fmt(self.stated.value, self.stated.decimals)

    @property
    def cut(self) -> bool:
        """The stated value is the computed one cut, where rounding gives another figure."""
        return not self.rounds and is_truncation(self.computed, self.stated)

    def shown(self) -> str:
        return f"{self.formula} = {fmt(self.computed, max(2, self.stated.decimals))}%"


def fen_slack(a: Number, b: Number) -> Decimal:
    """How far two 万元 amounts of one quantity may differ: both roundings, each read at 0.01
    at least (unlike :func:`fiscallint.facts.differs`, a plain "0" carries 0.005 here)."""
    return fen(a).ulp + fen(b).ulp


def _add_distinct(groups: dict[str, list[AmountClaim]], seen: dict[str, set[Decimal]], claims: list[Claim]) -> None:
    """Add amount claims to ``groups`` by normalised subject, the first claim of each distinct
    value only (``seen`` holds each group's values; the lookups keep one claim per value)."""
    for claim in claims:
        if not isinstance(claim, AmountClaim):
            continue
        subject = whole_key(claim.context)
        value = claim.value.value
        if value not in seen.setdefault(subject, set()):
            seen[subject].add(value)
            groups.setdefault(subject, []).append(claim)


class Denominators:
    """Resolves the operands of a report's percentage claims."""

    def __init__(self, report: Report, model: Model) -> None:
        self.report = report
        self.model = model
        self.where = model.paragraph_of  # id(claim) → index of its paragraph in report.paragraphs
        self.by_subject: dict[str, list[AmountClaim]] = {}  # normalised subject → amount claims, in order
        self.paragraph_subjects: dict[int, dict[str, list[AmountClaim]]] = {}
        self.named: dict[tuple[int | None, str], list[AmountClaim]] = {}  # (paragraph, wanted) → amounts
        self.three_public: set[int] | None = None  # ids of the 三公 sections' paragraphs, read when first needed
        values: dict[str, set[Decimal]] = {}
        for paragraph in report.paragraphs:
            _add_distinct(self.by_subject, values, paragraph.claims)

    # --- shares -----------------------------------------------------------------------
    def named_wholes(self, claim: ShareClaim) -> list[Figure]:
        """Figures the share's whole phrase names: table totals first, then narrative amounts."""
        phrase = claim.whole_phrase
        if not phrase:
            return []
        found = [_table_whole(figure) for figure in self.model.whole_figures(phrase)]
        if not found and three_public_named(phrase) == "total":  # 占“三公”经费的 P%: the 三公 table's total
            placed = self.model.three_public_table
            total = placed[2].values.get(("budget" if self.model.is_budget else "actual", "total")) if placed else None
            if total is not None and placed is not None:
                found.append(Figure(to_wan(total, placed[0].unit or "万元"), f"“三公”经费表合计（{placed[0].title}）"))
        wanted = whole_key(phrase)
        if not wanted:
            return found
        for amount in self._amounts_named(claim, wanted):
            if amount.value.span != claim.part.span:
                found.append(Figure(to_wan(amount.value, amount.unit), f"“{amount.subject}”"))
        return found

    def inferred_wholes(self, claim: ShareClaim) -> list[Figure]:
        """When no whole is named: the breakdown total, the paragraph's lead amount and its figures
        of the sentences before the share not smaller than the part, the amounts of the paragraphs
        just before that could be the whole (their lead and last, and any other
        not smaller than the part; paragraphs that are themselves lists of shares aside), and the
        tables' expenditure totals."""
        found: list[Figure] = []
        if claim.whole is not None:
            found.append(Figure(claim.whole, "其中所属的总额"))
        if claim.lead is not None:
            found.append(Figure(claim.lead, "本段首个金额"))
        index = self.where.get(id(claim))
        if index is not None:
            part = claim.part.value
            # the paragraph's own figures before the part that could be its whole (本年支出 B 万元。…用于：A 万元，占 P%)
            for amount in self.report.paragraphs[index].claims:
                if amount.sentence >= claim.sentence:
                    break
                if isinstance(amount, AmountClaim) and not amount.inner and to_wan(amount.value, amount.unit).value >= part:
                    found.append(Figure(to_wan(amount.value, amount.unit), f"“{amount.subject}”"))
            leads = [p for p in self.report.paragraphs[max(0, index - LOOK_BACK):index] if not any(c.kind == "share" for c in p.claims)]
            for paragraph in reversed(leads):
                amounts = [c for c in paragraph.claims if isinstance(c, AmountClaim)]
                # Its lead and last amount, and any other that could be the whole: a total stated
                # among others (年初预算 A，支出决算 B; the shares below are of B).
                for amount in amounts[:1] + amounts[-1:] + [a for a in amounts[1:-1] if to_wan(a.value, a.unit).value >= part]:
                    found.append(Figure(to_wan(amount.value, amount.unit), f"“{amount.subject}”"))
        found.extend(_table_whole(figure) for figure in self.model.total_figures())
        return found

    def _amounts_named(self, claim: ShareClaim, wanted: str) -> list[AmountClaim]:
        """Amount claims whose subject is ``wanted`` (or, for a long name, ends with it): those of
        the claim's paragraph first, then those of the whole report; one claim per distinct value.
        Computed once per (paragraph, wanted): a line of many shares naming one whole costs one scan."""
        index = self.where.get(id(claim))
        key = (index, wanted)
        if key not in self.named:
            groups = [self._paragraph_subjects(index)] if index is not None else []
            groups.append(self.by_subject)
            seen: set[Decimal] = set()
            found: list[AmountClaim] = []
            for group in groups:
                for subject, claims in group.items():
                    if subject == wanted or (len(wanted) >= 4 and subject.endswith(wanted)):
                        for amount in claims:
                            value = amount.value.value
                            if value not in seen:
                                seen.add(value)
                                found.append(amount)
            self.named[key] = found
        return self.named[key]

    def _paragraph_subjects(self, index: int) -> dict[str, list[AmountClaim]]:
        """A paragraph's amount claims by normalised subject (built once per paragraph)."""
        if index not in self.paragraph_subjects:
            group: dict[str, list[AmountClaim]] = {}
            _add_distinct(group, {}, self.report.paragraphs[index].claims)
            self.paragraph_subjects[index] = group
        return self.paragraph_subjects[index]

    def share_checks(self, claim: ShareClaim) -> list[Check]:
        part, stated = claim.part, claim.percent
        named = self.named_wholes(claim)
        figures, is_named = (named, True) if named else (self.inferred_wholes(claim), False)
        if claim.whole_phrase and not named:
            return []  # a named whole we cannot find: not checkable
        checks = []
        seen: set[Decimal] = set()
        for figure in figures:
            whole = figure.number
            if whole.value <= 0 or whole.value in seen:
                continue
            if not is_named and whole.value < part.value and stated.value <= HUNDRED:
                continue  # an inferred whole smaller than the part is not its whole

            seen.add(whole.value)
            checks.append(_share_check(claim, figure, is_named))
        if checks and not is_named and claim.whole is None and not any(c.ok for c in checks):
            # No whole found near the share fits: a whole stated before it in the report that fits
            # may be the one (the text around the share lost in extraction), so nothing is proven.
            # A share of a breakdown (总计 W，其中：A，占 P%) has its whole in its own sentence.
            fitting = (
                check for amounts in self.by_subject.values() for amount in amounts
                if amount.value.value >= part.value and amount.value.value > 0 and amount.value.value not in seen
                and (amount.span.line, amount.span.column) < (claim.span.line, claim.span.column)
                and (check := _share_check(claim, Figure(amount.value, f"“{amount.subject}”"), False)).ok
            )
            elsewhere = next(fitting, None)
            if elsewhere is not None:
                checks.append(elsewhere)
        return checks

    # --- executions and changes -----------------------------------------------------------
    def execution_check(self, claim: ExecutionClaim) -> Check | None:
        budget, actual, stated = claim.budget, claim.actual, claim.percent
        if budget is None and actual is not None:
            budget, actual = self._three_public_budget(claim, actual)
        if budget is None or actual is None or budget.value <= 0:
            return None
        b, a = budget.value, actual.value
        if "差异率" in claim.phrase:
            computed = (a - b) / b * HUNDRED
            formula = f"({actual.text} − {budget.text}) / {budget.text}"
            if stated.value >= 0 > computed and stated.value != 0:
                computed = -computed  # the sign is often left out; only the size is checked
        else:
            computed = a / b * HUNDRED
            formula = f"{actual.text} / {budget.text}"
        tol = percent_tolerance(stated, [(fen(actual), HUNDRED / b), (fen(budget), a * HUNDRED / (b * b))])
        return Check(claim, stated, computed, formula, tol)

    def _three_public_budget(self, claim: ExecutionClaim, actual: Number) -> tuple[Number | None, Number | None]:
        """A 三公 item's rate that states no budget (公务接待费支出决算为 A 万元，完成预算的 P%):
        its budget is the 三公 table's 预算数 of that item, when the sentence's 决算 figure is the
        table's (in 万元, or in 元) and the rate names no other budget (年初, unless the narrative
        gives the 三公 total's 年初预算 as the table's 预算数). Returns (budget, actual) in 万元, or
        (None, None)."""
        located = self.model.three_public_table
        slot = three_public_item(claim.subject)
        if located is None or slot is None or not self._in_three_public(claim):
            return None, None
        table, _, figures = located
        if claim.stage == "initial" and not self._initial_is_the_tables(table, figures):
            return None, None
        budget, shown = figures.values.get(("budget", slot)), figures.values.get(("actual", slot))
        if budget is None or shown is None:
            return None, None
        shown = in_wan(shown, table)
        for stated in (actual, Number(actual.value / 10000, actual.decimals + 4, actual.span, f"{actual.text}元")):
            if not differs(stated, shown, fen_slack(stated, shown)):
                return in_wan(budget, table), stated
        return None, None

    def _initial_is_the_tables(self, table: Table, figures: ThreePublic) -> bool:
        """Whether the narrative states the 三公 total's 年初预算 and it is the table's 预算数 合计:
        the table's 预算数 are then the 年初 budgets."""
        total = figures.values.get(("budget", "total"))
        if total is None:
            return False
        shown = in_wan(total, table)
        said = [c for p in three_public_paragraphs(self.report) for c in p.claims if isinstance(c, AmountClaim)
                and c.stage == "initial" and not c.prior and three_public_item(c.context) == "total"]
        return len(said) == 1 and not differs(to_wan(said[0].value, said[0].unit), shown, fen_slack(said[0].value, shown))

    def _in_three_public(self, claim: Claim) -> bool:
        if self.three_public is None:
            self.three_public = {id(p) for p in three_public_paragraphs(self.report)}
        at = self.where.get(id(claim))
        return at is not None and id(self.report.paragraphs[at]) in self.three_public

    def change_check(self, claim: ChangeClaim) -> Check | None:
        """A change rate: ``delta / previous``, where the previous figure is stated (比上年 A
        万元增加 D 万元), or is ``current ∓ delta``; a rate between two stated figures (B，比 A
        增加 Y%) is ``(current − previous) / previous``, signed by its direction word."""
        delta, current, stated, previous = claim.delta, claim.current, claim.percent, claim.previous
        direction = change_direction(claim)
        if stated is None or direction is None:
            return None
        if previous is not None and delta is None and current is not None:
            p, c = previous.value, current.value
            if p <= fen(previous).ulp:
                return None
            computed = (c - p) / p * HUNDRED * direction
            tol = percent_tolerance(stated, [(fen(current), HUNDRED / p), (fen(previous), HUNDRED * c / (p * p))])
            return Check(claim, stated, computed, f"({current.text} − {previous.text}) / {previous.text}", tol)
        if delta is None or delta.value < 0:
            return None
        if stated.value < 0 and rate_direction(claim) == direction:  # 减少 7.00 万元，增长 -7.00%
            stated = Number(-stated.value, stated.decimals, stated.span, stated.text)
        d = delta.value
        if previous is not None:
            p = previous.value
            if p <= fen(previous).ulp:
                return None
            tol = percent_tolerance(stated, [(fen(delta), HUNDRED / p), (fen(previous), HUNDRED * d / (p * p))])
            return Check(claim, stated, d / p * HUNDRED, f"{delta.text} / {previous.text}", tol)
        if current is None:
            return None
        c = current.value
        prior = c - d if direction > 0 else c + d
        if prior <= fen_slack(delta, current):
            return None  # no base year figure: a rate is meaningless (often written 100%; FL112)
        computed = d / prior * HUNDRED
        sign = "−" if direction > 0 else "+"
        formula = f"{delta.text} / ({current.text} {sign} {delta.text})"
        tol = percent_tolerance(stated, [(fen(delta), HUNDRED * c / (prior * prior)), (fen(current), HUNDRED * d / (prior * prior))])
        return Check(claim, stated, computed, formula, tol)

    def checks(self, claim: Claim) -> list[Check]:
        """Every candidate evaluation of a claim's percentage (empty when it cannot be checked)."""
        if isinstance(claim, ShareClaim):
            return self.share_checks(claim)
        check = self.execution_check(claim) if isinstance(claim, ExecutionClaim) else self.change_check(claim) if isinstance(claim, ChangeClaim) else None
        return [check] if check is not None else []


def change_direction(claim: ChangeClaim) -> int | None:
    """+1 for an increase, −1 for a decrease, from the amount's word (else the rate's)."""
    return direction_of(claim.delta_word or claim.percent_word)


def rate_direction(claim: ChangeClaim) -> int | None:
    """The direction a change rate states: its word's, turned round by a minus sign (增长 −7% is
    a decrease, as some reports print every change)."""
    word = direction_of(claim.percent_word)
    if word is None or claim.percent is None:
        return word
    return -word if claim.percent.value < 0 else word


def direction_of(word: str) -> int | None:
    """+1 for an increase word, −1 for a decrease word, else None."""
    return 1 if word.startswith(UP_WORDS) else -1 if word.startswith(DOWN_WORDS) else None


def _table_whole(figure: TableFigure) -> Figure:
    """A table total as a share's candidate whole, in 万元."""
    return Figure(figure.wan, f"公开{figure.name}表“{figure.row.label}”")


VERDICTS: WeakKeyDictionary[Model, dict[int, list[Check]]] = WeakKeyDictionary()
"""The percentage checks of each report's model, computed once for the rules that read them."""


def all_verdicts(report: Report, model: Model) -> list[tuple[PercentClaim, list[Check]]]:
    """Every checkable percentage claim with its candidate checks."""
    resolver = Denominators(report, model)
    found = []
    for claim in report.claims():
        if isinstance(claim, (ShareClaim, ExecutionClaim, ChangeClaim)):
            checks = resolver.checks(claim)
            if checks:
                found.append((claim, checks))
    return found


def _share_check(claim: ShareClaim, figure: Figure, named: bool) -> Check:
    """The share's part over one candidate whole."""
    part, stated, whole = claim.part, claim.percent, figure.number
    computed = part.value / whole.value * HUNDRED
    tol = percent_tolerance(stated, [(fen(part), HUNDRED / whole.value), (fen(whole), computed / whole.value)])
    return Check(claim, stated, computed, f"{part.text} / {whole.text}", tol, figure, named)


def verdicts(model: Model, claims: Iterable[Claim]) -> Iterator[tuple[PercentClaim, list[Check]]]:
    """Each of ``claims`` with its candidate checks, skipping those that cannot be checked (the
    checks of every percentage claim are computed once per model)."""
    if model not in VERDICTS:
        VERDICTS[model] = {id(claim): checks for claim, checks in all_verdicts(model.report, model)}
    found = VERDICTS[model]
    for claim in claims:
        checks = found.get(id(claim))
        if checks:
            yield claim, checks
