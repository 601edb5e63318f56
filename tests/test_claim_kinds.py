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
    assert messages(text.replace("小于预算数", "大于预算数"), "FL110")


def test_relation_with_a_slipped_unit_is_not_compared() -> None:
    """年初预算为 80.81 元 beside a 决算 of 80.38 万元: the unit is what is wrong (or an extraction
    moved 万 away), so 决算数小于预算数 is not reported as contradicting the figures."""
    text = "项目年初预算为 80.81 元，支出决算为 80.38 万元。决算数小于预算数的主要原因：节约。\n"
    assert not messages(text, "FL110")
    assert messages(text.replace("80.81 元", "80.81 万元").replace("小于预算数", "大于预算数"), "FL110")


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


# --- FL111: an item's amount stated twice -----------------------------------------------------

ITEM = "1、“一般公共服务支出（类）机关服务（款）行政运行（项）”{lead} 万元，年初预算为 330.00 万元，支出决算为 301.85 万元，完成年初预算的 {rate}%。\n"


def test_item_amount_restated_fires_and_names_the_figure_the_rate_fits() -> None:
    (message,) = messages(ITEM.format(lead="318.20", rate="96.42"), "FL111")
    assert "318.20" in message and "301.85" in message and "318.20 / 330.00 = 96.42%" in message


def test_item_amount_equal_to_its_restatement_is_quiet() -> None:
    assert not messages(ITEM.format(lead="301.85", rate="91.47"), "FL111")
    assert not messages(ITEM.format(lead="330.00", rate="91.47"), "FL111")  # the path amount is the budget


def test_an_amount_the_path_does_not_introduce_is_no_item_amount() -> None:
    """The item's amount is the one its path introduces (AmountClaim.path): words between the
    path and the figure make it another figure of the item."""
    assert messages(ITEM.format(lead="318.20", rate="96.42").replace("”318.20", "”：318.20"), "FL111")
    assert not messages(ITEM.format(lead="318.20", rate="96.42").replace("”318.20", "”项目经费318.20"), "FL111")


# --- FL112: zero base ------------------------------------------------------------------------

def test_growth_rate_from_zero_base_fires() -> None:
    (message,) = messages("公务接待费支出决算 0.60 万元，比上年增加 0.60 万元，增长 100%。\n", "FL112")
    assert "0.60 − 0.60 = 0" in message
    assert not messages("公务接待费支出决算 1.20 万元，比上年增加 0.60 万元，增长 100%。\n", "FL112")


def test_zero_base_across_sentences_needs_an_exact_match() -> None:
    assert messages("收入支出总计 307.82 万元。与上年相比，增加 307.82 万元，增长 100.00%。\n", "FL112")
    assert not messages("收入支出总计 307.82 万元。与上年相比，增加 307.81 万元，增长 100.00%。\n", "FL112")


# --- FL113: a share without its unit ---------------------------------------------------------

def test_share_without_percent_sign_fires() -> None:
    (message,) = messages("基本支出 1230.50 万元，占 45.12；项目支出 1496.70 万元，占 54.88%。\n", "FL113")
    assert "45.12%" in message
    assert not messages("基本支出 1230.50 万元，占 45.12%；项目支出 1496.70 万元，占 54.88%。\n", "FL113")
    assert not messages("办公楼占地面积 1200.5；建筑面积 3000 平方米。\n", "FL113")


# --- FL509: placeholders ---------------------------------------------------------------------

def test_placeholder_left_in_a_report_fires() -> None:
    found = messages("某某区XX局2024年度收入支出总计 612.40 万元。\n", "FL509")
    assert len(found) == 2 and "某某" in found[0] and "XX" in found[1]


def test_blank_template_and_latin_words_are_quiet() -> None:
    template = "收入合计XXX万元，其中：财政拨款收入XXX万元，占XX%；事业收入XXX万元，占XX%。\n"
    assert not messages(template, "FL509")
    assert not messages("本年采购XXL号工作服 20 套，支出 1.20 万元。\n", "FL509")


# --- FL510: former class names -----------------------------------------------------------------

def test_former_class_name_in_a_current_report_fires() -> None:
    text = "2024年度部门决算情况说明\n\n医疗卫生与计划生育支出（类）46.20 万元，占 8.5%。\n"
    (message,) = messages(text, "FL510")
    assert "卫生健康支出" in message
    assert not messages(text.replace("医疗卫生与计划生育支出", "卫生健康支出"), "FL510")
    assert not messages(text.replace("2024", "2017"), "FL510")


def test_other_item_named_after_the_former_class_is_left_to_the_tables() -> None:
    text = "2024年度部门决算情况说明\n\n其他文化体育与传媒支出（款）20.00 万元。\n"
    assert not messages(text, "FL510")


# --- FL511: dates and periods vs the report year ---------------------------------------------------

def test_year_end_of_another_year_in_a_final_account_fires() -> None:
    text = "2024年度部门决算情况说明\n\n截至 2023 年 12 月 31 日，本部门共有车辆 2 辆。\n"
    (message,) = messages(text, "FL511")
    assert "2024 年 12 月 31 日" in message
    assert not messages(text.replace("2023 年", "2024 年"), "FL511")
    assert not messages(text.replace("12 月 31 日", "6 月 30 日"), "FL511")


def test_budget_project_period_before_the_budget_year_fires() -> None:
    text = "2026年部门预算编制说明\n\n本项目实施周期为2025年1月1日-2025年12月31日，年度预算安排 349.80 万元。\n"
    assert messages(text, "FL511")
    assert not messages(text.replace("2025年1月1日-2025年", "2025年7月1日-2026年"), "FL511")


def test_unmade_template_choice_with_figures_fires() -> None:
    text = "机关运行经费支出 100.00 万元，比上年增加（减少）12.30 万元，增长（下降）14.03%。\n"
    (message,) = messages(text, "FL104")
    assert "（" in message
    assert not messages("机关运行经费支出 100.00 万元，比上年增加 12.30 万元，增长 14.03%。\n", "FL104")


def test_unmade_choice_over_a_zero_change_is_quiet() -> None:
    assert not messages("政府性基金预算财政拨款收入 0 万元，比上年决算数增加（减少）0 万元。\n", "FL104")
