"""docs/rules.md is generated from the registry and must be fresh; the README's example output
is what the linter prints (both in process: the command itself is exercised in test_cli)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_rules_doc_is_fresh() -> None:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    assert generate.is_fresh(), "docs/rules.md is stale: run `python docs/generate.py`"


def test_readme_example_output_is_what_the_linter_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("On `docs/example.txt`:\n\n```\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "docs/example.txt"])
    assert result.exit_code == 1
    assert result.stdout == block
