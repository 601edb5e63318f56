"""Finding rules: the built-in pack and third-party packs, all through one entry-point group.

A pack registers in its ``pyproject.toml``::

    [project.entry-points."fiscallint.rules"]
    mypack = "mypack:rules"      # a callable returning Rule classes, or an iterable of them

A pack that fails to load is reported on stderr and skipped, never fatal. Importing
``importlib.metadata`` and reading every distribution costs a short run more than the rest of
the registry, so it is done only when a scan of the ``entry_points.txt`` files on ``sys.path``
finds a pack other than the built-in one (or cannot tell).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from .rule import Rule

GROUP = "fiscallint.rules"
BUILTIN = "builtin = fiscallint.rules:load"


def _classes(obj: object) -> list[type[Rule]]:
    produced = obj() if callable(obj) and not isinstance(obj, type) else obj
    if isinstance(produced, type):
        produced = [produced]
    return [cls for cls in produced if isinstance(cls, type) and issubclass(cls, Rule)]  # type: ignore[union-attr]


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every available rule by code, built-in first, then third-party packs in name order."""
    rules: dict[str, type[Rule]] = {}
    if _only_builtin_declared():
        from . import rules as builtin

        return dict(sorted((cls.code, cls) for cls in _classes(builtin.load)))
    from importlib.metadata import entry_points

    eps = sorted(entry_points(group=GROUP), key=lambda ep: (ep.name != "builtin", ep.name))
    loaded_builtin = False
    for ep in eps:
        try:
            classes = _classes(ep.load())
        except Exception as exc:  # a broken plugin must not stop linting
            print(f"fiscallint: rule pack {ep.name!r} failed to load: {exc}", file=sys.stderr)
            continue
        loaded_builtin |= ep.name == "builtin"
        for cls in classes:
            rules.setdefault(cls.code, cls)
    if not loaded_builtin:
        from . import rules as builtin

        for cls in _classes(builtin.load):
            rules.setdefault(cls.code, cls)
    return dict(sorted(rules.items()))


def _only_builtin_declared() -> bool:
    """Whether no distribution on ``sys.path`` declares a rule pack but the built-in one.

    Reads the ``entry_points.txt`` of every ``*.dist-info`` / ``*.egg-info`` folder (and an
    egg's ``EGG-INFO``) where importlib.metadata would look. Anything it cannot read the way
    importlib.metadata does (a zip file on the path, a finder with distributions of its own)
    answers no, and importlib.metadata decides.
    """
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return False
    for entry in sys.path:
        root = entry or "."
        if not os.path.isdir(root):
            if os.path.isfile(root):
                return False
            continue
        folders = [os.path.join(root, "EGG-INFO")] if root.lower().endswith(".egg") else []
        try:
            with os.scandir(root) as children:
                folders += [c.path for c in children if c.name.lower().endswith((".dist-info", ".egg-info"))]
        except OSError:
            return False
        for folder in folders:
            if not all(line == BUILTIN for line in _declared(os.path.join(folder, "entry_points.txt"))):
                return False
    return True


def _declared(path: str) -> list[str]:
    """The entries of the rule-pack group in an ``entry_points.txt`` (none when absent)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError):
        return ["?"]  # unreadable: let importlib.metadata decide
    if f"[{GROUP}]" not in text:
        return []
    section = text.split(f"[{GROUP}]", 1)[1].split("\n[", 1)[0]
    return [" ".join(line.replace("=", " = ").split()) for line in section.splitlines() if line.strip() and not line.lstrip().startswith(("#", ";"))]
