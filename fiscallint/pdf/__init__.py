"""PDF input: extract a fiscal report PDF into fiscallint's canonical text plus a source map.

Two engines read characters and ruling lines: PDFium (pypdfium2, the default) and pdfminer.six
(the reference). Both are imported lazily, inside extract_pdf, so importing this package is cheap.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass

from fiscallint.errors import InputError

__all__ = ["ENGINES", "PdfText", "extract_pdf"]

ENGINES = ("pdfium", "pdfminer")


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
    engine: str = "pdfium",
    max_pages: int = 500,
    max_seconds: float = 60.0,
    max_bytes: int = 200_000_000,
    max_decoded_bytes: int = 100_000_000,
) -> PdfText:
    """Read a PDF into canonical text: one line per heading or paragraph, one tab-separated
    line per table row. Raises InputError (only) on unreadable, encrypted, image-only or
    over-bound input; the time bound holds inside every step (see watchdog.py)."""
    from fiscallint.pdf.streams import check_decoded_size
    from fiscallint.pdf.watchdog import run_bounded

    if engine not in ENGINES:
        raise InputError(f"unknown PDF engine {engine!r} (one of {', '.join(ENGINES)})")
    start = time.monotonic()
    data = _read_file(os.fspath(path), max_bytes)
    check_decoded_size(data, max_decoded_bytes)
    _preload(engine)
    left = max_seconds - (time.monotonic() - start)
    return run_bounded(
        lambda: _extract(os.fspath(path), data, engine, max_pages, start, max_seconds),
        max(left, 0.0),
        f"stopped, over the time bound max_seconds={max_seconds:g}",
    )


def _read_file(name: str, max_bytes: int) -> bytes:
    """The file's bytes: a regular file (never a device, FIFO or socket, which could block or
    never end) within the size bound, that starts like a PDF."""
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file")
        if info.st_size > max_bytes:
            raise InputError(f"file is {info.st_size} bytes, over the size bound max_bytes={max_bytes}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputError(f"file is over the size bound max_bytes={max_bytes}")
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF (no %PDF- header)")
    return data


def _preload(engine: str) -> None:
    """Import the engine before forking, so every file's child starts with it loaded."""
    if engine == "pdfium":
        import pypdfium2  # noqa: F401
    else:
        import pdfplumber  # noqa: F401


def _extract(
    name: str, data: bytes, engine: str, max_pages: int, start: float, max_seconds: float
) -> PdfText:
    from fiscallint.pdf.assemble import assemble
    from fiscallint.pdf.page_content import describe

    quiet = logging.getLogger("pdfminer")  # damaged files make pdfminer log hundreds of warnings
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        count, page_iter = _open(name, data, engine, max_pages)
        if count == 0:
            raise InputError("PDF has zero pages")
        if count > max_pages:
            raise InputError(f"{count} pages, over the page bound max_pages={max_pages}")
        pages = []
        for page in page_iter:
            pages.append(page)
            if time.monotonic() - start > max_seconds and len(pages) < count:
                raise InputError(
                    f"stopped at page {len(pages) + 1}, over the time bound max_seconds={max_seconds:g}"
                )
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
        raise InputError(f"cannot extract PDF ({describe(exc)})") from None
    finally:
        quiet.setLevel(level)
    return PdfText(
        text="\n".join(ln.text for ln in lines),
        pages=[ln.page for ln in lines],
        boxes=[ln.box for ln in lines],
        page_count=count,
    )


def _open(name: str, data: bytes, engine: str, max_pages: int) -> tuple[int, Iterator]:
    if engine == "pdfium":
        from fiscallint.pdf.pdfium_engine import read_pages

        return read_pages(data, max_pages)
    from fiscallint.pdf.pdfminer_engine import read_pages as read_with_pdfminer

    return read_with_pdfminer(name, max_pages)
