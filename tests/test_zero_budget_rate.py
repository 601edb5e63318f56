"""FL109: a completion rate against a budget stated as zero."""

from __future__ import annotations

from fiscallint.testing import lint_text


def codes(text: str) -> list[str]:
    return [f.message for f in lint_text(text, select=["FL109"])]


def test_rate_of_a_zero_budget_fires_and_names_the_budget_that_gives_it() -> None:
    text = "项目支出年初预算为 0 万元，全年预算为 80.00 万元，支出决算为 60.00 万元，完成年初预算的 75%。\n"
    (message,) = codes(text)
    assert "60.00 / 0" in message and "60.00 / 80.00 = 75.00%" in message


def test_rate_of_a_zero_budget_without_another_budget_still_fires() -> None:
    (message,) = codes("项目支出年初预算为 0 万元，支出决算为 60.00 万元，完成年初预算的 75%。\n")
    assert "无从计算" in message and "该比例等于" not in message


def test_near_misses_stay_clean() -> None:
    assert not codes("项目支出年初预算为 0 万元，全年预算为 80.00 万元，支出决算为 60.00 万元，完成全年预算的 75%。\n")
    assert not codes("项目支出年初预算为 0 万元，支出决算为 0 万元，完成年初预算的 0%。\n")
    assert not codes("项目支出年初预算为 80.00 万元，支出决算为 60.00 万元，完成年初预算的 75%。\n")
