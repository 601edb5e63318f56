"""The per-user cache folder (``$XDG_CACHE_HOME/fiscallint`` or ``~/.cache/fiscallint``), used only
when it is private: a folder and files owned by this user, writable by no one else, and not
symlinks. ``FISCALLINT_NO_CACHE=1`` turns the cache off. It holds the built grammars
(:mod:`fiscallint.parser.grammar_files`); this module imports nothing of the pipeline, so it is cheap."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


def cache_folder() -> Path | None:
    """The per-user cache folder (created private), or None when there is no usable one."""
    if os.environ.get("FISCALLINT_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base) / "fiscallint"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if private(folder, stat.S_ISDIR) and os.access(folder, os.W_OK) else None


def private(path: Path, kind: Callable[[int], bool]) -> bool:
    """``path`` is of ``kind`` (not a symlink), owned by this user and writable by no one else."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    owner = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
    return kind(info.st_mode) and owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
