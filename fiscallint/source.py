"""Reading inputs: bytes to text (UTF-8 or GB18030), and the shape of the text."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import InputError

MAX_TEXT_BYTES = 50_000_000


@dataclass
class SourceText:
    """A decoded input: its text, the encoding used, its shape and, for a PDF, line pages."""

    path: str
    text: str
    encoding: str
    shape: str  # "dump" | "markdown" | "tsv" | "pdf"
    pages: list[int] | None = None


def decode(data: bytes) -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode as UTF-8 or GB18030 (byte {exc.start})") from None


def detect_shape(path: str, text: str) -> str:
    """Which of the three text shapes this is: markdown, tab-separated tables, or a PDF dump."""
    if path.lower().endswith((".md", ".markdown")):
        return "markdown"
    lines = text.splitlines()
    tabbed = sum(1 for line in lines if "\t" in line)
    if tabbed >= 5:
        return "tsv"
    return "dump"


def read_text_source(path: str) -> SourceText:
    """Read a text report from disk (``-`` is not supported here: the CLI handles stdin)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_TEXT_BYTES:
            raise InputError(f"file is {size} bytes, over the {MAX_TEXT_BYTES}-byte bound")
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:4096]:
        raise InputError("binary file, not a text report")
    text, encoding = decode(data)
    return SourceText(path, text, encoding, detect_shape(path, text))
