"""Open a PDF with pdfplumber and read it page by page into PageContent, within bounds."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from fiscallint.errors import InputError
from fiscallint.pdf.chars import group_lines
from fiscallint.pdf.columns import lines_and_text_tables
from fiscallint.pdf.model import PageContent
from fiscallint.pdf.tables import find_tables

MAX_PAGE_STREAM_BYTES = 30_000_000  # decoded content of one page
MAX_PAGE_CHARS = 200_000
MAX_PAGE_EDGES = 100_000  # lines + rects + curves


def read_pages(
    path: str | os.PathLike[str], *, max_pages: int, max_seconds: float, max_bytes: int
) -> tuple[int, Iterator[PageContent]]:
    """Open the file and return (page count, lazy iterator of page contents).

    Every failure is reported as InputError; the iterator closes the document when done.
    """
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        with open(name, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputError(f"file is {size} bytes, over the size bound max_bytes={max_bytes}")
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF- header)")
    start = time.monotonic()
    pdf = _open(name)
    try:
        count = _page_count(pdf, max_pages)
    except BaseException:
        pdf.close()
        raise
    if count > max_pages:
        pdf.close()
        raise InputError(f"{count} pages, over the page bound max_pages={max_pages}")
    return count, _iter_pages(pdf, start, max_seconds)


def _open(name: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(name, password="")
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        cause = _root_cause(exc)
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError("encrypted PDF that needs a password") from None
        if isinstance(cause, PDFEncryptionError):
            raise InputError(f"unsupported PDF encryption ({cause})") from None
        raise InputError(f"corrupt or truncated PDF ({_describe(cause)})") from None


def _root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer errors (PdfminerException); find the original."""
    seen = 0
    while seen < 10:
        inner = exc.__cause__ or exc.__context__
        if inner is None and exc.args and isinstance(exc.args[0], BaseException):
            inner = exc.args[0]
        if inner is None:
            return exc
        exc, seen = inner, seen + 1
    return exc


def _page_count(pdf: Any, max_pages: int) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        declared = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:
        declared = None
    if isinstance(declared, int) and declared > max_pages:
        raise InputError(f"{declared} pages, over the page bound max_pages={max_pages}")
    try:
        count = len(pdf.pages)
    except Exception as exc:
        raise InputError(f"corrupt or truncated PDF ({_describe(exc)})") from None
    if count == 0:
        raise InputError("PDF has zero pages")
    return count


def _iter_pages(pdf: Any, start: float, max_seconds: float) -> Iterator[PageContent]:
    try:
        for index in range(len(pdf.pages)):
            if time.monotonic() - start > max_seconds:
                raise InputError(
                    f"stopped at page {index + 1}, over the time bound max_seconds={max_seconds:g}"
                )
            page = pdf.pages[index]
            try:
                yield _read_page(page)
            except InputError:
                raise
            except Exception as exc:
                raise InputError(
                    f"page {index + 1} cannot be read ({_describe(exc)})"
                ) from None
            finally:
                page.close()
    finally:
        pdf.close()


def _read_page(page: Any) -> PageContent:
    number = page.page_number
    if _stream_bytes(page) > MAX_PAGE_STREAM_BYTES:
        raise InputError(
            f"page {number} content is over {MAX_PAGE_STREAM_BYTES} bytes (object bound)"
        )
    chars = page.chars
    if len(chars) > MAX_PAGE_CHARS:
        raise InputError(f"page {number} has {len(chars)} characters (object bound)")
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if cid > 0.2 * len(chars):
        raise InputError(
            f"page {number} text has no Unicode mapping (font without ToUnicode)"
        )
    edges = len(page.lines) + len(page.rects) + len(page.curves)
    if edges > MAX_PAGE_EDGES:
        raise InputError(f"page {number} has {edges} drawn lines (object bound)")
    content = PageContent(number, float(page.width), float(page.height), char_count=len(chars))
    tables = find_tables(page, chars) if edges else []
    boxes = [t.box for t in tables]
    free = [c for c in chars if not _inside(c, boxes)]
    content.items = lines_and_text_tables(group_lines(free), number)
    content.items.extend(tables)
    content.items.sort(key=lambda it: it.box[1])
    return content


def _inside(c: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (c["x0"] + c["x1"]) / 2
    cy = (c["top"] + c["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _stream_bytes(page: Any) -> int:
    """Declared length of the page's content streams (cheap: not decoded)."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for stream in page.page_obj.contents or []:
        stream = resolve1(stream)
        length = resolve1(getattr(stream, "attrs", {}).get("Length", 0))
        total += length if isinstance(length, int) else 0
    return total


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text and text[0] else type(exc).__name__
