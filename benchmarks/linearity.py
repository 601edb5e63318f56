"""Linearity benchmark: lint generated documents of growing size and show time and memory per unit.

Shapes (all generated here, nothing is read from the corpus):

- ``report``: the project's own fixture report repeated (headings, paragraphs, tables, findings);
- ``share-line``: one line of share claims (``…占本年支出 80%；`` repeated);
- ``short-lines``: one short line per row (``a1``), at an eighth of each size (the line bound);
- ``tsv``: a tab-separated table with one row per line.

Each (shape, size) runs in a fresh process: the whole per-file lint (read, parse, rules,
fingerprints) is timed in-process, peak RSS comes from ``getrusage``. Time per MB and per
10k lines should stay flat as the size grows; memory per MB of input is the per-document
constant stated in docs/security.md.

Usage: ``python benchmarks/linearity.py [--sizes 0.5,1,2,4] [--shapes report,tsv] [--write]``
(``--write`` replaces the linearity section of docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC_PATH = ROOT / "docs" / "performance.md"
FIXTURE = ROOT / "tests" / "fixtures" / "budget-water-2025.txt"
SCALE = {"short-lines": 0.125}  # short lines hit the line bound first: an eighth of the size

CHILD = """
import json, resource, sys, time
from fiscallint.config import Config
from fiscallint.parser.document import document_parser
from fiscallint.pipeline import Overrides, lint_file
from pathlib import Path
document_parser()
config = Config(root=Path(sys.argv[1]).parent)
start = time.perf_counter()
result = lint_file(sys.argv[1], config, Overrides())
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "findings": len(result.findings), "error": result.error}))
"""


WRONG_SHARE = "2025年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。"


def report_unit() -> str:
    """The fixture report plus a section with a wrong share (a finding per repetition)."""
    return FIXTURE.read_text(encoding="utf-8").rstrip("\n") + "\n\n十、其他说明\n" + WRONG_SHARE + "\n\n"


def generate(shape: str, megabytes: float) -> str:
    """A document of about ``megabytes`` MB (UTF-8) of the given shape."""
    target = int(megabytes * SCALE.get(shape, 1) * 1_000_000)
    if shape == "report":
        unit = report_unit()
    elif shape == "share-line":
        unit = WRONG_SHARE
    elif shape == "short-lines":
        unit = "a1\n"
    elif shape == "tsv":
        unit = "项目支出\t1,234.56\t1,000.00\t234.56\n"
    else:
        raise ValueError(shape)
    count = max(1, target // len(unit.encode("utf-8")))
    head = "2025年度部门预算\n一、收支总体情况\n" if shape == "share-line" else ("表1 收支预算总表\n" if shape == "tsv" else "")
    return head + unit * count + ("\n" if shape == "share-line" else "")


def measure(shape: str, megabytes: float) -> dict[str, object]:
    text = generate(shape, megabytes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("doc.tsv" if shape == "tsv" else "doc.txt")
        path.write_text(text, encoding="utf-8")
        out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    size = len(text.encode("utf-8"))
    data.update(shape=shape, bytes=size, lines=text.count("\n") + 1)
    return data


def table(rows: list[dict[str, object]], base: float) -> str:
    """Rows of the result table; ``base`` is the peak RSS of linting a one-line document."""
    out = [
        "| shape | MB | lines | findings | s | s per MB | s per 10k lines | peak RSS MB | (RSS − one-line RSS) per input MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        mb = r["bytes"] / 1e6
        out.append(
            f"| {r['shape']} | {mb:.2f} | {r['lines']:,} | {r['findings']} | {r['seconds']:.2f} | "
            f"{r['seconds'] / mb:.2f} | {r['seconds'] / r['lines'] * 10_000:.3f} | {r['peak'] / 1e6:.0f} | "
            f"{(r['peak'] - base) / 1e6 / mb:.0f} |"
        )
    return "\n".join(out) + "\n"


def write_section(text: str, name: str = "linearity") -> None:
    """Replace (or append) the section marked ``<!-- name:begin/end -->`` of docs/performance.md
    (benchmarks/speed.py keeps such sections when it rewrites the file)."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    doc = DOC_PATH.read_text(encoding="utf-8")
    section = f"{begin}\n{text}{end}\n"
    if begin in doc and end in doc:
        doc = doc[: doc.index(begin)] + section + doc[doc.index(end) + len(end) + 1 :]
    else:
        doc = doc.rstrip("\n") + "\n\n" + section
    DOC_PATH.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="document sizes in MB, comma-separated")
    parser.add_argument("--shapes", default="report,share-line,short-lines,tsv")
    parser.add_argument("--write", action="store_true", help="replace the linearity section of docs/performance.md")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    base = float(measure("short-lines", 0)["peak"])
    rows = []
    for shape in args.shapes.split(","):
        for size in sizes:
            row = measure(shape, size)
            rows.append(row)
            print(table([row], base).splitlines()[-1], flush=True)
    result = table(rows, base) + f"\nOne-line document: peak RSS {base / 1e6:.0f} MB.\n"
    print()
    print(result)
    if args.write:
        machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
        write_section(
            "## Linearity: `python benchmarks/linearity.py --write`\n\n"
            f"Generated documents of growing size, one fresh process each ({machine}; the cores were shared "
            "with other work). Time is the whole per-file lint in-process (read, parse, rules, baseline "
            "fingerprints), without interpreter start-up; flat columns of time per MB and per 10k lines mean "
            "linear time.\n\n" + result + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
