"""Tables without vertical rulings (三线表, or no rulings at all): the columns come from the rows
with amounts, so a "部门：X    单位：万元" line above the table or a centred header does not merge
or split columns, and a row name wrapped onto a second line stays in its cell (also when the
row's other cells are centred between the name's two lines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from fiscallint.pdf import extract_pdf
from tests import pdf_fixtures as fx

WIDTHS = [62.0, 170.0, 80.0, 80.0, 80.0]
HEADER = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]


def rows(child: str) -> list[list[str]]:
    """Table 03 rows; the 21105 row should be 150.00 (its children 100.00 + 50.00)."""
    return [
        HEADER,
        ["", "合计", "360.00", "260.00", "100.00"],
        ["211", "节能环保支出", "240.00", "140.00", "100.00"],
        ["21105", "天然林保护", "240.00", "140.00", "100.00"],
        ["2110501", "森林管护", "140.00", "140.00", ""],
        ["2110599", "其他天然林保护支出（防火\n通道修缮）", child, "", child],
        ["221", "住房保障支出", "120.00", "120.00", ""],
        ["22102", "住房改革支出", "120.00", "120.00", ""],
        ["2210201", "住房公积金", "120.00", "120.00", ""],
    ]


def build(path: Path, *, three_line: bool, child: str = "100.00", middle: bool = False) -> None:
    c = fx.new_canvas(path)
    y = fx.centred(c, "支出决算表", fx.PAGE_H - 72)
    c.setFont(fx.FONT, 9)
    c.drawString(fx.LEFT, y, "编制单位：测试林业站")
    y = fx.right_aligned(c, "单位：万元", y, size=9)
    y = fx.aligned_table(c, y, WIDTHS, rows(child), three_line=three_line, middle=middle)
    y = fx.centred(c, "财政拨款“三公”经费支出决算表", y - 10, size=12)
    fx.aligned_table(c, y, [200.0, 100.0, 100.0], [
        ["项目", "预算数", "决算数"],
        ["合计", "6.00", "5.10"],
        ["公务用车购置及运行维护费", "4.00", "3.60"],
        ["公务接待费", "2.00", "1.50"],
    ], three_line=three_line, first_amount=1)
    c.showPage()
    c.save()


CASES = [
    (three, middle, engine)
    for three in (True, False)
    for middle in (True, False)
    for engine in ("pdfium", "pdfminer")
]


@pytest.mark.parametrize(("three_line", "middle", "engine"), CASES)
def test_columns_come_from_the_amount_rows(
    tmp_path: Path, three_line: bool, middle: bool, engine: str
) -> None:
    path = tmp_path / "t.pdf"
    build(path, three_line=three_line, middle=middle)
    lines = extract_pdf(path, engine=engine).text.splitlines()
    table = [line.split("\t") for line in lines if "\t" in line]
    assert table[0] == HEADER
    assert ["2110599", "其他天然林保护支出（防火通道修缮）", "100.00", "", "100.00"] in table
    assert ["2210201", "住房公积金", "120.00", "120.00", ""] in table
    assert all(len(row) == 5 for row in table[:9])
    assert "编制单位：测试林业站  单位：万元" in lines
    assert table[9:] == [
        ["项目", "预算数", "决算数"],
        ["合计", "6.00", "5.10"],
        ["公务用车购置及运行维护费", "4.00", "3.60"],
        ["公务接待费", "2.00", "1.50"],
    ]


def findings(path: Path) -> list[dict[str, object]]:
    args = ["check", "--format", "json", "--exit-zero", "--ignore", "FL504", str(path)]
    return [f for f in json.loads(CliRunner().invoke(main, args).stdout) if f["severity"] != "info"]


@pytest.mark.parametrize("three_line", [True, False])
def test_consistent_table_is_clean_and_a_wrong_child_is_found(tmp_path: Path, three_line: bool) -> None:
    path = tmp_path / "t.pdf"
    build(path, three_line=three_line)
    assert findings(path) == []
    build(path, three_line=three_line, child="110.00")
    found = findings(path)
    assert found and all("110.00" in str(f["message"]) or "21105" in str(f["message"]) for f in found), found


def build_continued(path: Path) -> None:
    """An unruled table over two pages, its header repeated; no amount in the last column on
    page 2."""
    body = rows("100.00")[1:]
    c = fx.new_canvas(path)
    y = fx.centred(c, "支出决算表", fx.PAGE_H - 72)
    fx.aligned_table(c, y, WIDTHS, [HEADER, *body[:5]])
    c.showPage()
    fx.aligned_table(c, fx.PAGE_H - 72, WIDTHS, [HEADER, *body[5:]])
    c.showPage()
    c.save()


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_a_headed_column_empty_on_a_page_keeps_its_place(tmp_path: Path, engine: str) -> None:
    pdf = fx.built_and_read(tmp_path, build_continued, engine)
    lines = zip(pdf.text.splitlines(), pdf.pages)
    page2 = [line.split("\t") for line, page in lines if page == 2 and "\t" in line]
    assert page2[-1] == ["2210201", "住房公积金", "120.00", "120.00", ""]
    assert all(len(row) == 5 for row in page2)
