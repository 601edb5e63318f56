"""Input shapes a word processor, a web page or a spreadsheet gives: pandoc grid tables, HTML
tables with a cell a line, CSV exports, negative figures in brackets, a budget table comparing
two years, a report published one table a file. Each reads like its tab-separated original (the
same findings), or says what it left unchecked. The fixtures are small reports written here."""

from __future__ import annotations

import pytest

from fiscallint.ast import Span
from fiscallint.findings import Finding
from fiscallint.numbers import parse_number
from fiscallint.parser import parse_source
from fiscallint.parser.lines import csv_cells, hard_wrap_width, joined_html_rows
from fiscallint.parser.tables import planned_columns
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text

ROWS = [
    ["", "合计", "318.60", "248.60", "70.00"],
    ["213", "农林水支出", "318.60", "248.60", "70.00"],
    ["21303", "水利", "318.60", "248.60", "70.00"],
    ["2130301", "行政运行", "248.60", "248.60", ""],
    ["2130306", "水利工程运行与维护", "70.00", "", "70.00"],
]
HEADER = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]
TITLE = "支出决算表\n公开03表\n单位：万元\n"
TABLES = "FL2"


def wrong(rows: list[list[str]]) -> list[list[str]]:
    """The rows with the 2130306 row's total misprinted (70.00 → 75.00)."""
    return [[("75.00" if r[0] == "2130306" and i == 2 else c) for i, c in enumerate(r)] for r in rows]


def codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


def grid(rows: list[list[str]]) -> str:
    """A pandoc grid table: +---+ borders between the rows, +===+ under the header."""
    widths = [max(len(r[i]) for r in [HEADER, *rows]) + 2 for i in range(len(HEADER))]
    border = "+" + "+".join("-" * w for w in widths) + "+"
    lines = [border]
    for k, row in enumerate([HEADER, *rows]):
        lines.append("|" + "|".join(f" {c:<{w - 1}}" for c, w in zip(row, widths)) + "|")
        lines.append(border.replace("-", "=") if k == 0 else border)
    return TITLE + "\n".join(lines) + "\n"


def html(rows: list[list[str]]) -> str:
    """An HTML export: a <style> block, and each <tr> spread over lines, one <td> a line."""
    lines = ["<!DOCTYPE html>", "<html><head><style>", "p { margin: 12.0pt 90.0pt; }", "</style></head><body>"]
    lines += [f"<p>{t}</p>" for t in TITLE.splitlines()] + ["<table>"]
    for row in [HEADER, *rows]:
        lines += ["<tr>", *(f"  <td>{c}&nbsp;</td>" for c in row), "</tr>"]
    return "\n".join(lines + ["</table>", "</body></html>"]) + "\n"


def csv(rows: list[list[str]]) -> str:
    """A spreadsheet's CSV export: figures with a thousands comma quoted."""
    def cell(text: str) -> str:
        return f'"{text}"' if "," in text else text
    return TITLE.replace("\n", ",,\n") + "\n".join(",".join(cell(c) for c in r) for r in [HEADER, *rows]) + "\n"


@pytest.mark.parametrize("shape, path", [(grid, "report.md"), (grid, "report.txt"), (html, "report.html"), (csv, "report.csv")])
def test_table_in_another_shape_reads_like_its_tab_table(shape, path: str) -> None:
    assert codes(lint_text(shape(ROWS), select=TABLES, path=path)) == []
    assert codes(lint_text(shape(wrong(ROWS)), select=TABLES, path=path)) == ["FL201", "FL202"]


def test_html_row_is_found_at_its_tr_line_and_other_lines_keep_their_numbers() -> None:
    text = html(wrong(ROWS))
    findings = [f for f in lint_text(text, select=TABLES, path="report.html") if f.code == "FL202"]
    raw = text.split("\n")
    assert [raw[f.span.line - 1] for f in findings] == ["<tr>"]
    assert raw[findings[0].span.line] == "  <td>2130306&nbsp;</td>"
    joined = joined_html_rows(raw)
    assert len(joined) == len(raw) and joined[1:4] == ["", "", ""]  # the <style> block is emptied


def test_html_and_csv_suffixes_give_their_shapes() -> None:
    assert detect_shape("a.HTM", "<p>x</p>") == "markdown"
    assert detect_shape("a.txt", "  <!doctype html>\n<p>x</p>") == "markdown"
    assert detect_shape("a.csv", "a,b\n") == "csv"
    assert detect_shape("a.txt", "a,b\n") == "dump"


@pytest.mark.parametrize(
    "line, cells",
    [
        ('2130301,行政运行,"1,248.60",,', "2130301\t行政运行\t 1,248.60 \t\t"),
        ('"他说""好""",1.00', ' 他说 "好 " \t1.00'),
        ("没有逗号的一行", "没有逗号的一行"),
    ],
)
def test_csv_cells_become_tabs_one_character_for_one(line: str, cells: str) -> None:
    assert csv_cells(line) == cells and len(cells) == len(line)


def test_grid_table_lines_of_one_width_are_no_hard_wrap() -> None:
    assert hard_wrap_width(grid(ROWS).splitlines() * 4) is None
    assert hard_wrap_width(["这是一行按固定宽度折断的说明文字，每一行的长度都完全相同，直到折行的位置"] * 12) is not None


@pytest.mark.parametrize("printed, value", [("(12.30)", "-12.30"), ("（1,012.30）", "-1012.30"), ("−12.30", "-12.30"), ("-12.30", "-12.30")])
def test_negative_figures_as_accountants_print_them(printed: str, value: str) -> None:
    number = parse_number(printed, Span(1, 1, 1, 1))
    assert number is not None and str(number.value) == value


CHANGE_TABLE = """一般公共预算支出功能分类预算表
单位：元
科目编码\t科目名称\t2026年预算数\t2027年预算数\t增减额
\t合计\t1,530,000.00\t1,500,000.00\t(30,000.00)
213\t农林水支出\t1,530,000.00\t1,500,000.00\t(30,000.00)
21303\t水利\t1,530,000.00\t1,500,000.00\t(30,000.00)
2130301\t行政运行\t1,000,000.00\t1,020,000.00\t20,000.00
2130306\t水利工程运行与维护\t530,000.00\t480,000.00\t{}
"""


def test_table_comparing_two_years_is_not_read_as_the_templates_columns() -> None:
    assert lint_text(CHANGE_TABLE.format("(50,000.00)"), select=TABLES) == []
    findings = lint_text(CHANGE_TABLE.format("(5,000.00)"), select=TABLES)
    assert codes(findings) == ["FL201"] and "第3栏" in findings[0].message  # the 增减额 column's children
    report = parse_source(SourceText("b.txt", CHANGE_TABLE.format("(50,000.00)"), "utf-8", "tsv"))
    assert planned_columns(report.tables[0])
    assert [str(n.value) for n in report.tables[0].rows[-1].numbers][-1] == "-50000.00"


def test_dump_range_before_a_dash_stays_two_figures() -> None:
    report = parse_source(SourceText("d.txt", "支出决算表\n单位：万元\n合计 100 -80 3.00\n", "utf-8", "dump"))
    assert all(n.value >= 0 for t in report.tables for r in t.rows for n in r.numbers)


THREE_PUBLIC = """财政拨款“三公”经费支出决算表
公开09表
单位：万元
{}
合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费
\t\t小计\t公务用车购置费\t公务用车运行维护费\t\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t
12.00\t2.00\t8.00\t0.00\t8.00\t2.00\t{}\t0.00\t7.00\t0.00\t7.00\t1.50
"""
GROUPED = "预算数\t\t\t\t\t\t决算数\t\t\t\t\t"
INTERLEAVED = "\t".join(["预算数", "决算数"] * 6)


def test_three_public_table_in_cells_under_grouped_halves_is_checked() -> None:
    assert lint_text(THREE_PUBLIC.format(GROUPED, "8.50"), select="FL202") == []
    assert codes(lint_text(THREE_PUBLIC.format(GROUPED, "9.50"), select="FL202")) == ["FL202"]
    # 预算数 | 决算数 under every item: another column order, not read as the template's
    assert lint_text(THREE_PUBLIC.format(INTERLEAVED, "9.50"), select="FL202") == []


def test_empty_table_of_cells_is_empty_not_unplaced() -> None:
    text = "政府性基金预算财政拨款收入支出决算表\n单位：万元\n科目编码\t科目名称\t本年支出合计\n\t合计\t\n"
    assert lint_text(text, select="FL001") == []
    assert codes(lint_text(text.replace("\t", " "), select="FL001")) == ["FL001"]


NARRATIVE = "一、收入决算情况说明\n本年收入合计120.00万元，其中：财政拨款收入100.00万元，占83.33%；其他收入20.00万元，占16.67%。\n"


def test_report_published_one_table_a_file_is_not_missing_the_others() -> None:
    one = TITLE.replace("支出决算表", "收入决算表").replace("公开03表", "公开05表") + "科目编码\t科目名称\t合计\n\t合计\t120.00\n"
    assert lint_text(one, select="FL504") == []
    assert codes(lint_text(one + NARRATIVE, select="FL504")) == ["FL504"]


def test_complete_breakdown_before_a_semicolon_takes_no_more_parts() -> None:
    text = "政府采购支出总额90.00万元，其中货物30.00万元，服务60.00万元；授予中小企业合同金额80.00万元。\n"
    assert lint_text(text, select="FL105") == []
    # incomplete at the ；: the figure after it is still a part (an SME award never is one)
    assert codes(lint_text(text.replace("服务60.00万元；授予中小企业合同金额80.00万元", "服务50.00万元；工程20.00万元"), select="FL105")) == ["FL105"]
    assert lint_text(text.replace("服务60.00", "服务50.00"), select="FL105") == []
    listed = "“三公”经费7.00万元。其中：因公出国（境）费0万元；公务用车购置及运行维护费5.00万元（其中：购置费0万元，运行维护费5.00万元）；公务接待费{}万元。\n"
    assert lint_text(listed.format("2.00"), select="FL105") == []
    assert codes(lint_text(listed.format("1.00"), select="FL105")) == ["FL105"]


PERFORMANCE = [
    ["项目名称", "河道保洁", "", "", "", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "60.00", "64.00", "56.00", "10", "87.50%", "{score}"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", ""],
    ["产出指标", "数量指标", "保洁河道长度", "≥40公里", "42公里", "50", "50", ""],
    ["满意度指标", "服务对象满意度指标", "沿河居民满意度", "≥90%", "92%", "40", "40", ""],
    ["总分", "", "", "", "", "100", "{total}", ""],
]


def performance_grid(score: str, total: str) -> str:
    rows = [[c.format(score=score, total=total) for c in r] for r in PERFORMANCE]
    widths = [max(len(r[i]) for r in rows) + 2 for i in range(len(rows[0]))]
    border = "+" + "+".join("-" * w for w in widths) + "+"
    lines = ["项目支出绩效自评表", "", border]
    for row in rows:
        lines += ["|" + "|".join(f" {c:<{w - 1}}" for c, w in zip(row, widths)) + "|", border]
    return "\n".join(lines) + "\n"


def test_performance_table_between_grid_borders_is_read() -> None:
    assert lint_text(performance_grid("8.75", "98.75"), select="FL4", path="report.md") == []
    assert codes(lint_text(performance_grid("9.75", "99.75"), select="FL4", path="report.md")) == ["FL402"]


WORD_PAGE = """<html><body>
<p class=MsoNormal><span>本年支出合计</span><span
lang=EN-US>420.00</span><span>万元，其中：基本支出</span><span lang=EN-US>300.00</span><span>万元，占</span><span
lang=EN-US>{}%</span><span>。</span></p>
</body></html>
"""


def test_word_processor_page_wrapping_a_paragraph_and_its_tags_reads_as_one_paragraph() -> None:
    assert lint_text(WORD_PAGE.format("71.43"), select="FL101", path="report.htm") == []
    findings = lint_text(WORD_PAGE.format("74.13"), select="FL101", path="report.htm")
    assert codes(findings) == ["FL101"] and findings[0].span.line == 2
    # in markdown (no HTML page), a paragraph's lines are not joined: only table rows are
    assert joined_html_rows(["<p>一", "二</p>"]) == ["<p>一", "二</p>"]
    assert joined_html_rows(["<body>", "<p>一", "二</p>"]) == ["<body>", "<p>一 二</p>", ""]


def wrapped_grid(rows: list[list[str]]) -> str:
    """A grid table whose narrow name column wraps each name over lines, four characters a line."""
    widths = [9, 12, 14, 10, 10]
    border = "+" + "+".join("-" * w for w in widths) + "+"
    lines = [border]
    for row in [HEADER, *rows]:
        pieces = [[c[k:k + 4] for k in range(0, len(c), 4)] or [""] if i == 1 else [c] for i, c in enumerate(row)]
        for depth in range(max(len(p) for p in pieces)):
            lines.append("|" + "|".join(f" {(p[depth] if depth < len(p) else ''):<{w - 1}}" for p, w in zip(pieces, widths)) + "|")
        lines.append(border)
    return TITLE + "\n".join(lines) + "\n"


def test_grid_row_wrapped_over_lines_is_one_row_with_its_whole_name() -> None:
    text = wrapped_grid(ROWS)
    assert lint_text(text, select=TABLES, path="report.md") == []
    report = parse_source(SourceText("report.md", text, "utf-8", "markdown"))
    assert [r.label for r in report.tables[0].rows if r.code] == ["农林水支出", "水利", "行政运行", "水利工程运行与维护"]
    findings = lint_text(wrapped_grid(wrong(ROWS)), select=TABLES, path="report.md")
    assert codes(findings) == ["FL201", "FL202"]
    assert "水利工程运行与维护" in " ".join(f.message for f in findings)


def test_html_blocks_printed_on_one_line_are_lines_of_their_own() -> None:
    page = "<html><body><p>支出决算表</p><p>单位：万元</p><table>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [HEADER, *wrong(ROWS)]
    ) + "</table></body></html>\n"
    assert codes(lint_text(page, select=TABLES, path="report.html")) == ["FL201", "FL202"]


def test_percentage_column_of_a_space_separated_table_is_set_aside() -> None:
    table = "一般公共预算支出表\n单位：万元\n科目编码 科目名称 2026年预算数 2027年预算数 增减率\n213 农林水支出 600.00 650.00 8.3%\n21303 水利 600.00 650.00 8.3%\n"
    report = parse_source(SourceText("t.txt", table, "utf-8", "dump"))
    rows = report.tables[0].rows
    assert [r.code for r in rows] == ["213", "21303"]
    assert [[str(n.value) for n in r.numbers] for r in rows] == [["600.00", "650.00"]] * 2


def test_word_or_excel_file_is_refused_with_what_to_do(tmp_path) -> None:
    import zipfile

    from fiscallint.errors import InputError
    from fiscallint.source import read_text_source

    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="zip archive .*save it as text, HTML or CSV"):
        read_text_source(str(path))


@pytest.mark.parametrize("title", ["1. 收入支出决算总表", "3、支出决算表", "（5）一般公共预算财政拨款支出决算表", "(2)收入决算表"])
def test_table_title_numbered_in_arabic_names_its_standard_table(title: str) -> None:
    from fiscallint.parser.tables import table_kind

    assert table_kind(title) in {"01", "02", "03", "05"}
    assert table_kind(title[:-1] + "情况说明") is None  # a numbered heading of the narrative names no table


def spanning_html(rows: list[list[str]]) -> str:
    """The table as HTML with its 合计 spanning the code and name columns (colspan)."""
    out = ["<html><body>", "<p>支出决算表</p>", "<p>单位：万元</p>", "<table>"]
    out.append("<tr>" + "".join(f"<th>{c}</th>" for c in HEADER) + "</tr>")
    for row in rows:
        cells = [f'<td colspan="2">{row[1]}</td>'] if not row[0] else [f"<td>{row[0]}</td>", f"<td>{row[1]}</td>"]
        out.append("<tr>" + "".join(cells + [f"<td>{c}</td>" for c in row[2:]]) + "</tr>")
    return "\n".join(out + ["</table>", "</body></html>"]) + "\n"


def spanning_performance(score: str) -> str:
    """The performance table as HTML, its 一级指标 spanning the rows of its indicators (rowspan)."""
    out = ["<html><body>", "<p>项目支出绩效自评表</p>", "<table>"]
    for k, row in enumerate(PERFORMANCE):
        cells = [c.format(score=score, total="98.75") for c in row]
        if k == 4:
            cells[0] = '<td rowspan="2">产出指标</td>'
            cells = [cells[0]] + [f"<td>{c}</td>" for c in cells[1:]]
        elif k == 5:
            cells = [f"<td>{c}</td>" for c in cells[1:]]  # its 一级指标 cell is the one above
        else:
            cells = [f"<td>{c}</td>" for c in cells]
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out + ["</table>", "</body></html>"]) + "\n"


def test_cells_spanning_columns_or_rows_keep_the_figures_in_their_columns() -> None:
    from fiscallint.parser.lines import spanned_html_cells

    assert lint_text(spanning_html(ROWS), select=TABLES, path="report.html") == []
    assert codes(lint_text(spanning_html(wrong(ROWS)), select=TABLES, path="report.html")) == ["FL201", "FL202"]
    assert spanned_html_cells(["<table><tr><td>a</td><td>b</td></tr></table>"]) == ["<table><tr><td>a</td><td>b</td></tr></table>"]
    assert spanned_html_cells(["<table>", "<tr><td rowspan=2>A</td><td>1</td></tr>", "<tr><td>2</td></tr>"])[2] == "<tr><td></td><td>2</td></tr>"
    assert lint_text(spanning_performance("8.75"), select="FL4", path="report.html") == []
    assert codes(lint_text(spanning_performance("9.75"), select="FL4", path="report.html")) == ["FL402", "FL403"]


def test_sentence_right_after_a_space_separated_table_is_no_row_of_it() -> None:
    table = "支出决算表\n单位：万元\n科目编码 科目名称 本年支出合计 基本支出 项目支出\n213 农林水支出 120.00 20.00 100.00\n"
    sentence = "2026年度农林水支出（类）支出决算120.00万元，主要用于水利工程运行与维护。\n"
    assert lint_text(table + sentence, select=TABLES) == []
    report = parse_source(SourceText("t.txt", table + sentence, "utf-8", "dump"))
    assert len(report.tables[0].rows) == 1 and report.paragraphs
    row = "2130306 水利工程运行与维护，防汛抢险 120.00 20.00 100.00\n"  # a comma in a name, no sentence end
    assert len(parse_source(SourceText("t.txt", table + row, "utf-8", "dump")).tables[0].rows) == 2


WRAPPED_PERFORMANCE = """项目支出绩效自评表

+----------+----------+------------+------------+------------+------+--------+------+
| 项目名称 | 河道保洁 |            |            |            |      |        |      |
+----------+----------+------------+------------+------------+------+--------+------+
| 项目资金 |          | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
+----------+----------+------------+------------+------------+------+--------+------+
|          | 年度资金 | 60.00      | 64.00      | 56.00      | 10   | 87.50% | 9.75 |
|          | 总额     |            |            |            |      |        |      |
+----------+----------+------------+------------+------------+------+--------+------+
"""


def test_finding_on_a_rebuilt_line_offers_no_fix() -> None:
    """A grid row wrapped over lines is read rebuilt on its first line, its columns approximate:
    the finding is reported there and nothing is rewritten; an unwrapped row keeps its fix."""
    [rebuilt] = lint_text(WRAPPED_PERFORMANCE, select="FL402", path="report.md")
    assert rebuilt.span.line == 8 and rebuilt.fix is None
    unwrapped = WRAPPED_PERFORMANCE.replace("|          | 总额     |            |            |            |      |        |      |\n", "")
    [kept] = lint_text(unwrapped, select="FL402", path="report.md")
    assert kept.fix is not None and unwrapped.splitlines()[kept.span.line - 1][kept.span.column - 1:].startswith("9.75")
