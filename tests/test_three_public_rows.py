"""A 三公 table listing its items down the rows: its figures by column, and what is left unchecked."""

from __future__ import annotations

from fiscallint.coverage import coverage_line
from fiscallint.facts import three_public_rows, three_public_table
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape

ROWS = [
    ("合计", "10.00", "9.00"),
    ("因公出国（境）费", "3.00", ""),
    ("公务用车购置及运行维护费", "5.00", "6.50"),
    ("其中：公务用车购置费", "2.00", "2.00"),
    ("公务用车运行维护费", "3.00", "4.50"),
    ("公务接待费", "2.00", "2.50"),
]


def text(separator: str, header: str = "预算数\t决算数") -> str:
    lines = ["某区体育局2030年部门决算", "财政拨款“三公”经费支出决算表", "单位：万元", "项目\t" + header]
    lines += [separator.join(cell for cell in row if cell or separator == "\t") for row in ROWS]
    return "\n".join(lines).replace("\t", separator) + "\n"


def parsed(source: str, path: str):  # type: ignore[no-untyped-def]
    return parse_source(SourceText(path, source, "utf-8", detect_shape(path, source)))


def test_tab_cells_give_each_column_and_a_blank_cell_is_a_zero_not_stated() -> None:
    report = parsed(text("\t"), "r.tsv")
    read = three_public_rows(report.tables[0])
    assert read is not None and read.width == 2
    assert {slot: n.text for slot, n in read.columns[1].items()} == {
        "total": "9.00", "abroad": "（空）", "vehicle": "6.50", "purchase": "2.00", "running": "4.50", "reception": "2.50"}
    located = three_public_table(report)
    assert located is not None
    figures = located[2].values
    assert figures[("budget", "abroad")].text == "3.00" and ("actual", "abroad") not in figures


def test_flattened_rows_with_a_vanished_cell_are_not_read_and_coverage_says_so() -> None:
    report = parsed(text(" "), "r.txt")
    assert three_public_rows(report.tables[0]) is None
    assert three_public_table(report) is None
    assert "三公 table listing its items down the rows not checked" in coverage_line(report)


def test_this_years_column_beside_last_years() -> None:
    report = parsed(text("\t", "上年决算数\t本年决算数"), "r.tsv")
    located = three_public_table(report)
    assert located is not None
    assert {key: n.text for key, n in located[2].values.items() if key[1] == "total"} == {("actual", "total"): "9.00"}


def test_two_columns_of_one_basis_without_periods_are_not_compared() -> None:
    """Two 决算数 columns with neither year nor 本年/上年: which is the report's is unknown."""
    report = parsed(text("\t", "决算数\t决算数"), "r.tsv")
    assert three_public_rows(report.tables[0]) is not None
    assert three_public_table(report) is None
