"""Fix applicability (safe / unsafe / display-only), titles, and verification by re-linting:
``--fix`` applies safe fixes only, ``--unsafe-fixes`` opts in, display-only fixes are never
applied, a fix that does not clear its finding is dropped, and the fix loop is capped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from fiscallint.ast import Span
from fiscallint.cli import main
from fiscallint.engine import lint_report
from fiscallint.findings import Applicability, Finding, Fix, Severity
from fiscallint.fixes import MAX_FIX_ROUNDS, fixed_text, verified_fixes
from fiscallint.parser import parse_source
from fiscallint.rule import Rule
from fiscallint.source import SourceText, detect_shape

ROOT = Path(__file__).resolve().parents[1]
SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%。\n"
YEAR = "2024年度部门决算\n一、2023年度部门决算情况说明\n"


def finding(span: Span, replacement: str, applicability: Applicability) -> Finding:
    return Finding("XT900", Severity.WARNING, "m", span, fix=Fix(span, replacement, "t", applicability))


@pytest.mark.parametrize(("applicability", "plain", "unsafe"), [
    (Applicability.SAFE, True, True), (Applicability.UNSAFE, False, True), (Applicability.DISPLAY_ONLY, False, False),
])
def test_which_fixes_apply(tmp_path: Path, applicability: Applicability, plain: bool, unsafe: bool) -> None:
    path = tmp_path / "r.txt"
    path.write_text("abc\n", encoding="utf-8")
    found = [finding(Span(1, 2, 1, 3), "X", applicability)]
    for opt_in, applies in ((False, plain), (True, unsafe)):
        outcome = fixed_text(str(path), found, unsafe=opt_in)
        assert (outcome is not None and outcome[1] == "aXc\n") if applies else outcome is None


def test_every_builtin_fix_rewriting_a_figure_or_year_is_unsafe_and_titled() -> None:
    """The built-in fixes replace a printed figure, grade or year: all unsafe (or only shown,
    when the figure was computed from an inferred whole), all with a title."""
    from fiscallint.testing import case_files, load_cases, run_case

    seen: list[Applicability] = []
    for path in case_files(ROOT / "tests" / "rules"):
        for case in load_cases(path):
            if case.expect_findings:
                for f in run_case(case)[1]:
                    if f.fix is not None:
                        seen.append(f.fix.applicability)
                        assert f.fix.applicability is not Applicability.SAFE and f.fix.title, (case.id, f.fix)
    assert seen.count(Applicability.UNSAFE) >= 10 and Applicability.DISPLAY_ONLY in seen


def test_fix_flag_alone_leaves_a_year_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(YEAR, encoding="utf-8")
    held = CliRunner().invoke(main, ["check", "--select", "FL501", "--fix", str(path)])
    assert held.exit_code == 1 and path.read_text(encoding="utf-8") == YEAR and "unsafe fix(es) not applied" in held.stderr
    shown = CliRunner().invoke(main, ["check", "--select", "FL501", "--diff", str(path)])
    assert shown.exit_code == 0 and shown.stdout == ""
    opted = CliRunner().invoke(main, ["check", "--select", "FL501", "--diff", "--unsafe-fixes", str(path)])
    assert opted.exit_code == 1 and "+一、2024年度部门决算情况说明" in opted.stdout and path.read_text(encoding="utf-8") == YEAR


def test_json_and_sarif_carry_title_and_applicability(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SHARE, encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, ["check", "--select", "FL101", "--format", "json", str(path)]).stdout)
    assert data[0]["fix"]["applicability"] == "unsafe" and data[0]["fix"]["title"] == "占比改为计算值 80%"
    sarif = json.loads(CliRunner().invoke(main, ["check", "--select", "FL101", "--format", "sarif", str(path)]).stdout)
    assert sarif["runs"][0]["results"][0]["fixes"][0]["description"]["text"] == "FL101: 占比改为计算值 80% (unsafe)"


# A share of an inferred whole (the paragraph's lead amount): FL101 shows the recomputed figure only.
INFERRED = "2024年度一般公共预算财政拨款支出 500.00 万元，主要用于以下方面：\n\n1.一般公共服务（类）支出 400.00 万元，占 60%。\n"


def test_a_display_only_fix_is_shown_in_every_format(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(INFERRED, encoding="utf-8")
    run = lambda *args: CliRunner().invoke(main, ["check", "--select", "FL101", *args, str(path)]).stdout  # noqa: E731
    (item,) = json.loads(run("--format", "json"))
    assert item["fix"]["applicability"] == "display-only" and item["fix"]["replacement"] == "80"
    assert item["fix"]["title"] == "按推定分母（“2024年度一般公共预算财政拨款支出”）算得 80%（仅供参考）"
    (fix,) = json.loads(run("--format", "sarif"))["runs"][0]["results"][0]["fixes"]
    assert fix["description"]["text"].endswith("(display-only)") and fix["properties"] == {"applicability": "display-only"}
    text = run("--show-source")
    assert text.endswith(" ^^\n  = 建议 (display-only, never applied): 按推定分母（“2024年度一般公共预算财政拨款支出”）算得 80%（仅供参考）\n")
    statistics = run("--statistics")
    assert "[*]" not in statistics, "a display-only fix does not make a finding fixable"


@pytest.mark.parametrize("flags", [["--fix"], ["--fix", "--unsafe-fixes"], ["--diff", "--unsafe-fixes"]])
def test_a_display_only_fix_is_never_applied(tmp_path: Path, flags: list[str]) -> None:
    path = tmp_path / "r.txt"
    path.write_text(INFERRED, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "FL101", *flags, str(path)])
    assert path.read_text(encoding="utf-8") == INFERRED
    if "--diff" in flags:
        assert result.exit_code == 0 and result.stdout == "", "nothing to show as a diff"
    else:
        assert result.exit_code == 1 and "FL101" in result.stdout, "the finding stays"
    assert "fixed" not in result.stderr and "not applied" not in result.stderr


def test_text_shows_what_a_fix_does_and_who_applies_it(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(SHARE, encoding="utf-8")
    text = CliRunner().invoke(main, ["check", "--select", "FL101", "--show-source", str(path)]).stdout
    assert text.endswith("\n  = 修复 (unsafe fix, --unsafe-fixes): 占比改为计算值 80%\n")
    plain = CliRunner().invoke(main, ["check", "--select", "FL101", str(path)]).stdout
    assert "修复" not in plain, "without --show-source one line per finding"


def test_precommit_fix_hook_never_applies_unsafe_fixes(tmp_path: Path) -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = hooks.split("id: fiscallint-fix", 1)[1].split("entry:", 1)[1].splitlines()[0].split()
    assert entry == ["fiscallint", "check", "--fix"]
    path = tmp_path / "r.txt"
    path.write_text(SHARE, encoding="utf-8")
    CliRunner().invoke(main, [*entry[1:], str(path)])
    assert path.read_text(encoding="utf-8") == SHARE


class StubbornSpelling(Rule):
    """A test rule whose safe fix for 帐户 does not clear its finding (帐户 → 帐户号)."""

    code = "XT901"
    name = "stubborn"
    severity = Severity.WARNING
    summary = "test"

    def check(self) -> Iterator[Finding]:
        for number, line in enumerate(self.context.report.lines, 1):
            at = line.find("帐户")
            if at >= 0 and not line.startswith("#"):
                span = Span(number, at + 1, number, at + 3)
                replacement = "账户" if "余额" in line else "帐户号"
                yield self.finding(span, "帐户", fix=Fix(span, replacement, "改写", Applicability.SAFE))


def relint(text: str) -> list[Finding]:
    return lint_report(parse_source(SourceText("r.txt", text, "utf-8", detect_shape("r.txt", text))), [StubbornSpelling])


def test_a_fix_that_does_not_clear_its_finding_is_dropped() -> None:
    text = "银行帐户余额 1.00 万元。\n开设帐户一个。\n"
    found = relint(text)
    assert len(found) == 2
    new, fixed = verified_fixes(text, found, relint)
    assert new == "银行账户余额 1.00 万元。\n开设帐户一个。\n"
    assert [f.span.line for f in fixed] == [1]
    unverified, all_fixed = verified_fixes(text, found, None)
    assert len(all_fixed) == 2 and "帐户号" in unverified


def test_the_fix_loop_is_capped() -> None:
    """A re-lint that always finds the first remaining fix's finding again: after
    MAX_FIX_ROUNDS rounds nothing is applied."""
    text = "abcdefghij\n"
    found = [finding(Span(1, n, 1, n + 1), "Z", Applicability.SAFE) for n in range(1, 11)]
    calls = []

    def stubborn(new: str) -> list[Finding]:
        calls.append(new)
        first = new.index("Z") + 1
        return [Finding("XT900", Severity.WARNING, "m", Span(1, first, 1, first + 1))]

    assert verified_fixes(text, found, stubborn) == (text, [])
    assert len(calls) == MAX_FIX_ROUNDS
