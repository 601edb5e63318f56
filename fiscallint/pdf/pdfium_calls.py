"""The PDFium functions the engine calls, declared here with handles as plain integers.

pypdfium2 ships the PDFium library and ctypes bindings for all of its API; importing those
bindings (thousands of prototypes) takes several times as long as loading the library, and
their handle types make every call build a pointer object for its result and convert one for
each argument, which costs more than the PDFium call itself. So the library is loaded from
pypdfium2's package folder and the few functions the engine needs are declared here, from
PDFium's public headers, with every handle a ``c_void_p`` (a plain ``int``, ``None`` for NULL);
``tests/test_pdfium_calls.py`` holds each declaration equal to pypdfium2's. Where the library
is not found there (another packaging), the functions are taken from pypdfium2's bindings.
"""

from __future__ import annotations

import ctypes
import os
import sys
from ctypes import POINTER, Structure, c_char_p, c_double, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from functools import cache
from importlib.util import find_spec
from types import SimpleNamespace
from typing import Any

H = c_void_p  # any PDFium handle (document, page, text page, object, font, path segment)


class FS_MATRIX(Structure):  # noqa: N801 -- PDFium's name
    _fields_ = [(name, c_float) for name in "abcdef"]


class FS_RECTF(Structure):  # noqa: N801
    _fields_ = [(name, c_float) for name in ("left", "top", "right", "bottom")]


class _LibraryConfig(Structure):  # FPDF_LIBRARY_CONFIG, version 2
    _fields_ = [("version", c_int), ("m_pUserFontPaths", POINTER(c_char_p)), ("m_pIsolate", c_void_p),
                ("m_v8EmbedderSlot", c_uint)]


FPDF_ERR_SUCCESS, FPDF_ERR_FILE, FPDF_ERR_FORMAT = 0, 2, 3
FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY, FPDF_ERR_PAGE = 4, 5, 6
FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM = 2, 5
FPDF_SEGMENT_MOVETO = 2

# short name: (PDFium name, result, arguments)
SIGNATURES: dict[str, tuple[str, Any, tuple[Any, ...]]] = {
    "load_document": ("FPDF_LoadMemDocument64", H, (c_void_p, c_size_t, POINTER(ctypes.c_char))),
    "last_error": ("FPDF_GetLastError", c_ulong, ()),
    "page_count": ("FPDF_GetPageCount", c_int, (H,)),
    "close_document": ("FPDF_CloseDocument", None, (H,)),
    "load_page": ("FPDF_LoadPage", H, (H, c_int)),
    "media_box": ("FPDFPage_GetMediaBox", c_int, (H, *[POINTER(c_float)] * 4)),
    "close_page": ("FPDF_ClosePage", None, (H,)),
    "page_rotation": ("FPDFPage_GetRotation", c_int, (H,)),
    "load_text": ("FPDFText_LoadPage", H, (H,)),
    "close_text": ("FPDFText_ClosePage", None, (H,)),
    "count_chars": ("FPDFText_CountChars", c_int, (H,)),
    "get_unicode": ("FPDFText_GetUnicode", c_uint, (H, c_int)),
    "map_error": ("FPDFText_HasUnicodeMapError", c_int, (H, c_int)),
    "text_object": ("FPDFText_GetTextObject", H, (H, c_int)),
    "char_origin": ("FPDFText_GetCharOrigin", c_int, (H, c_int, POINTER(c_double), POINTER(c_double))),
    "loose_box": ("FPDFText_GetLooseCharBox", c_int, (H, c_int, POINTER(FS_RECTF))),
    "text_matrix": ("FPDFText_GetMatrix", c_int, (H, c_int, POINTER(FS_MATRIX))),
    "font_size": ("FPDFText_GetFontSize", c_double, (H, c_int)),
    "object_font": ("FPDFTextObj_GetFont", H, (H,)),
    "font_descent": ("FPDFFont_GetDescent", c_int, (H, c_float, POINTER(c_float))),
    "glyph_width": ("FPDFFont_GetGlyphWidth", c_int, (H, c_uint, c_float, POINTER(c_float))),
    "count_objects": ("FPDFPage_CountObjects", c_int, (H,)),
    "page_object": ("FPDFPage_GetObject", H, (H, c_int)),
    "object_type": ("FPDFPageObj_GetType", c_int, (H,)),
    "object_matrix": ("FPDFPageObj_GetMatrix", c_int, (H, POINTER(FS_MATRIX))),
    "count_form_objects": ("FPDFFormObj_CountObjects", c_int, (H,)),
    "form_object": ("FPDFFormObj_GetObject", H, (H, c_ulong)),
    "count_segments": ("FPDFPath_CountSegments", c_int, (H,)),
    "path_segment": ("FPDFPath_GetPathSegment", H, (H, c_int)),
    "segment_point": ("FPDFPathSegment_GetPoint", c_int, (H, POINTER(c_float), POINTER(c_float))),
    "segment_type": ("FPDFPathSegment_GetType", c_int, (H,)),
    "segment_closes": ("FPDFPathSegment_GetClose", c_int, (H,)),
}
_LIBRARY_FILE = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")


@cache
def calls() -> SimpleNamespace:
    """The functions of SIGNATURES under their short names, PDFium initialised (once per
    process; PDFium ignores a second initialisation, e.g. by pypdfium2 itself)."""
    address = _addresses()
    init = ctypes.CFUNCTYPE(None, POINTER(_LibraryConfig))(address("FPDF_InitLibraryWithConfig"))
    init(_LibraryConfig(version=2))
    return SimpleNamespace(**{
        short: ctypes.CFUNCTYPE(result, *arguments)(address(name))
        for short, (name, result, arguments) in SIGNATURES.items()
    })


def _addresses() -> Any:
    """``name -> address`` of PDFium's functions: from the library in pypdfium2's package
    folder, else from pypdfium2's bindings."""
    spec = find_spec("pypdfium2_raw")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = next((p for f in folders if os.path.isfile(p := os.path.join(f, _LIBRARY_FILE))), None)
    if path is not None:
        library = ctypes.CDLL(path)
        return lambda name: ctypes.cast(getattr(library, name), c_void_p).value
    from pypdfium2 import raw  # older layouts: the bindings pypdfium2 itself uses

    return lambda name: ctypes.cast(getattr(raw, name), c_void_p).value
