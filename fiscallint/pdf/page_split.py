"""A document's pages read by two processes, where a second core is there to do it.

The reader forks a helper once the document is open (the helper inherits the open document,
the imported engine and the passed decoded-size check), and both take the next unread page
from a shared queue — a pipe of page numbers, each read of one number atomic — until it is
empty; the helper sends its pages back pickled. Whichever process reads a page, the pages
come back in order, and when pages fail the error reported is that of the first failing
page: every page before it was taken, and read, by one of the two. So the result is that of
reading the pages one after the other. The helper is in the reader's process group, which
the watchdog kills as a whole when the time bound passes.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable, Iterator

from fiscallint.errors import InputError
from fiscallint.pdf.model import PageContent
from fiscallint.pdf.watchdog import read_to_end, stopped, write_all

MIN_PAGES = 4  # fewer pages are not worth a process
_WIDTH = 4  # bytes of one queued page number
_QUEUE_BYTES = 4096  # the queue is written whole before anyone reads (a pipe holds at least this)

PageReader = Callable[[Iterable[int]], Iterator[PageContent]]
Outcome = tuple[dict[int, PageContent], "tuple[int, str] | None"]


def read_all(count: int, pages_of: PageReader, after_page: Callable[[int], None]) -> list[PageContent]:
    """Pages 0 … count-1 read by ``pages_of`` (which yields one page per index it is given, in
    order); ``after_page(index)`` runs after each page and raises InputError to stop.

    ``pages_of`` must read each page the same whichever pages were read before, and must not
    read through a file offset that the two processes would share (both engines read the
    document from memory)."""
    if count < MIN_PAGES or count * _WIDTH > _QUEUE_BYTES or _cores() < 2 or not hasattr(os, "fork"):
        pages, failure = _take(pages_of, range(count), after_page)
        return _in_order(pages, [failure], count)
    queue, queue_end = os.pipe()
    os.write(queue_end, b"".join(i.to_bytes(_WIDTH, "little") for i in range(count)))
    os.close(queue_end)
    back, back_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: never returns
        os.close(back)
        _helper(pages_of, queue, back_end, after_page)
    os.close(back_end)
    try:
        pages, failure = _take(pages_of, _claims(queue), after_page)
        if failure is not None:
            _drain(queue)  # the helper stops after its current page
        payload = read_to_end(back)
    finally:
        os.close(queue)
        os.close(back)
        status = os.waitpid(pid, 0)[1]
    if not payload:
        raise stopped(status)
    their_pages, their_failure = pickle.loads(payload)
    pages.update(their_pages)
    return _in_order(pages, [failure, their_failure], count)


def _cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _take(pages_of: PageReader, indices: Iterable[int], after_page: Callable[[int], None]) -> Outcome:
    """The pages read for ``indices`` (taken one at a time), and (index, message) of the page
    whose reading failed, if one did (reading stops there)."""
    taken: list[int] = []

    def claimed() -> Iterator[int]:
        for index in indices:
            taken.append(index)
            yield index

    pages: dict[int, PageContent] = {}
    try:
        for page in pages_of(claimed()):
            pages[taken[-1]] = page
            after_page(taken[-1])
    except InputError as exc:
        return pages, (taken[-1] if taken else -1, str(exc))
    return pages, None


def _in_order(pages: dict[int, PageContent], failures: list[tuple[int, str] | None], count: int) -> list[PageContent]:
    failed = [f for f in failures if f is not None]
    if failed:
        raise InputError(min(failed)[1])
    return [pages[i] for i in range(count)]


def _claims(queue: int) -> Iterator[int]:
    while len(data := os.read(queue, _WIDTH)) == _WIDTH:
        yield int.from_bytes(data, "little")


def _drain(queue: int) -> None:
    while os.read(queue, _QUEUE_BYTES):
        pass


def _helper(pages_of: PageReader, queue: int, back: int, after_page: Callable[[int], None]) -> None:
    code = 0
    try:
        write_all(back, pickle.dumps(_take(pages_of, _claims(queue), after_page)))
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no closing of the parent's document
