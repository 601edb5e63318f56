"""From the diagnostic model to LSP types: spans to ranges (UTF-16), findings to diagnostics."""

from __future__ import annotations

from lsprotocol import types

from ..ast import Span
from ..findings import Finding
from ..formatters import rule_url

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def utf16(line: str, column: int) -> int:
    """The UTF-16 offset of a 1-based code-point column (LSP's default position encoding)."""
    prefix = line[: max(column - 1, 0)]
    return len(prefix.encode("utf-16-le")) // 2


def code_points(line: str, character: int) -> int:
    """The 1-based code-point column of a UTF-16 offset."""
    units = 0
    for index, char in enumerate(line):
        if units >= character:
            return index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line) + 1


def to_range(span: Span, lines: list[str]) -> types.Range:
    def position(line: int, column: int) -> types.Position:
        if not lines:
            return types.Position(0, 0)
        index = min(max(line, 1), len(lines)) - 1
        return types.Position(index, utf16(lines[index], column))

    return types.Range(position(span.line, span.column), position(span.end_line, span.end_column))


def contains(span: Span, line: int, column: int) -> bool:
    """Whether a 1-based (line, column) falls inside a span (end exclusive)."""
    return (span.line, span.column) <= (line, column) < (span.end_line, span.end_column)


def overlaps(span: Span, lines: list[str], wanted: types.Range) -> bool:
    got = to_range(span, lines)
    start = (got.start.line, got.start.character)
    end = (got.end.line, got.end.character)
    return start <= (wanted.end.line, wanted.end.character) and (wanted.start.line, wanted.start.character) <= end


def diagnostic(finding: Finding, uri: str, lines: list[str]) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(finding.span, lines),
        message=finding.message,
        severity=SEVERITY[finding.severity.value],
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(finding.code)),
        source="fiscallint",
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=to_range(r.span, lines)),
                message=r.note or finding.code,
            )
            for r in finding.related
        ] or None,
    )
