"""JSON: an array of findings, sorted by path, line, column, code."""

from __future__ import annotations

from ..findings import Finding
from . import OutputContext, json_text


def as_dict(finding: Finding) -> dict[str, object]:
    span = finding.span
    fix = None
    if finding.fix is not None:
        fs = finding.fix.span
        fix = {
            "replacement": finding.fix.replacement,
            "title": finding.fix.label(),
            "applicability": finding.fix.applicability.value,
            "line": fs.line,
            "column": fs.column,
            "end_line": fs.end_line,
            "end_column": fs.end_column,
        }
    pages = finding.related_pages or [None] * len(finding.related)
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "page": finding.page,
        "related": [
            {"path": finding.path, "line": r.span.line, "column": r.span.column, "page": page, "note": r.note}
            for r, page in zip(finding.related, pages)
        ],
        "fix": fix,
    }


def format_json(findings: list[Finding], context: OutputContext) -> str:
    return json_text([as_dict(f) for f in findings])
