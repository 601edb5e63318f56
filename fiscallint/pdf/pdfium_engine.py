"""The default engine: PDFium (the library pypdfium2 ships, see pdfium_calls.py) reads characters
with their boxes and the drawn path segments; the shared code in page_content.py rebuilds lines
and tables from them.

Character boxes are made the way pdfminer makes them (advance width from the loose box,
font size times the text matrix scale for the height, the font's descent below the origin),
and characters keep content-stream order, so both engines feed the same numbers to the
same line grouping. A page's /Rotate is applied to characters and paths as pdfminer applies
it, so a landscape table printed into a turned portrait page reads as shown.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from fiscallint.errors import InputError
from fiscallint.pdf.grid import Edge, line_edge, rect_edges, segment_edge
from fiscallint.pdf.model import PageContent
from fiscallint.pdf.page_content import MAX_PAGE_EDGES, build_page, check_page_counts, each_page
from fiscallint.pdf.pdfium_calls import (
    FPDF_ERR_FILE,
    FPDF_ERR_FORMAT,
    FPDF_ERR_PAGE,
    FPDF_ERR_PASSWORD,
    FPDF_ERR_SECURITY,
    FPDF_ERR_SUCCESS,
    FPDF_PAGEOBJ_FORM,
    FPDF_PAGEOBJ_PATH,
    FPDF_SEGMENT_MOVETO,
    FS_MATRIX,
    FS_RECTF,
    calls,
)

MAX_FORM_DEPTH = 8  # form XObjects nested in form XObjects

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def read_pages(data: bytes, max_pages: int) -> tuple[int, Callable[[Iterable[int]], Iterator[PageContent]]]:
    """Open the document held in ``data``; return (page count, reader of the pages at given
    indices, lazily, which closes the document when done)."""
    fn = calls()
    document = _Document(fn, data)
    count = fn.page_count(document.handle) if document.handle else 0
    if count < 1:
        code = fn.last_error()
        document.close()
        if code == FPDF_ERR_PASSWORD:
            raise InputError("encrypted PDF that needs a password")
        if code == FPDF_ERR_SECURITY:
            raise InputError("unsupported PDF encryption")
        if code == FPDF_ERR_SUCCESS:
            raise InputError("PDF has zero pages")
        reason = {FPDF_ERR_FILE: "file access error", FPDF_ERR_FORMAT: "data format error",
                  FPDF_ERR_PAGE: "page not found or content error"}.get(code, f"error {code}")
        raise InputError(f"corrupt or truncated PDF (PDFium: {reason})")
    return count, lambda indices: each_page(
        document, indices, document.page, lambda page, number: _read_page(fn, page, number)
    )


class _Document:
    """An open PDFium document (its bytes kept alive while it is open)."""

    def __init__(self, fn: Any, data: bytes) -> None:
        self.fn, self.data = fn, data
        self.handle: int = fn.load_document(data, len(data), b"\x00") or 0

    def page(self, index: int) -> _Page:
        page = self.fn.load_page(self.handle, index)
        if not page:
            raise RuntimeError("PDFium could not load the page")
        return _Page(self.fn, page)

    def close(self) -> None:
        if self.handle:
            self.fn.close_document(self.handle)
            self.handle = 0


class _Page:
    def __init__(self, fn: Any, handle: int) -> None:
        self.fn, self.handle = fn, handle

    def media_box(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top); US Letter where the page has none (as pypdfium2)."""
        box = [ctypes.c_float() for _ in range(4)]
        if not self.fn.media_box(self.handle, *box):
            return (0, 0, 612, 792)
        left, bottom, right, top = (v.value for v in box)
        return left, bottom, right, top

    def close(self) -> None:
        self.fn.close_page(self.handle)


def _read_page(fn: Any, page: _Page, number: int) -> PageContent:
    left, bottom, right, top = page.media_box()
    view, width, height = _view(fn.page_rotation(page.handle), left, bottom, right, top)
    page_top = top if view == _IDENTITY else height
    textpage = fn.load_text(page.handle)
    if not textpage:
        raise RuntimeError("PDFium could not read the page's text")
    try:
        order, edges = _objects(fn, page.handle, page_top, view)
        chars, unmapped = _chars(fn, textpage, number, page_top, order, view)
    finally:
        fn.close_text(textpage)
    return build_page(number, width, height, chars, edges, unmapped)


def _view(
    rotation: int, left: float, bottom: float, right: float, top: float
) -> tuple[Matrix, float, float]:
    """The matrix from page space to the page as shown (its /Rotate applied, as pdfminer's
    initial matrix does), and the shown width and height. ``rotation`` counts quarter turns
    clockwise."""
    if rotation == 1:
        return (0.0, -1.0, 1.0, 0.0, -bottom, right), float(top - bottom), float(right - left)
    if rotation == 2:
        return (-1.0, 0.0, 0.0, -1.0, right, top), float(right - left), float(top - bottom)
    if rotation == 3:
        return (0.0, 1.0, -1.0, 0.0, top, -left), float(top - bottom), float(right - left)
    return _IDENTITY, float(right - left), float(top - bottom)


def _objects(fn: Any, page: int, page_top: float, view: Matrix) -> tuple[dict[int, int], list[Edge]]:
    """One walk over the page's objects (forms flattened): the content-stream position of
    every object, by address; and the horizontal and vertical edges of the path objects, split
    into subpaths and classified as pdfminer does (one straight line, a rectangle, or a
    polyline). A level of the walk stops collecting edges once there are over
    MAX_PAGE_EDGES (the page is then refused)."""
    order: dict[int, int] = {}
    edges: list[Edge] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    m = FS_MATRIX()
    get_type, get_matrix = fn.object_type, fn.object_matrix
    count_segments, get_segment = fn.count_segments, fn.path_segment
    get_point, segment_type, is_closing = fn.segment_point, fn.segment_type, fn.segment_closes
    path, form, moveto = FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM, FPDF_SEGMENT_MOVETO
    add_edge, add_edges = edges.append, edges.extend

    def walk(objects: list[int], outer: Matrix, depth: int, drawing: bool) -> None:
        A, B, C, D, E, F = outer
        for obj in objects:
            order[obj or 0] = len(order)
            kind = get_type(obj)
            if kind == form:
                if depth < MAX_FORM_DEPTH:
                    inner = outer
                    if drawing:
                        get_matrix(obj, m)
                        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
                        inner = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                                 e * A + f * C + E, e * B + f * D + F)
                    walk(_form_objects(fn, obj), inner, depth + 1, drawing)
                continue
            if kind != path or not drawing:
                continue
            get_matrix(obj, m)
            a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
            a, b, c, d, e, f = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                                e * A + f * C + E, e * B + f * D + F)
            subpaths: list[list[tuple[float, float]]] = []
            closed: list[bool] = []
            for s in range(count_segments(obj)):
                seg = get_segment(obj, s)
                get_point(seg, x, y)
                px, py = x.value, y.value
                point = (a * px + c * py + e, page_top - (b * px + d * py + f))
                if not subpaths or segment_type(seg) == moveto:
                    subpaths.append([point])
                    closed.append(False)
                else:
                    subpaths[-1].append(point)
                if is_closing(seg):
                    closed[-1] = True
            for points, shut in zip(subpaths, closed):
                if len(points) == 2 and not shut:  # one straight line
                    add_edge(line_edge(points[0], points[1]))
                else:
                    add_edges(_shape_edges(points, shut))
            if len(edges) > MAX_PAGE_EDGES:
                drawing = False

    walk(_page_objects(fn, page), view, 0, True)
    return order, edges


def _chars(
    fn: Any, textpage: int, number: int, page_top: float, order: dict[int, int], view: Matrix
) -> tuple[list[dict[str, Any]], int]:
    """Characters (pdfminer-shaped dicts, top-down), in content-stream order; and the number
    of glyphs without a Unicode mapping (left out). Generated spaces and line breaks are
    whitespace and dropped like real spaces."""
    count = fn.count_chars(textpage)
    check_page_counts(number, count, 0)
    get_unicode, map_error, get_object, get_origin = fn.get_unicode, fn.map_error, fn.text_object, fn.char_origin
    get_box, glyph_width = fn.loose_box, fn.glyph_width
    rect, matrix, out = FS_RECTF(), FS_MATRIX(), ctypes.c_float()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    metrics: dict[int, _Metrics] = {}  # by text object
    fonts: dict[int, tuple[float, dict[int, float]]] = {}  # by font: descent, widths at size 1
    texts: dict[int, str] = {}  # by code point: "" left out, " " whitespace, else the character
    chars: list[dict[str, Any]] = []
    keys: list[tuple[int, int]] = []  # (stream position, index) of each character
    add, add_key = chars.append, keys.append
    in_order = True
    unmapped = 0
    A, B, C, D, E, F = view
    turned = view != _IDENTITY
    address = -1  # the text object of the character before (most run on in the same object)
    last = -1  # stream position of the character before
    for i in range(count):
        code = get_unicode(textpage, i)
        text = texts.get(code)
        if text is None:
            text = texts[code] = _text_of(code)
        if not text:
            continue
        if map_error(textpage, i) == 1:
            unmapped += 1
            continue
        if text == " ":
            continue
        this = get_object(textpage, i) or 0
        if this != address:
            address = this
            known = metrics.get(address)
            if known is None:
                known = metrics[address] = _metrics(
                    fn, textpage, i, address, order.get(address, len(order)), fonts, matrix, view
                )
            position, size, descent, x_scale, font, widths, upright = known
        get_origin(textpage, i, ox, oy)
        if turned:
            x0 = A * ox.value + C * oy.value + E
            bottom = page_top - (B * ox.value + D * oy.value + F + descent * size)
        else:
            x0 = ox.value
            bottom = page_top - (oy.value + descent * size)
        width = widths.get(code)
        if width is None:
            width = widths[code] = out.value if font and glyph_width(font, code, 1.0, out) else math.nan
        advance = width * x_scale
        if advance >= 0:
            x1 = x0 + advance
        else:  # no font widths (NaN): PDFium's loose box
            get_box(textpage, i, rect)
            x1 = rect.right
        if position < last:
            in_order = False
        last = position
        add({
            "text": text, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom, "size": size,
            "upright": upright,
        })
        add_key((position, i))
    if in_order:
        return chars, unmapped
    ranked = sorted(range(len(chars)), key=keys.__getitem__)  # by stream position, then index
    return [chars[k] for k in ranked], unmapped


_SKIPPED = frozenset((0, 0x20, 0x0D, 0x0A))


def _text_of(code: int) -> str:
    """The character of a code point: "" for one left out before its mapping is checked
    (NUL, space, line breaks, surrogates, out of range), " " for other whitespace."""
    if code in _SKIPPED or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return ""
    text = chr(code)
    return " " if text.isspace() else text


_Metrics = tuple[int, float, float, float, int, dict[int, float], bool]


def _metrics(
    fn: Any, textpage: int, index: int, obj: int, position: int,
    fonts: dict[int, tuple[float, dict[int, float]]], matrix: FS_MATRIX, view: Matrix,
) -> _Metrics:
    """Of the text object holding character ``index``: (stream position, size as pdfminer
    measures it, descent per unit size, horizontal scale of advances, font or 0, its font's
    table of advances at size 1 by character code, NaN where unknown, and whether its text
    is upright on the page as shown (``view``), as pdfminer decides it). ``fonts`` keeps each
    font's descent and table for the page."""
    fn.text_matrix(textpage, index, matrix)
    font_size = fn.font_size(textpage, index)
    size = font_size * math.hypot(matrix.c, matrix.d)
    x_scale = font_size * math.hypot(matrix.a, matrix.b)
    font = (fn.object_font(obj) if obj else None) or 0
    known = fonts.get(font)
    if known is None:
        descent = ctypes.c_float()
        ok = font and fn.font_descent(font, 1.0, descent)
        known = fonts[font] = (descent.value if ok else 0.0, {})
    A, B, C, D = view[:4]
    a, b = matrix.a * A + matrix.b * C, matrix.a * B + matrix.b * D
    c, d = matrix.c * A + matrix.d * C, matrix.c * B + matrix.d * D
    upright = a * d > 0 and b * c <= 0
    return position, size, known[0], x_scale, font, known[1], upright


def _page_objects(fn: Any, page: int) -> list[int]:
    get_object = fn.page_object
    return [get_object(page, i) for i in range(fn.count_objects(page))]


def _form_objects(fn: Any, form: int) -> list[int]:
    get_object = fn.form_object
    return [get_object(form, j) for j in range(fn.count_form_objects(form))]


def _shape_edges(points: list[tuple[float, float]], closed: bool) -> list[Edge]:
    """The edges of a subpath that is not one straight line: a rectangle's four sides, or
    the horizontal and vertical segments of a polyline."""
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

