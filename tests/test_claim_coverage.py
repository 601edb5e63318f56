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
