"""Decoded-size bound: inflate every zlib stream of the file (streaming, output discarded)
before an engine sees it, so a small file that decodes to gigabytes is refused up front.

Streams are recognised by their data, not by their dictionary (which a hostile file can pad or
hide in an object stream): the data after each ``stream`` keyword is inflated when it starts with
a zlib header, and an inflated output that itself starts with one is inflated again (chained
``/FlateDecode`` filters), up to MAX_LAYERS deep.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from itertools import chain

from fiscallint.errors import InputError

MAX_LAYERS = 4
_CHUNK = 1 << 16


def check_decoded_size(data: bytes, limit: int) -> int:
    """Total decoded size of the zlib streams in ``data``; raises InputError as soon as it
    passes ``limit``."""
    total = 0
    for start in _stream_starts(data):
        for piece in _decoded(_slices(data, start), 0):
            total += len(piece)
            if total > limit:
                raise InputError(
                    f"streams decode to over {limit} bytes (decoded-size bound max_decoded_bytes)"
                )
    return total


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


def _is_zlib(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] * 256 + head[1]) % 31 == 0


def _decoded(chunks: Iterator[bytes], depth: int) -> Iterator[bytes]:
    """The innermost decoded bytes of ``chunks`` (nothing when they are not zlib data)."""
    first = next(chunks, b"")
    if depth < MAX_LAYERS and _is_zlib(first):
        yield from _decoded(_inflate(chain([first], chunks)), depth + 1)
    elif depth > 0:
        yield first
        yield from chunks


def _slices(data: bytes, start: int) -> Iterator[bytes]:
    view = memoryview(data)
    for at in range(start, len(data), _CHUNK):
        yield bytes(view[at : at + _CHUNK])


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Inflate a zlib stream read from ``chunks`` in pieces of at most _CHUNK bytes; stops
    at the stream's end or at the first error (the engine reports damaged streams)."""
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                piece = inflater.decompress(chunk, _CHUNK)
                if piece:
                    yield piece
                if inflater.eof:
                    return
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return
