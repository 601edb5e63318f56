"""Performance tables in PDF text dumps, read cell by cell under a whole header: one cell a line
(pdfminer), cells between runs of spaces (pdftotext), and column-aligned text (pdftotext -layout).
Each layout has a consistent table (no error or warning) and near misses with one planted error."""

from __future__ import annotations

import pytest

from fiscallint.findings import Severity
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text

ROWS = [
    ["项目名称", "乡村学校图书角建设"],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "64.00", "60.00", "57.00", "10", "95.00%", "9.5"],
    ["其中：当年财政拨款", "54.00", "50.00", "47.00", "—", "—", "—"],
    ["上年结转资金", "10.00", "10.00", "10.00", "—", "—", "—"],
    ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["为村小配置图书角。", "建成图书角四十个。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "建成图书角个数", "≥40个", "40个", "30", "30"],
    ["质量指标", "图书验收合格率", "100%", "100%", "20", "20"],
    ["效益指标", "社会效益指标", "学生阅读习惯", "明显改善", "逐步改善", "20", "18", "部分学校借阅制度未落实"],
    ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "93%", "20", "20"],
    ["总分", "100", "97.5"],
    ["自评等级", "优"],
]
TITLE = "项目支出绩效自评表\n（2024年度）\n"


def one_cell_a_line(rows: list[list[str]]) -> str:
    return TITLE + "".join(f"{cell}\n" for row in rows for cell in row)


def spaced(rows: list[list[str]]) -> str:
    return TITLE + "".join("   ".join(row) + "\n" for row in rows)


def column_aligned(rows: list[list[str]]) -> str:
    """Each cell at a fixed column, an empty first column where the row has no label of its own."""
    lines = []
    for row in rows:
        indent = " " * 12 if row[0] in ("质量指标", "效益指标", "满意度指标") or row[0].startswith("为村小") else ""
        lines.append(indent + "".join(cell.ljust(14) for cell in row).rstrip())
    return TITLE + "\n".join(lines) + "\n"


LAYOUTS = {"one-cell-a-line": one_cell_a_line, "spaced": spaced, "column-aligned": column_aligned}


def planted(rows: list[list[str]], old: str, new: str, at: int) -> list[list[str]]:
    """The rows with the cell ``old`` of row ``at`` replaced by ``new``."""
    copy = [list(row) for row in rows]
    copy[at][copy[at].index(old)] = new
    return copy


PLANTS = [
    ("execution rate", planted(ROWS, "95.00%", "92.00%", 2), "FL401"),
    ("funding score", planted(ROWS, "9.5", "9.8", 2), "FL402"),
    ("total score", planted(ROWS, "97.5", "99.5", 13), "FL403"),
    ("score above weight", ROWS[:12] + [ROWS[12][:-1] + ["22"]] + ROWS[13:], "FL412"),
    ("grade band", planted(ROWS, "优", "良", 14), "FL404"),
    ("unmet full score", planted(ROWS, "40个", "36个", 9), "FL408"),
    ("满意度 above 100%", planted(ROWS, "93%", "103%", 12), "FL405"),
    ("funding by source", planted(ROWS, "47.00", "45.00", 3), "FL409"),
]


def lint(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_text(text, path="report.txt") if f.severity != Severity.INFO]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_consistent_table_is_read_and_clean(layout: str) -> None:
    text = LAYOUTS[layout](ROWS)
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    (table,) = report.performance
    assert table.funding is not None and table.funding.rate is not None and table.funding.rate.text == "95.00"
    assert [line.label for line in table.budget_lines] == ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert [i.score.text for i in table.indicators if i.score] == ["30", "20", "18", "20"]
    assert table.indicators[1].level1 == "产出指标" and table.indicators[1].level2 == "质量指标"
    assert table.indicators[2].reason == "部分学校借阅制度未落实"
    assert (table.total_weight.text, table.total_score.text, table.grade) == ("100", "97.5", "优")  # type: ignore[union-attr]
    assert lint(text) == []


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("what", "rows", "code"), PLANTS, ids=[p[0] for p in PLANTS])
def test_planted_error_is_found(layout: str, what: str, rows: list[list[str]], code: str) -> None:
    assert code in {c for c, _ in lint(LAYOUTS[layout](rows))}, what


def test_a_row_that_cannot_be_placed_leaves_the_total_unchecked() -> None:
    """A row whose figures run on (a target, actual and an extra number before 分值/得分) is not
    read: the 总分 over the block is then not checked rather than summed without it."""
    rows = [list(row) for row in ROWS]
    rows[10] = ["质量指标", "图书验收合格率", "100", "100", "98", "20", "20"]
    text = spaced(rows)
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    (table,) = report.performance
    assert table.unplaced
    assert "FL403" not in {c for c, _ in lint(text)}
    noted = [f for f in lint_text(text, path="report.txt") if f.code == "FL001"]
    assert [f.span.line for f in noted] == [text.splitlines().index("   ".join(rows[10])) + 1]
    assert "FL403" in {c for c, _ in lint(spaced(planted(ROWS, "97.5", "99.5", 13)))}


def test_a_header_cut_into_fragments_is_left_to_the_line_patterns() -> None:
    """A header cell wrapped into pieces (年度指标 / 值) is not whole: no cell is placed under it."""
    rows = [list(row) for row in ROWS]
    rows[8] = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标", "值", "实际完成值", "分值", "得分"]
    text = one_cell_a_line(rows)
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    assert all(i.score is None for table in report.performance for i in table.indicators)


def pdftotext(rows: list[list[str]]) -> str:
    """Cells between runs of spaces as pdftotext prints them: the dashes of the lines under the
    total vanish, and a long indicator name wraps, its head on a line of its own between its row
    and the row before."""
    lines = []
    for row in rows:
        cells = [cell for cell in row if cell != "—"]
        if row[0] == "效益指标":
            lines.append("学生阅读")
            cells[2] = "习惯"
        lines.append("   ".join(cells))
    return TITLE + "\n".join(lines) + "\n"


def test_lines_under_the_total_with_their_empty_cells_gone_are_placed_by_their_amounts() -> None:
    text = pdftotext(ROWS)
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    (table,) = report.performance
    assert [(f.initial.text, f.budget.text, f.actual.text) for f in table.budget_lines  # type: ignore[union-attr]
            ] == [("54.00", "50.00", "47.00"), ("10.00", "10.00", "10.00"), ("0.00", "0.00", "0.00")]
    assert table.indicators[2].name == "习惯"  # the line between two rows could end the one or begin the other
    assert table.indicators[2].reason == "部分学校借阅制度未落实" and table.indicators[1].reason == ""
    assert lint(text) == []
    assert "FL409" in {c for c, _ in lint(pdftotext(planted(ROWS, "47.00", "45.00", 3)))}


def test_a_line_under_the_total_with_other_figures_is_kept_unread() -> None:
    """Three figures that are not all amounts like the total's (a 分值 10, say) are not placed,
    and the sum by source is then not checked."""
    rows = planted(ROWS, "47.00", "45.00", 3)
    rows[3] = ["其中：当年财政拨款", "50.00", "45.00", "10"]
    text = pdftotext(rows)
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    (table,) = report.performance
    assert table.budget_lines[0].budget is None
    assert "FL409" not in {c for c, _ in lint(text)}


def test_met_target_scored_below_full_without_a_reason() -> None:
    rows = [list(row) for row in ROWS]
    rows[9] = ["产出指标", "数量指标", "建成图书角个数", "≥40个", "40个", "30", "27"]
    rows[13] = ["总分", "100", "94.5"]
    assert "FL413" in {c for c, _ in lint(spaced(rows))}
    rows[9].append("两所学校场地未到位")
    assert "FL413" not in {c for c, _ in lint(spaced(rows))}


def signed_rows(*indicators: list[str], total: str = "99.5") -> list[list[str]]:
    return [list(row) for row in ROWS[:8]] + [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "得分"],
        *indicators,
        ["总分", "100", total],
    ]


SIGNED = [
    ["产出指标", "数量指标", "建成图书角个数", "≥", "40", "个", "40", "30", "30"],
    ["质量指标", "图书验收合格率", "=", "100", "%", "100", "30", "30"],
    ["效益指标", "社会效益指标", "学生阅读习惯", "定性", "改善", "改善", "30", "30"],  # its empty unit vanished
]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_sign_and_unit_columns(layout: str) -> None:
    """指标性质 | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分, a qualitative row's empty unit gone."""
    text = LAYOUTS[layout](signed_rows(*SIGNED))
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    (table,) = report.performance
    shown = [(i.name, i.target.op, i.target.text, i.target.unit, i.actual.text, i.score.text)  # type: ignore[union-attr]
             for i in table.indicators]
    assert shown == [("建成图书角个数", "≥", "40", "个", "40", "30"), ("图书验收合格率", "=", "100", "%", "100", "30"),
                     ("学生阅读习惯", None, "改善", "", "改善", "30")]
    assert lint(text) == []
    missed = [SIGNED[0][:6] + ["36", "30", "30"], *SIGNED[1:]]
    assert "FL408" in {c for c, _ in lint(LAYOUTS[layout](signed_rows(*missed)))}
    assert "FL403" in {c for c, _ in lint(LAYOUTS[layout](signed_rows(*SIGNED, total="97.5")))}


def test_a_header_the_reader_does_not_place_reads_the_funding_but_no_indicator() -> None:
    """年度指标值 | 度量单位 | 实际完成值 | 分值 | 得分 (a unit column but no sign column): the reader
    does not place these rows, and the line patterns must not take a row's 分值/得分 for its target
    and actual."""
    rows = [list(row) for row in ROWS[:8]] + [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "建成图书角个数", "40", "个", "40", "30", "30"],
        ["质量指标", "图书验收合格率", "100", "%", "100", "30", "30"],
        ["效益指标", "社会效益指标", "学生阅读习惯", "改善", "改善", "30", "30"],
        ["总分", "100", "99.5"],
    ]
    text = spaced(rows)
    report = parse_source(SourceText("report.txt", text, "utf-8", detect_shape("report.txt", text)))
    (table,) = report.performance
    assert table.indicators == []
    assert table.funding is not None and table.funding.score is not None and table.funding.score.text == "9.5"
    assert (table.total_weight.text, table.total_score.text) == ("100", "99.5")  # type: ignore[union-attr]
    assert [f.code for f in lint_text(text, path="report.txt")] == ["FL001"]
