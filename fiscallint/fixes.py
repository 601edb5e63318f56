"""Applying safe fixes (``Finding.fix``) to text and markdown sources.

Fixes are applied to the decoded text with its line endings untouched, then written back in
the file's own encoding through a temporary file and an atomic rename. PDFs are never written.
A file is written only when its bytes still hash to what was linted, it is writable by its
mode bits, and it has a single hard link; a symlink is followed and its target fixed.
"""

from __future__ import annotations

import bisect
import difflib
import os
import stat
import tempfile

from .ast import Span
from .errors import InputError
from .findings import Finding, Fix
from .source import MAX_TEXT_BYTES, digest, line_feeds, read_regular, read_text_source

WRITABLE_SUFFIXES = (".txt", ".md", ".markdown", ".tsv")


def fixable(path: str) -> bool:
    return path.lower().endswith(WRITABLE_SUFFIXES)


def offsets(text: str) -> list[int]:
    """Offset of the start of each line: lines end at LF, CRLF (the CR stays in its line) or a
    lone CR, as the parser reads them."""
    starts = [0]
    normalised = line_feeds(text)
    index = normalised.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = normalised.find("\n", index + 1)
    return starts


def span_offsets(starts: list[int], text: str, span: Span) -> tuple[int, int] | None:
    """Character offsets of a span, or None when it does not fit the text."""
    if not (1 <= span.line <= len(starts) and 1 <= span.end_line <= len(starts)):
        return None
    begin = starts[span.line - 1] + span.column - 1
    end = starts[span.end_line - 1] + span.end_column - 1
    line_end = starts[span.end_line] - 1 if span.end_line < len(starts) else len(text)
    if begin > end or end > line_end:
        return None
    return begin, end


def apply_fixes(text: str, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes (earliest first wins); return the text and the applied fixes.

    Linear in the text and n·log n in the fixes: placed ranges are kept sorted."""
    starts = offsets(text)
    placed: list[tuple[int, int, int]] = []  # (begin, end, index in fixes), sorted
    for number, fix in enumerate(fixes):
        where = span_offsets(starts, text, fix.span)
        if where is None:
            continue
        at = bisect.bisect_left(placed, where)
        neighbours = placed[max(at - 1, 0) : at + 2]
        if any(where[0] < e and s < where[1] or where == (s, e) for s, e, _ in neighbours):
            continue
        placed.insert(at, (*where, number))
    pieces: list[str] = []
    cursor = 0
    for begin, end, number in placed:
        pieces += [text[cursor:begin], fixes[number].replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), [fixes[number] for _, _, number in placed]


def fixed_text(path: str, findings: list[Finding], linted: str = "") -> tuple[str, str, str, list[Finding]] | None:
    """(original text, fixed text, encoding, fixed findings) for one writable file, or None.

    ``linted`` is the digest of the bytes that were linted: if the file changed since, the
    spans no longer point at the figures they were computed for, and nothing is fixed."""
    fixes = [f.fix for f in findings if f.fix is not None]
    if not fixes or not fixable(path):
        return None
    source = read_text_source(path)
    if linted and source.digest != linted:
        raise InputError("changed since it was linted; fixes not applied (run again)")
    new, applied = apply_fixes(source.text, fixes)
    if new == source.text:
        return None
    done = {id(fix) for fix in applied}
    return source.text, new, source.encoding, [f for f in findings if f.fix is not None and id(f.fix) in done]


def unified_diff(path: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write_fixed(path: str, text: str, encoding: str, linted: str) -> None:
    """Write the fixed text over ``path`` (its symlink target, if it is one), or refuse with an
    InputError: a read-only or hard-linked file, or one whose bytes changed since ``linted``."""
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
        if not stat.S_IMODE(info.st_mode) & 0o222:
            raise InputError("read-only file; fixes not applied")
        if info.st_nlink > 1:
            raise InputError(f"has {info.st_nlink} hard links; fixes not applied (an atomic rewrite would split them)")
        if linted and digest(read_regular(target, MAX_TEXT_BYTES)) != linted:
            raise InputError("changed since it was linted; fixes not applied (run again)")
        write_atomic(target, text, encoding)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}") from None


def write_new(path: str, text: str) -> None:
    """Write an output file (``-o``) atomically in UTF-8 (through a symlink to its target)."""
    try:
        write_atomic(os.path.realpath(path), text, "utf-8", 0o666 & ~_umask())
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, text: str, encoding: str, mode: int | None = None) -> None:
    """Replace a file's content atomically, keeping its encoding (BOM included) and mode.

    The temporary file is created in the file's own folder by ``tempfile.mkstemp`` (an
    unpredictable name opened with O_EXCL, so a planted symlink is never followed), then
    renamed over ``path``; the rename replaces a symlink at ``path`` rather than following it."""
    data = text.encode(encoding)
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode if mode is None else mode
    handle, temporary = tempfile.mkstemp(prefix=".fiscallint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise
