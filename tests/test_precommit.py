"""The pre-commit hooks, run for real with ``pre-commit try-repo``.

try-repo needs the hook repository as a git repository with a commit: the working tree is
copied into a temporary repository and committed there (the checkout itself is not touched).
pre-commit then builds a virtualenv and pip-installs the project from that copy, which needs
the project's dependencies from the configured package index or wheel folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import BAD, GOOD

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, check=True, capture_output=True,
    )


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    return repo


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, home: Path, hook: str, work: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--files", *files],
        cwd=work, capture_output=True, text=True, env=env, timeout=900,
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "fiscallint.toml").write_text('select = ["FL204"]\n', encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def test_check_hook_fails_on_an_error_and_passes_a_clean_report(hook_repo: Path, home: Path, work: Path) -> None:
    failed = try_repo(hook_repo, home, "fiscallint", work, "bad.txt")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "bad.txt:4:4: FL204 合计第1栏 300.00 与各类之和不符" in failed.stdout
    passed = try_repo(hook_repo, home, "fiscallint", work, "good.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_fix_hook_runs(hook_repo: Path, home: Path, work: Path) -> None:
    result = try_repo(hook_repo, home, "fiscallint-fix", work, "good.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (work / "good.txt").read_text(encoding="utf-8") == GOOD
