"""Phrasings and layouts of other departments' reports: execution rates written 达到年初预算的 P%,
完成年初预算 A 万元的 P% and 执行率 P%（年初预算 A 万元）; a 三公 item stated twice in the narrative;
a budget's empty 政府性基金 table; figures with spaces around the decimal point; shares of 总支出.
Each consistent case must stay quiet, each near miss with one figure changed must fire."""

from __future__ import annotations

import pytest

from fiscallint.parser.lines import closed_points
from fiscallint.testing import lint_text


def codes(text: str, select: list[str] | None = None) -> list[str]:
    return [f.code for f in lint_text(text, select)]


# ---------------------------------------------------------------- execution rates

@pytest.mark.parametrize(
    ("right", "old", "new"),
    [
        ("林业支出年初预算420.00万元，决算399.00万元，达到年初预算的95.0%。", "95.0%", "97.0%"),
        ("林业支出决算399.00万元，相当于年初预算的95.0%（年初预算420.00万元）。", "95.0%", "93.0%"),
        ("林业支出决算399.00万元，完成年初预算420.00万元的95.0%。", "95.0%", "92.0%"),
        ("林业支出决算399.00万元，完成年初预算数420.00万元的95.0%。", "95.0%", "92.0%"),
        ("林业支出决算399.00万元，执行率达到95.0%（年初预算420.00万元）。", "420.00", "440.00"),
        ("林业支出决算399.00万元，执行率为95.0%（全年预算数为420.00万元）。", "95.0%", "96.0%"),
        ("林业支出决算399.00万元，执行年初预算的95.0%（年初预算420.00万元）。", "95.0%", "91.0%"),
    ],
)
def test_an_execution_rate_is_read_in_other_phrasings(right: str, old: str, new: str) -> None:
    assert codes(right, ["FL102"]) == []
    assert codes(right.replace(old, new), ["FL102"]) == ["FL102"]


def test_a_bracketed_figure_without_budget_words_is_no_budget() -> None:
    # （其中项目支出 A 万元） after a rate names no budget: the rate keeps the sentence's own budget
    text = "林业支出年初预算420.00万元，决算399.00万元，执行率95.0%（其中项目支出120.00万元）。"
    assert codes(text, ["FL102"]) == []


# ---------------------------------------------------------------- a 三公 item stated twice

THREE_PUBLIC = """财政拨款“三公”经费支出决算表
公开09表
单位：万元
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 公务用车购置费 公务用车运行维护费
预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数
9.00 8.20 1.00 0.80 6.00 5.90 0.00 0.00 6.00 5.90 2.00 1.50

七、财政拨款“三公”经费支出决算情况说明

“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.80万元，占9.76%；公务用车购置及运行维护费支出决算5.90万元，占71.95%；公务接待费支出决算1.50万元，占18.29%。

3、公务接待费支出1.50万元。全年共接待9批次、52人次。
"""


def test_a_three_public_item_restated_later_is_compared_with_the_table() -> None:
    assert codes(THREE_PUBLIC, ["FL307"]) == []
    wrong = lint_text(THREE_PUBLIC.replace("3、公务接待费支出1.50万元", "3、公务接待费支出1.05万元"), ["FL307"])
    assert [f.code for f in wrong] == ["FL307"]
    assert wrong[0].span.line == 13 and "1.05" in wrong[0].message


# ---------------------------------------------------------------- a budget's empty fund table

BUDGET_FUND = """某县农业农村局2027年部门预算

某县农业农村局2027年政府性基金预算支出表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计
注：本部门2027年没有使用政府性基金预算拨款安排的支出，故本表为空表。
"""


def test_a_budgets_fund_table_stated_empty_shows_no_figures() -> None:
    assert codes(BUDGET_FUND, ["FL309"]) == []
    filled = BUDGET_FUND.replace("合计\n注", "合计 6.00 6.00\n2130122 农业生产发展 6.00 6.00\n注")
    assert codes(filled, ["FL309"]) == ["FL309"]


# ---------------------------------------------------------------- spaces around the decimal point

SPACED = "本年支出合计335. 96万元，其中：基本支出247 .56万元，占73.69%；项目支出88 . 40万元，占26.31%。"


def test_figures_with_spaces_around_the_point_are_one_figure() -> None:
    assert codes(SPACED, ["FL1"]) == []
    assert codes(SPACED.replace("占73.69%", "占72.69%"), ["FL1"]) == ["FL101"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("支出335. 96万元", "支出335.96 万元"),
        ("（类）292 . 56万元", "（类）292.56  万元"),
        ("占12 .5%", "占12.5 %"),
        ("2. 30万元用于培训", "2. 30万元用于培训"),  # an item's number at the line's start
        ("任务完成。3. 20万元结转", "任务完成。3. 20万元结转"),  # and after a sentence end
    ],
)
def test_closed_points_keep_columns_and_item_numbers(text: str, read: str) -> None:
    assert closed_points(text) == read
    assert len(closed_points(text)) == len(text)


# ---------------------------------------------------------------- shares of 总支出

TOTALS = """收入支出决算总表
公开01表
单位：万元
项目\t决算数\t项目\t决算数
一、一般公共预算财政拨款收入\t300.00\t一、一般公共服务支出\t280.00
本年收入合计\t300.00\t本年支出合计\t280.00
年初结转和结余\t20.00\t年末结转和结余\t40.00
总计\t320.00\t总计\t320.00

三、支出决算情况说明
本年基本支出210.00万元，占总支出的75.00%；项目支出70.00万元，占总支出的21.88%。
"""


def test_a_share_of_total_expenditure_fits_this_years_total_or_the_grand_total() -> None:
    assert codes(TOTALS, ["FL101"]) == []
    assert codes(TOTALS.replace("75.00%", "76.00%"), ["FL101"]) == ["FL101"]


# ---------------------------------------------------------------- last year's figure stated in the change sentence

@pytest.mark.parametrize(
    "text",
    [
        "2026年度收入总计860.00万元，比2025年度的900.00万元减少40.00万元，下降4.44%。",
        "2026年度收入总计860.00万元，较上年的900.00万元减少40.00万元，下降4.44%。",
        "2026年收入总计860.00万元，2025年收入总计900.00万元，同比下降4.44%。",
        "2025年收入总计900.00万元，2026年收入总计860.00万元，下降4.44%。",
    ],
)
def test_last_years_figure_in_the_sentence_is_the_base(text: str) -> None:
    assert codes(text, ["FL103"]) == []
    assert codes(text.replace("4.44%", "4.65%"), ["FL103"]) == ["FL103"]


def test_two_years_figures_of_different_subjects_are_no_pair() -> None:
    assert codes("2026年收入总计860.00万元，2025年支出总计900.00万元，同比下降4.65%。", ["FL103"]) == []


# ---------------------------------------------------------------- a self-evaluation table flattened by a PDF dump

DUMP_EVALUATION = """项目支出绩效自评表
项目名称 乡村医生培训
项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 40.00 48.00 42.00 10 87.50% 8.75
其中：当年财政拨款 40.00 48.00 42.00 — 87.50% —
绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因
产出指标 数量指标 培训人次 ≥300人次 320人次 40 40
满意度指标 服务对象满意度指标 学员满意度 ≥90% 94% 50 50
总分 100 98.75
自评等级 优
"""


def test_a_flattened_funding_row_and_grade_are_read() -> None:
    assert codes(DUMP_EVALUATION, ["FL4"]) == []
    assert codes(DUMP_EVALUATION.replace("87.50% 8.75", "85.70% 8.75"), ["FL401"]) == ["FL401"]
    assert codes(DUMP_EVALUATION.replace("87.50% 8.75", "87.50% 9.75"), ["FL402"]) == ["FL402"]
    assert codes(DUMP_EVALUATION.replace("自评等级 优", "自评等级 良"), ["FL404"]) == ["FL404"]


def test_a_flattened_funding_row_under_another_column_order_is_not_read() -> None:
    reordered = DUMP_EVALUATION.replace("分值 执行率 得分", "执行率 分值 得分").replace("87.50% 8.75", "85.70% 8.75")
    assert codes(reordered, ["FL401"]) == []


def test_a_budget_compared_with_last_years_budget_stated_beside_it() -> None:
    text = "2027年收入预算636.00万元，上年预算为600.00万元，增长6.00%。"
    assert codes(text, ["FL103"]) == []
    assert codes(text.replace("6.00%", "5.66%"), ["FL103"]) == ["FL103"]


# ---------------------------------------------------------------- a budget's 机关运行经费 against its basic-spending table

BUDGET_RUNNING = """某县农业农村局2027年部门预算

某县农业农村局2027年一般公共预算基本支出表
单位：元
经济分类科目编码 科目名称 合计 人员经费 公用经费
合计 5,200,000 4,400,000 800,000
301 工资福利支出 4,400,000 4,400,000
302 商品和服务支出 800,000 800,000

（五）机关运行经费预算
2027年本部门机关运行经费预算80.00万元，比上年预算增加2.00万元。
"""


def test_a_budgets_running_costs_never_exceed_its_public_funds() -> None:
    assert codes(BUDGET_RUNNING, ["FL308"]) == []
    (finding,) = lint_text(BUDGET_RUNNING.replace("预算80.00万元", "预算86.00万元"), ["FL308"])
    assert "86.00 万元" in finding.message and "超出 6" in finding.message


def test_flattened_indicator_scores_are_summed() -> None:
    assert codes(DUMP_EVALUATION, ["FL403"]) == []
    (finding,) = lint_text(DUMP_EVALUATION.replace("总分 100 98.75", "总分 100 97.75"), ["FL403"])
    assert "8.75 + 40 + 50 = 98.75" in finding.message
    assert codes(DUMP_EVALUATION.replace("320人次 40 40", "280人次 40 40"), ["FL408"]) == ["FL408"]


def test_flattened_scores_whose_weights_do_not_add_up_are_left_unchecked() -> None:
    lost = DUMP_EVALUATION.replace("产出指标 数量指标 培训人次 ≥300人次 320人次 40 40\n", "").replace("总分 100 98.75", "总分 100 97.75")
    assert codes(lost, ["FL403"]) == []


# ---------------------------------------------------------------- the tables' unit stated once, outside them

YUAN_ONCE = """某区档案馆2026年度部门决算

目录
第二部分 2026年度部门决算表（本部分各表金额单位均为：元）
第三部分 2026年度部门决算情况说明

第二部分 2026年度部门决算表

收入支出决算总表
公开01表
项目\t决算数\t项目\t决算数
一、一般公共预算财政拨款收入\t3,359,600\t一、一般公共服务支出\t3,359,600
本年收入合计\t3,359,600\t本年支出合计\t3,359,600

第三部分 2026年度部门决算情况说明

一、收入决算情况说明
本年收入合计335.96万元，其中：财政拨款收入335.96万元，占100.00%。
"""


def test_a_unit_stated_once_for_all_tables_is_their_unit() -> None:
    from fiscallint.parser import parse_source
    from fiscallint.source import SourceText

    assert [t.unit for t in parse_source(SourceText("r.txt", YUAN_ONCE, "utf-8", "text")).tables if t.rows] == ["元"]
    assert codes(YUAN_ONCE, ["FL108"]) == []
    assert codes(YUAN_ONCE.replace("本年收入合计335.96万元", "本年收入合计353.96万元"), ["FL108"]) == ["FL108"]


def test_two_units_stated_for_the_tables_are_neither_taken() -> None:
    from fiscallint.parser import parse_source
    from fiscallint.source import SourceText

    both = YUAN_ONCE.replace("第三部分 2026年度部门决算情况说明\n\n一", "第三部分 2026年度部门决算情况说明（以下各表单位：万元）\n\n一")
    assert [t.unit for t in parse_source(SourceText("r.txt", both, "utf-8", "text")).tables if t.rows] == [None]


# ---------------------------------------------------------------- the 绩效 grade counts, one a ；-segment

GRADES = ("绩效自评的2026年度项目6个，涉及预算金额310.00万元，平均得分92.10分（其中，绩效评级为“优”的项目4个；"
          "绩效评级为“良”的项目2个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题1个）。")


@pytest.mark.parametrize(("old", "new"), [("“良”的项目2个", "“良”的项目3个"), ("“良”的项目2个", "“良”的项目1个")])
def test_grade_counts_add_up_to_the_projects(old: str, new: str) -> None:
    assert codes(GRADES, ["FL507"]) == []
    assert codes(GRADES.replace(old, new), ["FL507"]) == ["FL507"]


def test_one_grade_named_is_no_full_breakdown() -> None:
    assert codes("绩效自评的2026年度项目6个（其中，绩效评级为“优”的项目4个）。", ["FL507"]) == []


# ---------------------------------------------------------------- 基本支出 printed over its 人员经费 | 公用经费

SPLIT_BASIC = """支出决算表
公开03表
单位：万元
科目编码\t科目名称\t本年支出合计\t基本支出\t\t\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出
\t\t\t小计\t人员经费\t公用经费
\t合计\t620.00\t470.00\t410.00\t60.00\t150.00
213\t农林水支出\t620.00\t470.00\t410.00\t60.00\t150.00
21301\t农业农村\t620.00\t470.00\t410.00\t60.00\t150.00
2130101\t行政运行\t470.00\t470.00\t410.00\t60.00\t
2130108\t病虫害控制\t150.00\t\t\t\t150.00
"""


@pytest.mark.parametrize("text", [SPLIT_BASIC, SPLIT_BASIC.replace("\t", " ")])
def test_a_group_printed_beside_its_parts_is_no_sum_of_the_row(text: str) -> None:
    assert codes(text, ["FL2", "FL3"]) == []
    wrong = text.replace("21301\t农业农村\t620.00", "21301\t农业农村\t602.00").replace("21301 农业农村 620.00", "21301 农业农村 602.00")
    assert "FL201" in codes(wrong, ["FL2"])


# ---------------------------------------------------------------- table 06 printed with 合计 | 人员经费 | 公用经费 columns

COLUMNS_06 = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
合计 300.00 260.00 40.00
213 农林水支出 300.00 260.00 40.00

一般公共预算财政拨款基本支出决算表
公开06表
单位：万元
经济分类科目编码 科目名称 合计 人员经费 公用经费
301 工资福利支出 220.00 220.00
30101 基本工资 220.00 220.00
302 商品和服务支出 40.00  40.00
30201 办公费 40.00  40.00
合计 260.00 220.00 40.00
"""


def test_a_basic_spending_table_in_columns_is_read_by_its_columns() -> None:
    assert codes(COLUMNS_06, ["FL2", "FL3"]) == []
    assert sorted(codes(COLUMNS_06.replace("合计 260.00 220.00 40.00", "合计 260.00 220.00 36.00"), ["FL2", "FL3"])) == ["FL202", "FL306"]


def test_a_rate_takes_the_budget_the_sentence_before_gives() -> None:
    text = "林业支出年初预算为420.00万元。支出决算为399.00万元，完成年初预算的95.0%。"
    assert codes(text, ["FL102"]) == []
    assert codes(text.replace("95.0%", "97.0%"), ["FL102"]) == ["FL102"]


def test_an_item_named_after_a_total_budget_is_not_rated_against_it() -> None:
    # the 三公 total's budget in the sentence before is not the 出国 item's budget
    text = "“三公”经费财政拨款支出年初预算为23.00万元。因公出国（境）费决算为2.64万元，完成预算的88.0%。"
    assert codes(text, ["FL102"]) == []
