"""``fiscallint --version`` and ``--help`` stay light: they import neither the PDF stack, the LSP
server, rich, nor the lint pipeline and Lark; a text lint imports no PDF engine, and without a
store or a third-party rule pack neither the store's code (sqlite3) nor importlib.metadata.

A module check in a fresh interpreter, not a timing (timings are in docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # each test starts an interpreter

HEAVY = ("pdfminer", "pdfplumber", "pypdfium2", "pygls", "lsprotocol", "rich", "lark", "fiscallint.pipeline", "fiscallint.engine", "fiscallint.parser")
PDF_STACK = {"pdfminer", "pdfplumber", "pypdfium2"}

PROBE = """
import contextlib, io, json, sys
from fiscallint.cli import main
sys.argv = ["fiscallint", sys.argv[1]]
out, code = io.StringIO(), None
with contextlib.redirect_stdout(out):
    try:
        main()
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize(("option", "says"), [("--version", "fiscallint"), ("--help", "Usage:")])
def test_version_and_help_import_no_heavy_module(option: str, says: str) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, option], capture_output=True, text=True, check=True)
    probe = json.loads(result.stdout)
    assert probe["code"] in (0, None) and probe["out"].startswith(says)
    loaded = {m for m in HEAVY if any(name == m or name.startswith(m + ".") for name in probe["modules"])}
    assert not loaded, f"`fiscallint {option}` imported {sorted(loaded)}"


def test_version_command_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "fiscallint", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "fiscallint" in result.stdout


LINT_TEXT = """
import json, sys
from pathlib import Path
from fiscallint.config import Config
from fiscallint.pipeline import Overrides, lint_file
lint_file(sys.argv[1], Config(root=Path(".")), Overrides())
print(json.dumps(sorted(sys.modules)))
"""


def test_linting_text_imports_no_pdf_engine(tmp_path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("一、收入支出决算总体情况说明\n2024年度收入总计100.00万元。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", LINT_TEXT, str(report)], capture_output=True, text=True, check=True)
    modules = set(json.loads(result.stdout))
    assert not {m.split(".")[0] for m in modules} & PDF_STACK
    assert not modules & {"sqlite3", "fiscallint.across.store", "importlib.metadata"}
