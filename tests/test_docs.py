"""docs/rules.md is generated from the registry and must be fresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_fresh() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "generate.py"), "--check"], capture_output=True)
    assert result.returncode == 0, "docs/rules.md is stale: run `python docs/generate.py`"
