"""Time extract_pdf against pdfminer's pdf2txt.py on the corpus PDFs.

Each run is a fresh subprocess (imports included); wall time is the best of --repeat runs,
peak RSS comes from os.wait4 for that child. Usage: python benchmarks/pdf_speed.py [PDF ...]
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
EXTRACT = "import sys; from fiscallint.pdf import extract_pdf; extract_pdf(sys.argv[1])"
COUNT = "import sys; from fiscallint.pdf import extract_pdf; print(extract_pdf(sys.argv[1]).page_count)"


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024  # Linux reports KiB


def best(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [run(cmd) for _ in range(repeat)]
    return min(w for w, _ in runs), max(m for _, m in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs given and none in {CORPUS}")
    pdf2txt = shutil.which("pdf2txt.py") or str(Path(sys.executable).with_name("pdf2txt.py"))
    print(f"{'file':36} {'pages':>5} {'extract s':>9} {'pdf2txt s':>9} {'ratio':>5} "
          f"{'extract MB':>10} {'pdf2txt MB':>10}")
    for pdf in pdfs:
        # never import pdfminer here: a forked child's peak RSS includes the parent's pages
        pages = int(subprocess.check_output([sys.executable, "-c", COUNT, str(pdf)], cwd=ROOT))
        ours, our_mb = best([sys.executable, "-c", EXTRACT, str(pdf)], args.repeat)
        ref, ref_mb = best(
            [sys.executable, pdf2txt, str(pdf), "-o", os.devnull], args.repeat
        )
        print(f"{pdf.name:36} {pages:5d} {ours:9.2f} {ref:9.2f} {ours / ref:5.2f} "
              f"{our_mb:10.1f} {ref_mb:10.1f}")


if __name__ == "__main__":
    main()
