"""The ruled-grid finder both engines share: cells and tables as pdfplumber's TableFinder
("lines" strategy) finds them from the same edges, and its tolerances at work."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from fiscallint.pdf.grid import Edge, find_grids, rect_edges
from tests.test_pdf_engines import BUILDERS, CORPUS

SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _same_as_pdfplumber(path: Path) -> int:
    tables = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            edges = [
                Edge(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])
                for e in page.edges
                if e["orientation"] in ("h", "v")
            ]
            ours = find_grids(edges)
            theirs = page.find_tables(SETTINGS)
            assert [g.cells for g in ours] == [[tuple(c) for c in t.cells] for t in theirs]
            assert [[r.cells for r in g.rows] for g in ours] == [
                [[tuple(c) if c else None for c in r.cells] for r in t.rows] for t in theirs
            ]
            tables += len(ours)
    return tables


@pytest.mark.parametrize("name", ["report over two pages", "side-by-side half tables"])
def test_generated_tables_match_pdfplumber(tmp_path: Path, name: str) -> None:
    path = tmp_path / "doc.pdf"
    BUILDERS[name](path)
    assert _same_as_pdfplumber(path) >= 1


@pytest.mark.slow  # reads the corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus PDFs not available")
def test_corpus_tables_match_pdfplumber() -> None:
    assert sum(_same_as_pdfplumber(p) for p in sorted(CORPUS.glob("*.pdf"))) >= 20


def test_two_by_two_grid_from_rectangles() -> None:
    edges = [e for x, y in [(0, 0), (50, 0), (0, 20), (50, 20)] for e in rect_edges(x, y, x + 50, y + 20)]
    [grid] = find_grids(edges)
    assert len(grid.rows) == 2 and all(len(r.cells) == 2 for r in grid.rows)
    assert grid.bbox == (0, 0, 100, 40)


def test_rules_within_snap_tolerance_meet_and_wider_gaps_do_not() -> None:
    def grid(gap: float) -> list:
        # a two-cell row whose middle rule stops `gap` points short of the top rule
        return find_grids([
            Edge("h", 0, 0, 100, 0), Edge("h", 0, 20, 100, 20),
            Edge("v", 0, 0, 0, 20), Edge("v", 100, 0, 100, 20), Edge("v", 50, gap, 50, 20),
        ])

    assert len(grid(2.5)) == 1 and len(grid(2.5)[0].cells) == 2
    assert grid(6.0) == []  # one cell only: not a table
