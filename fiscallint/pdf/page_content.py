"""One page's characters and edges (from either engine) into PageContent, within bounds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from fiscallint.errors import InputError
from fiscallint.pdf.chars import Char, drop_overprinted, group_lines
from fiscallint.pdf.columns import lines_and_text_tables
from fiscallint.pdf.grid import Edge
from fiscallint.pdf.model import Box, PageContent
from fiscallint.pdf.tables import find_tables

MAX_PAGE_CHARS = 200_000
MAX_PAGE_EDGES = 100_000  # ruling segments (lines, rectangle sides, path segments)


def each_page(
    document: Any, indices: Iterable[int], open_page: Callable[[int], Any], read: Callable[[Any, int], PageContent]
) -> Iterator[PageContent]:
    """The pages at ``indices`` (0-based) in turn: ``open_page(index)``, then ``read(page, number)``.
    A page that fails is a one-line :class:`InputError` naming it; every page and the document
    are closed."""
    try:
        for index in indices:
            try:
                page = open_page(index)
            except Exception as exc:
                raise InputError(f"page {index + 1} cannot be read ({describe(exc)})") from None
            try:
                yield read(page, index + 1)
            except InputError:
                raise
            except Exception as exc:
                raise InputError(f"page {index + 1} cannot be read ({describe(exc)})") from None
            finally:
                page.close()
    finally:
        document.close()


def check_page_counts(number: int, chars: int, edges: int) -> None:
    """Refuse a page with more characters or drawn segments than any report has."""
    if chars > MAX_PAGE_CHARS:
        raise InputError(f"page {number} has {chars} characters (object bound)")
    if edges > MAX_PAGE_EDGES:
        raise InputError(f"page {number} has {edges} drawn lines (object bound)")


def build_page(
    number: int,
    width: float,
    height: float,
    chars: Sequence[Char],
    edges: Sequence[Edge],
    unmapped: int,
) -> PageContent:
    """Tables from the edges, then lines of the characters outside them, top to bottom.

    ``unmapped`` counts glyphs without a Unicode mapping (not in ``chars``). Text that is not
    upright (turned sideways, as on a landscape page printed into a portrait page, or in a
    narrow header cell) is left out: its lines and cells cannot be placed surely, and a page
    with no other text is reported as having no readable text. A character drawn again over
    itself (imitated bold) counts once."""
    check_page_counts(number, len(chars), len(edges))
    if unmapped > 0.2 * (len(chars) + unmapped):
        raise InputError(f"page {number} text has no Unicode mapping (font without ToUnicode)")
    chars = drop_overprinted(c for c in chars if c.get("upright", True))
    content = PageContent(number, width, height, char_count=len(chars))
    tables = find_tables(edges, chars, number) if edges else []
    boxes = [t.box for t in tables]
    free = _outside(chars, boxes) if boxes else list(chars)
    content.items = lines_and_text_tables(group_lines(free), number)
    content.items.extend(tables)
    content.items.sort(key=lambda it: it.box[1])
    return content


def _outside(chars: Sequence[Char], boxes: list[Box]) -> list[Char]:
    """The characters whose centre lies in none of the boxes."""
    out = []
    for c in chars:
        cx = (c["x0"] + c["x1"]) / 2
        cy = (c["top"] + c["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            out.append(c)
    return out


def describe(exc: BaseException) -> str:
    """``Type: first line of the message``."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text and text[0] else type(exc).__name__
