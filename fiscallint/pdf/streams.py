"""Decoded-size bound: inflate every zlib stream of the file (streaming, output discarded)
before an engine sees it, so a small file that decodes to gigabytes is refused up front.

Streams are recognised by their data, not by their dictionary (which a hostile file can pad or
hide in an object stream): the data after each ``stream`` keyword is inflated when it starts with
a zlib header, and an inflated output that itself starts with one is inflated again (chained
``/FlateDecode`` filters), up to MAX_LAYERS deep. The output of every layer counts, since an
engine holds every layer in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from itertools import chain

from fiscallint.errors import InputError

MAX_LAYERS = 4
_CHUNK = 1 << 16


class _Budget:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise over_bound(self.limit)


def over_bound(limit: int) -> InputError:
    return InputError(f"streams decode to over {limit} bytes (decoded-size bound max_decoded_bytes)")


def check_decoded_size(data: bytes, limit: int, share: tuple[int, int] = (0, 1)) -> int:
    """Total decoded size of the zlib streams in ``data`` (every layer); raises InputError as
    soon as it passes ``limit``. ``share`` = (k, n): only every n-th stream from the k-th, so
    that n processes share the work (their totals add up to the whole's)."""
    budget = _Budget(limit)
    view = memoryview(data)
    first, step = share
    for n, start in enumerate(_stream_starts(data)):
        if n % step == first and _is_zlib(data[start : start + 2]):
            for _ in _layers(_slices(view, start), budget, 0):
                pass
    return budget.used


def _stream_starts(data: bytes) -> Iterator[int]:
    """Where the data of each `stream` keyword begins."""
    at = data.find(b"stream")
    while at >= 0:
        end = at + 6
        if data[end : end + 1] == b"\r":
            end += 1
        if data[end : end + 1] == b"\n" and data[max(0, at - 3) : at] != b"end":
            yield end + 1
        at = data.find(b"stream", at + 6)


def _is_zlib(head: bytes | memoryview) -> bool:
    return (
        len(head) >= 2
        and head[0] & 0x0F == 8
        and head[0] >> 4 <= 7
        and (head[0] * 256 + head[1]) % 31 == 0
    )


def _layers(chunks: Iterator[bytes | memoryview], budget: _Budget, depth: int) -> Iterator[bytes]:
    """Inflate ``chunks`` and, while the output is zlib data again, the output too."""
    inflated = _inflate(chunks, budget)
    first = next(inflated, b"")
    rest = chain([first], inflated)
    if depth + 1 < MAX_LAYERS and _is_zlib(first):
        return _layers(rest, budget, depth + 1)
    return rest


def _slices(view: memoryview, start: int) -> Iterator[memoryview]:
    for at in range(start, len(view), _CHUNK):
        yield view[at : at + _CHUNK]  # no copy


def _inflate(chunks: Iterator[bytes | memoryview], budget: _Budget) -> Iterator[bytes]:
    """Inflate a zlib stream read from ``chunks`` in pieces of at most _CHUNK bytes, charging
    each piece to the budget; stops at the stream's end or at the first error (the engine
    reports damaged streams)."""
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                piece = inflater.decompress(chunk, _CHUNK)
                if piece:
                    budget.spend(len(piece))
                    yield piece
                if inflater.eof:
                    return
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return
