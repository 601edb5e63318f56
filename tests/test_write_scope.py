"""Writes stay inside the project: a configured baseline path must resolve inside the
configuration's folder, or the configuration is refused before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from fiscallint.config import discover
from fiscallint.errors import ConfigError

SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "r.txt").write_text(SHARE, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def configure(root: Path, baseline: str) -> None:
    (root / "fiscallint.toml").write_text(f'select = ["FL101"]\nbaseline = "{baseline}"\n', encoding="utf-8")


@pytest.mark.parametrize("baseline", ["../outside/b.json", "/tmp/fiscallint-elsewhere/b.json", "sub/../../b.json", "."])
def test_baseline_outside_the_project_is_refused(project: Path, baseline: str) -> None:
    configure(project, baseline)
    with pytest.raises(ConfigError, match="outside the configuration's folder"):
        discover(project)
    result = CliRunner().invoke(main, ["check", "--write-baseline", "--", "r.txt"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "outside" in result.stderr
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]
    assert not Path("/tmp/fiscallint-elsewhere").exists()


def test_baseline_through_a_symlink_leaving_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (project / "link").symlink_to(tmp_path / "elsewhere")
    configure(project, "link/b.json")
    result = CliRunner().invoke(main, ["check", "--write-baseline", "--", "r.txt"])
    assert result.exit_code == 2 and "outside" in result.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_baseline_in_a_subfolder_is_written(project: Path) -> None:
    configure(project, "ci/baseline.json")
    result = CliRunner().invoke(main, ["check", "--write-baseline", "--", "r.txt"])
    assert result.exit_code == 0, result.output
    assert (project / "ci" / "baseline.json").is_file()
    assert CliRunner().invoke(main, ["check", "r.txt"]).exit_code == 0  # the baseline covers the finding
