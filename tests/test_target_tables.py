"""A budget's 绩效目标表 (project performance targets): what the parser reads, and that only the
rules that need no actual value run on it."""

from __future__ import annotations

from decimal import Decimal

from fiscallint.ast import PerformanceTable, Report
from fiscallint.coverage import coverage_line
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text

TSV = "\n".join([
    "某区体育局2030年部门预算",
    "",
    "2030年项目支出绩效目标表",
    "项目名称\t全民健身赛事\t\t",
    "项目资金（万元）\t年度资金总额\t120.00\t",
    "\t其中：财政拨款\t100.00\t",
    "\t其他资金\t20.00\t",
    "年度总体目标\t举办赛事，服务群众\t\t",
    "一级指标\t二级指标\t三级指标\t年度指标值",
    "产出指标\t数量指标\t举办赛事场次\t≥8 场",
    "\t质量指标\t赛事安全事故发生率\t=0%",
    "\t时效指标\t赛事完成时间\t2030年11月底前",
    "成本指标\t经济成本指标\t赛事组织经费\t≤120 万元",
    "满意度指标\t服务对象满意度指标\t参赛群众满意度\t≥90%",
    "",
])

MARKDOWN_ACROSS = "\n".join([
    "# 项目支出绩效目标表",
    "",
    "| 项目名称 | 社区图书流转 | | |",
    "| --- | --- | --- | --- |",
    "| 预算金额（元） | 资金总额 | 财政拨款 | 其他资金 |",
    "| | 300,000.00 | 300,000.00 | 0.00 |",
    "| 一级指标 | 二级指标 | 三级指标 | 项目指标值 |",
    "| 产出指标 | 数量指标 | 流转图书册数 | ≥5000 册 |",
    "| 效益指标 | 社会效益指标 | 借阅人次增长率 | ≥5% |",
    "",
])

DUMP = "\n".join([
    "某区体育局2030年部门预算",
    "项目支出绩效目标申报表",
    "项目名称 全民健身赛事 项目性质 经常性项目",
    "项目资金总额 1,200,000.00 年度资金申请总额 1,200,000.00",
    "一级指标 二级指标 三级指标 年度指标值",
    "产出指标 数量指标 举办赛事场次 ≥8 场",
    "满意度指标 群众满意度 ≥105%",
    "",
])


def report(text: str, path: str) -> Report:
    return parse_source(SourceText(path, text, "utf-8", detect_shape(path, text)))


def targets(text: str, path: str) -> list[PerformanceTable]:
    return [p for p in report(text, path).performance if p.stage == "target"]


def test_tab_layout_reads_funding_lines_and_targets() -> None:
    [table] = targets(TSV, "budget.tsv")
    assert table.kind == "project" and table.name == "全民健身赛事" and table.funding_unit == "万元"
    assert table.annual_targets
    assert table.funding is not None and table.funding.budget is not None and table.funding.budget.value == Decimal("120.00")
    assert [(line.label, line.budget.value if line.budget else None) for line in table.budget_lines] == [
        ("其中：财政拨款", Decimal("100.00")), ("其他资金", Decimal("20.00"))]
    assert [i.name for i in table.indicators] == ["举办赛事场次", "赛事安全事故发生率", "赛事完成时间", "赛事组织经费", "参赛群众满意度"]
    by_name = {i.name: i for i in table.indicators}
    assert by_name["举办赛事场次"].level1 == "产出指标" and by_name["赛事安全事故发生率"].level1 == "产出指标"
    count = by_name["举办赛事场次"].target
    assert count is not None and count.op == "≥" and count.number is not None and count.number.value == 8 and count.unit == "场"
    date = by_name["赛事完成时间"].target
    assert date is not None and date.year == 2030
    assert all(i.actual is None and i.weight is None and i.score is None for i in table.indicators)


def test_labels_across_a_header_row_in_yuan() -> None:
    [table] = targets(MARKDOWN_ACROSS, "budget.md")
    assert table.funding_unit == "元" and not table.annual_targets
    assert table.funding is not None and table.funding.budget is not None and table.funding.budget.text == "300,000.00"
    assert [line.label for line in table.budget_lines] == ["财政拨款", "其他资金"]
    assert [i.name for i in table.indicators] == ["流转图书册数", "借阅人次增长率"]


def test_flattened_target_table_reads_what_whole_lines_prove() -> None:
    [table] = targets(DUMP, "budget.txt")
    assert table.layout == "dump" and table.name == "全民健身赛事" and table.annual_targets
    assert table.funding is not None and table.funding.budget is not None and table.funding.budget.text == "1,200,000.00"
    assert table.period_total is not None and table.funding_unit == "" and not table.budget_lines
    assert [(i.level1, i.level2, i.name, i.target.text if i.target else None) for i in table.indicators] == [
        ("产出指标", "数量指标", "举办赛事场次", "≥8 场"), ("", "满意度指标", "群众满意度", "≥105%")]
    assert [f.code for f in lint_text(DUMP, ["FL4"], path="budget.txt")] == ["FL405"]
    assert "target table not read" not in coverage_line(report(DUMP, "budget.txt"))


def test_flattened_lines_that_prove_nothing_are_not_read_and_coverage_says_so() -> None:
    """A wrapped name, words as the target, a name in two pieces: no line is read."""
    text = "\n".join([
        "某区体育局2030年部门预算",
        "项目支出绩效目标申报表",
        "项目名称 全民健身赛事",
        "一级指标 二级指标 三级指标 年度指标值",
        "满意度指标 服务对象 群众满意度 ≥105%",
        "产出指标 质量指标 赛事完成率 稳步提高",
        "",
    ])
    parsed = report(text, "budget.txt")
    assert not [p for p in parsed.performance if p.stage == "target"]
    assert "target table not read" in coverage_line(parsed)
    assert not lint_text(text, ["FL4"], path="budget.txt")


def test_a_percent_in_brackets_is_a_percent() -> None:
    text = DUMP.replace("≥105%", "≥105.00(%)")
    [table] = targets(text, "budget.txt")
    assert table.indicators[-1].target is not None and table.indicators[-1].target.is_percent
    assert [f.code for f in lint_text(text, ["FL4"], path="budget.txt")] == ["FL405"]


def test_a_read_target_table_is_not_listed_as_unread() -> None:
    assert "target table not read" not in coverage_line(report(TSV, "budget.tsv"))


def test_a_clean_target_table_has_no_findings() -> None:
    assert [f.code for f in lint_text(TSV, ["FL4"], path="budget.tsv")] == []


def test_rules_needing_actual_values_do_not_run_on_targets() -> None:
    """Targets that would be a finding against an actual value (a target met in full, every
    actual equal to its target, an execution-rate indicator) stay silent: there is none."""
    text = TSV.replace("≥8 场", "≥1 场").replace("满意度\t≥90%", "满意度\t100%") + "\n".join([
        "效益指标\t社会效益指标\t预算执行率\t100%",
        "",
    ])
    found = {f.code for f in lint_text(text, ["FL4"], path="budget.tsv")}
    assert not found & {"FL401", "FL402", "FL403", "FL404", "FL406", "FL407", "FL408", "FL411", "FL412", "FL413"}


def test_planted_target_errors_are_found() -> None:
    text = (TSV.replace("\t100.00\t", "\t90.00\t").replace("≥90%", "≥101%")
            .replace("2030年11月底前", "2031年3月底前").replace("≤120 万元", "=150 万元"))
    assert sorted(f.code for f in lint_text(text, ["FL4"], path="budget.tsv")) == ["FL405", "FL409", "FL410", "FL414"]


def test_narrative_project_count_ignores_target_tables() -> None:
    """FL411 sums the self-evaluation tables a 绩效自评 paragraph counts, never the budget's targets."""
    text = "\n".join([
        "（一）预算绩效管理工作开展情况",
        "本部门组织开展绩效自评，共涉及项目 1 个，资金 500.00 万元。",
        "",
    ]) + TSV
    assert not [f for f in lint_text(text, ["FL411"], path="budget.tsv")]


def test_flattened_projects_under_one_title_are_read_apart() -> None:
    """Two projects under one title: each project's cost target is set against its own totals."""
    text = "\n".join([
        "某区体育局2030年部门预算",
        "项目支出绩效目标申报表",
        "项目名称 甲项目",
        "项目资金总额 10.00 年度资金申请总额 10.00",
        "（万元）",
        "一级指标 二级指标 三级指标 年度指标值",
        "成本指标 经济成本指标 项目总成本 =9万元",
        "项目名称 乙项目",
        "项目资金总额 90.00 年度资金申请总额 90.00",
        "（万元）",
        "一级指标 二级指标 三级指标 年度指标值",
        "成本指标 经济成本指标 项目总成本 =90万元",
        "",
    ])
    tables = targets(text, "budget.txt")
    assert [(t.name, t.funding.budget.text if t.funding and t.funding.budget else None, len(t.indicators)) for t in tables] == [
        ("甲项目", "10.00", 1), ("乙项目", "90.00", 1)]
    assert not lint_text(text, ["FL4"], path="budget.txt")
