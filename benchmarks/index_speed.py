"""Facts-store benchmark: ``fiscallint index`` first run vs a second run over the unchanged folder.

Two folders: the development corpus (text and PDF, when ``../shared/corpus`` exists) and a
synthetic folder of the cross-report fixtures copied ``--copies`` times under distinct unit
names. For each: wall time of the first run into a new store (``-j 1`` and ``-j 0``, all cores),
then of a second run (every file unchanged: hashed, not parsed), and the ratio second / first;
whether two stores built with different ``-j`` hold the same rows; and what ``check --db`` (the
cross-report rules) adds to a ``check`` of the folder.

Writes the table into docs/facts.md between its benchmark markers (``--no-write`` to print only).
Usage: ``python benchmarks/index_speed.py [--copies N] [--no-write]``
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "across"
DOC = ROOT / "docs" / "facts.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


FISCALLINT = [sys.executable, "-m", "fiscallint"]


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def index(paths: list[Path], db: Path, jobs: int) -> float:
    return _timed([*FISCALLINT, "index", *map(str, paths), "--db", str(db), "-j", str(jobs)])


def rows(db: Path) -> list[str]:
    return sorted(sqlite3.connect(db).iterdump())


def synthetic(folder: Path, copies: int) -> Path:
    """The fixtures copied under distinct unit names (南屏市 → 南屏市第N区), so each copy is its own set."""
    for n in range(copies):
        for source in FIXTURES.glob("*.txt"):
            text = source.read_text(encoding="utf-8").replace("南屏市", f"南屏市第{n + 1}区")
            (folder / f"{n:03d}-{source.name}").write_text(text, encoding="utf-8")
    return folder


def check_cost(paths: list[Path], db: Path) -> str:
    """Wall time of ``fiscallint check`` on the folder without and with ``--db`` (the FL6xx rules)."""
    def check(*extra: str) -> float:
        start = time.perf_counter()
        subprocess.run([*FISCALLINT, "check", *map(str, paths), "-j", "1", *extra], capture_output=True)
        return time.perf_counter() - start

    without, with_db = check(), check("--db", str(db))
    return f"{without:.2f} s → {with_db:.2f} s ({with_db / without - 1:+.0%})"


def measure(name: str, paths: list[Path], work: Path) -> list[str]:
    files = sum(1 for p in paths for f in (p.rglob("*") if p.is_dir() else [p]) if f.is_file())
    lines = []
    one, all_ = work / f"{name}-j1.sqlite", work / f"{name}-j0.sqlite"
    first_serial = index(paths, one, 1)
    first_parallel = index(paths, all_, 0)
    second = min(index(paths, one, 1) for _ in range(3))
    same = rows(one) == rows(all_)
    lines.append(
        f"| {name} | {files} | {first_serial:.2f} s | {first_parallel:.2f} s | {second:.2f} s | "
        f"{second / first_serial:.1%} | {'yes' if same else 'NO'} | {check_cost(paths, one)} |"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    table = [
        "| folder | files | first run, -j 1 | first run, -j 0 (all cores) | second run (unchanged) | second / first | same rows for -j 1 and -j 0 | check -j 1 without → with --db |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if CORPUS.is_dir():
            table += measure("corpus (text + pdf)", [CORPUS / "text", CORPUS / "pdf"], work)
        folder = work / "synthetic"
        folder.mkdir()
        table += measure(f"fixtures × {args.copies}", [synthetic(folder, args.copies)], work)
    startup = min(_timed([*FISCALLINT, "--version"]) for _ in range(3))
    note = (
        f"Measured on {os.cpu_count()} CPU(s) shared with other work (`python benchmarks/index_speed.py --copies {args.copies}`); "
        f"the second run hashes every file and parses none; `fiscallint --version` alone takes {startup:.2f} s in the same run."
    )
    block = "\n".join([START, note, "", *table, END])
    print(block)
    if not args.no_write:
        text = DOC.read_text(encoding="utf-8")
        DOC.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S), encoding="utf-8")


if __name__ == "__main__":
    main()
