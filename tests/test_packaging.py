"""The wheel ships the grammars and the rule pack and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("fiscallint-*.whl"))


def test_wheel_contains_grammars_and_rules(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fiscallint/grammar/document.lark" in names
    assert "fiscallint/grammar/claims.lark" in names
    assert any(n.startswith("fiscallint/rules/fl") for n in names)
    assert {"fiscallint/formatters/templates/report.html.j2", "fiscallint/formatters/templates/report.css", "fiscallint/formatters/templates/report.js"} <= names
    assert "fiscallint/across/store.py" in names
    assert not any(n.startswith("rules/") or n.startswith("grammar/") for n in names), "no top-level rules/grammar package"


def test_unpacked_wheel_lints_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    report = tmp_path / "r.txt"
    report.write_text("公开03表\n单位：万元\n科目编码 科目名称 本年支出合计\n合计 300.00\n201 一般公共服务支出 120.00\n208 社会保障和就业支出 100.00\n", encoding="utf-8")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import fiscallint, fiscallint.cli; "
        "assert fiscallint.__file__.startswith(sys.argv[1]), fiscallint.__file__; "
        "sys.argv = ['fiscallint', 'check', sys.argv[2]]; fiscallint.cli.main()"
    )
    result = subprocess.run([sys.executable, "-I", "-c", code, str(site), str(report)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "FL204" in result.stdout
