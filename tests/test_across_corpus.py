"""The cross-report rules over the whole development corpus (skips without ../shared/corpus).

Most corpus reports are unrelated; the only unit with several reports is one district's culture
and tourism bureau (final account 2025, budget 2026 in two extractions). docs/corpus-findings-across.md
lists what is matched and compared; every comparison agrees, so no finding is kept. An error
injected into a copy (a figure found through the parsed facts, never by its text) must be found.
"""

from __future__ import annotations

import re

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.across.figures import figures
from fiscallint.across.identity import identify
from fiscallint.across.index import read_report
from fiscallint.cli import main

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (CORPUS / "text").is_dir(), reason="the shared corpus is not available")]


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def index_and_check(folders: list[Path], db: Path) -> list[str]:
    assert invoke("index", *map(str, folders), "--db", str(db), "-j", "1").exit_code == 0
    checked = invoke("check", *map(str, folders), "--db", str(db), "--select", "FL6")
    assert checked.exit_code in (0, 1), checked.output
    return [line for line in checked.output.splitlines() if ": FL6" in line]


def test_whole_corpus_matches_one_unit_and_keeps_no_finding(tmp_path: Path) -> None:
    db = tmp_path / "facts.sqlite"
    assert index_and_check([CORPUS / "text", CORPUS / "pdf"], db) == []
    listed = invoke("index", "--db", str(db), "--list").output
    assert listed.rstrip().endswith("12 report(s); 3 same-unit pair(s), 0 unit–department pair(s)")


def test_an_injected_prior_year_error_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "text"
    shutil.copytree(CORPUS / "text", folder)
    finals = []
    for path in sorted(folder.glob("*")):
        report = read_report(str(path))
        identity = identify(report)
        if identity.kind == "final":
            finals += [(path, f) for f in figures(report, identity) if f.basis == "budget" and f.measure == "gp_exp" and f.code == "合计"]
    assert finals, "no final account states its 一般公共预算 年初预算"
    path, figure = finals[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    line = lines[figure.line - 1]
    start = figure.column - 1
    end = start + len(f"{figure.value}")
    assert Decimal(line[start:end]) == figure.value
    lines[figure.line - 1] = line[:start] + f"{figure.value + 100}" + line[end:]
    path.write_text("\n".join(lines), encoding="utf-8")
    found = index_and_check([folder], tmp_path / "facts.sqlite")
    place = re.compile(rf"{re.escape(path.name)}:(page \d+:)?{figure.line}:")  # pages where the text has form feeds
    assert found and all("FL602" in f and place.search(f) and "= -100.00" in f for f in found), found
