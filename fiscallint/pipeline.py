"""One lint of one document, shared by every door (command line, pre-commit, language server).

It reads the configuration that governs the file, blanks inline directives, parses once,
runs the engine with the selected rules and settings, then applies severity overrides and
inline suppressions. Everything returned is picklable, so ``-j`` can run it in processes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .ast import Report, Span
from .baseline import fingerprints
from .config import Config, selected_codes
from .engine import lint_report, read_source
from .errors import Cancelled, InputError
from .findings import Finding, Severity
from .overrides import Overrides
from .parser import parse_source
from .registry import all_rules
from .source import SourceText, check_bounds, detect_shape, line_feeds, read_stdin_source
from .suppress import parse_blanked, scan

if TYPE_CHECKING:
    from .pdf import PdfReading


@dataclass
class FileResult:
    """The outcome for one file; ``fingerprints`` runs parallel to ``findings``."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    fingerprints: list[str] = field(default_factory=list)
    error: str | None = None
    encoding: str = ""
    shape: str = ""
    lines: list[str] = field(default_factory=list)
    coverage: str = ""
    """The ``--show-coverage`` summary, made only when asked (it reads every sentence again)."""
    report: Report | None = None
    """The parsed report, kept only when an output needs the document (``--format html``)."""
    digest: str = ""


def rules_for(path: str, config: Config, overrides: Overrides) -> list:
    known = all_rules()
    codes = selected_codes(list(known), [config.selection, overrides.selection], config.ignored_for(path))
    return [known[c] for c in codes]


def settings_for(config: Config, overrides: Overrides) -> dict[str, object]:
    year = overrides.year or config.year
    settings: dict[str, object] = {"tolerance": dict(config.tolerance)}
    if year is not None:
        settings["year"] = year
    if overrides.facts_db:
        settings["facts_db"] = overrides.facts_db
    return settings


def lint_text_source(
    source: SourceText, config: Config, overrides: Overrides, stop: Callable[[], bool] | None = None
) -> tuple[Report, list[Finding]]:
    """Lint decoded text under a configuration; returns the report and the kept findings.
    ``stop`` is asked before parsing, inside it (every few hundred lines, between paragraphs
    and tables) and between the rules (cooperative cancellation: raises :class:`Cancelled`
    once it says yes)."""
    if stop is not None and stop():
        raise Cancelled
    try:
        report, suppressions = parse_blanked(source, stop)
    except Cancelled:
        raise
    except Exception as exc:  # a parser bug: keep going with what can be said about the file
        report = parse_source(SourceText(source.path, "", source.encoding, source.shape))
        report.lines = scan(line_feeds(source.text))[0].split("\n")
        return report, [Finding(
            "FL000", Severity.ERROR, f"解析失败 (parser error): {type(exc).__name__}: {exc}",
            Span(1, 1, 1, 1), path=source.path,
        )]
    year = overrides.year or config.year
    if year is not None:
        report.year = year
    findings = lint_report(report, rules_for(source.path, config, overrides), settings_for(config, overrides), stop)
    for finding in findings:
        level = _override(config.severity, finding.code)
        if level is not None:
            finding.severity = Severity(level)
    return report, suppressions.filter(findings)


def _override(levels: dict[str, str], code: str) -> str | None:
    """The severity set for the longest matching code or prefix."""
    matches = [p for p in levels if code.startswith(p)]
    return levels[max(matches, key=len)] if matches else None


def lint_file(
    path: str, config: Config, overrides: Overrides, keep_lines: bool = False, keep_report: bool = False, keep_coverage: bool = False,
    reading: PdfReading | None = None,
) -> FileResult:
    """Lint one file on disk; input problems become ``error``, never an exception. A PDF whose
    reading was started before (``reading``, see :func:`fiscallint.regular_files.start_pdf`) is taken from it."""
    try:
        source = read_source(path, overrides.pdf_engine, overrides.pdf_seconds, reading)
    except InputError as exc:
        return FileResult(path, error=str(exc))
    except Exception as exc:  # a reader bug must not stop the other files
        return FileResult(path, error=f"internal error while reading: {type(exc).__name__}: {exc}")
    return _result(source, config, overrides, keep_lines, keep_report, keep_coverage)


def lint_stdin(name: str, config: Config, overrides: Overrides, keep_lines: bool = False, keep_report: bool = False, keep_coverage: bool = False) -> FileResult:
    """Lint a text report read from standard input as if it were the file ``name``."""
    try:
        source = read_stdin_source(name, sys.stdin.buffer)
    except InputError as exc:
        return FileResult(name, error=str(exc))
    return _result(source, config, overrides, keep_lines, keep_report, keep_coverage)


def _result(source: SourceText, config: Config, overrides: Overrides, keep_lines: bool, keep_report: bool, keep_coverage: bool) -> FileResult:
    path = source.path
    report, findings = lint_text_source(source, config, overrides)
    return FileResult(
        path,
        findings,
        fingerprints(findings, report),
        encoding=source.encoding,
        shape=source.shape,
        lines=report.lines if keep_lines else [],
        coverage=_coverage(report) if keep_coverage else "",
        report=report if keep_report else None,
        digest=source.digest,
    )


def _coverage(report: Report) -> str:
    from .coverage import coverage_line  # only for --show-coverage

    return coverage_line(report)


def lint_buffer(
    path: str, text: str, config: Config, overrides: Overrides = Overrides(), stop: Callable[[], bool] | None = None
) -> tuple[Report, list[Finding]]:
    """Lint an editor buffer (not yet saved) as if it were the file at ``path``; a buffer over
    the text bounds raises InputError, a cancelled lint :class:`Cancelled`."""
    check_bounds(text)
    return lint_text_source(SourceText(path, text, "utf-8", detect_shape(path, text)), config, overrides, stop)
