"""Work spread over a process pool that outlives a dead worker.

A worker that dies (killed, out of memory, a crash in native code) breaks the pool and every
task still pending in it. Those tasks are run again, each in a process of its own, so only a
task whose own process dies is lost, and every other result is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

R = TypeVar("R")


def surviving_map(
    function: Callable[..., R], tasks: list[tuple[object, ...]], jobs: int, dead: Callable[[tuple[object, ...]], R]
) -> Iterator[R]:
    """``function(*task)`` for each task, in ``jobs`` processes, yielded in the tasks' order;
    ``dead(task)`` stands for the result of a task whose own process died."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(function, *task) for task in tasks]
        for task, future in zip(tasks, futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                with ProcessPoolExecutor(max_workers=1) as alone:
                    try:
                        yield alone.submit(function, *task).result()
                    except BrokenProcessPool:
                        yield dead(task)
