"""How much of a report was parsed into tables and claims (for ``--show-coverage``)."""

from __future__ import annotations

from .ast import Report


def coverage(report: Report) -> dict[str, int]:
    """Counts of non-blank lines by what they became: table lines, paragraph lines, unparsed."""
    nonblank = {i + 1 for i, line in enumerate(report.lines) if line.strip()}
    in_tables = {n for t in report.tables for n in range(t.span.line, t.span.end_line + 1)} & nonblank
    in_paragraphs = {n for p in report.paragraphs for n in range(p.span.line, p.span.end_line + 1)} & nonblank
    unparsed = {n for u in report.unparsed for n in range(u.span.line, u.span.end_line + 1)} & nonblank
    headings = {s.span.line for s in report.sections() if s.level} & nonblank
    return {
        "lines": len(nonblank),
        "table_lines": len(in_tables),
        "paragraph_lines": len((in_paragraphs | headings) - in_tables),
        "unparsed_lines": len(unparsed),
        "tables": len(report.tables),
        "rows": sum(len(list(t.rows)) for t in report.tables),
        "claims": sum(1 for _ in report.claims()),
    }


def coverage_line(report: Report) -> str:
    c = coverage(report)
    covered = c["table_lines"] + c["paragraph_lines"]
    pct = 100 * covered / c["lines"] if c["lines"] else 100.0
    return (
        f"{report.path}: {pct:.1f}% of {c['lines']} lines parsed "
        f"({c['tables']} tables, {c['rows']} rows, {c['claims']} claims; {c['unparsed_lines']} lines unparsed)"
    )
