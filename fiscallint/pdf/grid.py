"""Ruled tables from drawn edges: the "lines" strategy of pdfplumber's TableFinder, restated
over plain tuples so both PDF engines share it and the PDFium engine never imports pdfplumber.

Edges are snapped (within 3 pt) and joined, intersections found (within 3 pt), the smallest
rectangles whose four sides are drawn become cells, and corner-sharing cells become tables.
Defaults and the order of every greedy step follow pdfplumber 0.11, so both engines build the
same cells from the same edges.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from fiscallint.pdf.model import Box

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
PREFILTER_LENGTH = 1.0
INTERSECT = 3.0


class Edge(NamedTuple):
    """An axis-aligned ruling: 'h' (top == bottom) or 'v' (x0 == x1), top-down coordinates."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0 if self.orientation == "h" else self.bottom - self.top


def line_edge(a: tuple[float, float], b: tuple[float, float]) -> Edge:
    """The edge of a path that is one straight line: 'h' when level, else 'v' (as pdfplumber)."""
    (ax, ay), (bx, by) = a, b
    x0, x1 = (bx, ax) if bx < ax else (ax, bx)  # sorted((ax, bx)), without building a list
    top, bottom = (by, ay) if by < ay else (ay, by)
    return Edge("h" if ay == by else "v", x0, top, x1, bottom)


def segment_edge(a: tuple[float, float], b: tuple[float, float]) -> Edge | None:
    """The edge of one segment of a longer path, if it is horizontal or vertical."""
    x0, x1 = sorted((a[0], b[0]))
    top, bottom = sorted((a[1], b[1]))
    if a[0] == b[0]:
        return Edge("v", x0, top, x1, bottom)
    if a[1] == b[1]:
        return Edge("h", x0, top, x1, bottom)
    return None


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    """The four sides of a rectangle."""
    return [
        Edge("h", x0, top, x1, top),
        Edge("h", x0, bottom, x1, bottom),
        Edge("v", x0, top, x0, bottom),
        Edge("v", x1, top, x1, bottom),
    ]


@dataclass
class GridRow:
    """A row of a ruled table: its cells' boxes and its own."""

    cells: list[Box | None]  # one per column of the table; None where a merged cell spans
    bbox: Box


@dataclass
class Grid:
    """The cells of one ruled table."""

    cells: list[Box]

    @property
    def bbox(self) -> Box:
        c = self.cells
        return (
            min(b[0] for b in c),
            min(b[1] for b in c),
            max(b[2] for b in c),
            max(b[3] for b in c),
        )

    @property
    def rows(self) -> list[GridRow]:
        xs = sorted({b[0] for b in self.cells})
        by_top: dict[float, dict[float, Box]] = {}
        for cell in sorted(self.cells, key=lambda b: (b[1], b[0])):
            by_top.setdefault(cell[1], {})[cell[0]] = cell
        rows = []
        for row in by_top.values():
            cells = [row.get(x) for x in xs]
            present = [c for c in cells if c is not None]
            bbox = (
                min(b[0] for b in present),
                min(b[1] for b in present),
                max(b[2] for b in present),
                max(b[3] for b in present),
            )
            rows.append(GridRow(cells, bbox))
        return rows


def find_grids(edges: Iterable[Edge]) -> list[Grid]:
    """Tables (two or more cells) drawn by the edges, top to bottom."""
    kept = [e for e in edges if e.length >= PREFILTER_LENGTH]
    merged = [e for e in _merge(kept) if e.length >= MIN_LENGTH]
    return [Grid(cells) for cells in _tables(_cells(_intersections(merged)))]


def _snap(edges: list[Edge], pos: int) -> list[Edge]:
    """Move edges whose position (x0 for 'v', top for 'h') lies within SNAP of one another
    (chained) to the cluster's mean."""
    values = sorted({e[pos] for e in edges})
    cluster_of: dict[float, int] = {}
    index, last = 0, None
    for v in values:
        if last is not None and v > last + SNAP:
            index += 1
        cluster_of[v] = index
        last = v
    groups: dict[int, list[Edge]] = {}
    for e in sorted(edges, key=lambda e: cluster_of[e[pos]]):
        groups.setdefault(cluster_of[e[pos]], []).append(e)
    out = []
    for group in groups.values():
        mean = sum(e[pos] for e in group) / len(group)
        for e in group:
            shift = mean - e[pos]
            if pos == 1:  # 'v': move x0 and x1
                out.append(Edge(e[0], e[1] + shift, e[2], e[3] + shift, e[4]))
            else:
                out.append(Edge(e[0], e[1], e[2] + shift, e[3], e[4] + shift))
    return out


def _merge(edges: list[Edge]) -> list[Edge]:
    snapped = _snap([e for e in edges if e.orientation == "v"], 1) + _snap(
        [e for e in edges if e.orientation == "h"], 2
    )
    groups: dict[tuple[str, float], list[Edge]] = {}
    for e in sorted(snapped, key=lambda e: (e.orientation, e.top if e.orientation == "h" else e.x0)):
        groups.setdefault((e.orientation, e.top if e.orientation == "h" else e.x0), []).append(e)
    out: list[Edge] = []
    for (orientation, _), group in groups.items():
        lo, hi = (1, 3) if orientation == "h" else (2, 4)
        group.sort(key=lambda e: e[lo])
        joined = [group[0]]
        for e in group[1:]:
            last = joined[-1]
            if e[lo] <= last[hi] + JOIN:
                if e[hi] > last[hi]:
                    joined[-1] = Edge(*last[:hi], e[hi], *last[hi + 1 :])
            else:
                joined.append(e)
        out.extend(joined)
    return out


Point = tuple[float, float]


def _intersections(edges: Sequence[Edge]) -> dict[Point, tuple[set[Edge], set[Edge]]]:
    """Points where a vertical and a horizontal edge meet (within INTERSECT), with the
    vertical and horizontal edges through each."""
    v_edges = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    h_edges = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    points: dict[Point, tuple[set[Edge], set[Edge]]] = {}
    for v in v_edges:
        for h in h_edges:
            if (
                v.top <= h.top + INTERSECT
                and v.bottom >= h.top - INTERSECT
                and v.x0 >= h.x0 - INTERSECT
                and v.x0 <= h.x1 + INTERSECT
            ):
                vs, hs = points.setdefault((v.x0, h.top), (set(), set()))
                vs.add(v)
                hs.add(h)
    return points


def _cells(points: dict[Point, tuple[set[Edge], set[Edge]]]) -> list[Box]:
    """For each point, the smallest rectangle to its lower right whose four sides are edges."""
    ordered = sorted(points)
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for p in ordered:
        column.setdefault(p[0], []).append(p)
        row.setdefault(p[1], []).append(p)

    # edges are compared by their box, as pdfplumber does
    v_boxes = {p: {e[1:] for e in vs} for p, (vs, _) in points.items()}
    h_boxes = {p: {e[1:] for e in hs} for p, (_, hs) in points.items()}

    def joined(a: Point, b: Point) -> bool:
        if a[0] == b[0] and not v_boxes[a].isdisjoint(v_boxes[b]):
            return True
        return a[1] == b[1] and not h_boxes[a].isdisjoint(h_boxes[b])

    cells = []
    for pt in ordered:
        col, line = column[pt[0]], row[pt[1]]
        below = col[bisect_right(col, pt):]
        right = line[bisect_right(line, pt):]
        found = None
        for b in below:
            if not joined(pt, b):
                continue
            for r in right:
                if not joined(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and joined(corner, r) and joined(corner, b):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Group cells that share a corner (greedily, in order) into tables of >= 2 cells."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Box] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            mine = {(x0, top), (x0, bottom), (x1, top), (x1, bottom)}
            if not current or mine & corners:
                corners |= mine
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
