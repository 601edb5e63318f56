"""The view behind the HTML report: a parsed report's canonical lines grouped into blocks
(headings, paragraphs, tables rebuilt by cell, unparsed text), each finding placed on its span
or cell, and the summary a reviewer reads first (findings by severity and rule, coverage).

Everything here is plain data; escaping is the template's job (autoescape is on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ast import Report, Row, Span
from ..coverage import coverage
from ..findings import Finding
from ..patterns import lazy
from . import printable

SEVERITIES = ("error", "warning", "info")
STANDARD_TABLES = tuple(f"{n:02d}" for n in range(1, 10))
MAX_MARKED_LINES = 3
"""A span over more lines (a whole table, the whole document) is marked on its first line only."""
_SEPARATOR = lazy(r"^[\s|:\-—]*-[\s|:\-—]*$")
_NUMERIC = lazy(r"^[-−+]?[\d,]+(?:\.\d+)?%?$")


@dataclass
class Mark:
    """A finding's (``kind`` "f") or a related place's (``kind`` "r") range on one line."""

    start: int
    end: int
    kind: str
    ident: str
    severity: str = ""


@dataclass
class Piece:
    """A run of text, or a table cell, with the findings and related places on it."""

    text: str
    finds: list[str] = field(default_factory=list)
    rels: list[str] = field(default_factory=list)
    severity: str = ""
    anchor: str = ""
    numeric: bool = False
    colspan: int = 1


@dataclass
class RowView:
    cells: list[Piece]
    header: bool
    page: int | None = None
    """Set on the first row of a new page inside a table (a page marker row goes before it)."""


@dataclass
class Block:
    """``kind``: heading, para, text, unparsed, meta (a table's title, unit or note line),
    table or page (a page break of a PDF)."""

    kind: str
    lines: list[list[Piece]] = field(default_factory=list)
    rows: list[RowView] = field(default_factory=list)
    level: int = 0
    page: int | None = None
    note: str = ""


@dataclass
class RelatedView:
    ident: str
    note: str
    where: str


@dataclass
class FindingView:
    ident: str
    code: str
    name: str
    severity: str
    message: str
    where: str
    related: list[RelatedView]


@dataclass
class DocumentView:
    ident: str
    path: str
    findings: list[FindingView]
    blocks: list[Block]
    by_severity: list[tuple[str, int]]
    by_rule: list[tuple[str, str, int]]
    coverage: dict[str, int] = field(default_factory=dict)
    tables_found: list[str] = field(default_factory=list)
    tables_missing: list[str] = field(default_factory=list)
    unparsed: list[tuple[str, str]] = field(default_factory=list)
    """(where, reason) of each region the grammar could not place."""
    pages: int | None = None
    error: str | None = None


def where(span: Span, page: int | None) -> str:
    at = f"line {span.line}:{span.column}"
    return f"p. {page} · {at}" if page is not None else at


def document_view(ident: str, path: str, findings: list[Finding], report: Report | None, rules: dict, error: str | None = None) -> DocumentView:
    """The view of one document: its findings with ids, its blocks and its summary."""
    views = []
    marks: dict[int, list[Mark]] = {}
    lines = report.lines if report is not None else []
    for i, f in enumerate(findings):
        fid = f"{ident}f{i}"
        pages = f.related_pages or [None] * len(f.related)
        related = [
            RelatedView(f"{fid}r{k}", r.note, where(r.span, page))
            for k, (r, page) in enumerate(zip(f.related, pages))
        ]
        name = getattr(rules.get(f.code), "name", "")
        views.append(FindingView(fid, f.code, name, f.severity.value, f.message, where(f.span, f.page), related))
        _place(marks, lines, f.span, Mark(0, 0, "f", fid, f.severity.value))
        for rel, r in zip(related, f.related):
            _place(marks, lines, r.span, Mark(0, 0, "r", rel.ident))
    doc = DocumentView(
        ident, printable(path), views, [],
        by_severity=[(s, sum(1 for f in findings if f.severity.value == s)) for s in SEVERITIES],
        by_rule=_by_rule(findings, rules),
        error=error,
    )
    if report is not None:
        doc.blocks = _blocks(report, marks)
        doc.coverage = coverage(report)
        kinds = {t.kind for t in report.tables if t.kind}
        doc.tables_found = [k for k in STANDARD_TABLES if k in kinds]
        doc.tables_missing = [k for k in STANDARD_TABLES if k not in kinds]
        doc.unparsed = [(where(u.span, report.page_of(u.span.line)), u.reason) for u in report.unparsed]
        doc.pages = max(report.pages) if report.pages else None
    return doc


def _by_rule(findings: list[Finding], rules: dict) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return [(code, getattr(rules.get(code), "name", ""), n) for code, n in sorted(counts.items())]


def _place(marks: dict[int, list[Mark]], lines: list[str], span: Span, mark: Mark) -> None:
    """Put a mark on each line of ``span`` (its first line only for long spans); an empty range
    covers one character, and a span on a blank line moves to the next line with text."""
    last = span.end_line if span.end_line - span.line < MAX_MARKED_LINES else span.line
    for number in range(span.line, last + 1):
        if not 1 <= number <= len(lines):
            continue
        text = lines[number - 1]
        if not text.strip():
            continue
        start = span.column - 1 if number == span.line else 0
        end = span.end_column - 1 if number == span.end_line else len(text)
        start, end = min(max(start, 0), len(text)), min(end, len(text))
        if end <= start:
            start, end = (start, start + 1) if start < len(text) else (max(len(text) - 1, 0), len(text))
        if start == end:
            continue
        marks.setdefault(number, []).append(Mark(start, end, mark.kind, mark.ident, mark.severity))
    if not any(mark.ident in (m.ident for m in marks.get(n, [])) for n in range(span.line, last + 1)):
        following = next((n for n in range(span.line + 1, min(span.line + 4, len(lines) + 1)) if lines[n - 1].strip()), None)
        if following is not None:
            marks.setdefault(following, []).append(Mark(0, len(lines[following - 1]), mark.kind, mark.ident, mark.severity))


def _pieces(text: str, marks: list[Mark], seen: set[str]) -> list[Piece]:
    """Split a line at its marks' boundaries; each piece lists the marks covering it."""
    if not marks:
        return [Piece(text)] if text else []
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        covering = [m for m in marks if m.start < b and m.end > a]
        piece = _marked(text[a:b], covering, seen)
        if out and not piece.finds and not piece.rels and not out[-1].finds and not out[-1].rels:
            out[-1].text += piece.text
        else:
            out.append(piece)
    return out


def _marked(text: str, covering: list[Mark], seen: set[str]) -> Piece:
    finds = [m.ident for m in covering if m.kind == "f"]
    rels = [m.ident for m in covering if m.kind == "r"]
    piece = Piece(text, _unique(finds), _unique(rels))
    severities = [m.severity for m in covering if m.kind == "f"]
    piece.severity = next((s for s in SEVERITIES if s in severities), "")
    fresh = [i for i in piece.finds + piece.rels if i not in seen]
    if fresh:
        piece.anchor = fresh[0]
        seen.update(fresh)
    return piece


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _cells(text: str, shape: str) -> list[tuple[int, int]]:
    """Column ranges (0-based, end exclusive) of a table line's cells."""
    if "\t" in text:
        sep = re.compile(r"\t")
    elif shape == "markdown" and text.lstrip().startswith("|"):
        sep = re.compile(r"\|")
    else:
        sep = re.compile(r"\s+")
    ranges, start = [], 0
    for match in sep.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    if sep.pattern == r"\|":
        ranges = ranges[1:-1] if len(ranges) > 2 else ranges
    elif sep.pattern == r"\s+":
        ranges = [(a, b) for a, b in ranges if b > a]
    return ranges


def _row(text: str, shape: str, marks: list[Mark], seen: set[str], header: bool, width: int | None = None) -> RowView:
    """A table line as cells; given ``width`` (a full row's cell count), the label of a
    space-separated row with fewer cells spans the missing label columns."""
    cells = []
    for a, b in _cells(text, shape):
        covering = [m for m in marks if m.start < max(b, a + 1) and m.end > a]
        value = text[a:b].strip()
        piece = _marked(value, covering, seen)
        piece.numeric = bool(_NUMERIC.match(value))
        cells.append(piece)
    if width is not None and cells and len(cells) < width and not cells[0].numeric:
        cells[0].colspan = width - len(cells) + 1
    return RowView(cells, header)


def _full_width(row: Row, table: object) -> int | None:
    """The cell count of a full row, when a space-separated row's values are positioned."""
    headers = getattr(table, "headers", [])
    columns = getattr(table, "columns", [])
    if not row.positioned or not headers or not columns or len(row.cells) != len(columns):
        return None
    return max(len(h.split()) for h in headers)


def _roles(report: Report) -> dict[int, tuple[str, object]]:
    """What each line is: (role, owner) with role table, heading, para or unparsed."""
    roles: dict[int, tuple[str, object]] = {}

    def claim(span: Span, role: str, owner: object) -> None:
        for n in range(span.line, span.end_line + 1):
            roles.setdefault(n, (role, owner))

    for table in report.tables:
        claim(table.span, "table", table)
    for perf in report.performance:
        claim(perf.span, "table", perf)
    for section in report.sections():
        if section.level:
            claim(section.span, "heading", section)
    for paragraph in report.paragraphs:
        claim(paragraph.span, "para", paragraph)
    for region in report.unparsed:
        if region.span.end_line - region.span.line < len(report.lines) - 1:
            claim(region.span, "unparsed", region)
    return roles


def _blocks(report: Report, marks: dict[int, list[Mark]]) -> list[Block]:
    roles = _roles(report)
    row_lines = {n for t in report.tables for r in t.rows for n in range(r.span.line, r.span.end_line + 1)}
    widths: dict[int, int | None] = {}
    if report.shape in ("dump", "markdown"):
        for table in report.tables:
            for r in table.rows:
                widths[r.span.line] = None if r.span.line in widths else _full_width(r, table)
    header_texts = {h.strip() for t in report.tables for h in t.headers}
    seen: set[str] = set()
    blocks: list[Block] = []
    page: int | None = None
    owner_of_block: object = None
    for number, text in enumerate(report.lines, start=1):
        if not text.strip():
            owner_of_block = None
            continue
        role, owner = roles.get(number, ("text", None))
        line_page = report.page_of(number)
        new_page = line_page is not None and line_page != page
        page = line_page if line_page is not None else page
        line_marks = marks.get(number, [])
        tabular = role == "table" and (
            number in row_lines or "\t" in text or text.strip() in header_texts
            or (report.shape == "markdown" and text.lstrip().startswith("|"))
        )
        if tabular and _SEPARATOR.match(text):
            continue
        if tabular:
            table_block = blocks[-1] if blocks and blocks[-1].kind == "table" and owner_of_block is owner else None
            if new_page and table_block is None:
                blocks.append(Block("page", page=page))
            if table_block is None:
                table_block = Block("table")
                blocks.append(table_block)
            header = number not in row_lines and all(r.header for r in table_block.rows)
            row = _row(text, report.shape, line_marks, seen, header, widths.get(number) if "\t" not in text else None)
            if new_page and table_block.rows:
                row.page = page
            table_block.rows.append(row)
            owner_of_block = owner
            continue
        if new_page:
            blocks.append(Block("page", page=page))
        kind = {"table": "meta", "heading": "heading", "para": "para", "unparsed": "unparsed"}.get(role, "text")
        pieces = _pieces(text, line_marks, seen)
        last = blocks[-1] if blocks else None
        if kind in ("para", "unparsed") and last is not None and last.kind == kind and owner_of_block is owner and not new_page:
            last.lines.append(pieces)
            continue
        block = Block(kind, [pieces])
        if kind == "heading":
            block.level = min(getattr(owner, "level", 1) + 1, 5)
        if kind == "unparsed":
            block.note = getattr(owner, "reason", "")
        blocks.append(block)
        owner_of_block = owner
    return blocks
