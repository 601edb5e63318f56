"""Inline suppression comments.

Two spellings, so that a directive can live in markdown and in plain-text reports::

    <!-- fiscallint: ignore FL203 -->        markdown (invisible when rendered)
    # fiscallint: ignore FL203 FL2           plain text (.txt): to the line's end (or a table's |)

A directive at the end of a line applies to that line; a directive alone on its line applies
to the next non-blank line. Without codes it silences every rule; a code may be a prefix. Codes
are separated by spaces, commas or 、; a reason may follow ``--``. A word that is not shaped like
a code (FL-101) silences nothing (FL002 reports it, and codes no rule has). Directives are
blanked (replaced by spaces) before parsing, so they never disturb a table or a paragraph, and
every column stays where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .ast import Directive, DirectiveWord, Report, Span
from .config import CODE_RE
from .findings import Finding
from .parser import parse_source
from .patterns import lazy
from .source import SourceText, line_feeds

DIRECTIVE_RE = lazy(
    r"<!--\s*fiscallint\s*:\s*ignore\b(?P<html>[^>]*?)-->"
    r"|[#＃]\s*fiscallint\s*:\s*ignore\b(?P<plain>[^\n|]*)"
)
WORD_RE = lazy(r"[^\s,，、;；]+")
REASON_RE = lazy(r"(?:^|\s)--")
"""Where a free-text reason begins: the words after it are not codes."""


@dataclass
class Suppressions:
    """The directives of a text, by the line each applies to."""

    by_line: dict[int, list[Directive]] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)

    def suppresses(self, finding: Finding) -> bool:
        for line in range(finding.span.line, finding.span.end_line + 1):
            for directive in self.by_line.get(line, []):
                if not directive.words or any(finding.code.startswith(c) for c in directive.codes):
                    return True
        return False

    def filter(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if not self.suppresses(f)]


def parse_blanked(source: SourceText, stop: Callable[[], bool] | None = None) -> tuple[Report, Suppressions]:
    """Parse a source as linting does: lone CRs read as line breaks, the directives blanked
    first and kept on the report (:attr:`Report.directives`); and the suppressions."""
    text, suppressions = scan(line_feeds(source.text))
    report = parse_source(SourceText(source.path, text, source.encoding, source.shape, source.pages), stop)
    report.directives = suppressions.directives
    return report, suppressions


def scan(text: str) -> tuple[str, Suppressions]:
    """Find the directives of a text; return the text with them blanked, and the suppressions."""
    if "fiscallint" not in text:  # no directive: nothing to blank (most reports)
        return text, Suppressions()
    lines = text.split("\n")
    suppressions = Suppressions()
    pending: list[Directive] = []
    for index, line in enumerate(lines):
        matches = list(DIRECTIVE_RE.finditer(line))
        if not matches:
            if pending and line.strip():
                suppressions.by_line.setdefault(index + 1, []).extend(pending)
                pending = []
            continue
        blanked = line
        found: list[Directive] = []
        for match in matches:
            group = "html" if match.group("html") is not None else "plain"
            span = Span(index + 1, match.start() + 1, index + 1, match.end() + 1)
            found.append(Directive(span, _words(match.group(group), index + 1, match.start(group))))
            blanked = blanked[: match.start()] + " " * (match.end() - match.start()) + blanked[match.end():]
        suppressions.directives.extend(found)
        lines[index] = blanked
        if blanked.strip():
            suppressions.by_line.setdefault(index + 1, []).extend(found)
        else:
            pending.extend(found)
    return "\n".join(lines), suppressions


def _words(listed: str, line: int, offset: int) -> tuple[DirectiveWord, ...]:
    """The words of a directive's list (up to a ``--`` reason); ``offset``: the list's column."""
    reason = REASON_RE.search(listed)
    listed = listed[: reason.start()] if reason else listed
    words = []
    for match in WORD_RE.finditer(listed):
        text = match.group()
        span = Span(line, offset + match.start() + 1, line, offset + match.end() + 1)
        words.append(DirectiveWord(text, span, text.upper() if CODE_RE.match(text.upper()) else ""))
    return tuple(words)
