"""PDF input: extract a fiscal report PDF into fiscallint's canonical text plus a source map.

Two engines read characters and ruling lines: PDFium (the library pypdfium2 ships, the default)
and pdfminer.six (the reference). Both are imported in the reader process only (see
start_extract), so importing this package is cheap.
"""

from __future__ import annotations

import os
import stat
import time
from typing import TYPE_CHECKING, Any, NamedTuple

from fiscallint.errors import InputError

if TYPE_CHECKING:
    from fiscallint.pdf.page_split import PageReader
    from fiscallint.pdf.watchdog import Bounded

__all__ = ["ENGINES", "PdfReading", "PdfText", "extract_pdf", "start_extract"]

ENGINES = ("pdfium", "pdfminer")


class PdfText(NamedTuple):
    """Canonical text of a PDF and where each of its lines came from."""

    text: str  # canonical text, lines joined by "\n"
    pages: list[int]  # pages[i] = 1-based PDF page of canonical line i
    boxes: list[tuple[float, float, float, float] | None]  # (x0, top, x1, bottom) of line i
    page_count: int


def extract_pdf(path: str | os.PathLike[str], **options: Any) -> PdfText:
    """Read a PDF into canonical text: one line per heading or paragraph, one tab-separated
    line per table row. Raises InputError (only) on unreadable, encrypted, image-only or
    over-bound input; the time bound holds inside every step (see watchdog.py). ``options``
    are those of :func:`start_extract` (engine and bounds)."""
    return start_extract(path, **options).result()


class PdfReading:
    """A PDF being read (see :func:`start_extract`)."""

    def __init__(self, bounded: Bounded[PdfText] | None, error: Exception | None = None) -> None:
        self._bounded = bounded
        self._text: PdfText | None = None
        self._error = error

    def wait(self) -> None:
        """Wait until the reading is done; its text or error is kept for :meth:`result`."""
        if self._bounded is None:
            return
        bounded, self._bounded = self._bounded, None
        try:
            self._text = bounded.result()
        except Exception as exc:  # InputError, or a reader bug that lint_file reports
            self._error = exc

    def result(self) -> PdfText:
        """The PDF's text; raises InputError as :func:`extract_pdf` does."""
        self.wait()
        if self._text is None:
            raise self._error or InputError("PDF reading was cancelled")
        return self._text

    def cancel(self) -> None:
        """Stop reading (the result is not wanted); :meth:`result` then raises."""
        if self._bounded is not None:
            self._bounded.cancel()
            self._bounded = None


def start_extract(
    path: str | os.PathLike[str],
    *,
    engine: str = "pdfium",
    max_pages: int = 500,
    max_seconds: float = 60.0,
    max_bytes: int = 200_000_000,
    max_decoded_bytes: int = 100_000_000,
) -> PdfReading:
    """Start :func:`extract_pdf` and return at once: where the OS can fork, the PDF is read in
    a time-bounded child while the caller goes on (imports, linting the previous file). The
    file is read here; its decoded size is checked half here, half in the child (after it has
    imported the engine), and the child opens the document only once both halves together are
    within the bound (:class:`_Gate`)."""
    from fiscallint.pdf.streams import check_decoded_size, over_bound
    from fiscallint.pdf.watchdog import start_bounded

    start = time.monotonic()
    name = os.fspath(path)
    try:
        if engine not in ENGINES:
            raise InputError(f"unknown PDF engine {engine!r} (one of {', '.join(ENGINES)})")
        data = _read_file(name, max_bytes)
    except InputError as exc:
        return PdfReading(None, exc)

    checked = _Gate()

    def work() -> PdfText:
        _preload(engine)
        decoded = check_decoded_size(data, max_decoded_bytes, share=(1, 2))
        if decoded + checked.wait() > max_decoded_bytes:
            raise over_bound(max_decoded_bytes)
        return _extract(data, engine, max_pages, start, max_seconds)

    if engine in _started:  # a second file: from now on each child starts with the engine loaded
        _preload(engine)
    _started.add(engine)
    left = max_seconds - (time.monotonic() - start)
    bounded = start_bounded(work, max(left, 0.0), f"stopped, over the time bound max_seconds={max_seconds:g}")
    try:
        decoded = check_decoded_size(data, max_decoded_bytes, share=(0, 2))
    except InputError as exc:
        bounded.cancel()
        checked.shut()
        return PdfReading(None, exc)
    checked.open(decoded, bounded.forked)
    return PdfReading(bounded)


class _Gate:
    """A one-time word from this process to the reader, through a pipe: go on, with a number
    (:meth:`open`), or stop (:meth:`shut`, or this process gone)."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        self._writing = True

    def open(self, number: int, forked: bool) -> None:
        """Say "go on" with ``number``; ``forked``: the reader is another process (else this
        one, later)."""
        os.write(self._write, b"!" + number.to_bytes(8, "little"))
        self._close_write()
        if forked:
            os.close(self._read)

    def shut(self) -> None:
        """Say "stop" to a reader that will never read here."""
        self._close_write()
        os.close(self._read)

    def wait(self) -> int:
        """In the reader: wait for the word and return its number; InputError when it is not
        "go on"."""
        self._close_write()  # a forked reader's copy: so that a parent gone means end of file
        try:
            word = os.read(self._read, 9)
        finally:
            os.close(self._read)
        if len(word) != 9 or word[:1] != b"!":
            raise InputError("stopped before reading (the decoded-size check did not pass)")
        return int.from_bytes(word[1:], "little")

    def _close_write(self) -> None:
        if self._writing:
            self._writing = False
            os.close(self._write)


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
    if not data:
        raise InputError("empty file (0 bytes), not a PDF")
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF (no %PDF- header)")
    return data


_started: set[str] = set()  # the engines this process has started a reading with


def _preload(engine: str) -> None:
    """Import the engine and the page code (in a reader before its decoded-size check, so that
    they are loaded while the other half of the check is done; in this process before forking
    the reader of a second file, so that it starts with them loaded)."""
    from fiscallint.pdf import assemble, page_split  # noqa: F401

    if engine == "pdfium":
        from fiscallint.pdf import pdfium_engine  # noqa: F401
        from fiscallint.pdf.pdfium_calls import calls

        calls()
    else:
        import pdfplumber  # noqa: F401

        from fiscallint.pdf import pdfminer_engine  # noqa: F401


def _extract(
    data: bytes, engine: str, max_pages: int, start: float, max_seconds: float
) -> PdfText:
    from fiscallint.pdf.assemble import assemble
    from fiscallint.pdf.page_content import describe
    from fiscallint.pdf.page_split import read_all

    import logging

    quiet = logging.getLogger("pdfminer")  # damaged files make pdfminer log hundreds of warnings
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        count, pages_of = _open(data, engine, max_pages)
        if count == 0:
            raise InputError("PDF has zero pages")
        if count > max_pages:
            raise InputError(f"{count} pages, over the page bound max_pages={max_pages}")

        def in_time(index: int) -> None:
            if time.monotonic() - start > max_seconds and index + 1 < count:
                raise InputError(f"stopped at page {index + 2}, over the time bound max_seconds={max_seconds:g}")

        pages = read_all(count, pages_of, in_time)
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


def _open(data: bytes, engine: str, max_pages: int) -> tuple[int, PageReader]:
    if engine == "pdfium":
        from fiscallint.pdf.pdfium_engine import read_pages

        return read_pages(data, max_pages)
    from fiscallint.pdf.pdfminer_engine import read_pages as read_with_pdfminer

    return read_with_pdfminer(data, max_pages)
