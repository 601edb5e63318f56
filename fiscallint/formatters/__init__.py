"""Output formats behind one registry: each format turns findings into text.

A format is a function ``(findings, context) -> str``; ``context`` carries what some formats
need besides findings (the rules, the source lines for ``--show-source``, the linted files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Callable

from ..findings import Finding
from ..patterns import lazy

if TYPE_CHECKING:
    from ..ast import Report
    from ..rule import Rule

RULE_DOCS = "https://github.com/fiscallint/fiscallint/blob/main/docs/rules.md"


def rule_url(code: str) -> str:
    """Where a rule's documentation lives (one anchor per rule in docs/rules.md)."""
    return f"{RULE_DOCS}#{code.lower()}"


@dataclass
class OutputContext:
    """What formats need besides the findings."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    show_source: bool = False
    reports: dict[str, Report] = field(default_factory=dict)
    """Parsed documents by path, for formats that show the document itself (html)."""


Formatter = Callable[[list[Finding], OutputContext], str]

# name -> "module:function", imported on use so that each format costs nothing until chosen
FORMATS: dict[str, str] = {
    "text": "text:format_text",
    "json": "json_format:format_json",
    "sarif": "sarif:format_sarif",
    "github": "github:format_github",
    "junit": "junit:format_junit",
    "html": "html:format_html",
}


def formatter(name: str) -> Formatter:
    module, function = FORMATS[name].split(":")
    return getattr(import_module(f"{__name__}.{module}"), function)


def render(name: str, findings: list[Finding], context: OutputContext | None = None) -> str:
    return formatter(name)(findings, context or OutputContext())


CONTROL_RE = lazy("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
SURROGATE_RE = lazy("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line, safe for a terminal and for XML: control characters, line breaks,
    lone surrogates (undecodable bytes of a file name) and XML's non-characters written as
    ``\\xNN`` / ``\\uNNNN``. Tabs are kept."""
    return CONTROL_RE.sub(_escape, text)


def json_text(data: object) -> str:
    """JSON with CJK kept readable; lone surrogates (from undecodable file names) written as
    ``\\udcNN`` escapes, so the output is valid UTF-8 and decodes back to the same string."""
    import json  # only the formats that write JSON get here

    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return SURROGATE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def location(finding: Finding) -> str:
    """``path:line:col`` for text files, ``path:page N:line:col`` for PDFs."""
    page = f"page {finding.page}:" if finding.page is not None else ""
    return f"{printable(finding.path)}:{page}{finding.span.line}:{finding.span.column}"
