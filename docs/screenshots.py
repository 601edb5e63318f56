"""Regenerate the screenshots in docs/img of the two reviewer views on corpus reports.

    .venv/bin/python docs/screenshots.py ../shared/corpus

The HTML report is photographed in headless Chromium (the system ``chromium``, via Playwright)
with a finding selected; the annotated PDF's page is rendered with pypdfium2. The images are
reduced to a small palette to keep them light.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FISCALLINT = [sys.executable, "-m", "fiscallint"]


def small(png: Path) -> None:
    from PIL import Image

    Image.open(png).convert("RGB").quantize(colors=64).save(png, optimize=True)


def html_view(report: Path, out: Path, finding: str) -> None:
    """Screenshot of the HTML report of ``report`` with the finding ``finding`` (an id) selected."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        subprocess.run([*FISCALLINT, "check", str(report), "--format", "html", "-o", str(page_file)], cwd=ROOT)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.goto(page_file.as_uri())
            page.locator(f'li.fi[data-id="{finding}"] a.go').first.click()
            page.wait_for_timeout(200)
            page.screenshot(path=str(out))
            browser.close()
    small(out)


def pdf_view(report: Path, out: Path, page_number: int, crop: tuple[float, float]) -> None:
    """The annotated copy's page ``page_number``, the band ``crop`` (shares of the page height)."""
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        annotated = Path(tmp) / "annotated.pdf"
        subprocess.run([*FISCALLINT, "check", str(report), "--annotate", str(annotated)], cwd=ROOT)
        image = pdfium.PdfDocument(str(annotated))[page_number - 1].render(scale=1.6, draw_annots=True).to_pil()
    top, bottom = (int(share * image.height) for share in crop)
    image.crop((0, top, image.width, bottom)).save(out)
    small(out)


def main(corpus: Path) -> None:
    pdf = corpus / "pdf" / "putuo-finance-bureau-2024.pdf"
    html_view(pdf, OUT / "html-report-pdf.png", "d0f0")
    html_view(corpus / "text" / "putuo-culture-tourism-final-2025.txt", OUT / "html-report-table.png", "d0f3")
    pdf_view(pdf, OUT / "annotated-pdf.png", 21, (0.5, 0.85))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"))
