"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding,
and one ``::error`` line per input that could not be linted (also printed on stderr)."""

from __future__ import annotations

from ..findings import Finding
from . import OutputContext, printable

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: list[Finding], context: OutputContext) -> str:
    out = []
    for f in findings:
        name = context.rules[f.code].name if f.code in context.rules else ""
        title = f"{f.code} ({name})" if name else f.code
        props = (
            f"file={_property(f.path)},line={f.span.line},col={f.span.column},"
            f"endLine={f.span.end_line},endColumn={f.span.end_column},title={_property(title)}"
        )
        page = f"[page {f.page}] " if f.page is not None else ""
        out.append(f"::{LEVELS[f.severity.value]} {props}::{_data(page + f.code + ' ' + f.message)}\n")
    for path, message in sorted(context.errors.items()):
        out.append(f"::error file={_property(path)},title=fiscallint (input error)::{_data(message)}\n")
    return "".join(out)
