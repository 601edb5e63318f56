"""Regular expressions compiled on first use.

The pipeline holds about 230 patterns made at import, and a run uses about half of them (which
half depends on the document: its shape, its tables, its performance tables). Compiling them
all at import took about 30 ms of CPU time, a twelfth of a PDF check's (character classes over
CJK characters are slow to compile). :func:`lazy` stands for a pattern and compiles it, with
``re.compile``, when one of its methods or attributes is first asked for; from then on it
answers with the compiled pattern's own bound methods, at no extra cost per call.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any, cast

# what a compiled pattern answers; copied onto the stand-in once compiled
_ANSWERS = (
    "match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
    "flags", "groups", "groupindex",
)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that behaves as ``re.compile(pattern, flags)`` and is compiled on first use.
    Its ``pattern`` string is there without compiling (to build other patterns from)."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


def compile_now(module: ModuleType) -> None:
    """Compile the lazy patterns that are names of ``module`` (done while the command line
    waits for a PDF's text, so that the parse after it does not)."""
    for value in list(vars(module).values()):
        if isinstance(value, _Lazy):
            value.match  # noqa: B018 (the first attribute asked for compiles it)


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: compile
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for answer in _ANSWERS:
            setattr(self, answer, getattr(compiled, answer))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return lazy, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"
