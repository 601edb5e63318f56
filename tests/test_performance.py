"""The performance-table AST (绩效自评表) from tab, markdown and dump layouts."""

from __future__ import annotations

from decimal import Decimal

from fiscallint.ast import PerformanceTable
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape

TSV = "\n".join([
    "2030年度项目支出绩效自评表",
    "",
    "项目名称\t\t示范培训项目\t\t",
    "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
    "\t年度资金总额\t60.00\t48.00\t36.00\t10.00\t75.00%\t7.50",
    "\t其中：当年财政拨款\t60.00\t48.00\t36.00\t—\t75.00%\t—",
    "绩效指标\t\t\t年度指标值\t\t\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
    "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t\t\t\t",
    "产出指标\t数量指标\t举办培训班次数\t≥\t6\t期\t4\t40.00\t26.67\t场地调整",
    "\t质量指标\t学员结业率\t≥\t95\t%\t98\t20.00\t20.00\t",
    "效益指标\t社会效益指标\t培训成效\t=\t稳步推进\t%\t稳步推进\t20.00\t20.00\t",
    "总分\t\t\t\t\t\t\t100.00\t83.67\t良",
    "",
    "备注：示例。",
])

MARKDOWN = "\n".join([
    "# 附件",
    "",
    "**项目支出绩效自评表  ",
    "(2030年度)**",
    "",
    "项目名称\t示范交流项目\t\t\t\t\t\t\t\t\t",
    "项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t\t",
    "\t年度资金总额\t20.00\t25.00\t25.00\t10\t100.0%\t10.00分\t\t",
    "\t一级指标\t二级指标\t三级指标\t指标值\t指标值设定依据\t指标分值权重\t指标实际完成值\t完成率\t指标得分\t偏差原因",
    "年度绩效指标完成情况\t产出指标\t数量指标\t交流活动\t>=4 场\t计划标准\t40\t2 场\t50%\t20\t延期",
    "\t\t\t次数\t\t\t\t\t\t\t",
    "\t\t时效 指标\t办理 时限\t≤30 天\t计划 标准\t20\t12 天\t100%\t20\t",
    "资金 使用\t\t\t=10 万元\t计划 标准\t30\t8 万元\t80%\t24\t节约",
    "总分\t100\t\t\t\t\t\t得分\t84分\t\t",
])

DUMP = "\n".join([
    "2030 年度示范单位整体绩效自评表",
    "单位名称 示范单位",
    "基本支出总额",
    "（万元）",
    "300.00 项目支出总额（万元） 80.00",
    "预算执行情况",
    "预算数（A）",
    "执行数（B）",
    "执行率",
    "（B/A）",
    "得分",
    "（20 分*执行率）",
    "400.00 380.00 95.00% 19",
    "一级指标",
    "二级",
    "指标",
    "三级指标",
    "年初目标",
    "值（A）",
    "实际完成",
    "值（B）",
    "产出指标",
    "数量",
    "指标",
    "举办交流活",
    "动",
    "3场 5 场",
    "服务对象满意度 90% 96% 10",
    "总分 92 分",
    "偏差原因分析",
])


def parse(text: str, path: str) -> list[PerformanceTable]:
    return parse_source(SourceText(path, text, "utf-8", detect_shape(path, text))).performance


def test_tab_layout() -> None:
    [table] = parse(TSV, "r.txt")
    assert (table.kind, table.layout, table.name) == ("project", "grid", "示范培训项目")
    funding = table.funding
    assert funding is not None and funding.label == "年度资金总额"
    assert [n.value if n else None for n in (funding.initial, funding.budget, funding.actual, funding.weight, funding.rate, funding.score)] == [
        Decimal("60.00"), Decimal("48.00"), Decimal("36.00"), Decimal("10.00"), Decimal("75.00"), Decimal("7.50")]
    assert funding.rate is not None and funding.rate.span.line == 5 and funding.rate.decimals == 2
    names = [i.name for i in table.indicators]
    assert names == ["举办培训班次数", "学员结业率", "培训成效"]
    first = table.indicators[0]
    assert (first.level1, first.level2) == ("产出指标", "数量指标")
    assert first.target is not None and (first.target.op, first.target.number.value, first.target.unit) == ("≥", 6, "期")  # type: ignore[union-attr]
    assert first.actual is not None and first.actual.number is not None and first.actual.number.value == 4 and first.actual.unit == "期"
    assert first.weight is not None and first.score is not None and first.score.value == Decimal("26.67")
    assert first.reason == "场地调整"
    third = table.indicators[2]
    assert third.level1 == "效益指标" and third.target is not None and third.target.qualitative and third.target.is_percent
    assert table.total_weight is not None and table.total_weight.value == 100
    assert table.total_score is not None and table.total_score.value == Decimal("83.67")
    assert table.grade == "良"


def test_markdown_layout_with_wrapped_and_shifted_cells() -> None:
    [table] = parse(MARKDOWN, "r.md")
    assert table.name == "示范交流项目"
    assert table.funding is not None and table.funding.score is not None and table.funding.score.value == 10
    assert [i.name for i in table.indicators] == ["交流活动次数", "办理时限", "资金使用"]
    first, second, third = table.indicators
    assert first.target is not None and first.target.op == "≥" and first.target.unit == "场"
    assert first.completion is not None and first.completion.value == 50
    assert first.score is not None and first.score.value == 20
    assert second.target is not None and second.target.op == "≤" and second.level2 == "时效指标"
    # a row that lost its leading cells: aligned on its target cell
    assert third.target is not None and third.target.number is not None and third.target.number.value == 10
    assert third.actual is not None and third.actual.number is not None and third.actual.number.value == 8
    assert third.weight is not None and third.weight.value == 30 and third.score is not None and third.score.value == 24
    assert table.total_weight is not None and table.total_weight.value == 100
    assert table.total_score is not None and table.total_score.value == 84


def test_dump_layout_reads_only_what_is_provable() -> None:
    [table] = parse(DUMP, "r.txt")
    assert table.layout == "dump" and table.kind == "department"
    assert table.basic_total is not None and table.basic_total.value == 300
    assert table.project_total is not None and table.project_total.value == 80
    funding = table.funding
    assert funding is not None and funding.budget is not None and funding.budget.value == 400
    assert funding.rate is not None and funding.rate.value == 95 and funding.weight is not None and funding.weight.value == 20
    assert funding.score is not None and funding.score.value == 19
    names = [i.name for i in table.indicators]
    assert names == ["举办交流活动", "服务对象满意度"]
    assert all(i.weight is None and i.score is None for i in table.indicators)
    assert table.total_score is not None and table.total_score.value == 92


def test_pipe_cells_and_no_table() -> None:
    text = "项目支出绩效自评表\n| 项目名称 | 甲 |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 |\n| 产出指标 | 数量指标 | 培训 | ≥2 次 | 2 次 |\n"
    [table] = parse(text, "r.txt")
    assert [i.name for i in table.indicators] == ["培训"]
    assert parse("一、概况\n本部门无绩效自评表内容。\n", "r.txt") == []


def test_dump_names_wrapped_after_a_level_word_and_printed_twice() -> None:
    """A name whose first line reads like a 二级 label (服务对象满意 / 度), and a name printed in
    both the 二级 and 三级 cells of a merged dump, are each read once and whole."""
    lines = DUMP.split("\n")
    zone_end = lines.index("总分 92 分")
    lines[zone_end:zone_end] = [
        "满意度",
        "服务对象满意",
        "度",
        "服务对象满意",
        "度",
        "满意 满意",
        "来访单位满意",
        "度",
        "来访单位满意",
        "度",
        "满意 满意",
    ]
    [table] = parse("\n".join(lines), "r.txt")
    assert [i.name for i in table.indicators][-2:] == ["服务对象满意度", "来访单位满意度"]


def test_grid_blocks_two_evaluations_in_one_table_and_a_funding_block_ended_by_its_goal_row() -> None:
    """The performance grammar's blocks: a 项目名称 row after a block opens the next
    self-evaluation; a funding block ends at 年度总体目标 even when that row holds figures; a
    row of figures after it is not a funding line."""
    grid = TSV.split("\n")[:-2]  # without the closing 备注 line, which ends the table
    second = [line.replace("示范培训项目", "示范交流项目") for line in grid[2:]]
    goal = "年度总体目标\t完成 6 期培训\t\t\t\t2030\t\t"
    first_part = "\n".join(grid).replace("\t其中：当年财政拨款", goal + "\n\t其中：当年财政拨款")
    text = first_part + "\n" + "\n".join(second)
    first, other = parse(text, "r.txt")
    assert (first.name, other.name) == ("示范培训项目", "示范交流项目")
    assert first.funding is not None and first.budget_lines == []  # 其中 row after the goal row: no funding line
    assert [i.name for i in other.indicators] == ["举办培训班次数", "学员结业率", "培训成效"]
    assert other.total_score is not None and other.total_score.value == Decimal("83.67")
