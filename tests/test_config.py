"""Configuration: discovery, selection, per-file ignores, overrides, and errors that name the key."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from fiscallint.config import Selection, discover, selected_codes
from fiscallint.errors import ConfigError
from fiscallint.pipeline import Overrides, lint_file, settings_for
from tests.test_cli import BAD


def codes(tmp_path: Path, *args: str) -> tuple[int, list[tuple[str, str, str]]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    data = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, [(Path(d["path"]).name, d["code"], d["severity"]) for d in data]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "reports" / "b.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_discovery_walks_up_and_fiscallint_toml_wins(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.fiscallint]\nselect = ["FL2"]\n', encoding="utf-8")
    assert discover(project / "reports" / "a.txt").selection.select == ("FL2",)
    (project / "reports" / "fiscallint.toml").write_text('select = ["FL204"]\n', encoding="utf-8")
    config = discover(project / "reports" / "a.txt")
    assert config.selection.select == ("FL204",) and config.root == (project / "reports").resolve()


def test_pyproject_without_section_is_skipped(project: Path) -> None:
    (project / "reports" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / "fiscallint.toml").write_text('ignore = ["FL5"]\n', encoding="utf-8")
    assert discover(project / "reports" / "a.txt").selection.ignore == ("FL5",)


def test_select_ignore_extend_select_by_prefix() -> None:
    known = ["FL101", "FL102", "FL204", "FL301", "FL504"]
    assert selected_codes(known, [Selection(select=("FL1",), extend_select=("FL5",), ignore=("FL102",))]) == ["FL101", "FL504"]
    # the command line (second layer) overrides the configured ignore
    assert selected_codes(known, [Selection(ignore=("FL2",)), Selection(select=("FL204",))]) == ["FL204"]
    assert selected_codes(known, [Selection()], ignored=("FL1", "FL3")) == ["FL204", "FL504"]


def test_config_select_and_per_file_ignores_apply(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "fiscallint.toml").write_text(
        'select = ["FL204"]\n[per-file-ignores]\n"reports/b.txt" = ["FL2"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(project)
    status, found = codes(project, "reports")
    assert status == 1 and found == [("a.txt", "FL204", "error")]


def test_severity_override_and_cli_flags_win(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "fiscallint.toml").write_text('select = ["FL204"]\nignore = ["FL204"]\n[severity]\nFL204 = "info"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    assert codes(project, "reports") == (0, [])
    status, found = codes(project, "--select", "FL204", "reports/a.txt")
    assert found == [("a.txt", "FL204", "info")] and status == 0  # info alone does not fail


def test_tolerance_and_year_reach_the_rules(project: Path) -> None:
    (project / "fiscallint.toml").write_text('year = 2023\n[tolerance]\nFL204 = 0.5\n', encoding="utf-8")
    config = discover(project / "reports" / "a.txt")
    assert settings_for(config, Overrides()) == {"tolerance": {"FL204": Decimal("0.5")}, "year": 2023}
    assert settings_for(config, Overrides(year=2030))["year"] == 2030


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('selekt = ["FL2"]\n', "unknown key 'selekt'"),
        ('[per-file-ignores]\n"*.txt" = "not a code"\n', "per-file-ignores"),
        ('[severity]\nFL204 = "fatal"\n', "severity.FL204"),
        ('[tolerance]\nFL204 = -1\n', "tolerance.FL204"),
        ('[tolerance]\nFL204 = "lots"\n', "tolerance.FL204"),
        ('[tolerance]\nFL501 = 1\n', "tolerance.FL501: no rule FL501… takes a tolerance"),
        ('[tolerance]\nFL999 = 1\n', "unknown rule code or prefix FL999"),
        ('year = "2023"\n', "year"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(project: Path, monkeypatch: pytest.MonkeyPatch, text: str, needle: str) -> None:
    (project / "fiscallint.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle.replace("*", r"\*").replace("[", r"\[").replace(".", r"\.")):
        discover(project / "reports")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "reports"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and needle in result.stderr and "Traceback" not in result.stderr


def test_unknown_key_in_pyproject_names_the_section(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.fiscallint]\nfoo = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool\.fiscallint\] unknown key 'foo'"):
        discover(project)


def test_explicit_config_file(project: Path) -> None:
    (project / "strict.toml").write_text('select = ["FL204"]\n[severity]\nFL2 = "warning"\n', encoding="utf-8")
    status, found = codes(project, "--config", str(project / "strict.toml"), str(project / "reports" / "a.txt"))
    assert status == 1 and found == [("a.txt", "FL204", "warning")]
    config = discover(project)
    assert lint_file(str(project / "reports" / "a.txt"), config, Overrides(Selection(select=("FL204",)))).findings


FL204_OFF_BY_4_FEN = """公开03表
单位：万元
科目编码 科目名称 本年支出合计
合计 220.04
201 一般公共服务支出 120.00
208 社会保障和就业支出 100.00
"""


@pytest.mark.parametrize(("table", "fires"), [("", True), ("[tolerance]\nFL204 = 0.05\n", False), ("[tolerance]\nFL204 = 0.01\n", True), ("[tolerance]\nFL2 = 0.05\n", False)])
def test_documented_fl204_tolerance_example_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, fires: bool) -> None:
    """docs/configuration.md's `FL204 = 0.05`: a 合计 0.04 off the sum of its classes is accepted."""
    (tmp_path / "fiscallint.toml").write_text(table, encoding="utf-8")
    (tmp_path / "r.txt").write_text(FL204_OFF_BY_4_FEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, found = codes(tmp_path, "--select", "FL204", "r.txt")
    assert (found == [("r.txt", "FL204", "error")] and status == 1) if fires else (found == [] and status == 0)


def test_explain_lists_the_rule_options() -> None:
    shown = CliRunner().invoke(main, ["explain", "FL204"]).stdout
    assert "选项" in shown and "tolerance (non-negative number, default 0)" in shown
    assert "tolerance" not in CliRunner().invoke(main, ["explain", "FL501"]).stdout
