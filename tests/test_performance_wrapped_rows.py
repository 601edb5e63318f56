"""Indicator rows a flattening wrapped over several lines, under a header naming 分值 and 得分
after the values: read when every piece has one place, recorded (FL001) otherwise."""

from __future__ import annotations

from fiscallint.ast import PerformanceTable
from fiscallint.parser import parse_source
from fiscallint.source import SourceText
from fiscallint.testing import lint_text

HEAD = [
    "项目支出绩效自评表",
    "项目名称 街巷照明维护",
    "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
    "年度资金总额 20.00 20.00 19.00 10 95.00% 9.50",
    "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因",
]
ROWS = [
    "产出指标 数量指标 维修更换",  # 6
    "路灯盏数",
    "≥300盏",
    "320盏",
    "40 40",  # 10
    "产出指标 质量指标 路灯",
    "亮灯率",
    "≥98%",
    "96%",
    "部分线路",  # 15
    "老化待改造",
    "30 25",
    "满意度指标 服务对象满意度指标 居民满意度",
    "≥90%",
    "93%",  # 20
    "20",
    "20",
    "总分 100 94.50 优",
]
TEXT = "\n".join(HEAD + ROWS) + "\n"


def parse(text: str) -> PerformanceTable:
    (table,) = parse_source(SourceText("wrapped.txt", text, "utf-8", "dump")).performance
    return table


def test_rows_wrapped_over_lines_are_read_with_their_levels_reason_and_scores() -> None:
    table = parse(TEXT)
    assert [(i.level1, i.level2, i.name) for i in table.indicators] == [
        ("产出指标", "数量指标", "维修更换路灯盏数"),
        ("产出指标", "质量指标", "路灯亮灯率"),
        ("满意度指标", "服务对象满意度指标", "居民满意度"),
    ]
    lamps, lit, people = table.indicators
    assert (lamps.target.text, lamps.actual.text, lamps.weight.text, lamps.score.text) == ("≥300盏", "320盏", "40", "40")  # type: ignore[union-attr]
    assert lit.reason == "部分线路老化待改造" and lit.score.text == "25"  # type: ignore[union-attr]
    assert (people.weight.text, people.score.text, people.score.span.line) == ("20", "20", 22)  # type: ignore[union-attr]
    assert lamps.actual.span.line == 9 and not table.unplaced  # type: ignore[union-attr]
    assert (table.total_score.text, table.grade) == ("94.50", "优")  # type: ignore[union-attr]
    assert lint_text(TEXT, ["FL4"], path="wrapped.txt") == []


def test_rules_run_on_wrapped_rows() -> None:
    unmet = TEXT.replace("320盏", "280盏")
    assert [(f.code, f.span.line) for f in lint_text(unmet, ["FL408"], path="wrapped.txt")] == [("FL408", 10)]
    low = TEXT.replace("20\n20\n总分 100 94.50", "20\n18\n总分 100 92.50")
    assert [(f.code, f.span.line) for f in lint_text(low, ["FL413"], path="wrapped.txt")] == [("FL413", 22)]


def test_a_row_whose_pieces_have_no_sure_place_is_recorded_not_guessed() -> None:
    words = TEXT.replace("≥300盏\n320盏", "≥300盏\n较多")  # a value in words: a name's tail or the actual?
    table = parse(words)
    assert "维修更换路灯盏数" not in [i.name for i in table.indicators]
    assert [s.line for s in table.unplaced] == [8, 10]
    figure_in_name = TEXT.replace("路灯盏数", "路灯 2 类")  # a figure among the name's lines
    assert "维修更换路灯盏数" not in [i.name for i in parse(figure_in_name).indicators]
    between = TEXT.replace("≥98%\n96%", "≥98%\n说明\n96%")  # words between the target and the actual
    table = parse(between)
    assert "路灯亮灯率" not in [i.name for i in table.indicators] and table.unplaced
    assert [f.code for f in lint_text(between, ["FL403", "FL001"], path="wrapped.txt")] == ["FL001"] * len({s.line for s in table.unplaced})


def test_values_of_a_compound_row_one_line_each() -> None:
    compound = TEXT.replace("≥300盏\n320盏", "≥300盏 ≥20处\n320盏 36处")
    (lamps, *_) = parse(compound).indicators
    assert [p.text for p in lamps.target.parts] == ["≥300盏", "≥20处"]  # type: ignore[union-attr]
    found = lint_text(compound, ["FL406"], path="wrapped.txt")
    assert [f.message.split("，")[0] for f in found] == ["“维修更换路灯盏数”实际完成 36 处"]


def test_coverage_lists_the_lines_not_read() -> None:
    from fiscallint.coverage import coverage_line

    report = parse_source(SourceText("wrapped.txt", TEXT.replace("≥300盏\n320盏", "≥300盏\n较多"), "utf-8", "dump"))
    listed = [line for line in coverage_line(report).splitlines() if "performance table line not read" in line]
    assert [line.split(":")[1] for line in listed] == ["8", "10"]
    assert not [line for line in coverage_line(parse_source(SourceText("wrapped.txt", TEXT, "utf-8", "dump"))).splitlines() if "not read" in line]


def test_text_after_a_rows_scores_is_its_reason_before_a_row_on_one_line() -> None:
    text = TEXT.replace("40 40\n产出指标 质量指标 路灯\n亮灯率\n≥98%\n96%\n部分线路\n老化待改造\n30 25",
                        "40 36\n部分路段\n施工延后\n产出指标 质量指标 亮灯率 ≥98% 99% 30 30")
    table = parse(text.replace("总分 100 94.50", "总分 100 95.50"))
    assert [(i.name, i.reason) for i in table.indicators][:2] == [("维修更换路灯盏数", "部分路段施工延后"), ("亮灯率", "")]
    assert lint_text(text.replace("总分 100 94.50", "总分 100 95.50"), ["FL4"], path="wrapped.txt") == []
