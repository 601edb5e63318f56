"""Finding rules: the built-in pack and third-party packs, all through one entry-point group.

A pack registers in its ``pyproject.toml``::

    [project.entry-points."fiscallint.rules"]
    mypack = "mypack:rules"      # a callable returning Rule classes, or an iterable of them

A pack that fails to load is reported on stderr and skipped, never fatal.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.metadata import entry_points

from .rule import Rule

GROUP = "fiscallint.rules"


def _classes(obj: object) -> list[type[Rule]]:
    produced = obj() if callable(obj) and not isinstance(obj, type) else obj
    if isinstance(produced, type):
        produced = [produced]
    return [cls for cls in produced if isinstance(cls, type) and issubclass(cls, Rule)]  # type: ignore[union-attr]


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every available rule by code, built-in first, then third-party packs in name order."""
    rules: dict[str, type[Rule]] = {}
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
