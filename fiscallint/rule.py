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
        """Extra tolerance (in the checked unit) configured for a rule; 0 by default."""
        value = self.settings.get("tolerance", {})
        if isinstance(value, dict):
            return Decimal(str(value.get(code, 0)))
        return Decimal(0)


class Rule:
    """Base class of every rule.

    Subclasses set ``code`` (e.g. "FL101"), ``name`` (kebab-case), ``severity`` and ``summary``,
    write their documentation as the class docstring with the sections 说明, 反例 and 正例
    (the 反例 must fire, the 正例 must not: the test suite lints both), and implement ``check``.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]

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
