"""fiscallint's built-in rules: one module per rule, each exporting its class as ``RULE``."""

from __future__ import annotations

import pkgutil
from importlib import import_module

from fiscallint.rule import Rule


def load() -> list[type[Rule]]:
    """Import every ``flNNN_*`` module of this package and return their rule classes."""
    classes: list[type[Rule]] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("fl") and info.name[2:5].isdigit():
            classes.append(import_module(f"{__name__}.{info.name}").RULE)
    return sorted(classes, key=lambda cls: cls.code)
