"""Language-server latency: how long a small document waits for its diagnostics, alone and while
a big document (5 MB by default, generated) is being linted.

The server runs as ``fiscallint lsp`` over stdio, driven by the raw JSON-RPC client of
``tests/test_lsp_robust.py``. For each round: open the big document, wait ``--head-start``
seconds (its lint is under way), open a small one and time its diagnostics; then close the big
one and time how long another document of the big lane (over ``BIG_DOCUMENT`` characters, quick to
lint) waits for its diagnostics: the closed document's lint must stop (cooperative cancellation,
checked inside the parse too) for that lane to be free.

Usage: ``python benchmarks/lsp_latency.py [--megabytes 5] [--rounds 3] [--write]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linearity import generate, write_section  # noqa: E402
from fiscallint.lsp.server import BIG_DOCUMENT  # noqa: E402
from tests.test_lsp_robust import SHARE, Client  # noqa: E402

QUICK_BIG = "说明" + "甲" * BIG_DOCUMENT + "\n"
"""A document of the big lane that lints in a fraction of a second (one line, one word)."""


def latency(client: Client, folder: Path, name: str, text: str = SHARE) -> float:
    """Seconds from opening document ``name`` with ``text`` to its diagnostics (then closed)."""
    start = time.perf_counter()
    uri = client.open(folder / name, text)
    client.diagnostics(uri)
    seconds = time.perf_counter() - start
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--head-start", type=float, default=1.0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    big_text = generate("report", args.megabytes)
    alone, beside, quick, freed = [], [], [], []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        client = Client(folder)
        try:
            for round_ in range(args.rounds):
                alone.append(latency(client, folder, f"alone{round_}.txt"))
                quick.append(latency(client, folder, f"quick-alone{round_}.txt", QUICK_BIG))
                big = client.open(folder / f"big{round_}.txt", big_text)
                time.sleep(args.head_start)
                beside.append(latency(client, folder, f"beside{round_}.txt"))
                client.notify("textDocument/didClose", {"textDocument": {"uri": big}})  # while its lint runs
                freed.append(latency(client, folder, f"quick{round_}.txt", QUICK_BIG))
        finally:
            client.close()
    text = (
        "## Language server: `python benchmarks/lsp_latency.py --write`\n\n"
        f"Seconds from opening a small document to its diagnostics ({args.rounds} rounds, median and worst), "
        f"alone and while a {args.megabytes:g} MB generated report opened {args.head_start:g} s earlier is being linted.\n\n"
        "| small document | median s | worst s |\n|---|---:|---:|\n"
        f"| alone | {statistics.median(alone):.2f} | {max(alone):.2f} |\n"
        f"| beside a {args.megabytes:g} MB document | {statistics.median(beside):.2f} | {max(beside):.2f} |\n\n"
        f"Seconds from closing the {args.megabytes:g} MB document (its lint under way) to the diagnostics of another "
        f"document of the big lane ({len(QUICK_BIG):,} characters; alone: median {statistics.median(quick):.2f} s): median "
        f"{statistics.median(freed):.2f}, worst {max(freed):.2f}. The closed document's lint stops at its next "
        "question to ``stop`` (every 512 line tokens of the parse, each paragraph and table, each rule).\n\n"
    )
    print(text)
    if args.write:
        write_section(text, "lsp-latency")
    return 0


if __name__ == "__main__":
    sys.exit(main())
