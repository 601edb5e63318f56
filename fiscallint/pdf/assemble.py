"""Turn page contents into canonical lines: drop running headers/footers, merge tables
continued over pages, join wrapped paragraph lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from fiscallint.patterns import lazy
from fiscallint.pdf.chars import join_wrapped
from fiscallint.pdf.model import Box, Item, PageContent, TableBlock, TextLine

_MARGIN_ZONE = 0.1  # top/bottom share of the page where running headers/footers live
_PAGE_NUMBER = lazy(
    r"^[-—–－~\s]*(?:第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)"
    r"[-—–－~\s]*$"
)
_HEADING = lazy(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、．]|\d+\.(?!\d)|注[:：]|附[件表]|[①-⑳])"
)
_SENTENCE_END = "。！？；：!?;:"


@dataclass
class Line:
    """A canonical output line with its source position."""

    text: str
    page: int
    box: Box | None


def assemble(pages: Sequence[PageContent]) -> list[Line]:
    """Canonical lines of the document, in reading order."""
    _drop_running_lines(pages)
    flow = _merge_continued_tables(pages)
    return _emit(flow, _margins(pages))


def _in_margin_zone(line: TextLine, page: PageContent) -> bool:
    return line.box[3] <= page.height * _MARGIN_ZONE or line.box[1] >= page.height * (
        1 - _MARGIN_ZONE
    )


def _running_key(line: TextLine) -> tuple[str, int]:
    return re.sub(r"\d+", "#", line.text), round(line.box[1] / 4)


def _drop_running_lines(pages: Sequence[PageContent]) -> None:
    """Remove page numbers and text repeated at the same place on most pages."""
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        keys = {
            _running_key(it)
            for it in page.items
            if isinstance(it, TextLine) and _in_margin_zone(it, page)
        }
        seen.update(keys)
    threshold = max(3, len(pages) // 2)
    for page in pages:
        page.items = [
            it
            for it in page.items
            if not (
                isinstance(it, TextLine)
                and _in_margin_zone(it, page)
                and (_PAGE_NUMBER.match(it.text) or seen[_running_key(it)] >= threshold)
            )
        ]


@dataclass
class _Placed:
    """An item of a page with where it stands in the document."""

    item: Item
    page: int
    width: float
    page_start: bool  # first item of its page
    page_end: bool  # last item of its page


def _merge_continued_tables(pages: Sequence[PageContent]) -> list[_Placed]:
    """Flatten pages; a table that ends a page and resumes at the top of the next with the
    same columns becomes one table (repeated title lines and header rows dropped)."""
    flow: list[_Placed] = []
    for page in pages:
        items = list(page.items)
        prev = flow[-1] if flow else None
        if prev is not None and prev.page_end and isinstance(prev.item, TableBlock):
            first = next((i for i, it in enumerate(items) if isinstance(it, TableBlock)), None)
            if first is not None:
                cont = items[first]
                assert isinstance(cont, TableBlock)
                if cont.ncols == prev.item.ncols and _only_repeated_titles(
                    items[:first], flow, prev.item
                ):
                    _append_rows(prev.item, cont)
                    items = items[first + 1 :]
                    if not items:
                        continue
                    prev.page_end = False
        for i, it in enumerate(items):
            flow.append(_Placed(it, page.number, page.width, i == 0, i == len(items) - 1))
    return flow


def _only_repeated_titles(lines: Sequence[Item], flow: Sequence[_Placed], table: TableBlock) -> bool:
    """True when the items above a continuation table only repeat the lines above the table."""
    if not lines:
        return True
    idx = next(i for i in range(len(flow) - 1, -1, -1) if flow[i].item is table)
    before = {p.item.text for p in flow[max(0, idx - 5) : idx] if isinstance(p.item, TextLine)}
    return all(isinstance(it, TextLine) and it.text in before for it in lines)


def _append_rows(table: TableBlock, cont: TableBlock) -> None:
    skip = 0
    while skip < len(cont.rows) and skip < len(table.rows) and cont.rows[skip] == table.rows[skip]:
        skip += 1
    table.rows.extend(cont.rows[skip:])
    table.row_boxes.extend(cont.row_boxes[skip:])
    table.row_pages.extend(cont.row_pages[skip:])


@dataclass
class _Margins:
    """The text margins and the paragraph gap of the document."""

    left: float
    right: float
    max_gap: float  # largest vertical gap between two lines of one paragraph


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _margins(pages: Sequence[PageContent]) -> dict[int, _Margins]:
    """Text body margins per page width (portrait and landscape pages differ)."""
    x0s: dict[int, list[float]] = {}
    x1s: dict[int, list[float]] = {}
    for page in pages:
        key = round(page.width)
        for it in page.items:
            if isinstance(it, TextLine) and len(it.text) >= 8:
                x0s.setdefault(key, []).append(it.box[0])
                x1s.setdefault(key, []).append(it.box[2])
    gaps = [
        b.box[1] - a.box[3]
        for page in pages
        for a, b in zip(page.items, page.items[1:])
        if isinstance(a, TextLine)
        and isinstance(b, TextLine)
        and abs(a.size - b.size) < 0.5
        and b.box[1] - a.box[3] > -a.size
    ]
    max_gap = 1.6 * _quantile(gaps, 0.5) + 2 if gaps else 0.0
    return {k: _Margins(_quantile(x0s[k], 0.1), _quantile(x1s[k], 0.9), max_gap) for k in x0s}


def _continues(a: _Placed, b: _Placed, m: _Margins | None) -> bool:
    """Whether text line b is the wrapped continuation of line a."""
    la, lb = a.item, b.item
    assert isinstance(la, TextLine) and isinstance(lb, TextLine)
    if m is None or abs(la.size - lb.size) > 1.5 or _HEADING.match(lb.text):
        return False
    size = la.size
    if b.page == a.page:
        if not -size <= lb.box[1] - la.box[3] <= max(size, m.max_gap):
            return False
    elif not (b.page == a.page + 1 and a.page_end and b.page_start):
        return False
    # a full line, or nearly full and not ending a sentence (CJK line breaking avoids
    # punctuation at line start and does not split Latin numbers, leaving short lines)
    full = la.box[2] >= m.right - 3 * size or (
        la.box[2] >= m.right - 8 * size and la.text[-1] not in _SENTENCE_END
    )
    if full and lb.box[0] <= m.left + size:
        return True
    mid_a = (la.box[0] + la.box[2]) / 2
    mid_b = (lb.box[0] + lb.box[2]) / 2
    centred = abs(mid_a - a.width / 2) < size and abs(mid_b - b.width / 2) < size
    return (
        b.page == a.page
        and centred
        and lb.box[0] > m.left + 2 * size
        and la.box[2] - la.box[0] > 0.6 * (m.right - m.left)
    )


def _emit(flow: Sequence[_Placed], margins: dict[int, _Margins]) -> list[Line]:
    out: list[Line] = []
    prev: _Placed | None = None
    for placed in flow:
        it = placed.item
        if isinstance(it, TableBlock):
            for cells, box, page in zip(it.rows, it.row_boxes, it.row_pages):
                out.append(Line("\t".join(cells), page, box))
            prev = None
            continue
        if prev is not None and _continues(prev, placed, margins.get(round(prev.width))):
            last = out[-1]
            last.text = join_wrapped(last.text, it.text)
            if last.page == placed.page and last.box is not None:
                last.box = _union(last.box, it.box)
        else:
            out.append(Line(it.text, placed.page, it.box))
        prev = placed
    return out


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
