"""A third-party rule pack installed through the entry-point group shows up and fires;
a broken pack is reported on stderr and skipped, never fatal; the pack's own case files
(tests/plugin_cases) run through the public runner of ``fiscallint.testing``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fiscallint.testing import Case, case_params, check_case, load_cases
from tests.plugin_pack import BROKEN_PACK, TYPO_PACK, make_pack, subprocess_env, typo_pack  # noqa: F401 (fixture)


def fiscallint(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fiscallint", *args], capture_output=True, text=True, env=subprocess_env(site), cwd=cwd)


@pytest.mark.slow  # runs the command in a subprocess
def test_plugin_rule_is_listed_and_fires(tmp_path: Path) -> None:
    site = make_pack(tmp_path / "site", "xtpack", TYPO_PACK)
    listed = fiscallint(site, "rules", cwd=tmp_path)
    assert listed.returncode == 0
    assert any(line.startswith("XT101  account-spelling") for line in listed.stdout.splitlines())
    assert "FL204" in listed.stdout  # the built-in pack is still there
    (tmp_path / "r.txt").write_text("本单位银行帐户余额 10.00 万元。\n", encoding="utf-8")
    checked = fiscallint(site, "check", "--select", "XT", "r.txt", cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout == "r.txt:1:6: XT101 “帐户”应作“账户”\n"
    # a pack's code in a suppression comment is a known code: it silences, and FL002 is quiet
    (tmp_path / "r.txt").write_text("本单位银行帐户余额 10.00 万元。  # fiscallint: ignore XT101\n", encoding="utf-8")
    silenced = fiscallint(site, "check", "--select", "XT,FL002", "r.txt", cwd=tmp_path)
    assert (silenced.returncode, silenced.stdout) == (0, "")
    without = subprocess.run([sys.executable, "-m", "fiscallint", "check", "--select", "FL002", "r.txt"], capture_output=True, text=True, cwd=tmp_path)
    assert without.returncode == 1 and "FL002" in without.stdout and "“XT101”" in without.stdout  # pack not installed


@pytest.mark.slow  # runs the command in a subprocess
def test_broken_plugin_is_reported_not_fatal(tmp_path: Path) -> None:
    site = make_pack(tmp_path / "site", "xtpack", TYPO_PACK)
    make_pack(site, "brokenpack", BROKEN_PACK)
    listed = fiscallint(site, "rules", cwd=tmp_path)
    assert listed.returncode == 0
    assert "rule pack 'brokenpack' failed to load: this pack is broken on purpose" in listed.stderr
    assert "XT101" in listed.stdout and "FL204" in listed.stdout
    (tmp_path / "r.txt").write_text("本单位银行帐户余额 10.00 万元。\n", encoding="utf-8")
    checked = fiscallint(site, "check", "--select", "XT", "r.txt", cwd=tmp_path)
    assert checked.returncode == 1 and "XT101" in checked.stdout and "Traceback" not in checked.stderr


PLUGIN_CASES = Path(__file__).parent / "plugin_cases"


@pytest.mark.parametrize("case", case_params(PLUGIN_CASES))
def test_plugin_cases_run_through_the_public_runner(case: Case, typo_pack: Path) -> None:
    check_case(case)


def test_plugin_case_needs_its_pack_installed() -> None:
    failing = next(c for c in load_cases(PLUGIN_CASES / "XT101.toml") if c.expect_findings)
    with pytest.raises(AssertionError, match="rule XT101 is not installed"):
        check_case(failing)


def test_the_pack_scan_finds_a_third_party_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """importlib.metadata is skipped only when no distribution but fiscallint declares a pack."""
    from importlib.machinery import PathFinder

    from fiscallint.registry import _only_builtin_declared

    own = tmp_path / "own" / "fiscallint-0.1.dist-info"
    own.mkdir(parents=True)
    (own / "entry_points.txt").write_text("[fiscallint.rules]\nbuiltin = fiscallint.rules:load\n", encoding="utf-8")
    monkeypatch.setattr(sys, "meta_path", [PathFinder])
    monkeypatch.setattr(sys, "path", [str(own.parent)])
    assert _only_builtin_declared()
    monkeypatch.setattr(sys, "path", [str(make_pack(tmp_path / "site", "xtpack", TYPO_PACK)), str(own.parent)])
    assert not _only_builtin_declared()
    egg = tmp_path / "other.egg" / "EGG-INFO"
    egg.mkdir(parents=True)
    (egg / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[fiscallint.rules]\nmine=mine:rules\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(egg.parent), str(own.parent)])
    assert not _only_builtin_declared()
    (tmp_path / "packs.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # a zip on the path: cannot tell
    monkeypatch.setattr(sys, "path", [str(tmp_path / "packs.zip"), str(own.parent)])
    assert not _only_builtin_declared()
