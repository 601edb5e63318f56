"""How much of a report was parsed into tables and claims (for ``--show-coverage``).

Besides line counts, the claim coverage: every sentence of the narrative that holds a figure
and produced no claim ("unclaimed"), and the share of percentage-bearing sentences whose every
percentage became a typed claim (a share, an execution rate or a change).
"""

from __future__ import annotations

from dataclasses import dataclass

from .ast import ChangeClaim, ExecutionClaim, NamedShareClaim, Paragraph, Report, ShareClaim, Table, WordClaim
from .facts import items_down_rows, three_public_rows
from .parser.performance import compound_unpaired, is_performance_title, unread_target_tables
from .parser.tables import BUDGET_KIND, planned_columns
from .patterns import lazy

PERCENT_RE = lazy(r"\d\s*[%％]")
FIGURE_RE = lazy(r"\d")
ENUMERATION_RE = lazy(r"^\s*(?:[（(]\d{1,2}[)）]|\d{1,2}\s*[、.．]|\d{1,2}(?=\s*[“\"]))")
SENTENCE_ENDS = "。！？!?"
RATE_CLAIMS = (ShareClaim, ExecutionClaim, ChangeClaim, NamedShareClaim)


@dataclass
class Sentence:
    """A sentence of a paragraph: its text, where it starts, and what the grammar made of it."""

    text: str
    line: int
    claims: int
    percents: int
    typed_percents: int

    @property
    def has_figure(self) -> bool:
        return bool(FIGURE_RE.search(ENUMERATION_RE.sub("", self.text)))


def sentence_bounds(paragraph: Paragraph) -> list[tuple[int, int]]:
    """Start and end offsets of the paragraph's sentences as the claims grammar ended them
    (:attr:`Claim.sentence` indexes this list)."""
    stops = [offset for offset, mark in paragraph.breaks if mark in SENTENCE_ENDS]
    return list(zip([0] + [s + 1 for s in stops], stops + [len(paragraph.text)]))


def sentences(paragraph: Paragraph) -> list[Sentence]:
    """The paragraph's sentences (split where the claims grammar ended them), with counts."""
    found = []
    for index, (start, end) in enumerate(sentence_bounds(paragraph)):
        text = paragraph.text[start:end]
        if not text.strip():
            continue
        claims = [c for c in paragraph.claims if c.sentence == index and not isinstance(c, WordClaim)]
        typed = sum(1 for c in claims if isinstance(c, RATE_CLAIMS) and c.percent is not None)
        line = paragraph.span_at(start, start + 1).line
        found.append(Sentence(text, line, len(claims), len(PERCENT_RE.findall(text)), typed))
    return found


@dataclass
class ClaimCoverage:
    """Sentences with a percentage, those of them whose every percentage is a typed claim, the
    others ("untyped"), and the sentences that hold a figure but produced no claim at all."""

    with_percent: int
    typed: int
    untyped: list[Sentence]
    unclaimed: list[Sentence]

    @property
    def share(self) -> float:
        return 100 * self.typed / self.with_percent if self.with_percent else 100.0


def claim_coverage(report: Report) -> ClaimCoverage:
    result = ClaimCoverage(0, 0, [], [])
    for paragraph in report.paragraphs:
        for sentence in sentences(paragraph):
            if sentence.percents:
                result.with_percent += 1
                if sentence.typed_percents >= sentence.percents:
                    result.typed += 1
                else:
                    result.untyped.append(sentence)
            if sentence.has_figure and not sentence.claims:
                result.unclaimed.append(sentence)
    return result


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
        "claims": sum(1 for c in report.claims() if not isinstance(c, WordClaim)),
    }


def unknown_tables(report: Report) -> list[Table]:
    """Tables with rows that no cross-table rule reads: a title that names no standard table (nor
    a budget table's place in its template), with no 公开 number and no self-evaluation; or a
    table whose columns are not the template's (:func:`planned_columns`)."""
    return [
        t for t in report.tables
        if t.rows and ((t.kind in (None, BUDGET_KIND) and not t.number and not is_performance_title(t.title)) or planned_columns(t))
    ]


THREE_PUBLIC_KINDS = ("09", "B07")
"""三公 tables: their figures are placed by the 三公 identities (:func:`fiscallint.facts.three_public_table`), not by column."""


def unplaced_rows(table: Table) -> int:
    """Rows with two or more figures whose columns the parser could not prove (a dump without
    cell positions where empty cells vanished): their figures beyond the first are in no column."""
    return sum(1 for row in table.rows if len(row.cells) >= 2 and any(cell.column is None for cell in row.cells))


def coverage_line(report: Report) -> str:
    """The coverage summary of a report, then its unclaimed sentences, one per line."""
    c = coverage(report)
    covered = c["table_lines"] + c["paragraph_lines"]
    pct = 100 * covered / c["lines"] if c["lines"] else 100.0
    claims = claim_coverage(report)
    out = [
        f"{report.path}: {pct:.1f}% of {c['lines']} lines parsed "
        f"({c['tables']} tables, {c['rows']} rows, {c['claims']} claims; {c['unparsed_lines']} lines unparsed)",
        f"{report.path}: {claims.typed}/{claims.with_percent} sentences with a percentage typed as claims "
        f"({claims.share:.1f}%); {len(claims.unclaimed)} sentences with figures unclaimed",
    ]
    out += [f"{report.path}:{t.span.line}: table not cross-checked (its title names no standard table, or its columns are not"
            f" the template's: budget columns beside its 决算 ones, two years compared, or 基本支出 beside its parts; only its own rows and columns are"
            f" checked): {_short(t.title)}" for t in unknown_tables(report)]
    for table in report.tables:
        loose = unplaced_rows(table)
        if loose and not table.unplaced and table.kind not in THREE_PUBLIC_KINDS and not is_performance_title(table.title):
            out.append(f"{report.path}:{table.span.line}: {loose} of {len(table.rows)} rows of {_short(table.title)} have figures"
                       f" not placed in columns (empty cells vanished in extraction): only the checks that need no column"
                       f" (first figure, first = sum of the rest, parent = Σ children) read them")
    out += [f"{report.path}:{t.span.line}: 三公 table listing its items down the rows not checked (a row's figures may have"
            f" shifted: empty cells vanished in extraction; or an item printed twice): {_short(t.title)}"
            for t in report.tables if (t.kind in THREE_PUBLIC_KINDS or "三公" in t.title) and items_down_rows(t) and three_public_rows(t) is None]
    out += [f"{report.path}:{t.span.line}: target table not read (flattened text with no line whose cells prove themselves,"
            f" or rows the performance grammar cannot place): its targets and funding are not checked: {_short(t.title)}"
            for t in unread_target_tables(report)]
    out += [f"{report.path}:{line}: performance table line not read (its cells have no sure place under the header; the"
            f" table's 总分 is not checked): {_short(p.name or p.title)}"
            for p in report.performance for line in sorted({s.line for s in p.unplaced})]
    out += [f"{report.path}:{i.span.line}: indicator values not compared (several quantities in a cell whose units do not pair"
            f" one to one, in order, with the other value's): {_short(i.name)}"
            for p in report.performance for i in p.indicators if compound_unpaired(i)]
    out += [f"{report.path}:{s.line}: untyped percentage: {_short(s.text)}" for s in claims.untyped]
    out += [f"{report.path}:{s.line}: unclaimed: {_short(s.text)}" for s in claims.unclaimed]
    return "\n".join(out)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"
