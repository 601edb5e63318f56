"""The reference engine: pdfminer.six (through pdfplumber) reads characters and drawn edges.

Pure Python and about ten times slower than PDFium; kept as ``--pdf-engine pdfminer`` and as
the oracle of the differential test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fiscallint.errors import InputError
from fiscallint.pdf.grid import Edge
from fiscallint.pdf.model import PageContent
from fiscallint.pdf.page_content import build_page, check_page_counts, describe, each_page

MAX_PAGE_STREAM_BYTES = 30_000_000  # declared content length of one page


def read_pages(data: bytes, max_pages: int) -> tuple[int, Callable[[Iterable[int]], Iterator[PageContent]]]:
    """Open the document held in ``data`` and return (page count, reader of the page contents
    at given indices).

    Every failure is reported as InputError; the reader closes the document when done. The
    document is read from memory, never through a file offset that a forked process would share."""
    pdf = _open(data)
    try:
        count = _page_count(pdf, max_pages)
    except BaseException:
        pdf.close()
        raise
    return count, lambda indices: each_page(pdf, indices, pdf.pages.__getitem__, lambda page, _number: _read_page(page))


def _open(data: bytes) -> Any:
    from io import BytesIO

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(BytesIO(data), password="")
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        cause = _root_cause(exc)
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError("encrypted PDF that needs a password") from None
        if isinstance(cause, PDFEncryptionError):
            raise InputError(f"unsupported PDF encryption ({cause})") from None
        raise InputError(f"corrupt or truncated PDF ({describe(cause)})") from None


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


def _resolve(obj: Any, hops: int = 32) -> Any:
    """pdfminer's resolve1, but a reference chain longer than ``hops`` (a cycle such as
    7 -> 8 -> 7, which resolve1 follows forever) is refused."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(hops):
        if not isinstance(obj, PDFObjRef):
            return obj
        obj = obj.resolve(default=None)
    raise InputError("corrupt PDF (reference cycle)")


def _page_count(pdf: Any, max_pages: int) -> int:
    try:
        declared = _resolve(_resolve(pdf.doc.catalog.get("Pages")).get("Count"))
    except InputError:
        raise
    except Exception:
        declared = None
    if isinstance(declared, int) and declared > max_pages:
        raise InputError(f"{declared} pages, over the page bound max_pages={max_pages}")
    try:
        return len(pdf.pages)
    except Exception as exc:
        raise InputError(f"corrupt or truncated PDF ({describe(exc)})") from None


def _read_page(page: Any) -> PageContent:
    number = page.page_number
    if _stream_bytes(page) > MAX_PAGE_STREAM_BYTES:
        raise InputError(
            f"page {number} content is over {MAX_PAGE_STREAM_BYTES} bytes (object bound)"
        )
    chars = page.chars
    objects = len(page.lines) + len(page.rects) + len(page.curves)
    check_page_counts(number, len(chars), objects)
    mapped = [c for c in chars if not c["text"].startswith("(cid:")]
    edges = [
        Edge(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])
        for e in page.edges
        if e["orientation"] in ("h", "v")
    ]
    return build_page(
        number, float(page.width), float(page.height), mapped, edges, len(chars) - len(mapped)
    )


def _stream_bytes(page: Any) -> int:
    """Declared length of the page's content streams (cheap: not decoded)."""
    total = 0
    for stream in page.page_obj.contents or []:
        stream = _resolve(stream)
        length = _resolve(getattr(stream, "attrs", {}).get("Length", 0))
        total += length if isinstance(length, int) else 0
    return total
