"""Rendered output is pinned by reviewed snapshots: each fixture report in every format.

``FISCALLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_output_snapshots.py`` rewrites the snapshots
(tests/snapshots/<report>.<format>); review the diff before committing it. A format change shows
up here as a diff of whole outputs, never as a hand-maintained expected string.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).parent / "snapshots"
REPORTS = ["docs/example.txt", "tests/snapshots/planted-final-2024.txt"]
FORMATS = {"text": ["--show-source"], "json": [], "sarif": [], "html": [], "github": [], "junit": []}
EMBEDDED_RE = re.compile(r"(<(style|script)>)(.*?)(</\2>)", re.S)


def pinned(output: str) -> str:
    """The output as snapshotted: the stylesheet and script an HTML report embeds from
    fiscallint/formatters/templates are pinned by their digest, not copied."""
    return EMBEDDED_RE.sub(lambda m: f"{m[1]}sha256:{hashlib.sha256(m[3].encode()).hexdigest()[:16]}{m[4]}", output)



@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("report", REPORTS, ids=[Path(r).stem for r in REPORTS])
def test_rendered_output_matches_its_snapshot(report: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--format", fmt, *FORMATS[fmt], report])
    assert result.exit_code == 1, result.output
    snapshot = SNAPSHOTS / f"{Path(report).stem}.{fmt}"
    if os.environ.get("FISCALLINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(pinned(result.stdout), encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with FISCALLINT_UPDATE_SNAPSHOTS=1 and review it"
    assert pinned(result.stdout) == snapshot.read_text(encoding="utf-8"), f"{snapshot.name} differs: review, then update with FISCALLINT_UPDATE_SNAPSHOTS=1"
