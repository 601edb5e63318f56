"""More phrasings and layouts of other departments' reports: 分别占 naming its whole before the
percentages, codes written with dots (201.01.08). Each consistent case must stay quiet, each near
miss with one figure changed must fire."""

from __future__ import annotations

import pytest

from fiscallint.ast import Report
from fiscallint.parser import parse_source
from fiscallint.source import SourceText
from fiscallint.testing import lint_text


def codes(text: str, select: list[str] | None = None) -> list[str]:
    return [f.code for f in lint_text(text, select)]


def parse_text(text: str) -> Report:
    return parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))


# ---------------------------------------------------------------- 分别占 with the whole named

@pytest.mark.parametrize(
    "text",
    [
        "本年支出合计200.00万元，其中：基本支出50.00万元，项目支出150.00万元，分别占本年支出合计25.00%和75.00%。",
        "本年支出合计200.00万元，其中：基本支出50.00万元，项目支出150.00万元，分别占本年支出合计的25.00%、75.00%。",
        "本年支出合计200.00万元，其中：基本支出50.00万元、项目支出150.00万元，分别占25.00%、75.00%。",
    ],
)
def test_respective_shares_after_the_wholes_name(text: str) -> None:
    assert codes(text, ["FL101"]) == []
    assert codes(text.replace("25.00%", "26.00%"), ["FL101"]) == ["FL101"]


# ---------------------------------------------------------------- codes written with dots

DOTTED = """公开05表
一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t小计\t基本支出\t项目支出
201\t一般公共服务支出（类）\t90.00\t60.00\t30.00
201.03\t政府办公厅（室）及相关机构事务（款）\t90.00\t60.00\t30.00
201.03.01\t行政运行（项）\t60.00\t60.00\t
201.03.50\t事业运行（项）\t30.00\t\t30.00
合计\t\t90.00\t60.00\t30.00
"""


@pytest.mark.parametrize("sep", ["\t", " "])
def test_codes_with_dots_key_their_rows(sep: str) -> None:
    text = DOTTED.replace("\t", sep)
    assert codes(text, ["FL2"]) == []
    bad = text.replace(f"201.03.50{sep}事业运行（项）{sep}30.00", f"201.03.50{sep}事业运行（项）{sep}35.00")
    assert "FL201" in codes(bad, ["FL2"])


def test_an_amount_with_two_decimals_under_a_name_is_no_code() -> None:
    text = "公开05表\n一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 小计 基本支出 项目支出\n201 一般公共服务支出 201.03 201.03\n20103 政府办公厅（室）及相关机构事务 201.03 201.03\n合计 201.03 201.03\n"
    assert codes(text, ["FL2"]) == []


# ---------------------------------------------------------------- a table's number alone above its title

NUMBERED = """表1
部门支出总表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 90.00 60.00 30.00
201 一般公共服务支出 90.00 60.00 30.00
表2
一般公共预算支出表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 90.00 60.00 30.00
201 一般公共服务支出 90.00 60.00 30.00
注：本表按支出功能分类列示。
表3
政府性基金预算支出表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计
注：本部门无政府性基金预算拨款安排的支出，本表无数据。
"""


def test_a_table_number_above_the_next_title_is_no_row() -> None:
    assert codes(NUMBERED) == []
    assert "FL202" in codes(NUMBERED.replace("201 一般公共服务支出 90.00 60.00 30.00\n表2", "201 一般公共服务支出 90.00 60.00 20.00\n表2"), ["FL2"])


# ---------------------------------------------------------------- figures in brackets beside the sentence's own

@pytest.mark.parametrize(
    ("text", "old", "new", "code"),
    [
        ("2026年收入预算500.00万元（含上年结转40.00万元），比2025年预算增加25.00万元，增长5.26%。", "5.26%", "5.62%", "FL103"),
        ("2026年收入预算500.00万元（含上年结转40.00万元）。其中：一般公共预算拨款收入460.00万元、上年结转40.00万元。", "460.00", "470.00", "FL105"),
        ("“三公”经费预算12.80万元，其中：因公出国（境）费0.00万元；公务用车购置及运行维护费9.60万元（公务用车购置费0.00万元、公务用车运行维护费9.60万元）；公务接待费3.20万元。", "3.20万元。", "3.50万元。", "FL105"),
        ("“三公”经费预算12.80万元，其中：因公出国（境）费0.00万元；公务用车购置及运行维护费9.60万元（其中：公务用车购置费0.00万元、公务用车运行维护费9.60万元）；公务接待费3.20万元。", "运行维护费9.60万元）", "运行维护费9.30万元）", "FL105"),
    ],
)
def test_a_bracketed_figure_is_neither_the_base_nor_a_part(text: str, old: str, new: str, code: str) -> None:
    assert codes(text, ["FL1"]) == []
    assert code in codes(text.replace(old, new), ["FL1"])


# ---------------------------------------------------------------- two years' figures, the second naming only the tail

@pytest.mark.parametrize(
    "text",
    [
        "行政运行（项）：2026年预算数386.50万元，2025年预算数371.20万元，增加15.30万元，增长4.1%。",
        "住房公积金2026年预算228.30万元，2025年预算172.60万元，增长32.3%。",
    ],
)
def test_the_earlier_years_figure_is_the_base(text: str) -> None:
    assert codes(text, ["FL10"]) == []
    assert codes(text.replace("%。", "1%。").replace("4.11%", "4.6%").replace("32.31%", "33.5%"), ["FL10"]) == ["FL103"]


def test_figures_of_two_subjects_in_two_years_are_no_pair() -> None:
    assert codes("2026年基本支出预算386.50万元，2025年项目支出预算371.20万元，增长4.1%。", ["FL103"]) == []


# ---------------------------------------------------------------- the department's name before a total; 亿元

TOTALS = """北山区青松街道办事处
2025年度部门决算

收入支出决算总表
公开01表
单位：万元
项目 决算数 项目 决算数
一、一般公共预算财政拨款收入 12586.40 一、一般公共服务支出 12586.40
本年收入合计 12586.40 本年支出合计 12586.40
总计 12586.40 总计 12586.40

一、收入支出决算总体情况说明

北山区青松街道办事处2025年度收入总计1.26亿元，支出总计1.26亿元。与2024年度相比，收、支总计各减少424.80万元（-3.3%）。
"""


def test_a_total_after_the_departments_name_is_compared_with_the_table() -> None:
    assert codes(TOTALS) == []
    found = lint_text(TOTALS.replace("收入总计1.26亿元", "收入总计1.36亿元"), ["FL108"])
    assert [f.code for f in found] == ["FL108"]
    assert "1.36亿元（13600.00 万元）" in found[0].message


def test_a_bracketed_signed_rate_is_the_changes_rate() -> None:
    assert codes(TOTALS.replace("（-3.3%）", "（-3.6%）"), ["FL103"]) == ["FL103"]
    text = "支出总计860.00万元，比上年增加40.00万元（+4.9%）；收入总计860.00万元，比上年减少40.00万元（-4.4%）。"
    assert codes(text, ["FL10"]) == []
    assert codes(text.replace("+4.9%", "+5.9%"), ["FL10"]) == ["FL103"]
    assert codes("支出总计860.00万元，比上年增加40.00万元（-4.9%）。", ["FL103"]) == []  # the sign disagrees: no rate read


# ---------------------------------------------------------------- 完成调整预算; a share after a bracketed split

def test_an_execution_rate_of_the_adjusted_budget() -> None:
    text = "行政运行年初预算2800.00万元，调整预算2870.00万元，支出决算2860.45万元，完成调整预算99.7%。"
    assert codes(text, ["FL102"]) == []
    assert codes(text.replace("99.7%", "97.9%"), ["FL102"]) == ["FL102"]


THREE = """财政拨款“三公”经费支出决算表
公开09表
单位：万元
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 公务用车购置费 公务用车运行维护费
预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数
30.50 29.06 0.00 0.00 27.00 26.12 18.00 17.60 9.00 8.52 3.50 2.94

七、“三公”经费

公务用车购置及运行维护费26.12万元（其中：购置费17.60万元，运行费8.52万元），占“三公”经费的89.88%。
"""


def test_a_share_after_a_bracketed_split_is_the_outer_figures_of_the_three_public_total() -> None:
    assert codes(THREE, ["FL101"]) == []
    assert codes(THREE.replace("89.88%", "88.98%"), ["FL101"]) == ["FL101"]
    assert codes(THREE.replace("占“三公”经费的89.88%", "占某某经费的88.98%"), ["FL101"]) == []  # a whole nowhere stated


def test_a_three_public_table_with_all_figures_printed_is_read_when_one_half_adds_up() -> None:
    text = THREE + "\n公务接待费2.94万元，全年共接待20批次。\n"
    assert codes(text, ["FL307"]) == []
    assert codes(text.replace("3.50 2.94", "3.50 2.49"), ["FL307"]) == ["FL307"]  # the 决算数 half no longer adds up
    assert codes(text.replace("30.50 29.06", "31.50 29.96").replace("3.50 2.94", "3.50 2.49"), ["FL307"]) == []  # neither half does: unread


# ---------------------------------------------------------------- a flattened self-evaluation in another column order

EVALUATION = """部门整体支出绩效自评表
（2025年度）
部门（单位）名称 示例区文化馆
年度预算执行情况（万元） 全年预算数 全年执行数 执行率 分值 得分
年度资金总额 400.00 388.00 97.00% 10 9.70
按支出性质分：基本支出 300.00 292.00 97.33% — —
项目支出 100.00 96.00 96.00% — —
一级指标 二级指标 三级指标 年度指标值 分值 实际完成值 得分 偏差原因分析及改进措施
产出指标 数量指标 举办展览场次 ≥12场 30 12场 30
产出指标 质量指标 展品完好率 100% 30 100% 30
满意度指标 服务对象满意度指标 观众满意度 ≥90% 30 88.00% 27 部分场馆空调老化，已列入维修计划。
总分 100 96.70
自评等级 优
"""


def test_a_flattened_evaluation_with_the_rate_and_weight_in_another_order_is_read() -> None:
    assert codes(EVALUATION) == []
    assert codes(EVALUATION.replace("97.00% 10 9.70", "96.00% 10 9.70"), ["FL4"]) == ["FL401", "FL402"]
    assert sorted(codes(EVALUATION.replace("12场 30 12场 30", "12场 30 12场 25"), ["FL4"])) == ["FL403", "FL413"]
    assert codes(EVALUATION.replace("总分 100 96.70", "总分 100 95.70"), ["FL4"]) == ["FL403"]
    assert codes(EVALUATION.replace("300.00 292.00 97.33%", "300.00 302.00 100.67%"), ["FL4"]) == ["FL409"]
    assert codes(EVALUATION.replace("300.00 292.00 97.33%", "280.00 300.00 302.00 100.67%"), ["FL409"]) == []  # another column count: unread


def test_a_flattened_header_in_an_unknown_order_reads_no_scores() -> None:
    shuffled = EVALUATION.replace("年度指标值 分值 实际完成值 得分", "年度指标值 得分 实际完成值 分值").replace("执行率 分值 得分", "分值 得分 执行率")
    assert codes(shuffled.replace("总分 100 96.70", "总分 100 95.70"), ["FL40"]) == []


# ---------------------------------------------------------------- A和B分别为 X、Y; 占比分别为; 为预算的

def test_names_listed_before_their_figures_name_each_in_turn() -> None:
    (paragraph,) = [p for p in parse_text("基本支出和项目支出分别为980.94万元、450.65万元；公用经费5.00万元。").paragraphs]
    assert [c.subject for c in paragraph.claims if c.kind == "amount"] == ["基本支出", "项目支出", "公用经费"]
    (other,) = parse_text("基本支出和项目支出分别为980.94万元、办公费450.65万元。").paragraphs
    assert [c.subject for c in other.claims if c.kind == "amount"] == ["基本支出", "办公费"]  # words of its own: not the list's


def test_shares_listed_after_zhanbi_fenbie() -> None:
    text = "本年支出合计1431.59万元，基本支出和项目支出分别为980.94万元、450.65万元，占比分别为68.52%、31.48%。"
    assert codes(text, ["FL101"]) == []
    assert codes(text.replace("68.52%", "68.25%"), ["FL101"]) == ["FL101"]


def test_an_execution_rate_of_the_budget_named_without_a_stage() -> None:
    text = "“三公”经费年初预算6.50万元，支出5.92万元，为预算的91.1%。"
    assert codes(text, ["FL102"]) == []
    assert codes(text.replace("91.1%", "90.1%"), ["FL102"]) == ["FL102"]


# ---------------------------------------------------------------- 人员经费 / 公用经费 against table 06

BASIC = """一般公共预算财政拨款基本支出决算表
公开06表
单位：万元
经济分类科目编码 科目名称 决算数
301 工资福利支出 80.00
302 商品和服务支出 20.00
人员经费合计 80.00 公用经费合计 20.00

六、一般公共预算财政拨款基本支出决算情况说明

一般公共预算财政拨款基本支出100.00万元，人员经费和公用经费分别为80.00万元、20.00万元。
"""


def test_staff_and_public_funds_of_the_narrative_are_table_06s() -> None:
    assert codes(BASIC, ["FL108"]) == []
    assert codes(BASIC.replace("分别为80.00万元", "分别为86.00万元"), ["FL108"]) == ["FL108"]
    other = BASIC.replace("六、一般公共预算财政拨款基本支出决算情况说明", "六、支出决算情况说明")
    assert codes(other.replace("分别为80.00万元", "分别为86.00万元"), ["FL108"]) == []  # another section: all funds, not table 06
    assert codes(BASIC.replace("人员经费和公用经费分别为80.00万元", "上年人员经费和公用经费分别为86.00万元"), ["FL108"]) == []  # last year's
