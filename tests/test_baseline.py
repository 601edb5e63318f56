"""Baselines (keyed by content, surviving line moves) and inline suppression comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from fiscallint.config import Config
from fiscallint.pipeline import Overrides, lint_buffer
from tests.test_cli import BAD

SELECT = ["--select", "FL204"]


def check(*args: str):
    return CliRunner().invoke(main, ["check", *SELECT, "--format", "json", *args])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_write_then_use_a_baseline(project: Path) -> None:
    written = check("--write-baseline", "base.json", "r.txt")
    assert written.exit_code == 0 and "wrote 1 finding(s)" in written.stderr
    entries = json.loads((project / "base.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["code"]) for e in entries] == [("r.txt", "FL204")]
    result = check("--baseline", "base.json", "r.txt")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_baseline_survives_moved_lines_and_reports_new_findings(project: Path) -> None:
    check("--write-baseline", "base.json", "r.txt")
    (project / "r.txt").write_text("本节说明文字，没有数字。\n\n另一段说明。\n\n" + BAD + "\n" + BAD.replace("300.00", "310.00"), encoding="utf-8")
    data = json.loads(check("--baseline", "base.json", "r.txt").stdout)
    assert [(d["line"], d["message"].split()[1]) for d in data] == [(15, "310.00")]


def test_default_baseline_from_config_is_used(project: Path) -> None:
    (project / "fiscallint.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    assert check("r.txt", "--write-baseline").exit_code == 0
    assert (project / "known.json").is_file()
    assert check("r.txt").exit_code == 0
    assert check("--no-baseline", "r.txt").exit_code == 1


def test_write_baseline_refuses_a_report_as_its_file(project: Path) -> None:
    result = check("--write-baseline", "r.txt", "r.txt")
    assert result.exit_code == 2 and "after the paths" in result.stderr
    assert (project / "r.txt").read_text(encoding="utf-8") == BAD


def test_missing_baseline_is_exit_2(project: Path) -> None:
    result = check("--baseline", "nope.json", "r.txt")
    assert result.exit_code == 2 and "nope.json" in result.stderr


def lint(text: str, path: str = "r.md") -> list[str]:
    _, findings = lint_buffer(path, text, Config(root=Path(".")), Overrides())
    return [f.code for f in findings if f.code == "FL204"]


@pytest.mark.parametrize(
    "text",
    [
        BAD.replace("合计 300.00", "<!-- fiscallint: ignore FL204 -->\n合计 300.00"),
        BAD.replace("合计 300.00", "合计 300.00 <!-- fiscallint: ignore FL2 -->"),
        BAD.replace("合计 300.00", "# fiscallint: ignore FL204\n\n合计 300.00"),
        BAD.replace("合计 300.00", "合计 300.00  # fiscallint: ignore"),
        BAD.replace("合计 300.00", "合计 300.00  # fiscallint: ignore FL101、FL204 -- 源表的合计四舍五入"),
        BAD.replace("合计 300.00", "合计 300.00  # fiscallint: ignore FL-101,FL204"),
    ],
)
def test_inline_directives_silence_the_finding(text: str) -> None:
    assert lint(text, "r.txt") == [] and lint(text, "r.md") == []


def test_directive_for_another_code_or_line_does_not_silence() -> None:
    assert lint(BAD.replace("合计 300.00", "<!-- fiscallint: ignore FL101 -->\n合计 300.00")) == ["FL204"]
    # a word that is not a code silences nothing (it is no prefix of every code, nor "no codes")
    assert lint(BAD.replace("合计 300.00", "合计 300.00  # fiscallint: ignore FL-204"), "r.txt") == ["FL204"]
    assert lint(BAD.replace("合计 300.00", "合计 300.00  # fiscallint: ignore -- 四舍五入"), "r.txt") == []
    assert lint("# fiscallint: ignore FL204\n\n一、概况\n\n" + BAD, "r.txt") == ["FL204"]


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_write_baseline_with_fix_or_diff_is_a_usage_error(project: Path, option: str) -> None:
    result = check("r.txt", option, "--unsafe-fixes", "--write-baseline")
    assert result.exit_code == 2 and f"--write-baseline and {option} are exclusive" in result.stderr
    assert not (project / "fiscallint-baseline.json").exists()
    assert (project / "r.txt").read_text(encoding="utf-8") == BAD


def test_a_baseline_keeps_a_file_name_of_undecodable_bytes(project: Path) -> None:
    import os

    name = os.fsdecode(b"r\xff.txt")
    (project / "r.txt").rename(project / name)
    assert check("--write-baseline", "base.json", name).exit_code == 0
    result = check("--baseline", "base.json", name)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
