"""Differential test: the PDFium engine against the pdfminer.six reference.

The claim is the strong one: on every PDF both engines give the same canonical text, line
for line, with the same page for every line (so every finding, with its page, is the same
too). It can hold because the PDFium engine makes each character's box with pdfminer's
geometry (advance width, font size times the text-matrix scale, the font's descent below the
origin), keeps content-stream order (forms flattened in place), classifies paths into lines,
rectangles and polylines as pdfminer does, and both engines then run one shared grid, line
and assembly code. Line boxes agree to within a hundredth of a point (PDFium computes path
coordinates in single precision).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fiscallint.pdf import PdfText, extract_pdf
from tests import pdf_fixtures as fx
from tests.test_pdf_findings import build as build_planted
from tests.test_pdf_rotation import build_turned
from tests.test_pdf_text_tables import build as build_aligned

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf"


def assert_same(path: Path) -> PdfText:
    ours = extract_pdf(path, engine="pdfium")
    ref = extract_pdf(path, engine="pdfminer")
    assert ours.text.splitlines() == ref.text.splitlines()
    assert ours.pages == ref.pages and ours.page_count == ref.page_count
    for a, b in zip(ours.boxes, ref.boxes):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert max(abs(x - y) for x, y in zip(a, b)) < 0.01, (a, b)
    return ours


def build_form_table(path: Path) -> None:
    """A ruled table and its text drawn inside a form XObject, placed twice (scaled once)."""
    c = fx.new_canvas(path)
    fx.centred(c, "支出决算表", fx.PAGE_H - 72)
    c.beginForm("table")
    fx.grid_table(c, fx.PAGE_H - 120, fx.INCOME_WIDTHS, fx.income_rows(6))
    c.endForm()
    c.doForm("table")
    c.saveState()
    c.translate(0, -400)
    c.doForm("table")
    c.restoreState()
    c.showPage()
    c.save()


BUILDERS: dict[str, Callable[[Path], None]] = {
    "report over two pages": fx.build_report,
    "side-by-side half tables": fx.build_side_by_side,
    "unruled table": fx.build_unruled_table,
    "table in a form XObject": build_form_table,
    "planted errors": lambda p: build_planted(p, share="85%", class_total="310.00"),
    "三线表 with a wrapped row name": lambda p: build_aligned(p, three_line=True),
    "page turned by /Rotate 90": lambda p: build_turned(p, 1),
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_generated_pdfs_read_the_same(tmp_path: Path, name: str) -> None:
    path = tmp_path / "doc.pdf"
    BUILDERS[name](path)
    text = assert_same(path).text
    assert "\t" in text or name == "unruled table"


def test_form_tables_are_found_with_their_rows(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    build_form_table(path)
    rows = [line for line in extract_pdf(path).text.splitlines() if "\t" in line]
    assert len(rows) == 12 and rows[0] == rows[6]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus PDFs not available")
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else [])
def test_corpus_pdfs_read_the_same(name: str) -> None:
    assert_same(CORPUS / name)
