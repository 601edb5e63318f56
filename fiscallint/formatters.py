"""Output formats: one function per format, each turning findings into text."""

from __future__ import annotations

import json
from typing import Callable

from .findings import Finding


def location(finding: Finding) -> str:
    """``path:line:col`` for text files, ``path:page N:line:col`` for PDFs."""
    page = f"page {finding.page}:" if finding.page is not None else ""
    return f"{finding.path}:{page}{finding.span.line}:{finding.span.column}"


def format_text(findings: list[Finding]) -> str:
    return "".join(f"{location(f)}: {f.code} {f.message}\n" for f in findings)


def as_dict(finding: Finding) -> dict[str, object]:
    span = finding.span
    fix = None
    if finding.fix is not None:
        fs = finding.fix.span
        fix = {
            "replacement": finding.fix.replacement,
            "line": fs.line,
            "column": fs.column,
            "end_line": fs.end_line,
            "end_column": fs.end_column,
        }
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
            for r, page in zip(finding.related, finding.related_pages or [None] * len(finding.related))
        ],
        "fix": fix,
    }


def format_json(findings: list[Finding]) -> str:
    return json.dumps([as_dict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[list[Finding]], str]] = {
    "text": format_text,
    "json": format_json,
}
