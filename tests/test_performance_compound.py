"""Indicator cells holding several quantities with different units (3批 4人次), in cells and in
flattened text: read quantity by quantity, paired by unit, or left uncompared and said so."""

from __future__ import annotations

from fiscallint.ast import Indicator, PerformanceTable
from fiscallint.coverage import coverage_line
from fiscallint.parser import parse_source
from fiscallint.parser.performance import compound_unpaired, value_pairs
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text

GRID = "\n".join([
    "项目支出绩效自评表",
    "| 项目名称 | 社区课堂 |",
    "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |",
    "| 产出指标 | 数量指标 | 课堂期数与学员人次 | ≥6期 ≥240人次 | 7期 300人次 | 30 | 30 |",
    "| 产出指标 | 时效指标 | 结课时间 | 2030年11月 | 2030年10月 | 20 | 20 |",
    "| 产出指标 | 质量指标 | 结业率 | ≥95% 98% | 97% | 20 | 20 |",
    "| 效益指标 | 社会效益指标 | 讲座场次与人数 | ≥4场 ≥200人 | 260人 5场 | 30 | 30 |",
])

DUMP = "\n".join([
    "项目支出绩效自评表",
    "项目名称 社区课堂",
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
    "产出指标 数量指标",
    "课堂期数与学员",
    "人次",
    "6期 240人次 7期 300人次 30 30",
    "讲座场次 4场 200人 5场",
    "满意度指标 学员满意度 95% 97% 70 70",
])


def parse(text: str, path: str) -> list[PerformanceTable]:
    return parse_source(SourceText(path, text, "utf-8", detect_shape(path, text))).performance


def by_name(table: PerformanceTable, name: str) -> Indicator:
    return next(i for i in table.indicators if i.name == name)


def test_a_grid_cell_of_two_quantities_pairs_by_unit_with_their_spans() -> None:
    table = parse(GRID, "compound.md")[0]
    classes = by_name(table, "课堂期数与学员人次")
    assert classes.target is not None and not classes.target.qualitative
    pairs = value_pairs(classes)
    assert [(t.text, a.text) for t, a in pairs] == [("≥6期", "7期"), ("≥240人次", "300人次")]
    assert [t.op for t, _ in pairs] == ["≥", "≥"]
    line = GRID.splitlines()[3]
    people = pairs[1][1]
    assert line[people.span.column - 1:people.span.end_column - 1] == "300人次"
    assert people.number is not None and people.number.text == "300"


def test_dates_and_two_percentages_are_no_compound_values() -> None:
    table = parse(GRID, "compound.md")[0]
    assert not by_name(table, "结课时间").target.parts  # type: ignore[union-attr]
    assert not by_name(table, "结业率").target.parts  # type: ignore[union-attr]


def test_quantities_in_another_order_are_not_compared_and_coverage_says_so() -> None:
    table = parse(GRID, "compound.md")[0]
    lectures = by_name(table, "讲座场次与人数")
    assert compound_unpaired(lectures) and value_pairs(lectures) == []
    report = parse_source(SourceText("compound.md", GRID, "utf-8", "markdown"))
    assert "compound.md:7: indicator values not compared" in coverage_line(report)


def test_grid_findings_per_quantity() -> None:
    low = GRID.replace("7期 300人次", "7期 400人次")
    findings = [f for f in lint_text(low, ["FL406"], path="compound.md")]
    assert [f.message.split("，")[0] for f in findings] == ["“课堂期数与学员人次”实际完成 400 人次"]
    assert "400 / 240 = 1.67 倍" in findings[0].message


def test_a_flattened_line_of_four_quantities_halves_into_target_and_actual() -> None:
    table = parse(DUMP, "compound.txt")[0]
    classes = by_name(table, "课堂期数与学员人次")
    assert [(t.text, a.text) for t, a in value_pairs(classes)] == [("6期", "7期"), ("240人次", "300人次")]
    assert classes.weight is not None and classes.weight.text == "30"
    assert classes.score is not None and classes.score.text == "30"


def test_a_flattened_line_of_quantities_that_do_not_halve_is_recorded_not_guessed() -> None:
    table = parse(DUMP, "compound.txt")[0]
    assert all(i.name != "讲座场次" for i in table.indicators)
    assert [s.line for s in table.unplaced] == [8]
    fl001 = [f for f in lint_text(DUMP, ["FL001"], path="compound.txt")]
    assert [f.span.line for f in fl001] == [8]
