"""Locating the shipped .lark grammars (inside the installed package, or in a checkout)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def grammar_text(name: str) -> str:
    """The text of a grammar file from ``grammar/``."""
    for folder in (_HERE / "grammar", _HERE.parent / "grammar"):
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(f"grammar {name} is not installed")
