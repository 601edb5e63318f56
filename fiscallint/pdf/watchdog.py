"""Run a PDF extraction under a wall-clock bound that nothing inside it can escape.

Where the OS can fork, the work runs in a forked child that sends back its pickled result;
the parent waits at most ``seconds`` and kills the child when the bound passes, so neither a
pure-Python loop (a reference cycle in pdfminer) nor native code (PDFium) can hang the lint,
and a crash in native code ends that file only. Elsewhere the work runs in-process: the bound is
checked between pages, and a result that came after it is refused as one from the child is.

The work can be started before its result is wanted (:func:`start_bounded`), so the parent
does other work meanwhile. The bound holds for the work itself, from the start: the child
sends nothing until its work is done and sends "over" instead of a result that came too late,
so a parent that comes for the result late still gets a result finished in time.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from fiscallint.errors import InputError

T = TypeVar("T")


class Bounded(Generic[T]):
    """Work started under a wall-time bound; :meth:`result` waits for it, :meth:`cancel`
    drops it. The child is always reaped by one of the two."""

    def __init__(self, work: Callable[[], T], seconds: float, over: str) -> None:
        self.over = over
        self.deadline = time.monotonic() + seconds
        self.work: Callable[[], T] | None = None
        self.pid = 0
        self.fd = -1
        self.forked = hasattr(os, "fork")
        """Whether the work runs in a child (else in this process, in :meth:`result`)."""
        if not self.forked:
            self.work = work
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _own_group(0)
            _child(work, write_end, self.deadline, over)
        _own_group(pid)  # set on both sides, so it holds whichever runs first
        os.close(write_end)
        self.pid, self.fd = pid, read_end

    def result(self) -> T:
        """The work's value; InputError(``over``) when it took longer than the bound,
        InputError with the cause when it failed."""
        if self.work is not None:  # in this process: the bound is checked once the work is done
            work, self.work = self.work, None
            value = work()
            if time.monotonic() > self.deadline:
                raise InputError(self.over)
            return value
        payload: bytes | None = None
        try:
            payload = _read_until(self.fd, self.deadline)
        finally:
            os.close(self.fd)
            self.fd = -1
            if payload is None:
                _kill(self.pid)
        status = os.waitpid(self.pid, 0)[1] if payload is not None else None
        if payload is None:
            raise InputError(self.over)
        if not payload:
            raise stopped(status or 0)
        ok, value = pickle.loads(payload)
        if not ok:
            raise InputError(value)
        return value

    def cancel(self) -> None:
        """Stop the work if it is still running; its result is never taken."""
        self.work = None
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
            _kill(self.pid)


def start_bounded(work: Callable[[], T], seconds: float, over: str) -> Bounded[T]:
    """Start ``work()`` under a bound of ``seconds`` of wall time from now."""
    return Bounded(work, seconds, over)


def run_bounded(work: Callable[[], T], seconds: float, over: str) -> T:
    """``work()`` within ``seconds`` of wall time; InputError(``over``) when it takes longer,
    InputError with the cause when it fails."""
    return Bounded(work, seconds, over).result()


def _child(work: Callable[[], object], fd: int, deadline: float, over: str) -> None:
    code = 0
    try:
        try:
            message = pickle.dumps((True, work()))
        except InputError as exc:
            message = pickle.dumps((False, str(exc)))
        except RecursionError:
            message = pickle.dumps((False, "PDF structure nested too deeply"))
        except MemoryError:
            message = pickle.dumps((False, "PDF needs too much memory"))
        except BaseException as exc:  # any failure inside the engine ends this file only
            from fiscallint.pdf.page_content import describe  # (the reader's module, loaded there)

            message = pickle.dumps((False, f"cannot extract PDF ({describe(exc)})"))
        if time.monotonic() > deadline:  # done, but after the bound (the parent was busy)
            message = pickle.dumps((False, over))
        write_all(fd, message)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def write_all(fd: int, message: bytes) -> None:
    view = memoryview(message)
    while view:
        view = view[os.write(fd, view) :]


def stopped(status: int) -> InputError:
    """The error for a reader process that ended (wait ``status``) without sending anything."""
    code = os.waitstatus_to_exitcode(status)
    reason = f"signal {-code}" if code < 0 else f"exit {code}"
    return InputError(f"PDF reader stopped ({reason}); the file is damaged or over a bound")


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All bytes until EOF, or None when the deadline passes before the first one. The child
    writes only once its work is done, so the rest is waited for without a bound."""
    ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0.0))
    return read_to_end(fd) if ready else None


def read_to_end(fd: int) -> bytes:
    """All bytes until EOF."""
    parts = []
    while part := os.read(fd, 1 << 20):
        parts.append(part)
    return b"".join(parts)


def _own_group(pid: int) -> None:
    """Put the child (``pid``, 0 for itself) in a process group of its own, with any helper
    it forks (page_split.py), so that :func:`_kill` stops them all."""
    try:
        os.setpgid(pid, pid)
    except OSError:  # already done by the other side, or the child has already exited
        pass


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:  # no such group (the child never got there): the child alone
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.waitpid(pid, 0)
