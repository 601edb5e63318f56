"""Start-up benchmark: whole-process times of short runs, measured with hyperfine.

Commands, all in the same run: ``fiscallint --version``; a bare ``python -c 'import lark'`` (the
floor any Lark-based linter pays); ``fiscallint check`` on the largest corpus text with the
grammar cache warm, and with it turned off (``FISCALLINT_NO_CACHE=1``: both grammars analysed
anew, as before the cache). hyperfine (``apt install hyperfine``) reports wall time and the
CPU time of the process (user + system), which is the steadier figure on a shared machine.
Python files must have their bytecode compiled (as after ``pip install``); the script compiles
them first.

Usage: ``python benchmarks/startup.py [--runs N] [--write]`` (``--write`` replaces the
start-up section of docs/performance.md).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from linearity import write_section

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT.parent / "shared" / "corpus" / "text" / "wuhan-foreign-affairs-2023.txt"
BIN = Path(sys.executable).parent


def commands() -> list[tuple[str, str]]:
    """(label, shell command) pairs; the check commands only when the corpus text is present."""
    fiscallint, python = BIN / "fiscallint", BIN / "python"
    out = [("fiscallint --version", f"{fiscallint} --version"), ("python -c 'import lark'", f"{python} -c 'import lark'")]
    if TEXT.is_file():
        out += [
            (f"fiscallint check {TEXT.name} (grammar cache warm)", f"{fiscallint} check {TEXT}"),
            (f"fiscallint check {TEXT.name} (FISCALLINT_NO_CACHE=1)", f"env FISCALLINT_NO_CACHE=1 {fiscallint} check {TEXT}"),
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    if shutil.which("hyperfine") is None:
        print("hyperfine is not installed (apt install hyperfine)", file=sys.stderr)
        return 2
    compileall.compile_dir(ROOT / "fiscallint", quiet=1)
    compileall.compile_dir(ROOT / "rules", quiet=1)
    pairs = commands()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "hyperfine.json"
        subprocess.run(
            ["hyperfine", "-N", "-i", "-w", "3", "-r", str(args.runs), "--export-json", str(report), *[c for _, c in pairs]],
            check=True, stdout=subprocess.DEVNULL,
        )
        results = json.loads(report.read_text(encoding="utf-8"))["results"]
    rows = ["| command | wall mean ms | wall min ms | CPU (user + sys) ms |", "|---|---:|---:|---:|"]
    for (label, _), r in zip(pairs, results):
        rows.append(f"| `{label}` | {r['mean'] * 1000:.0f} | {r['min'] * 1000:.0f} | {(r['user'] + r['system']) * 1000:.0f} |")
    load = os.getloadavg()[0]
    text = (
        "## Start-up: `python benchmarks/startup.py --write` (hyperfine)\n\n"
        f"{args.runs} runs each after 3 warm-ups, same run, {os.cpu_count()} cores, load average {load:.1f} while "
        "measuring (the cores were shared; the CPU column is the steadier figure).\n\n" + "\n".join(rows) + "\n\n"
    )
    print(text)
    if args.write:
        write_section(text, "startup")
    return 0


if __name__ == "__main__":
    sys.exit(main())
