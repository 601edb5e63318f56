"""The PDFium functions the engine calls, re-typed so that document, page, object and font
handles pass as plain integers, from pypdfium2's raw bindings alone.

pypdfium2's raw bindings type each handle as a pointer to an opaque struct: every call then
builds a pointer object for its result and converts one for each argument, which costs more
than the PDFium call itself. Here each function is the same C entry point behind a prototype
whose handles are ``c_void_p`` (a plain ``int``, ``None`` for NULL); every other argument and
result keeps the bindings' type. Only the bindings (``pypdfium2_raw``) are imported, not
pypdfium2's helper classes, which take as long again to import; so PDFium is initialised here.
"""

from __future__ import annotations

import ctypes
from functools import cache
from types import SimpleNamespace
from typing import Any

_NAMES = {
    "load_document": "FPDF_LoadMemDocument64",
    "last_error": "FPDF_GetLastError",
    "page_count": "FPDF_GetPageCount",
    "close_document": "FPDF_CloseDocument",
    "load_page": "FPDF_LoadPage",
    "media_box": "FPDFPage_GetMediaBox",
    "close_page": "FPDF_ClosePage",
    "load_text": "FPDFText_LoadPage",
    "close_text": "FPDFText_ClosePage",
    "count_chars": "FPDFText_CountChars",
    "get_unicode": "FPDFText_GetUnicode",
    "map_error": "FPDFText_HasUnicodeMapError",
    "text_object": "FPDFText_GetTextObject",
    "char_origin": "FPDFText_GetCharOrigin",
    "loose_box": "FPDFText_GetLooseCharBox",
    "text_matrix": "FPDFText_GetMatrix",
    "font_size": "FPDFText_GetFontSize",
    "object_font": "FPDFTextObj_GetFont",
    "font_descent": "FPDFFont_GetDescent",
    "glyph_width": "FPDFFont_GetGlyphWidth",
    "count_objects": "FPDFPage_CountObjects",
    "page_object": "FPDFPage_GetObject",
    "object_type": "FPDFPageObj_GetType",
    "object_matrix": "FPDFPageObj_GetMatrix",
    "count_form_objects": "FPDFFormObj_CountObjects",
    "form_object": "FPDFFormObj_GetObject",
    "count_segments": "FPDFPath_CountSegments",
    "path_segment": "FPDFPath_GetPathSegment",
    "segment_point": "FPDFPathSegment_GetPoint",
    "segment_type": "FPDFPathSegment_GetType",
    "segment_closes": "FPDFPathSegment_GetClose",
}


@cache
def calls() -> SimpleNamespace:
    """The functions of _NAMES under their short names, PDFium initialised (once per process)."""
    import pypdfium2_raw as raw

    # as pypdfium2 does on import; PDFium ignores a second initialisation
    raw.FPDF_InitLibraryWithConfig(
        raw.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
    )
    return SimpleNamespace(**{short: plain(getattr(raw, name)) for short, name in _NAMES.items()})


def plain(function: Any) -> Any:
    """``function`` (a raw binding) with its handle arguments and result as ints."""
    prototype = ctypes.CFUNCTYPE(_plain_type(function.restype), *map(_plain_type, function.argtypes))
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


def _plain_type(kind: Any) -> Any:
    target = getattr(kind, "_type_", None)
    opaque = isinstance(target, type) and issubclass(target, ctypes.Structure) and not hasattr(target, "_fields_")
    return ctypes.c_void_p if opaque else kind
