"""What a cross-report rule sees: the linted report's identity and figures, and its peers in the store.

The rules run only when ``fiscallint check --db STORE`` gives a store (``settings["facts_db"]``:
a path, or an open :class:`FactsStore`). A report's figures are read from its own AST (the same
reading the store holds); a peer's come from the store. Each report contributes one figure per
key: a table figure before a narrative one before a derived one, and none at all when its own
figures for that key disagree (the single-report rules report that; comparing it across reports
would only repeat it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterator

from ..findings import Finding
from ..numbers import fmt
from ..rule import Context, Rule
from .figures import figures
from .identity import Identity, identify
from .pairs import Directory, Matches, department_of, same_unit
from .records import Figure
from .store import FactsStore, StoredFigure, StoredReport, open_for_reading

Key = tuple[str, str, int, str]
SOURCE_ORDER = {"table": 0, "narrative": 1, "derived": 2}


@dataclass
class Peer:
    """A stored report matched to the linted one, with its representative figures."""

    report: StoredReport
    figures: dict[Key, StoredFigure]

    @property
    def identity(self) -> Identity:
        assert self.report.identity is not None
        return self.report.identity

    def where(self, figure: StoredFigure) -> str:
        page = f"page {figure.page}:" if figure.page else ""
        return f"{self.report.path}:{page}{figure.figure.line}:{figure.figure.column}"

    def title(self) -> str:
        return self.identity.title()


@dataclass
class Peers:
    """The linted report (identity, representative figures) and access to its matched peers."""

    identity: Identity
    own: dict[Key, Figure]
    store: FactsStore
    directory: Directory
    path: str
    cache: dict[str, Peer] = field(default_factory=dict)

    def _peer(self, report: StoredReport) -> Peer:
        if report.path not in self.cache:
            stored = self.store.figures(report.path)
            chosen = representative([s.figure for s in stored])
            by_figure = {id(s.figure): s for s in stored}
            self.cache[report.path] = Peer(report, {k: by_figure[id(f)] for k, f in chosen.items()})
        return self.cache[report.path]

    def same_unit(self, year: int, kind: str) -> list[Peer]:
        """The stored reports of this unit for ``year`` and ``kind`` (none when the match is ambiguous)."""
        matches = same_unit(self.identity, self.directory, self.path)
        return [self._peer(r) for r in _of(matches, year, kind)]

    def departments(self) -> list[Peer]:
        """The department reports of this unit report for its year and kind."""
        matches = department_of(self.identity, self.directory, self.path)
        assert self.identity.year is not None
        return [self._peer(r) for r in _of(matches, self.identity.year, self.identity.kind)]


def _of(matches: Matches, year: int, kind: str) -> list[StoredReport]:
    return [r for r in matches.reports if r.identity and r.identity.year == year and r.identity.kind == kind]


def representative(found: list[Figure]) -> dict[Key, Figure]:
    """One figure per key (table, then narrative, then derived); a key whose figures disagree is dropped."""
    groups: dict[Key, list[Figure]] = {}
    for figure in found:
        groups.setdefault(figure.key, []).append(figure)
    chosen: dict[Key, Figure] = {}
    for key, group in groups.items():
        group.sort(key=lambda f: SOURCE_ORDER[f.source])
        if all(difference(group[0], other) is None for other in group[1:]):
            chosen[key] = group[0]
    return chosen


def difference(a: Figure, b: Figure) -> Decimal | None:
    """``a − b`` when it exceeds what the two figures' rounding allows, else None."""
    delta = a.value - b.value
    return delta if abs(delta) > a.tolerance + b.tolerance else None


def amount(value: Decimal) -> str:
    """A 万元 figure as a reader would print it: two decimals unless it carries more."""
    return fmt(value) if value == value.quantize(Decimal("0.01")) else f"{value.normalize():f}"


_last: tuple[Context, Peers | None] | None = None
_last_directory: tuple[FactsStore, Directory] | None = None


def _directory(store: FactsStore) -> Directory:
    """The store's reports, read once per store and process (a store is not written while checking)."""
    global _last_directory
    if _last_directory is None or _last_directory[0] is not store:
        _last_directory = (store, Directory(store.reports()))
    return _last_directory[1]


def peers_of(context: Context) -> Peers | None:
    """The linted report's peers, or None without a store or a report year (computed once per report)."""
    global _last
    if _last is not None and _last[0] is context:
        return _last[1]
    found: Peers | None = None
    db = context.settings.get("facts_db")
    if db:
        store = db if isinstance(db, FactsStore) else open_for_reading(str(db))
        identity = identify(context.report)
        if identity.year is not None:
            own = representative(figures(context.report, identity, context.model))
            found = Peers(identity, own, store, _directory(store), os.path.normpath(context.report.path))
    _last = (context, found)
    return found


def message(lead: str, own: Figure, relation: str, peer: Peer, other: StoredFigure, delta: Decimal, tail: str = "") -> str:
    """“<lead><what> <a>（<place>）<relation>… <where> 的 <b>（<place>）：a − b = d”."""
    a, b = amount(own.value), amount(other.figure.value)
    return (
        f"{lead}{own.describe()} {a}（{own.place}）{relation}{peer.title()} {peer.where(other)} 的 {b}"
        f"（{other.figure.place}）：{a} − {b} = {amount(delta)}{tail}"
    )


def compare(
    rule: Rule,
    own: Iterator[Figure],
    peers: list[Peer],
    conflict: Callable[[Figure, Figure], Decimal | None],
    message: Callable[[Figure, Peer, StoredFigure, Decimal], str],
) -> Iterator[Finding]:
    """One finding per own figure and peer whose figure for the same key conflicts."""
    for figure in own:
        for peer in peers:
            other = peer.figures.get(figure.key)
            if other is None:
                continue
            delta = conflict(figure, other.figure)
            if delta is not None and not rule.tolerated(delta):
                yield rule.finding(figure.span, message(figure, peer, other, delta))

