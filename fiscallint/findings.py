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


@dataclass(frozen=True)
class Fix:
    """A safe replacement of the text at ``span`` (stated figure → computed figure)."""

    span: Span
    replacement: str


@dataclass
class Finding:
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
