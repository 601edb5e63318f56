"""Locating the shipped .lark grammars and building their parsers once per user, not per run.

Analysing a grammar into LALR tables takes a noticeable part of a short run, so the built
parser is kept with Lark's own cache in the per-user folder of :mod:`fiscallint.user_cache`
(``$XDG_CACHE_HOME/fiscallint`` or ``~/.cache/fiscallint``). Lark stores that cache with
pickle, so it is used only from a folder and a file owned by this user, writable by no one
else, and not symlinks; the file's name
carries a digest of the grammar, the options and the Lark, Python and fiscallint versions.
A cache file being written by a concurrent run fails to load and is simply rebuilt (Lark's
own fallback, silent). Anything unusual (no home, a read-only disk, a foreign owner) silently builds the parser anew;
``FISCALLINT_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..user_cache import cache_folder, private

if TYPE_CHECKING:
    from lark import Lark

_HERE = Path(__file__).resolve().parent


def grammar_text(name: str) -> str:
    """The text of a grammar file from ``grammar/``."""
    for folder in (_HERE.parent / "grammar", _HERE.parent.parent / "grammar"):
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(f"grammar {name} is not installed")


def build_parser(name: str, **options: object) -> Lark:
    """The Lark parser of grammar ``name`` with ``options``, from the user's cache when it can."""
    from lark import Lark, __version__ as lark_version

    text = grammar_text(name)
    key = "\x1f".join((text, repr(sorted((k, str(v)) for k, v in options.items())), lark_version, sys.version, __version__))
    folder = cache_folder()
    if folder is None:
        return Lark(text, **options)
    path = folder / f"{Path(name).stem}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.lark"
    if not os.path.lexists(path):
        try:  # created private and empty: Lark finds nothing to load, builds, and fills it
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600))
        except OSError:
            return Lark(text, **options)
    if not private(path, stat.S_ISREG):
        return Lark(text, **options)  # someone else's file: neither read nor replaced
    return Lark(text, cache=str(path), **options)
