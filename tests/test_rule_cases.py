"""Every rule's case file (tests/rules/<CODE>.toml) runs through the public runner; every built-in
rule has one; the runner itself reports a wrong position, a missing fix and a malformed file."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscallint.registry import all_rules
from fiscallint.testing import Case, CaseFileError, case_params, check_case, load_cases

CASES = Path(__file__).parent / "rules"
BUILTIN = sorted(code for code, cls in all_rules().items() if cls.__module__.startswith("fiscallint.rules."))


@pytest.mark.parametrize("case", case_params(CASES))
def test_rule_case(case: Case) -> None:
    check_case(case)


@pytest.mark.parametrize("code", BUILTIN)
def test_builtin_rule_has_case_file(code: str) -> None:
    path = CASES / f"{code}.toml"
    assert path.is_file(), (
        f"rule {code} has no case file: add tests/rules/{code}.toml with at least one fail case "
        "(findings pinned as \"line:column-line:column\") and one pass case (format: docs/plugins.md)"
    )
    assert load_cases(path)


TOLERANT = sorted(code for code in BUILTIN if any(o.name == "tolerance" for o in all_rules()[code].options))


@pytest.mark.parametrize("code", TOLERANT)
def test_rule_with_a_tolerance_has_cases_showing_it(code: str) -> None:
    """A rule that declares the tolerance option pins a case it silences and one it does not."""
    cases = load_cases(CASES / f"{code}.toml")
    tolerant = [c for c in cases if c.config.get("tolerance")]
    assert any(not c.expect_findings for c in tolerant), f"tests/rules/{code}.toml: add a pass case with config = {{ tolerance = … }}"
    assert any(c.expect_findings for c in tolerant), f"tests/rules/{code}.toml: add a fail case beyond the tolerance"


def test_documented_example_case_file_runs(tmp_path: Path) -> None:
    """The case file shown in docs/plugins.md is valid and its cases pass."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "plugins.md").read_text(encoding="utf-8")
    path = tmp_path / "FL101.toml"
    path.write_text(doc.split("```toml\n", 2)[2].split("```", 1)[0], encoding="utf-8")
    cases = load_cases(path)
    assert len(cases) == 3
    for case in cases:
        check_case(case)


def _one(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "FL101.toml"
    path.write_text('rule = "FL101"\n' + body, encoding="utf-8")
    return path


SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%。\n"
CLEAN = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 80%。\n"


def test_wrong_position_fails(tmp_path: Path) -> None:
    path = _one(tmp_path, f"[[case]]\nname = 'a'\nfail = '''\n{SHARE}'''\nfindings = ['1:40']\nfix = '''\n{CLEAN}'''\n"
                f"[[case]]\nname = 'b'\npass = '''\n{CLEAN}'''\n")
    failing, passing = load_cases(path)
    with pytest.raises(AssertionError, match=r"expected findings at \['1:40'\]"):
        check_case(failing)
    check_case(passing)


def test_right_position_and_fix_pass(tmp_path: Path) -> None:
    column = SHARE.index("70") + 1
    path = _one(tmp_path, f"[[case]]\nname = 'a'\nfail = '''\n{SHARE}'''\nfindings = ['1:{column}-1:{column + 2}']\n"
                f"fix = '''\n{CLEAN}'''\nmessages = ['400.00 / 500.00']\n[[case]]\nname = 'b'\npass = '''\n{CLEAN}'''\n")
    for case in load_cases(path):
        check_case(case)


def test_carets_pin_a_finding_in_display_columns(tmp_path: Path) -> None:
    """``^^^`` under the figure (a Chinese character two columns wide, as --show-source prints)."""
    from fiscallint.formatters.text import width

    under = " " * width(SHARE[: SHARE.index("70")]) + "^^"
    path = _one(tmp_path, f"[[case]]\nname = 'a'\nfail = '''\n{SHARE}{under}\n'''\nfix = '''\n{CLEAN}'''\n"
                f"[[case]]\nname = 'b'\npass = '''\n{CLEAN}'''\n")
    failing, _ = load_cases(path)
    column = SHARE.index("70") + 1
    assert failing.findings == (f"1:{column}-1:{column + 2}",) and failing.text == SHARE
    check_case(failing)
    halfway = " " * (width(SHARE[: SHARE.index("占")]) + 1) + "^^"  # starts inside 占, a wide character
    misaligned = _one(tmp_path, f"[[case]]\nname = 'a'\nfail = '''\n{SHARE}{halfway}\n'''\n[[case]]\nname = 'b'\npass = 'x'\n")
    with pytest.raises(CaseFileError, match="do not line up"):
        load_cases(misaligned)


def test_unpinned_fix_and_pass_case_that_fires_fail(tmp_path: Path) -> None:
    column = SHARE.index("70") + 1
    path = _one(tmp_path, f"[[case]]\nname = 'a'\nfail = '''\n{SHARE}'''\nfindings = ['1:{column}']\n"
                f"[[case]]\nname = 'b'\npass = '''\n{SHARE}'''\n")
    failing, passing = load_cases(path)
    with pytest.raises(AssertionError, match="pin the fixed text"):
        check_case(failing)
    with pytest.raises(AssertionError, match="pass case 'b' produced findings"):
        check_case(passing)


@pytest.mark.parametrize(("body", "message"), [
    ("[[case]]\nname = 'a'\nfail = 'x'\n", "pins its findings"),
    ("[[case]]\nname = 'a'\nfail = 1\nfindings = ['1:1']\n", "must be a string"),
    ("[[case]]\nname = 'a'\nfail = 'x'\nfindings = ['line 1']\n", "not line:column"),
    ("[[case]]\nname = 'a'\npass = 'x'\nfail = 'y'\n", "exactly one of fail / pass"),
    ("[[case]]\nname = 'a'\npass = 'x'\n", "at least one fail case and one pass case"),
    ("[[case]]\nname = 'a'\npass = 'x'\nexpect = 1\n", "unknown key(s) expect"),
    ("[[case]]\nname = 'a'\nfail = 'x'\nfindings = ['1:1']\n[[case]]\nname = 'a'\npass = 'x'\n", "duplicate case name"),
])
def test_malformed_case_file_is_named(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(CaseFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_cases(_one(tmp_path, body))


def test_config_key_must_be_an_option_of_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "FL501.toml"
    path.write_text('rule = "FL501"\n[[case]]\nname = "a"\nconfig = { tolerance = 1 }\nfail = "x"\nfindings = ["1:1"]\n'
                    '[[case]]\nname = "b"\npass = "x"\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match="config key\\(s\\) tolerance are not options of FL501"):
        check_case(load_cases(path)[0])


def test_file_must_name_its_rule(tmp_path: Path) -> None:
    path = tmp_path / "FL102.toml"
    path.write_text('rule = "FL101"\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match="must name the file's rule 'FL102'"):
        load_cases(path)
