"""HTML report benchmark: a ~100-page document rendered to HTML and opened in headless Chromium.

The document is the canonical text of a corpus PDF repeated until it has about 100 pages (the
page map shifted for each copy), or, without the corpus, a generated report of the same size.
Measured in one run: lint + render time of ``--format html`` against ``--format text`` (ratio),
the page's size and element count, the browser's load time, the frame times while scrolling the
whole page, and the time of a jump to the last finding. Prints a markdown table.

Usage: ``python benchmarks/html_report.py [PDF]`` (needs /usr/bin/chromium and playwright)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fiscallint.config import Config  # noqa: E402
from fiscallint.formatters import OutputContext, render  # noqa: E402
from fiscallint.pipeline import Overrides, lint_text_source  # noqa: E402
from fiscallint.registry import all_rules  # noqa: E402
from fiscallint.source import SourceText  # noqa: E402

PAGES = 100
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCROLL = """async () => {
  const times = []; let last = performance.now();
  while (window.scrollY + innerHeight < document.body.scrollHeight - 2) {
    window.scrollBy(0, innerHeight * 0.9);
    await new Promise(r => requestAnimationFrame(r));
    const now = performance.now(); times.push(now - last); last = now;
  }
  return times;
}"""


def big_source(pdf: Path | None) -> SourceText:
    if pdf is not None and pdf.is_file():
        from fiscallint.pdf import extract_pdf

        one = extract_pdf(pdf)
        copies = -(-PAGES // one.page_count)
        text = "\n".join([one.text] * copies)
        pages = [p + i * one.page_count for i in range(copies) for p in one.pages]
        return SourceText(f"{pdf.name} ×{copies}", text, "pdf", "pdf", pages)
    sys.path.insert(0, str(ROOT / "tests"))
    from html_fixtures import REPORT

    lines = REPORT.count("\n")
    copies = PAGES * 40 // lines + 1
    text = "\n".join([REPORT] * copies)
    pages = [1 + n // 40 for n in range(text.count("\n") + 1)]
    return SourceText(f"generated ×{copies}", text, "utf-8", "pdf", pages)


def timed(fmt: str, source: SourceText) -> tuple[float, str]:
    start = time.perf_counter()
    report, findings = lint_text_source(source, Config(ROOT), Overrides())
    context = OutputContext(rules=all_rules(), files=[source.path], reports={source.path: report})
    out = render(fmt, findings, context)
    return time.perf_counter() - start, out


def main() -> None:
    pdf = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "pdf" / "putuo-finance-bureau-2024.pdf"
    source = big_source(pdf)
    text_s = min(timed("text", source)[0] for _ in range(3))
    runs = [timed("html", source) for _ in range(3)]
    html_s, page_html = min(runs)[0], runs[0][1]
    assert all(out == page_html for _, out in runs), "output differs between runs"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "big.html"
        page_file.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        start = time.perf_counter()
        page.goto(page_file.as_uri(), wait_until="load")
        load_s = time.perf_counter() - start
        elements = page.evaluate("document.getElementsByTagName('*').length")
        frames = page.evaluate(SCROLL)
        findings = page.locator("li.fi").count()
        start = time.perf_counter()
        page.keyboard.press("k")  # previous from nothing: the last finding
        page.wait_for_selector("li.fi.cur")
        jump_s = time.perf_counter() - start
        browser.close()
    print("| document | pages | lines | findings | text s | html s | html / text | HTML KB | elements | load s | scroll frames | median frame ms | worst frame ms | jump to last s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {source.path} | {max(source.pages or [0])} | {source.text.count(chr(10)) + 1} | {findings} | {text_s:.2f} | {html_s:.2f} | "
        f"{html_s / text_s:.2f} | {len(page_html.encode()) // 1024} | {elements} | {load_s:.2f} | {len(frames)} | "
        f"{statistics.median(frames):.1f} | {max(frames):.1f} | {jump_s:.2f} |"
    )


if __name__ == "__main__":
    main()
