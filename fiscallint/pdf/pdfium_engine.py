"""The default engine: PDFium (pypdfium2) reads characters with their boxes and the drawn
path segments; the shared code in page_content.py rebuilds lines and tables from them.

Character boxes are made the way pdfminer makes them (advance width from the loose box,
font size times the text matrix scale for the height, the font's descent below the origin),
and characters keep content-stream order, so both engines feed the same numbers to the
same line grouping.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from typing import Any

from fiscallint.errors import InputError
from fiscallint.pdf.grid import Edge, line_edge, rect_edges, segment_edge
from fiscallint.pdf.model import PageContent
from fiscallint.pdf.page_content import MAX_PAGE_EDGES, build_page, check_page_counts

MAX_FORM_DEPTH = 8  # form XObjects nested in form XObjects

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def read_pages(data: bytes, max_pages: int) -> tuple[int, Iterator[PageContent]]:
    """Open the document held in ``data``; return (page count, lazy iterator of pages)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise InputError("encrypted PDF that needs a password") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise InputError("unsupported PDF encryption") from None
        if code == raw.FPDF_ERR_SUCCESS:
            raise InputError("PDF has zero pages") from None
        raise InputError(f"corrupt or truncated PDF (PDFium: {exc})") from None
    return len(pdf), _iter_pages(pdf, raw)


def _iter_pages(pdf: Any, raw: Any) -> Iterator[PageContent]:
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                yield _read_page(page, index + 1, raw)
            finally:
                page.close()
    finally:
        pdf.close()


def _read_page(page: Any, number: int, raw: Any) -> PageContent:
    left, bottom, right, top = page.get_mediabox()
    textpage = page.get_textpage()
    try:
        order = _object_order(page, raw)
        chars, unmapped = _chars(textpage, number, top, order, raw)
    finally:
        textpage.close()
    edges = _edges(page, top, raw)
    return build_page(number, float(right - left), float(top - bottom), chars, edges, unmapped)


def _object_order(page: Any, raw: Any) -> dict[int, int]:
    """Content-stream position of every page object (forms flattened), by address."""
    order: dict[int, int] = {}

    def walk(count: int, get: Any, depth: int) -> None:
        for i in range(count):
            obj = get(i)
            order[ctypes.cast(obj, ctypes.c_void_p).value or 0] = len(order)
            if depth < MAX_FORM_DEPTH and raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), depth + 1)

    walk(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i), 0)
    return order


def _chars(
    textpage: Any, number: int, page_top: float, order: dict[int, int], raw: Any
) -> tuple[list[dict[str, Any]], int]:
    """Characters (pdfminer-shaped dicts, top-down), in content-stream order; and the number
    of glyphs without a Unicode mapping (left out)."""
    count = raw.FPDFText_CountChars(textpage)
    check_page_counts(number, count, 0)
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    descent = ctypes.c_float()
    descents: dict[int, float] = {}
    keyed: list[tuple[int, int, dict[str, Any]]] = []
    unmapped = 0
    for i in range(count):
        if raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        code = raw.FPDFText_GetUnicode(textpage, i)
        if raw.FPDFText_HasUnicodeMapError(textpage, i) == 1:
            unmapped += 1
            continue
        if code == 0 or code > 0x10FFFF:
            continue
        text = chr(code)
        if text.isspace():
            continue
        obj = raw.FPDFText_GetTextObject(textpage, i)
        address = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if address not in descents:
            font = raw.FPDFTextObj_GetFont(obj) if obj else None
            ok = font and raw.FPDFFont_GetDescent(font, 1.0, descent)
            descents[address] = descent.value if ok else 0.0
        raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        raw.FPDFText_GetMatrix(textpage, i, matrix)
        size = raw.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)
        bottom = page_top - (oy.value + descents[address] * size)
        keyed.append(
            (
                order.get(address, len(order)),
                i,
                {"text": text, "x0": rect.left, "x1": rect.right, "top": bottom - size,
                 "bottom": bottom, "size": size},
            )
        )
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [k[2] for k in keyed], unmapped


def _edges(page: Any, page_top: float, raw: Any) -> list[Edge]:
    """Horizontal and vertical edges of the page's path objects, split into subpaths and
    classified as pdfminer does: one straight line, a rectangle (4 sides), or a polyline."""
    edges: list[Edge] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    m = raw.FS_MATRIX()

    def walk(count: int, get: Any, outer: Matrix, depth: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            raw.FPDFPageObj_GetMatrix(obj, m)
            mine = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                if depth < MAX_FORM_DEPTH:
                    walk(raw.FPDFFormObj_CountObjects(obj),
                         lambda j, o=obj: raw.FPDFFormObj_GetObject(o, j), mine, depth + 1)
                continue
            subpaths: list[tuple[list[tuple[float, float]], bool]] = []
            for s in range(raw.FPDFPath_CountSegments(obj)):
                seg = raw.FPDFPath_GetPathSegment(obj, s)
                raw.FPDFPathSegment_GetPoint(seg, x, y)
                a, b, c, d, e, f = mine
                point = (a * x.value + c * y.value + e, page_top - (b * x.value + d * y.value + f))
                if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not subpaths:
                    subpaths.append(([point], False))
                else:
                    subpaths[-1][0].append(point)
                if raw.FPDFPathSegment_GetClose(seg):
                    subpaths[-1] = (subpaths[-1][0], True)
            for points, closed in subpaths:
                edges.extend(_subpath_edges(points, closed))
            if len(edges) > MAX_PAGE_EDGES:
                return

    walk(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i), _IDENTITY, 0)
    return edges


def _subpath_edges(points: list[tuple[float, float]], closed: bool) -> list[Edge]:
    if len(points) == 2 and not closed:
        return [line_edge(points[0], points[1])]
    corners = points[:4] if (len(points) == 4 and closed) or (
        len(points) == 5 and points[4] == points[0]
    ) else None
    if corners is not None:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        ):
            xs, ys = (x0, x1, x2, x3), (y0, y1, y2, y3)
            return rect_edges(min(xs), min(ys), max(xs), max(ys))
    return [e for a, b in zip(points, points[1:]) if (e := segment_edge(a, b)) is not None]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)
