"""Reading inputs: bytes to text (UTF-8 or GB18030), and the shape of the text.

Only regular files are read (a device, FIFO or socket, or a symlink to one, is refused
before a byte is read), and no more than :data:`MAX_TEXT_BYTES` of them. A text document is
also bounded to :data:`MAX_LINES` lines: memory grows with the number of lines (about 1.5 KB
each) and with the size (about 120 bytes per byte of a long line), so the two bounds cap
the memory one document can take (measured in ``benchmarks/linearity.py``).
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from typing import BinaryIO

from .errors import InputError
from .patterns import lazy
from .regular_files import check_regular, kind_of

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".tsv", ".csv", ".pdf")
"""The files read as reports (walking a folder; never written as a baseline)."""
MARKUP_SUFFIXES = (".md", ".markdown", ".html", ".htm")
"""Markdown, and HTML (a web page or a word processor's export): tags are read as markdown's are."""
HTML_START_RE = lazy(r"\s*<(!doctype\s+html|html)\b", re.I)

MAX_TEXT_BYTES = 8_000_000  # ~90× the largest report text seen
MAX_LINES = 200_000  # ~70× the longest report text seen
LONE_CR_RE = lazy(r"\r(?!\n)")
PIPE_ROW_RE = lazy(r"^[^\S\n]*\|.*\|[^\S\n]*$", re.M)
PIPE_SEPARATOR_RE = lazy(r"^[^\S\n]*(?:\|([^\S\n]*:?-{3,}:?[^\S\n]*\|)+|\+(?:[-=:]{3,}\+)+)[^\S\n]*$", re.M)
"""A pipe table's |---|---| line, or a grid table's +----+----+ border. Blanks around them are
matched within their line (``[^\\S\\n]``, not ``\\s``): a ``\\s*`` at a line start would run
over every blank line that follows, which made the search quadratic in a run of blank lines."""



@dataclass
class SourceText:
    """A decoded input: its text, the encoding used, its shape and, for a PDF, line pages."""

    path: str
    text: str
    encoding: str
    shape: str  # "dump" | "markdown" | "tsv" | "csv" | "pdf"
    pages: list[int] | None = None
    digest: str = ""  # sha256 of the bytes read (fixes are applied only while it still matches)


def line_feeds(text: str) -> str:
    """The text with each lone CR turned into LF, so that old Mac and mixed line endings break
    lines like LF and CRLF do. One character for one: every offset and column is unchanged."""
    return LONE_CR_RE.sub("\n", text) if "\r" in text else text


def check_bounds(text: str) -> None:
    """Refuse a text over :data:`MAX_TEXT_BYTES` characters or :data:`MAX_LINES` lines."""
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(f"text is {len(text)} characters, over the {MAX_TEXT_BYTES}-character bound")
    lines = text.count("\n") + len(LONE_CR_RE.findall(text)) + 1
    if lines > MAX_LINES:
        raise InputError(f"text has {lines} lines, over the {MAX_LINES}-line bound")


def digest(data: bytes) -> str:
    import hashlib  # not at import: a PDF's reading starts before anything needs it

    return hashlib.sha256(data).hexdigest()


def open_regular(path: str) -> BinaryIO:
    """A regular file opened for reading; anything else is an InputError.

    The file is opened without blocking and checked through its descriptor, so a FIFO (or a
    file swapped for one after a check) never blocks and a device is never read."""
    check_regular(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(exc) from None
    handle = os.fdopen(descriptor, "rb")
    kind = kind_of(os.fstat(descriptor).st_mode)
    if kind is not None:
        handle.close()
        raise InputError(f"is {kind}, not a regular file")
    return handle


def _unreadable(exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError("is a directory")
    if isinstance(exc, PermissionError):
        return InputError("permission denied")
    return InputError(f"cannot read: {exc.strerror or exc}")


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of a regular file (:func:`open_regular`) of at most ``limit`` bytes."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise InputError(f"file is {size} bytes, over the {limit}-byte bound")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _unreadable(exc) from None
    if len(data) > limit:
        raise InputError(f"file is over the {limit}-byte bound")
    return data


BYTE_ORDER_MARKS = (  # longest first: UTF-32-LE's mark starts with UTF-16-LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""The byte-order marks read, and the codec of the text after each. A decoded text keeps
its mark's encoding name with ``-sig`` (``utf-16-le-sig``), and is written back with the mark."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode report bytes: after a byte-order mark, as the mark says (UTF-8, UTF-16 or UTF-32,
    strictly); else UTF-8, then GB18030 (a superset of GBK). Every accepted text encodes back
    to exactly its bytes (:func:`encode`), so a fix changes only the figures it fixes."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data[len(mark):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec.upper()} after its byte-order mark (byte {exc.start + len(mark)})") from None
            if "\x00" in text[:4096]:
                raise InputError("binary file, not a text report")
            return text, f"{codec}-sig"
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not a text report (UTF-16 or UTF-32 text needs its byte-order mark)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as UTF-8 or GB18030 (byte {exc.start})") from None


def encode(text: str, encoding: str) -> bytes:
    """A text in the encoding it was decoded from (:func:`decode`), its byte-order mark included."""
    if encoding.endswith("-sig"):
        codec = encoding[: -len("-sig")]
        mark = next(m for m, c in BYTE_ORDER_MARKS if c == codec)
        return mark + text.encode(codec)
    return text.encode(encoding)


def detect_shape(path: str, text: str) -> str:
    """Which text shape this is: markdown (or HTML), tab-separated tables, comma-separated values
    (a ``.csv`` file: a table exported from a spreadsheet), or a PDF dump.

    A text with markdown pipe tables (a ``|---|`` separator line and a few ``| … |`` rows) is
    markdown whatever its file name says: a converter's output saved as ``.txt``."""
    if path.lower().endswith(".csv"):
        return "csv"
    text = line_feeds(text)  # lone-CR lines are lines here too
    if path.lower().endswith(MARKUP_SUFFIXES) or has_pipe_tables(text) or HTML_START_RE.match(text):
        return "markdown"
    lines = text.splitlines()
    tabbed = sum(1 for line in lines if "\t" in line)
    if tabbed >= 5:
        return "tsv"
    return "dump"


def has_pipe_tables(text: str) -> bool:
    return PIPE_SEPARATOR_RE.search(text) is not None and len(PIPE_ROW_RE.findall(text)) >= 5


def read_text_source(path: str) -> SourceText:
    """Read a text report from disk."""
    return text_source(path, read_regular(path, MAX_TEXT_BYTES))


def read_stdin_source(name: str, stream: BinaryIO) -> SourceText:
    """Read a text report from a stream (standard input), reported and configured as ``name``."""
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"standard input is over the {MAX_TEXT_BYTES}-byte bound")
    return text_source(name, data)


def text_source(path: str, data: bytes) -> SourceText:
    """A text report's bytes as decoded text, with its shape and digest."""
    if data.startswith(b"PK\x03\x04"):
        raise InputError("binary file, not a text report: a zip archive (a .docx or .xlsx?); save it as text, HTML or CSV first")
    text, encoding = decode(data)
    check_bounds(text)
    return SourceText(path, text, encoding, detect_shape(path, text), digest=digest(data))
