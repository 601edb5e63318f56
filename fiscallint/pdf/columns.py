"""Fallback for tables printed without vertical rulings (no rulings at all, or only the
horizontal rules of a 三线表): runs of text lines whose words sit in aligned columns separated
by wide gaps become a table.

When a run holds at least two lines with an amount in a cell of their own (body rows), the
columns are those of the body rows, and every other line must place each of its pieces in one
column: a piece over two columns (a "编制单位：X    单位：万元" line above the table, a paragraph)
cannot be placed, so it stays text and the table begins after it or ends before it. A header
piece in the gap between columns goes to a column only when that column is clearly the nearest.
A one-piece line between body rows that places in a text column is a wrapped cell, joined to the
nearer row (the one above on a tie).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fiscallint.pdf.chars import Char, chars_box, is_wide, join_wrapped, letter_spacing, line_text, to_text_line
from fiscallint.pdf.model import Box, Item, TableBlock

_CELL_GAP = 1.5  # gap (in font sizes) that separates two cells on one line
_MIN_ROWS = 3
_ZERO_MARKS = frozenset(("-", "—", "–", "－", "--", "——"))  # a zero printed as a dash
_GLUE_GAP = 0.5  # gap (in font sizes) between an amount and Chinese text that parts two cells
_SOLID_GAP = 0.33  # gap (in font sizes) between two Chinese characters that parts two cells
_SAME_SIZE = 0.15  # font sizes that differ by at most this share are one size
_NEAREST = 0.5  # a piece between columns goes to the nearest only when it is at most this share of the next
_AMOUNT = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")

Segments = list[list[Char]]
Column = list[float]  # [x0, x1]


def _segments(chars: Sequence[Char]) -> Segments:
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


def _unglued(segs: Segments) -> Segments:
    """The pieces of a multi-piece line with an amount set close to a neighbouring cell's
    Chinese text ("1,180.60  一、社会保障和就业支出" with under a cell gap between them, a
    right-aligned amount beside a left-aligned name) split at that gap: an amount never runs on
    into Chinese text across half a font size of white space; and two Chinese characters, set
    solid within a cell, are parted by a third of a font size of white space beyond the line's
    letter spacing (a long name that ends close to the next cell's text)."""
    out: Segments = []
    spacing = letter_spacing([c for seg in segs for c in seg])
    for seg in segs:
        start = 0
        for i in range(1, len(seg)):
            prev, c = seg[i - 1], seg[i]
            size = max(prev["size"], c["size"], 1.0)
            gap = (c["x0"] - prev["x1"]) / size
            if is_wide(prev["text"]) and is_wide(c["text"]):
                parted = gap - spacing / size >= _SOLID_GAP
            elif is_wide(prev["text"]) != is_wide(c["text"]) and gap >= _GLUE_GAP:
                narrow = seg[start:i] if is_wide(c["text"]) else _narrow_run(seg, i)
                parted = _is_amount(narrow) or line_text(narrow) in _ZERO_MARKS
            else:
                parted = False
            if parted:
                out.append(seg[start:i])
                start = i
        out.append(seg[start:])
    return out


def _narrow_run(seg: Sequence[Char], i: int) -> list[Char]:
    """The characters from ``i`` up to the next Chinese one."""
    end = i
    while end < len(seg) and not is_wide(seg[end]["text"]):
        end += 1
    return list(seg[i:end])


def _is_amount(seg: Sequence[Char]) -> bool:
    return _AMOUNT.fullmatch(line_text(seg)) is not None


def _is_body(segs: Segments) -> bool:
    return len(segs) >= 2 and any(_is_amount(seg) for seg in segs)


def lines_and_text_tables(lines: Sequence[list[Char]], page_number: int) -> list[Item]:
    """Turn visual lines into TextLines, except runs of >= 3 multi-cell lines with
    consistent columns, which become a TableBlock (one-piece lines inside a run may be
    wrapped cells)."""
    items: list[Item] = []
    run: list[Segments] = []

    def flush() -> None:
        tail = []
        while run and len(run[-1]) < 2:
            tail.append(run.pop())
        items.extend(_run_items(run, page_number))
        items.extend(_text(segs) for segs in reversed(tail))
        run.clear()

    for chars in lines:
        segs = _segments(chars)
        if len(segs) >= 2:
            run.append(_unglued(segs))
            continue
        if run and _wraps_under(segs[0], run):
            run.append(segs)
            continue
        flush()
        items.append(to_text_line(chars))
    flush()
    return items


def _wraps_under(seg: Sequence[Char], run: Sequence[Segments]) -> bool:
    """Whether a one-piece line may be a wrapped cell: not an amount, and starting where a
    text piece of a body row of the run starts, in the same font size (a title in a larger
    size that happens to start there ends the table)."""
    if _is_amount(seg):
        return False
    x0, size = seg[0]["x0"], max(seg[0]["size"], 1.0)
    return any(
        abs(piece[0]["x0"] - x0) <= size
        and abs(piece[0]["size"] - seg[0]["size"]) <= _SAME_SIZE * size
        and not _is_amount(piece)
        for segs in run
        if _is_body(segs)
        for piece in segs
    )


def _text(segs: Segments) -> Item:
    return to_text_line([c for seg in segs for c in seg])


def _run_items(run: Sequence[Segments], page_number: int) -> list[Item]:
    """A run of lines as text lines and tables, each table a stretch of placeable lines."""
    items: list[Item] = []
    while run:
        if sum(1 for segs in run if _is_body(segs)) < 2:
            items.extend(_plain_runs(run, page_number))
            break
        columns = _with_header_columns(run, _columns([segs for segs in run if _is_body(segs)]))
        if len(columns) < 2:
            items.extend(_text(segs) for segs in run)
            break
        start = 0
        while start < len(run) and _place(run[start], columns) is None:
            start += 1
        end = start
        while end < len(run) and _place(run[end], columns) is not None:
            end += 1
        while end > start and not _is_body(run[end - 1]):
            end -= 1  # a table ends on a body row
        end = max(end, min(start + 1, len(run)))  # every round consumes a line
        items.extend(_text(segs) for segs in run[:start])
        table = _table(run[start:end], columns, page_number) if end - start >= _MIN_ROWS else None
        if table is None:
            items.extend(_text(segs) for segs in run[start:end])
        else:
            items.append(table)
        run = run[end:]
    return items


def _plain_runs(run: Sequence[Segments], page_number: int) -> list[Item]:
    """Without body rows: each stretch of >= 3 multi-piece lines is a table on the columns of
    all its pieces; one-piece lines are text."""
    items: list[Item] = []
    stretch: list[Segments] = []
    for segs in [*run, []]:
        if len(segs) >= 2:
            stretch.append(segs)
            continue
        table = _table(stretch, _columns(stretch), page_number) if len(stretch) >= _MIN_ROWS else None
        items.extend([table] if table is not None else [_text(line) for line in stretch])
        if segs:
            items.append(_text(segs))
        stretch = []
    return items


def _columns(rows: Sequence[Segments]) -> list[Column]:
    spans = sorted((chars_box(seg)[0], chars_box(seg)[2]) for segs in rows for seg in segs)
    columns: list[Column] = []
    for x0, x1 in spans:
        if columns and x0 < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return columns


def _overlapped(seg: Sequence[Char], columns: Sequence[Column]) -> list[int]:
    x0, _, x1, _ = chars_box(seg)
    return [i for i, (a, b) in enumerate(columns) if x0 < b and a < x1]


def _with_header_columns(run: Sequence[Segments], columns: list[Column]) -> list[Column]:
    """Add the columns that are empty in every body row but headed: of two header pieces (on a
    line above the first body row) that fall in one column, the farther one, if it is over no
    column, heads a column of its own."""
    added: list[Column] = []
    for segs in run:
        if _is_body(segs):
            break
        nearest: dict[int, list[tuple[float, Column]]] = {}
        for seg in segs:
            col = _column_of(seg, columns)
            if col is not None:
                x0, _, x1, _ = chars_box(seg)
                a, b = columns[col]
                nearest.setdefault(col, []).append((max(a - x1, x0 - b, 0.0), [x0, x1]))
        for pieces in nearest.values():
            added.extend(span for gap, span in sorted(pieces)[1:] if gap > 0)
    return sorted(columns + added) if added else columns


def _column_of(seg: Sequence[Char], columns: Sequence[Column]) -> int | None:
    x0, _, x1, _ = chars_box(seg)
    over = _overlapped(seg, columns)
    if len(over) == 1:
        return over[0]
    if over:
        return None
    gaps = sorted((max(a - x1, x0 - b), i) for i, (a, b) in enumerate(columns))
    if len(gaps) > 1 and gaps[0][0] > _NEAREST * gaps[1][0]:
        return None
    return gaps[0][1]


def _place(segs: Segments, columns: Sequence[Column]) -> list[int] | None:
    """The column of each piece of a line, or None when a piece cannot be placed surely, or
    two pieces fall in one column outside the body rows, or one of them an amount (an amount
    run on into another piece is not its cell's text)."""
    placed = []
    for seg in segs:
        col = _column_of(seg, columns)
        if col is None:
            return None
        placed.append(col)
    if len(set(placed)) < len(placed) and (
        not _is_body(segs) or any(_is_amount(seg) for seg, col in zip(segs, placed) if placed.count(col) > 1)
    ):
        return None
    return placed


def _table(rows: Sequence[Segments], columns: Sequence[Column], page_number: int) -> TableBlock | None:
    if len(columns) < 2:
        return None
    texts: list[list[str]] = []
    boxes: list[Box] = []
    pending: list[tuple[int, str, Box]] = []  # wrapped cells waiting for their row
    for i, segs in enumerate(rows):
        cols = _place(segs, columns)
        if cols is None:
            return None
        box = chars_box([c for seg in segs for c in seg])
        if len(segs) == 1:
            pending.append((cols[0], line_text(segs[0]), box))
            continue
        cells = [""] * len(columns)
        for col, seg in zip(cols, segs):
            cells[col] += line_text(seg)
        for col, text, wrap_box in pending:
            above = wrap_box[1] - boxes[-1][3] if boxes else float("inf")
            if above <= box[1] - wrap_box[3]:
                texts[-1][col] = join_wrapped(texts[-1][col], text)
                boxes[-1] = _union(boxes[-1], wrap_box)
            else:
                cells[col] = join_wrapped(text, cells[col])
                box = _union(box, wrap_box)
        pending.clear()
        texts.append(cells)
        boxes.append(box)
    if pending or len(texts) < 2:
        return None
    table_box = (min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3])
    return TableBlock(texts, boxes, [page_number] * len(texts), table_box)


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
