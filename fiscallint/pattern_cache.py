"""Compiled regular expressions kept between runs.

Importing the lint pipeline compiles about two hundred regular expressions (the parser's, the
rules' and Lark's): Python's ``re`` parses every pattern and compiles it into the code of its
matching engine anew in each process, about a tenth of a short check's CPU time. While the
pipeline is imported, :func:`kept_patterns` lets ``re`` take that code from a file in the
per-user cache folder (:mod:`fiscallint.user_cache`) and, when a pattern was not in it, writes
the file anew with the patterns of this run (so it never grows past one run's).

A pattern is stored only when the one built from the stored code equals the one ``re`` itself
compiles (a pattern's equality compares its code), the file's name carries the interpreter's
cache tag and version and the engine's magic number, and ``_sre.compile`` validates any code it is given.
The file holds plain strings, numbers and bytes written with marshal, is read only from a
private folder and file, and is checked entry by entry; anything else (no file, a damaged one,
no cache folder, ``FISCALLINT_NO_CACHE=1``, an ``re`` without the expected internals) compiles
as usual.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fiscallint.user_cache import cache_folder, private

# (flags, engine code as unsigned 32-bit words, groups - 1, group index, index group)
Entry = tuple[int, bytes, int, dict, tuple]
Key = tuple["str | bytes", int]


@contextmanager
def kept_patterns() -> Iterator[None]:
    """Within the block, ``re`` compiles patterns with the cached code (see the module)."""
    try:
        import _sre
        from re import _compiler, _parser

        engine = (_compiler.compile, _compiler._code, _compiler.SRE_FLAG_DEBUG, _parser.parse, _sre.compile, _sre.MAGIC)
    except (ImportError, AttributeError):
        engine = None
    folder = cache_folder() if engine is not None else None
    if engine is None or folder is None:
        yield
        return
    original, code_of, debug, parse, build, magic = engine
    version = ".".join(map(str, sys.version_info[:3]))
    path = folder / f"patterns-{sys.implementation.cache_tag}-{version}-{magic}.marshal"
    known = _load(path)
    used: dict[Key, Entry] = {}
    missing = False

    def from_entry(pattern: str | bytes, entry: Entry) -> Any:
        flags, code, groups, group_index, index_group = entry
        return build(pattern, flags, array("I", code).tolist(), groups, group_index, index_group)

    def compile_kept(pattern: Any, flags: int = 0) -> Any:
        nonlocal missing
        if not isinstance(pattern, (str, bytes)) or flags & debug:
            return original(pattern, flags)
        key = (pattern, int(flags))
        entry = known.get(key)
        if entry is not None:
            try:
                compiled = from_entry(pattern, entry)
            except Exception:  # not this engine's code after all: compiled as usual below
                pass
            else:
                used[key] = entry
                return compiled
        compiled = original(pattern, flags)
        try:
            entry = _entry(pattern, int(flags), parse, code_of)
            if from_entry(pattern, entry) == compiled:
                used[key] = entry
                missing = True
        except Exception:  # kept out of the file, compiled as usual
            pass
        return compiled

    _compiler.compile = compile_kept
    try:
        yield
    finally:
        _compiler.compile = original
    if missing:
        _store(path, used)


def _entry(pattern: str | bytes, flags: int, parse: Any, code_of: Any) -> Entry:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``pattern``."""
    tree = parse(pattern, flags)
    code = array("I", [int(word) for word in code_of(tree, flags)]).tobytes()
    group_index = dict(tree.state.groupdict)
    index_group: list[str | None] = [None] * tree.state.groups
    for name, number in group_index.items():
        index_group[number] = name
    return int(flags | tree.state.flags), code, int(tree.state.groups - 1), group_index, tuple(index_group)


def _load(path: Path) -> dict[Key, Entry]:
    """The entries of the file, if it is private and well formed; else none."""
    if not private(path, stat.S_ISREG):
        return {}
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fh:
            table = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict) or not all(_well_formed(k, v) for k, v in table.items()):
        return {}
    return table


def _well_formed(key: object, entry: object) -> bool:
    return (
        isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], (str, bytes)) and type(key[1]) is int
        and isinstance(entry, tuple) and len(entry) == 5
        and type(entry[0]) is int and type(entry[1]) is bytes and type(entry[2]) is int
        and isinstance(entry[3], dict) and isinstance(entry[4], tuple)
    )


def _store(path: Path, table: dict[Key, Entry]) -> None:
    """Write the file anew (a private temporary file in the folder, then renamed over it)."""
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(table, fh)
        os.replace(temporary, path)
    except (OSError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass
