"""An annotated copy of a PDF report: each finding highlighted where it is printed (its words,
or a rectangle on its table cell) with a popup note giving the code, message and arithmetic.

The original is only read; the copy is written to a temporary file and renamed into place, and
an existing output is replaced only when asked (``force``). Finding the words on the pages
(pdfplumber) and building the copy (pypdf) run under the PDF reader's time bound, in a process of
their own where the OS can fork (:mod:`fiscallint.pdf.watchdog`), so a hostile file cannot hang
the command; the copy is written by this process once it is complete. pypdf is imported on use.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .errors import InputError
from .findings import Finding
from .pdf import PdfText
from .pdf.locate import Place, Target, locate, union

HIGHLIGHT = "ffe066"
CELL_BORDER = "d93025"
CELL_BORDER_WIDTH = 2.0
POPUP_SIZE = (260.0, 120.0)
NOTE_SIZE = 18.0


@dataclass
class Annotated:
    """What was written: the findings placed on their words or cells, and those that were not."""

    placed: list[tuple[Finding, Place]] = field(default_factory=list)
    unplaced: list[Finding] = field(default_factory=list)


def note(finding: Finding) -> str:
    """The popup text: code, severity, message (which carries the arithmetic), related places."""
    lines = [f"{finding.code} ({finding.severity.value}) {finding.message}"]
    pages = finding.related_pages or [None] * len(finding.related)
    for related, page in zip(finding.related, pages):
        at = f"p. {page}, " if page is not None else ""
        lines.append(f"↳ {at}line {related.span.line}: {related.note}".rstrip(": "))
    return "\n".join(lines)


def target(finding: Finding, extracted: PdfText) -> Target | None:
    """What to look for on the page: the finding's text on its first line, inside that line's box."""
    number = finding.span.line
    if not 1 <= number <= len(extracted.boxes) or extracted.boxes[number - 1] is None:
        return None
    line = extracted.text.split("\n")[number - 1]
    start = finding.span.column - 1
    end = finding.span.end_column - 1 if finding.span.end_line == number else len(line)
    text = line[start:end] if 0 <= start < end <= len(line) else ""
    if not text.strip():
        start, text = 0, line
    needle = re.sub(r"\s+", "", text)
    if not needle:
        return None
    before = re.sub(r"\s+", "", line[:start])
    joined = before + re.sub(r"\s+", "", line[start:])
    occurrence = sum(1 for m in re.finditer(f"(?={re.escape(needle)})", joined) if m.start() < len(before))
    return Target(extracted.pages[number - 1], extracted.boxes[number - 1], text, occurrence, "\t" in line)


def check_output(source: str, output: str, force: bool) -> None:
    """Refuse to write over the original, or over an existing file unless ``force``."""
    if os.path.exists(output) and os.path.exists(source) and os.path.samefile(source, output):
        raise InputError("the annotated copy cannot replace the original: choose another output file")
    if os.path.exists(output) and not force:
        raise InputError(f"{output} exists: use --force to overwrite it")


def annotate_pdf(
    source: str, findings: list[Finding], output: str, force: bool = False, max_seconds: float = 60.0,
    engine: str = "pdfium",
) -> Annotated:
    """Write ``output``: a copy of ``source`` with one annotation (and its popup) per finding.
    Reading the PDF (with ``engine``) and annotating it take at most ``max_seconds`` of wall time
    together (InputError beyond; where the OS cannot fork, checked between steps)."""
    import time

    from .fixes import write_new
    from .pdf import extract_pdf
    from .pdf.watchdog import run_bounded

    check_output(source, output, force)
    start = time.monotonic()
    extracted = extract_pdf(source, engine=engine, max_seconds=max_seconds)
    targets = [target(f, extracted) for f in findings]
    places, data = run_bounded(
        lambda: _annotated(source, findings, targets),
        max(max_seconds - (time.monotonic() - start), 0.0),
        f"annotating stopped, over the time bound of --pdf-timeout {max_seconds:g} s",
    )
    write_new(output, data)
    return _placed(findings, targets, places)


def _placed(findings: list[Finding], targets: list[Target | None], found: list[Place | None]) -> Annotated:
    """The findings placed on their words or cells (``found``: a place for each target), and the rest."""
    places = iter(found)
    result = Annotated()
    for finding, t in zip(findings, targets):
        place = next(places) if t is not None else None
        if place is None:
            result.unplaced.append(finding)
        else:
            result.placed.append((finding, place))
    return result


def _annotated(source: str, findings: list[Finding], targets: list[Target | None]) -> tuple[list[Place | None], bytes]:
    """A place for each target, and the bytes of the annotated copy (built where the time bound
    holds; only these go back to the command)."""
    from .pdf.page_content import describe

    try:
        found = locate(source, [t for t in targets if t is not None])
    except InputError:
        raise
    except Exception as exc:  # pdfplumber raises many types on damaged files
        raise InputError(f"cannot find the findings on the pages ({describe(exc)})") from None
    fallback = {id(f): (t.page, t.box) for f, t in zip(findings, targets) if t is not None}
    try:
        return found, _copy(source, _placed(findings, targets, found), fallback)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(f"cannot write the annotated copy ({describe(exc)})") from None


def _copy(source: str, result: Annotated, fallback: dict) -> bytes:
    from pypdf import PdfWriter

    from .pdf.page_content import describe
    from pypdf.annotations import Highlight, Popup, Rectangle, Text
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    try:
        writer = PdfWriter(clone_from=source)
    except Exception as exc:  # pypdf raises many types on damaged files
        raise InputError(f"cannot copy the PDF ({describe(exc)})") from None

    def to_pdf(page_index: int, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        media = writer.pages[page_index].mediabox
        left, top = float(media.left), float(media.top)
        return (left + box[0], top - box[3], left + box[2], top - box[1])

    def add(page_index: int, annotation: dict, finding: Finding, rect: tuple[float, float, float, float], number: int) -> None:
        annotation[NameObject("/Contents")] = TextStringObject(note(finding))
        annotation[NameObject("/T")] = TextStringObject(f"fiscallint {finding.code}")
        annotation[NameObject("/NM")] = TextStringObject(f"fiscallint-{number}")
        parent = writer.add_annotation(page_index, annotation)
        x0, _, _, y1 = rect
        writer.add_annotation(page_index, Popup(rect=(x0, y1, x0 + POPUP_SIZE[0], y1 + POPUP_SIZE[1]), parent=parent))

    number = 0
    for finding, place in result.placed:
        index = place.page - 1
        if place.cell is not None:
            rect = to_pdf(index, place.cell)
            annotation = Rectangle(rect, border_color=CELL_BORDER)
            annotation[NameObject("/BS")] = DictionaryObject({NameObject("/W"): FloatObject(CELL_BORDER_WIDTH)})
        else:
            quads = [to_pdf(index, box) for box in place.words]
            rect = union(quads)
            points = ArrayObject(FloatObject(v) for x0, y0, x1, y1 in quads for v in (x0, y1, x1, y1, x0, y0, x1, y0))
            annotation = Highlight(rect=rect, quad_points=points, highlight_color=HIGHLIGHT, printing=True)
        add(index, annotation, finding, rect, number)
        number += 1
    for finding in result.unplaced:
        page, box = fallback.get(id(finding), (1, None))
        index = min(max(page - 1, 0), len(writer.pages) - 1)
        x0, y1 = (to_pdf(index, box)[0], to_pdf(index, box)[3]) if box else (10.0, float(writer.pages[index].mediabox.top) - 10)
        rect = (x0 - NOTE_SIZE, y1 - NOTE_SIZE, x0, y1)
        add(index, Text(rect=rect, text=note(finding)), finding, rect, number)
        number += 1
    from io import BytesIO

    data = BytesIO()
    writer.write(data)
    return data.getvalue()
