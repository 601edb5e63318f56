"""The pre-commit hooks pass every report file the folder walk would lint, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from fiscallint.cli import INPUT_SUFFIXES

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"


def test_each_hook_takes_the_suffixes_check_lints() -> None:
    patterns = re.findall(r"^\s*files:\s*(\S+)\s*$", HOOKS.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(patterns) == 2
    for pattern in patterns:
        for suffix in INPUT_SUFFIXES:
            assert re.search(pattern, f"reports/单位 报告{suffix}") and re.search(pattern, f"R{suffix.upper()}"), (pattern, suffix)
        for other in ("report.docx", "report.json", "notes.txt.bak", "fiscallint.toml"):
            assert not re.search(pattern, other), (pattern, other)
