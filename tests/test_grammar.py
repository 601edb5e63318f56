"""Grammar and table-building tests on small fixture texts in each shape (dump, tsv, markdown)."""

from __future__ import annotations

from decimal import Decimal

from fiscallint.ast import Report, Table
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape


def parse(text: str, path: str = "fixture.txt") -> Report:
    return parse_source(SourceText(path, text, "utf-8", detect_shape(path, text)))


def only_table(report: Report, number: str) -> Table:
    table = report.table(number)
    assert table is not None, [t.number for t in report.tables]
    return table


def values(table: Table, code: str) -> list[tuple[str, int | None]]:
    row = table.row_by_code(code)
    assert row is not None, code
    return [(c.number.text, c.column) for c in row.cells]


DUMP_03 = """第二部分 决算报表
2030年度支出决算表
公开03表
单位：万元
项目
本年支出合计 基本支出
项目支

上缴上级支出 经营支出 对附属单位补助支出
科目编码 科目名称
类 款 项
栏次 1 2 3 4 5 6
合计 500.00 380.00 120.00
203 国防支出 500.00 380.00 120.00
20306
国防动员
500.00 380.00 120.00
2030601 兵役征集 380.00 380.00
2030607 民兵 120.00 120.00
注：本表反映本年度支出。
1栏各行＝（2＋3＋4＋5＋6）栏各行。
"""


def test_dump_sections_and_table() -> None:
    report = parse(DUMP_03)
    assert [s.title for s in report.root.children] == ["决算报表"]
    table = only_table(report, "03")
    assert table.kind == "03" and table.unit == "万元" and table.column_count == 6
    assert [r.code for r in table.rows] == [None, "203", "20306", "2030601", "2030607"]
    assert table.rows[0].label == "合计"


def test_dump_wrapped_row_is_joined() -> None:
    table = only_table(parse(DUMP_03), "03")
    row = table.row_by_code("20306")
    assert row is not None and row.label == "国防动员"
    assert [c.number.value for c in row.cells] == [Decimal("500.00"), Decimal("380.00"), Decimal("120.00")]
    assert row.span.end_line > row.span.line


def test_dump_values_lose_columns_except_the_total() -> None:
    table = only_table(parse(DUMP_03), "03")
    # 6 columns, 2 values: the second could be any of columns 2..6, so only the total is placed
    assert values(table, "2030601") == [("380.00", 1), ("380.00", None)]
    assert not table.row_by_code("2030601").positioned  # type: ignore[union-attr]


def test_printed_identity_is_parsed() -> None:
    table = only_table(parse(DUMP_03), "03")
    [identity] = table.identities
    assert (identity.axis, identity.target, identity.terms) == ("column", 1, [2, 3, 4, 5, 6])


DUMP_06 = """2030年度一般公共预算财政拨款基本支出决算明细表
公开06表
单位：万元
人员经费 公用经费
科目代码 科目名称 决算数 科目代码 科目名称 决算数
301 工资福利支出 90.00 302 商品和服务支出 12.50
30101 基本工资 90.00 30201 办公费 2.2530207 邮电费 10.25
30102 津贴补贴 30211
差旅费
人员经费合计 90.00 公用经费合计 12.50
"""


def test_glued_numbers_and_side_by_side_blocks() -> None:
    table = only_table(parse(DUMP_06), "06")
    assert values(table, "30201") == [("2.25", 1)]
    assert values(table, "30207") == [("10.25", 1)]
    assert table.row_by_code("30211").label == "差旅费"  # type: ignore[union-attr]
    assert values(table, "30102") == []
    assert len(table.blocks) >= 2
    labels = [r.label for r in table.rows if r.code is None]
    assert labels == ["人员经费合计", "公用经费合计"]


DUMP_01 = """2030年度收入支出决算总表
公开01表
单位：万元
收入 支出
项目 行次 金额 项目 行次 金额
栏次 1 栏次 2
一、一般公共预算财政拨款收入 1 300.00一、一般公共服务支出 5 300.00
二、上级补助收入 2 二、外交支出 6
本年收入合计 3 300.00 本年支出合计 7 300.00
年初结转和结余 4 8
总计 9 300.00 总计 10 300.00
注：3行＝（1＋2）行；7行＝（5＋6）行；9行＝（3＋4）行。
"""


def test_side_by_side_halves_with_line_numbers() -> None:
    table = only_table(parse(DUMP_01), "01")
    assert len(table.blocks) == 2
    left, right = table.blocks
    assert [r.line_no for r in left] == [1, 2, 3, 4, 9]
    assert [r.line_no for r in right] == [5, 6, 7, 8, 10]
    assert right[0].label == "一、一般公共服务支出" and right[0].cells[0].number.text == "300.00"
    assert right[3].cells == []  # "年初结转和结余 4 8": 8 is the other half's 行次, not a value
    assert [(i.target, i.terms) for i in table.identities] == [(3, [1, 2]), (7, [5, 6]), (9, [3, 4])]


DUMP_09 = """2030年度财政拨款“三公”经费支出决算表
公开09表
单位：万元
预算数 决算数
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费
小计 购置费 运行维护费
1 2 3 4 5 6 7 8 9 10 11 12
20.00 8.00 5.00 5.00 7.00 18.00 6.00 5.00 5.00 7.00
注：1栏＝（2＋3＋6）栏；3栏＝（4＋5）栏；7栏＝（8＋9＋12）栏；9栏=（10+11）栏。
"""


def test_identities_place_values_when_provable() -> None:
    table = only_table(parse(DUMP_09), "09")
    assert table.column_count == 12
    [row] = table.rows
    # the vanished cell is 购置费 or 运行维护费 (4 or 5, unknowable); every other column is proved
    assert [c.column for c in row.cells] == [1, 2, 3, None, 6, 7, 8, 9, None, 12]


def test_identity_with_minus_and_ellipsis() -> None:
    text = "2030年度政府性基金预算财政拨款收入支出决算表\n公开07表\n单位：万元\n栏次 1 2 3 4 5 6\n合计\n注：6栏各行＝（1＋2－3）栏各行；9行＝（1＋2＋…＋5）行。\n"
    table = only_table(parse(text), "07")
    first, second = table.identities
    assert (first.target, first.terms, first.minus) == (6, [1, 2], [3])
    assert (second.axis, second.terms, second.ranges) == ("row", [1, 2, 3, 4, 5], [(2, 5)])


TSV_05 = (
    "一般公共预算财政拨款支出决算表\n公开05表\n单位：万元\n"
    "科目编码\t\t\t科目名称\t小计\t基本支出\t项目支出\n"
    "类\t款\t项\t栏次\t1\t2\t3\n"
    "\t\t\t合计\t80.00\t50.00\t30.00\n"
    "205\t\t\t教育支出\t80.00\t50.00\t30.00\n"
    "205\t01\t\t教育管理事务\t80.00\t50.00\t30.00\n"
    "205\t01\t01\t行政运行\t50.00\t50.00\t\n"
    "205\t01\t02\t一般行政管理事务\t30.00\t\t30.00\n"
)


def test_tsv_three_column_codes_and_tab_positions() -> None:
    table = only_table(parse(TSV_05, "fixture.tsv"), "05")
    assert [r.code for r in table.rows] == [None, "205", "20501", "2050101", "2050102"]
    assert values(table, "2050102") == [("30.00", 1), ("30.00", 3)]
    assert table.row_by_code("2050102").positioned  # type: ignore[union-attr]


MARKDOWN_02 = """# 2030年度部门决算

## 收入决算表

公开02表

单位：万元

| 科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 其他收入 |
|---|---|---|---|---|
| | 合计 | 70.00 | 60.00 | 10.00 |
| 207 | 文化旅游体育与传媒支出 | 70.00 | 60.00 | 10.00 |
"""


def test_markdown_table() -> None:
    table = only_table(parse(MARKDOWN_02, "fixture.md"), "02")
    assert values(table, "207") == [("70.00", 1), ("60.00", 2), ("10.00", 3)]


def test_unparseable_material_never_raises() -> None:
    texts = ["公开03表\n\t\t\n123 456 789\n注：栏各行＝\n", "单位：万元\n公开\n|||\n", "\x00\ufeff。。。\n" * 3, ""]
    for text in texts:
        report = parse(text)
        assert isinstance(report.unparsed, list)
    broken = parse("公开03表\n合计 1.00\n第一部分\n（一）\n")
    assert broken.tables or broken.unparsed or broken.root.children


def test_column_numbers_line_is_its_own_line_class() -> None:
    """A 栏次 line, before the rows or repeated after a page break, is COLUMN_NUMBERS: it counts
    the columns and is never a row."""
    from fiscallint.parser.document import document_parser
    from fiscallint.parser.lines import LineInput, clean_line

    text = DUMP_03.replace("2030607 民兵", "栏次 1 2 3 4 5 6\n2030607 民兵")
    lines = [clean_line(n, raw, "dump") for n, raw in enumerate(text.split("\n"), start=1)]
    tokens = document_parser().parse_interactive(LineInput(lines, True)).iter_parse()  # type: ignore[arg-type]
    kinds = [(token.type, token.value.text) for token in tokens if token.value is not None]
    assert [k for k, t in kinds if t.startswith("栏次")] == ["COLUMN_NUMBERS", "COLUMN_NUMBERS"]
    table = only_table(parse(text), "03")
    assert table.column_count == 6 and not any("栏次" in r.label for r in table.rows)
    assert [r.code for r in table.rows] == [None, "203", "20306", "2030601", "2030607"]


NATIONAL_BUDGET = """2030年部门预算公开
一、部门收支总体情况表
单位：万元
项目 预算数 项目 预算数
一、一般公共预算拨款收入 500.00 一、一般公共服务支出 470.00
二、政府性基金预算拨款收入 0.00 二、住房保障支出 30.00
本年收入合计 500.00 本年支出合计 500.00
二、一般公共预算支出情况表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 500.00 400.00 100.00
201 一般公共服务支出 470.00 370.00 100.00
20126 档案事务 470.00 370.00 100.00
2012601 行政运行 370.00 370.00 0.00
2012604 档案馆 100.00 0.00 100.00
221 住房保障支出 30.00 30.00 0.00
"""


def test_national_budget_template_titles_are_tables_of_a_budget() -> None:
    """部门收支总体情况表 and …支出情况表 (the national 部门预算 template) are tables, not
    headings and paragraphs; their columns vary by province, so they get no template kind."""
    report = parse(NATIONAL_BUDGET)
    assert [(t.title, t.kind) for t in report.tables] == [("一、部门收支总体情况表", "B"), ("二、一般公共预算支出情况表", "B")]
    assert not report.root.children  # no row read as a 一、 heading
    assert report.tables[1].row_by_code("201") is not None


def test_a_wrong_parent_in_a_national_budget_table_is_found() -> None:
    from fiscallint.testing import lint_text

    bad = NATIONAL_BUDGET.replace("201 一般公共服务支出 470.00", "201 一般公共服务支出 480.00")
    assert any(f.code == "FL201" for f in lint_text(bad)) and not any(f.code == "FL201" for f in lint_text(NATIONAL_BUDGET))


def test_line_classes_follow_the_grammars_place() -> None:
    """The lexer asks the parser where it is: a short line is a table's note after its notes
    began, a table header inside a table, and narrative text outside any table."""
    from fiscallint.parser.document import document_parser
    from fiscallint.parser.lines import LineInput, clean_line

    def kinds(text: str) -> list[tuple[str, str]]:
        lines = [clean_line(n, raw, "dump") for n, raw in enumerate(text.split("\n"), start=1)]
        tokens = document_parser().parse_interactive(LineInput(lines, True)).iter_parse()  # type: ignore[arg-type]
        return [(token.type, token.value.text) for token in tokens if token.value is not None]

    table = "一般公共预算财政拨款基本支出决算表\n公开05表\n单位：万元\n科目名称 合计\n301 工资福利支出 12.00\n"
    in_notes = kinds(table + "注：本表反映基本支出。\n人员经费和公用经费\n")
    assert in_notes[-1] == ("NOTE", "人员经费和公用经费")
    in_rows = kinds(table + "人员经费和公用经费\n")
    assert in_rows[-1] == ("HEADER", "人员经费和公用经费")
    outside = kinds("二、支出情况\n人员经费和公用经费\n")
    assert outside[-1][1] == "人员经费和公用经费" and outside[-1][0] in ("TEXT", "PARA_END")
    assert ("UNIT", "单位：万元") in in_rows and ("UNIT", "单位：万元") not in kinds("单位：万元\n")
