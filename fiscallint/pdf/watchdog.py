"""Run a PDF extraction under a wall-clock bound that nothing inside it can escape.

Where the OS can fork, the work runs in a forked child that sends back its pickled result;
the parent waits at most ``seconds`` and kills the child when the bound passes, so neither a
pure-Python loop (a reference cycle in pdfminer) nor native code (PDFium) can hang the lint,
and a crash in native code ends that file only. Elsewhere the work runs in-process and the
bound is checked between pages only.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from fiscallint.errors import InputError
from fiscallint.pdf.page_content import describe

T = TypeVar("T")


def run_bounded(work: Callable[[], T], seconds: float, over: str) -> T:
    """``work()`` within ``seconds`` of wall time; InputError(``over``) when it takes longer,
    InputError with the cause when it fails."""
    if not hasattr(os, "fork"):
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end)
    os.close(write_end)
    payload: bytes | None = None
    try:
        payload = _read_until(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
        if payload is None:
            _kill(pid)
    status = os.waitpid(pid, 0)[1] if payload is not None else None
    if payload is None:
        raise InputError(over)
    if not payload:
        code = os.waitstatus_to_exitcode(status) if status is not None else 0
        reason = f"signal {-code}" if code < 0 else f"exit {code}"
        raise InputError(f"PDF reader stopped ({reason}); the file is damaged or over a bound")
    ok, value = pickle.loads(payload)
    if not ok:
        raise InputError(value)
    return value


def _child(work: Callable[[], object], fd: int) -> None:
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
            message = pickle.dumps((False, f"cannot extract PDF ({describe(exc)})"))
        view = memoryview(message)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All bytes until EOF, or None when the deadline passes first."""
    parts = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
