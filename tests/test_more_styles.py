"""Phrasings and layouts of yet other reports: a pair of 财政拨款 totals whose second names only its
side (收入总计 A 万元，支出总计 A 万元), a change of 财政拨款收、支总计 in the next sentence, a budget's item
amounts against its 一般公共预算支出表 printed in 元. Each consistent case must stay quiet, each near
miss with one figure changed must fire."""

from __future__ import annotations

import pytest

from fiscallint.testing import lint_text


def codes(text: str, select: list[str] | None = None) -> list[str]:
    return [f.code for f in lint_text(text, select)]


# ---------------------------------------------------------------- 财政拨款收入总计 A，支出总计 A

TOTALS_01_04 = """收入支出决算总表
公开01表
单位：万元
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 500.00 一、文化旅游体育与传媒支出 520.00
八、其他收入 20.00
本年收入合计 520.00 本年支出合计 520.00
年初结转和结余 30.00 年末结转和结余 30.00
总计 550.00 总计 550.00

财政拨款收入支出决算总表
公开04表
单位：万元
项目 决算数 项目 合计 一般公共预算财政拨款
一、一般公共预算财政拨款 500.00 一、文化旅游体育与传媒支出 500.00 500.00
本年收入合计 500.00 本年支出合计 500.00 500.00
年初财政拨款结转和结余 30.00 年末财政拨款结转和结余 30.00 30.00
总计 530.00 总计 530.00 530.00

四、财政拨款收入支出决算总体情况说明
2021年度财政拨款收入总计530.00万元，支出总计530.00万元。与2020年度相比，财政拨款收、支总计各减少20.00万元，下降3.6%。
"""


def test_the_second_total_of_a_pair_keeps_the_funds_of_the_first() -> None:
    assert codes(TOTALS_01_04, ["FL108"]) == []
    wrong = TOTALS_01_04.replace("支出总计530.00万元", "支出总计535.00万元")
    assert codes(wrong, ["FL108"]) == ["FL108"]


def test_a_bare_total_after_an_unqualified_one_is_the_whole_reports() -> None:
    # 收入总计 A，支出总计 B: neither names funds, both are table 01's
    text = TOTALS_01_04.replace("2021年度财政拨款收入总计530.00万元，支出总计530.00万元", "2021年度收入总计550.00万元，支出总计550.00万元")
    assert codes(text, ["FL108"]) == []
    assert codes(text.replace("支出总计550.00万元", "支出总计530.00万元"), ["FL108"]) == ["FL108"]


def test_a_change_of_the_funds_totals_is_about_their_figure() -> None:
    assert codes(TOTALS_01_04, ["FL103"]) == []
    assert codes(TOTALS_01_04.replace("下降3.6%", "下降3.1%"), ["FL103"]) == ["FL103"]
    # a paragraph whose total is of another subject: the change names none of its figures
    other = "2021年度收入总计550.00万元。与2020年度相比，财政拨款收、支总计各减少20.00万元，下降3.1%。"
    assert codes(other, ["FL103"]) == []


# ---------------------------------------------------------------- a budget's item amounts against B05 in 元

BUDGET_YUAN = """某县自然资源局2027年部门预算

表5
某县自然资源局2027年一般公共预算支出表
单位：元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t9135581\t5678901\t3456680
220\t自然资源海洋气象等支出\t9135581\t5678901\t3456680
22001\t自然资源事务\t9135581\t5678901\t3456680
2200101\t行政运行\t5678901\t5678901\t
2200106\t自然资源利用与保护\t3456680\t\t3456680

三、2027年部门预算情况说明
1.自然资源海洋气象等支出（类）自然资源事务（款）行政运行（项）567.89万元，比2026年预算增加12.34万元，增长2.2%。
2.自然资源海洋气象等支出（类）自然资源事务（款）自然资源利用与保护（项）345.67万元，与2026年预算持平。
"""


def test_a_budgets_item_amount_is_its_row_in_the_general_budget_table() -> None:
    assert codes(BUDGET_YUAN, ["FL108"]) == []
    wrong = lint_text(BUDGET_YUAN.replace("行政运行（项）567.89万元", "行政运行（项）576.89万元"), ["FL108"])
    assert [f.code for f in wrong] == ["FL108"]
    assert wrong[0].span.line == 14 and "567.89 万元" in wrong[0].message


def test_a_budgets_item_amount_of_last_year_is_not_compared() -> None:
    # the 2026 figure is last year's budget, not a row of this year's table
    text = BUDGET_YUAN.replace("自然资源利用与保护（项）345.67万元，与2026年预算持平", "自然资源利用与保护（项）2026年预算为355.67万元")
    assert codes(text, ["FL108"]) == []


# ---------------------------------------------------------------- 决算数较调整预算增加 D 万元

@pytest.mark.parametrize(
    "text",
    [
        "1.行政运行（项）：调整预算290.00万元，支出决算286.34万元，为调整预算的98.74%。决算数较调整预算减少3.66万元。",
        "1.行政运行（项）：年初预算290.00万元，支出决算286.34万元，完成年初预算的98.7%，较年初预算减少3.66万元。",
        "1.行政运行（项）：年初预算280.00万元，支出决算286.34万元，完成年初预算的102.3%，比年初预算数增加6.34万元。",
    ],
)
def test_a_change_against_the_budget_runs_the_way_of_its_figures(text: str) -> None:
    assert codes(text, ["FL104"]) == []
    flipped = text.replace("减少", "增加") if "减少" in text else text.replace("增加", "减少")
    found = lint_text(flipped, ["FL104"])
    assert [f.code for f in found] == ["FL104"] and "286.34 −" in found[0].message


def test_a_change_against_last_years_budget_or_without_a_rate_is_not_read() -> None:
    # 比上年预算: another budget than the rate's; no execution rate: no pair of figures
    assert codes("行政运行调整预算290.00万元，支出决算286.34万元，为调整预算的98.74%，比上年预算增加3.66万元。", ["FL104"]) == []
    assert codes("行政运行支出决算286.34万元，较调整预算增加3.66万元。", ["FL104"]) == []


# ---------------------------------------------------------------- 年初预算为 A 万元，预算执行率 P% after the actual's sentence

LEAD_THEN_BUDGET = "2025年度一般公共预算财政拨款支出2757.60万元，与上年持平。年初预算为2600.00万元，预算执行率106.1%。"


def test_a_rate_whose_sentence_states_only_the_budget_takes_the_actual_before() -> None:
    assert codes(LEAD_THEN_BUDGET, ["FL102"]) == []
    assert codes(LEAD_THEN_BUDGET.replace("106.1%", "101.6%"), ["FL102"]) == ["FL102"]


def test_the_actual_before_must_be_the_one_figure_of_its_sentence() -> None:
    # two figures before: which one the rate is about is not said
    text = "基本支出1200.00万元，项目支出1557.60万元。年初预算为2600.00万元，预算执行率101.6%。"
    assert codes(text, ["FL102"]) == []


# ---------------------------------------------------------------- X支出主要用于：A 占 P%；B 占 Q% (X has no figure in the sentence)

USED_FOR = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
合计 31686.83 2674.79 29012.04
208 社会保障和就业支出 499.49 499.49
212 城乡社区支出 15456.48 1876.54 13579.94
221 住房保障支出 15730.86 298.76 15432.10

四、财政拨款收入支出决算总体情况说明
2022年度财政拨款收、支总计均为32406.83万元。
五、一般公共预算财政拨款支出决算情况说明
2022年度一般公共预算财政拨款支出主要用于：社会保障和就业支出499.49万元，占1.58%；城乡社区支出1.55亿元，占48.78%；住房保障支出1.57亿元，占49.64%。
"""


def test_shares_after_a_total_that_opens_the_sentence_are_of_that_total() -> None:
    assert codes(USED_FOR, ["FL101"]) == []
    # 47.88% fits 1.55亿元 / 32406.83 (the paragraph before) but not the 一般公共预算财政拨款支出 the sentence names
    found = lint_text(USED_FOR.replace("占48.78%", "占47.88%"), ["FL101"])
    assert [f.code for f in found] == ["FL101"] and "31686.83" in found[0].message


def test_an_inferred_whole_smaller_than_the_part_is_no_whole() -> None:
    text = "支出主要用于以下方面：社会保障和就业支出499.49万元，占1.58%；城乡社区支出15500.00万元，占47.88%。"
    assert codes(text, ["FL101"]) == []


# ---------------------------------------------------------------- 对N个项目开展了绩效自评, tables under a heading of the same name

PROJECT_TABLE = """**项目支出绩效自评表**

| 项目名称 | {name} | | | | | | |
|---|---|---|---|---|---|---|---|
| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| | 年度资金总额 | {budget} | {budget} | {actual} | 10 | 100.00% | 10 |
"""
EVALUATED = (
    "## 一、项目支出绩效自评总体情况\n\n"
    "2024年度本单位对2个项目开展了绩效自评，涉及全年预算资金70.00万元，全年执行数70.00万元。\n\n"
    "## 二、项目支出绩效自评表\n\n"
    + PROJECT_TABLE.format(name="甲项目", budget="40.00", actual="40.00") + "\n"
    + PROJECT_TABLE.format(name="乙项目", budget="30.00", actual="30.00")
)


def test_projects_counted_before_their_noun_are_the_tables_under_a_heading() -> None:
    assert codes(EVALUATED, ["FL411"]) == []
    assert codes(EVALUATED.replace("全年执行数70.00万元", "全年执行数75.00万元"), ["FL411"]) == ["FL411"]


def test_a_count_of_projects_that_are_not_evaluated_opens_no_statement() -> None:
    # 对2个项目编报了绩效目标: a target-setting sentence, not the self-evaluation
    text = EVALUATED.replace("对2个项目开展了绩效自评，涉及", "对2个项目编报了绩效目标，涉及").replace("全年执行数70.00万元", "全年执行数75.00万元")
    assert codes(text, ["FL411"]) == []


# ---------------------------------------------------------------- a budget's 三公 table down the rows, one 预算数 column

THREE_DOWN = """某镇人民政府2025年部门预算

**表五 一般公共预算“三公”经费支出表**

单位：万元

| 项目 | 预算数 |
|---|---|
| 合计 | 9.00 |
| 1.因公出国（境）费 | 0.00 |
| 2.公务用车购置及运行维护费 | 6.00 |
| 其中：（1）公务用车购置费 | 0.00 |
| （2）公务用车运行维护费 | 6.00 |
| 3.公务接待费 | 3.00 |

### 四、“三公”经费预算情况

2025年“三公”经费预算9.00万元，与上年预算持平。其中：因公出国（境）费0万元；公务用车购置及运行维护费6.00万元（公务用车购置费0万元，公务用车运行维护费6.00万元）；公务接待费3.00万元。
"""


def test_a_budgets_three_public_items_down_the_rows_are_its_budget() -> None:
    assert codes(THREE_DOWN, ["FL307"]) == []
    assert codes(THREE_DOWN.replace("公务接待费3.00万元。", "公务接待费3.50万元。"), ["FL307"]) == ["FL307"]


def test_one_budget_column_in_a_final_account_is_not_its_actuals() -> None:
    final = THREE_DOWN.replace("2025年部门预算", "2025年度部门决算").replace("“三公”经费预算情况", "“三公”经费支出决算情况")
    final = final.replace("**表五 一般公共预算“三公”经费支出表**", "**财政拨款“三公”经费支出决算表**\n\n公开09表")
    final = final.replace("2025年“三公”经费预算9.00万元，与上年预算持平。", "2025年度“三公”经费支出决算8.00万元。")
    assert codes(final.replace("公务接待费3.00万元。", "公务接待费2.00万元。"), ["FL307"]) == []


def test_one_actual_column_in_a_final_account_is_its_actuals() -> None:
    final = THREE_DOWN.replace("2025年部门预算", "2025年度部门决算").replace("“三公”经费预算情况", "“三公”经费支出决算情况")
    final = final.replace("**表五 一般公共预算“三公”经费支出表**", "**财政拨款“三公”经费支出决算表**\n\n公开09表").replace("| 项目 | 预算数 |", "| 项目 | 决算数 |")
    final = final.replace("2025年“三公”经费预算9.00万元，与上年预算持平。", "2025年度“三公”经费支出决算9.00万元。")
    assert codes(final, ["FL307"]) == []
    assert codes(final.replace("公务接待费3.00万元。", "公务接待费2.00万元。"), ["FL307"]) == ["FL307"]


# ---------------------------------------------------------------- 占全部支出的 P%



def test_a_share_of_all_expenditure_is_of_the_totals() -> None:
    text = TOTALS_01_04 + "三、支出决算情况说明\n本年支出合计520.00万元，其中：基本支出390.00万元，占全部支出的75.00%；项目支出130.00万元，占全部支出的25.00%。\n"
    assert codes(text, ["FL101"]) == []
    assert codes(text.replace("占全部支出的75.00%", "占全部支出的73.00%"), ["FL101"]) == ["FL101"]


# ---------------------------------------------------------------- a 三公 item's 完成年初预算数的 P% when the 年初预算 is the table's

THREE_INITIAL = """财政拨款“三公”经费支出决算表
公开09表
单位：万元
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 公务用车购置费 公务用车运行维护费
预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数
52.00 45.30 6.00 4.80 40.00 35.94 25.00 23.60 15.00 12.34 6.00 4.56

七、财政拨款“三公”经费支出决算情况说明
2023年度“三公”经费财政拨款支出年初预算数为52.00万元，支出决算数为45.30万元。
（二）公务用车购置及运行维护费支出35.94万元，完成年初预算数的89.85%。
"""


def test_a_three_public_items_initial_rate_uses_the_table_when_its_total_is_the_initial_budget() -> None:
    assert codes(THREE_INITIAL, ["FL102"]) == []
    assert codes(THREE_INITIAL.replace("89.85%", "88.95%"), ["FL102"]) == ["FL102"]
    # a 年初预算 the narrative does not give as the table's 预算数: the table's may be the adjusted budget
    other = THREE_INITIAL.replace("年初预算数为52.00万元", "年初预算数为50.00万元").replace("89.85%", "88.95%")
    assert codes(other, ["FL102"]) == []


# ---------------------------------------------------------------- 国内 and 外事 receptions are all the receptions

RECEPTIONS = "公务接待费4.56万元，共接待27批次、183人次，其中：国内公务接待25批次、171人次，外事接待2批次、12人次。"


def test_domestic_and_foreign_receptions_add_up_to_the_total() -> None:
    assert codes(RECEPTIONS, ["FL507"]) == []
    assert codes(RECEPTIONS.replace("国内公务接待25批次", "国内公务接待24批次"), ["FL507"]) == ["FL507"]
    # one kind listed: the rest is not said
    assert codes("公务接待费4.56万元，共接待27批次，其中：外事接待2批次。", ["FL507"]) == []


# ---------------------------------------------------------------- procurement types, then the SME award after a comma

PROCUREMENT = "2024年度政府采购支出总额612.30万元，其中：政府采购货物支出45.30万元、政府采购服务支出567.00万元，授予中小企业合同金额612.30万元，占政府采购支出总额的100%。"


def test_an_sme_award_after_the_procurement_types_is_not_one_of_them() -> None:
    assert codes(PROCUREMENT, ["FL105"]) == []
    assert codes(PROCUREMENT.replace("服务支出567.00万元", "服务支出576.00万元"), ["FL105"]) == ["FL105"]


def test_an_sme_breakdown_keeps_its_sme_parts() -> None:
    # parts that name small firms under an SME total are its parts: too large a sum is reported
    text = "授予中小企业合同金额600.00万元，其中：授予小微企业合同金额500.00万元、授予中型企业合同金额190.00万元。"
    assert codes(text, ["FL105"]) == ["FL105"]


# ---------------------------------------------------------------- last year's total stated before this year's change

LAST_YEAR_FIRST = "某县文化馆2021年度部门决算\n\n" + TOTALS_01_04.replace(
    "四、财政拨款收入支出决算总体情况说明",
    "一、收入支出决算总体情况说明\n2021年度收、支总计均为550.00万元。2020年度收、支总计为580.00万元，2021年度较上年减少30.00万元，下降5.2%。\n四、财政拨款收入支出决算总体情况说明",
)


def test_last_years_total_before_the_change_is_its_base_and_no_figure_of_this_years_tables() -> None:
    assert codes(LAST_YEAR_FIRST, ["FL103", "FL108"]) == []
    assert codes(LAST_YEAR_FIRST.replace("下降5.2%", "下降5.5%"), ["FL103", "FL108"]) == ["FL103"]
    # this year's total misstated is still compared with table 01
    assert codes(LAST_YEAR_FIRST.replace("均为550.00万元", "均为555.00万元"), ["FL108"]) == ["FL108"]


# ---------------------------------------------------------------- 占“三公”经费总额的 P% with the part in 元

THREE_YUAN = THREE_INITIAL + "（三）公务接待费支出45,600.00元，占“三公”经费总额的10.07%。\n"


def test_a_share_of_the_three_public_total_with_the_part_in_yuan() -> None:
    assert codes(THREE_YUAN, ["FL101"]) == []
    assert codes(THREE_YUAN.replace("10.07%", "10.70%"), ["FL101"]) == ["FL101"]


# ---------------------------------------------------------------- a fund's own sentence: 本年收入, 本年支出主要用于, table 07 flattened

FUND = """收入支出决算总表
公开01表
单位：万元
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 702.39 一、城乡社区支出 3022.89
二、政府性基金预算财政拨款收入 2300.00
本年收入合计 3002.39 本年支出合计 3022.89
年初结转和结余 200.00 年末结转和结余 179.50
总计 3202.39 总计 3202.39

政府性基金预算财政拨款收入支出决算表
公开07表
单位：万元
科目编码 科目名称 年初结转和结余 本年收入 本年支出 年末结转和结余
合计 200.00 2300.00 2320.50 179.50
212 城乡社区支出 200.00 2300.00 2320.50 179.50
21208 国有土地使用权出让收入安排的支出 200.00 2300.00 2320.50 179.50
2120801 征地和拆迁补偿支出 200.00 1479.50 1500.00 179.50
2120803 城市建设支出 820.50 820.50

七、政府性基金预算财政拨款收入支出决算情况说明
2025年度政府性基金预算财政拨款年初结转和结余200.00万元，本年收入2300.00万元，本年支出2320.50万元，年末结转和结余179.50万元。本年支出主要用于：征地和拆迁补偿支出1500.00万元，占64.64%；城市建设支出820.50万元，占35.36%。
"""


def test_a_funds_sentence_keeps_its_funds_and_its_table_07_rows_are_not_misread() -> None:
    assert codes(FUND, ["FL1", "FL2"]) == []
    # its shares are of the fund's 本年支出 in the sentence before, not of table 01's
    assert codes(FUND.replace("占64.64%", "占66.64%"), ["FL101"]) == ["FL101"]
    # the whole report's 本年收入 still names table 01's figure
    assert codes(FUND + "本年收入3002.93万元。\n", ["FL108"]) == ["FL108"]


def test_a_table_07_row_whose_first_cell_vanished_is_not_summed_by_its_first_figure() -> None:
    # 2120803 prints 本年收入 and 本年支出 only: its first figure is no 年初结转和结余
    assert codes(FUND, ["FL201"]) == []
    # rows printing every figure still add up by their first (212 = 21208)
    wrong = FUND.replace("212 城乡社区支出 200.00 2300.00 2320.50 179.50", "212 城乡社区支出 210.00 2300.00 2320.50 189.50")
    assert "FL201" in codes(wrong, ["FL201"])


# ---------------------------------------------------------------- the car item's parts named short in brackets

CAR_SHORT = THREE_INITIAL + "其中：公务用车购置及运行维护费35.94万元（购置费23.60万元，运行维护费12.34万元）。\n"


def test_the_car_items_parts_named_short_are_compared_with_the_table() -> None:
    assert codes(CAR_SHORT, ["FL307"]) == []
    assert codes(CAR_SHORT.replace("运行维护费12.34万元）", "运行维护费13.24万元）"), ["FL307"]) == ["FL307"]


# ---------------------------------------------------------------- a running page header atop every page

PAGED = """某省教育厅2024年度部门决算
一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
合计 300.00 200.00 100.00
205 教育支出 300.00 200.00 100.00
20502 普通教育 300.00 200.00 100.00
— 1 —
\f某省教育厅2024年度部门决算
续表
科目编码 科目名称 小计 基本支出 项目支出
2050204 高中教育 120.00 120.00
2050205 高等教育 180.00 80.00 100.00
— 2 —
\f某省教育厅2024年度部门决算
一、一般公共预算财政拨款支出决算情况说明
教育支出（类）普通教育（款）高中教育（项）支出决算为120.00万元。
— 3 —
\f某省教育厅2024年度部门决算
二、其他说明
本部门无其他需要说明的事项。
"""


def test_a_running_header_atop_each_page_is_read_into_nothing() -> None:
    assert codes(PAGED, ["FL2", "FL505", "FL108"]) == []
    # the row after the page break is still read: its figures are checked
    assert codes(PAGED.replace("2050205 高等教育 180.00 80.00 100.00", "2050205 高等教育 180.00 80.00 110.00"), ["FL202"]) == ["FL202"]


def test_a_line_opening_only_two_pages_is_kept() -> None:
    from fiscallint.parser.document import running_heads
    raw = "标题\n正文一\n\f某局2024年度部门决算\n正文二\n\f某局2024年度部门决算\n正文三".split("\n")
    pages = [1, 1, 2, 2, 3, 3]
    assert running_heads(raw, pages) == set()
    raw += ["\f某局2024年度部门决算", "正文四"]
    assert running_heads(raw, pages + [4, 4]) == {3, 5, 7}


# ---------------------------------------------------------------- a total of its own after a 其中 list

ASSETS = "截至2025年末，资产总额1000.00万元，其中：流动资产300.00万元，固定资产500.00万元；负债总额400.00万元。"


def test_a_total_of_its_own_after_a_list_is_none_of_its_parts() -> None:
    assert codes(ASSETS, ["FL105"]) == []
    # the list's own parts are still added up
    assert codes(ASSETS.replace("固定资产500.00万元", "固定资产800.00万元"), ["FL105"]) == ["FL105"]


# ---------------------------------------------------------------- amounts in 元 beside changes in 万元; a bracket's 其中 list

def test_a_change_in_wan_of_an_amount_in_yuan_is_read_in_wan() -> None:
    text = "2027年收入预算总计27,346,769元，比2026年预算减少55.43万元，下降1.99%。"
    assert codes(text, ["FL103"]) == []
    assert codes(text.replace("下降1.99%", "下降2.99%"), ["FL103"]) == ["FL103"]


def test_a_bracketed_list_ends_with_its_bracket() -> None:
    text = "“三公”经费预算165,000元，其中：公务用车购置及运行维护费120,000元（其中：公务用车购置费0万元，公务用车运行维护费120,000元）；公务接待费45,000元。"
    assert codes(text, ["FL105"]) == []
    # the bracket's own parts are still added up
    assert codes(text.replace("运行维护费120,000元）", "运行维护费100,000元）"), ["FL105"]) == ["FL105"]


def test_one_part_naming_two_members_does_not_complete_a_list() -> None:
    # 公务用车购置及运行维护费 names 购置 and 运行 but is one part: 公务接待费 (in 元) is left out of the list
    text = "“三公”经费支出决算7.15万元，其中：因公出国（境）费0元；公务用车购置及运行维护费6.80万元；公务接待费3,500.00元。"
    assert codes(text, ["FL105"]) == []
    listed = "“三公”经费支出决算7.15万元，其中：因公出国（境）费0万元；公务用车购置及运行维护费6.80万元；公务接待费0.30万元。"
    assert codes(listed, ["FL105"]) == ["FL105"]
