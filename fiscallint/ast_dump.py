"""A readable, deterministic dump of a parsed report: what the parser made of each part.

``fiscallint parse FILE`` prints it; the layout tests compare it with reviewed snapshots.
Every node shows where it is (line, and page when the text has pages).
"""

from __future__ import annotations

from .ast import AmountClaim, BreakdownClaim, ChangeClaim, Claim, CountBreakdownClaim, ItemPathClaim, Number, PerformanceTable, PeriodClaim, Report, Row, Section, Span, Table, WordClaim


def dump(report: Report) -> str:
    """The report as indented lines: sections, paragraphs with claims, tables with rows and cells."""
    out: list[str] = [f"report year={report.year} shape={report.shape}"]
    cover = report.cover
    fields = [("title", cover.title_name), ("year", cover.year), ("level", cover.level), ("kind", cover.kind), ("overview", cover.overview)]
    fields += list(cover.labels.items())
    if any(value for _, value in fields):
        out.append("cover " + " ".join(f"{name}={value}" for name, value in fields if value))
    _section(report, report.root, 0, out)
    for table in report.performance:
        out.append(_performance(report, table))
    for region in report.unparsed:
        out.append(f"unparsed {_where(report, region.span)} {region.reason}")
    for directive in report.directives:
        out.append(f"ignore {' '.join(w.code or repr(w.text) for w in directive.words) or '(every rule)'} {_where(report, directive.span)}")
    return "\n".join(out) + "\n"


def _where(report: Report, span: Span) -> str:
    page = report.page_of(span.line, span.column)
    lines = f"{span.line}" if span.end_line == span.line else f"{span.line}-{span.end_line}"
    return f"@{lines}" + (f" p{page}" if page is not None else "")


def _section(report: Report, section: Section, depth: int, out: list[str]) -> None:
    indent = "  " * depth
    if section.level:
        out.append(f"{indent}section {section.number}{section.title} {_where(report, section.span)}")
        out.extend(f"{indent}  title {_claim(c)}" for c in section.claims)
    items: list[tuple[int, str, object]] = [(p.span.line, "p", p) for p in section.paragraphs]
    items += [(t.span.line, "t", t) for t in section.tables]
    items += [(s.span.line, "s", s) for s in section.children]
    for _, kind, item in sorted(items, key=lambda entry: entry[0]):
        if kind == "s":
            _section(report, item, depth + 1, out)  # type: ignore[arg-type]
        elif kind == "t":
            _table(report, item, depth + 1, out)  # type: ignore[arg-type]
        else:
            paragraph = item
            out.append(f"{indent}  paragraph {_where(report, paragraph.span)}")  # type: ignore[attr-defined]
            out.extend(f"{indent}    {_claim(c)}" for c in paragraph.claims)  # type: ignore[attr-defined]


def _table(report: Report, table: Table, depth: int, out: list[str]) -> None:
    indent = "  " * depth
    facts = [f"kind={table.kind}", f"unit={table.unit}", f"columns={table.column_count}"]
    if table.number:
        facts.insert(0, f"公开{table.number}表")
    out.append(f"{indent}table “{table.title}” {' '.join(facts)} {_where(report, table.span)}")
    heading = table.heading
    if heading.bases or heading.years or heading.other_period:
        marks = [*(["interleaved"] if heading.interleaved else []), *(["other-period"] if heading.other_period else [])]
        out.append(f"{indent}  heading bases={','.join(heading.bases) or '-'} years={','.join(map(str, heading.years)) or '-'}"
                   + "".join(f" {m}" for m in marks))
    if table.unplaced:
        out.append(f"{indent}  unplaced: {table.unplaced}")
    blocks = {id(row): index for index, rows in enumerate(table.blocks) for row in rows}
    for row in table.rows:
        block = f" block={blocks[id(row)]}" if id(row) in blocks else (" block=?" if table.blocks else "")
        out.append(f"{indent}  {_row(row)}{block}")
    for identity in table.identities:
        terms = "+".join(map(str, identity.terms)) + "".join(f"-{m}" for m in identity.minus)
        out.append(f"{indent}  identity {identity.axis} {identity.target}={terms}")


def _row(row: Row) -> str:
    key = row.code or (f"行{row.line_no}" if row.line_no is not None else "-")
    cells = " ".join(f"{c.number.text}@{c.column if c.column is not None else '?'}" for c in row.cells)
    return f"row {key} “{row.label}” [{cells}] @{row.span.line}"


def _claim(claim: Claim) -> str:
    numbers = " ".join(f"{role}={_number(n)}" for role, n in sorted(claim.roles()))
    words = " ".join(_detail(k, v) for k, v in sorted(claim.details()) if k not in ("context", "after") and v != "" and v is not False)
    listed = claim.parts if isinstance(claim, (BreakdownClaim, CountBreakdownClaim)) else []
    parts = f" parts=[{', '.join(_number(p.value) for p in listed)}]" if listed else ""
    if isinstance(claim, AmountClaim):
        parts = _amount_links(claim)
    elif isinstance(claim, ChangeClaim) and claim.against_year is not None:
        parts = f" against_year={claim.against_year.year.text}"
    elif isinstance(claim, ItemPathClaim):
        parts = " steps=" + "/".join(f"{s.level}:{s.name}" for s in claim.steps)
    elif isinstance(claim, (PeriodClaim, WordClaim)):
        parts = f" “{claim.text}”"
    return f"{claim.kind} “{claim.subject}” {numbers}{' ' + words if words else ''}{parts} @{claim.span.line}"


def _amount_links(claim: AmountClaim) -> str:
    """The claims an amount is linked to: the years of its words, the year its 持平 phrase names,
    the item path that introduces it."""
    out = ""
    if claim.years:
        out += " years=" + ",".join(y.year.text for y in claim.years)
    if claim.same_as_year is not None:
        out += f" same_as_year={claim.same_as_year.year.text}"
    if claim.path is not None:
        out += f" path=“{claim.path.text}”"
    return out


def _detail(name: str, value: str | bool | int) -> str:
    return name if value is True else f"{name}={value}"


def _number(number: Number) -> str:
    return number.text


def _performance(report: Report, table: PerformanceTable) -> str:
    funding = table.funding
    money = f" budget={funding.budget.text if funding and funding.budget else None} actual={funding.actual.text if funding and funding.actual else None}"
    if table.stage == "target":
        parts = " ".join(f"{line.label}={line.budget.text if line.budget else None}" for line in table.budget_lines)
        period = f" period_total={table.period_total.text}" if table.period_total else ""
        money = f" budget={funding.budget.text if funding and funding.budget else None}{period} unit={table.funding_unit or None}" + (f" parts=[{parts}]" if parts else "")
        annual = " annual" if table.annual_targets else ""
        return f"performance targets {table.kind} “{table.name}” indicators={len(table.indicators)}{money}{annual} {_where(report, table.span)}"
    return f"performance {table.kind} “{table.name}” indicators={len(table.indicators)}{money} {_where(report, table.span)}"
