"""Applying safe fixes (``Finding.fix``) to text and markdown sources.

Fixes are applied to the decoded text with its line endings untouched, then written back in
the file's own encoding through a temporary file and an atomic rename. PDFs are never written.
"""

from __future__ import annotations

import difflib
import os
import tempfile

from .ast import Span
from .errors import InputError
from .findings import Finding, Fix
from .source import read_text_source

WRITABLE_SUFFIXES = (".txt", ".md", ".markdown", ".tsv")


def fixable(path: str) -> bool:
    return path.lower().endswith(WRITABLE_SUFFIXES)


def offsets(text: str) -> list[int]:
    """Offset of the start of each line (lines split on "\\n"; a "\\r" stays in its line)."""
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
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
    """Apply non-overlapping fixes (earliest first wins); return the text and the applied fixes."""
    starts = offsets(text)
    placed: list[tuple[int, int, Fix]] = []
    for fix in fixes:
        where = span_offsets(starts, text, fix.span)
        if where is None or any(where[0] < e and s < where[1] or where == (s, e) for s, e, _ in placed):
            continue
        placed.append((*where, fix))
    for begin, end, fix in sorted(placed, key=lambda p: p[0], reverse=True):
        text = text[:begin] + fix.replacement + text[end:]
    return text, [p[2] for p in sorted(placed, key=lambda p: p[0])]


def fixed_text(path: str, findings: list[Finding]) -> tuple[str, str, str, list[Finding]] | None:
    """(original text, fixed text, encoding, fixed findings) for one writable file, or None."""
    fixes = [f.fix for f in findings if f.fix is not None]
    if not fixes or not fixable(path):
        return None
    source = read_text_source(path)
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


def write_new(path: str, text: str) -> None:
    """Write an output file (``-o``) atomically in UTF-8."""
    try:
        write_atomic(path, text, "utf-8", 0o666 & ~_umask())
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, text: str, encoding: str, mode: int | None = None) -> None:
    """Replace a file's content atomically, keeping its encoding (BOM included) and mode."""
    data = text.encode(encoding)
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode if mode is None else mode
    handle, temporary = tempfile.mkstemp(prefix=".fiscallint-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
