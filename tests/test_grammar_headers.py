"""Value columns read from a dump table's printed header names when no 栏次 line is printed."""

from __future__ import annotations

from fiscallint.ast import Report, Row, Table
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape
from fiscallint.parser.tables import header_names
from fiscallint.testing import lint_text


def parse(text: str) -> Report:
    return parse_source(SourceText("fixture.txt", text, "utf-8", detect_shape("fixture.txt", text)))


def table_of(text: str) -> Table:
    report = parse(text)
    assert len(report.tables) == 1, [t.number for t in report.tables]
    return report.tables[0]


def row(table: Table, key: str) -> Row:
    found = next((r for r in table.rows if r.code == key or r.label == key), None)
    assert found is not None, key
    return found


def columns(table: Table, key: str) -> list[tuple[str, int | None]]:
    return [(c.number.text, c.column) for c in row(table, key).cells]


def findings_at(text: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of the table-arithmetic (FL2xx) findings."""
    return [(f.code, f.span.line, f.span.column) for f in lint_text(text, select=["FL2"])]


def position(text: str, figure: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of a figure in the text."""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        start = line.find(figure)
        while start >= 0:
            if seen == nth:
                return number, start + 1
            seen += 1
            start = line.find(figure, start + 1)
    raise AssertionError(figure)


EXPENSE = """2030年度支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 {total} 617.20 154.40
205 教育支出 771.60 617.20 154.40
20502 普通教育 735.60 {basic} {project}
2050201 学前教育 581.20 581.20 0.00
2050202 小学教育 154.40 0.00 154.40
20509 教育费附加安排的支出 36.00 36.00
2050999 其他教育费附加安排的支出 36.00 36.00
"""
EXPENSE_OK = EXPENSE.format(total="771.60", basic="581.20", project="154.40")


def test_one_line_03_header_names_the_value_columns() -> None:
    table = table_of(EXPENSE_OK)
    assert table.columns == ["本年支出合计", "基本支出", "项目支出"]
    assert table.column_count == 3
    assert columns(table, "合计") == [("771.60", 1), ("617.20", 2), ("154.40", 3)]
    assert row(table, "2050201").positioned


def test_row_with_fewer_values_is_placed_only_where_provable() -> None:
    table = table_of(EXPENSE_OK)
    # 36.00 36.00: 基本支出 or 项目支出, both satisfy 1 = 2 + 3
    assert columns(table, "2050999") == [("36.00", 1), ("36.00", None)]
    assert not row(table, "2050999").positioned


def test_planted_total_fires_fl202_at_the_cell() -> None:
    text = EXPENSE.format(total="717.60", basic="581.20", project="154.40")
    assert ("FL202", *position(text, "717.60")) in findings_at(text)
    message = next(f.message for f in lint_text(text, select=["FL202"]))
    assert "617.20 + 154.40 = 771.60" in message


def test_planted_parent_cell_fires_fl201_at_the_cell() -> None:
    text = EXPENSE.format(total="771.60", basic="591.20", project="144.40")  # the row still adds up
    found = findings_at(text)
    assert ("FL201", *position(text, "591.20")) in found
    assert not any(code == "FL202" for code, _, _ in found)


def test_correct_03_table_is_clean() -> None:
    assert lint_text(EXPENSE_OK, select=["FL2"]) == []


INCOME = """2030年度收入决算表
公开02表
单位：万元
科目编码 科目名称 本年收入合计 财政拨款收入 事业收入 其他收入
合计 {total} 402.50 30.00 7.90
208 社会保障和就业支出 440.40 402.50 30.00 7.90
"""


def test_one_line_02_header() -> None:
    table = table_of(INCOME.format(total="440.40"))
    assert table.columns == ["本年收入合计", "财政拨款收入", "事业收入", "其他收入"]
    assert columns(table, "208") == [("440.40", 1), ("402.50", 2), ("30.00", 3), ("7.90", 4)]
    assert lint_text(INCOME.format(total="440.40"), select=["FL2"]) == []
    text = INCOME.format(total="444.40")
    assert ("FL202", *position(text, "444.40")) in findings_at(text)


GENERAL = """2030年度一般公共预算财政拨款支出决算表
公开05表
单位：万元
项目 本年支出
科目编码 科目名称 小计 基本支出 项目支出
合计 {total} 210.00 64.35
207 文化旅游体育与传媒支出 274.35 210.00 64.35
"""


def test_05_header_under_a_spanning_heading() -> None:
    table = table_of(GENERAL.format(total="274.35"))
    assert table.columns == ["小计", "基本支出", "项目支出"]
    assert columns(table, "合计") == [("274.35", 1), ("210.00", 2), ("64.35", 3)]
    assert lint_text(GENERAL.format(total="274.35"), select=["FL2"]) == []
    text = GENERAL.format(total="247.35")
    assert ("FL202", *position(text, "247.35")) in findings_at(text)


THREE_PUBLIC = """2030年度财政拨款“三公”经费支出决算表
公开09表
单位：万元
项目 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
决算数 {total} 1.20 5.40 3.20
"""


def test_one_line_three_public_header() -> None:
    table = table_of(THREE_PUBLIC.format(total="9.80"))
    assert table.column_count == 4
    assert columns(table, "决算数") == [("9.80", 1), ("1.20", 2), ("5.40", 3), ("3.20", 4)]
    assert lint_text(THREE_PUBLIC.format(total="9.80"), select=["FL2"]) == []
    text = THREE_PUBLIC.format(total="8.90")
    assert ("FL202", *position(text, "8.90")) in findings_at(text)


SPLIT = """2030年度支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支
出合计 基本支出 项目支出
合计 753.60 581.20 154.40
205 教育支出 735.60 581.20 154.40
"""


def test_names_split_over_lines_keep_the_old_behaviour() -> None:
    table = table_of(SPLIT)
    assert table.columns == []
    assert table.column_count is None
    assert columns(table, "合计") == [("753.60", 1), ("581.20", None), ("154.40", None)]
    # Unread names place nothing, but 03's first column is the sum of all the others in every
    # variant of the table, so the 合计 row's wrong total is still found (and 205's right one is not).
    assert [(f.code, f.span.line) for f in lint_text(SPLIT, select=["FL202"])] == [("FL202", 6)]


def test_unsure_headers_are_not_read() -> None:
    # a two-level header flattened: the group's parts printed after it
    assert header_names(["合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费", "公务用车购置费 公务用车运行维护费"]) == []
    # 预算数 | 决算数 halves repeat the names
    assert header_names(["预算数 决算数", "合计 基本支出 项目支出 合计 基本支出 项目支出"]) == []
    # the total is not first, or a word is not a standard column name
    assert header_names(["科目编码 科目名称 基本支出 项目支出 本年支出合计"]) == []
    assert header_names(["科目编码 科目名称 本年支出合计 基本支出 人员经费"]) == []
    # a label word after the value names
    assert header_names(["本年支出合计 基本支出 项目支出 科目名称"]) == []


def test_names_read_over_several_complete_lines() -> None:
    assert header_names(["科目编码 科目名称 本年支出合计 基本支出 项目支出", "上缴上级支出 经营支出 对附属单位补助支出"]) == [
        "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出",
    ]


def test_column_numbers_line_wins_when_it_disagrees() -> None:
    text = EXPENSE_OK.replace("项目支出\n", "项目支出\n栏次 1 2 3 4 5 6\n", 1)
    table = table_of(text)
    assert table.column_count == 6
    assert table.columns == []


def test_a_tables_heading_names_its_bases_years_and_other_periods() -> None:
    from fiscallint.parser.heading import read_heading

    interleaved = read_heading(["合计 因公出国（境）费", "预算数 决算数 预算数 决算数 预算数 决算数"])
    assert interleaved.bases == ["budget", "actual"] * 3 and interleaved.interleaved and not interleaved.other_period
    two_years = read_heading(["科目名称 2025年预算数 2024年执行数"])
    assert two_years.years == [2025, 2024] and two_years.bases == ["budget"]
    assert read_heading(["项目 本年预算数 上年预算数 增减"]).other_period
    carried = read_heading(["一般公共预算财政拨款 上年结转 本年收入"])
    assert not carried.other_period and carried.bases == []  # 上年结转 is this year's income; a fund name is no basis
