"""``fiscallint --version`` stays light: it must not import the PDF stack, the LSP server or rich.

A module check in a fresh interpreter, not a timing (timings are in docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # each test starts an interpreter

HEAVY = ("pdfminer", "pdfplumber", "pypdfium2", "pygls", "lsprotocol", "rich")
PDF_STACK = {"pdfminer", "pdfplumber", "pypdfium2"}

PROBE = """
import contextlib, io, json, sys
from fiscallint.cli import main
sys.argv = ["fiscallint", "--version"]
out, code = io.StringIO(), None
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_version_imports_no_heavy_module() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    probe = json.loads(result.stdout)
    assert probe["code"] in (0, None) and probe["out"].startswith("fiscallint")
    loaded = set(probe["modules"]) & set(HEAVY)
    assert not loaded, f"`fiscallint --version` imported {sorted(loaded)}"


def test_version_command_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "fiscallint", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "fiscallint" in result.stdout


LINT_TEXT = """
import json, sys
from pathlib import Path
from fiscallint.config import Config
from fiscallint.pipeline import Overrides, lint_file
lint_file(sys.argv[1], Config(root=Path(".")), Overrides())
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_linting_text_imports_no_pdf_engine(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("一、收入支出决算总体情况说明\n2024年度收入总计100.00万元。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", LINT_TEXT, str(report)], capture_output=True, text=True, check=True)
    assert not set(json.loads(result.stdout)) & PDF_STACK
