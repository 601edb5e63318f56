"""An unruled side-by-side table (收入 | 决算数 | 支出 | 决算数, no rulings) whose right-aligned
amounts stand close to the next column's left-aligned names: each amount is a cell of its own
(a zero printed as a dash too), never run on into the name beside it; and a larger title that
happens to start under a name column ends the table instead of being read as a wrapped cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from fiscallint.pdf import extract_pdf
from fiscallint.pdf.columns import _place
from tests import pdf_fixtures as fx

SIZE = 9.0
WIDTHS = [150.0, 70.0, 150.0, 70.0]
ROWS = [
    ["一、一般公共预算财政拨款收入", "1,180.60", "一、社会保障和就业支出", "112.40"],
    ["二、政府性基金预算财政拨款收入", "—", "二、卫生健康支出", "48.60"],
    ["三、其他收入", "69.40", "三、农林水支出", "1,089.00"],
    ["本年收入合计", "1,250.00", "本年支出合计", "1,250.00"],
]
BELOW = [
    ["208", "社会保障和就业支出", "112.40"],
    ["210", "卫生健康支出", "48.60"],
    ["213", "农林水支出", "1,089.00"],
]


def build(path: Path) -> None:
    c = fx.new_canvas(path)
    y = fx.centred(c, "收入支出决算总表", fx.PAGE_H - 72)
    xs = [fx.LEFT]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    c.setFont(fx.FONT, SIZE)
    for row in ROWS:
        y -= SIZE * 1.8
        for col, text in enumerate(row):
            if col % 2:
                c.drawRightString(xs[col + 1] - 3, y, text)  # 3 pt + 3 pt from the next name
            else:
                c.drawString(xs[col] + 3, y, text)
    y -= 36
    c.setFont(fx.FONT, 14)
    c.drawString(xs[2] + 3, y, "支出决算表")  # starts where the right-hand names start
    c.setFont(fx.FONT, SIZE)
    for code, name, amount in BELOW:
        y -= SIZE * 1.8
        c.drawString(fx.LEFT + 3, y, code)
        c.drawString(fx.LEFT + 63, y, name)
        c.drawRightString(fx.LEFT + 360, y, amount)
    c.showPage()
    c.save()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_each_amount_is_a_cell_of_its_own(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "side.pdf"
    build(path)
    lines = extract_pdf(path, engine=engine).text.splitlines()
    for row in ROWS:
        assert "\t".join(row) in lines
    assert "支出决算表" in lines
    for row in BELOW:
        assert "\t".join(row) in lines


def chars(*pieces: tuple[float, str]) -> list[list[dict[str, object]]]:
    """One line's pieces: (x0, text), Chinese characters SIZE wide, others half."""
    out = []
    for x, text in pieces:
        seg = []
        for ch in text:
            width = pdfmetrics.stringWidth(ch, fx.FONT, SIZE)
            seg.append({"text": ch, "x0": x, "x1": x + width, "top": 0.0, "bottom": SIZE, "size": SIZE})
            x += width
        out.append(seg)
    return out


COLUMNS = [[0.0, 120.0], [200.0, 260.0]]


def test_two_names_in_one_column_are_one_cell() -> None:
    assert _place(chars((0, "其中："), (60, "林业")) + chars((220, "12.00")), COLUMNS) == [0, 0, 1]


def test_an_amount_run_on_into_a_name_is_not_placed() -> None:
    assert _place(chars((0, "林业"), (60, "12.00")) + chars((220, "12.00")), COLUMNS) is None
