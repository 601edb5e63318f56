"""The same report as other converters and editors write it: each variant must read like the
original (no finding that the original does not have), or, when its rows cannot be proven,
place nothing and say so (FL001). The fixtures are small reports written for these tests."""

from __future__ import annotations

import pytest

from fiscallint.findings import Finding
from fiscallint.parser import parse_source
from fiscallint.parser.lines import Line, ascii_figures, closed_groups, hard_wrap_width, join_split_lines
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text

EXPENDITURE = """支出决算表
公开03表
单位：万元
科目编码	科目名称	本年支出合计	基本支出	项目支出
	合计	210.40	160.40	50.00
205	教育支出	210.40	160.40	50.00
20502	普通教育	210.40	160.40	50.00
2050201	学前教育	120.40	120.40
2050202	小学教育	90.00	40.00	50.00
"""


def codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


def pipe_table(text: str) -> str:
    """The tab-separated rows as a markdown pipe table (a separator line after the first row)."""
    out: list[str] = []
    first = True
    for line in text.splitlines():
        if "\t" not in line:
            out.append(line)
            first = True
            continue
        cells = line.split("\t")
        out.append("| " + " | ".join(cells) + " |")
        if first:
            out.append("|" + "---|" * len(cells))
            first = False
    return "\n".join(out) + "\n"


TABLES = ["FL2"]
WRONG_CELL = EXPENDITURE.replace("\t120.40\t120.40", "\t120.40\t112.40")


def test_tab_table_reads_clean() -> None:
    assert codes(lint_text(EXPENDITURE, select=TABLES)) == []
    assert codes(lint_text(WRONG_CELL, select=TABLES)) == ["FL201", "FL202"]


def test_pipe_table_saved_as_txt_reads_like_its_tab_table() -> None:
    assert codes(lint_text(pipe_table(EXPENDITURE), select=TABLES, path="report.txt")) == []
    assert codes(lint_text(pipe_table(WRONG_CELL), select=TABLES, path="report.txt")) == ["FL201", "FL202"]


SHARE = "2024年度本年支出合计2,035.32万元，其中基本支出1,628.26万元，占本年支出合计的{}%。\n"
FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def test_full_width_figures_in_narrative_read_like_ascii() -> None:
    assert lint_text(SHARE.format("80.0").translate(FULL_WIDTH), select=["FL1"]) == []
    wrong = lint_text(SHARE.format("85.0").translate(FULL_WIDTH), select=["FL1"])
    assert codes(wrong) == ["FL101"] and "1628.26 / 2035.32" in wrong[0].message.replace(",", "")


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("支出２，０３５．３２万元，占８０.０％", "支出2,035.32万元，占80.0%"),
        ("共1，234，567元", "共1,234,567元"),
        ("增加12，345项工作", "增加12，345项工作"),  # two clauses, not a grouped figure
    ],
)
def test_full_width_figures_become_ascii_one_character_for_one(printed: str, read: str) -> None:
    assert ascii_figures(printed) == read and len(read) == len(printed)


VERTICAL_THREE_PUBLIC = """一般公共预算财政拨款基本支出决算明细表
公开06表
单位：万元
科目编码  科目名称  决算数
302  商品和服务支出  6.20
30217  公务接待费  0.60
30231  公务用车运行维护费  1.20
公用经费合计  6.20

财政拨款“三公”经费支出情况表
公开10表
单位：万元
项目  行次  全年预算数  决算数
因公出国（境）费  1  4.40  4.40
公务用车购置及运行维护费  2  2.00  1.20
公务用车运行维护费  3  2.00  1.20
公务接待费  4  0.80  0.60
"""


def test_three_public_table_listing_items_down_its_rows_is_not_read_as_one_row() -> None:
    """Items down the rows (a tab table whose tabs became spaces): one item's figures are not
    the twelve slots of a single row, so no slot is decided (nor any figure said empty)."""
    assert lint_text(VERTICAL_THREE_PUBLIC, select=["FL307", "FL310"]) == []


TAB_PERFORMANCE = """部门整体支出绩效自评表
一级指标	二级指标	三级指标	指标值	指标值设定依据	实际完成值	分值	得分
产出指标	数量指标	举办培训班次	>=3 期	年度工作计划	3 期	20	20
产出指标	数量指标	走访企业户数	>=40 户	年度工作计划	42 户	20	20
总分	40	40
"""


def test_performance_row_whose_tabs_became_spaces_reads_no_weight_as_its_actual() -> None:
    """Tabs turned into runs of spaces (an editor's conversion): the line ends in 实际完成值 分值
    得分, not in a target/actual pair, so the weight is not read as the value achieved."""
    assert lint_text(TAB_PERFORMANCE, select=["FL4"]) == []
    spaced = TAB_PERFORMANCE.replace("\t", "  ")
    assert lint_text(spaced, select=["FL4"]) == []
    [table] = parse_source(SourceText("r.txt", spaced, "utf-8", detect_shape("r.txt", spaced))).performance
    assert all(i.actual is None or i.actual.unit for i in table.indicators)


def test_figure_cut_before_its_decimal_point_is_put_back() -> None:
    """A line hard-wrapped inside a figure, before its point (320 | .50 万元)."""
    text = "## 一、情况\n\n财政拨款支出总计 320\n.50 万元，其中：基本支出 300.50 万元，项目支出 {} 万元。\n"
    for path in ("r.md", "r.txt"):
        assert lint_text(text.format("20.00"), select=["FL1"], path=path) == []
        assert codes(lint_text(text.format("25.00"), select=["FL1"], path=path)) == ["FL105"]


WRAPPED_ROW = """支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 210.40 160.40 50.00
205 教育支出 210.40 160.40 50.00
20502 普通教育 210.40 160.4
0 50.00
2050201 学前教育 120.40 120.40
2050202 小学教育 90.00 40.00 50.00
"""


def test_figure_cut_after_its_first_decimal_is_put_back_when_its_line_shows_two() -> None:
    assert lint_text(WRAPPED_ROW, select=TABLES) == []
    assert codes(lint_text(WRAPPED_ROW.replace("120.40 120.40", "120.40 112.40"), select=TABLES)) == ["FL202"]


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("20502 普通教育 210.40 160.4", "0 50.00", ["20502 普通教育 210.40 160.40 50.00"]),
        ("合计 429.8 31.5", "7", ["合计 429.8 31.5", "7"]),  # one-decimal figures: 7 may be a page number
        ("支出总计 454", ".25 万元。", ["支出总计 454.25", "万元。"]),
        ("一、教育支出 32 1", ",600.40", ["一、教育支出 32 1,600.40"]),
        ("302 商品和服务支出 88.20 3", "10 资本性支出 2.50", ["302 商品和服务支出 88.20 310 资本性支出 2.50"]),
        ("合计 88.20 205", "02 普通教育 88.20", ["合计 88.20 205", "02 普通教育 88.20"]),  # 205 is a code
        ("共 2 人 3", "10 资本性支出", ["共 2 人 3", "10 资本性支出"]),  # no figures: 3 may be a count
    ],
)
def test_split_figures_join_only_where_the_cut_is_provable(first: str, second: str, joined: list[str]) -> None:
    lines = [Line(1, first, 1, first), Line(2, second, 1, second)]
    assert [line.text for line in join_split_lines(lines)] == joined


FIGURES_A_LINE_LOWER = """财政拨款收入支出决算总表
公开04表
单位：万元
收入 支出
项目 金额 项目 合计 一般公共预算财政拨款
一、一般公共预算财政拨款 500.00 一、一般公共服务支出
400.00 400.00
二、政府性基金预算财政拨款 二、教育支出 100.00 100.00
本年收入合计 500.00 本年支出合计 500.00
500.00
"""


def test_label_table_whose_figures_sit_a_line_lower_is_not_checked() -> None:
    """A layout-preserving extraction printed some cells' figures a line below their labels:
    which row (and which half) they belong to is not provable, so the table is reported as not
    checked instead of summed with figures in the wrong rows."""
    found = lint_text(FIGURES_A_LINE_LOWER, select=["FL001", "FL2"])
    assert codes(found) == ["FL001"] and "只有数字" in found[0].message
    same_line = FIGURES_A_LINE_LOWER.replace("一、一般公共服务支出\n400.00 400.00", "一、一般公共服务支出 400.00 400.00")
    assert lint_text(same_line.replace("本年支出合计 500.00\n500.00", "本年支出合计 500.00 500.00"), select=["FL001", "FL2"]) == []


NARRATIVE = "".join(
    f"{n}. 本单位{2020 + n}年度组织开展业务培训和专题调研工作，按计划完成各项任务，资金使用规范。\n" for n in range(1, 12)
)
WIDE_TABLE = """支出决算表
公开03表
单位：万元
科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出
\t合计\t1,210.40\t1,160.40\t50.00\t\t
205\t教育支出\t1,210.40\t1,160.40\t50.00\t\t
20502\t普通教育\t1,210.40\t1,160.40\t50.00\t\t
2050201\t学前教育（含幼儿园保育教育服务工作）\t1,120.40\t1,120.40\t\t\t
2050202\t小学教育（含教学点和寄宿制学校）\t90.00\t40.00\t50.00\t\t
"""


def hard_wrap(text: str, width: int) -> str:
    return "\n".join(line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


def test_table_of_a_hard_wrapped_text_is_not_checked_where_a_row_was_cut() -> None:
    text = "一、概况\n" + NARRATIVE + "\n" + WIDE_TABLE
    assert lint_text(text, select=["FL001", "FL2"]) == []
    wrapped = hard_wrap(text, 40)
    assert hard_wrap_width(wrapped.split("\n")) == 40
    found = lint_text(wrapped, select=["FL001", "FL2"])
    assert codes(found) == ["FL001"] and "硬折行" in found[0].message


def test_a_few_lines_of_the_greatest_length_are_no_hard_wrap() -> None:
    lines = ["一二三四五六七八九十" * 4] * 3 + ["短行"] * 20
    assert hard_wrap_width(lines) is None
    assert hard_wrap_width([line + "   " for line in ["一二三四五六七八九十" * 4] * 12]) is None  # padded, not cut


def test_grid_performance_table_with_cells_cut_at_the_wrap_width_is_not_read() -> None:
    table = TAB_PERFORMANCE.replace("举办培训班次", "举办基层财务人员业务培训班次").replace("走访企业户数", "走访辖区重点企业户数")
    text = "一、概况\n" + NARRATIVE + "\n" + table
    assert [len(t.indicators) for t in parse_source(SourceText("r.txt", text, "utf-8", "tsv")).performance] == [2]
    wrapped = hard_wrap(text, 40)
    assert parse_source(SourceText("r.txt", wrapped, "utf-8", "tsv")).performance == []
    found = lint_text(wrapped, select=["FL001", "FL4"])
    assert codes(found) == ["FL001"] and "硬折行" in found[0].message


def one_cell_a_line(text: str) -> str:
    """A tab table as a converter of word-processor files writes it: each cell on a line of its own."""
    return "\n".join(cell for line in text.split("\n") for cell in (line.split("\t") if "\t" in line else [line]) if cell or "\t" not in line)


def test_column_numbers_printed_one_a_line_are_not_a_data_row() -> None:
    header = "经营支出\n"
    text = one_cell_a_line(WIDE_TABLE.replace(header, header + "栏次\t\t1\t2\t3\t4\t5\n", 1))
    [table] = parse_source(SourceText("r.txt", text, "utf-8", "dump")).tables
    assert [row.label for row in table.rows] == ["合计", "教育支出", "普通教育", "学前教育（含幼儿园保育教育服务工作）", "小学教育（含教学点和寄宿制学校）"]
    assert lint_text(text, select=["FL2"]) == []


@pytest.mark.parametrize(
    ("extracted", "read"),
    [
        ("合计 2, 486.85 1, 800.02 3.00", "合计 2,486.85  1,800.02  3.00"),
        ("共 1, 234, 567.00 元", "共 1,234,567.00   元"),
        ("分别为 1, 234 项", "分别为 1, 234 项"),  # no decimals: may be a list
    ],
)
def test_space_after_a_thousands_comma_is_closed_up_in_place(extracted: str, read: str) -> None:
    assert closed_groups(extracted) == read and len(read) == len(extracted)


def test_figures_with_spaced_thousands_commas_read_whole() -> None:
    text = "2024年度本年支出合计2, 035.32万元，其中基本支出1, 628.26万元，占本年支出合计的{}%。\n"
    assert lint_text(text.format("80.0"), select=["FL1"]) == []
    assert codes(lint_text(text.format("85.0"), select=["FL1"])) == ["FL101"]


def test_a_dash_in_an_empty_cell_is_not_a_performance_table_name() -> None:
    text = "项目支出绩效自评表\n项目名称\t-\t社区课堂补助\t-\n一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n产出指标\t数量指标\t开课次数\t≥10 次\t12 次\n"
    [table] = parse_source(SourceText("r.txt", text, "utf-8", "tsv")).performance
    assert table.name == "社区课堂补助"


BASIC_ONE_CELL_A_LINE = """一般公共预算财政拨款基本支出决算表
公开06表
单位：万元
科目编码
科目名称
决算数
301
工资福利支出
80.00
30101
基本工资
80.00
302
商品和服务支出
5.00
30201
办公费
5.00
30202
印刷费
人员经费合计
80.00
公用经费合计
5.00
"""


def test_total_label_after_a_code_and_its_name_keeps_its_own_figures() -> None:
    """One cell a line: 30202 | 印刷费 | 人员经费合计 | 80.00 — the 80.00 is the total's, not the
    印刷费's; which is not provable line by line, so the table is reported, not summed."""
    found = lint_text(BASIC_ONE_CELL_A_LINE, select=["FL001", "FL2"])
    assert codes(found) == ["FL001"], [f.message for f in found]
