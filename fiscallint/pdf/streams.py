"""Decoded-size bound: inflate every Flate stream of the file (streaming, output discarded)
before an engine sees it, so a small file that decodes to gigabytes is refused up front."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from fiscallint.errors import InputError

_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_DICT_LOOKBACK = 4096  # bytes before `stream` searched for the stream's /Filter
_CHUNK = 1 << 16


def check_decoded_size(data: bytes, limit: int) -> int:
    """Total decoded size of the Flate streams in ``data`` (chained filters included);
    raises InputError as soon as it passes ``limit``."""
    total = 0
    for start, end in _stream_starts(data):
        head = data[max(0, start - _DICT_LOOKBACK) : start]
        head = head[head.rfind(b" obj") + 1 :] if b" obj" in head else head
        layers = len(_FLATE.findall(head))
        if not layers:
            continue
        chunks: Iterator[bytes] = _slices(data, end)
        for _ in range(layers):
            chunks = _inflate(chunks)
        for piece in chunks:
            total += len(piece)
            if total > limit:
                raise InputError(
                    f"streams decode to over {limit} bytes (decoded-size bound max_decoded_bytes)"
                )
    return total


def _stream_starts(data: bytes) -> Iterator[tuple[int, int]]:
    """(position of each `stream` keyword, position of its data)."""
    at = data.find(b"stream")
    while at >= 0:
        end = at + 6
        if data[end : end + 1] == b"\r":
            end += 1
        if data[end : end + 1] == b"\n" and data[max(0, at - 3) : at] != b"end":
            yield at, end + 1
        at = data.find(b"stream", at + 6)


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
