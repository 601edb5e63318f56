"""The rule interface: a rule is a small class with a code, a name, a severity, docs, the nodes
of the report it reads (:class:`Read`) and a check hook for each."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Iterator

from .ast import Claim, Paragraph, PerformanceTable, Report, Span, Table
from .findings import Finding, Fix, Related, Severity
from .model import Model
from .patterns import lazy


@dataclass
class Context:
    """What a rule sees: the report, the semantic model built once per report, and settings."""

    report: Report
    model: Model
    settings: dict[str, object] = field(default_factory=dict)

    def tolerance(self, code: str) -> Decimal:
        """Extra tolerance (in the checked unit) configured for a rule, by its code or the longest
        configured prefix of it; 0 by default."""
        value = self.settings.get("tolerance", {})
        if not isinstance(value, dict):
            return Decimal(0)
        prefixes = [p for p in value if code.startswith(p)]
        return Decimal(str(value[max(prefixes, key=len)])) if prefixes else Decimal(0)


@dataclass(frozen=True)
class Option:
    """A configurable option of a rule: its name, the type of value it takes, and what it does."""

    name: str
    kind: str
    default: object
    help: str


TOLERANCE = Option(
    "tolerance",
    "non-negative number",
    0,
    "extra tolerance in the unit the rule checks (percentage points for rates, the table's unit for "
    "amounts, points for scores), added to the rounding the printed figures allow",
)


def _kinds(base: type[Claim]) -> Iterator[str]:
    for cls in base.__subclasses__():
        if cls.kind:
            yield cls.kind
        yield from _kinds(cls)


CLAIM_KINDS = tuple(_kinds(Claim))
"""The kinds of narrative claim the parser produces: one subclass of :class:`fiscallint.ast.Claim`
each (the words a sentence names, :class:`fiscallint.ast.WordClaim`, included)."""


class Read:
    """What a rule reads: one type of node the engine hands the rule, through the hook named
    ``hook``. The engine walks the report once and gives each rule, hook by hook, the nodes its
    reads accept, in document order (see :func:`fiscallint.engine.lint_report`)."""

    hook: ClassVar[str]

    def accepts(self, node: object) -> bool:
        """Whether the engine hands ``node`` (of this read's node type) to the rule."""
        return True

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True, init=False)
class Claims(Read):
    """The narrative claims of the given kinds (:data:`CLAIM_KINDS`), to ``check_claims``."""

    kinds: tuple[str, ...]
    hook: ClassVar[str] = "check_claims"

    def __init__(self, *kinds: str) -> None:
        unknown = [k for k in kinds if k not in CLAIM_KINDS]
        if not kinds or unknown:
            raise ValueError(f"Claims() takes claim kinds among {', '.join(CLAIM_KINDS)}; got {kinds!r}")
        object.__setattr__(self, "kinds", kinds)

    def accepts(self, node: object) -> bool:
        return isinstance(node, Claim) and node.kind in self.kinds

    def describe(self) -> str:
        return f"claims ({', '.join(self.kinds)})"


@dataclass(frozen=True)
class Paragraphs(Read):
    """Every narrative paragraph (its text and its claims), to ``check_paragraphs``: for a rule
    whose check needs a claim's neighbours in the paragraph, or the paragraph's text."""

    hook: ClassVar[str] = "check_paragraphs"

    def describe(self) -> str:
        return "paragraphs"


@dataclass(frozen=True, init=False)
class Tables(Read):
    """The tables of the given kinds ("01".."09" of the national template, :attr:`Table.kind`;
    none given: every table), to ``check_tables``. Only tables whose rows could be placed (those
    whose figures can be checked) unless ``unplaced``."""

    kinds: tuple[str, ...]
    unplaced: bool
    hook: ClassVar[str] = "check_tables"

    def __init__(self, *kinds: str, unplaced: bool = False) -> None:
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "unplaced", unplaced)

    def accepts(self, node: object) -> bool:
        return (
            isinstance(node, Table)
            and (self.unplaced or node.unplaced is None)
            and (not self.kinds or node.kind in self.kinds)
        )

    def describe(self) -> str:
        which = f"tables {', '.join(self.kinds)}" if self.kinds else "tables"
        return which + (" (unplaced ones too)" if self.unplaced else "")


@dataclass(frozen=True)
class PerformanceTables(Read):
    """Every performance table (绩效自评表, and a budget's 绩效目标表 with ``stage`` "target"), to
    ``check_performance_tables``."""

    hook: ClassVar[str] = "check_performance_tables"

    def describe(self) -> str:
        return "performance tables"


@dataclass(frozen=True)
class WholeReport(Read):
    """The report as a whole, to ``check()``: for a check that relates nodes across the report
    (two tables, the narrative against a table, a threshold over every paragraph, other
    reports). ``what`` says what it relates; a rule declaring no reads is a whole-report rule."""

    what: str = ""
    hook: ClassVar[str] = "check"

    def describe(self) -> str:
        return "the whole report" + (f": {self.what}" if self.what else "")


HOOKS = ("check_claims", "check_paragraphs", "check_tables", "check_performance_tables", "check")


class Rule:
    """Base class of every rule.

    Subclasses set ``code`` (e.g. "FL101"), ``name`` (kebab-case), ``severity`` and ``summary``,
    write their documentation as the class docstring with the sections 说明, 反例 and 正例
    (the 反例 must fire, the 正例 must not: the test suite lints both), declare in ``reads``
    the nodes they read and implement the hook of each read:

    =========================  ===================================  =====================
    read                       hook                                 nodes
    =========================  ===================================  =====================
    ``Claims("share", …)``     ``check_claims(claims)``             claims of those kinds
    ``Paragraphs()``           ``check_paragraphs(paragraphs)``     narrative paragraphs
    ``Tables("01", …)``        ``check_tables(tables)``             tables (of those kinds)
    ``PerformanceTables()``    ``check_performance_tables(tables)`` 绩效自评表
    ``WholeReport("…")``       ``check()``                          the report as a whole
    =========================  ===================================  =====================

    Each hook receives the nodes of one report in document order and yields findings; a hook
    whose read matched no node is not called. A rule that declares no ``reads`` (a pack written
    before reads existed) is a whole-report rule: its ``check()`` is called once.
    ``options`` lists what the configuration may set for the rule; a rule comparing figures
    declares :data:`TOLERANCE` and skips a difference :meth:`tolerated` allows.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    reads: ClassVar[tuple[Read, ...]] = (WholeReport(),)

    def __init__(self, context: Context) -> None:
        self.context = context

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Refuse a rule whose reads and hooks do not match (at import, so a pack with such a
        rule is reported as failing to load)."""
        super().__init_subclass__(**kwargs)
        reads = cls.reads
        if not isinstance(reads, tuple) or not reads or not all(isinstance(r, Read) for r in reads):
            raise TypeError(f"{cls.__name__}.reads must be a non-empty tuple of reads (Claims(…), Tables(…), …)")
        hooks = [r.hook for r in reads]
        if len(set(hooks)) != len(hooks):
            raise TypeError(f"{cls.__name__}.reads names one hook twice: give all kinds in one read")
        implemented = {h for h in HOOKS if getattr(cls, h) is not getattr(Rule, h)}
        missing, unread = set(hooks) - implemented, implemented - set(hooks)
        if missing or unread:
            problem = f"reads nodes for {', '.join(sorted(missing))}() but does not define it" if missing else (
                f"defines {', '.join(sorted(unread))}() but declares no read for it"
            )
            raise TypeError(f"{cls.__name__} {problem}")

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        """The hook of :class:`Claims`: the report's claims of the declared kinds."""
        raise NotImplementedError

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        """The hook of :class:`Paragraphs`: the report's narrative paragraphs."""
        raise NotImplementedError

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        """The hook of :class:`Tables`: the report's tables of the declared kinds."""
        raise NotImplementedError

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        """The hook of :class:`PerformanceTables`: the report's performance tables."""
        raise NotImplementedError

    def check(self) -> Iterator[Finding]:
        """The hook of :class:`WholeReport`: the report as a whole (``self.context``)."""
        raise NotImplementedError

    @classmethod
    def describe_reads(cls) -> str:
        """What the rule reads, as ``fiscallint explain`` and docs/rules.md show it."""
        return "; ".join(r.describe() for r in cls.reads)

    def finding(
        self,
        span: Span,
        message: str,
        *,
        severity: Severity | None = None,
        related: list[Related] | None = None,
        fix: Fix | None = None,
    ) -> Finding:
        return Finding(self.code, severity or self.severity, message, span, related or [], fix)

    @property
    def tolerance(self) -> Decimal:
        """The rule's configured extra tolerance (0 unless the configuration sets one)."""
        return self.context.tolerance(self.code)

    def tolerated(self, gap: Decimal, rounding: Decimal = Decimal(0)) -> bool:
        """Whether a difference is within its ``rounding`` plus the configured tolerance (never when
        no tolerance is configured: the rule's own rounding check decides then)."""
        allowed = self.tolerance
        return allowed > 0 and abs(gap) <= rounding + allowed

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its sections (说明, 反例, 正例…)."""
        return doc_sections(cls.__doc__ or "")


SECTION_RE = lazy(r"^\s*(说明|反例|正例|修复)\s*[:：]?\s*$", re.M)


def doc_sections(doc: str) -> dict[str, str]:
    parts = SECTION_RE.split(doc)
    sections = {"摘要": _dedent(parts[0])}
    for i in range(1, len(parts) - 1, 2):
        sections[parts[i]] = _dedent(parts[i + 1])
    return sections


def _dedent(text: str) -> str:
    lines = text.strip("\n").splitlines()
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(l[cut:] for l in lines).strip("\n")
