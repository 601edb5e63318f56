"""Layouts real reports have, each in a small document of our own (tests/layouts/*.txt).

Each document's parse is pinned by a reviewed snapshot of its AST dump (``fiscallint parse``):
``FISCALLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_layouts.py`` rewrites the snapshots, to be
reviewed as a diff. The other tests say what each layout must give the rules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from fiscallint.ast import AmountClaim, Report, ShareClaim
from fiscallint.ast_dump import dump
from fiscallint.engine import lint_report, read_source
from fiscallint.parser import parse_source
from fiscallint.parser.lines import is_data_row
from fiscallint.registry import all_rules
from fiscallint.source import SourceText

LAYOUTS = Path(__file__).parent / "layouts"
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEPARATOR = set("-|: \t—")


def parse_text(text: str, name: str = "layout.txt") -> Report:
    return parse_source(SourceText(name, text, "utf-8", "dump"))


def findings(text: str, *codes: str) -> list[tuple[str, int, int | None]]:
    """(code, line, page) of the findings of the selected rules on ``text``."""
    rules = [cls for code, cls in all_rules().items() if code.startswith(codes)]
    return [(f.code, f.span.line, f.page) for f in lint_report(parse_text(text), rules)]


def layout(name: str) -> str:
    return (LAYOUTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("source", sorted(LAYOUTS.glob("*.txt")), ids=lambda p: p.stem)
def test_ast_snapshot(source: Path) -> None:
    got = dump(parse_source(read_source(str(source))))
    snapshot = source.with_suffix(".ast")
    if os.environ.get("FISCALLINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(got, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot for {source.name}: run with FISCALLINT_UPDATE_SNAPSHOTS=1 and review it"
    assert got == snapshot.read_text(encoding="utf-8")


def test_row_names_wrapped_above_and_below_keep_their_rows() -> None:
    table = parse_text(layout("wrapped_names.txt")).tables[0]
    assert table.row_by_code("2012604").label == "档案馆事业单位专项业务"  # type: ignore[union-attr]
    assert table.row_by_code("201").label == "一般公共服务支出"  # type: ignore[union-attr]
    assert [c.number.text for c in table.row_by_code("2080505").cells] == ["120.00", "120.00"]  # type: ignore[union-attr]
    assert findings(layout("wrapped_names.txt"), "FL2") == []


def test_vanished_empty_cells_place_only_what_is_provable() -> None:
    row = parse_text(layout("wrapped_names.txt")).tables[0].row_by_code("2012601")
    assert [(c.number.text, c.column) for c in row.cells] == [("300.00", 1), ("300.00", None)]  # type: ignore[union-attr]


def test_a_wrong_figure_in_a_wrapped_row_is_found_on_its_parent() -> None:
    text = layout("wrapped_names.txt").replace("2080505 120.00 120.00", "2080505 125.00 125.00")
    assert ("FL201", 21, None) in findings(text, "FL201")


def test_split_numbers_and_table_numbers_are_joined() -> None:
    report = parse_text(layout("split_lines.txt"))
    table = report.tables[0]
    assert table.number == "02" and table.kind == "02"
    assert [c.number.text for c in table.rows[0].cells] == ["1,306.52", "1,300.00", "6.52"]
    amounts = [c.value.text for c in report.claims() if isinstance(c, AmountClaim)]
    assert amounts[0] == "1,306.52"
    assert findings(layout("split_lines.txt"), "FL1", "FL2") == []


def test_form_feeds_give_pages_and_a_page_without_text_is_reported() -> None:
    found = findings(layout("pages.txt"), "FL1", "FL2", "FL001")
    assert ("FL103", 3, 1) in found
    assert ("FL001", 9, 3) in found  # page 3 has no text: said of page 3, placed after the last line before it
    assert ("FL001", 4, 1) in found  # the table runs over it: not checked
    assert not [f for f in found if f[0] == "FL201"]  # its rows on page 3 are missing, not wrong


def test_table_in_yuan_against_narrative_in_wan() -> None:
    assert findings(layout("units.txt"), "FL108", "FL502") == []
    wrong = layout("units.txt").replace("\n支出预算 560.00 万元", "\n支出预算 566.00 万元")
    assert findings(wrong, "FL108") == [("FL108", 4, None)]
    assert parse_text(layout("units.txt")).year == 2031  # the title decides, not 比2030年预算


def test_lone_lines_of_a_side_by_side_table_go_to_their_side() -> None:
    table = parse_text(layout("side_by_side.txt")).tables[0]
    income, expense = table.blocks
    assert "四、社会保障和就业支出" in [r.label for r in expense]
    assert all("支出" not in r.label for r in income)
    assert findings(layout("side_by_side.txt"), "FL205") == []
    wrong = layout("side_by_side.txt").replace("四、社会保障和就业支出 180.00", "四、社会保障和就业支出 190.00")
    assert [f[0] for f in findings(wrong, "FL205")] == ["FL205"]


def test_one_unexpected_line_keeps_every_other_finding() -> None:
    found = findings(layout("recovery.txt"), "FL1", "FL001")
    assert ("FL001", 7, None) in found  # the unit line after the note: not placed, reported
    assert ("FL103", 3, None) in found  # before it
    assert ("FL101", 10, None) in found  # after it


def test_misaligned_codes_and_figures_are_reported_not_checked() -> None:
    found = findings(layout("misaligned.txt"), "FL2", "FL001")
    assert found == [("FL001", 2, None)]


def _documents() -> list[Any]:
    documents = sorted(p for p in FIXTURES.iterdir() if p.is_file()) + sorted(LAYOUTS.glob("*.txt"))
    if CORPUS.is_dir():
        corpus = sorted((CORPUS / "text").iterdir()) + sorted((CORPUS / "pdf").glob("*.pdf"))
        documents += [pytest.param(p, marks=pytest.mark.slow) for p in corpus]  # reads the corpus
    return documents


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_nothing_is_dropped_silently(path: Path) -> None:
    """Every non-blank line is in a heading, paragraph, table or performance table, or in a
    region FL001 reports (markup separator lines aside)."""
    report = parse_source(read_source(str(path)))
    covered: set[int] = set()
    spans = [t.span for t in report.tables] + [p.span for p in report.paragraphs] + [u.span for u in report.unparsed]
    spans += [s.span for s in report.sections() if s.level] + [t.span for t in report.performance]
    for span in spans:
        covered.update(range(span.line, span.end_line + 1))
    dropped = [
        n for n, line in enumerate(report.lines, start=1)
        if line.strip(" \t\f\r") and n not in covered and not set(line) <= SEPARATOR
    ]
    assert dropped == []
    # a table's notes hold no data row (a row after the notes is set aside and reported instead)
    assert [note for table in report.tables for note in table.notes if is_data_row(note)] == []
    reported = [f for f in lint_report(report, [all_rules()["FL001"]]) if f.code == "FL001"]
    assert len(reported) == len(report.unparsed) + sum(1 for t in report.tables if t.unplaced)


def test_a_template_placeholder_percentage_does_not_unparse_its_paragraph() -> None:
    text = "一、收入支出决算总体情况说明\n本年支出合计 100.00 万元，其中：基本支出 XX 万元，占 XX%；项目支出 40.00 万元，占 40%。\n"
    report = parse_text(text)
    assert report.unparsed == []
    assert [c.percent.text for c in report.claims() if isinstance(c, ShareClaim)] == ["40"]


def test_a_table_continued_with_its_title_unit_and_header_again() -> None:
    table = parse_text(layout("continued.txt")).tables[0]
    assert table.row_by_code("2012601").label == "行政运行"  # type: ignore[union-attr]
    assert table.row_by_code("208").label == "社会保障和就业支出"  # type: ignore[union-attr]
    assert [f for f in findings(layout("continued.txt"), "FL2", "FL5") if f[0] != "FL504"] == []
    wrong = layout("continued.txt").replace("2012604 档案馆事业单位专项业务 20.00", "2012604 档案馆事业单位专项业务 25.00")
    assert ("FL201", 7, 1) in findings(wrong, "FL201")  # 20126 on page 1 against its children on page 2


def test_shares_of_a_table_total_printed_in_yuan() -> None:
    text = "一、收入决算情况说明\n本年收入合计 500.00 万元，其中：财政拨款收入 400.00 万元，占本年收入合计的 {p}%。\n" + """收入决算表
公开02表
单位：元
科目编码 科目名称 本年收入合计 财政拨款收入 其他收入
合计 5,000,000 4,000,000 1,000,000
"""
    assert findings(text.format(p="80.00"), "FL101") == []
    assert [f[0] for f in findings(text.format(p="85.00"), "FL101")] == ["FL101"]


def test_a_change_without_its_figure_in_the_sentence_takes_the_figure_of_the_item_it_names() -> None:
    text = "一、支出决算情况说明\n本年支出合计 500.00 万元，其中：基本支出 400.00 万元；项目支出 100.00 万元。与上年相比，本年支出合计增加 25.00 万元，增长 {p}%。\n"
    assert findings(text.format(p="5.26"), "FL103") == []  # 25 / (500 − 25), not 25 / (100 − 25)
    assert [f[0] for f in findings(text.format(p="5.00"), "FL103")] == ["FL103"]


def test_a_class_code_on_its_own_line_before_its_first_kuan_is_a_code_not_a_figure() -> None:
    """An empty template table dumped one cell per line: 207 after a 项 row without figures is
    the next class's code (its 款 20799 follows), not that row's figure."""
    text = "\n".join([
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "205", "教育支出", "20502", "普通教育", "2050205", "高等教育", "…",
        "207", "20799", "其他文化旅游体育与传媒支出",
        "合计",
    ])
    table = parse_text(text).tables[0]
    assert [(r.code, [c.number.text for c in r.cells]) for r in table.rows if r.code] == [
        ("205", []), ("20502", []), ("2050205", []), ("207", []), ("20799", []),
    ]
    assert findings(text, "FL2") == []
    figures = text.replace("高等教育\n…", "高等教育 12.50 12.50")
    row = parse_text(figures).tables[0].row_by_code("2050205")
    assert row is not None and [c.number.text for c in row.cells] == ["12.50", "12.50"]


def test_layout_preserving_columns_keep_side_by_side_rows_and_a_raised_total() -> None:
    """Indented columns (layout-preserving extraction): 一、-numbered labels of both halves on one
    line, and right-half lines indented alone, stay rows of the table (not headings); a total
    whose label cell is taller than its figures gets them back."""
    text = layout("indented_columns.txt")
    report = parse_text(text)
    summary, income = report.tables
    assert [s.title for s in report.root.children] == ["收入决算情况说明"]
    assert len(summary.blocks) == 2 and [r.label for r in summary.blocks[1]][-4:] == ["六、节能环保支出", "本年支出合计", "年末结转和结余", "总计"]
    total = income.rows[0]
    assert total.label == "合计" and [(c.number.text, c.number.span.line, c.number.span.column) for c in total.cells][0] == ("1,210.00", 26, 34)
    assert findings(text, "FL2", "FL3") == []
    wrong = text.replace("1,210.00    1,200.00", "1,220.00    1,200.00").replace("教育支出        250.00", "教育支出        260.00")
    assert {(code, line) for code, line, _ in findings(wrong, "FL2", "FL3")} == {("FL205", 12), ("FL202", 26), ("FL204", 26), ("FL301", 26)}


def test_a_numbered_label_wrapped_inside_a_table_is_a_row_and_a_heading_after_it_is_not() -> None:
    table_lines = [
        "              财政拨款收入支出决算总表",
        "                                         单位：万元",
        "     项目         决算数            项目         决算数",
        "一、一般公共预算财政拨款    80.00     一、一般公共服务支出     80.00",
        "二、政府性基金预算财政拨",
        "款",
        "     总计        80.00        总计         80.00",
    ]
    heading = ["二、收入决算情况说明", "本年收入合计 80.00 万元，全部为财政拨款收入。"]
    report = parse_text("\n".join(table_lines + heading))
    assert [s.title for s in report.root.children] == ["收入决算情况说明"]
    assert [r.label for r in report.tables[0].rows][-2:] == ["总计", "总计"]


def test_an_html_table_on_one_markdown_line_is_read_row_by_row_with_cells_in_columns() -> None:
    """PDF-to-markdown converters print a table as one line of HTML: each <tr> is a row, each
    <td> a cell, and findings point at the figure inside that line."""
    rows = [("", "合计", "150.00", "150.00"), ("201", "一般公共服务支出", "150.00", "150.00"),
            ("20103", "政府办公厅（室）及相关机构事务", "150.00", "150.00"), ("2010301", "行政运行", "140.00", "140.00")]
    html = "<table><tr><th>科目编码</th><th>科目名称</th><th>本年支出合计</th><th>基本支出</th></tr>" + "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows
    ) + "</table>"
    text = "\n".join(["# 支出决算表", "", "公开03表", "", "单位：万元", "", html, ""])
    report = parse_source(SourceText("r.md", text, "utf-8", "markdown"))
    table = report.tables[0]
    assert [(r.code, [(c.number.text, c.column) for c in r.cells]) for r in table.rows][-1] == ("2010301", [("140.00", 1), ("140.00", 2)])
    rules = [cls for code, cls in all_rules().items() if code.startswith("FL201")]
    [finding] = lint_report(report, rules)  # 20103: 150.00 in both columns, its 项 140.00
    assert finding.span.line == 7 and "第2栏 150.00 ≠ 140.00（2010301）" in finding.message
    for span in [finding.span, finding.related[0].span]:
        assert html[span.column - 1:span.column + 5] in ("150.00", "140.00") and html[:span.column].count("<tr>") in (4, 5)


def test_a_side_by_side_half_running_on_with_empty_items_stays_in_its_table() -> None:
    """四、 after 三、 in a table whose 支出 half runs on alone, items without figures first: rows
    of the table (its 本年支出合计 included), not section headings."""
    text = "\n".join([
        "收入支出决算总表",
        "公开01表",
        "单位：万元",
        "项目 决算数 项目 决算数",
        "一、一般公共预算财政拨款收入 80.00 一、一般公共服务支出 50.00",
        "二、事业收入 20.00 二、外交支出",
        "三、国防支出",
        "四、公共安全支出",
        "五、教育支出 50.00",
        "本年收入合计 100.00 本年支出合计 100.00",
        "注：本表反映部门本年度的总收支。",
        "一、收入支出决算总体情况说明",
        "本年收入支出总计 100.00 万元。",
    ])
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    (table,) = report.tables
    labels = [row.label for row in table.rows]
    assert "四、公共安全支出" in labels and "五、教育支出" in labels and "本年支出合计" in labels
    assert [s.title for s in report.root.children] == ["收入支出决算总体情况说明"]


def test_numbered_sub_items_and_a_left_half_running_on_stay_rows_of_a_budget_summary() -> None:
    """1. 2. 3. sub-items are labels, not figures; 三、 and 四、 of the 收入 half (no figures,
    after 二、事业收入 beside 五、住房保障支出) stay rows up to the 总计 line."""
    text = "\n".join([
        "2031年部门财务收支预算总表",
        "单位：元",
        "本年收入 本年支出",
        "项目 预算数 项目 预算数",
        "一、财政拨款收入 5,000 一、一般公共服务支出 3,000",
        "1. 一般公共预算 5,000 二、教育支出 1,000",
        "2. 政府性基金预算 三、卫生健康支出 500",
        "二、事业收入 四、住房保障支出 500",
        "三、事业单位经营收入",
        "四、其他收入",
        "收入总计 5,000 支出总计 5,000",
        "一、部门预算编制说明",
        "2031年收支预算总计 0.50 万元。",
    ])
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    (table,) = report.tables
    labels = [row.label for row in table.rows]
    assert "1.一般公共预算" in labels and "三、事业单位经营收入" in labels and "收入总计" in labels
    assert not any(row.label == "" for row in table.rows)
    assert [s.title for s in report.root.children] == ["部门预算编制说明"]


def test_table_rows_read_as_headings_or_a_paragraph_are_reported_not_silently_left() -> None:
    """When an extraction breaks a table so that its rows become headings or one paragraph,
    the figures without units there are reported (FL001), not silently left unchecked; a
    heading or paragraph whose figures carry units is not."""
    text = "\n".join([
        "一、支出决算情况说明",
        "本年支出合计 120.50 万元，比上年增加 10.00 万元，增长 9.05%。",
        "二、卫生健康支出 2.71 2.71",
        "本年收入合计 307.82 本年支出合计 307.82 年末结转和结余 0.00",
    ])
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    regions = sorted((u.span.line, u.reason[:6]) for u in report.unparsed)
    assert regions == [(3, "标题行含不带"), (4, "段落含 3 ")]
    reported = [f for f in lint_report(report, [all_rules()["FL001"]]) if f.code == "FL001"]
    assert [f.span.line for f in reported] == [3, 4]


def test_a_table_title_glued_to_the_note_before_it_opens_its_table() -> None:
    """注：……。收入决算表 (an extraction glued the next title to the note): the note does
    not swallow the next table."""
    text = "\n".join([
        "支出决算表",
        "单位：万元",
        "科目编码 科目名称 本年支出合计",
        "合计 50.00",
        "201 一般公共服务支出 50.00",
        "注：本表反映部门本年度各项支出情况。收入决算表",
        "单位：万元",
        "科目编码 科目名称 本年收入合计",
        "合计 50.00",
        "201 一般公共服务支出 50.00",
    ])
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    assert [(t.kind, len(t.rows)) for t in report.tables] == [("03", 2), ("02", 2)]
    assert report.tables[1].span.line == 6


def test_a_heading_glued_to_its_first_paragraph_is_split_from_it() -> None:
    """（二）政府采购支出情况 glued to the first words of its paragraph (which runs on over the
    next lines): the heading is a section of its own and the words open its paragraph, whose
    figures are then read; a heading whose words go on as a title (…情况的说明) is left whole."""
    text = "\n".join([
        "（二）政府采购支出情况本部门2030年度政府采购金额（以合",
        "同签订为准）为 80.00 万元，其中：货物采购金额 30.00 万元、服务采购金额 50.00 万元。",
        "（三）关于2030年度国有资产占有使用情况的说明和有关事项",
        "截至2030年12月31日，本部门共有车辆 2 辆。",
    ])
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    sections = [s for s in report.sections() if s.level]
    assert [s.title for s in sections] == ["政府采购支出情况", "关于2030年度国有资产占有使用情况的说明和有关事项"]
    first = sections[0].paragraphs[0]
    assert first.span.line == 1 and first.span.column > 1
    totals = [c for c in first.claims if type(c).__name__ == "BreakdownClaim"]
    assert [str(c.total.value) for c in totals] == ["80.00"]  # type: ignore[attr-defined]


def test_a_name_ending_printed_after_the_figures_stays_in_its_row() -> None:
    """An extraction that sorts text by position prints a wrapped name's first part above its
    code line and its end after the figures (201 80.00 50.00 30.00 支出): the end is the row's
    name, not a side-by-side half; a right half that opens with its own code still is one."""
    text = "\n".join([
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "201 一般公共服务支出 80.00 50.00 30.00",
        "     政府办公厅（室）",
        "20103     80.00    50.00    30.00    及相关机构事务",
        "2010301 行政运行 50.00 50.00",
        "     其他政府办公厅",
        "2010399     30.00         30.00    事务支出",
        "合计 80.00 50.00 30.00",
    ])
    table = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump")).tables[0]
    assert [(r.code, r.label) for r in table.rows if r.code] == [
        ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"), ("2010399", "其他政府办公厅事务支出"),
    ]
    assert not table.blocks
    side_by_side = "\n".join([
        "一般公共预算财政拨款基本支出决算表",
        "单位：万元",
        "科目编码 科目名称 决算数 科目编码 科目名称 决算数",
        "30101 基本工资 40.00 30201 办公费 6.00",
        "30102 699.30 30206 电费",
    ])
    rows = parse_source(SourceText("t.txt", side_by_side + "\n", "utf-8", "dump")).tables[0].rows
    assert "30206" in [r.code for r in rows]


def test_rows_after_a_tables_notes_are_reported_not_swallowed() -> None:
    """Data rows printed after a table's notes (a second table whose title was lost) are not
    taken for notes: they are set aside and FL001 reports them; a short note line is still a note."""
    text = "\n".join([
        "一般公共预算财政拨款支出决算表",
        "单位：万元",
        "科目编码 科目名称 合计 基本支出 项目支出",
        "201 一般公共服务支出 100.00 60.00 40.00",
        "合计 100.00 60.00 40.00",
        "注：本表反映一般公共预算财政拨款支出情况。",
        "本表金额保留两位小数",
        "301 工资福利支出 50.00 50.00 0.00",
        "合计 60.00 50.00 10.00",
    ])
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    assert report.tables[0].notes == ["注：本表反映一般公共预算财政拨款支出情况。", "本表金额保留两位小数"]
    assert sorted(u.span.line for u in report.unparsed) == [8]
    assert report.unparsed[0].span.end_line == 9


def test_lines_of_bare_figures_are_reported_not_read_as_one_number() -> None:
    """Lines of figures alone (a table's column an extraction printed as text) stay separate
    figures, and the paragraph they make is reported as not checked."""
    report = parse_source(SourceText("t.txt", "123.45\n678.90 12.00\n1,234.56\n", "utf-8", "dump"))
    assert [u.span.line for u in report.unparsed] == [1]
    assert "123.45 678.90" in report.unparsed[0].text


def test_whole_figures_with_spaced_thousands_groups() -> None:
    """80,983, 048 (one group closed up) is one figure; 80, 983, 509 80, 983, 509 (every group
    spaced) cannot be split into figures for sure, so the table is reported, not summed."""
    from fiscallint.parser.lines import closed_groups

    assert closed_groups("工资福利支出 80,983, 048").split() == ["工资福利支出", "80,983,048"]
    assert closed_groups("编号 101, 102, 103") == "编号 101, 102, 103"
    text = "\n".join([
        "一般公共预算财政拨款基本支出预算表",
        "单位：元",
        "科目编码 科目名称 合计 人员经费",
        "301 工资福利支出 80, 983, 509 80, 983, 509",
        "30101 基本工资 80, 983, 509 80, 983, 509",
    ])
    table = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump")).tables[0]
    assert table.unplaced is not None and "千位逗号" in table.unplaced


def test_page_furniture_and_a_noise_line_amid_rows_leave_the_table_whole() -> None:
    text = layout("page_furniture.txt")
    table = parse_text(text).tables[0]
    assert [r.code for r in table.rows if r.code] == ["201", "20126", "2012601", "2012604"]
    assert all(c.column is not None for r in table.rows for c in r.cells[:1])
    assert not any("页" in r.label or "日期" in r.label or "打印" in r.label or "★" in r.label for r in table.rows)
    assert table.notes[0].startswith("填报日期")  # the sign-off after the rows is a note
    assert findings(text, "FL2", "FL001") == [("FL001", 12, None)]  # only the noise line, reported
    wrong = text.replace("2012604 档案馆专项业务 70.00 70.00", "2012604 档案馆专项业务 75.00 75.00")
    assert ("FL201", 9, None) in findings(wrong, "FL2")
