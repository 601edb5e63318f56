"""Rules declare what they read; the engine walks the report once and hands each rule its nodes.

Covers the reads (claims by kind, paragraphs, tables by kind, placed or not, performance tables,
the whole report), the checks made when a rule class is defined, isolation of a rule that
raises inside a hook, a rule written before reads existed (``check()`` only), and what
``fiscallint explain`` shows."""

from __future__ import annotations

from typing import Iterator

import pytest
from click.testing import CliRunner

from fiscallint.ast import Claim, Paragraph, PerformanceTable, Table
from fiscallint.cli import main
from fiscallint.engine import lint_report
from fiscallint.findings import Finding, Severity
from fiscallint.parser import parse_source
from fiscallint.registry import all_rules
from fiscallint.rule import Claims, Paragraphs, PerformanceTables, Rule, Tables, WholeReport
from fiscallint.source import SourceText, detect_shape

DOCUMENT = """2024年度部门决算情况说明

一、收入支出决算总体情况说明
2024年度支出合计 500.00 万元，比上年增加 50.00 万元，增长 11.1%。其中：基本支出 400.00 万元，占本年支出 80%。

二、项目情况
项目支出 100.00 万元，比上年减少 10.00 万元。

支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 500.00 400.00 100.00
201 一般公共服务支出 500.00 400.00 100.00
"""


def parse(text: str = DOCUMENT):
    return parse_source(SourceText("r.txt", text, "utf-8", detect_shape("r.txt", text)))


class Recorder(Rule):
    """Test rule: remembers what each hook was given (class-level, one lint at a time)."""

    code = "XT900"
    name = "recorder"
    severity = Severity.INFO
    summary = "records its nodes"
    reads = (Claims("change", "share"), Paragraphs(), Tables("03"), PerformanceTables(), WholeReport("nothing"))
    seen: dict[str, list[object]] = {}

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        self.seen["claims"] = list(claims)
        return iter(())

    def check_paragraphs(self, paragraphs: list[Paragraph]) -> Iterator[Finding]:
        self.seen["paragraphs"] = list(paragraphs)
        return iter(())

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        self.seen["tables"] = list(tables)
        return iter(())

    def check_performance_tables(self, tables: list[PerformanceTable]) -> Iterator[Finding]:
        self.seen["performance"] = list(tables)
        return iter(())

    def check(self) -> Iterator[Finding]:
        self.seen["report"] = [self.context.report]
        return iter(())


def test_each_hook_gets_the_nodes_its_read_accepts_in_document_order() -> None:
    report = parse()
    Recorder.seen = {}
    lint_report(report, [Recorder])
    claims = [c for c in report.claims() if c.kind in ("change", "share")]
    assert [c.kind for c in claims] == ["change", "share", "change"]
    assert Recorder.seen["claims"] == claims and all(a is b for a, b in zip(Recorder.seen["claims"], claims))
    assert Recorder.seen["paragraphs"] == report.paragraphs
    assert [t.kind for t in Recorder.seen["tables"]] == ["03"]
    assert Recorder.seen["report"] == [report]
    assert "performance" not in Recorder.seen, "a hook whose read matched no node is not called"


def test_table_kinds_and_unplaced_tables() -> None:
    report = parse()
    table = report.tables[0]

    assert Tables().accepts(table) and Tables("03").accepts(table)
    assert not Tables("01", "04").accepts(table)
    table.unplaced = "rows and figures do not line up"
    assert not Tables().accepts(table), "a table whose rows could not be placed is not checked"
    assert Tables(unplaced=True).accepts(table)


def test_claim_kinds_are_checked_when_declared() -> None:
    with pytest.raises(ValueError, match="claim kinds"):
        Claims("shares")
    with pytest.raises(ValueError):
        Claims()


def _define(reads: tuple, **hooks) -> type[Rule]:
    body = {"code": "XT901", "name": "x", "severity": Severity.INFO, "summary": "x", "reads": reads, **hooks}
    return type("Broken", (Rule,), body)


def test_reads_and_hooks_must_match() -> None:
    def hook(self, nodes):  # noqa: ANN001 - a stand-in hook
        return iter(())

    with pytest.raises(TypeError, match="does not define it"):
        _define((Claims("share"),))
    with pytest.raises(TypeError, match="declares no read for it"):
        _define((Claims("share"),), check_claims=hook, check_tables=hook)
    with pytest.raises(TypeError, match="one hook twice"):
        _define((Claims("share"), Claims("change")), check_claims=hook)
    with pytest.raises(TypeError, match="non-empty tuple"):
        _define((), check=hook)
    assert _define((Tables("05"),), check_tables=hook).reads == (Tables("05"),)


class Legacy(Rule):
    """A rule written before reads existed: only ``check()``."""

    code = "XT902"
    name = "legacy"
    severity = Severity.WARNING
    summary = "flags the first paragraph"

    def check(self) -> Iterator[Finding]:
        yield self.finding(self.context.report.paragraphs[0].span, "first paragraph")


def test_a_rule_without_reads_is_a_whole_report_rule() -> None:
    assert Legacy.reads == (WholeReport(),)
    assert [f.code for f in lint_report(parse(), [Legacy])] == ["XT902"]


class FailsMidway(Rule):
    """Yields one finding, then raises inside its claim hook."""

    code = "XT903"
    name = "fails-midway"
    severity = Severity.ERROR
    summary = "raises"
    reads = (Claims("change"),)

    def check_claims(self, claims: list[Claim]) -> Iterator[Finding]:
        yield self.finding(claims[0].span, "before the failure")
        raise RuntimeError("hook failed")


def test_a_hook_that_raises_gives_one_fl000_and_none_of_its_findings() -> None:
    findings = lint_report(parse(), [FailsMidway, Legacy])
    assert [f.code for f in findings] == ["FL000", "XT902"]
    assert "XT903" in findings[0].message and "RuntimeError: hook failed" in findings[0].message


def test_every_built_in_rule_declares_what_it_reads() -> None:
    for code, cls in all_rules().items():
        assert any("reads" in vars(k) for k in cls.__mro__ if k is not Rule), f"{code} declares no reads"
        for read in cls.reads:
            assert not isinstance(read, WholeReport) or read.what, f"{code}: a whole-report read says what it relates"


def test_explain_shows_what_a_rule_reads() -> None:
    shown = CliRunner().invoke(main, ["explain", "FL205"]).output
    assert "读取 (reads): tables 01, 04" in shown
    shown = CliRunner().invoke(main, ["explain", "FL301"]).output
    assert "读取 (reads): the whole report: the 合计 row of one table against a row of table 01" in shown
