"""FL508: a figure of this year's tables stated under another year."""

from __future__ import annotations

from fiscallint.testing import lint_text

FINAL_TABLES = """
公开01表 收入支出决算总表
单位：万元
项目 金额 项目 金额
本年收入合计 380.50 本年支出合计 380.50
总计 396.20 总计 396.20

公开05表 一般公共预算财政拨款支出决算表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 360.40 290.10 70.30
201 一般公共服务支出 360.40 290.10 70.30
"""

BUDGET_TABLES = """
第二部分 2026年部门预算表

青川市测绘院2026年部门收支预算总表
公开01表
单位：万元
收入 支出
项目 预算数 项目 预算数
一、一般公共预算拨款收入 510.00 一、一般公共服务支出 540.00
二、其他收入 30.00
本年收入合计 540.00 本年支出合计 540.00
收入总计 540.00 支出总计 540.00

青川市测绘院2026年一般公共预算支出表
公开05表
单位：万元
科目编码 科目名称 合计 基本支出 项目支出
合计 510.00 420.00 90.00
201 一般公共服务支出 510.00 420.00 90.00
"""


def final(sentence: str) -> str:
    return f"2025年度部门决算公开\n一、2025年度部门决算情况说明\n{sentence}\n{FINAL_TABLES}"


def budget(sentence: str) -> str:
    return f"2026年部门预算\n第三部分 2026年部门预算情况说明\n{sentence}\n{BUDGET_TABLES}"


def fl508(text: str) -> list:
    return lint_text(text, select=["FL508"])


def test_last_years_label_on_this_years_total_fires() -> None:
    findings = fl508(final("2024年度收入总计 396.20 万元，与2024年度相比，增加 12.00 万元。"))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity.value == "error"
    assert "公开01表的总计 396.20" in finding.message and "年份应为 2025" in finding.message
    assert finding.fix is not None and finding.fix.replacement == "2025"
    assert finding.span.line == 3 and finding.span.end_column - finding.span.column == 4
    assert finding.related and finding.related[0].span.line > 3


def test_typo_year_after_the_report_year_fires() -> None:
    findings = fl508(final("（1）2026年一般公共预算财政拨款支出 360.40 万元，占本年支出合计的 94.7%。"))
    assert len(findings) == 1 and "公开05表的合计 360.40" in findings[0].message


def test_last_years_figure_under_last_year_is_silent() -> None:
    assert fl508(final("2024年度收入总计 384.20 万元。")) == []


def test_comparison_sentence_naming_the_report_year_is_silent() -> None:
    text = final("2024年度本年收入合计 380.50 万元，2025年度本年收入合计 380.50 万元，两年相同。")
    assert fl508(text) == []


def test_unchanged_figure_is_silent() -> None:
    assert fl508(final("2024年度本年支出合计 380.50 万元，比上年增加 0 万元。")) == []


def test_year_not_heading_the_subject_is_silent() -> None:
    assert fl508(final("结合2024年度经费使用情况，本年收入合计 380.50 万元。")) == []
    assert fl508(final("比2024年度决算数 380.50 万元增加 0.50 万元。")) == []


def test_zero_amount_is_silent() -> None:
    assert fl508(final("2024年度一般公共预算财政拨款项目支出 0 万元。")) == []


def test_budget_report_wording_fires() -> None:
    findings = fl508(budget("2025年收入预算 540.00 万元，比上年预算增加 20.00 万元。2025年一般公共预算支出 510.00 万元。"))
    assert [f.fix.replacement for f in findings if f.fix] == ["2026", "2026"]
    assert "公开01表的本年收入合计 540.00" in findings[0].message


def test_budget_report_last_years_budget_is_silent() -> None:
    assert fl508(budget("2025年收入预算 520.00 万元，2026年收入预算 540.00 万元。")) == []
    assert fl508(budget("2026年收入预算 540.00 万元。")) == []
