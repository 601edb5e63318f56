"""Rebuild ruled tables cell by cell from a page's edges and characters (either engine)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from fiscallint.pdf.chars import Char, block_text
from fiscallint.pdf.grid import Edge, Grid, find_grids
from fiscallint.pdf.model import Box, TableBlock

_MIN_COL_WIDTH = 4.0  # narrower, always-empty columns are drawing artefacts (double rules)


def find_tables(edges: Sequence[Edge], chars: Sequence[Char], page_number: int) -> list[TableBlock]:
    """Ruled tables of the page, top to bottom, with their cell texts."""
    blocks = []
    for grid in find_grids(edges):
        block = _build(grid, chars, page_number)
        if block is not None:
            blocks.append(block)
    blocks.sort(key=lambda b: b.box[1])
    return blocks


def _build(table: Grid, chars: Sequence[Char], page_number: int) -> TableBlock | None:
    rows = table.rows
    cells: dict[tuple[int, int], Box] = {}
    for r, row in enumerate(rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                cells[(r, c)] = tuple(bbox)
    if not cells:
        return None
    ncols = max(len(row.cells) for row in rows)
    xs = sorted({v for b in cells.values() for v in (b[0], b[2])})
    ys = sorted({v for b in cells.values() for v in (b[1], b[3])})
    x_at = {v: i for i, v in enumerate(xs)}
    y_at = {v: i for i, v in enumerate(ys)}
    grid: dict[tuple[int, int], tuple[int, int]] = {}
    for key, (x0, top, x1, bottom) in cells.items():
        for gx in range(x_at[x0], x_at[x1]):
            for gy in range(y_at[top], y_at[bottom]):
                grid[(gx, gy)] = key
    x0, top, x1, bottom = table.bbox
    content: dict[tuple[int, int], list[Char]] = {}
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        key = grid.get((bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1))
        if key is not None:
            content.setdefault(key, []).append(ch)
    texts = [[""] * ncols for _ in rows]
    for (r, c), cell_chars in content.items():
        texts[r][c] = block_text(cell_chars)
    texts = _drop_artefact_columns(texts, cells, ncols)
    keep = [r for r, row in enumerate(texts) if any(row)]
    if not keep:
        return None
    row_boxes = [tuple(rows[r].bbox) for r in keep]
    return TableBlock(
        [texts[r] for r in keep], row_boxes, [page_number] * len(keep), tuple(table.bbox)
    )


def _drop_artefact_columns(
    texts: list[list[str]], cells: dict[tuple[int, int], Box], ncols: int
) -> list[list[str]]:
    widths = [0.0] * ncols
    for (_, c), (x0, _, x1, _) in cells.items():
        widths[c] = max(widths[c], x1 - x0)
    drop = {
        c for c in range(ncols) if widths[c] < _MIN_COL_WIDTH and not any(row[c] for row in texts)
    }
    if not drop:
        return texts
    return [[v for c, v in enumerate(row) if c not in drop] for row in texts]
