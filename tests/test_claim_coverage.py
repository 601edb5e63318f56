"""Claim coverage: sentences with figures that produced no claim, percentages left untyped."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fiscallint.cli import main
from fiscallint.coverage import claim_coverage
from fiscallint.parser import parse_source
from fiscallint.source import SourceText, detect_shape

TEXT = (
    "2024年度部门决算情况说明\n\n"
    "本年支出合计 200.00 万元，其中：基本支出 150.00 万元，占 75.00%；项目支出 50.00 万元，占 25.00%。\n\n"
    "本年度共召开会议 12 场次以上，满意度达到 98% 以上。\n\n"
    "办公楼建筑面积 3200 平方米，楼高 5 层。\n"
)


def parse(text: str):
    return parse_source(SourceText("c.txt", text, "utf-8", detect_shape("c.txt", text)))


def test_percentages_typed_and_untyped_are_counted_per_sentence() -> None:
    coverage = claim_coverage(parse(TEXT))
    assert coverage.with_percent == 2 and coverage.typed == 1
    (untyped,) = coverage.untyped
    assert "98%" in untyped.text and untyped.line == 5


def test_sentences_with_figures_and_no_claim_are_listed() -> None:
    coverage = claim_coverage(parse(TEXT))
    lines = [s.line for s in coverage.unclaimed]
    assert 7 in lines and 3 not in lines


def test_show_coverage_prints_the_share_and_the_unclaimed_sentences(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--show-coverage", str(path)])
    assert "1/2 sentences with a percentage typed as claims (50.0%)" in result.stderr
    assert f"{path}:7: unclaimed:" in result.stderr


def test_rows_whose_figures_have_no_column_are_counted() -> None:
    """A dump table row with fewer figures than columns (empty cells vanished) has figures in no
    column: --show-coverage says how many rows of which table; a table in cells has none."""
    from fiscallint.coverage import coverage_line

    table = (
        "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n"
        "201 一般公共服务支出 100.00 60.00 40.00\n20101 人大事务 60.00 60.00\n2010101 行政运行 40.00 40.00\n"
    )
    lines = coverage_line(parse(table)).splitlines()
    assert any("2 of 3 rows of 一般公共预算财政拨款支出决算表" in line for line in lines)
    tabbed = table.replace("201 一般公共服务支出 100.00 60.00 40.00", "201\t一般公共服务支出\t100.00\t60.00\t40.00")
    tabbed = tabbed.replace("20101 人大事务 60.00 60.00", "20101\t人大事务\t60.00\t60.00\t")
    tabbed = tabbed.replace("2010101 行政运行 40.00 40.00", "2010101\t行政运行\t40.00\t\t40.00")
    tabbed = tabbed.replace("科目编码 科目名称 合计 基本支出 项目支出", "科目编码\t科目名称\t合计\t基本支出\t项目支出")
    assert not any("not placed in columns" in line for line in coverage_line(parse(tabbed)).splitlines())
