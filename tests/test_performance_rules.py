"""FL401–FL409 on small performance tables: each case that must fire has a near miss that must not."""

from __future__ import annotations

import pytest

from fiscallint.testing import lint_text

HEAD = "项目支出绩效自评表\n| 项目名称 | 示范项目 |\n"
FUNDING = "| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
INDICATORS = "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n"


def funding(a: str, b: str, rate: str, score: str = "10", weight: str = "10") -> str:
    return HEAD + FUNDING + f"| | 年度资金总额 | {a} | {a} | {b} | {weight} | {rate} | {score} |\n"


def indicators(*rows: str, total: str = "") -> str:
    return HEAD + INDICATORS + "".join(f"| {r} |\n" for r in rows) + (f"| 总分 | {total} |\n" if total else "")


def codes(text: str, code: str) -> list[str]:
    return [f.message for f in lint_text(text, select=[code]) if f.code == code]


@pytest.mark.parametrize(("text", "code", "fires"), [
    (funding("80.00", "60.00", "70.00%", "7.00"), "FL401", True),
    (funding("80.00", "60.00", "75.00%", "7.50"), "FL401", False),
    (funding("80.00", "60.01", "75.0%", "7.50"), "FL401", False),  # rounding only
    (funding("80.00", "60.00", "75.00%", "8.00"), "FL402", True),
    (funding("80.00", "60.00", "75.00%", "7.50"), "FL402", False),
    (funding("80.00", "88.00", "110.00%", "10.00"), "FL402", False),  # capped at 100%
    (funding("80.00", "88.00", "110.00%", "11.00"), "FL402", True),
])
def test_funding_rules(text: str, code: str, fires: bool) -> None:
    assert bool(codes(text, code)) is fires


def scored(total: str, grade: str = "") -> str:
    return (HEAD + FUNDING + "| | 年度资金总额 | 40.00 | 40.00 | 40.00 | 10 | 100.00% | 10 |\n" + INDICATORS
            + "| 产出指标 | 数量指标 | 培训次数 | ≥4 次 | 4 次 | 50 | 50 |\n"
            + "| 满意度指标 | 满意度指标 | 学员满意度 | ≥90% | 92% | 40 | 38 |\n"
            + f"| 总分 | 100 | | | | | 得分 | {total} | {grade} |\n")


def test_total_score() -> None:
    message = codes(scored("100"), "FL403")
    assert message and "10 + 50 + 38 = 98" in message[0]
    assert not codes(scored("98"), "FL403")
    assert not codes(scored("98.00"), "FL403")


def test_grade_band() -> None:
    assert codes(scored("98", "良"), "FL404")
    assert not codes(scored("98", "优"), "FL404")
    low = indicators("产出指标 | 数量指标 | 培训次数 | ≥4 次 | 4 次 | 100 | 80", total="")
    low += "| 总分 | | | | | 100 | 80 | 良 |\n"
    assert not codes(low, "FL404")  # 80 is 良 (lower bound included)
    assert codes(low.replace("| 良 |", "| 中 |"), "FL404")


@pytest.mark.parametrize(("row", "fires"), [
    ("效益指标 | 社会效益指标 | 工作推进 | 有序推进% | 有序推进% | 10 | 10", True),
    ("产出指标 | 质量指标 | 验收合格率 | ≥95% | 显著 | 10 | 10", True),
    ("满意度指标 | 满意度指标 | 群众满意度 | 较高 | 较高 | 10 | 10", True),
    ("满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 101% | 10 | 10", True),
    ("效益指标 | 社会效益指标 | 工作推进 | 有序推进 | 有序推进 | 10 | 10", False),
    ("满意度指标 | 满意度指标 | 群众满意度 | ≥90% | 100% | 10 | 10", False),
    ("产出指标 | 数量指标 | 访问量增长率 | ≥10% | 130% | 10 | 10", False),
])
def test_implausible_value(row: str, fires: bool) -> None:
    assert bool(codes(indicators(row), "FL405")) is fires


@pytest.mark.parametrize(("row", "fires"), [
    ("产出指标 | 数量指标 | 培训次数 | ≥4 次 | 6 次 | 10 | 10", True),
    ("产出指标 | 数量指标 | 培训次数 | ≥4 次 | 5 次 | 10 | 10", False),
    ("产出指标 | 时效指标 | 办理时限 | ≤10 天 | 30 天 | 10 | 5", False),
    ("成本指标 | 经济成本指标 | 培训费 | 10 万元 | 20 万元 | 10 | 5", False),
])
def test_target_too_low(row: str, fires: bool) -> None:
    found = codes(indicators(row, "满意度指标 | 满意度指标 | 学员满意度 | ≥90% | 95% | 10 | 10"), "FL406")
    assert bool(found) is fires


def test_boilerplate_targets() -> None:
    rows = ["产出指标 | 数量指标 | 培训次数 | ≥4 次 | 4 次 | 10 | 10",
            "产出指标 | 质量指标 | 合格率 | 100% | 100% | 10 | 10",
            "效益指标 | 社会效益指标 | 成效 | 显著 | 显著 | 10 | 10"]
    found = [f for f in lint_text(indicators(*rows), select=["FL406"]) if f.code == "FL406"]
    assert len(found) == 1 and found[0].severity.value == "info"
    rows[0] = "产出指标 | 数量指标 | 培训次数 | ≥4 次 | 5 次 | 10 | 10"
    assert not codes(indicators(*rows), "FL406")


def execution_table(actual: str) -> str:
    return (HEAD + FUNDING + "| | 年度资金总额 | 50.00 | 50.00 | 40.00 | 10 | 80.00% | 8.00 |\n" + INDICATORS
            + f"| 成本指标 | 预算执行 | 预算执行率 | 100% | {actual} | 10 | 8 |\n")


def test_execution_indicator() -> None:
    assert codes(execution_table("100%"), "FL407")
    assert not codes(execution_table("80%"), "FL407")


@pytest.mark.parametrize(("row", "fires"), [
    ("产出指标 | 数量指标 | 培训次数 | ≥4 次 | 2 次 | 20 | 20", True),
    ("产出指标 | 时效指标 | 办理时限 | ≤10 天 | 12 天 | 20 | 20", True),
    ("产出指标 | 数量指标 | 培训次数 | ≥4 次 | 2 次 | 20 | 10", False),
    ("产出指标 | 数量指标 | 培训次数 | ≥4 次 | 4 次 | 20 | 20", False),
    ("产出指标 | 时效指标 | 办理时限 | ≤10 天 | 8 天 | 20 | 20", False),
])
def test_unmet_full_score(row: str, fires: bool) -> None:
    assert bool(codes(indicators(row), "FL408")) is fires


def breakdown(basic: str) -> str:
    return ("部门整体支出绩效自评表\n| 单位名称 | 示范单位 |\n"
            f"| 基本支出总额 | {basic} | 项目支出总额 | 50.00 |\n"
            "| 资金（万元） | | 全年预算数 | 全年执行数 | 执行率 |\n"
            "| | 部门整体支出总额 | 260.00 | 250.00 | 96.15% |\n")


def test_funding_breakdown() -> None:
    found = codes(breakdown("250.00"), "FL409")
    assert found and "250.00 + 项目支出总额 50.00 = 300.00" in found[0]
    assert not codes(breakdown("200.00"), "FL409")
    assert not codes(breakdown("199.99"), "FL409")


GRID_SIGNS = "项目支出绩效自评表\n| 项目名称 | 示范项目 |\n" + INDICATORS


@pytest.mark.parametrize("target", ["≧90%", "＞＝90%", "不低于90%", "大于等于90%", "不少于 90 %"])
def test_a_comparison_printed_in_other_signs_or_in_words(target: str) -> None:
    """A target's ≥ printed as ≧, ＞＝ or in words is a figure with its sign, not a qualitative
    value with a % unit: met, nothing to report; missed with full score, FL408."""
    met = GRID_SIGNS + f"| 满意度指标 | 满意度指标 | 服务对象满意度 | {target} | 95% | 100 | 100 |\n"
    missed = GRID_SIGNS + f"| 满意度指标 | 满意度指标 | 服务对象满意度 | {target} | 85% | 100 | 100 |\n"
    assert [f.code for f in lint_text(met) if f.code.startswith("FL4")] == []
    assert [f.code for f in lint_text(missed) if f.code.startswith("FL4")] == ["FL408"]


@pytest.mark.parametrize(("grade", "fires"), [("良", True), ("优", False)])
def test_grade_printed_with_its_label_in_one_cell(grade: str, fires: bool) -> None:
    """总分 | 100 | 95 | 自评等级：良 — the grade is read from the cell that holds its label, and
    only the grade word is marked (the fix keeps the label)."""
    text = indicators("产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 4 次 | 100 | 95", total="100 | 95 | 自评等级：" + grade)
    found = [f for f in lint_text(text, select=["FL404"]) if f.code == "FL404"]
    assert bool(found) is fires
    if fires:
        line = text.splitlines()[found[0].span.line - 1]
        assert line[found[0].span.column - 1:found[0].span.end_column - 1] == "良"


def test_grade_row_after_an_empty_first_cell() -> None:
    """| | 自评等级 | 良 | (an HTML or pipe row whose first cell is empty) is read as the grade."""
    text = indicators("产出指标 | 数量指标 | 举办培训次数 | ≥4 次 | 4 次 | 100 | 95", total="100 | 95") + "| | 自评等级 | 良 |\n"
    assert [f.code for f in lint_text(text, select=["FL404"])] == ["FL404"]
