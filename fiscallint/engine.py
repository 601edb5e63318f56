"""The engine: read an input, parse it once, walk it once, run the selected rules, collect findings."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .ast import Report
from .errors import Cancelled, InputError
from .findings import Finding, Severity
from .model import Model
from .parser import parse_source
from .rule import Context, Read, Rule
from .regular_files import is_pdf, start_pdf
from .source import SourceText, read_text_source

if TYPE_CHECKING:
    from .pdf import PdfReading


@dataclass
class LintResult:
    """The outcome for one input: its report and findings, or the error that stopped it."""

    path: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None


def read_source(
    path: str, pdf_engine: str = "pdfium", pdf_seconds: float = 60.0, reading: PdfReading | None = None
) -> SourceText:
    """Read a text or PDF input into decoded text (a PDF through its canonical text, read by
    ``pdf_engine`` — "pdfium" or "pdfminer" — within ``pdf_seconds`` of wall time, or taken
    from ``reading`` when it was started before); only regular files are read."""
    if is_pdf(path):
        extracted = (reading or start_pdf(path, pdf_engine, pdf_seconds)).result()
        return SourceText(path, extracted.text, "pdf", "pdf", extracted.pages)
    return read_text_source(path)


def gather(report: Report, rules: list[type[Rule]]) -> list[list[list[object]]]:
    """Walk the report once — paragraphs and their claims, tables, performance tables — and
    hand each node to the reads that accept it: ``gathered[i][j]`` are the nodes, in document
    order, of read ``j`` of ``rules[i]`` (empty for a :class:`~fiscallint.rule.WholeReport`)."""
    gathered = [[[] for _ in cls.reads] for cls in rules]
    readers: dict[str, list[tuple[Read, list[object]]]] = {}
    for cls, nodes in zip(rules, gathered):
        for read, bucket in zip(cls.reads, nodes):
            readers.setdefault(read.hook, []).append((read, bucket))
    paragraph_readers, claim_readers = readers.get("check_paragraphs", []), readers.get("check_claims", [])
    for paragraph in report.paragraphs:
        for read, bucket in paragraph_readers:
            if read.accepts(paragraph):
                bucket.append(paragraph)
        for claim in paragraph.claims:
            for read, bucket in claim_readers:
                if read.accepts(claim):
                    bucket.append(claim)
    for hook, nodes in (("check_tables", report.tables), ("check_performance_tables", report.performance)):
        for read, bucket in readers.get(hook, []):
            bucket.extend(node for node in nodes if read.accepts(node))
    return gathered


def run_rule(rule: Rule, gathered: list[list[object]]) -> list[Finding]:
    """Call each hook of a rule with its nodes (a hook whose read matched nothing is not called)."""
    produced: list[Finding] = []
    for read, nodes in zip(type(rule).reads, gathered):
        hook = getattr(rule, read.hook)
        if read.hook == "check":
            produced.extend(hook())
        elif nodes:
            produced.extend(hook(nodes))
    return produced


def lint_report(
    report: Report, rules: list[type[Rule]], settings: dict[str, object] | None = None, stop: Callable[[], bool] | None = None
) -> list[Finding]:
    """Run rules over a parsed report: walk it once (:func:`gather`), then give each rule the
    nodes it reads. A rule that raises yields one FL000 finding instead of its findings.
    ``stop`` is asked before each rule; when it says yes, :class:`Cancelled` is raised."""
    context = Context(report, Model(report), settings or {})
    findings: list[Finding] = []
    for cls, nodes in zip(rules, gather(report, rules)):
        if stop is not None and stop():
            raise Cancelled
        try:
            produced = run_rule(cls(context), nodes)
        except Exception as exc:  # isolation: one broken rule never hides the others
            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(Finding(
                "FL000",
                Severity.ERROR,
                f"规则 {cls.code} 内部错误 (internal error in rule {cls.code}): {type(exc).__name__}: {exc} "
                f"at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}",
                report.root.span,
            ))
            continue
        findings.extend(produced)
    for finding in findings:
        if finding.span.line in report.rebuilt_lines:
            finding.fix = None  # its column is approximate: nothing is rewritten there
        finding.path = report.path
        finding.page = finding.page or report.page_of(finding.span.line, finding.span.column)
        finding.related_pages = [report.page_of(r.span.line, r.span.column) for r in finding.related]
    findings.sort(key=Finding.sort_key)
    return findings


def lint_source(source: SourceText, rules: list[type[Rule]], settings: dict[str, object] | None = None) -> LintResult:
    report = parse_source(source)
    return LintResult(source.path, report, lint_report(report, rules, settings))


def lint_path(path: str, rules: list[type[Rule]], settings: dict[str, object] | None = None) -> LintResult:
    """Lint one file; input problems become ``error`` (never an exception)."""
    try:
        source = read_source(path)
    except InputError as exc:
        return LintResult(path, error=str(exc))
    return lint_source(source, rules, settings)
