"""The facts store: one SQLite file (standard library ``sqlite3``) holding every indexed report.

Rows are keyed by the report's path and a sequence number in reading order, never by time or
insertion order, so the same inputs always give the same rows (``fiscallint index`` with any
``-j``, incrementally or from scratch). The schema is versioned (``meta.schema_version``);
a store of another version is refused with a clear error. docs/facts.md documents the tables.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..ast import Span
from ..errors import InputError
from .records import CellFact, ClaimFact, Figure
from .identity import Identity

SCHEMA_VERSION = "1"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE reports (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, shape TEXT NOT NULL, error TEXT,
    name TEXT, name_key TEXT, own_unit INTEGER, level TEXT, kind TEXT, year INTEGER, parent TEXT,
    members TEXT
);
CREATE TABLE cells (
    path TEXT NOT NULL, seq INTEGER NOT NULL, table_seq INTEGER NOT NULL, table_number TEXT,
    table_kind TEXT, table_title TEXT, unit TEXT, code TEXT, label TEXT, column_no INTEGER,
    value TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, page INTEGER,
    PRIMARY KEY (path, seq)
);
CREATE TABLE claims (
    path TEXT NOT NULL, seq INTEGER NOT NULL, claim_seq INTEGER NOT NULL, kind TEXT NOT NULL,
    subject TEXT, role TEXT NOT NULL, value TEXT NOT NULL, unit TEXT, period TEXT,
    line INTEGER NOT NULL, col INTEGER NOT NULL, page INTEGER,
    PRIMARY KEY (path, seq)
);
CREATE TABLE figures (
    path TEXT NOT NULL, seq INTEGER NOT NULL, measure TEXT NOT NULL, code TEXT NOT NULL,
    year INTEGER NOT NULL, basis TEXT NOT NULL, value TEXT NOT NULL, tolerance TEXT NOT NULL,
    source TEXT NOT NULL, place TEXT, line INTEGER NOT NULL, col INTEGER NOT NULL,
    end_line INTEGER NOT NULL, end_col INTEGER NOT NULL, page INTEGER,
    PRIMARY KEY (path, seq)
);
CREATE INDEX figures_by_key ON figures (measure, code, year, basis);
"""
FACT_TABLES = ("cells", "claims", "figures")


@dataclass
class IndexedReport:
    """Everything the store keeps about one file (picklable: built in worker processes)."""

    path: str
    sha256: str
    shape: str
    error: str | None = None
    identity: Identity | None = None
    members: str = ""
    cells: list[tuple[CellFact, int | None]] | None = None
    claims: list[tuple[ClaimFact, int | None]] | None = None
    figures: list[tuple[Figure, int | None]] | None = None


@dataclass(frozen=True)
class StoredReport:
    path: str
    sha256: str
    identity: Identity | None
    members: str


@dataclass(frozen=True)
class StoredFigure:
    figure: Figure
    page: int | None


class FactsStore:
    """An open store; ``write`` creates it when missing."""

    def __init__(self, path: str, write: bool = False) -> None:
        from ..regular_files import kind_of

        self.path = path
        exists = os.path.exists(path)
        if not write and not exists:
            raise InputError(f"no facts store at {path} (create it with: fiscallint index REPORTS --db {path})")
        kind = kind_of(os.stat(path).st_mode) if exists else None
        if kind is not None:  # SQLite would block on a FIFO, or write into a device
            raise InputError(f"{path}: is {kind}, not a regular file (a facts store is a SQLite file)")
        try:
            if write:
                self.db = sqlite3.connect(path)
            else:
                self.db = sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True)
            version = self._version()
        except sqlite3.DatabaseError as exc:
            if write and not exists:
                raise InputError(f"cannot create a facts store at {path}: {exc}") from None
            if isinstance(exc, sqlite3.OperationalError):  # locked by another writer, unreadable
                raise InputError(f"{path}: cannot open the facts store: {exc}") from None
            raise InputError(f"{path} is not a fiscallint facts store: {exc}") from None
        if version is None and write:
            try:
                self.db.executescript(SCHEMA)
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
                self.db.commit()
            except sqlite3.Error as exc:
                self.db.close()
                raise InputError(f"cannot create a facts store at {path}: {exc}") from None
        elif version != SCHEMA_VERSION:
            raise InputError(f"{path}: facts store schema version {version or 'missing'}, expected {SCHEMA_VERSION} (re-index into a new file)")

    def _version(self) -> str | None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "meta" not in tables:
            return ""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return row[0] if row else ""

    def close(self) -> None:
        self.db.close()

    def hashes(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT path, sha256 FROM reports"))

    def failed(self) -> set[str]:
        """The paths stored with a read or parse error."""
        return {path for (path,) in self.db.execute("SELECT path FROM reports WHERE error IS NOT NULL")}

    def remove(self, path: str) -> None:
        for table in FACT_TABLES + ("reports",):
            self.db.execute(f"DELETE FROM {table} WHERE path = ?", (path,))

    def replace(self, record: IndexedReport) -> None:
        """Store a report's identity and facts, replacing whatever the path held before."""
        self.remove(record.path)
        i = record.identity
        self.db.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.path, record.sha256, record.shape, record.error,
             i and i.name, i and i.key, i and int(i.own_unit), i and i.level, i and i.kind, i and i.year,
             i and i.parent, record.members),
        )
        self.db.executemany(
            "INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.path, seq, c.table, c.number, c.kind, c.title, c.unit, c.code, c.label, c.column,
              c.value, c.line, c.col, page) for seq, (c, page) in enumerate(record.cells or [])],
        )
        self.db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.path, seq, c.claim, c.kind, c.subject, c.role, c.value, c.unit, c.period, c.line, c.col, page)
             for seq, (c, page) in enumerate(record.claims or [])],
        )
        self.db.executemany(
            "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(record.path, seq, f.measure, f.code, f.year, f.basis, str(f.value), str(f.tolerance), f.source,
              f.place, f.span.line, f.span.column, f.span.end_line, f.span.end_column, page)
             for seq, (f, page) in enumerate(record.figures or [])],
        )

    def commit(self) -> None:
        self.db.commit()

    def reports(self) -> list[StoredReport]:
        rows = self.db.execute(
            "SELECT path, sha256, name, name_key, own_unit, level, kind, year, parent, members, error "
            "FROM reports ORDER BY path"
        )
        found = []
        for path, sha, name, key, own, level, kind, year, parent, members, error in rows:
            identity = None if error or name is None else Identity(name, key, bool(own), level, kind, year, parent or "")
            found.append(StoredReport(path, sha, identity, members or ""))
        return found

    def figures(self, path: str) -> list[StoredFigure]:
        rows = self.db.execute(
            "SELECT measure, code, year, basis, value, tolerance, source, place, line, col, end_line, end_col, page "
            "FROM figures WHERE path = ? ORDER BY seq", (path,),
        )
        return [
            StoredFigure(Figure(m, c, y, b, Decimal(v), Decimal(t), s, p or "", Span(line, col, end_line, end_col)), page)
            for m, c, y, b, v, t, s, p, line, col, end_line, end_col, page in rows
        ]


@lru_cache(maxsize=4)
def open_for_reading(path: str) -> FactsStore:
    """One read-only connection per store and process, shared by the rules."""
    return FactsStore(path)
