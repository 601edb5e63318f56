"""Recall of the table-arithmetic rules on the real reports: change one table cell at a time in an
in-memory copy (so a parent sum or a column identity breaks) and expect a finding on that cell.

Skips when the development corpus (../shared/corpus) is absent, as in a fresh clone.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from fiscallint.ast import Number, Table
from fiscallint.engine import lint_report
from fiscallint.parser import parse_source
from fiscallint.registry import all_rules
from fiscallint.source import SourceText, read_text_source

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "text"
CHECKED_KINDS = {"01", "02", "03", "04", "05", "06", "09"}
PER_DOCUMENT = 400
MIN_RECALL = {"wuhan": 1.0, "xianning": 1.0, "qujing": 1.0}


def _documents() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def _cells(tables: list[Table]) -> list[Number]:
    """Non-zero amount cells of the standard tables, every k-th one so each table is sampled."""
    seen: dict[object, Number] = {}
    for table in tables:
        if table.kind not in CHECKED_KINDS or table.unplaced:
            continue  # a table whose rows could not be placed is reported (FL001), not checked
        for row in table.rows:
            for cell in row.cells:
                if "." in cell.number.text and cell.number.value != 0:
                    seen.setdefault(cell.number.span, cell.number)
    cells = list(seen.values())
    step = max(1, len(cells) // PER_DOCUMENT)
    return cells[::step][:PER_DOCUMENT]


def _mutated(number: Number) -> str:
    """The figure with its units digit changed (same length, so nothing glues or shifts)."""
    integer, _, decimals = number.text.partition(".")
    digit = int(integer[-1])
    return f"{integer[:-1]}{(digit + 3) % 10}.{decimals}"


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.stem)
def test_single_cell_changes_are_found(path: Path) -> None:
    source = read_text_source(str(path))
    report = parse_source(source)
    cells = _cells(report.tables)
    if not cells:
        pytest.skip("no standard tables in this text")
    rules = [cls for code, cls in all_rules().items() if code.startswith("FL2")]
    lines = source.text.split("\n")
    found = 0
    missed: list[str] = []
    for number in cells:
        span = number.span
        line = lines[span.line - 1]
        start = span.column - 1
        assert line[start:start + len(number.text)] == number.text
        changed = lines[: span.line - 1] + [line[:start] + _mutated(number) + line[start + len(number.text):]] + lines[span.line:]
        mutated = SourceText(source.path, "\n".join(changed), source.encoding, source.shape)
        findings = lint_report(parse_source(mutated), rules)
        hit = any(
            f.span.line == span.line and f.span.column == span.column
            or any(r.span.line == span.line for r in f.related)
            or f.span.line == span.line
            for f in findings
        )
        if hit:
            found += 1
        else:
            missed.append(f"{span.line}:{span.column} {number.text}")
    recall = Decimal(found) / Decimal(len(cells))
    name = path.stem.split("-")[0]
    assert recall >= Decimal(str(MIN_RECALL.get(name, 0.9))), f"recall {recall:.2f} on {path.name}; missed {missed}"


def test_mutation_keeps_length() -> None:
    number = Number(Decimal("1800.02"), 2, None, "1,800.02")  # type: ignore[arg-type]
    assert _mutated(number) == "1,803.02" and len(_mutated(number)) == len(number.text)
    assert re.fullmatch(r"\d,\d{3}\.\d\d", _mutated(number))
