"""``fiscallint --version`` stays light: it must not import the PDF stack, the LSP server or rich.

A module check in a fresh interpreter, not a timing (timings are in docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pdfminer", "pdfplumber", "pygls", "lsprotocol", "rich")

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
