"""The default format: ``path:line:col: CODE message``, optionally with the source, carets and
the finding's fix (what it does, and whether ``--fix``, ``--unsafe-fixes`` or nothing applies it)."""

from __future__ import annotations

import unicodedata

from ..findings import Applicability, Finding
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


FIX_KINDS = {
    Applicability.SAFE: "修复 (safe fix, --fix)",
    Applicability.UNSAFE: "修复 (unsafe fix, --unsafe-fixes)",
    Applicability.DISPLAY_ONLY: "建议 (display-only, never applied)",
}


def fix_line(finding: Finding) -> str:
    """Under the snippet: what the finding's fix does and how far it may be trusted."""
    if finding.fix is None:
        return ""
    gutter = " " * len(str(finding.span.line))
    return f"{gutter} = {FIX_KINDS[finding.fix.applicability]}: {printable(finding.fix.label())}\n"


def format_text(findings: list[Finding], context: OutputContext) -> str:
    out = []
    for finding in findings:
        out.append(f"{location(finding)}: {finding.code} {printable(finding.message)}\n")
        if context.show_source:
            out.append(snippet(finding, context.lines.get(finding.path, [])) + fix_line(finding))
    return "".join(out)
