"""Speed benchmark: the whole ``fiscallint check`` per corpus file, folder runs, startup, hot paths.

- per file: wall time (median of ``--repeat`` runs) and peak RSS of ``fiscallint check`` in a
  subprocess; each run goes through a fresh wrapper process whose ``getrusage(RUSAGE_CHILDREN)``
  therefore holds that one run's peak. Text files: lines per second, for the whole command and
  for parse + rules in-process (no interpreter start-up). PDFs: pdfminer's ``pdf2txt.py`` on the
  same file in the same run, and the ratio;
- a folder run with ``-j 1`` and ``-j 2`` when the CLI has ``-j`` (skipped with a note otherwise);
- start-up: ``fiscallint --version`` wall time and whether it imports pdfminer/pygls/rich;
- one cProfile of parse + rules over the text corpus (top functions by own time).

Writes ``docs/performance.md`` (``--no-write`` to print only).
Usage: ``python benchmarks/speed.py [--repeat N] [--no-write]``
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOC_PATH = ROOT / "docs" / "performance.md"
FISCALLINT = [sys.executable, "-m", "fiscallint"]
HEAVY_MODULES = ("pdfminer", "pygls", "rich", "lsprotocol")

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": code}))
"""

MODULE_CHECK = """
import contextlib, io, sys
from fiscallint.cli import main
sys.argv = ["fiscallint", "--version"]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(",".join(sorted({{m.split(".")[0] for m in sys.modules}} & {heavy!r})))
"""


def measure(cmd: list[str], repeat: int) -> dict[str, float]:
    """Median wall seconds, max peak RSS (MB) and the exit codes of ``repeat`` fresh runs."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True, cwd=ROOT, check=True)
        runs.append(json.loads(out.stdout))
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "rss": max(r["rss_kb"] for r in runs) / 1024,
        "codes": sorted({r["code"] for r in runs}),
    }


def in_process_seconds(path: Path, repeat: int) -> float:
    """Best parse + rules time in this process (imports and grammar build excluded)."""
    from fiscallint.engine import lint_path
    from fiscallint.registry import all_rules

    rules = list(all_rules().values())
    lint_path(str(path), rules)  # warm: grammars built, rules imported
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        lint_path(str(path), rules)
        best = min(best, time.perf_counter() - start)
    return best


def has_jobs_option() -> bool:
    out = subprocess.run([*FISCALLINT, "check", "--help"], capture_output=True, text=True, cwd=ROOT)
    return " -j" in out.stdout or "--jobs" in out.stdout


def startup(repeat: int) -> tuple[dict[str, float], list[str], list[tuple[float, str]]]:
    """``--version`` timing, heavy modules it imported, and the slowest imports (-X importtime)."""
    timing = measure([*FISCALLINT, "--version"], repeat)
    loaded = subprocess.run([sys.executable, "-c", MODULE_CHECK.format(heavy=set(HEAVY_MODULES))],
                            capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    trace = subprocess.run([sys.executable, "-X", "importtime", "-m", "fiscallint", "--version"],
                           capture_output=True, text=True, cwd=ROOT).stderr
    imports = []
    for line in trace.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            imports.append((int(parts[1]) / 1e6, parts[2].rstrip()))
    return timing, [m for m in loaded.split(",") if m], sorted(imports, reverse=True)[:8]


def profile(texts: list[Path], top: int = 15) -> str:
    """cProfile of parse + rules over the text files (after one warm-up run)."""
    from fiscallint.engine import lint_path
    from fiscallint.registry import all_rules

    rules = list(all_rules().values())
    for path in texts:
        lint_path(str(path), rules)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in texts:
        lint_path(str(path), rules)
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(top)
    buffer.write("\n")
    stats.sort_stats("cumulative").print_stats(top)
    lines = [line.replace(str(ROOT) + "/", "").replace(sys.prefix, "<venv>") for line in buffer.getvalue().splitlines()]
    return "\n".join(line for line in lines if line.strip() and not line.lstrip().startswith("Ordered by"))


SCALING = {
    "dump table rows": (".txt", lambda n: "支出决算表\n公开03表\n单位：万元\n科目编码 科目名称 本年支出合计 基本支出\n"
                        + "\n".join(f"2013501 行政运行 {i % 1000}.{i % 100:02d} 0.00" for i in range(n)) + "\n", 2000),
    "tab table rows": (".tsv", lambda n: "支出决算表\n公开03表\n单位：万元\n科目编码\t科目名称\t本年支出合计\t基本支出\n"
                       + "\n".join(f"2013501\t行政运行\t{i % 1000}.{i % 100:02d}\t0.00" for i in range(n)) + "\n", 1000),
    "prose lines": (".txt", lambda n: "\n".join("本单位认真落实各项工作要求，支出12.00万元。" for _ in range(n)) + "\n", 1000),
    "share claims in one paragraph": (".txt", lambda n: "2024年度部门决算\n" + "基本支出 12.34 万元，占本年支出 56.7%，" * n + "\n", 250),
}


def scaling() -> list[str]:
    """Parse + rules time of synthetic inputs of size n and 4n: a ratio near 4 is linear, near 16 quadratic."""
    from fiscallint.testing import lint_text

    rows = []
    for label, (suffix, make, n) in SCALING.items():
        times = []
        for size in (n, 4 * n):
            text = make(size)
            start = time.perf_counter()
            lint_text(text, path="synthetic" + suffix)
            times.append(time.perf_counter() - start)
        rows.append(f"| {label} | {n} | {times[0]:.2f} | {4 * n} | {times[1]:.2f} | {times[1] / times[0]:.1f} |")
        print(rows[-1], flush=True)
    return rows


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{os.cpu_count()} cores (`nproc` = {len(os.sched_getaffinity(0))}), {cpu}, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def kept_sections() -> str:
    """The sections other benchmarks own in docs/performance.md (``<!-- name:begin -->`` …
    ``<!-- name:end -->``), kept when this benchmark rewrites the file."""
    old = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.is_file() else ""
    pattern = re.compile(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->\n", re.S)
    return "".join("\n" + match.group(0) for match in pattern.finditer(old))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    texts = sorted((CORPUS / "text").glob("*")) if (CORPUS / "text").is_dir() else []
    pdfs = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").is_dir() else []
    if not texts and not pdfs:
        raise SystemExit(f"no corpus at {CORPUS}")
    out = ["# Performance", "",
           "Generated by `python benchmarks/speed.py`; timings vary from run to run and machine to machine.", "",
           f"Machine: {machine()}. The cores were shared with other work while measuring, so treat the "
           f"figures as orders of magnitude. Wall time is the median of {args.repeat} fresh runs; peak RSS "
           "is the largest of them (`getrusage(RUSAGE_CHILDREN)` in a fresh wrapper process per run).", ""]

    out += ["## Text files: `fiscallint check FILE`", "",
            "| file | lines | wall s | peak RSS MB | lines/s (whole command) | parse+rules s (in-process) | lines/s (in-process) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for path in texts:
        lines = path.read_bytes().count(b"\n") + 1
        timing = measure([*FISCALLINT, "check", str(path)], args.repeat)
        inner = in_process_seconds(path, args.repeat)
        out.append(f"| {path.name} | {lines} | {timing['wall']:.2f} | {timing['rss']:.0f} | {lines / timing['wall']:,.0f} "
                   f"| {inner:.3f} | {lines / inner:,.0f} |")
        print(out[-1], flush=True)

    if pdfs:
        pdf2txt = shutil.which("pdf2txt.py") or str(Path(sys.executable).with_name("pdf2txt.py"))
        out += ["", "## PDFs: `fiscallint check FILE` against pdfminer's `pdf2txt.py FILE`", "",
                "`pdf2txt.py` only extracts text; `fiscallint check` extracts, builds the canonical text, parses "
                "and runs every rule. `benchmarks/pdf_speed.py` times the extractor alone.", "",
                "| file | MB | check wall s | check RSS MB | pdf2txt wall s | pdf2txt RSS MB | check / pdf2txt |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for path in pdfs:
            check = measure([*FISCALLINT, "check", str(path)], args.repeat)
            base = measure([sys.executable, pdf2txt, "-o", os.devnull, str(path)], args.repeat)
            out.append(f"| {path.name} | {path.stat().st_size / 1e6:.1f} | {check['wall']:.2f} | {check['rss']:.0f} "
                       f"| {base['wall']:.2f} | {base['rss']:.0f} | {check['wall'] / base['wall']:.2f} |")
            print(out[-1], flush=True)

    out += ["", "## Folder runs", ""]
    files = texts + pdfs
    size = sum(p.stat().st_size for p in files) / 1e6
    if has_jobs_option():
        out += [f"`fiscallint check -j N {CORPUS.name}/` over {len(files)} files ({size:.1f} MB).", "",
                "| jobs | wall s | files/s | MB/s | peak RSS MB (largest process) |", "|---:|---:|---:|---:|---:|"]
        for jobs in (1, 2):
            timing = measure([*FISCALLINT, "check", "-j", str(jobs), str(CORPUS)], args.repeat)
            out.append(f"| {jobs} | {timing['wall']:.2f} | {len(files) / timing['wall']:.2f} | {size / timing['wall']:.2f} | {timing['rss']:.0f} |")
            print(out[-1], flush=True)
    else:
        timing = measure([*FISCALLINT, "check", str(CORPUS)], args.repeat)
        out += [f"The CLI has no `-j` option yet: one sequential folder run over {len(files)} files ({size:.1f} MB): "
                f"{timing['wall']:.2f} s, {len(files) / timing['wall']:.2f} files/s, peak RSS {timing['rss']:.0f} MB."]

    timing, loaded, slowest = startup(max(args.repeat, 5))
    out += ["", "## Start-up: `fiscallint --version`", "",
            f"Wall time {timing['wall'] * 1000:.0f} ms (median of {max(args.repeat, 5)}), peak RSS {timing['rss']:.0f} MB. "
            f"Heavy modules imported: {', '.join(loaded) or 'none'} (checked among {', '.join(HEAVY_MODULES)}; "
            "`tests/test_startup.py` asserts it).", "",
            "Slowest imports (`python -X importtime`, cumulative):", "", "| s | module |", "|---:|---|"]
    out += [f"| {seconds:.3f} | `{name.strip()}` |" for seconds, name in slowest]

    out += ["", "## Scaling: synthetic inputs of size n and 4n (parse + rules, in-process)", "",
            "A time ratio near 4 is linear; near 16, quadratic.", "",
            "| input | n | s | 4n | s | ratio |", "|---|---:|---:|---:|---:|---:|", *scaling()]

    if texts:
        out += ["", "## Hot paths: cProfile of parse + rules over the text corpus", "",
                "One warm run (grammars built), then one profiled run over every text file; top functions by "
                "own time, then by cumulative time.", "", "```", profile(texts), "```"]
    text = "\n".join(out) + "\n"
    print(text)
    if not args.no_write:
        DOC_PATH.write_text(text + kept_sections(), encoding="utf-8")
        print(f"wrote {DOC_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
