"""A document's pages read by two processes, where a second core is there and the reading is
long enough to pay for it.

The reader takes page numbers from a queue — a pipe of page numbers, each read of one number
atomic — and reads the pages one after the other. Once it has read for SPLIT_AFTER seconds of
CPU time, it judges the pace: when the pages left would take it more than SPLIT_LEFT seconds
of CPU time, and it has had a core to itself (else other work would take the second one too),
it forks a helper (which inherits the open document with the fonts already loaded, the
imported engine and the passed decoded-size check), and both take the next unread page from
the queue until it is empty; the helper sends its pages back pickled. A short document is read by the reader
alone: there the helper's fork, the memory it copies and the pickling cost more CPU time than
they save, and the reading already overlaps the linter's own start-up (docs/performance.md).

Whichever process reads a page, the pages come back in order, and when pages fail the error
reported is that of the first failing page: every page before it was taken, and read, by one
of the two. So the result is that of reading the pages one after the other. The helper is in
the reader's process group, which the watchdog kills as a whole when the time bound passes.
"""

from __future__ import annotations

import gc
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator

from fiscallint.errors import InputError
from fiscallint.pdf.model import PageContent
from fiscallint.pdf.watchdog import read_to_end, stopped, write_all

MIN_PAGES = 4  # fewer pages are not worth a process
SPLIT_AFTER = 0.05  # seconds of CPU time reading before the pace is judged
SPLIT_LEFT = 0.2  # seconds of CPU time the pages left must take for a helper to be forked
OWN_CORE = 0.8  # share of the wall time the reader has had the CPU: more means a core to itself
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
    split = _Split(pages_of, queue, count, after_page)
    try:
        pages, failure = _take(pages_of, split.claims(), after_page)
        if failure is not None:
            _drain(queue)  # the helper stops after its current page
        payload = read_to_end(split.back) if split.pid else None
    finally:
        os.close(queue)
        split.close()
    if payload is None:
        return _in_order(pages, [failure], count)
    if not payload:
        raise stopped(split.status)
    their_pages, their_failure = pickle.loads(payload)
    pages.update(their_pages)
    return _in_order(pages, [failure, their_failure], count)


def worth_a_helper(cpu: float, wall: float, read: int, left: int) -> bool:
    """Whether, after reading ``read`` pages in ``cpu`` seconds of CPU time and ``wall``
    seconds, the ``left`` pages still to read would take more than SPLIT_LEFT of CPU time at
    that pace, on a machine that gave the reader a core (judged after SPLIT_AFTER)."""
    return cpu >= SPLIT_AFTER and read > 0 and cpu >= OWN_CORE * wall and cpu / read * left > SPLIT_LEFT


class _Split:
    """The reader's claims on the queue, which fork the helper when it pays (once)."""

    def __init__(self, pages_of: PageReader, queue: int, count: int, after_page: Callable[[int], None]) -> None:
        self.pages_of, self.queue, self.count, self.after_page = pages_of, queue, count, after_page
        self.pid = 0
        self.back = -1
        self.status = 0
        self.judging = True  # until the helper is forked, or cannot be

    def claims(self) -> Iterator[int]:
        """The page numbers this process reads: between two pages (none open), it judges
        the pace and forks the helper."""
        cpu, wall = time.process_time(), time.monotonic()
        read = 0
        for index in _claims(self.queue):
            yield index
            read += 1
            if self.judging and worth_a_helper(
                time.process_time() - cpu, time.monotonic() - wall, read, self.count - read
            ):
                self.judging = False
                self._fork()

    def _fork(self) -> None:
        """Fork the helper; where the system refuses (no memory, too many processes), this
        process reads on alone."""
        try:
            back, back_end = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(back)
            os.close(back_end)
            return
        if pid == 0:  # the helper: never returns
            os.close(back)
            gc.freeze()  # the inherited objects are never looked at (nor copied) by its collections
            _helper(self.pages_of, self.queue, back_end, self.after_page)
        os.close(back_end)
        self.pid, self.back = pid, back

    def close(self) -> None:
        if self.pid:
            os.close(self.back)
            self.status = os.waitpid(self.pid, 0)[1]


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
