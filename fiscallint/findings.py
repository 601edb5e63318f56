"""The diagnostic model shared by every output: findings, their severity, related places, fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .ast import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Related:
    """Another place a finding involves (e.g. the table row a narrative figure contradicts)."""

    span: Span
    note: str = ""


class Applicability(str, Enum):
    """How far a fix may be trusted (ruff's model).

    ``safe``: applied by ``--fix`` (a change that cannot alter what the report says);
    ``unsafe``: applied only with ``--unsafe-fixes`` — rewriting a published figure or year is
    unsafe, since the figures are known to disagree, not which one is wrong;
    ``display-only``: shown as a suggestion, never applied."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True)
class Fix:
    """A replacement of the text at ``span``, with a title saying what it does and how far it
    may be trusted (unsafe unless the rule says otherwise)."""

    span: Span
    replacement: str
    title: str = ""
    applicability: Applicability = Applicability.UNSAFE

    def label(self) -> str:
        """The title, or “改为 <replacement>” when the rule gave none."""
        return self.title or f"改为 {self.replacement}"

    def applies(self, unsafe: bool) -> bool:
        """Whether ``--fix`` applies it (``unsafe``: with ``--unsafe-fixes``)."""
        return self.applicability is Applicability.SAFE or (unsafe and self.applicability is Applicability.UNSAFE)


@dataclass
class Finding:
    """What a rule reports: code, severity, message (with the arithmetic) and where."""

    code: str
    severity: Severity
    message: str
    span: Span
    related: list[Related] = field(default_factory=list)
    fix: Fix | None = None
    path: str = ""
    page: int | None = None
    related_pages: list[int | None] = field(default_factory=list)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)
