"""Time PDF reading against pdfminer's pdf2txt.py, all in one run, on the corpus PDFs.

Rows per PDF: pdf2txt.py (the baseline), extract_pdf with each engine, and a whole
``fiscallint check`` with each engine. Each run is a fresh subprocess (imports included); the
commands take turns (round robin, --repeat rounds) so that load from other work on the machine
falls on all of them alike, and each keeps its best wall time. CPU time (user + system, the
forked readers included) and peak RSS (of the largest process) come from os.wait4. Ratios are
over pdf2txt.py's. fiscallint's modules are byte-compiled first, as an installed package's are
(pdfminer's are, in site-packages): a run with PYTHONDONTWRITEBYTECODE set would otherwise
compile them on every start. Prints a Markdown table (docs/performance.md, "PDF engines").
Usage: python benchmarks/pdf_speed.py [--repeat N] [PDF ...]
"""

from __future__ import annotations

import argparse
import compileall
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


def run(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one child process (exit 0 or 1 accepted)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs given and none in {CORPUS}")
    for package in ("fiscallint", "rules"):
        compileall.compile_dir(ROOT / package, quiet=1)
    bindir = Path(sys.executable).parent
    pdf2txt = shutil.which("pdf2txt.py", path=str(bindir)) or shutil.which("pdf2txt.py")
    fiscallint = [sys.executable, "-m", "fiscallint", "check", "--exit-zero"]
    print("| file | pages | command | wall s | / pdf2txt.py | CPU s | / pdf2txt.py | peak RSS MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
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
        runs: dict[str, list[tuple[float, float, float]]] = {what: [] for what in commands}
        for _ in range(args.repeat):
            for what, cmd in commands.items():
                runs[what].append(run(cmd))
        base_wall = min(w for w, _, _ in runs["pdf2txt.py"])
        base_cpu = min(c for _, c, _ in runs["pdf2txt.py"])
        for what, measured in runs.items():
            wall = min(w for w, _, _ in measured)
            cpu = min(c for _, c, _ in measured)
            peak = max(m for _, _, m in measured)
            print(f"| {pdf.name} | {pages} | {what} | {wall:.3f} | {wall / base_wall:.2f} | "
                  f"{cpu:.3f} | {cpu / base_cpu:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
