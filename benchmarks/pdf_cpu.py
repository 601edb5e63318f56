"""CPU and wall time of a whole ``fiscallint check`` of a PDF against pdfminer's ``pdf2txt.py``,
idle or beside a CPU-burning process, before and after a change, in one run.

Commands (each a fresh process, taking turns for ``--rounds`` rounds so that other work slows
all of them alike): ``pdf2txt.py PDF``, and ``python -m fiscallint check PDF`` (PDFium, and with
``--engines both`` pdfminer too) for the working tree and, with ``--before REF``, for that commit
(exported and byte-compiled as benchmarks/before_after.py does). With ``--busy``, a process
spinning ``while 1: pass`` runs throughout (on a machine of two cores it takes one, as other
work would) and is stopped at the end. Reports, per command, the median and the spread (min–max)
of the wall time and of the CPU time (user + system, the reader processes included, from
os.wait4), the peak RSS, and the ratios of the medians over pdf2txt.py's in the same run.

Usage: ``python benchmarks/pdf_cpu.py [--before REF] [--rounds 11] [--busy] [--write]``
(``--write`` replaces the section ``pdf-cpu-idle`` or ``pdf-cpu-busy`` of docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from before_after import Commands, source_trees, take_turns
from linearity import write_section
from pdf_speed import CORPUS


def commands(trees: dict[str, Path], pdf: Path, engines: list[str]) -> Commands:
    python = sys.executable
    pdf2txt = shutil.which("pdf2txt.py", path=str(Path(python).parent)) or shutil.which("pdf2txt.py") or "pdf2txt.py"
    out = {"pdf2txt.py": ([python, pdf2txt, str(pdf), "-o", os.devnull], dict(os.environ))}
    for label, tree in trees.items():
        env = {**os.environ, "PYTHONPATH": str(tree)}
        for engine in engines:
            check = [python, "-m", "fiscallint", "check", "--exit-zero", "--pdf-engine", engine, str(pdf)]
            out[f"check, {engine} ({label})"] = (check, env)
    return out


def table(runs: dict[str, list[tuple[float, float, float]]]) -> str:
    base_wall = statistics.median(w for w, _, _ in runs["pdf2txt.py"])
    base_cpu = statistics.median(c for _, c, _ in runs["pdf2txt.py"])
    rows = [
        "| command | wall median s (min–max) | / pdf2txt.py | CPU median s (min–max) | / pdf2txt.py | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for what, measured in runs.items():
        walls, cpus = sorted(w for w, _, _ in measured), sorted(c for _, c, _ in measured)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        rows.append(
            f"| {what} | {wall:.3f} ({walls[0]:.3f}–{walls[-1]:.3f}) | {wall / base_wall:.2f} | "
            f"{cpu:.3f} ({cpus[0]:.3f}–{cpus[-1]:.3f}) | {cpu / base_cpu:.2f} | {max(m for _, _, m in measured):.0f} |"
        )
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a commit to compare with (git ref)")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--pdf", type=Path, help="the PDF (default: the corpus PDF of the most bytes)")
    parser.add_argument("--engines", choices=["pdfium", "both"], default="pdfium")
    parser.add_argument("--busy", action="store_true", help="run beside a process burning one core")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    pdfs = sorted(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size) if CORPUS.is_dir() else []
    pdf = args.pdf or (pdfs[-1] if pdfs else None)
    if pdf is None:
        print("no corpus: give --pdf", file=sys.stderr)
        return 2
    engines = ["pdfium", "pdfminer"] if args.engines == "both" else ["pdfium"]
    burner = subprocess.Popen([sys.executable, "-c", "while 1: pass"]) if args.busy else None
    try:
        with tempfile.TemporaryDirectory() as name:
            cmds = commands(source_trees(args.before, Path(name)), pdf.resolve(), engines)
            start_load = os.getloadavg()
            runs = take_turns(cmds, args.rounds, Path(name))
            end_load = os.getloadavg()
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()
    mode = "busy" if args.busy else "idle"
    section = (
        f"## PDF check, {'beside a CPU-burning process' if args.busy else 'no extra load'}: "
        f"`python benchmarks/pdf_cpu.py{' --before ' + args.before if args.before else ''} --rounds {args.rounds}"
        f"{' --engines both' if args.engines == 'both' else ''}{' --busy' if args.busy else ''} --write`\n\n"
        f"{pdf.name}, {args.rounds} rounds, the commands taking turns; {os.cpu_count()} cores"
        f"{', one of them taken by a process spinning `while 1: pass`' if args.busy else ''}; load average "
        f"{start_load[0]:.1f} at the start, {end_load[0]:.1f} at the end (other work shares this machine). "
        "Medians with the spread (min–max); ratios are of medians over `pdf2txt.py`'s in the same run.\n\n"
        + table(runs) + "\n"
    )
    print(section)
    if args.write:
        write_section(section, f"pdf-cpu-{mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
