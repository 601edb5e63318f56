"""Where a piece of canonical text is printed: its characters' boxes on the page (one box per
visual line) and, inside a ruled table, the box of the cell that holds it.

The canonical line's box (from :func:`fiscallint.pdf.extract_pdf`) narrows the search; the text
is matched without whitespace, the ``occurrence``-th match in reading order.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from fiscallint.pdf.chars import Char, chars_box, group_lines
from fiscallint.pdf.model import Box

_SLACK = 1.0  # points a character's centre may lie outside the line box
_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
"""pdfplumber's ruled-table settings: the cells the PDF draws, as the reader's grid finder sees them."""


@dataclass(frozen=True)
class Target:
    """Text to find on a page, inside the box of its canonical line."""

    page: int
    box: Box
    text: str
    occurrence: int = 0
    in_table: bool = False


@dataclass
class Place:
    """Where a target is printed: the words' boxes, one per visual line, and its table cell."""

    page: int
    words: list[Box]
    cell: Box | None

    @property
    def box(self) -> Box:
        return self.cell or union(self.words)


def locate(path: str | os.PathLike[str], targets: list[Target]) -> list[Place | None]:
    """A place for each target (None where the text is not found inside its line box)."""
    import pdfplumber

    places: list[Place | None] = [None] * len(targets)
    by_page: dict[int, list[int]] = {}
    for i, target in enumerate(targets):
        by_page.setdefault(target.page, []).append(i)
    with pdfplumber.open(os.fspath(path), password="") as pdf:
        for number in sorted(by_page):
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            chars = [c for c in page.chars if c["text"] and not c["text"].isspace()]
            cells: list[Box] | None = None
            for i in by_page[number]:
                words = _find(chars, targets[i])
                if words is None:
                    continue
                cell = None
                if targets[i].in_table:
                    if cells is None:
                        cells = _cells(page)
                    cell = _cell_of(cells, union(words))
                places[i] = Place(number, words, cell)
            page.close()
    return places


def _find(chars: list[Char], target: Target) -> list[Box] | None:
    x0, top, x1, bottom = target.box
    inside = [
        c for c in chars
        if x0 - _SLACK <= (c["x0"] + c["x1"]) / 2 <= x1 + _SLACK
        and top - _SLACK <= (c["top"] + c["bottom"]) / 2 <= bottom + _SLACK
    ]
    needle = re.sub(r"\s+", "", target.text)
    if not needle or not inside:
        return None
    lines = group_lines(inside)
    flat = [(n, c) for n, line in enumerate(lines) for c in line for _ in c["text"]]
    text = "".join(c["text"] for line in lines for c in line)
    start = -1
    for _ in range(target.occurrence + 1):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    hit: dict[int, list[Char]] = {}
    for n, c in flat[start:start + len(needle)]:
        if c not in hit.setdefault(n, []):
            hit[n].append(c)
    return [chars_box(group) for _, group in sorted(hit.items())]


def _cells(page: Any) -> list[Box]:
    return [tuple(bbox) for table in page.find_tables(_RULED) for row in table.rows for bbox in row.cells if bbox]


def _cell_of(cells: list[Box], words: Box) -> Box | None:
    """The smallest ruled cell containing the centre of the words."""
    cx, cy = (words[0] + words[2]) / 2, (words[1] + words[3]) / 2
    holding = [b for b in cells if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]]
    return min(holding, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])) if holding else None


def union(boxes: list[Box]) -> Box:
    """The smallest box holding them all."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
