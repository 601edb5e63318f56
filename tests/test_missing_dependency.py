"""A missing dependency ends a command with one line and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts an interpreter


def test_missing_lark_is_one_line(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、说明\n本年支出合计 100.00 万元。\n", encoding="utf-8")
    code = "import sys; sys.modules['lark'] = None; from fiscallint.cli import main; main(['check', sys.argv[1]])"
    result = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["fiscallint: error: missing dependency 'lark'; reinstall fiscallint (pip install fiscallint)"]
