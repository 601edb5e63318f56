"""Fallback for tables printed without ruling lines: runs of text lines whose words sit in
aligned columns separated by wide gaps become a table."""

from __future__ import annotations

from collections.abc import Sequence

from fiscallint.pdf.chars import Char, chars_box, line_text, to_text_line
from fiscallint.pdf.model import Item, TableBlock

_CELL_GAP = 1.5  # gap (in font sizes) that separates two cells on one line
_MIN_ROWS = 3


def _segments(chars: Sequence[Char]) -> list[list[Char]]:
    segs = [[chars[0]]]
    for prev, c in zip(chars, chars[1:]):
        size = prev["size"]  # max(prev["size"], c["size"], 1.0), written out
        if c["size"] > size:
            size = c["size"]
        if 1.0 > size:
            size = 1.0
        if c["x0"] - prev["x1"] > _CELL_GAP * size:
            segs.append([])
        segs[-1].append(c)
    return segs


def lines_and_text_tables(lines: Sequence[list[Char]], page_number: int) -> list[Item]:
    """Turn visual lines into TextLines, except runs of >= 3 multi-cell lines with
    consistent columns, which become one TableBlock."""
    items: list[Item] = []
    run: list[list[list[Char]]] = []

    def flush() -> None:
        table = _table(run, page_number) if len(run) >= _MIN_ROWS else None
        if table is not None:
            items.append(table)
        else:
            items.extend(to_text_line([c for seg in segs for c in seg]) for segs in run)
        run.clear()

    for chars in lines:
        segs = _segments(chars)
        if len(segs) >= 2:
            run.append(segs)
            continue
        flush()
        items.append(to_text_line(chars))
    flush()
    return items


def _table(rows: Sequence[list[list[Char]]], page_number: int) -> TableBlock | None:
    spans = sorted((chars_box(seg)[0], chars_box(seg)[2]) for segs in rows for seg in segs)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    if len(columns) < 2:
        return None
    texts = []
    for segs in rows:
        cells = [""] * len(columns)
        for seg in segs:
            x0, _, x1, _ = chars_box(seg)
            mid = (x0 + x1) / 2
            col = next(i for i, (a, b) in enumerate(columns) if a <= mid <= b)
            cells[col] += line_text(seg)
        texts.append(cells)
    boxes = [chars_box([c for seg in segs for c in seg]) for segs in rows]
    box = (
        min(b[0] for b in boxes),
        boxes[0][1],
        max(b[2] for b in boxes),
        boxes[-1][3],
    )
    return TableBlock(texts, boxes, [page_number] * len(texts), box)
