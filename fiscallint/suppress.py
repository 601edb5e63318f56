"""Inline suppression comments.

Two spellings, so that a directive can live in markdown and in plain-text reports::

    <!-- fiscallint: ignore FL203 -->        markdown (invisible when rendered)
    # fiscallint: ignore FL203 FL2           plain text (.txt)

A directive at the end of a line applies to that line; a directive alone on its line applies
to the next non-blank line. Without codes it silences every rule; a code may be a prefix.
Directives are blanked (replaced by spaces) before parsing, so they never disturb a table or
a paragraph, and every column stays where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ast import Directive, Span
from .findings import Finding
from .patterns import lazy

DIRECTIVE_RE = lazy(
    r"<!--\s*fiscallint\s*:\s*ignore\b(?P<html>[^>]*?)-->"
    r"|[#＃]\s*fiscallint\s*:\s*ignore\b(?P<plain>[A-Za-z0-9 ,，]*)"
)
CODE_RE = lazy(r"[A-Za-z]+\d*")


@dataclass
class Suppressions:
    """Which codes are silenced on which lines (an empty tuple silences all), and the
    directives that say so."""

    by_line: dict[int, list[tuple[str, ...]]] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)

    def suppresses(self, finding: Finding) -> bool:
        for line in range(finding.span.line, finding.span.end_line + 1):
            for codes in self.by_line.get(line, []):
                if not codes or any(finding.code.startswith(c) for c in codes):
                    return True
        return False

    def filter(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if not self.suppresses(f)]


def scan(text: str) -> tuple[str, Suppressions]:
    """Find the directives of a text; return the text with them blanked, and the suppressions."""
    if "fiscallint" not in text:  # no directive: nothing to blank (most reports)
        return text, Suppressions()
    lines = text.split("\n")
    suppressions = Suppressions()
    pending: list[tuple[str, ...]] = []
    for index, line in enumerate(lines):
        matches = list(DIRECTIVE_RE.finditer(line))
        if not matches:
            if pending and line.strip():
                suppressions.by_line.setdefault(index + 1, []).extend(pending)
                pending = []
            continue
        blanked = line
        found: list[tuple[str, ...]] = []
        for match in matches:
            words = match.group("html") if match.group("html") is not None else match.group("plain")
            codes = tuple(c.upper() for c in CODE_RE.findall(words or ""))
            found.append(codes)
            suppressions.directives.append(Directive(Span(index + 1, match.start() + 1, index + 1, match.end() + 1), codes))
            blanked = blanked[: match.start()] + " " * (match.end() - match.start()) + blanked[match.end():]
        lines[index] = blanked
        if blanked.strip():
            suppressions.by_line.setdefault(index + 1, []).extend(found)
        else:
            pending.extend(found)
    return "\n".join(lines), suppressions
