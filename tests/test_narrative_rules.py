"""Narrative arithmetic rules FL101–FL108: each fires on a wrong claim and keeps quiet on a near miss."""

from __future__ import annotations

import pytest

from fiscallint.findings import Severity
from fiscallint.testing import lint_text

TABLE_05 = """
公开05表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 500.00 380.00 120.00
201 一般公共服务支出 400.00 280.00 120.00
208 社会保障和就业支出 100.00 100.00
"""


def codes(text: str, code: str) -> list:
    return [f for f in lint_text(text + "\n", select=[code]) if f.code == code]


@pytest.mark.parametrize(
    ("code", "bad", "good"),
    [
        ("FL101", "支出合计 200.00 万元，其中：基本支出 150.00 万元，占本年支出 70%。",
         "支出合计 200.00 万元，其中：基本支出 150.00 万元，占本年支出 75%。"),
        ("FL102", "全年预算为 50.00 万元，支出决算为 40.00 万元，完成全年预算的 70%。",
         "全年预算为 50.00 万元，支出决算为 40.00 万元，完成全年预算的 80%。"),
        ("FL102", "年初预算数 80.00 万元，决算数 84.00 万元，预决算差异率 4.00%。",
         "年初预算数 80.00 万元，决算数 84.00 万元，预决算差异率 5.00%。"),
        ("FL103", "机关运行经费支出 30.00 万元，比上年增加 5.00 万元，增长 16.7%。",
         "机关运行经费支出 30.00 万元，比上年增加 5.00 万元，增长 20.0%。"),
        ("FL104", "机关运行经费支出 30.00 万元，比上年增加 5.00 万元，下降 20.0%。",
         "机关运行经费支出 30.00 万元，比上年增加 5.00 万元，增长 20.0%。"),
        ("FL105", "“三公”经费支出 20.00 万元，其中：因公出国（境）费 12.00 万元，公务用车购置及运行维护费 5.00 万元，公务接待费 2.00 万元。",
         "“三公”经费支出 20.00 万元，其中：因公出国（境）费 12.00 万元，公务用车购置及运行维护费 5.00 万元，公务接待费 3.00 万元。"),
        ("FL105", "政府采购支出总额 9.00 万元，其中：政府采购货物支出 6.00 万元、政府采购服务支出 4.00 万元。",
         "政府采购支出总额 10.00 万元，其中：政府采购货物支出 6.00 万元、政府采购服务支出 4.00 万元。"),
        ("FL106", "本年支出 300.00 万元，其中：基本支出 200.00 万元、项目支出 310.00 万元。",
         "本年支出 300.00 万元，其中：基本支出 200.00 万元、项目支出 100.00 万元。"),
        ("FL107", "全年预算为 30.00 万元，支出决算为 29.99 万元，完成全年预算的 99.9%。",
         "全年预算为 30.00 万元，支出决算为 29.99 万元，完成全年预算的 100.0%。"),
        ("FL108", "2024年度一般公共预算财政拨款支出 520.00 万元。\n" + TABLE_05,
         "2024年度一般公共预算财政拨款支出 500.00 万元。\n" + TABLE_05),
    ],
)
def test_fires_and_near_miss(code: str, bad: str, good: str) -> None:
    assert codes(bad, code), f"{code} should fire on: {bad}"
    assert not codes(good, code), f"{code} should not fire on: {good}"


def test_rounding_is_never_an_error() -> None:
    # 2035.32 / 2486.85 = 81.84% shown as 81.8%; 429.8 written without its trailing zero.
    text = "2023年度支出合计 2,486.85 万元，其中：基本支出 2,035.32 万元，占本年支出 81.8%。全年预算为 7 万元，支出决算为 4.78 万元，完成全年预算的 68%。"
    assert not lint_text(text + "\n", select=["FL1"])


def test_truncation_is_info_and_not_also_an_error() -> None:
    text = "支出合计 300.00 万元，其中：项目支出 54.50 万元，占本年支出 18.1%。"
    found = lint_text(text + "\n", select=["FL1"])
    assert [(f.code, f.severity) for f in found] == [("FL107", Severity.INFO)]


def test_inferred_whole_is_a_warning_and_only_when_nothing_matches() -> None:
    lead = "2024年度一般公共预算财政拨款支出 500.00 万元，主要用于以下方面：\n\n"
    good = lead + "1.一般公共服务（类）支出 400.00 万元，占 80%。\n\n2.社会保障和就业（类）支出 100.00 万元，占 20%。"
    assert not codes(good, "FL101")
    bad = lead + "1.一般公共服务（类）支出 400.00 万元，占 60%。"
    (finding,) = codes(bad, "FL101")
    assert finding.severity == Severity.WARNING and "400.00 / 500.00" in finding.message


def test_named_whole_resolved_from_the_table() -> None:
    text = "共涉及项目 3 个，资金 120.00 万元，占一般公共预算项目支出总额的 60%。\n" + TABLE_05
    (finding,) = codes(text, "FL101")
    assert finding.severity == Severity.ERROR and "120.00 / 120.00" in finding.message
    assert not codes(text.replace("60%", "100%"), "FL101")


def test_partial_breakdown_short_of_total_is_left_alone() -> None:
    text = "2024年度一般公共预算财政拨款基本支出 300.00 万元，其中：人员经费 250.00 万元。"
    assert not codes(text, "FL105")


def test_change_rate_with_zero_base_year_is_not_checked() -> None:
    text = "离退休支出 0.60 万元，比上年增加 0.60 万元，增长 100%。"
    assert not lint_text(text + "\n", select=["FL103", "FL104"])


def test_increase_larger_than_current_figure() -> None:
    text = "公务接待费 2.00 万元，比上年增加 3.00 万元。"
    (finding,) = codes(text, "FL104")
    assert "为负" in finding.message


def test_small_business_share_larger_than_sme() -> None:
    text = "授予中小企业合同金额 1.00 万元，其中：授予小微企业合同金额 1.50 万元。"
    (finding,) = codes(text, "FL106")
    assert "1.50" in finding.message and "1.00" in finding.message


def test_class_amount_against_table_05() -> None:
    text = "1.一般公共服务（类）支出 410.00 万元，占 82%。\n" + TABLE_05
    (finding,) = codes(text, "FL108")
    assert "400.00" in finding.message and finding.related
    assert not codes(text.replace("410.00", "400.00"), "FL108")


def test_class_amount_needs_a_path_that_introduces_it() -> None:
    """The 类 is read from the item path the amount's words consist of; a class listed after
    other words (主要用于：…) or a path followed by other words names no table figure here."""
    assert codes("2.“一般公共服务（类）”：410.00 万元。\n" + TABLE_05, "FL108")
    assert not codes("本年支出主要用于：一般公共服务（类）410.00 万元。\n" + TABLE_05, "FL108")
    assert not codes("一般公共服务（类）项目支出为 410.00 万元。\n" + TABLE_05, "FL108")


def test_totals_are_named_through_the_measures_of_the_map() -> None:
    """A total's name read through the model's measures: 基本支出 and 项目支出 of 05 by any of
    the names reports give them; in a 决算 report a 预算 figure names no figure of its tables."""
    assert codes("一般公共预算拨款项目支出 130.00 万元。\n" + TABLE_05, "FL108")
    assert not codes("一般公共预算拨款项目支出 120.00 万元。\n" + TABLE_05, "FL108")
    assert codes("一般公共预算基本支出 390.00 万元。\n" + TABLE_05, "FL108")
    assert not codes("一般公共预算基本支出预算 390.00 万元。\n" + TABLE_05, "FL108")


ITEM_TABLES = """
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
208 社会保障和就业支出 130.00 100.00 30.00
20805 行政事业单位养老支出 130.00 100.00 30.00
2080505 机关事业单位基本养老保险缴费支出 130.00 100.00 30.00

公开05表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
208 社会保障和就业支出 100.00 100.00
20805 行政事业单位养老支出 100.00 100.00
2080505 机关事业单位基本养老保险缴费支出 100.00 100.00
"""
ITEM = "\n五、一般公共预算财政拨款支出决算具体情况\n1.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为 110.00 万元，支出决算为 {v} 万元。"


def test_fl108_item_amount_against_its_row_in_table_05() -> None:
    (finding,) = codes(ITEM_TABLES + ITEM.format(v="101.00"), "FL108")
    assert "2080505" in finding.message and "100.00" in finding.message
    assert finding.related
    assert not codes(ITEM_TABLES + ITEM.format(v="100.00"), "FL108")
    assert not codes(ITEM_TABLES + ITEM.format(v="130.00"), "FL108")  # table 03's figure: other funds included
    two_items = ITEM.replace("缴费支出（项）", "缴费支出（项）其他支出（项）")
    assert not codes(ITEM_TABLES + two_items.format(v="101.00"), "FL108")  # which 项 is meant: FL505's question


def test_fl104_an_item_after_a_semicolon_is_about_its_own_figure() -> None:
    item = "“三公”经费支出决算比上年增加 5.00 万元，增长 50.00%，其中：因公出国（境）费支出决算为 0 万元，与上年持平；公务用车购置及运行维护费支出决算{figure}增加 5.00 万元，增长 100.00%。"
    assert not codes(item.format(figure=""), "FL104")  # not “5.00 more than 0”: the 0 is another item's
    assert codes(item.format(figure=" 3.00 万元，比上年"), "FL104")  # its own figure 3.00 < 5.00: last year negative


def test_fl101_shares_of_a_total_stated_among_other_amounts_just_before() -> None:
    before = "“三公”经费财政拨款支出年初预算为 11.49 万元，支出决算为 3.04 万元，完成预算的 26.46%。\n"
    shares = "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算 0 万元，占 0%；公务用车购置及运行维护费支出决算 2.64 万元，占 {p}%。"
    assert not codes(before + shares.format(p="86.84"), "FL101")  # 2.64 / 3.04
    assert codes(before + shares.format(p="80.00"), "FL101")


def test_fl102_a_rate_in_a_sentence_of_its_own_uses_the_figures_just_before() -> None:
    text = "项目支出年初预算为 80.00 万元，支出决算为 60.00 万元。完成年初预算的 {p}%。"
    assert not codes(text.format(p="75"), "FL102")
    assert codes(text.format(p="85"), "FL102")


def _statistics_with(sentence: str) -> str:
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "final-statistics-2024.md").read_text(encoding="utf-8")
    old = "公务接待费预算为1.40万元，支出决算为0.90万元，完成预算的64.3%，"
    assert old in text
    return text.replace(old, sentence)


def test_a_fund_name_before_a_three_public_figure_is_no_budget() -> None:
    # 一般公共预算 names the fund: the figure is the item's 决算 (0.90), not its 预算 (1.40)
    assert lint_text(_statistics_with("一般公共预算财政拨款公务接待费0.90万元，"), select=["FL307"], path="s.md") == []
    found = lint_text(_statistics_with("一般公共预算财政拨款公务接待费0.80万元，"), select=["FL307"], path="s.md")
    assert len(found) == 1 and "0.90" in found[0].message
