"""FL410 (cost indicators vs the funding block) and FL411 (the 绩效 paragraph vs the tables)."""

from __future__ import annotations

import pytest

from fiscallint.testing import lint_text

FUNDING = "| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |\n"
INDICATORS = "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |\n"


def project(name: str, initial: str, budget: str, spent: str, *rows: str) -> str:
    rate = f"{float(spent) / float(budget) * 100:.2f}%" if float(budget) else "0.00%"
    head = f"项目支出绩效自评表\n| 项目名称 | {name} |\n" + FUNDING + f"| | 年度资金总额 | {initial} | {budget} | {spent} | {rate} |\n"
    return head + (INDICATORS + "".join(f"| {r} |\n" for r in rows) if rows else "")


def found(text: str, code: str) -> list[tuple[str, str]]:
    return [(f.severity.value, f.message) for f in lint_text(text, select=[code]) if f.code in (code, "FL000")]


COST = "成本指标 | 经济成本指标"


@pytest.mark.parametrize(("rows", "severity"), [
    ([f"{COST} | 会议费 | ≤12 万元 | 18 万元"], "error"),  # one cost above all that was spent
    ([f"{COST} | 会议费 | ≤120000 元 | 180000 元"], "error"),  # the same in 元
    ([f"{COST} | 建设成本 | ≤300 万元 | 18 万元"], "warning"),  # a target beyond the budget: maybe a multi-year cost
    ([f"{COST} | 会议费 | ≤10 万元 | 9.5 万元", f"{COST} | 资料费 | ≤8 万元 | 7.5 万元"], "warning"),  # 17 > 15
    ([f"{COST} | 项目经费 | =20 万元 | 15 万元"], "warning"),  # whole project: target is not the budget
    ([f"{COST} | 项目经费 | =16 万元 | 12 万元"], "warning"),  # target = budget, actual is not the spent
    (["| | 运行经费 | 16 | 11"], "warning"),  # no unit, but the target is the budget
])
def test_cost_indicator_fires(rows: list[str], severity: str) -> None:
    result = found(project("示范项目", "16.00", "16.00", "15.00", *rows), "FL410")
    assert [s for s, _ in result] == [severity], result


@pytest.mark.parametrize("rows", [
    [f"{COST} | 会议费 | ≤12 万元 | 11 万元"],
    [f"{COST} | 会议费 | ≤120000 元 | 110000 元"],
    [f"{COST} | 会议费 | ≤10 万元 | 8 万元", f"{COST} | 资料费 | ≤8 万元 | 7 万元"],  # 15 = spent
    [f"{COST} | 会议费 | ≤10 万元 | 8.004 万元", f"{COST} | 资料费 | ≤8 万元 | 7.004 万元"],  # tail rounding
    [f"{COST} | 项目经费 | =16 万元 | 15 万元"],
    [f"{COST} | 项目经费 | ≤20 万元 | 15 万元"],  # a ceiling above the budget is no contradiction
    [f"{COST} | 人均培训成本 | ≤0.2 万元/人 | 0.3 万元/人"],  # a unit cost, not an amount
    ["效益指标 | 经济效益指标 | 带动社会资金 | ≥50 万元 | 80 万元"],  # not a cost
    ["| | 运行经费 | 11 | 11"],  # no unit and nothing ties it to the funds
    [f"{COST} | 项目总成本 | =15 万元 | 15 万元", f"{COST} | 其中会议费 | =10 万元 | 10 万元"],  # a total and a part
    [f"{COST} | 办公费 | =10 万元 | 10 万元", f"{COST} | 差旅费 | =5 万元 | 5 万元", f"{COST} | 会议费 | =15 万元 | 15 万元"],
])
def test_cost_indicator_near_miss(rows: list[str]) -> None:
    assert not found(project("示范项目", "16.00", "16.00", "15.00", *rows), "FL410")


def test_cost_indicator_message_shows_the_figures() -> None:
    rows = [f"{COST} | 会议费 | ≤10 万元 | 9.5 万元", f"{COST} | 资料费 | ≤8 万元 | 7.5 万元"]
    [(_, message)] = found(project("示范项目", "16.00", "16.00", "15.00", *rows), "FL410")
    assert "9.5 + 7.5 = 17.00" in message and "15.00" in message


PARAGRAPH = "（一）预算绩效管理工作开展情况\n本部门组织开展绩效自评，共涉及项目 {n} 个，资金 {x} 万元，占项目支出总额的 100%。\n"
TABLES = project("甲项目", "40.00", "40.00", "36.00") + project("乙项目", "25.00", "30.00", "30.00")


@pytest.mark.parametrize(("text", "fires"), [
    (PARAGRAPH.format(n=2, x="80.00") + TABLES, True),
    (PARAGRAPH.format(n=2, x="70.00") + TABLES, False),  # = the budgets
    (PARAGRAPH.format(n=2, x="66.00") + TABLES, False),  # = the actuals
    (PARAGRAPH.format(n=2, x="70.02") + TABLES, False),  # tail rounding
    (PARAGRAPH.format(n=3, x="80.00") + TABLES, False),  # a counted table is not printed
    (PARAGRAPH.format(n=1, x="80.00") + TABLES, False),
    ("本部门开展绩效自评，共涉及项目 2 个，全年预算数 66.00 万元，全年执行数 66.00 万元。\n" + TABLES, True),
    ("本部门开展绩效自评，共涉及项目 2 个，全年预算数 70.00 万元，全年执行数 66.00 万元。\n" + TABLES, False),
    ("编报绩效目标的项目 2 个，涉及预算金额 80.00 万元。\n" + TABLES, False),  # not the self-evaluation
    ("本部门开展绩效自评，共涉及项目 2 个，年初预算为0，全年执行数 60.00 万元。\n" + TABLES, True),  # the bare 0 aside
    ("本部门开展绩效自评，共涉及项目 2 个，年初预算为0，全年执行数 66.00 万元。\n" + TABLES, False),
    ("本部门开展绩效自评，共涉及项目 2 个，资金 70.00 万元，比上年增加（减少）5.00 万元。\n" + TABLES, False),  # a change, no fund
])
def test_performance_narrative(text: str, fires: bool) -> None:
    assert bool(found(text, "FL411")) is fires


def test_performance_narrative_states_the_sum() -> None:
    [(severity, message)] = found(PARAGRAPH.format(n=2, x="80.00") + TABLES, "FL411")
    assert severity == "warning"
    assert "40.00 + 30.00 = 70.00" in message and "36.00 + 30.00 = 66.00" in message


def test_performance_narrative_budget_only() -> None:
    text = "本部门开展绩效自评，共涉及项目 2 个，全年预算数 66.00 万元，全年执行数 66.00 万元。\n" + TABLES
    messages = [m for _, m in found(text, "FL411")]
    assert len(messages) == 1 and "全年预算数合计 40.00 + 30.00 = 70.00" in messages[0] and "执行数合计" not in messages[0]


def test_department_statement() -> None:
    table = ("部门整体支出绩效自评表\n| 部门名称 | 示范单位 |\n" + FUNDING.replace("项目资金", "部门资金")
             + "| | 年度资金总额 | 300.00 | 300.00 | 280.00 | 93.33% |\n")
    text = "本部门形成整体支出绩效自评表 1 个，全年预算总额 {b} 万元，实际执行总额 280.00 万元。\n" + table
    assert found(text.format(b="320.00"), "FL411")
    assert not found(text.format(b="300.00"), "FL411")
