"""Imitated bold: a total row drawn twice, a fraction of a point apart, reads once with either
engine (PDFium drops the repeated text objects itself, pdfminer keeps them); characters that
repeat side by side ("00", "——") are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscallint.pdf import extract_pdf
from tests import pdf_fixtures as fx

pytestmark = pytest.mark.slow

WIDTHS = [64.0, 170.0, 80.0, 80.0, 80.0]
ROWS = [
    ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
    ["", "合计", "1,200.00", "1,000.00", "200.00"],
    ["213", "农林水支出", "1,200.00", "1,000.00", "200.00"],
    ["21302", "林业和草原——测试", "1,200.00", "1,000.00", "200.00"],
]


def build(path: Path, offset: float) -> None:
    """Table 03 in a grid whose 合计 row is drawn a second time ``offset`` points to the right."""
    c = fx.new_canvas(path)
    y = fx.centred(c, "支出决算表", fx.PAGE_H - 72)
    bottom = fx.grid_table(c, y, WIDTHS, ROWS)
    c.setFont(fx.FONT, 9)
    row_top = y - (9 * 1.4 + 4)  # the 合计 row is the second row of grid_table
    x = fx.LEFT
    for width, cell in zip(WIDTHS, ROWS[1]):
        c.drawString(x + 2 + offset, row_top - 9 * 1.2, cell)
        x += width
    c.drawString(fx.LEFT, bottom - 20, "说明：本表金额为1,200.00万元。")
    c.showPage()
    c.save()


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_a_row_drawn_twice_reads_once(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "bold.pdf"
    build(path, 0.3)
    lines = extract_pdf(path, engine=engine).text.splitlines()
    assert "\t合计\t1,200.00\t1,000.00\t200.00" in lines
    assert "21302\t林业和草原——测试\t1,200.00\t1,000.00\t200.00" in lines


def test_both_engines_agree_on_the_reprinted_row(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    build(path, 0.3)
    assert extract_pdf(path, engine="pdfium").text == extract_pdf(path, engine="pdfminer").text


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_a_copy_a_full_character_away_is_no_reprint(tmp_path: Path, engine: str) -> None:
    """Drawn again one character width to the right, the copy is text of its own."""
    path = tmp_path / "shifted.pdf"
    build(path, 9.0)
    text = extract_pdf(path, engine=engine).text
    assert "\t合计合计\t" in text
    assert "\t合计\t1,200.00\t1,000.00\t200.00" not in text.splitlines()
