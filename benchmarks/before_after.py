"""Before/after benchmark of the short runs, in one run, as ratios over baseline commands.

Commands (each a fresh process; ``python -m fiscallint`` from a source tree given on
PYTHONPATH, run from an empty folder so that no other tree shadows it):

- baselines: ``python -c pass`` (interpreter start), ``python -c 'import lark'`` (the floor of
  any Lark-based linter), ``pdf2txt.py PDF`` (pdfminer's text extraction);
- ``fiscallint --version``, ``fiscallint check TEXT`` and ``fiscallint check PDF`` (PDFium), for
  the working tree ("after") and, with ``--before REF``, for that commit ("before", exported
  with ``git archive`` into a temporary folder).

The commands take turns for ``--rounds`` rounds, so that other work on the machine slows all
of them alike; each keeps its minimum and median wall time, minimum CPU time (user + system,
children included, from os.wait4) and peak RSS. Bytecode is compiled first for both trees
(as after ``pip install``). TEXT defaults to the largest corpus text, PDF to the corpus PDF
of the most pages (``../shared/corpus``).

Usage: ``python benchmarks/before_after.py [--before REF] [--rounds 15] [--write]``
(``--write`` replaces the before/after section of docs/performance.md).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from linearity import write_section
from pdf_speed import CORPUS, ROOT, run

TEXTS = ROOT.parent / "shared" / "corpus" / "text"
TARGETS = {"version": 0.15, "text": 0.3, "pdf": 0.3}
"""Issue 12's targets: seconds for --version and the text check, a ratio over pdf2txt.py for the PDF."""


def export(ref: str, folder: Path) -> Path:
    """The tree of commit ``ref`` in ``folder``, laid out like the installed package."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    for name in ("rules", "grammar"):  # pyproject.toml maps them to fiscallint.rules, fiscallint.grammar
        (folder / "fiscallint" / name).symlink_to(folder / name, target_is_directory=True)
    return folder


def compiled(tree: Path) -> Path:
    for name in ("fiscallint", "rules"):
        compileall.compile_dir(tree / name, quiet=1)
    return tree


def source_trees(before: str | None, scratch: Path) -> dict[str, Path]:
    """The working tree ("after") and, given a ref, that commit's tree ("before", exported into
    ``scratch``), both byte-compiled."""
    trees = {"after": compiled(ROOT)}
    if before:
        (scratch / "before").mkdir()
        trees = {"before": compiled(export(before, scratch / "before")), **trees}
    return trees


Commands = dict[str, tuple[list[str], dict[str, str]]]


def take_turns(cmds: Commands, rounds: int, scratch: Path) -> dict[str, list[tuple[float, float, float]]]:
    """(wall, CPU, peak RSS) of each command in each round, the commands taking turns, run from
    an empty folder in ``scratch`` (so that no other tree shadows the one on PYTHONPATH)."""
    (scratch / "run").mkdir()
    runs: dict[str, list[tuple[float, float, float]]] = {what: [] for what in cmds}
    for _ in range(rounds):
        for what, (cmd, env) in cmds.items():
            runs[what].append(run(cmd, scratch / "run", env))
    return runs


def commands(trees: dict[str, Path], text: Path, pdf: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    python = sys.executable
    pdf2txt = shutil.which("pdf2txt.py", path=str(Path(python).parent)) or shutil.which("pdf2txt.py") or "pdf2txt.py"
    plain = dict(os.environ)
    out = {
        "python -c pass": ([python, "-c", "pass"], plain),
        "python -c 'import lark'": ([python, "-c", "import lark"], plain),
        f"pdf2txt.py {pdf.name}": ([python, pdf2txt, str(pdf), "-o", os.devnull], plain),
    }
    for label, tree in trees.items():
        env = {**plain, "PYTHONPATH": str(tree)}
        fiscallint = [python, "-m", "fiscallint"]
        out[f"fiscallint --version ({label})"] = ([*fiscallint, "--version"], env)
        out[f"fiscallint check {text.name} ({label})"] = ([*fiscallint, "check", "--exit-zero", str(text)], env)
        out[f"fiscallint check {pdf.name} ({label})"] = ([*fiscallint, "check", "--exit-zero", str(pdf)], env)
    return out


def table(runs: dict[str, list[tuple[float, float, float]]], text: Path, pdf: Path) -> str:
    """Markdown rows: wall min/median, CPU min, RSS, and the ratio each command is judged by."""
    wall = {what: min(w for w, _, _ in measured) for what, measured in runs.items()}
    cpu = {what: min(c for _, c, _ in measured) for what, measured in runs.items()}
    bases = {"version": "python -c pass", "text": "python -c 'import lark'", "pdf": f"pdf2txt.py {pdf.name}"}
    rows = [
        "| command | wall min s | wall median s | CPU min s | peak RSS MB | ratio (wall min, CPU min) | over | target |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for what, measured in runs.items():
        kind = "version" if "--version" in what else "pdf" if what.startswith(f"fiscallint check {pdf.name}") else (
            "text" if what.startswith(f"fiscallint check {text.name}") else None)
        ratio = over = target = ""
        if kind is not None:
            base = bases[kind]
            ratio = f"{wall[what] / wall[base]:.2f}×, {cpu[what] / cpu[base]:.2f}×"
            over = f"`{base}`"
            target = f"≤ {TARGETS[kind]:g}×" if kind == "pdf" else f"≤ {TARGETS[kind]:g} s"
        median = statistics.median(w for w, _, _ in measured)
        peak = max(m for _, _, m in measured)
        rows.append(f"| `{what}` | {wall[what]:.3f} | {median:.3f} | {cpu[what]:.3f} | {peak:.0f} | {ratio} | {over} | {target} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a commit to compare with (git ref)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--text", type=Path, help="the text report (default: the largest corpus text)")
    parser.add_argument("--pdf", type=Path, help="the PDF report (default: the corpus PDF of the most bytes)")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    texts = sorted(TEXTS.glob("*.txt"), key=lambda p: p.stat().st_size) if TEXTS.is_dir() else []
    pdfs = sorted(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    text, pdf = args.text or (texts[-1] if texts else None), args.pdf or (pdfs[-1] if pdfs else None)
    if text is None or pdf is None:
        print("no corpus: give --text and --pdf", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as name:
        scratch = Path(name)
        cmds = commands(source_trees(args.before, scratch), text.resolve(), pdf.resolve())
        runs = take_turns(cmds, args.rounds, scratch)
    load = os.getloadavg()
    before = f" and at `{args.before}` (before)" if args.before else ""
    section = (
        "## Before and after: `python benchmarks/before_after.py"
        + (f" --before {args.before}" if args.before else "") + f" --rounds {args.rounds} --write`\n\n"
        f"The working tree (after){before}, in one run: {args.rounds} rounds, the commands taking turns; "
        f"{os.cpu_count()} cores shared with other work (load average {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} "
        "at the end), so the minimum wall time and the minimum CPU time are the steadier figures and every "
        "command is judged by its ratio over a baseline command of the same run.\n\n" + table(runs, text, pdf) + "\n"
    )
    print(section)
    if args.write:
        write_section(section, "before-after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
