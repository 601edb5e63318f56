"""The three corpus PDFs (skipped when ../shared/corpus is absent): which standard tables
the canonical text holds, and their shape. Expectations were checked by hand against
renderings of the PDF pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fiscallint.pdf import PdfText, extract_pdf
from fiscallint.parser.tables import STANDARD_TITLES as TITLES

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf"

_AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")
_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
_ITEM = re.compile(r"^[一二三四五六七八九十]+、")

# table key -> (header rows, data rows, columns), per PDF; a header row is any row before
# the first one with an amount or led by a code (201, 20101, 2010101) or an item (一、)
EXPECTED: dict[str, dict[str, tuple[int, int, int]]] = {
    # template: no amounts, so 合计 rows without figures count as header rows
    "final-accounts-template.pdf": {
        "01": (2, 28, 4),
        "02": (3, 7, 9),
        "03": (3, 7, 8),
        "04": (2, 30, 7),
        "05": (2, 8, 5),
        "06": (1, 39, 6),
        "07": (3, 0, 8),
        "08": (3, 0, 8),
        "09": (4, 0, 12),
    },
    # 类/款/项 printed in three columns; 01, 02, 03, 04 and 06 continue over two pages
    "putuo-finance-bureau-2024.pdf": {
        "01": (2, 30, 4),
        "02": (3, 20, 11),
        "03": (3, 20, 10),
        "04": (2, 32, 7),
        "05": (4, 20, 7),
        "06": (3, 39, 8),
        "07": (4, 0, 10),
        "08": (4, 0, 10),
        "09": (4, 1, 12),
    },
    # 02 and 03 continue over two pages; 三公/07/08 print one empty row (dropped)
    "putuo-social-work-dept-2024.pdf": {
        "01": (2, 30, 4),
        "02": (2, 18, 9),
        "03": (2, 18, 8),
        "04": (2, 32, 7),
        "05": (2, 18, 5),
        "06": (1, 39, 6),
        "07": (3, 0, 8),
        "08": (3, 0, 8),
        "09": (4, 0, 12),
    },
}


def tables_of(doc: PdfText) -> dict[str, tuple[int, int, int]]:
    """For each standard table found by its title line: (header rows, data rows, columns)."""
    lines = doc.text.split("\n")
    found: dict[str, tuple[int, int, int]] = {}
    for key, title in TITLES.items():
        pattern = re.compile(rf"^(.*\d{{4}}年度)?{re.escape(title)}$")
        start = next((i for i, ln in enumerate(lines) if pattern.match(ln)), None)
        if start is None:
            continue
        i = start + 1
        while i < len(lines) and "\t" not in lines[i]:
            i += 1
        block = []
        while i < len(lines) and "\t" in lines[i]:
            block.append(lines[i].split("\t"))
            i += 1
        widths = {len(row) for row in block}
        assert len(widths) == 1, f"{title}: ragged rows {widths}"
        header = next((n for n, row in enumerate(block) if _is_data(row)), len(block))
        found[key] = (header, len(block) - header, widths.pop())
    return found


def _is_data(row: list[str]) -> bool:
    """A row with an amount, or led by a classification code or an item number (一、)."""
    cells = [c for c in row if c]
    return any(_AMOUNT.match(c) for c in cells) or bool(
        cells and (_CODE.match(cells[0]) or _ITEM.match(cells[0]))
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_tables(name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus PDF not available: {path}")
    doc = extract_pdf(path)
    assert tables_of(doc) == EXPECTED[name]
    assert len(doc.pages) == len(doc.text.split("\n")) == len(doc.boxes)
