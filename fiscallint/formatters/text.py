"""The default format: ``path:line:col: CODE message``, optionally with the source and carets."""

from __future__ import annotations

import unicodedata

from ..findings import Finding
from . import OutputContext, location, printable


def width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def snippet(finding: Finding, lines: list[str]) -> str:
    """The finding's first line with carets under the span (to the line end if it spans more)."""
    number = finding.span.line
    if not 1 <= number <= len(lines):
        return ""
    line = printable(lines[number - 1].rstrip("\r\n").replace("\t", " "))
    start = max(finding.span.column - 1, 0)
    end = finding.span.end_column - 1 if finding.span.end_line == number else len(line)
    end = max(min(end, len(line)), start + 1)
    gutter = " " * len(str(number))
    carets = " " * width(line[:start]) + "^" * max(width(line[start:end]), 1)
    return f"{gutter} |\n{number} | {line}\n{gutter} | {carets}\n"


def format_text(findings: list[Finding], context: OutputContext) -> str:
    out = []
    for finding in findings:
        out.append(f"{location(finding)}: {finding.code} {printable(finding.message)}\n")
        if context.show_source:
            out.append(snippet(finding, context.lines.get(finding.path, [])))
    return "".join(out)
