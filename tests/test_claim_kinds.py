"""Rules over the claim kinds of the template sentences: each fires on its case and stays quiet on the near miss."""

from __future__ import annotations

from fiscallint.testing import lint_text


def messages(text: str, code: str) -> list[str]:
    return [f.message for f in lint_text(text, select=[code])]


# --- FL110: 决算数大于/小于预算数 vs the item's figures -------------------------------------------

def test_relation_contradicting_its_figures_fires_with_the_arithmetic() -> None:
    text = "1、机关服务（项）。年初预算为 640.20 万元，支出决算为 611.05 万元。决算数大于预算数的主要原因：人员增加。\n"
    (message,) = messages(text, "FL110")
    assert "611.05 小于 预算数 640.20" in message and "-29.15" in message


def test_relation_matching_its_figures_is_quiet() -> None:
    text = "1、机关服务（项）。年初预算为 640.20 万元，支出决算为 611.05 万元。决算数小于预算数的主要原因：人员减少。\n"
    assert not messages(text, "FL110")


def test_relation_reads_the_paragraph_just_before() -> None:
    text = ("1、机关服务（项）。年初预算为 640.20 万元，支出决算为 651.05 万元。\n"
            "决算数小于预算数的主要原因：人员减少。\n")
    (message,) = messages(text, "FL110")
    assert "651.05 大于 预算数 640.20" in message


def test_relation_with_two_budgets_uses_the_one_it_names() -> None:
    text = "项目年初预算为 100.00 万元，全年预算为 120.00 万元，支出决算为 110.00 万元。决算数小于全年预算数的主要原因：节约。\n"
    assert not messages(text, "FL110")
    assert messages(text.replace("小于全年", "小于年初"), "FL110")


def test_relation_in_yuan_and_wan_yuan() -> None:
    text = "项目年初预算为 800000 元，支出决算为 72.00 万元。决算数小于预算数的主要原因：节约。\n"
    assert not messages(text, "FL110")


def test_both_relations_printed_fire_only_with_figures() -> None:
    text = "项目年初预算为 100.00 万元，支出决算为 90.00 万元。决算数大于（小于）预算数的主要原因：节约。\n"
    (message,) = messages(text, "FL110")
    assert "两个方向" in message
    assert not messages("项目年初预算为XXX万元。决算数大于（小于）预算数的主要原因：XXXX。\n", "FL110")


# --- FL104: contradictory direction words ----------------------------------------------------

def test_stray_opposite_stem_fires() -> None:
    (message,) = messages("公务接待费 5.00 万元，比上年减增加 1.00 万元。\n", "FL104")
    assert "减增加" in message
    assert not messages("公务接待费 5.00 万元，比上年增加 1.00 万元。\n", "FL104")


def test_change_and_no_change_at_once_fires() -> None:
    assert messages("政府性基金拨款支出预算 0 万元，与上年预算增加持平。\n", "FL104")
    assert not messages("政府性基金拨款支出预算 0 万元，与上年预算持平。\n", "FL104")


# --- sentence shapes that used to raise false alarms or go unread ------------------------------

def test_rate_over_yuan_and_wan_yuan_is_read_in_one_unit() -> None:
    text = "项目年初预算为 800000 元，支出决算为 72 万元，完成年初预算的 90%。\n"
    assert not messages(text, "FL102")
    assert messages(text.replace("90%", "80%"), "FL102")


def test_stated_prior_year_figure_is_the_base_of_the_rate() -> None:
    text = "机关运行经费比上年 318.40 万元增加 12.20 万元，增长 3.83%。\n"
    assert not messages(text, "FL103")
    (message,) = messages(text.replace("3.83%", "4.83%"), "FL103")
    assert "12.20 / 318.40" in message


def test_item_rate_is_not_checked_against_the_total_budget() -> None:
    text = ("“三公”经费年初预算为 10.00 万元，支出决算为 8.00 万元，完成预算的 80%，"
            "其中：公务接待费决算为 3.00 万元，完成预算的 75%。\n")
    assert not messages(text, "FL102")
    assert messages(text.replace("80%", "70%"), "FL102")


def test_zero_budget_without_a_unit_is_a_zero_budget() -> None:
    text = "项目年初预算为0，支出决算为 70.00 万元，完成年初预算的 95.89%。\n"
    (message,) = messages(text, "FL109")
    assert "70.00 / 0" in message
    assert not messages("项目年初预算为 73.00 万元，支出决算为 70.00 万元，完成年初预算的 95.89%。\n", "FL109")


def test_rate_binds_to_the_figure_outside_the_brackets() -> None:
    text = ("项目全年预算为 1892.31 万元，执行数为 1820.40 万元（其中：基本支出 1502.10 万元，"
            "项目支出 318.30 万元），执行率为 96.20%。\n")
    assert not messages(text, "FL102")
    (message,) = messages(text.replace("96.20%", "16.82%"), "FL102")
    assert "1820.40 / 1892.31" in message


def test_budget_report_rate_between_last_year_execution_and_this_year_budget() -> None:
    text = "2025年当年预算执行数为5120.30万元，2026年预算安排512.03万元，比2025年预算执行数增加6.20%。\n"
    (message,) = messages(text, "FL103")
    assert "(512.03 − 5120.30) / 5120.30 = -90.00%" in message
    right = "2025年当年预算执行数为5120.30万元，2026年预算安排5437.76万元，比2025年预算执行数增加6.20%。\n"
    assert not messages(right, "FL103")
