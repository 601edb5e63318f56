"""The line lexer: classifies each source line into a token for the document grammar.

Reports are line-structured: headings, table titles, 公开NN表 numbers, unit lines, table
header and data rows, notes and narrative text. This lexer reads lines (with a few lines of
look-ahead) and yields Lark tokens whose value is a :class:`Line`. Where a line is read (in a
table, in its notes, in an unfinished paragraph) it asks the document grammar's parser.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Iterator

from lark import Token
from lark.lexer import Lexer

from ..errors import Cancelled
from ..patterns import lazy

if TYPE_CHECKING:
    from lark.lexer import LexerState
    from lark.parsers.lalr_parser_state import ParserState

PART_RE = lazy(r"^第[一二三四五六七八九十]+部分")
H1_RE = lazy(r"^[一二三四五六七八九十]{1,3}[、.．]")
H2_RE = lazy(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
H3_RE = lazy(r"^\d{1,2}[.．、](?!\d)")
H4_RE = lazy(r"^[（(]\d{1,2}[)）]")
TABLE_NO_RE = lazy(r"公开\s*(\d{1,2})\s*表")
UNIT_RE = lazy(r"单位\s*[:：]\s*(万元|千元|元)")
TITLE_RE = lazy(r"((决算|预算|自评|绩效|经费|资产).{0,16}|(收支|收入|支出)总|(收支|收入|支出)(总体)?情况)表\s*[)）]?$")
"""A table title: …决算表, …预算表, 收支总表, and the national budget template's 部门收支总体情况表."""
NOTE_RE = lazy(r"^(注\s*[:：]|\d+\s*[.、．]|\d+\s*(栏各行|行)\s*[＝=])")
SIGN_OFF_RE = lazy(r"^(填报|填表|打印|制表|报送|审核|编制)(日期|时间|人)|^(单位|财务)负责人|^联系(电话|人)")
"""A table's sign-off line (填报日期：2031-01-05, 制表人：…, 单位负责人：…): after its rows, a note;
with rows after it, a page's print footer."""
PAGE_MARK_RE = lazy(
    r"(第\d+页([，,/]?共\d+页)?|[-—–－]\d{1,4}[-—–－]|\d{1,4}/\d{1,4}|(Page|页码)[:：]?\d+(of\d+)?"
    r"|#{1,6}(?i:page)\d{1,4}|=+(?i:page)\d{1,4}=+|\[(?i:page)\d{1,4}\]|--\d{1,4}of\d{1,4}--)")
"""A page's number printed on its own line (第 3 页，共 12 页, — 3 —, 3/12) or a converter's page
mark (# Page 3, -- 3 of 12 --), compact: inside a table it is the page's furniture, read as a
header line (no row, no figure); outside, it is left out, and a paragraph runs on across it."""
TABLE_NUMBER_LINE_RE = lazy(r"附?表\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:\s*[-－—–]\s*\d{1,2})?[:：]?")
"""A province's table number printed alone on the line above the table's title (表3, 附表1-2)."""
IDENTITY_RE = lazy(r"\d+\s*(栏各行|栏|行)\s*[＝=]")
NUMBER_IN_ROW_RE = lazy(r"(?<![\d年月])\d[\d,]*(?:\.\d+)?(?![\d年月日个人%])")
AMOUNT_RE = lazy(r"\d[\d,]*\.\d+")
CODE_START_RE = lazy(r"^\s*(\d{3}|\d{5}|\d{7})(?!\d)(?![.,])")
MD_PREFIX_RE = lazy(r"^(\s*#{1,6}\s+|\s*[-*+]\s+|\s*>\s*)")
HTML_TAG_RE = lazy(r"</?[a-zA-Z][^>]*>")
HTML_ENTITY_RE = lazy(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
SEPARATOR_RE = lazy(r"^[\s|:\-\t—]*$")
GRID_BORDER_RE = lazy(r"^\+(?:[-=:]+\+)+$")
"""A border line of a markdown grid table (+-----+-----+, +=====+ under its header)."""
CONTINUATION_RE = lazy(r"^(万元|亿元|元|[%％])[，,；;。、]")
SENTENCE_END = ("。", "！", "？", "”")
HEADING_LEVEL = {"PART": 1, "H1": 2, "H2": 3}
SECOND_ITEM_RE = lazy(r"\S\s+[一二三四五六七八九十]{1,3}[、.．]")
"""A second 一、-numbered item on the line: the two halves of a side-by-side table row."""
ROW_LOOKAHEAD = 4
NAME_FRAGMENT_RE = lazy(r"[\u4e00-\u9fff]{1,4}")
"""The last characters of a wrapped cell name (款, 拨款, 的支出) on a line of their own."""
"""Lines looked ahead for a table's next row after a 一、-numbered line inside the table."""
CELL_INDENT = 12
"""Inside a table, a 一、-numbered line indented further than this is a cell of the right half
(layout-preserving extraction), not a heading."""


FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
FULL_WIDTH_FIGURE_RE = lazy(r"[０-９]|\d[，％]")
FULL_WIDTH_MARK_RE = lazy(r"(?<=\d)．(?=\d)|(?<=\d)％")
"""A full-width decimal point or percent sign of a figure."""
FULL_WIDTH_GROUPS_RE = lazy(
    r"(?<![\d.,，])\d{1,3}(?:，\d{3})+(?=\.\d|\s*(?:万元|亿元|元))"
    r"|(?<![\d.,，])\d{1,3}(?:，\d{3}){2,}(?![\d.,，])|(?<!\S)\d{1,3}，\d{3}(?!\S)")
"""A figure grouped by full-width commas (2，035.32 万元, a table cell 80，983，509): the comma is
a thousands separator before a decimal point or a unit, in a figure of two groups or more, or in
one standing alone between spaces as a table's cells do (增加12，345项 may be two clauses)."""


CHINESE_YEAR_RE = lazy(r"(?<![一二三四五六七八九十〇零○])(?:二[〇零○][一二三四五六七八九〇零○]{2}|一九[一二三四五六七八九〇零○]{2})(?=\s*年)")
"""A year written in Chinese numerals, one character per digit (二〇二七年, 二○二六年度)."""
CHINESE_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def arabic_years(text: str) -> str:
    """Years in Chinese numerals (二〇二七年) in Arabic digits, one character for one, so
    that every column is unchanged and the year is read like 2027年."""
    return CHINESE_YEAR_RE.sub(lambda m: m.group().translate(CHINESE_YEAR_DIGITS), text)


CHINESE_PERCENT_RE = lazy(r"百分之([一二三四五六七八九十百零〇]{1,5})(?:点([零〇一二三四五六七八九]{1,4}))?")
"""A percentage in Chinese numerals (百分之七点三二, 百分之十五, 百分之百)."""
CHINESE_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def chinese_whole(text: str) -> int | None:
    """A whole number up to 100 in Chinese numerals (零, 五, 十五, 二十, 一百, 百), or None."""
    if text in ("百", "一百"):
        return 100
    if text in ("零", "〇"):
        return 0
    match = re.fullmatch(r"([一二三四五六七八九])?(十)?([一二三四五六七八九])?", text)
    if match is None or not text or (match.group(1) and match.group(3) and not match.group(2)):
        return None
    tens, ten, ones = match.groups()
    if ten is None:
        return CHINESE_DIGIT[tens or ones]
    return CHINESE_DIGIT[tens] * 10 + CHINESE_DIGIT.get(ones or "零", 0) if tens else 10 + CHINESE_DIGIT.get(ones or "零", 0)


def arabic_percentages(text: str) -> str:
    """Percentages in Chinese numerals as figures with %, right-aligned in the characters they
    took (百分之七点三二 → '  7.32%'), so that every other character keeps its column."""
    if "百分之" not in text:
        return text

    def figure(match: re.Match[str]) -> str:
        whole = chinese_whole(match.group(1))
        if whole is None:
            return match.group()
        fraction = "".join(str(CHINESE_DIGIT[c]) for c in match.group(2) or "")
        printed = f"{whole}.{fraction}%" if fraction else f"{whole}%"
        return printed.rjust(len(match.group()))

    return CHINESE_PERCENT_RE.sub(figure, text)


def ascii_figures(text: str) -> str:
    """Figures typed in full-width forms (２０３５．３２, 2，035.32, ５％) in ASCII, one character
    for one, so that every column is unchanged."""
    if FULL_WIDTH_FIGURE_RE.search(text) is None:
        return text
    text = FULL_WIDTH_MARK_RE.sub(lambda m: "%" if m.group() == "％" else ".", text.translate(FULL_WIDTH_DIGITS))
    return FULL_WIDTH_GROUPS_RE.sub(lambda m: m.group().replace("，", ","), text)


OCR_FIGURE_RE = lazy(
    r"(?<![A-Za-z\d.,])(?=[\dOolI.,]*\d)(?=[\dOolI.,]*[OolI])[\dOolI](?:[\dOolI]|[.,](?=[\dOolI]))*(?![A-Za-z\d])"
    r"(?=\s*(?:万元|亿元|元|[%％]|批次|人次|个|辆|人|次|批|项|台|家))")
"""A figure in which text recognition read a 0 as O or o and a 1 as l or I (85O.OO 万元, l50
人次): digits and those letters only, with at least one digit, standing alone and followed by a
unit, so that a word (PM2.5, O2O) is never read as a figure."""
OCR_DIGITS = str.maketrans("OolI", "0011")


def ocr_figures(text: str) -> str:
    """Figures with letters misread for 0 and 1 (85O.OO 万元) in digits, one character for one,
    so that every column is unchanged."""
    if not any(letter in text for letter in "OolI"):
        return text
    return OCR_FIGURE_RE.sub(lambda m: m.group().translate(OCR_DIGITS), text)


SPACED_GROUPS_RE = lazy(r"(?<![\d.,])\d{1,3}(?:, \d{3})+\.\d+|(?<![\d.,])\d{1,3}(?=(?:, ?\d{3})*,\d{3})(?:, ?\d{3}){2,}(?![\d.,])")
"""A figure whose thousands comma an extraction followed with a space (2, 486.85; 80,983, 048):
before a decimal point, where ", 486" cannot be the next item of a list, or in a whole number
whose other groups are closed up (80,983, 048 is one figure; 101, 102, 103 is a list)."""


def closed_groups(text: str) -> str:
    """Figures with a space after their thousands commas closed up (2, 486.85 → 2,486.85), the
    spaces moved after the figure so that every other character keeps its column."""
    if ", " not in text:
        return text

    def close(match: re.Match[str]) -> str:
        figure = match.group()
        return figure.replace(", ", ",") + " " * figure.count(", ")

    return SPACED_GROUPS_RE.sub(close, text)


SPACED_POINT_RE = lazy(r"(?<=[\u4e00-\u9fff，,：:（()）])(\d[\d,]*)( *\. +| +\. *)(\d{1,2})(?=\s*(?:万元|亿元|元|[%％]))")
"""A figure whose decimal point an extraction set off with spaces (支出 335. 96 万元, 占 12 .5%):
written after a word or a clause mark, never at a line's start or after a sentence end (where
“2. 30 万元” is an item's number), and followed by its unit."""


def closed_points(text: str) -> str:
    """Figures with spaces around their decimal point closed up (335 . 96万元 → 335.96万元),
    the spaces moved after the figure so that every other character keeps its column."""
    if "." not in text:
        return text

    def close(match: re.Match[str]) -> str:
        spaces = len(match.group(2)) - 1
        return f"{match.group(1)}.{match.group(3)}" + " " * spaces

    return SPACED_POINT_RE.sub(close, text)


def csv_cells(text: str) -> str:
    """A line of comma-separated values (a spreadsheet's CSV export) as tab-separated cells, one
    character for one: a comma outside quotes becomes a tab, a quote a space (a doubled quote
    inside a quoted cell keeps one), so every column is unchanged."""
    if "," not in text and '"' not in text:
        return text
    out: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"' and quoted and text[i + 1:i + 2] == '"':
            out += [" ", '"']
            i += 2
            continue
        if char == '"':
            quoted = not quoted
            out.append(" ")
        else:
            out.append("\t" if char == "," and not quoted else char)
        i += 1
    return "".join(out)


@dataclass
class Line:
    """One source line, with the text the grammar sees and where that text starts."""

    number: int  # 1-based line number in the source
    text: str  # content with markup stripped (tabs kept)
    column: int  # 1-based column of text[0] in the source line
    raw: str
    margin: int = 0  # columns before the line's own start (a piece after a page break in the line)

    @property
    def indent(self) -> int:
        """Columns before the text from the line's own start (a layout's indentation)."""
        return self.column - 1 - self.margin


def _entity_character(match: re.Match[str]) -> str:
    """An HTML character reference (&gt;, &#8805;) as its character right-aligned in the columns
    the reference took, so that it stays next to the text after it (&gt;=90 → '   >=90'); a
    space (&nbsp;) as spaces; a name HTML does not define as it is."""
    character = html.unescape(match.group())
    if character == match.group():
        return character
    if len(character) != 1 or character.isspace() or character == "\ufffd":
        return " " * len(match.group())
    return character.rjust(len(match.group()))


def plain_figures(raw: str) -> str:
    """A line with its figures written as the rules read them (years and percentages in Chinese
    numerals, full-width forms, letters misread for digits, spaced commas and points), one
    character for one, so that every column is unchanged."""
    return closed_points(closed_groups(ocr_figures(ascii_figures(arabic_percentages(arabic_years(raw))))))


def clean_line(number: int, raw: str, shape: str) -> Line:
    """Strip markdown and HTML markup around a line's content; keep columns honest."""
    text = plain_figures(raw.rstrip("\r\n"))
    column = 1
    if shape == "csv":
        text = csv_cells(text)
    if shape == "markdown":
        match = MD_PREFIX_RE.match(text)
        if match and not text.lstrip().startswith("-- "):
            column += match.end()
            text = text[match.end():]
        if "<" in text:
            text = HTML_TAG_RE.sub(lambda m: " " * len(m.group()), text)
        if "&" in text:
            text = HTML_ENTITY_RE.sub(_entity_character, text)
        if text.startswith("**"):
            text = "  " + text[2:]
        text = text.replace("**", "  ")
        if text.startswith("|") and text.rstrip().endswith("|"):
            text = text.replace("|", "\t")
        elif GRID_BORDER_RE.match(text.rstrip()):
            text = "-" * len(text)  # a separator line, as a pipe table's |---| is
    stripped = text.lstrip(" 　")
    column += len(text) - len(stripped)
    return Line(number, stripped.rstrip(" 　"), column, raw)


HTML_ROW_RE = lazy(r"<tr\b[^>]*>", re.I)
HTML_CELL_RE = lazy(r"<t[dh]\b[^>]*>", re.I)


HTML_HIDDEN_START_RE = lazy(r"<(style|script)\b", re.I)
HTML_BLOCK_RE = lazy(r"<(tr|p|h[1-6]|li)(?=[\s>])", re.I)
HTML_PAGE_RE = lazy(r"<(html|body)\b", re.I)
HTML_CUT_TAG_RE = lazy(r"<[a-zA-Z][^>]*$")
HTML_JOIN_LINES = 200
"""Lines a row or paragraph may take before its end (beyond, the lines are left as they are)."""


def _awaited(text: str, page: bool) -> str | None:
    """What a line still awaits: the closing tag of the first table row (in an HTML page, also
    paragraph, heading or list item) opened on it and not closed after, or the ``>`` of a tag
    the line break cut; None when nothing is open."""
    for match in HTML_BLOCK_RE.finditer(text):
        name = match.group(1).lower()
        if (name == "tr" or page) and re.search(rf"</{name}\s*>", text[match.end():], re.I) is None:
            return name
    return ">" if page and HTML_CUT_TAG_RE.search(text) else None


def joined_html_rows(raw_lines: list[str]) -> list[str]:
    """Raw lines with each HTML table row an exporter spread over lines (``<tr>``, a ``<td>``
    per line, ``</tr>``) put on the line of its ``<tr>``, and, in an HTML page, each paragraph,
    heading or list item and each tag a word processor wrapped over lines put on its first line
    (the lines taken are left empty, so every other line keeps its number); the lines of
    ``<style>`` and ``<script>`` blocks are emptied."""
    out = list(raw_lines)
    page = any(HTML_PAGE_RE.search(raw) for raw in raw_lines[:HTML_JOIN_LINES])
    i = 0
    while i < len(out):
        raw = out[i]
        hidden = HTML_HIDDEN_START_RE.search(raw)
        if hidden is not None and f"</{hidden.group(1).lower()}" not in raw.lower():
            end = next((j for j in range(i + 1, len(out)) if f"</{hidden.group(1).lower()}" in out[j].lower()), None)
            if end is not None:
                out[i:end + 1] = [""] * (end + 1 - i)
                i = end + 1
                continue
        joined, end = raw.rstrip("\r"), i
        while _awaited(joined, page) is not None and end + 1 < min(len(out), i + HTML_JOIN_LINES):
            end += 1
            joined += " " + out[end].strip()
        if end > i and _awaited(joined, page) is None:
            out[i] = joined
            out[i + 1:end + 1] = [""] * (end - i)
            i = end
        i += 1
    return out


def joined_grid_cells(raw_lines: list[str]) -> list[str]:
    """Raw lines with each row of a markdown grid table whose cells wrap over lines (every line
    between two +----+ borders is the same row) put on its first line, each cell's pieces
    joined; the lines taken are left empty, so every other line keeps its number."""
    out = list(raw_lines)
    borders = [i for i, raw in enumerate(out) if GRID_BORDER_RE.match(raw.strip())]
    for first, last in zip(borders, borders[1:]):
        lines = [out[i].rstrip("\r") for i in range(first + 1, last)]
        if len(lines) < 2 or not all(line.strip().startswith("|") and line.rstrip().endswith("|") for line in lines):
            continue
        rows = [line.strip()[1:-1].split("|") for line in lines]
        if len({len(cells) for cells in rows}) != 1:
            continue
        merged = [_joined_pieces([cells[k].strip() for cells in rows]) for k in range(len(rows[0]))]
        out[first + 1] = lines[0][: len(lines[0]) - len(lines[0].lstrip())] + "| " + " | ".join(merged) + " |"
        out[first + 2:last] = [""] * (last - first - 2)
    return out


def _joined_pieces(pieces: list[str]) -> str:
    """A wrapped cell's pieces as one text: Chinese and figures joined as they are, two Latin words with a space."""
    text = ""
    for piece in filter(None, pieces):
        latin = text[-1:].isascii() and text[-1:].isalpha() and piece[0].isascii() and piece[0].isalpha()
        text += (" " if latin else "") + piece
    return text


HTML_SPAN_RE = lazy(r"""\b(colspan|rowspan)\s*=\s*["']?(\d+)""", re.I)
HTML_ROW_OR_CELL_RE = lazy(r"<tr\b[^>]*>|<t[dh]\b[^>]*>|</tr\s*>|</?table\b[^>]*>", re.I)
MAX_SPAN = 50
EMPTY_CELL = "<td></td>"


def spanned_html_cells(lines: list[str]) -> list[str]:
    """Lines with every HTML table cell that spans columns or rows (colspan, rowspan) followed,
    in its row and in the rows below, by empty cells for the places it covers, so that each
    row's n-th cell is the table's n-th column (a 合计 spanning 科目编码 and 科目名称, an 一级指标
    spanning its indicators' rows). A line is changed only where it has such a cell to fill in."""
    if not any("span" in line.lower() for line in lines):
        return lines
    out: list[str] = []
    below: dict[int, int] = {}  # column → rows a cell above still covers
    for line in lines:
        if "<" not in line:
            out.append(line)
            continue
        pieces: list[str] = []
        cursor = 0
        column = 0
        for match in HTML_ROW_OR_CELL_RE.finditer(line):
            tag = match.group().lower()
            if tag.startswith(("<table", "</table")):
                below = {}
                continue
            if tag.startswith("<tr"):
                column = 0
                continue
            covered = 0
            while below.get(column + covered, 0) > 0:
                covered += 1
            if tag.startswith("</tr"):
                pieces += [line[cursor:match.start()], EMPTY_CELL * covered]
                cursor = match.start()
                for place in [c for c in below if c >= column]:
                    below[place] -= 1
                column += covered
                continue
            spans = {name.lower(): min(int(value), MAX_SPAN) for name, value in HTML_SPAN_RE.findall(match.group())}
            width, height = max(1, spans.get("colspan", 1)), max(1, spans.get("rowspan", 1))
            pieces += [line[cursor:match.start()], EMPTY_CELL * covered]
            cursor = match.start()
            for place in range(column, column + covered):
                below[place] -= 1
            column += covered
            next_cell = HTML_ROW_OR_CELL_RE.search(line, match.end())
            end = next_cell.start() if next_cell else len(line)
            pieces += [line[cursor:end], EMPTY_CELL * (width - 1)]
            cursor = end
            for place in range(column, column + width):
                below[place] = height - 1
            column += width
        pieces.append(line[cursor:])
        out.append("".join(pieces))
    return out


def markup_lines(raw_lines: list[str]) -> list[str]:
    """A markdown or HTML text's raw lines with wrapped grid-table rows and HTML rows and blocks
    each on one line, and cells spanning columns or rows filled in (:func:`joined_grid_cells`,
    :func:`joined_html_rows`, :func:`spanned_html_cells`)."""
    return spanned_html_cells(joined_html_rows(joined_grid_cells(raw_lines)))


HTML_BLOCK_START_RE = lazy(r"<(?:p|h[1-6]|li|div|table|caption)\b[^>]*>", re.I)
HTML_ROW_CLOSE_RE = lazy(r"</tr\s*>", re.I)


def source_lines(number: int, raw: str, shape: str) -> list[Line]:
    """A source line's cleaned lines: one, or, in markdown, one per HTML table row and one per
    paragraph, heading or other block outside the rows when a converter printed them on one
    line (each cell opening becomes a tab; every line keeps the columns of its text in the
    source line); a line holding a page break (\\f) between two texts, as a converter that does
    not end a page's last line writes it, is one line per page."""
    if "\f" in raw:
        return [
            replace(line, margin=margin) if margin else line
            for margin, piece in page_pieces(raw)
            for line in source_lines(number, " " * margin + piece, shape)
        ]
    if shape != "markdown" or "<" not in raw:
        return [clean_line(number, raw, shape)]
    rows = [(m.start(), close.end() if (close := HTML_ROW_CLOSE_RE.search(raw, m.end())) else len(raw)) for m in HTML_ROW_RE.finditer(raw)]
    blocks = [] if "\t" in raw else [  # (a tab-separated row whose cells are marked up <p>…</p> stays a row)
        m.start() for m in HTML_BLOCK_START_RE.finditer(raw) if not any(start < m.start() < end for start, end in rows)
    ]
    if not rows and len(blocks) < 2:
        return [clean_line(number, raw, shape)]
    cells = HTML_CELL_RE.sub(lambda m: "\t" + " " * (len(m.group()) - 1), raw)
    starts = sorted({0, *(start for start, _ in rows), *blocks, len(cells)})
    return [clean_line(number, " " * start + cells[start:end], shape) for start, end in zip(starts, starts[1:]) if end > start]


def page_pieces(raw: str) -> list[tuple[int, str]]:
    """A source line cut at each page break (\\f) that has text before and after it: each piece
    with the columns before it, every \\f a space."""
    cuts = [i for i, c in enumerate(raw) if c == "\f" and raw[:i].strip(" \t\f\r") and raw[i + 1:].strip(" \t\f\r")]
    bounds = [0, *cuts, len(raw)]
    return [(start, raw[start:end].replace("\f", " ")) for start, end in zip(bounds, bounds[1:])]


WRAPPED_LINES_MIN = 10
"""Lines of text ending inside a sentence, with text after them, that show a text's narrative
is wrapped at the page's width (one source line is not one paragraph)."""
MID_SENTENCE_END = tuple("。！？”；：)）")


def wraps_sentences(lines: list[Line]) -> bool:
    """The narrative of a tab-separated or markdown text is wrapped like a PDF dump's (tables as
    cells, text as the page's lines): of the lines of text (no cells, no list or quote mark, at
    least 15 characters) followed by another, most end inside a sentence, and many do."""
    inside = ended = 0
    for line, nxt in zip(lines, lines[1:]):
        text = line.text
        if nxt.number != line.number + 1 or not nxt.text or "\t" in text or "\t" in nxt.text or len(text) < 15:
            continue
        if MD_PREFIX_RE.match(line.raw) or text.startswith("|"):
            continue
        if text.endswith(MID_SENTENCE_END):
            ended += 1
        else:
            inside += 1
    return inside >= WRAPPED_LINES_MIN and inside > 2 * ended


def is_table_title(text: str) -> bool:
    compact = text.replace(" ", "")
    return (
        len(compact) <= 48
        and "。" not in compact
        and "《" not in compact
        and "，" not in compact
        and TITLE_RE.search(compact) is not None
    )


def heading_after_notes(compact: str) -> bool:
    """A 一、-numbered line after a table's notes that is the next section's heading, not one
    more numbered note: short, no figure, not about 本表."""
    return len(compact) <= 40 and not has_amount(compact) and "本表" not in compact and not compact.endswith("。")


SENTENCE_MIN = 30


def is_sentence(compact: str) -> bool:
    """A line of the narrative, not a table row: it reads on with commas and ends a sentence
    (a row's name has neither), and is longer than a row name would be."""
    return len(compact) > SENTENCE_MIN and compact.endswith(SENTENCE_END) and ("，" in compact or "；" in compact)


RUN_ON_MIN = 150
"""A heading's number starting a line this long (compact) that holds sentences is a text whose
lines were run together (a page a line), not a heading."""


def is_run_on(compact: str) -> bool:
    """A line that runs on over several sentences after what would be its heading number."""
    return len(compact) > RUN_ON_MIN and "。" in compact[:-1]


def has_amount(text: str) -> bool:
    return AMOUNT_RE.search(text) is not None


def looks_like_row(text: str) -> bool:
    """A table data row: a subject code, or a label followed by numbers."""
    if text.startswith("栏次") or (text.replace(" ", "").startswith("类款项") and not has_amount(text)):
        return False  # a header line (a first row glued to it, 类 款 项 合计 4,733.14 …, is a row)
    if CODE_START_RE.match(text):
        return True
    return NUMBER_IN_ROW_RE.search(text) is not None


def is_data_row(text: str) -> bool:
    """A line that can only be a table's data row: a subject code and a figure with decimals, or
    a label and two or more such figures, no sentence punctuation."""
    if any(mark in text for mark in "。，；：:"):
        return False
    amounts = AMOUNT_RE.findall(text)
    return bool(amounts) and (CODE_START_RE.match(text) is not None or len(amounts) >= 2)


NUMERALS = "一二三四五六七八九"
ITEM_RE = lazy(r"(?:^|\s)([一二三四五六七八九十]{1,3})[、.．]")
ITEM_RUN_LOOKAHEAD = 30
"""Lines looked ahead, over numbered items without figures, for the row that shows they are a table's."""


def numeral_value(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十四 → 14, 二十一 → 21; None for what is not a numeral below 100."""
    tens, _, units = numeral.partition("十")
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1 if len(numeral) == 1 and numeral in NUMERALS else None
    if len(tens) > 1 or len(units) > 1 or (tens and tens not in NUMERALS) or (units and units not in NUMERALS):
        return None
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(units) + 1 if units else 0)


def item_number(text: str) -> int | None:
    """The number of the 一、 item a line opens with."""
    match = ITEM_RE.match(text)
    return numeral_value(match.group(1)) if match else None


def item_numbers(text: str) -> set[int]:
    """The numbers of the 一、 items of a line (a side-by-side row holds one per half)."""
    return {n for m in ITEM_RE.finditer(text) if (n := numeral_value(m.group(1))) is not None}


def is_column_numbers(text: str) -> bool:
    """A 栏次 line: column numbers 1 2 3 … (maybe after 栏次 / 类 款 项), no amounts."""
    compact = re.sub(r"[\s\t]", "", text)
    if "." in text or not re.search(r"\d", text):
        return False
    if compact.startswith(("栏次", "类款项")) or "栏次" in compact:
        return True
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    words = re.sub(r"[\d\s栏次类款项]", "", text)
    return not words and len(numbers) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


SPLIT_NUMBER_RE = lazy(r"(?<![\d,.])\d[\d,]*\.$")
"""A line ending inside a figure, after its decimal point (1,306. | 52)."""
DECIMALS_START_RE = lazy(r"^\d{1,2}(?!\d)")
SPLIT_INTEGER_RE = lazy(r"(?<![\d,.])\d[\d,]*$")
"""A line ending in the integer part of a figure whose point and decimals open the next line
(454 | .25 万元)."""
POINT_DECIMALS_START_RE = lazy(r"^(?:,\d{3})*\.\d{1,2}(?![\d.])|^(?:,\d{3})+(?![\d.,])")
"""The rest of a figure cut before its point or a thousands comma (.25 | ,800.02)."""
CODE_HEAD_END_RE = lazy(r"(?<=\s)\d{1,6}$")
CODE_TAIL_START_RE = lazy(r"^\d{1,6}(?=\s+[\u4e00-\u9fff])")
CODE_LENGTHS = (3, 5, 7)
FIGURES_ONLY_RE = lazy(r"(\s+[-\d,.]+)*\s*")
SPLIT_TABLE_NO_RE = lazy(r"公开\s*\d{0,2}$")
"""A line ending inside a table number (公开 05 | 表)."""
ONE_DECIMAL_END_RE = lazy(r"(?<![\d,.])\d[\d,]*\.\d$")
SECOND_DECIMAL_START_RE = lazy(r"^\d(?![\d.,])")
FIGURE_RE = lazy(r"(?<![\d,.])\d[\d,]*\.(\d+)(?![\d.])")


def cut_after_first_decimal(text: str) -> bool:
    """A line ending in a figure with one decimal while every other figure on it has two
    (2,047.66 1,950.69 96.9 | 7): the figure's second decimal was wrapped onto the next line."""
    if ONE_DECIMAL_END_RE.search(text) is None:
        return False
    decimals = [len(m.group(1)) for m in FIGURE_RE.finditer(text)]
    return len(decimals) >= 2 and all(d == 2 for d in decimals[:-1])


def cut_inside_code(last: str, text: str) -> bool:
    """A subject code cut by a line wrap (…248.01 3 | 10 资本性支出 4.00): a line of figures with
    decimals ends in a bare integer that is no code, the next line opens with digits and a name,
    and together the digits are a code (3, 5 or 7 digits)."""
    head, tail = CODE_HEAD_END_RE.search(last), CODE_TAIL_START_RE.match(text)
    if head is None or tail is None or len(head.group()) in CODE_LENGTHS:
        return False
    return FIGURE_RE.search(last) is not None and len(head.group()) + len(tail.group()) in CODE_LENGTHS


def join_split_lines(lines: list[Line]) -> list[Line]:
    """Put back together what an extraction split over lines: a figure cut after or before its
    decimal point or a thousands comma, or after its first decimal when the line's other figures
    all show two (the figure's rest moves up to it); a subject code cut inside its digits (the
    rest of its row moves up); a table number cut before 表 (表 moves up). The rest of the second
    line stays on its own line, so every line keeps its place."""
    joined: list[Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        moved = _moved_up(last.text, line.text) if last is not None else None
        if last is not None and moved:
            rest = line.text[moved.end():]
            if FIGURES_ONLY_RE.fullmatch(rest):
                moved = re.match(".*", line.text)  # the rest of a table row: the whole line moves up
                rest = ""
            joined[-1] = Line(last.number, last.text + moved.group(), last.column, last.raw)  # type: ignore[union-attr]
            if rest.strip():
                joined.append(Line(line.number, rest.lstrip(), line.column + len(line.text) - len(rest.lstrip()), line.raw))
            continue
        joined.append(line)
    return joined


def _moved_up(last: str, text: str) -> re.Match[str] | None:
    """What of ``text`` belongs at the end of the line before it (see :func:`join_split_lines`)."""
    if SPLIT_NUMBER_RE.search(last):
        return DECIMALS_START_RE.match(text)
    if SPLIT_INTEGER_RE.search(last) and (moved := POINT_DECIMALS_START_RE.match(text)):
        return moved
    if cut_after_first_decimal(last):
        return SECOND_DECIMAL_START_RE.match(text)
    if cut_inside_code(last, text):
        return re.match(".*", text)  # the rest of the code's row moves up with it
    if SPLIT_TABLE_NO_RE.search(last) and text.startswith("表"):
        return re.match("表", text)
    return None


HARD_WRAP_LINES = 10
"""Lines of the very same, greatest length that show a text hard-wrapped at that width (a
report's own lines, even a PDF's justified ones, reach their greatest length a few times)."""
HARD_WRAP_MIN_WIDTH = 30
TABLE_BORDER_ENDS = ("|", "+")
"""How the lines of a pipe or grid table end: lines a table's own width gives, not a wrap."""


def hard_wrap_width(raw_lines: list[str]) -> int | None:
    """The width a converter hard-wrapped the text at, or None: the greatest line length, when
    at least :data:`HARD_WRAP_LINES` lines that end in a character (not padding) have exactly
    that length. A layout extraction that pads every line to the page width is not wrapped."""
    lines = [line for raw in raw_lines if raw.strip() and not (line := raw.rstrip("\r")).endswith(TABLE_BORDER_ENDS)]
    if not lines:
        return None
    width = max(len(line) for line in lines)
    full = sum(1 for line in lines if len(line) == width and not line[-1].isspace())
    return width if width >= HARD_WRAP_MIN_WIDTH and full >= HARD_WRAP_LINES else None


def cut_at(raw: str, width: int | None) -> bool:
    """Whether a source line was cut at the text's hard-wrap width (see :func:`hard_wrap_width`)."""
    return width is not None and len(raw.rstrip("\r")) == width


def wrapped_at(line: int, width: int, what: str) -> str:
    """Why a table with a line cut at the hard-wrap width is not checked."""
    return f"第 {line} 行在第 {width} 个字符处折行（全文按 {width} 字硬折行），{what}可能被截断"


def split_glued_titles(lines: list[Line]) -> list[Line]:
    """Split a line where an extraction glued the next table's title to the end of a sentence
    (``注：本表反映……情况。收入决算表``): the title becomes a line of its own at its column, so
    the note does not swallow the next table."""
    out: list[Line] = []
    for line in lines:
        end = line.text.rfind("。")
        tail = line.text[end + 1:].strip() if end >= 0 else ""
        if tail and len(tail.replace(" ", "")) >= GLUED_TITLE_MIN and is_table_title(tail) and not has_amount(tail):
            at = line.text.index(tail, end + 1)
            out.append(Line(line.number, line.text[:end + 1], line.column, line.raw))
            out.append(Line(line.number, tail, line.column + at, line.raw))
        else:
            out.append(line)
    return out


GLUED_TITLE_MIN = 4
"""A table title glued after a sentence is at least this long (收入决算表)."""
SECTION_TITLE = r"(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])[^，。；：:,\d]{2,30}?(?:情况说明|情况|说明|概况)"
"""A numbered section heading ending in 情况 / 说明 / 概况 (一、收入决算情况说明)."""
GLUED_HEADING_RE = lazy(rf"^(?P<title>{SECTION_TITLE})(?P<rest>.+)$")
"""A numbered section heading with more words after it on the line."""
GLUED_SENTENCE_MIN = 12
"""The words glued after a heading are at least this long: the start of its first paragraph."""
GLUED_SENTENCE_CJK = 6
CJK_RE = lazy(r"[\u4e00-\u9fff]")
TITLE_WORDS = ("情况", "说明", "概况")
JOINING_START = tuple("的及和与、（(之")


def split_glued_headings(lines: list[Line]) -> list[Line]:
    """Split a line where an extraction glued a section heading to the start of its first
    paragraph (``（二）政府采购支出情况本部门2030年度政府采购……``, the paragraph running on
    over the next lines): the heading and the paragraph's first words become two lines.

    Only when the words after the heading's 情况 / 说明 / 概况 are a sentence's start (long,
    with a figure or a comma, no second title word, not joined to the title by 的 / 及 / 和)
    and the next line carries on as text, not as a heading or a table."""
    out: list[Line] = []
    for index, line in enumerate(lines):
        match = GLUED_HEADING_RE.match(line.text)
        nxt = lines[index + 1].text.replace(" ", "") if index + 1 < len(lines) else ""
        rest = match.group("rest").strip() if match else ""
        compact = rest.replace(" ", "")
        if (
            match
            and len(compact) >= GLUED_SENTENCE_MIN
            and any(c.isdigit() or c in "，。；" for c in compact)
            and not compact.startswith(JOINING_START)
            and not any(word in compact for word in TITLE_WORDS)
            and nxt
            and len(CJK_RE.findall(compact)) >= GLUED_SENTENCE_CJK
            and not (PART_RE.match(nxt) or H1_RE.match(nxt) or H2_RE.match(nxt) or is_table_title(nxt) or CODE_START_RE.match(nxt))
        ):
            at = line.text.index(rest, match.end("title"))
            out.append(Line(line.number, match.group("title"), line.column, line.raw))
            out.append(Line(line.number, rest, line.column + at, line.raw))
        else:
            out.append(line)
    return out


class LineLexer(Lexer):
    """A Lark lexer over a list of :class:`Line` objects, told by the parser where it is."""

    __future_interface__ = 2  # Lark passes the parser's state to ``lex``

    def __init__(self, lexer_conf: object) -> None:  # Lark passes its lexer configuration
        pass

    def lex(self, lexer_state: LexerState, parser_state: ParserState) -> Iterator[Token]:  # type: ignore[override]
        return lexer_state.text.tokens(GrammarPlace(parser_state))  # type: ignore[union-attr]


class GrammarPlace:
    """Where the document grammar is, read from its LALR state: which line classes it accepts next.

    This is the lexer's context (as in Lark's contextual lexer): whether a line is read inside
    a table, inside its notes or inside an unfinished paragraph is the grammar's state, not a
    copy of it kept by the lexer.
    """

    def __init__(self, parser_state: ParserState) -> None:
        self.parser_state = parser_state

    def accepts(self, terminal: str) -> bool:
        state = self.parser_state
        return terminal in state.parse_conf.states[state.position]

    @property
    def in_table(self) -> bool:
        return self.accepts("ROW") or self.accepts("NOTE")

    @property
    def in_notes(self) -> bool:
        return self.accepts("NOTE") and not self.accepts("ROW")

    @property
    def in_paragraph(self) -> bool:
        """Text lines were read and their paragraph has not ended."""
        return self.accepts("PARA_END_EMPTY")


@dataclass
class LineInput:
    """The document grammar's input: cleaned lines, and whether long lines wrap (a dump).

    Its token stream is made once, so that parsing resumed after an error (Lark's
    ``on_error``) continues after the set-aside line instead of starting over.
    """

    lines: list[Line]
    wrapped: bool
    stream: Iterator[Token] | None = None
    stop: Callable[[], bool] | None = None
    """Asked every STOP_EVERY tokens; when it says yes, :class:`Cancelled` is raised."""

    def tokens(self, place: GrammarPlace) -> Iterator[Token]:
        if self.stream is None:
            stream = LineClassifier(self.lines, self.wrapped, place).tokens()
            self.stream = stream if self.stop is None else _stoppable(stream, self.stop)
        return self.stream


STOP_EVERY = 512
"""Line tokens between two questions to a parse's ``stop``."""


def _stoppable(tokens: Iterator[Token], stop: Callable[[], bool]) -> Iterator[Token]:
    for count, token in enumerate(tokens):
        if count % STOP_EVERY == 0 and stop():
            raise Cancelled
        yield token


NOISE_MARKS = "★☆◆◇■□●○▲△▼▽※@#$^&~＠＃＄＆～"
"""Marks no row, header or note of a fiscal table prints: a line holding them amid the rows is noise."""


def is_noise(compact: str) -> bool:
    """A line of a table's body without a figure and with marks no table line prints."""
    return not any(c.isdigit() for c in compact) and any(c in NOISE_MARKS for c in compact)


def is_page_furniture(text: str) -> bool:
    """A line a page prints around a table: its number, a print footer (打印时间：…)."""
    compact = re.sub(r"\s", "", text)
    return PAGE_MARK_RE.fullmatch(compact) is not None or SIGN_OFF_RE.match(compact) is not None or TABLE_NUMBER_LINE_RE.fullmatch(compact) is not None


class LineClassifier:
    """The lexer's decisions: each line's class, from its content, its neighbours and where the
    grammar is (:class:`GrammarPlace`). What it remembers itself is what it has read of the
    current table: whether a data row came yet, and the 一、 numbers of the last numbered row."""

    def __init__(self, lines: list[Line], wrapped: bool, place: GrammarPlace) -> None:
        self.lines = split_glued_headings(split_glued_titles(join_split_lines([line for line in lines if line.text and not SEPARATOR_RE.match(line.text)])))
        self.wrapped = wrapped
        self.place = place

    def tokens(self) -> Iterator[Token]:
        seen_rows = False
        last_items: set[int] = set()  # the 一、 numbers of the table's last numbered row (二、事业收入 五、住房保障支出: 2, 5)
        for index, line in enumerate(self.lines):
            text = line.text
            compact = text.replace(" ", "")
            nxt = self._next_text(index)
            in_table, in_notes, in_paragraph = self.place.in_table, self.place.in_notes, self.place.in_paragraph
            kind: str
            if not in_table and PAGE_MARK_RE.fullmatch(compact):
                continue  # a page's number or a converter's page mark between paragraphs or inside one
            if is_table_title(text) and not has_amount(text) and not PART_RE.match(compact):
                seen_rows = False
                kind = "TABLE_NO" if TABLE_NO_RE.search(compact) else "TITLE"
            elif TABLE_NO_RE.fullmatch(compact) or (TABLE_NO_RE.match(compact) and len(compact) < 12):
                if not in_table or seen_rows:
                    seen_rows = False
                kind = "TABLE_NO"
            elif in_table and UNIT_RE.search(compact) and not seen_rows and len(compact) < 80:
                kind = "UNIT"
            elif in_table and not in_notes and (PAGE_MARK_RE.fullmatch(compact) or (SIGN_OFF_RE.match(compact) and is_data_row(nxt))):
                kind = "HEADER"  # a page's furniture: its number, a print footer with rows after it
            elif in_table and TABLE_NUMBER_LINE_RE.fullmatch(compact) and is_table_title(nxt):
                kind = "NOTE" if in_notes else "HEADER"  # the next table's number above its title: set aside with the furniture
            elif in_table and "\t" in text and not in_notes and not PART_RE.match(compact):
                # A tab-separated line inside a table is a table line, even a row with no figures.
                if seen_rows or looks_like_row(text):
                    seen_rows = True
                    kind = "ROW"
                else:
                    kind = "HEADER"
            elif (PART_RE.match(compact) or (H1_RE.match(compact) and (not in_notes or heading_after_notes(compact)))) and not is_run_on(compact):
                if in_table and H1_RE.match(compact) and not PART_RE.match(compact) and not in_notes and (
                    looks_like_row(text)
                    or SECOND_ITEM_RE.search(text)
                    or (seen_rows and (line.indent > CELL_INDENT or self._right_cell_next(index) or self._row_follows(index)))
                    or (seen_rows and item_number(text) in {1, *(n + 1 for n in last_items)} and self._rows_continue(index))
                ):
                    seen_rows = seen_rows or looks_like_row(text)
                    kind = "ROW"
                else:
                    kind = "PART" if PART_RE.match(compact) else "H1"
            elif in_notes and is_data_row(text):
                kind = "ROW"  # a table's row after its notes: the grammar sets it aside, reported as not checked
            elif in_table and (NOTE_RE.match(compact) or IDENTITY_RE.search(compact) or SIGN_OFF_RE.match(compact)
                               or (in_notes and len(compact) < 60 and "。" not in compact[:-1])):
                if in_notes or compact.startswith("注") or IDENTITY_RE.search(compact) or (seen_rows and SIGN_OFF_RE.match(compact)):
                    kind = "NOTE"
                elif looks_like_row(text):
                    seen_rows = True
                    kind = "ROW"
                else:
                    kind = "HEADER"
            elif in_table and not in_notes and seen_rows and is_noise(compact):
                kind = "NOISE"
            elif in_table and not in_notes:
                if looks_like_row(text) and not is_sentence(compact):
                    seen_rows = True
                    kind = "ROW"
                elif (seen_rows and len(compact) > 60) or looks_like_row(text):  # (a sentence with figures)
                    kind = "TEXT"
                else:
                    kind = "HEADER"
            elif H2_RE.match(compact) and len(compact) <= 40 and not has_amount(text):
                kind = "H2"
            else:
                kind = "TEXT"
            if kind in ("ROW", "HEADER") and is_column_numbers(text):
                kind = "COLUMN_NUMBERS"
            if kind == "ROW":
                last_items = item_numbers(text) or last_items
            elif kind in ("TITLE", "TABLE_NO") and seen_rows is False:
                last_items = set()
            if kind == "TEXT":
                if self._ends_paragraph(text, nxt):
                    kind = "PARA_END"
            elif in_paragraph:
                yield self._token("PARA_END_EMPTY", line)
            yield self._token(kind, line)
        if self.place.in_paragraph:
            yield Token("PARA_END_EMPTY", None)

    def _next_text(self, index: int) -> str:
        """The next line's text, past a page's number or page mark ("" at the end)."""
        for line in self.lines[index + 1:index + 3]:
            if not PAGE_MARK_RE.fullmatch(line.text.replace(" ", "")):
                return line.text
        return ""

    def _right_cell_next(self, index: int) -> bool:
        """The next line is a 一、-numbered cell of a right half (indented past :data:`CELL_INDENT`):
        the line before it, its name wrapped, is still a row of the table."""
        nxt = self.lines[index + 1] if index + 1 < len(self.lines) else None
        return nxt is not None and nxt.indent > CELL_INDENT and H1_RE.match(nxt.text) is not None

    def _rows_continue(self, index: int) -> bool:
        """The lines after a 一、-numbered line that continues a numbered list of the table's rows (or opens a
        new list of them) are more numbered items without figures (their names maybe wrapped) and
        then a row with figures, before any sentence or table title: the items of a table's half
        whose cells are empty (四、公共安全支出 after 三、国防支出), not the next section's headings."""
        for line in self.lines[index + 1:index + 1 + ITEM_RUN_LOOKAHEAD]:
            text = line.text
            if is_table_title(text) or TABLE_NO_RE.search(text) or any(mark in text for mark in "。，；"):
                return False
            if looks_like_row(text):
                return True
            if not (H1_RE.match(text.replace(" ", "")) or NAME_FRAGMENT_RE.fullmatch(text)):
                return False
        return False

    def _row_follows(self, index: int) -> bool:
        """The line's name wraps (款 alone on the next line) and a row with figures comes within
        the next few lines, before any sentence or table title: a 一、-numbered label there is a
        row of the table, not a heading."""
        following = self.lines[index + 1:index + 1 + ROW_LOOKAHEAD]
        if not following or not NAME_FRAGMENT_RE.fullmatch(following[0].text):
            return False
        for line in following[1:]:
            if is_table_title(line.text) or any(mark in line.text for mark in "。，；"):
                return False
            if looks_like_row(line.text):
                return True
        return False

    def _ends_paragraph(self, text: str, nxt: str) -> bool:
        compact_next = nxt.replace(" ", "")
        if not self.wrapped:
            # A page break inside a sentence: "…公务接待费支出 2.91" / "万元，占 10.34%…"
            return not (text[-1:].isdigit() and CONTINUATION_RE.match(compact_next))
        if not compact_next:
            return True
        if text.endswith(SENTENCE_END) or text.endswith(("：", ":")) and len(text) < 20:
            return True
        return bool(
            PART_RE.match(compact_next)
            or H1_RE.match(compact_next)
            or H2_RE.match(compact_next)
            or H3_RE.match(compact_next)
            or H4_RE.match(compact_next)
            or is_table_title(compact_next)
            or TABLE_NO_RE.match(compact_next)
        )

    @staticmethod
    def _token(kind: str, line: Line) -> Token:
        return Token(kind, line, line=line.number, column=line.column)
