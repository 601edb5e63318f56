"""Building :class:`Table` nodes from the lines the document grammar grouped as a table.

Rows come in two layouts: tab-separated (markdown, TSV, PDF canonical text), where empty
cells keep every value in its column; and space-separated PDF dumps, where empty cells
vanish. A row is split into segments (code/label, 行次, values); side-by-side half tables
(收入 | 支出, or the three blocks of table 06) give several segments per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ast import Cell, Identity, Number, Row, Span, Table
from .lines import TABLE_NO_RE, UNIT_RE, Line
from .numbers import parse_number

TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\s\d]+(?:\d+[^\s\d]+)*")
PLAIN_NUMBER_RE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
CODE_RE = re.compile(r"\d{3}|\d{5}|\d{7}")
GLUED_RE = re.compile(r"(\d[\d,]*\.\d{2})(\d{3}|\d{5}|\d{7})")
IDENTITY_RE = re.compile(r"(\d+)\s*(栏各行|栏|行)\s*[＝=]\s*[（(]?([\d\s+＋…\.、,，]+)[)）]?\s*(栏各行|栏|行)?")
LABEL_EMPTY = {"-", "—", "--", "/", "－"}


@dataclass
class _Token:
    text: str
    column: int  # 1-based source column
    tab: int | None  # tab-cell index in positioned layouts


@dataclass
class _Segment:
    code: str | None = None
    label: list[str] = field(default_factory=list)
    line_no: int | None = None
    values: list[_Token] = field(default_factory=list)
    start: int = 0

    def has_content(self) -> bool:
        return bool(self.code or self.label or self.line_no is not None or self.values)


def _tokens(line: Line, tabbed: bool) -> list[_Token]:
    """Split a row line into tokens; in tab layouts each cell is one token (empties kept)."""
    out: list[_Token] = []
    if tabbed:
        offset = 0
        for index, cell in enumerate(line.text.split("\t")):
            stripped = cell.strip()
            column = line.column + offset + (len(cell) - len(cell.lstrip()))
            out.append(_Token(stripped, column, index))
            offset += len(cell) + 1
        return out
    for match in TOKEN_RE.finditer(line.text):
        text = match.group()
        glued = GLUED_RE.fullmatch(text)
        if glued:
            out.append(_Token(glued.group(1), line.column + match.start(), None))
            out.append(_Token(glued.group(2), line.column + match.start() + glued.start(2), None))
            continue
        out.append(_Token(text, line.column + match.start(), None))
    return out


def _is_number(text: str) -> bool:
    return PLAIN_NUMBER_RE.fullmatch(text) is not None


def _segments(tokens: list[_Token], keyed_by_line_no: bool) -> list[_Segment]:
    """Group tokens into segments: [code] [label] [行次] values…"""
    segments: list[_Segment] = []
    current = _Segment()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        text = token.text
        if not text or text in LABEL_EMPTY:
            i += 1
            continue
        is_num = _is_number(text)
        if is_num and CODE_RE.fullmatch(text) and not current.values and not current.label and current.code is None and current.line_no is None:
            code = text
            # 类 | 款 | 项 printed in separate columns: 201 35 01
            while len(code) in (3, 5) and i + 1 < len(tokens) and re.fullmatch(r"\d{2}", tokens[i + 1].text):
                code += tokens[i + 1].text
                i += 1
            current.code = code
            current.start = token.column
        elif is_num and CODE_RE.fullmatch(text) and (current.values or current.label) and i + 1 < len(tokens) and not _is_number(tokens[i + 1].text) and tokens[i + 1].text:
            segments.append(current)
            current = _Segment(code=text, start=token.column)
        elif is_num:
            if keyed_by_line_no and current.line_no is not None and not current.values and not current.label and _small_int(text):
                segments.append(current)
                current = _Segment(line_no=int(text), start=token.column)
            elif (
                keyed_by_line_no
                and current.line_no is None
                and not current.values
                and _small_int(text)
            ):
                current.line_no = int(text)
                if not current.has_content() or current.start == 0:
                    current.start = token.column
            else:
                current.values.append(token)
        else:
            if current.values or current.line_no is not None:
                segments.append(current)
                current = _Segment(start=token.column)
            if not current.has_content():
                current.start = token.column
            current.label.append(text)
        i += 1
    if current.has_content():
        segments.append(current)
    return segments


def _small_int(text: str) -> bool:
    return text.isdigit() and int(text) < 200


def _row_from_segment(seg: _Segment, line: Line, column_count: int | None, tabbed: bool, first_value_tab: int | None) -> Row:
    cells: list[Cell] = []
    numbers: list[Number] = []
    for token in seg.values:
        span = Span(line.number, token.column, line.number, token.column + len(token.text))
        number = parse_number(token.text, span)
        if number is not None:
            numbers.append(number)
    positioned = False
    if tabbed and first_value_tab is not None and all(t.tab is not None for t in seg.values):
        for token, number in zip(seg.values, numbers):
            cells.append(Cell(number, (token.tab or 0) - first_value_tab + 1))
        positioned = True
    else:
        full = column_count is not None and len(numbers) == column_count
        for index, number in enumerate(numbers):
            column = index + 1 if full or index == 0 else None
            cells.append(Cell(number, column))
        positioned = full or len(numbers) <= 1
    start = seg.start or line.column
    end = max([start + 1] + [c.number.span.end_column for c in cells])
    label = "".join(seg.label)
    return Row(label, seg.code, seg.line_no, cells, Span(line.number, start, line.number, end), positioned)


def _merge_fragments(body: list[tuple[str, Line]], tabbed: bool) -> list[Line]:
    """Join the pieces of a row wrapped over several lines in a dump (code / name / figures)."""
    merged: list[Line] = []
    buffer: list[Line] = []
    for kind, line in body:
        if tabbed:
            merged.append(line)
            continue
        starts_with_value = re.match(r"^\d[\d,]*\.\d+", line.text) is not None
        if buffer and (starts_with_value or kind == "HEADER"):
            buffer.append(line)
            if kind == "HEADER":
                continue
            merged.append(_join(buffer))
            buffer = []
            continue
        if buffer:
            merged.append(_join(buffer))
            buffer = []
        if kind == "ROW" and (CODE_RE.fullmatch(line.text.strip()) or not re.search(r"\d[\d,]*\.\d+|\s\d+$", line.text)):
            buffer.append(line)
            continue
        if kind == "ROW":
            merged.append(line)
    if buffer:
        merged.append(_join(buffer))
    return merged


def _join(lines: list[Line]) -> Line:
    """A synthetic line spanning several: the first line's position, texts joined by a space."""
    first = lines[0]
    return Line(first.number, " ".join(line.text for line in lines), first.column, first.raw)


def build_table(title_lines: list[Line], meta: list[tuple[str, Line]], body: list[tuple[str, Line]], notes: list[Line]) -> Table:
    """Assemble a Table from the grammar's grouping of lines."""
    all_lines = title_lines + [l for _, l in meta] + [l for _, l in body] + notes
    tabbed = any("\t" in line.text for _, line in body)
    number = None
    title = ""
    unit = None
    headers: list[str] = []
    for line in title_lines + [l for _, l in meta]:
        compact = line.text.replace(" ", "")
        match = TABLE_NO_RE.search(compact)
        if match and number is None:
            number = f"{int(match.group(1)):02d}"
            rest = TABLE_NO_RE.sub("", compact).strip()
            if rest and not title:
                title = rest
        elif UNIT_RE.search(compact):
            unit = UNIT_RE.search(compact).group(1)  # type: ignore[union-attr]
        elif not title and line in title_lines:
            title = compact
        else:
            headers.append(line.text)
    first_row = next((i for i, (kind, _) in enumerate(body) if kind == "ROW"), len(body))
    headers.extend(line.text for _, line in body[:first_row])
    header_text = "".join(headers).replace(" ", "").replace("\t", "")
    keyed_by_line_no = "行次" in header_text
    column_count = _column_count(headers)
    rows_lines = _merge_fragments(body[first_row:], tabbed)
    if UNIT_RE.search(header_text) and unit is None:
        unit = UNIT_RE.search(header_text).group(1)  # type: ignore[union-attr]
    segmented = [(_segments(_tokens(line, tabbed), keyed_by_line_no), line) for line in rows_lines]
    first_value_tab = _first_value_tab(segmented) if tabbed else None
    rows: list[Row] = []
    blocks: list[list[Row]] = []
    for segments, line in segmented:
        for index, seg in enumerate(segments):
            row = _row_from_segment(seg, line, column_count if len(segments) == 1 else None, tabbed, first_value_tab if len(segments) == 1 else None)
            rows.append(row)
            if len(segments) > 1 or blocks:
                while len(blocks) <= index:
                    blocks.append([])
                blocks[index].append(row)
    identities = [identity for line in notes for identity in parse_identities(line)]
    first = all_lines[0] if all_lines else None
    last = all_lines[-1] if all_lines else None
    span = Span(first.number if first else 1, 1, (last.number if last else 1), len(last.raw) + 1 if last else 1)
    return Table(number, title, unit, headers, [], rows, [n.text for n in notes], identities, span, blocks if len(blocks) > 1 else [])


def _column_count(headers: list[str]) -> int | None:
    """The number of value columns, from the 栏次 header line when printed."""
    for header in headers:
        compact = header.strip()
        if compact.startswith("栏次") or compact.replace(" ", "").replace("\t", "").startswith("类款项"):
            numbers = re.findall(r"(?<!\d)\d{1,2}(?!\d)", compact)
            if numbers and "栏次" in compact[2:]:
                return None  # side-by-side (栏次 1 栏次 2): per-block single column
            if numbers:
                return max(int(n) for n in numbers)
    return None


def _first_value_tab(segmented: list[tuple[list[_Segment], Line]]) -> int | None:
    """In a tab layout, the cell index of value column 1 (the leftmost value of single-segment rows)."""
    candidates = [seg[0].values[0].tab for seg, _ in segmented if len(seg) == 1 and seg[0].values and seg[0].values[0].tab is not None]
    return min(candidates) if candidates else None  # type: ignore[type-var]


def parse_identities(line: Line) -> list[Identity]:
    """Printed identities in a note: "1栏各行＝（2＋3＋4）栏各行", "27行＝（1＋2+3）行", "59行＝（33＋34＋…＋58）行"."""
    found: list[Identity] = []
    text = line.text
    for match in IDENTITY_RE.finditer(text):
        axis = "column" if "栏" in match.group(2) else "row"
        raw_terms = re.split(r"[+＋、,，]", match.group(3))
        terms: list[int] = []
        ranges: list[tuple[int, int]] = []
        previous: int | None = None
        ellipsis = False
        for raw in raw_terms:
            raw = raw.strip()
            if not raw:
                continue
            if "…" in raw or "..." in raw:
                ellipsis = True
                digits = re.sub(r"[…\.]", "", raw).strip()
                if not digits:
                    continue
                raw = digits
            if not raw.isdigit():
                continue
            value = int(raw)
            if ellipsis and previous is not None:
                ranges.append((previous, value))
                terms.extend(range(previous + 1, value + 1))
                ellipsis = False
            else:
                terms.append(value)
            previous = value
        if terms:
            start = line.column + match.start()
            found.append(Identity(axis, int(match.group(1)), terms, Span(line.number, start, line.number, line.column + match.end()), ranges))
    return found
