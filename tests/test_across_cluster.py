"""Indexing on a local Dask cluster writes the same store as the single-machine run."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main

pytestmark = pytest.mark.slow

pytest.importorskip("distributed")
FIXTURES = Path(__file__).parent / "fixtures" / "across"


def test_local_cluster_writes_the_same_store(tmp_path: Path) -> None:
    on_cluster, single = tmp_path / "cluster.sqlite", tmp_path / "single.sqlite"
    cluster = CliRunner().invoke(main, ["index", str(FIXTURES), "--db", str(on_cluster), "--dask", "-j", "1"])
    assert cluster.exit_code == 0, cluster.output
    assert "indexed 5, unchanged 0, removed 0, failed 0" in cluster.output
    assert CliRunner().invoke(main, ["index", str(FIXTURES), "--db", str(single), "-j", "1"]).exit_code == 0
    assert list(sqlite3.connect(on_cluster).iterdump()) == list(sqlite3.connect(single).iterdump())
