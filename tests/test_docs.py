"""docs/rules.md is generated from the registry and must be fresh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_fresh() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "generate.py"), "--check"], capture_output=True)
    assert result.returncode == 0, "docs/rules.md is stale: run `python docs/generate.py`"


def test_readme_example_output_is_what_the_linter_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("On `docs/example.txt`:\n\n```\n", 1)[1].split("```", 1)[0]
    result = subprocess.run(
        [sys.executable, "-m", "fiscallint", "check", "docs/example.txt"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == block
