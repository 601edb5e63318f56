"""Applying fixes (``Finding.fix``) to text and markdown sources.

``--fix`` applies safe fixes, ``--unsafe-fixes`` the unsafe ones too, display-only fixes never.
The fixed text is parsed and linted again: a fix whose finding is still there at the fixed place
is dropped and the rest applied afresh, at most :data:`MAX_FIX_ROUNDS` times.

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
from typing import Callable

from .ast import Span
from .errors import InputError
from .findings import Finding, Fix
from .source import MAX_TEXT_BYTES, digest, encode, line_feeds, read_regular, read_text_source

WRITABLE_SUFFIXES = (".txt", ".md", ".markdown", ".tsv")
MAX_FIX_ROUNDS = 4
Relint = Callable[[str], list[Finding]]
"""Lints a fixed text as the file it came from (same rules and settings)."""


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
    new, applied, _ = placed_fixes(text, fixes)
    return new, applied


def placed_fixes(text: str, fixes: list[Fix]) -> tuple[str, list[Fix], list[tuple[int, int]]]:
    """:func:`apply_fixes`, also giving where each applied fix starts in the new text (line, column)."""
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
    cursor = shift = 0
    begins: list[int] = []
    for begin, end, number in placed:
        pieces += [text[cursor:begin], fixes[number].replacement]
        begins.append(begin + shift)
        shift += len(fixes[number].replacement) - (end - begin)
        cursor = end
    pieces.append(text[cursor:])
    new = "".join(pieces)
    new_starts = offsets(new)
    places = []
    for begin in begins:
        line = bisect.bisect_right(new_starts, begin)
        places.append((line, begin - new_starts[line - 1] + 1))
    return new, [fixes[number] for _, _, number in placed], places


def verified_fixes(text: str, findings: list[Finding], relint: Relint | None, unsafe: bool = False) -> tuple[str, list[Finding]]:
    """Apply the applicable fixes of ``findings``; keep only fixes that clear their finding.

    The fixed text is linted again (``relint``); a fix whose finding (same code) still starts at
    the fixed place is dropped and the others applied afresh to the original text. After
    :data:`MAX_FIX_ROUNDS` rounds without a clean result nothing is applied."""
    candidates = [f for f in findings if f.fix is not None and f.fix.applies(unsafe)]
    for _ in range(MAX_FIX_ROUNDS):
        new, applied, places = placed_fixes(text, [f.fix for f in candidates])  # type: ignore[misc]
        done = {id(fix) for fix in applied}
        fixed = [f for f in candidates if id(f.fix) in done]
        if not fixed or relint is None:
            return new, fixed
        where = dict(zip((id(fix) for fix in applied), places))
        left = {(f.code, f.span.line, f.span.column) for f in relint(new)}
        failed = {id(f) for f in fixed if (f.code, *where[id(f.fix)]) in left}
        if not failed:
            return new, fixed
        candidates = [f for f in candidates if id(f) not in failed]
    return text, []


def fixed_text(
    path: str, findings: list[Finding], linted: str = "", unsafe: bool = False, relint: Relint | None = None
) -> tuple[str, str, str, list[Finding]] | None:
    """(original text, fixed text, encoding, fixed findings) for one writable file, or None.

    Safe fixes apply, unsafe ones too when ``unsafe``; with ``relint`` each is verified by
    linting the fixed text (:func:`verified_fixes`). ``linted`` is the digest of the bytes that
    were linted: if the file changed since, the spans no longer point at the figures they were
    computed for, and nothing is fixed."""
    if not any(f.fix is not None and f.fix.applies(unsafe) for f in findings) or not fixable(path):
        return None
    source = read_text_source(path)
    if linted and source.digest != linted:
        raise InputError("changed since it was linted; fixes not applied (run again)")
    new, fixed = verified_fixes(source.text, findings, relint, unsafe)
    if new == source.text:
        return None
    return source.text, new, source.encoding, fixed


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
        write_atomic(target, encode(text, encoding))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}") from None


def write_new(path: str, content: str | bytes) -> None:
    """Write an output file (``-o``, the baseline, an annotated PDF; text in UTF-8) atomically,
    through a symlink to its target. An existing output that is not a regular file (``/dev/null``,
    ``/dev/stdout``, a FIFO) is written into as a shell redirection would, never replaced."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        try:
            special = not stat.S_ISREG(os.stat(path).st_mode)
        except FileNotFoundError:
            special = False
        if special:
            with open(path, "wb") as out:
                out.write(data)
            return
        write_atomic(os.path.realpath(path), data, 0o666 & ~_umask())
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str, data: bytes, mode: int | None = None) -> None:
    """Replace a file's content atomically, keeping its mode.

    The temporary file is created in the file's own folder by ``tempfile.mkstemp`` (an
    unpredictable name opened with O_EXCL, so a planted symlink is never followed), then
    renamed over ``path``; the rename replaces a symlink at ``path`` rather than following it."""
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
