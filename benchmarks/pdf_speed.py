"""Time PDF reading against pdfminer's pdf2txt.py, all in one run, on the corpus PDFs.

Rows per PDF: pdf2txt.py (the baseline), extract_pdf with each engine, and a whole
``fiscallint check`` with each engine. Each run is a fresh subprocess (imports included);
wall time is the best of --repeat runs; peak RSS comes from os.wait4 for that child (it
covers the child's own forked reader too). The ratio is wall time over pdf2txt.py's.
Prints a Markdown table (docs/performance.md, "PDF engines").
Usage: python benchmarks/pdf_speed.py [--repeat N] [PDF ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"
EXTRACT = "import sys; from fiscallint.pdf import extract_pdf; extract_pdf(sys.argv[1], engine=sys.argv[2])"
COUNT = "import sys; from fiscallint.pdf import extract_pdf; print(extract_pdf(sys.argv[1]).page_count)"


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process (exit 0 or 1 accepted)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def best(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [run(cmd) for _ in range(repeat)]
    return min(w for w, _ in runs), max(m for _, m in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs given and none in {CORPUS}")
    bindir = Path(sys.executable).parent
    pdf2txt = shutil.which("pdf2txt.py", path=str(bindir)) or shutil.which("pdf2txt.py")
    fiscallint = [sys.executable, "-m", "fiscallint", "check", "--exit-zero"]
    print("| file | pages | command | wall s | / pdf2txt.py | peak RSS MB |")
    print("|---|---:|---|---:|---:|---:|")
    for pdf in pdfs:
        # never import a PDF library here: a forked child's peak RSS includes the parent's pages
        pages = int(subprocess.check_output([sys.executable, "-c", COUNT, str(pdf)], cwd=ROOT))
        commands = {
            "pdf2txt.py": [sys.executable, str(pdf2txt), str(pdf), "-o", os.devnull],
            "extract_pdf, pdfminer engine": [sys.executable, "-c", EXTRACT, str(pdf), "pdfminer"],
            "extract_pdf, PDFium engine": [sys.executable, "-c", EXTRACT, str(pdf), "pdfium"],
            "fiscallint check, pdfminer": [*fiscallint, "--pdf-engine", "pdfminer", str(pdf)],
            "fiscallint check, PDFium": [*fiscallint, "--pdf-engine", "pdfium", str(pdf)],
        }
        base = None
        for what, cmd in commands.items():
            wall, peak = best(cmd, args.repeat)
            base = base or wall
            print(f"| {pdf.name} | {pages} | {what} | {wall:.3f} | {wall / base:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
