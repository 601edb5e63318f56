"""Filling the facts store: parse each changed file once (in ``jobs`` processes), write its facts.

A file whose content hash (SHA-256 of its bytes) is already stored under its path is skipped
without being parsed, unless it failed then (it is read, and its failure reported, again); a
changed file's facts are replaced; a stored path that no longer exists on disk is dropped. Only the main process writes, in path order, so the store does not depend
on ``jobs`` or on the order workers finish.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Iterator

from ..ast import Report, Section
from ..errors import InputError
from .store import FactsStore, IndexedReport

MEMBER_TITLES = ("单位构成", "机构设置", "单位范围", "纳入")
MEMBERS_MAX = 4000


@dataclass
class IndexSummary:
    indexed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def file_hash(path: str) -> str:
    """The SHA-256 of a regular file's bytes (a device, FIFO or socket is an InputError)."""
    from ..source import open_regular

    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def utf8_name(path: str) -> bool:
    """Whether ``path`` has no undecodable byte (a lone surrogate), so that SQLite can store it."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_report(path: str) -> Report:
    """Parse a file as ``fiscallint check`` does (inline directives blanked first)."""
    from ..engine import read_source
    from ..suppress import parse_blanked

    return parse_blanked(read_source(path))[0]


def index_file(path: str, sha256: str) -> IndexedReport:
    """Everything stored about one file; a read or parse failure is recorded, never raised."""
    try:
        report = read_report(path)
    except InputError as exc:
        return IndexedReport(path, sha256, "", error=str(exc))
    except Exception as exc:  # a parser bug must not stop the other files
        return IndexedReport(path, sha256, "", error=f"internal error: {type(exc).__name__}: {exc}")
    return record_of(report, sha256)


def record_of(report: Report, sha256: str) -> IndexedReport:
    """A parsed report's identity and facts, as stored."""
    from .figures import cells, claim_numbers, figures
    from .identity import identify

    identity = identify(report)
    page = report.page_of
    return IndexedReport(
        report.path, sha256, report.shape, identity=identity, members=members_text(report),
        cells=[(c, page(c.line)) for c in cells(report)],
        claims=[(c, page(c.line)) for c in claim_numbers(report, identity)],
        figures=[(f, page(f.line)) for f in figures(report, identity)],
    )


def memory_store(documents: list[tuple[str, str]]) -> FactsStore:
    """An in-memory store of texts (path, text): for tests and rule examples."""
    from ..parser import parse_source
    from ..source import SourceText, detect_shape

    store = FactsStore(":memory:", write=True)
    for path, text in documents:
        report = parse_source(SourceText(path, text, "utf-8", detect_shape(path, text)))
        store.replace(record_of(report, hashlib.sha256(text.encode()).hexdigest()))
    store.commit()
    return store


def members_text(report: Report) -> str:
    """The text of the sections naming the units a department includes (决算单位构成, 机构设置)."""
    parts: list[str] = []

    def walk(section: Section, inside: bool) -> None:
        inside = inside or any(word in section.title for word in MEMBER_TITLES)
        if inside:
            parts.extend(p.text for p in section.paragraphs)
        for child in section.children:
            walk(child, inside)

    walk(report.root, False)
    return "".join("".join(parts).split())[:MEMBERS_MAX]


def index_paths(files: list[str], db_path: str, jobs: int, dask: str | None = None) -> IndexSummary:
    """Bring the store at ``db_path`` up to date with ``files``, parsing in ``jobs`` processes
    or, with ``dask`` ("local" or a scheduler address), on a Dask cluster."""
    store = FactsStore(db_path, write=True)
    summary = IndexSummary()
    try:
        stored = store.hashes()
        failed_before = store.failed()
        todo: list[tuple[str, str]] = []
        for path in sorted(set(os.path.normpath(f) for f in files)):
            if not utf8_name(path):
                summary.failed[path] = "the file name is not valid UTF-8: the facts store cannot keep it"
                continue
            try:
                sha = file_hash(path)
            except InputError as exc:
                summary.failed[path] = str(exc)
                continue
            except OSError as exc:  # a read error after a regular file was opened
                summary.failed[path] = exc.strerror or str(exc)
                continue
            if stored.get(path) == sha and path not in failed_before:  # a failure is read again, and reported again
                summary.unchanged.append(path)
            else:
                todo.append((path, sha))
        for path in sorted(stored):
            if not os.path.exists(path):
                store.remove(path)
                summary.removed.append(path)
        if dask:
            from .cluster import run_on_dask

            records = run_on_dask(todo, dask, jobs, index_file)
        else:
            records = _run(todo, jobs)
        for record in records:
            store.replace(record)
            if record.error:
                summary.failed[record.path] = record.error
            else:
                summary.indexed.append(record.path)
        store.commit()
    except sqlite3.Error as exc:  # locked by another writer, disk full, …
        raise InputError(f"{db_path}: cannot update the facts store: {exc}") from None
    finally:
        store.close()
    return summary


def _run(todo: list[tuple[str, str]], jobs: int) -> Iterator[IndexedReport]:
    """Index files in order, in ``jobs`` processes (0: one per CPU); results stream in path
    order. A file whose process dies is recorded as failed; the others are still indexed."""
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(todo) > 1:
        from ..workers import surviving_map

        def died(task: tuple[object, ...]) -> IndexedReport:
            path, sha = task
            return IndexedReport(str(path), str(sha), "", error="the process parsing this file died (killed or out of memory)")

        yield from surviving_map(index_file, list(todo), min(jobs, len(todo)), died)
        return
    for path, sha in todo:
        yield index_file(path, sha)
