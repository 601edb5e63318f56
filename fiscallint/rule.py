"""The rule interface: a rule is a small class with a code, a name, a severity, docs and a check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Iterator

from .ast import Report, Span
from .findings import Finding, Fix, Related, Severity
from .model import Model


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


class Rule:
    """Base class of every rule.

    Subclasses set ``code`` (e.g. "FL101"), ``name`` (kebab-case), ``severity`` and ``summary``,
    write their documentation as the class docstring with the sections 说明, 反例 and 正例
    (the 反例 must fire, the 正例 must not: the test suite lints both), and implement ``check``.
    ``options`` lists what the configuration may set for the rule; a rule comparing figures
    declares :data:`TOLERANCE` and skips a difference :meth:`tolerated` allows.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()

    def __init__(self, context: Context) -> None:
        self.context = context

    def check(self) -> Iterator[Finding]:
        raise NotImplementedError

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


SECTION_RE = re.compile(r"^\s*(说明|反例|正例|修复)\s*[:：]?\s*$", re.M)


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
