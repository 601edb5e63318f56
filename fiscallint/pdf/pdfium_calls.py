"""The PDFium functions the engine calls once per character or path segment, re-typed so that
document, page, object and font handles pass as plain integers.

pypdfium2.raw types each handle as a pointer to an opaque struct: every call then builds a
pointer object for its result and converts one for each argument, which costs more than the
PDFium call itself. Here each function is the same C entry point behind a prototype whose
handles are ``c_void_p`` (a plain ``int``, ``None`` for NULL); every other argument and result
keeps pypdfium2's type.
"""

from __future__ import annotations

import ctypes
from functools import cache
from types import SimpleNamespace
from typing import Any

_NAMES = {
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
    """The functions of _NAMES under their short names (built once per process)."""
    import pypdfium2.raw as raw

    return SimpleNamespace(**{short: plain(getattr(raw, name)) for short, name in _NAMES.items()})


def plain(function: Any) -> Any:
    """``function`` (a pypdfium2.raw function) with its handle arguments and result as ints."""
    prototype = ctypes.CFUNCTYPE(_plain_type(function.restype), *map(_plain_type, function.argtypes))
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


def handle(pointer: Any) -> int:
    """A pypdfium2 handle (pointer object) as the integer the re-typed functions take."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _plain_type(kind: Any) -> Any:
    target = getattr(kind, "_type_", None)
    opaque = isinstance(target, type) and issubclass(target, ctypes.Structure) and not hasattr(target, "_fields_")
    return ctypes.c_void_p if opaque else kind
