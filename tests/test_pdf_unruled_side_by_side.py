"""An unruled side-by-side table (收入 | 决算数 | 支出 | 决算数, no rulings) whose right-aligned
amounts stand close to the next column's left-aligned names: each amount is a cell of its own
(a zero printed as a dash too), never run on into the name beside it; and a larger title that
happens to start under a name column ends the table instead of being read as a wrapped cell.
A long name ending close to the next cell's name (a third of a font size) is parted from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from fiscallint.pdf import extract_pdf
from fiscallint.pdf.chars import line_text
from fiscallint.pdf.columns import _place, _unglued
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


@pytest.mark.parametrize(("gap", "pieces"), [(0.4, ["服务对象满意度指标", "受益群众满意度"]), (0.2, ["服务对象满意度指标受益群众满意度"])])
def test_a_name_ending_close_to_the_next_cell(gap: float, pieces: list[str]) -> None:
    """Two Chinese characters a third of a size apart or more belong to two cells; closer, to one."""
    first = chars((0, "服务对象满意度指标"))[0]
    start = first[-1]["x1"] + gap * SIZE
    line = [first + chars((start, "受益群众满意度"))[0], *chars((300, "20"))]
    assert [line_text(seg) for seg in _unglued(line)] == [*pieces, "20"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.slow
def test_a_three_line_table_with_a_long_indicator_name(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "perf.pdf"
    c = fx.new_canvas(path)
    y = fx.centred(c, "项目支出绩效自评表", fx.PAGE_H - 72)
    fx.aligned_table(c, y, [70.0, 80.0, 90.0, 60.0, 60.0], [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "维护管网长度", "20", "20"],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "20", "20"],
        ["总分", "", "", "40", "40"],
    ], three_line=True, first_amount=3, size=8.5)
    c.showPage()
    c.save()
    lines = extract_pdf(path, engine=engine).text.splitlines()
    assert "满意度指标\t服务对象满意度指标\t受益群众满意度\t20\t20" in lines
    assert "产出指标\t数量指标\t维护管网长度\t20\t20" in lines


def test_a_letter_spaced_line_is_not_cut_at_every_character() -> None:
    """Spaced out by 0.4 font sizes throughout, the gaps are the line's letter spacing."""
    spaced = []
    for x, text in ((0.0, "编制单位测试林业站"), (300.0, "单位万元")):
        piece = []
        for ch in text:
            piece.append({"text": ch, "x0": x, "x1": x + SIZE, "top": 0.0, "bottom": SIZE, "size": SIZE})
            x += SIZE * 1.4
        spaced.append(piece)
    assert [line_text(seg) for seg in _unglued(spaced)] == ["编制单位测试林业站", "单位万元"]
