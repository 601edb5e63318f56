"""Report styles of other provinces: numbered table titles, years in Chinese numerals, narrative
amounts in 元 beside 万元, a 三公 table listing its items down the rows, last year's figure given
in passing inside a breakdown, and self-evaluation tables with their own column names and a grade
row of its own. Each case must parse (or fire); each near miss must not."""

from __future__ import annotations

import pytest

from fiscallint.coverage import unknown_tables
from fiscallint.facts import is_budget_report, three_public_table
from fiscallint.parser import parse_source
from fiscallint.parser.lines import arabic_years
from fiscallint.parser.tables import is_code, table_kind
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text


def parse(text: str, name: str = "report.txt"):  # type: ignore[no-untyped-def]
    return parse_source(SourceText(name, text, "utf-8", detect_shape(name, text)))


def codes(text: str, select: list[str] | None = None) -> list[str]:
    return [f.code for f in lint_text(text, select)]


# ---------------------------------------------------------------- numbered table titles


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("表一收入支出决算总表", "01"),
        ("表5一般公共预算财政拨款支出决算表", "05"),
        ("表一一般公共预算财政拨款支出决算表", "05"),
        ("附表1-2收入决算表", "02"),
        ("附表1－9财政拨款“三公”经费支出决算表", "09"),
        ("附件3、表3支出决算表", "03"),
        ("收入支出决算总表（表1）", "01"),
        ("表1部门收支总表", "B01"),
        ("表3部门支出总表", "B03"),
        ("表6一般公共预算基本支出表", "B06"),
        ("表十一政府性基金预算支出表", "B08"),
    ],
)
def test_a_province_table_number_is_not_part_of_the_title(title: str, kind: str) -> None:
    assert table_kind(title) == kind


@pytest.mark.parametrize("title", ["表外收支决算总表", "表决算表", "表格说明"])
def test_words_that_only_start_like_a_table_number_keep_their_meaning(title: str) -> None:
    assert table_kind(title) is None


BUDGET_TABLES = """某市档案局2027年部门预算

表1 部门收支总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t100.00\t一、一般公共服务支出\t100.00
本年收入合计\t100.00\t本年支出合计\t100.00

表3 部门支出总表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t100.00\t80.00\t20.00
201\t一般公共服务支出\t100.00\t80.00\t20.00
"""


def test_a_budget_with_numbered_tables_is_a_budget() -> None:
    report = parse(BUDGET_TABLES)
    assert [t.kind for t in report.tables] == ["B01", "B03"]
    assert is_budget_report(report)


def test_a_final_account_with_numbered_tables_is_not_a_budget() -> None:
    report = parse(BUDGET_TABLES.replace("表1 部门收支总表", "表1 收入支出决算总表").replace("表3 部门支出总表", "表3 支出决算表"))
    assert [t.kind for t in report.tables] == ["01", "03"]
    assert not is_budget_report(report)


def test_a_numbered_table_is_checked_across_tables() -> None:
    text = (
        "表1 收入支出决算总表\n单位：万元\n收入\t\t支出\t\n项目\t决算数\t项目\t决算数\n"
        "一、一般公共预算财政拨款收入\t100.00\t一、一般公共服务支出\t100.00\n"
        "本年收入合计\t100.00\t本年支出合计\t100.00\n\n"
        "表3 支出决算表\n单位：万元\n功能分类科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
        "\t合计\t110.00\t90.00\t20.00\n201\t一般公共服务支出\t110.00\t90.00\t20.00\n"
    )
    assert "FL302" in codes(text, ["FL302"])
    assert "FL302" not in codes(text.replace("110.00", "100.00").replace("90.00", "80.00"), ["FL302"])


# ---------------------------------------------------------------- years in Chinese numerals


def test_a_year_in_chinese_numerals_is_read_as_the_year() -> None:
    assert arabic_years("二〇二七年度部门决算") == "2027年度部门决算"
    assert arabic_years("二○二六年") == "2026年"
    assert arabic_years("与二零二六年度相比") == "与2026年度相比"
    report = parse("某县统计局\n二〇二七年度部门决算\n\n第三部分 二〇二七年度部门决算情况说明\n")
    assert report.year == 2027


@pytest.mark.parametrize("text", ["十二月", "二〇年", "一二三四五年", "三二〇二七年", "二〇二七"])
def test_other_chinese_numerals_are_left_alone(text: str) -> None:
    assert arabic_years(text) == text


# ---------------------------------------------------------------- narrative amounts in 元

THREE_PUBLIC_TABLE = (
    "财政拨款“三公”经费支出决算表\n单位：元\n"
    "预算数 决算数\n"
    "1 2 3 4 5 6 7 8 9 10 11 12\n"
    "80,000.00 0.00 50,000.00 0.00 50,000.00 30,000.00 60,000.00 0.00 45,000.00 0.00 45,000.00 15,000.00\n\n"
)
THREE_PUBLIC_TEXT = (
    "一、“三公”经费支出决算情况说明\n"
    "2027年度“三公”经费财政拨款支出决算为6.00万元，其中：因公出国（境）费支出决算为0万元；"
    "公务用车购置及运行维护费支出决算为45,000.00元；公务接待费支出决算为15,000.00元，共接待5批次、30人次。\n"
)


def test_amounts_in_yuan_are_compared_with_the_table_in_wan() -> None:
    assert codes(THREE_PUBLIC_TABLE + THREE_PUBLIC_TEXT) == []


def test_an_amount_in_yuan_that_differs_from_the_table_is_found() -> None:
    text = THREE_PUBLIC_TABLE + THREE_PUBLIC_TEXT.replace("15,000.00元", "18,000.00元")
    assert "FL307" in codes(text, ["FL307"])


def test_a_part_in_yuan_is_not_compared_as_wan_with_its_total() -> None:
    text = "2027年度“三公”经费支出4.00万元，其中：公务用车运行维护费30,000.00元，公务接待费10,000.00元。\n"
    assert codes(text, ["FL105", "FL106", "FL101"]) == []
    wrong = "2027年度“三公”经费支出4.00万元，其中：公务用车运行维护费5.00万元，公务接待费1.00万元。\n"
    assert "FL106" in codes(wrong, ["FL106"])


# ---------------------------------------------------------------- a 三公 table down the rows

ROWS_TABLE = (
    "财政拨款“三公”经费支出决算表\n单位：万元\n项目\t预算数\t决算数\n合计\t15.00\t12.00\n"
    "1.因公出国（境）费\t0.00\t0.00\n2.公务用车购置及运行维护费\t12.00\t10.00\n"
    "其中：（1）公务用车购置费\t0.00\t0.00\n（2）公务用车运行维护费\t12.00\t10.00\n3.公务接待费\t3.00\t2.00\n\n"
    "一、“三公”经费支出决算情况说明\n2027年度“三公”经费财政拨款支出决算为12.00万元，其中：公务用车购置及运行维护费支出决算为10.00万元；"
    "公务接待费支出决算为2.00万元。\n"
)


def test_a_three_public_table_down_the_rows_is_read() -> None:
    located = three_public_table(parse(ROWS_TABLE))
    assert located is not None
    values = {key: number.text for key, number in located[2].values.items()}
    assert values[("budget", "total")] == "15.00" and values[("actual", "reception")] == "2.00"
    assert values[("actual", "purchase")] == "0.00"
    assert codes(ROWS_TABLE, ["FL307"]) == []
    assert "FL307" in codes(ROWS_TABLE.replace("公务接待费支出决算为2.00万元", "公务接待费支出决算为2.60万元"), ["FL307"])


def test_a_rows_table_with_another_years_column_gives_this_years_column_only() -> None:
    text = ROWS_TABLE.replace("项目\t预算数\t决算数", "项目\t上年决算数\t本年决算数")
    located = three_public_table(parse(text))
    assert located is not None
    assert {key: number.text for key, number in located[2].values.items() if key[1] == "total"} == {("actual", "total"): "12.00"}
    assert codes(text, ["FL307"]) == []
    swapped = ROWS_TABLE.replace("项目\t预算数\t决算数", "项目\t本年决算数\t上年决算数")
    assert "FL307" in codes(swapped, ["FL307"])  # 本年 is now the 15.00 column: the narrative's 12.00 is last year's


# ---------------------------------------------------------------- last year's figure in passing


def test_last_years_figure_in_brackets_is_not_a_part() -> None:
    text = "2027年度本年支出合计1,100.00万元，其中：基本支出700.00万元，同比下降5.41%（上年为740.00万元）；项目支出400.00万元。\n"
    assert codes(text, ["FL105"]) == []
    wrong = text.replace("项目支出400.00万元", "项目支出420.00万元")
    assert "FL105" in codes(wrong, ["FL105"])


# ---------------------------------------------------------------- self-evaluation tables

EVALUATION = """项目支出绩效自评表
项目名称\t示范基地建设
项目资金（万元）\t\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t30.00\t24.00\t10\t80.00%\t8.00
绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t完成值\t权重\t得分\t偏差原因
\t产出指标\t数量指标\t示范基地数量\t=3个\t3个\t50\t50\t
\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t92%\t40\t40\t
总分\t\t\t\t\t\t100\t98\t
自评等级\t优
"""


def test_a_completion_value_column_and_a_grade_row_are_read() -> None:
    (table,) = parse(EVALUATION).performance
    assert [i.actual.text if i.actual else None for i in table.indicators] == ["3个", "92%"]
    assert table.grade == "优"
    assert codes(EVALUATION, ["FL4"]) == []


def test_a_wrong_grade_on_its_own_row_is_found() -> None:
    assert "FL404" in codes(EVALUATION.replace("自评等级\t优", "自评等级\t良"), ["FL404"])


def test_a_grade_row_with_two_values_is_not_read() -> None:
    (table,) = parse(EVALUATION.replace("自评等级\t优", "自评等级\t优\t良")).performance
    assert table.grade is None


ITEM_TABLE = (
    "一般公共预算财政拨款支出决算表\n公开05表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "\t合计\t4524000.00\t4524000.00\t\n213\t农林水支出\t4524000.00\t4524000.00\t\n"
    "21301\t农业农村\t4524000.00\t4524000.00\t\n2130104\t事业运行\t4524000.00\t4524000.00\t\n\n"
    "一、一般公共预算财政拨款支出决算具体情况\n"
    "农林水支出（类）农业农村（款）事业运行（项）。年初预算为4,100,000.00元，支出决算为4,524,000.00元。\n"
)


def test_an_item_paths_amount_in_yuan_is_compared_in_wan() -> None:
    assert codes(ITEM_TABLE, ["FL108"]) == []
    wrong = [f for f in lint_text(ITEM_TABLE.replace("支出决算为4,524,000.00元", "支出决算为4,254,000.00元"), ["FL108"])]
    assert [f.code for f in wrong] == ["FL108"]
    assert "4,254,000.00元与" in wrong[0].message and "万元与" not in wrong[0].message


def test_a_breakdown_in_yuan_is_reported_in_yuan() -> None:
    text = "2027年度基本支出6,024,000.00元，其中：人员经费4,294,000.00元，公用经费1,100,000.00元。\n"
    (finding,) = lint_text(text, ["FL105"])
    assert "6,024,000.00 元与" in finding.message


BUDGET_THREE_PUBLIC = (
    "某市档案局2027年部门预算\n\n表1 部门收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算拨款收入\t100.00\t一、一般公共服务支出\t100.00\n本年收入合计\t100.00\t本年支出合计\t100.00\n\n"
    "表8 “三公”经费支出表\n单位：万元\n合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\n"
    "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n8.00\t2.00\t5.00\t0.00\t5.00\t1.00\n\n"
    "五、“三公”经费预算情况\n2027年“三公”经费预算8.00万元。其中：因公出国（境）费2.00万元；公务用车购置及运行维护费5.00万元；公务接待费1.00万元。\n"
)


def test_a_budgets_three_public_figures_are_called_budgets() -> None:
    assert codes(BUDGET_THREE_PUBLIC, ["FL307"]) == []
    (finding,) = lint_text(BUDGET_THREE_PUBLIC.replace("公务接待费1.00万元", "公务接待费1.50万元"), ["FL307"])
    assert "公务接待费预算数" in finding.message and "决算" not in finding.message


# ---------------------------------------------------------------- a 三公 item's rate against the table's budget

ITEM_RATES = ROWS_TABLE.replace(
    "公务接待费支出决算为2.00万元。",
    "公务接待费支出决算为2.00万元，完成预算的66.67%。",
)


def test_a_three_public_items_rate_is_checked_against_the_tables_budget() -> None:
    assert codes(ITEM_RATES, ["FL102"]) == []
    (finding,) = lint_text(ITEM_RATES.replace("66.67%", "76.67%"), ["FL102"])
    assert "2.00 / 3.00 = 66.67%" in finding.message


def test_a_three_public_items_rate_is_not_checked_when_the_figures_are_not_the_tables() -> None:
    assert codes(ITEM_RATES.replace("66.67%", "76.67%").replace("完成预算的", "完成年初预算的"), ["FL102"]) == []
    assert codes(ITEM_RATES.replace("66.67%", "76.67%").replace("决算为2.00万元", "决算为2.30万元"), ["FL102"]) == []


# ---------------------------------------------------------------- what --show-coverage says was not cross-checked


def test_coverage_names_the_tables_no_cross_table_rule_reads() -> None:
    text = (
        "收入支出决算总表\n单位：万元\n项目\t决算数\n本年收入合计\t100.00\n\n"
        "机关运行经费支出明细表\n单位：万元\n项目\t决算数\n办公费\t10.00\n"
    )
    unknown = [t.title for t in unknown_tables(parse(text))]
    assert unknown == ["机关运行经费支出明细表"]


DEPARTMENT_EVALUATION = """部门整体支出绩效自评表
部门名称\t某县档案馆
年度部门整体支出预算执行情况（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t300.00\t320.00\t320.00\t10\t100.00%\t10.00
\t按支出性质分：\t—\t—\t—\t—\t—\t—
\t其中：基本支出\t250.00\t260.00\t260.00\t—\t100.00%\t—
\t项目支出\t50.00\t60.00\t60.00\t—\t100.00%\t—
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因
\t产出指标\t数量指标\t档案数字化数量\t≥1000卷\t1200卷\t90\t90\t
总分\t\t\t\t\t\t100\t100\t
"""


def test_funding_lines_by_nature_under_a_row_of_dashes_are_read() -> None:
    (table,) = parse(DEPARTMENT_EVALUATION).performance
    assert (table.basic_total.text, table.project_total.text) == ("260.00", "60.00")  # type: ignore[union-attr]
    assert codes(DEPARTMENT_EVALUATION, ["FL4"]) == []
    assert "FL409" in codes(DEPARTMENT_EVALUATION.replace("\t260.00\t—\t100.00%", "\t270.00\t—\t100.00%"), ["FL409"])


def test_a_row_of_dashes_alone_is_no_funding_line() -> None:
    (table,) = parse(DEPARTMENT_EVALUATION).performance
    assert "按支出性质分：" not in [line.label for line in table.budget_lines]
    assert [i.name for i in table.indicators] == ["档案数字化数量"]


# ---------------------------------------------------------------- whole 元 amounts are figures, not codes


@pytest.mark.parametrize("text", ["201", "234", "20135", "2013501", "301", "30101", "50201"])
def test_classification_codes_are_codes(text: str) -> None:
    assert is_code(text)


@pytest.mark.parametrize("text", ["100", "200", "235", "8124000", "2300000", "2130100", "20100", "4924000"])
def test_whole_amounts_are_not_codes(text: str) -> None:
    assert not is_code(text)


def test_a_table_in_whole_yuan_keeps_its_figures() -> None:
    text = (
        "收入支出决算总表\n单位：元\n项目\t决算数\t项目\t决算数\n"
        "一、一般公共预算财政拨款收入\t8124000\t一、农林水支出\t8000000\n"
        "五、事业收入\t356000\t二、住房保障支出\t480000\n"
        "本年收入合计\t8480000\t本年支出合计\t8480000\n"
    )
    rows = {row.label: [n.text for n in row.numbers] for row in parse(text).tables[0].rows}
    assert rows["本年收入合计"] == ["8480000"] and rows["一、一般公共预算财政拨款收入"] == ["8124000"]
    assert codes(text, ["FL2"]) == []
    assert "FL205" in codes(text.replace("本年收入合计\t8480000", "本年收入合计\t8490000"), ["FL205"])


# ---------------------------------------------------------------- a 决算 table with budget columns beside its 决算 ones

PLANNED_05 = (
    "一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n"
    "科目编码\t科目名称\t年初预算数\t全年预算数\t决算数\t基本支出\t项目支出\n"
    "\t合计\t300.00\t320.00\t314.00\t264.00\t50.00\n"
    "201\t一般公共服务支出\t300.00\t320.00\t314.00\t264.00\t50.00\n"
    "20105\t统计信息事务\t300.00\t320.00\t314.00\t264.00\t50.00\n"
    "2010501\t行政运行\t250.00\t270.00\t264.00\t264.00\t\n"
    "2010507\t专项普查活动\t50.00\t50.00\t50.00\t\t50.00\n\n"
    "一、一般公共预算财政拨款支出决算情况说明\n"
    "一般公共服务支出（类）统计信息事务（款）行政运行（项）。年初预算为250.00万元，支出决算为264.00万元。\n"
)


def test_a_table_with_budget_columns_is_not_read_as_the_template() -> None:
    assert codes(PLANNED_05, ["FL202", "FL108"]) == []
    assert "FL201" in codes(PLANNED_05.replace("2010507\t专项普查活动\t50.00", "2010507\t专项普查活动\t60.00"), ["FL201"])
    assert [t.title for t in unknown_tables(parse(PLANNED_05))] == ["一般公共预算财政拨款支出决算表"]


def test_the_template_layout_of_the_same_table_is_checked() -> None:
    standard = (
        "一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "\t合计\t314.00\t264.00\t60.00\n201\t一般公共服务支出\t314.00\t264.00\t50.00\n"
    )
    assert "FL202" in codes(standard, ["FL202"])
    assert unknown_tables(parse(standard)) == []


# ---------------------------------------------------------------- other words for an execution rate


@pytest.mark.parametrize(
    "sentence",
    [
        "支出年初预算为780.00万元，支出决算为802.40万元，为年初预算的102.87%。",
        "支出全年预算数为800.00万元，决算数为802.40万元，决算完成率为100.30%。",
    ],
)
def test_other_words_for_an_execution_rate_are_checked(sentence: str) -> None:
    assert codes(sentence + "\n", ["FL102"]) == []
    wrong = sentence.replace("102.87%", "112.87%").replace("100.30%", "110.30%")
    assert codes(wrong + "\n", ["FL102"]) == ["FL102"]


def test_a_share_worded_like_a_rate_is_no_execution() -> None:
    claims = [c.kind for p in parse("基本支出650.00万元，为本年支出的76.47%。\n").paragraphs for c in p.claims]
    assert "execution" not in claims


# ---------------------------------------------------------------- a share that prints its whole's amount

INLINE_WHOLE = (
    "本年支出合计850.00万元，其中：基本支出650.00万元，占本年支出合计850.00万元的76.47%；"
    "项目支出200.00万元，占本年支出合计850.00万元的23.53%。\n"
)


def test_a_shares_printed_whole_is_its_whole_and_no_part() -> None:
    assert codes(INLINE_WHOLE, ["FL101", "FL105", "FL106"]) == []
    (finding,) = lint_text(INLINE_WHOLE.replace("76.47%", "86.47%"), ["FL101"])
    assert "650.00 / 850.00 = 76.47%" in finding.message


def test_an_amount_after_a_share_that_is_not_its_whole_stays_a_part() -> None:
    text = "本年支出合计850.00万元，其中：基本支出650.00万元，占76.47%；项目支出200.00万元，占23.53%。\n"
    (breakdown,) = [c for p in parse(text).paragraphs for c in p.claims if c.kind == "breakdown"]
    assert [p.value.text for p in breakdown.parts] == ["650.00", "200.00"]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- last year's figure after the rate

PRIOR_AFTER = "2027年度基本支出700.00万元，同比下降5.41%（上年为740.00万元）。\n"


def test_last_years_figure_after_the_rate_is_its_base() -> None:
    assert codes(PRIOR_AFTER, ["FL103", "FL104"]) == []
    (finding,) = lint_text(PRIOR_AFTER.replace("5.41%", "4.51%"), ["FL103"])
    assert "(700.00 − 740.00) / 740.00" in finding.message


def test_a_figure_in_another_unit_after_the_rate_is_not_its_base() -> None:
    text = "2027年度基本支出700.00万元，同比下降4.51%（上年为7,400,000.00元）。\n"
    assert codes(text, ["FL103"]) == []
