"""The paths that used to be quadratic do their work once: counted, not timed (the timings are
in benchmarks/linearity.py). Fingerprints of ordinary findings are unchanged, so existing
baselines stay valid."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fiscallint import baseline, facts, figures
from fiscallint.baseline import SPACE_RE, fingerprints
from fiscallint.config import Config
from fiscallint.pipeline import Overrides, lint_text_source
from fiscallint.source import SourceText

WRONG_SHARE = "2025年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。"


def lint(text: str, tmp_path: Path):
    return lint_text_source(SourceText(str(tmp_path / "r.txt"), text, "utf-8", "dump"), Config(root=tmp_path), Overrides())


def old_fingerprint(finding, report) -> str:
    """The fingerprint as baselines were written so far (every section walked per finding)."""
    first, last = finding.span.line, max(finding.span.line, finding.span.end_line)
    text = "\n".join(report.lines[first - 1 : last])
    section = ""
    for candidate in report.sections():
        if candidate.level and candidate.span.line <= first:
            section = candidate.title
    key = "\x1f".join((finding.code, SPACE_RE.sub("", section), SPACE_RE.sub("", text)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def test_fingerprints_of_ordinary_findings_are_unchanged(tmp_path: Path) -> None:
    text = "".join(f"{n}、第{n}部分\n{WRONG_SHARE}\n\n" for n in "一二三四五")
    report, findings = lint(text, tmp_path)
    assert len(findings) >= 5
    assert fingerprints(findings, report) == [old_fingerprint(f, report) for f in findings]
    assert len(set(fingerprints(findings, report))) == len({(f.code, f.span.line) for f in findings})


def test_a_long_line_is_normalised_once_for_all_its_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, findings = lint("一、说明\n" + WRONG_SHARE * 300 + "\n", tmp_path)
    assert len(findings) >= 300
    calls = []
    original = baseline._key_text
    monkeypatch.setattr(baseline, "_key_text", lambda text: calls.append(len(text)) or original(text))
    prints = fingerprints(findings, report)
    assert len(calls) == len({(f.span.line, f.span.end_line) for f in findings})
    assert all(p == prints[0] for p, f in zip(prints, findings) if f.code == findings[0].code)


def test_the_budget_report_check_runs_once_per_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """400 narrative amounts each look up the totals they may restate; the report's kind (which
    scans its first 80 lines, here one long line) is decided once."""
    calls = []
    original = facts.is_budget_report

    def counted(report) -> bool:
        calls.append(1)
        return original(report)

    monkeypatch.setattr(facts, "is_budget_report", counted)
    monkeypatch.setattr(figures, "is_budget_report", counted, raising=False)  # where it was called per figure
    lint("一、说明\n" + "本年支出合计 500.00 万元，基本支出 400.00 万元。" * 200 + "\n", tmp_path)
    assert len(calls) <= 2  # the model's cached answer, and the year facts' own one


def test_a_long_table_is_grouped_by_code_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """FL201 and FL204 find each row's children in one pass over the rows, not one per 类."""
    from fiscallint.ast import Row
    from fiscallint.engine import lint_report
    from fiscallint.parser import parse_source
    from fiscallint.registry import all_rules

    rows = [f"{c} 某类支出 30.00\n{c}01 某款甲 10.00\n{c}02 某款乙 20.00\n" for c in range(200, 300)]
    text = "公开03表\n单位：万元\n科目编码 科目名称 本年支出合计\n合计 3000.00\n" + "".join(rows)
    report = parse_source(SourceText("r.txt", text, "utf-8", "dump"))
    table_rows = sum(len(t.rows) for t in report.tables)
    assert table_rows >= 300
    calls = []
    level = Row.level
    monkeypatch.setattr(Row, "level", property(lambda row: calls.append(1) or level.fget(row)))
    rules = [all_rules()[code] for code in ("FL201", "FL204")]
    lint_report(report, rules, {})
    assert len(calls) <= 10 * table_rows
