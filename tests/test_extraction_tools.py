"""The same report as other extraction tools write it: full-width figures in table cells, HTML
character references, a page break inside a line, a converter's page marks, a text whose lines
were run together. Each reads like its plain original (no finding the original does not have),
and the findings it has are still found. The fixtures are small reports written for these tests."""

from __future__ import annotations

import pytest

from fiscallint.findings import Finding
from fiscallint.parser import parse_source
from fiscallint.parser.document import marked_pages
from fiscallint.parser.lines import ascii_figures, clean_line, page_pieces
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text


def codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


def parsed(text: str, path: str = "r.txt"):
    return parse_source(SourceText(path, text, "utf-8", detect_shape(path, text)))


BASIC = """一般公共预算财政拨款基本支出预算表
单位：元
科目编码 科目名称 合计 人员经费 公用经费
合计 12,460,300 11,040,300 1,420,000
301 工资福利支出 11,040,300 11,040,300
30101 基本工资 6,120,100 6,120,100
30102 津贴补贴 4,920,200 4,920,200
302 商品和服务支出 1,420,000 1,420,000
30201 办公费 820,000 820,000
30205 水费 600,000 600,000
"""
FULL_WIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def test_table_cells_grouped_by_full_width_commas_read_like_ascii() -> None:
    """A whole figure in 元 grouped by full-width commas standing alone in a cell (１１，０４０，３００)."""
    assert lint_text(BASIC, select=["FL2"]) == []
    assert lint_text(BASIC.translate(FULL_WIDTH), select=["FL2"]) == []
    wrong = BASIC.replace("6,120,100 6,120,100", "6,120,100 6,020,100")
    assert codes(lint_text(wrong, select=["FL2"])) == codes(lint_text(wrong.translate(FULL_WIDTH), select=["FL2"])) != []


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("其他 ３８１，４６３ ３８１，４６３", "其他 381,463 381,463"),  # one group, standing alone between spaces
        ("一、一般公共预算 ４７，４８３，４５８一、卫生健康支出", "一、一般公共预算 47,483,458一、卫生健康支出"),  # two groups, glued to the next cell
        ("预算调整率 ５％ ５％", "预算调整率 5% 5%"),
        ("增加12，345项工作", "增加12，345项工作"),  # one group glued to words: two clauses
        ("第1，2，3条", "第1，2，3条"),  # a list, not groups of three
        ("编号1，234，5678", "编号1，234，5678"),  # the last group is not three digits
    ],
)
def test_full_width_groups_and_percent_signs(printed: str, read: str) -> None:
    assert ascii_figures(printed) == read and len(read) == len(printed)


PERFORMANCE = """部门整体支出绩效自评表
一级指标 二级指标 三级指标 年初目标值 实际完成值
产出指标 质量指标
课程验收合格率
95% 98%
培训完成率
{0} {0}
效益指标 满意度
学员满意度
90% 96%
"""


def test_performance_values_with_full_width_percent_signs_read_like_ascii() -> None:
    """A dump's value line in full width (９５％ ９８％) is the values of the indicator above, not
    more words of the next indicator's name."""
    def full_width(text: str) -> str:
        return text.translate(FULL_WIDTH).replace("%", "％")

    assert lint_text(PERFORMANCE.format("100%"), select=["FL4"]) == [] == lint_text(full_width(PERFORMANCE.format("100%")), select=["FL4"])
    qualitative = PERFORMANCE.format("显著")
    [plain] = lint_text(qualitative, select=["FL4"])
    [wide] = lint_text(full_width(qualitative), select=["FL4"])
    assert plain.code == wide.code == "FL405" and wide.message == plain.message and "“培训完成率”" in wide.message


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<td>&gt;=90</td>", ">=90"),
        ("<td>&#8805;90%</td>", "≥90%"),
        ("甲&nbsp;乙", "甲      乙"),
        ("A &unknown; B", "A &unknown; B"),  # not a reference HTML defines: kept as written
    ],
)
def test_html_character_references_are_read_as_their_characters_in_place(raw: str, text: str) -> None:
    line = clean_line(1, raw, "markdown")
    assert line.text == text
    assert raw[line.column - 1 + len(text) - 1] == text[-1]  # every character keeps its column


def html_performance(target: str) -> str:
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "度量单位", "实际完成值", "分值", "得分"],
        ["满意度指标", "满意度指标", "学员满意度", target, "%", "96", "50", "50"],
        ["产出指标", "数量指标", "开课次数", "&gt;=10", "次", "12", "50", "50"],
    ]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    return f"<html><body>\n<p>项目支出绩效自评表</p>\n<table>\n<tr><td>项目名称</td><td>社区课堂补助</td></tr>\n{body}</table>\n</body></html>\n"


def test_html_comparison_written_as_a_character_reference_is_a_target_not_words() -> None:
    """&gt;=90 is the target ≥90, not the words “&gt;=90” under a % unit."""
    assert lint_text(html_performance("&gt;=90"), select=["FL405"], path="r.html") == []
    assert codes(lint_text(html_performance("稳步推进"), select=["FL405"], path="r.html")) == ["FL405"]


TABLE_THEN_PAGE = """一、收入支出决算总体情况说明
本年支出合计 318.60 万元。
支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出 上缴上级支出
合计 318.60 248.60 70.00
213 农林水支出 318.60 248.60 70.00
21303 水利 318.60 248.60 70.00
2130301 行政运行 248.60 248.60
2130306 水利工程运行与维护 70.00 70.00{brk}二、支出决算情况说明
本年支出合计 318.60 万元，其中：基本支出 248.60 万元，占 {share}%；项目支出 70.00 万元，占 21.97%。
"""


@pytest.mark.parametrize("brk", ["\n\f", "\f"])
def test_a_page_break_between_two_texts_on_one_line_is_a_new_line_on_the_next_page(brk: str) -> None:
    """A converter that does not end a page's last line glues the next page's first line to it
    after the \\f: the heading there is a heading, not a word of the table's last row."""
    report = parsed(TABLE_THEN_PAGE.format(brk=brk, share="78.03"))
    assert [len(t.rows) for t in report.tables] == [5]
    assert [s.title for s in report.sections() if s.title] == ["收入支出决算总体情况说明", "支出决算情况说明"]
    assert lint_text(TABLE_THEN_PAGE.format(brk=brk, share="78.03"), select=["FL1", "FL2"]) == []
    [wrong] = lint_text(TABLE_THEN_PAGE.format(brk=brk, share="72.03"), select=["FL1", "FL2"])
    assert wrong.code == "FL101" and wrong.page == 2


def test_page_pieces_cut_only_between_two_texts() -> None:
    assert page_pieces("合计 2.00\f收入决算表") == [(0, "合计 2.00"), (7, " 收入决算表")]
    assert page_pieces("\f收入决算表") == [(0, " 收入决算表")]  # a page's first line: no cut
    assert page_pieces("合计 2.00\f") == [(0, "合计 2.00 ")]


SPLIT_BY_MARK = """# Page 1
一、支出决算情况说明
本年支出合计 2,035.32 万元，其中：基本支出 1,628.26 万元，占本年支出合计的

# Page 2
{}%。项目支出 407.06 万元。
"""


def test_converter_page_marks_are_pages_and_a_sentence_runs_on_across_them() -> None:
    """The mark between two halves of a sentence is not a word of it (Page 2 + 80.0% is no 280.0%)."""
    assert lint_text(SPLIT_BY_MARK.format("80.0"), select=["FL1"]) == []
    [wrong] = lint_text(SPLIT_BY_MARK.format("85.0"), select=["FL1"])
    assert wrong.code == "FL101" and "1628.26 / 2035.32" in wrong.message.replace(",", "") and wrong.page == 2


@pytest.mark.parametrize(
    ("lines", "pages"),
    [
        (["# Page 1", "甲", "# Page 2", "乙"], [1, 1, 2, 2]),
        (["甲", "-- 1 of 2 --", "乙", "-- 2 of 2 --"], [1, 1, 2, 2]),  # marks at the foot of each page
        (["# Page 3", "甲", "# Page 1"], None),  # not 1, 2, 3 … in order: a heading, not pages
        (["# Page 1", "甲"], None),  # one mark
    ],
)
def test_marked_pages(lines: list[str], pages: list[int] | None) -> None:
    assert marked_pages(lines) == pages


RUN_TOGETHER = (
    "一、收入决算情况说明本年收入合计 500.00 万元，全部为财政拨款收入。"
    "二、支出决算情况说明本年支出合计 400.00 万元。基本支出 300.00 万元，占 {}%。\n"
)


def test_a_share_after_a_heading_inside_a_run_together_line_is_not_of_the_line_s_first_amount() -> None:
    """A text whose lines were run together (each page one line): the second section's share is
    of its own first amount (400), not of the line's (500)."""
    assert lint_text(RUN_TOGETHER.format("75.00"), select=["FL101"]) == []
    [wrong] = lint_text(RUN_TOGETHER.format("70.00"), select=["FL101"])
    assert "300.00 / 400.00" in wrong.message


WRAPPED_NAMES = """支出决算表
单位：万元
项目
本年支出合计 基本支出 项目支出 上缴上级支出
功能分类
科目名称
科目编码
类 款 项 合计 86.30 86.30 0.00 0.00
213 农林水支出 86.30 86.30 0.00 0.00
21301 农业农村 86.30 86.30 0.00 0.00
2130101 行政运行 30.00 30.00 0.00 0.00
{rows}"""
TOP_ALIGNED = """2130104 事业运行和农业技术推广服务 41.30 41.30 0.00 0.00
支出
2130199 其他农业农村支出 15.00 15.00 0.00 0.00
"""
CENTRED = """事业运行和农业技术推广
2130104 41.30 41.30 0.00 0.00
服务支出
2130199 其他农业农村支出 15.00 15.00 0.00 0.00
"""


def test_a_name_wrapped_below_its_code_line_stays_with_its_row() -> None:
    """The end of a name printed below its code line (a top-aligned cell) is its row's, not the
    start of the next row's name: the next row's own name is whole on its code line."""
    rows = {row.code: row.label for row in parsed(WRAPPED_NAMES.format(rows=TOP_ALIGNED)).tables[0].rows}
    assert rows["2130104"] == "事业运行和农业技术推广服务支出" and rows["2130199"] == "其他农业农村支出"


def test_names_centred_on_code_lines_keep_their_upper_and_lower_parts() -> None:
    rows = {row.code: row.label for row in parsed(WRAPPED_NAMES.format(rows=CENTRED)).tables[0].rows}
    assert rows["2130104"] == "事业运行和农业技术推广服务支出" and rows["2130199"] == "其他农业农村支出"


RUN_ON_PAGE = (
    "第三部分 部门决算情况说明一、收入支出决算总体情况说明本单位2024年度收入、支出总计均为 520.00 万元。"
    "与2023年度相比，收入、支出总计各增加 20.00 万元，增长 {}%。主要原因是新增社区课堂培训任务，相应增加了课程开发和场地租赁支出。"
    "二、收入决算情况说明本年收入合计 520.00 万元，其中：财政拨款收入 520.00 万元，占 100.00%。"
    "三、支出决算情况说明本年支出合计 520.00 万元，其中：基本支出 390.00 万元，占 75.00%；项目支出 130.00 万元，占 25.00%。\n"
)


def test_a_page_run_together_on_one_line_is_read_as_text_not_as_one_long_heading() -> None:
    """A converter without layout analysis writes each page as one line: a line starting with a
    part's number and running on over sentences is a paragraph, whose claims are checked."""
    report = parsed(RUN_ON_PAGE.format("4.00"))
    assert [s.title for s in report.sections() if s.title] == [] and len(report.paragraphs) == 1
    assert lint_text(RUN_ON_PAGE.format("4.00"), select=["FL1"]) == []
    assert codes(lint_text(RUN_ON_PAGE.format("5.00"), select=["FL1"])) == ["FL103"]
    short = "第三部分 部门决算情况说明\n一、收入支出决算总体情况说明\n本单位2024年度收入、支出总计均为 520.00 万元。\n"
    assert [s.title for s in parsed(short).sections() if s.title] == ["部门决算情况说明", "收入支出决算总体情况说明"]


def one_cell_a_line(rows: list[list[str]]) -> str:
    return "\n".join(cell for row in rows for cell in row) + "\n"


HEAD = ["一般公共预算财政拨款支出决算表", "单位：万元", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]
NAME_FIRST = [HEAD, ["213", "农林水支出", "86.30", "56.30", "30.00"], ["21301", "农业农村", "86.30", "56.30", "30.00"],
              ["2130101", "行政运行", "56.30", "56.30"], ["2130104", "事业运行", "30.00", "30.00"]]


def test_one_cell_a_line_with_each_name_after_its_figures_is_not_checked() -> None:
    """An HTML converter wrote each cell on a line, every row's name after its figures: whether a
    name is the row's above or below is not provable, so nothing is summed, and the table is
    reported as not checked."""
    assert lint_text(one_cell_a_line(NAME_FIRST), select=["FL001", "FL2"]) == []
    name_last = [NAME_FIRST[0]] + [[row[0], *row[2:], row[1]] for row in NAME_FIRST[1:]]
    found = lint_text(one_cell_a_line(name_last), select=["FL001", "FL2"])
    assert codes(found) == ["FL001"] and "名称在其上数字之后" in found[0].message


BASIC_HALVES = """一般公共预算财政拨款基本支出决算表
单位：万元
科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数
301\t工资福利支出\t{}\t302\t商品和服务支出\t6.00
30101\t基本工资\t50.00\t30201\t办公费\t6.00
"""


def test_a_code_of_the_table_in_a_figure_s_place_is_not_summed() -> None:
    """30102 beside 301 has no point and no separator: the code of a row read out of its place,
    not an amount of 30,102 万元."""
    assert lint_text(BASIC_HALVES.format("50.00"), select=["FL001", "FL2"]) == []
    found = lint_text(BASIC_HALVES.format("30102"), select=["FL001", "FL2"])
    assert codes(found) == ["FL001"] and "30102 是本表的科目编码" in found[0].message
    assert codes(lint_text(BASIC_HALVES.format("60.00"), select=["FL001", "FL2"])) == ["FL201"]


SHARE_CUT_OFF = """一、收入支出决算总体情况说明
本年收入合计 800.00 万元。
二、支出决算情况说明
本年支出合计 640.00 万元，其中：基本支出 480.00 万元，占 75.00%。
项目支出 160.00 万元，占 {}%。
"""


def test_a_share_cut_off_from_its_whole_is_not_reported_when_a_stated_amount_fits() -> None:
    """A converter cut the sentence: the share of 项目支出 begins a paragraph of its own, and the
    whole found near it (800) does not fit; the report states an amount that does (640), so
    nothing is proven wrong. A share that no stated amount explains is still reported."""
    assert lint_text(SHARE_CUT_OFF.format("25.00"), select=["FL101"]) == []
    [wrong] = lint_text(SHARE_CUT_OFF.format("28.00"), select=["FL101"])
    assert "160.00 /" in wrong.message


SHARE_OF_ITS_BREAKDOWN = """一、支出预算总体情况
2026年支出预算总计 800.00 万元，其中：基本支出 200.00 万元，占 25.00%；项目支出 600.00 万元，占 80.00%。
二、收入预算总体情况
2026年收入预算总计 1,000.00 万元，一般公共预算拨款收入 750.00 万元。
"""


def test_a_share_of_its_own_sentence_s_breakdown_is_reported_though_another_amount_fits() -> None:
    """总计 W，其中：A，占 P%: the whole is in the share's own sentence, nothing was cut off; an
    amount elsewhere (750) that happens to fit does not excuse the wrong share."""
    [wrong] = lint_text(SHARE_OF_ITS_BREAKDOWN, select=["FL101"])
    assert "600.00 / 800.00 = 75.00%" in wrong.message


SHARE_FITTING_LATER = """一、收入支出决算总体情况说明
本年支出合计 640.00 万元。
二、支出决算情况说明
项目支出 160.00 万元，占 20.00%。
三、其他说明
本年收入合计 800.00 万元。
"""


def test_an_amount_stated_after_the_share_does_not_excuse_it() -> None:
    """A whole is stated before its shares: 800 comes after the share, so it cannot be the whole
    that extraction cut off; 160 / 640 = 25% stands against the printed 20%."""
    [wrong] = lint_text(SHARE_FITTING_LATER, select=["FL101"])
    assert "160.00 / 640.00 = 25.00%" in wrong.message


def wrapped(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


DUTIES = "".join(f"（{n}）负责本区社区课堂的组织实施工作，统筹安排课程开发、师资培训和场地保障等事项。" for n in "一二三四五六七八九十")
TAB_TABLE = """支出决算表
单位：万元
科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
\t合计\t520.00\t390.00\t130.00
205\t教育支出\t520.00\t390.00\t130.00
20508\t进修及培训\t520.00\t390.00\t130.00
2050803\t培训支出\t520.00\t390.00\t130.00
"""
CHANGE = "本单位2024年度收入、支出总计均为 520.00 万元。与2023年度相比，收入、支出\n总计各增加 20.00 万元，增长\n{}%。主要原因是新增社区课堂培训任务。"


@pytest.mark.parametrize("path", ["r.txt", "r.md"])
def test_a_cells_text_whose_narrative_wraps_at_the_page_width_reads_sentences_across_lines(path: str) -> None:
    """Tables as tab cells, text as a PDF's lines (a converter writing tables as cells): the
    narrative runs on across lines, so a change cut after 增长 still has its rate."""
    assert detect_shape(path, TAB_TABLE) == ("tsv" if path == "r.txt" else "markdown")

    def report(rate: str, width: int | None) -> str:
        body = wrapped(DUTIES, width) + "\n" + CHANGE.format(rate) if width else DUTIES + "\n" + CHANGE.format(rate).replace("\n", "")
        return "一、主要职能\n" + body + "\n" + TAB_TABLE

    assert lint_text(report("4.00", 24), select=["FL103"], path=path) == []
    assert codes(lint_text(report("5.00", 24), select=["FL103"], path=path)) == ["FL103"]
    assert codes(lint_text(report("5.00", None), select=["FL103"], path=path)) == ["FL103"]  # a paragraph a line: as before


DISPLACED = """一、项目支出情况说明
一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：基本支出。年初预算为 万元，支出决算为 万
{figures}
元。决算数小于预算数的主要原因：人员变动。
"""


def test_a_paragraph_whose_figures_were_set_on_a_line_of_their_own_is_not_checked() -> None:
    """An extraction put a sentence's figures on their own line (a font set lower) and left
    their units empty (为 万元): which figure fills which slot is not provable."""
    found = lint_text(DISPLACED.format(figures="160.05 151.89"), select=["FL001", "FL1"])
    assert codes(found) == ["FL001"] and "错行" in found[0].message
    whole = DISPLACED.replace("年初预算为 万元，支出决算为 万\n{figures}\n元", "年初预算为 160.05 万元，支出决算为 151.89 万元")
    assert codes(lint_text(whole, select=["FL001", "FL1"])) == []
