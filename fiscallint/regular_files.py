"""Which inputs are read at all (regular files only) and which are PDFs; the start of a PDF's
reading. Kept apart from :mod:`fiscallint.source` so that a PDF's reading can start before
anything else is imported (see :mod:`fiscallint.early`)."""

from __future__ import annotations

import atexit
import os
import stat
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:
    from .pdf import PdfReading

PDF_SUFFIXES = (".pdf",)
FILE_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def kind_of(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO (named pipe)", …), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in FILE_KINDS if test(mode)), "not a regular file")


def check_regular(path: str) -> None:
    """Refuse (InputError) a path that exists and is not a regular file, without opening it."""
    try:
        kind = kind_of(os.stat(path).st_mode)
    except OSError:
        return  # the reader reports a missing or unreadable file in its own words
    if kind is not None:
        raise InputError(f"is {kind}, not a regular file")


def is_pdf(path: str) -> bool:
    return path.lower().endswith(PDF_SUFFIXES)


def read_ahead(paths: list[str] | tuple[str, ...], jobs: int) -> bool:
    """Whether ``check`` starts reading its first input before anything else: a PDF file (not a
    folder) that this process will lint (one file, or ``-j 1``)."""
    return bool(paths) and (jobs == 1 or len(paths) == 1) and is_pdf(paths[0]) and not os.path.isdir(paths[0])


def start_pdf(path: str, engine: str, seconds: float) -> PdfReading:
    """Start reading a PDF input (in the background where the OS can fork); the reading's
    ``result()`` is its text or the InputError that refused it."""
    from .pdf import PdfReading, start_extract

    try:
        check_regular(path)
    except InputError as exc:
        return PdfReading(None, exc)
    return start_extract(path, engine=engine, max_seconds=seconds)


_early: list[tuple[tuple[str, str, float], PdfReading]] = []


def start_early(path: str, engine: str, seconds: float) -> None:
    """Start a reading before the command that takes it is loaded (:mod:`fiscallint.early`);
    stopped at exit unless taken."""
    _early.append(((path, engine, seconds), start_pdf(path, engine, seconds)))
    atexit.register(_stop_untaken)


def take_early(path: str, engine: str, seconds: float) -> PdfReading | None:
    """The early reading, when it reads ``path`` with this engine and bound; else None (and an
    early reading of anything else is stopped)."""
    if not _early:
        return None
    plan, reading = _early.pop()
    if plan == (path, engine, seconds):
        return reading
    reading.cancel()
    return None


def _stop_untaken() -> None:
    while _early:
        _early.pop()[1].cancel()
