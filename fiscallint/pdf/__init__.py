"""PDF input: extract a fiscal report PDF into fiscallint's canonical text plus a source map.

pdfminer/pdfplumber are imported lazily, inside extract_pdf, so importing this package is cheap.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from fiscallint.errors import InputError

__all__ = ["PdfText", "extract_pdf"]


@dataclass
class PdfText:
    """Canonical text of a PDF and where each of its lines came from."""

    text: str  # canonical text, lines joined by "\n"
    pages: list[int]  # pages[i] = 1-based PDF page of canonical line i
    boxes: list[tuple[float, float, float, float] | None]  # (x0, top, x1, bottom) of line i
    page_count: int


def extract_pdf(
    path: str | os.PathLike[str],
    *,
    max_pages: int = 500,
    max_seconds: float = 60.0,
    max_bytes: int = 200_000_000,
) -> PdfText:
    """Read a PDF into canonical text: one line per heading or paragraph, one tab-separated
    line per table row. Raises InputError (only) on unreadable, encrypted, image-only or
    over-bound input."""
    from fiscallint.pdf.assemble import assemble
    from fiscallint.pdf.reader import read_pages

    name = os.fspath(path)
    quiet = logging.getLogger("pdfminer")  # damaged files make pdfminer log hundreds of warnings
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        count, page_iter = read_pages(
            name, max_pages=max_pages, max_seconds=max_seconds, max_bytes=max_bytes
        )
        pages = list(page_iter)
        if not any(p.char_count for p in pages):
            raise InputError("no text layer (scanned image?)")
        lines = assemble(pages)
    except InputError:
        raise
    except RecursionError:
        raise InputError("PDF structure nested too deeply") from None
    except MemoryError:
        raise InputError("PDF needs too much memory") from None
    except Exception as exc:
        raise InputError(f"cannot extract PDF ({type(exc).__name__}: {exc})") from None
    finally:
        quiet.setLevel(level)
    return PdfText(
        text="\n".join(ln.text for ln in lines),
        pages=[ln.page for ln in lines],
        boxes=[ln.box for ln in lines],
        page_count=count,
    )
