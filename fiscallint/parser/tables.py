"""Building :class:`Table` nodes from the lines the document grammar grouped as a table.

Rows come in two layouts: tab-separated (markdown, TSV, PDF canonical text), where empty
cells keep every value in its column; and space-separated PDF dumps, where empty cells
vanish. A row is split into segments (code/label, 行次, values); side-by-side half tables
(收入 | 支出, or the three blocks of table 06) give several segments per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from decimal import Decimal
from itertools import combinations
from math import comb
from typing import Iterable

from ..ast import Cell, Identity, Number, Row, Span, Table
from ..patterns import lazy
from .lines import TABLE_NO_RE, UNIT_RE, Line, is_column_numbers, is_page_furniture
from .claims import NIL_RE
from .identities import parse_identities
from .heading import read_heading
from ..numbers import parse_number, sum_tolerance

TOKEN_RE = lazy(
    r"(?<!\S)\d{3}[.．]\d{2}[.．]\d{2}(?!\S)|(?:19|20)\d\d(?:[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\s*年度?)|(?<!\S)[-−－]?\d[\d,]*(?:\.\d+)?[%％](?!\S)|\d{1,2}[.．、](?![\d.])|(?<!\S)[-−－]\d[\d,]*\.\d+|[(（]\d[\d,]*\.\d+[)）](?!\S)|\d[\d,]*(?:\.\d+)?|[^\s\d]+(?:\d+[^\s\d]+)*"
)
"""A row's tokens: a code written with dots (201.01.08), a date or a year (2031-01-05, 2024年: a word, its digits are no figures), a percentage (4.6%, a rate column's, set aside: no column identity adds
rates), an item number (1. 2、), a figure (a negative amount with its minus sign,
-12.30, or in brackets as accountants print it, (12.30); a dash before a whole number is
a range's, 100 -80), or a word."""
PLAIN_NUMBER_RE = lazy(r"[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[(（](?:\d{1,3}(?:,\d{3})+|\d+)\.\d+[)）]")
CODE_RE = lazy(r"\d{3}|\d{5}|\d{7}")
CLASS_CODE_RE = lazy(r"2(?:0[1-9]|[12]\d|3[0-4])|[35]\d\d")
"""The first three digits of a code: a functional 类 (201–234) or an economic 类 (3xx, 5xx)."""
DOTTED_CODE_RE = lazy(r"(\d{3})[.．](\d{2})(?:[.．](\d{2}))?")
"""A code with dots between 类, 款 and 项 (201.01, 201.01.08)."""
GLUED_RE = lazy(r"(\d[\d,]*\.\d{2})(\d{3}|\d{5}|\d{7})")
TOTAL_LABEL_RE = lazy(r"^(合计|总计|小计|人员经费合计|公用经费合计|本年.{0,2}合计)")
ENUM_LABEL_RE = lazy(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]).")
LABEL_EMPTY = {"-", "—", "--", "/", "－"}
PERCENT_CELL_RE = lazy(r"[-−－]?\d[\d,]*(?:\.\d+)?[%％]")


@dataclass
class _Token:
    """A whitespace-separated piece of a table line, with where it stands."""

    text: str
    column: int  # 1-based source column
    tab: int | None  # tab-cell index in positioned layouts
    line: int = 0  # 1-based source line
    line_start: bool = False  # first token of its source line


@dataclass
class _Segment:
    """One row's worth of a table line: code, label words, 行次 and value tokens."""

    code: str | None = None
    label: list[str] = field(default_factory=list)
    line_no: int | None = None
    values: list[_Token] = field(default_factory=list)
    start: int = 0
    line: int = 0
    start_tab: int | None = None

    def has_content(self) -> bool:
        return bool(self.code or self.label or self.line_no is not None or self.values)


def _tokens(line: Line, tabbed: bool) -> list[_Token]:
    """Split a row line into tokens; in tab layouts each cell is one token (empties kept).

    In a dump a figure may be glued to the next cell's code ("32.6831002" is 32.68, then 31002).
    """
    out: list[_Token] = []
    if tabbed:
        offset = 0
        for index, cell in enumerate(line.text.split("\t")):
            stripped = cell.strip()
            column = line.column + offset + (len(cell) - len(cell.lstrip()))
            out.append(_Token(stripped, column, index, line.number))
            offset += len(cell) + 1
    else:
        for match in TOKEN_RE.finditer(line.text):
            text = match.group()
            glued = GLUED_RE.fullmatch(text)
            if glued:
                out.append(_Token(glued.group(1), line.column + match.start(), None, line.number))
                out.append(_Token(glued.group(2), line.column + match.start() + glued.start(2), None, line.number))
                continue
            out.append(_Token(text, line.column + match.start(), None, line.number))
    if out:
        out[0].line_start = True
    _undot_code(out)
    return out


def _undot_code(tokens: list[_Token]) -> None:
    """A row that starts with a code written with dots (201.01.08, or 201.01 before a name) has
    that code as 2010108 / 20101; a figure before a name (201.01 under another row's name) stays."""
    filled = [t for t in tokens if t.text]
    if not filled or (match := DOTTED_CODE_RE.fullmatch(filled[0].text)) is None:
        return
    code = "".join(g for g in match.groups() if g)
    named = len(filled) > 1 and not _is_number(filled[1].text)
    if is_code(code) and (match.group(3) is not None or named):
        filled[0].text = code


def _is_number(text: str) -> bool:
    return PLAIN_NUMBER_RE.fullmatch(text) is not None


def _segments(tokens: list[_Token], keyed_by_line_no: bool, halves: bool) -> list[_Segment]:
    """Group tokens into segments: [code] [label] [行次] values…

    A code after a label or figures opens a new segment (the next half of a side-by-side row,
    or the next row of a code-keyed dump read as one stream); so does a label after figures or
    a 行次, and a totals label (合计, 人员经费合计…) at the start of a line. With ``halves``
    (side by side 行次 columns), a larger 行次 after a label opens the other half's segment.
    """
    segments: list[_Segment] = []
    current = _Segment()

    def open_segment(token: _Token, **values: object) -> _Segment:
        if current.has_content():
            segments.append(current)
        return _Segment(start=token.column, line=token.line, start_tab=token.tab, **values)  # type: ignore[arg-type]

    following = [""] * len(tokens)  # following[i]: the next non-empty token text after i
    for j in range(len(tokens) - 2, -1, -1):
        following[j] = tokens[j + 1].text or following[j + 1]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        text = token.text
        if not text or text in LABEL_EMPTY or PERCENT_CELL_RE.fullmatch(text):
            i += 1
            continue
        is_num = _is_number(text)
        nxt = following[i]
        if is_num and is_code(text) and not current.has_content():
            code = text
            # 类 | 款 | 项 printed in separate columns: 201 35 01
            while len(code) in (3, 5) and i + 1 < len(tokens) and re.fullmatch(r"\d{2}", tokens[i + 1].text):
                code += tokens[i + 1].text
                i += 1
            current = open_segment(token, code=code)
        elif is_num and is_code(text) and (
            ((current.values or current.label) and nxt and (
                not _is_number(nxt) or (len(text) in (3, 5) and re.fullmatch(r"\d{2}", nxt) is not None) or _extends(text, nxt)
            ))
            or (current.code is not None and not current.values and not current.label and _extends(current.code, text))
        ):
            code = text
            while len(code) in (3, 5) and i + 1 < len(tokens) and re.fullmatch(r"\d{2}", tokens[i + 1].text):
                code += tokens[i + 1].text
                i += 1
            current = open_segment(token, code=code)
        elif is_num and keyed_by_line_no and _small_int(text) and not current.values and current.line_no is None:
            current.line_no = int(text)
            if current.start == 0:
                current.start, current.line, current.start_tab = token.column, token.line, token.tab
        elif (
            is_num
            and keyed_by_line_no
            and _small_int(text)
            and current.line_no is not None
            and not current.values
            and (not current.label or (halves and int(text) > current.line_no))
        ):
            current = open_segment(token, line_no=int(text))
        elif is_num:
            current.values.append(token)
        else:
            total_label = token.line_start and TOTAL_LABEL_RE.match(text) is not None
            next_cell = token.tab is not None and bool(current.label)
            # 收入 | 支出 halves with an empty figure: "二、事业收入 二、教育支出 5.00"
            next_item = bool(current.label) and ENUM_LABEL_RE.match(text) is not None
            if current.values or current.line_no is not None or next_cell or next_item or (total_label and current.has_content()):
                current = open_segment(token)
            if not current.has_content():
                current.start, current.line, current.start_tab = token.column, token.line, token.tab
            current.label.append(text)
        i += 1
    if current.has_content():
        segments.append(current)
    return segments


def is_code(text: str) -> bool:
    """Whether digits can be a classification code: a functional 类 (201–234) or an economic
    one (3xx, 5xx), then 款 and 项 pairs that are never 00. A whole amount in 元 (8124000,
    2300000) is a figure, not a code."""
    if CODE_RE.fullmatch(text) is None or not CLASS_CODE_RE.match(text):
        return False
    return all(text[i:i + 2] != "00" for i in range(3, len(text), 2))


def _extends(code: str, text: str) -> bool:
    """``text`` is a code under ``code`` (207 → 20799): the two are consecutive codes, not a
    code and its figure."""
    return CODE_RE.fullmatch(text) is not None and len(text) > len(code) and text.startswith(code)


def _small_int(text: str) -> bool:
    return text.isdigit() and int(text) < 200


def _row_from_segment(seg: _Segment, layout: _Layout, block: int) -> Row:
    """A Row from a segment; values get columns from tab positions or, in a dump, by proof."""
    numbers: list[Number] = []
    tabs: list[int | None] = []
    for token in seg.values:
        span = Span(token.line, token.column, token.line, token.column + len(token.text))
        number = parse_number(token.text, span)
        if number is not None:
            numbers.append(number)
            tabs.append(token.tab)
    columns = layout.columns(numbers, tabs, block)
    cells = [Cell(number, column) for number, column in zip(numbers, columns)]
    positioned = all(column is not None for column in columns)
    line = seg.line or (numbers[0].span.line if numbers else 1)
    start = seg.start or 1
    last = numbers[-1].span if numbers else Span(line, start, line, start + max(1, len("".join(seg.label))))
    label = "".join(seg.label)
    ordinal = ORDINAL_RE.match(label)
    return Row(label, seg.code, seg.line_no, cells, Span(line, start, last.end_line, last.end_column), positioned,
               ordinal.group() if ordinal else "")


class _Layout:
    """What is known about a table's value columns, and how a row's values are placed in them."""

    def __init__(self, kind: str | None, count: int | None, identities: list[Identity], block_tabs: list[int | None], names: list[str],
                 widest: int = 0) -> None:
        self.kind = kind
        self.widest = widest  # the most figures a row of the table prints
        self.count = count
        self.block_tabs = block_tabs
        self.names = names
        self.rules = layout_identities(kind, count, identities) or header_rules(names, count)
        self.first_is_total = kind in FIRST_IS_TOTAL or bool(names)

    def columns(self, numbers: list[Number], tabs: list[int | None], block: int) -> list[int | None]:
        if self.kind == "01" or (self.kind == "06" and not self.names) or (self.kind == "04" and block == 0):
            return [1] + [None] * (len(numbers) - 1) if numbers else []  # one value column per block
        if numbers and all(t is not None for t in tabs) and block < len(self.block_tabs) and self.block_tabs[block] is not None:
            first = self.block_tabs[block]
            return [(t or 0) - (first or 0) + 1 for t in tabs]
        if self.kind == "04":
            return _placed(numbers, 4, [(1, [2, 3, 4], [])], True)
        if self.rules is not None and self.count:
            return _placed(numbers, self.count, self.rules, self.first_is_total)
        full = self.count is not None and len(numbers) == self.count
        # 07's first column (年初结转和结余) is often empty: a row's first figure is that column's
        # only when the row prints as many figures as the fullest row
        first = self.kind not in FIRST_MAY_BE_EMPTY or len(numbers) == self.widest
        return [i + 1 if full or (i == 0 and first) else None for i in range(len(numbers))]


def _placed(numbers: list[Number], count: int, rules: list[ColumnRule], first_is_total: bool) -> list[int | None]:
    """Columns of a row's values that every arrangement satisfying the identities agrees on."""
    if len(numbers) == count:
        return list(range(1, count + 1))
    found = placements(numbers, count, rules, first_is_total)
    columns: list[int | None] = [1 if first_is_total and numbers and i == 0 else None for i in range(len(numbers))]
    if found:
        for i in range(len(numbers)):
            if len({arrangement[i] for arrangement in found}) == 1:
                columns[i] = found[0][i]
    return columns


ColumnRule = tuple[int, list[int], list[int]]
"""A column identity: (target column, added columns, subtracted columns)."""

STANDARD_COLUMNS: dict[str, tuple[int, list[ColumnRule]]] = {
    "02": (7, [(1, [2, 3, 4, 5, 6, 7], [])]),
    "03": (6, [(1, [2, 3, 4, 5, 6], [])]),
    "05": (3, [(1, [2, 3], [])]),
    "07": (6, [(6, [1, 2], [3]), (3, [4, 5], [])]),
    "08": (3, [(1, [2, 3], [])]),
    "09": (12, [(1, [2, 3, 6], []), (3, [4, 5], []), (7, [8, 9, 12], []), (9, [10, 11], [])]),
}
"""The national template's column identities, by table kind, with the column count they assume."""
FIRST_IS_TOTAL = {"02", "03", "05", "08", "09"}
FIRST_MAY_BE_EMPTY = {"07"}
"""Kinds whose first value column is no total and is often empty (07: 年初结转和结余)."""
FIRST_IS_TOTAL_OF_REST = {"02", "03", "05", "08", "B02", "B03", "B05", "B06", "B08", "B09"}
"""Kinds whose first value column is the sum of all the others, whatever their order (a budget
table's header printing a group over its parts is excluded: see :func:`total_of_the_rest`)."""
GROUP_HEADER_RE = lazy(r"财政拨款.*(一般公共预算|政府性基金|国有资本经营)")


def total_of_the_rest(table: Table) -> bool:
    """Whether every row's first figure is the sum of its others, however many columns: a
    standard kind whose header does not print a group column (财政拨款 over its three funds)."""
    if table.kind not in FIRST_IS_TOTAL_OF_REST or planned_columns(table):
        return False
    header = "".join(table.headers).replace(" ", "")
    return not (is_budget_kind(table.kind) and GROUP_HEADER_RE.search(header))


PLANNED_COLUMNS_RE = lazy(r"年初预算|全年预算|调整预算|预算数")
ACTUALS_ONLY = {"01", "02", "03", "04", "05", "06", "07", "08"}
"""The template's 决算 tables that print no budget column."""


SPLIT_BASIC_RE = lazy(r"人员经费.*公用经费|公用经费.*人员经费")
COMPARED_COLUMNS_RE = lazy(r"增减|比上年|较上年|上年(?:预算|决算|执行)?数|增长率|增幅|变动率")
HEADER_YEAR_RE = lazy(r"(?:19|20)\d{2}(?=\s*年)")


def planned_columns(table: Table) -> bool:
    """A table whose columns are not the template's, so that neither the template's column
    identities nor the cross-table rules read it: a 决算 table whose header prints budget
    columns beside the 决算 ones (年初预算数 | 全年预算数 | 决算数 …, as some provinces lay out
    公开05表; the 三公 table, 公开09表, prints 预算数 | 决算数 by the template itself), or any
    table comparing two years column by column (上年预算数 | 本年预算数 | 增减额, 2026年 | 2027年),
    or a functional table printing 基本支出 over its 人员经费 | 公用经费 (a group beside its parts)."""
    header = "".join(table.headers)
    if table.kind in ACTUALS_ONLY and PLANNED_COLUMNS_RE.search(header) is not None:
        return True
    if table.kind not in ("06", "B06") and "基本支出" in header and SPLIT_BASIC_RE.search(header):
        return True  # 基本支出 printed over its 人员经费 | 公用经费: a group beside its parts
    return COMPARED_COLUMNS_RE.search(header) is not None or len(set(HEADER_YEAR_RE.findall(header))) >= 2


SIDE_BY_SIDE = {"01", "04", "06", "B01", "B04"}
STAFF_PUBLIC_RE = lazy(r"合计\s*人员经费\s*公用经费")
"""A 06 table printed as one block with 合计 | 人员经费 | 公用经费 columns (the budget's layout)."""
"""Kinds printed as side-by-side blocks (收入 | 支出, 人员经费 | 公用经费): no header names read."""
MAX_ARRANGEMENTS = 50_000


def layout_identities(kind: str | None, count: int | None, printed: list[Identity]) -> list[ColumnRule] | None:
    """The column identities that hold in every row: the template's when the table has the
    template's column count, else the printed ones (栏各行) when they fit the columns."""
    if kind in STANDARD_COLUMNS and STANDARD_COLUMNS[kind][0] == count:
        return STANDARD_COLUMNS[kind][1]
    rules = [(i.target, i.terms, i.minus) for i in printed if i.axis == "column"]
    if rules and count and all(c <= count for t, plus, minus in rules for c in [t, *plus, *minus]):
        return rules
    return None


def header_rules(names: list[str], count: int | None) -> list[ColumnRule] | None:
    """The identity a recognised header implies: its first column (a total) is the sum of the others."""
    if len(names) < 2 or count != len(names):
        return None
    return [(1, list(range(2, len(names) + 1)), [])]


def column_rules(table: Table) -> list[ColumnRule] | None:
    """The column identities every row of a table satisfies: the template's when the table has
    the template's column count, else the one its recognised header names imply."""
    if table.kind in STANDARD_COLUMNS and STANDARD_COLUMNS[table.kind][0] == table.column_count:
        return STANDARD_COLUMNS[table.kind][1]
    return header_rules(table.columns, table.column_count)


def total_first(table: Table) -> bool:
    """Whether value column 1 is the row's total (template kinds, or a recognised header)."""
    return table.kind in FIRST_IS_TOTAL or bool(table.columns)


HEADER_FAMILIES: list[tuple[set[str], set[str], list[tuple[str, set[str]]]]] = [
    (
        {"本年收入合计", "收入合计", "合计", "总计"},
        {"财政拨款收入", "上级补助收入", "事业收入", "经营收入", "事业单位经营收入", "附属单位上缴收入", "其他收入",
         "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
         "上年结转", "上年结转结余", "上年结转收入"},
        [("财政拨款收入", {"一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入"})],
    ),
    (
        {"本年支出合计", "支出合计", "合计", "小计", "总计"},
        {"基本支出", "项目支出", "上缴上级支出", "经营支出", "事业单位经营支出", "对附属单位补助支出"},
        [],
    ),
    ({"合计", "小计"}, {"人员经费", "公用经费"}, []),
    (
        {"合计", "三公经费合计"},
        {"因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务用车运行费", "公务接待费"},
        [("公务用车购置及运行维护费", {"公务用车购置费", "公务用车运行维护费", "公务用车运行费"})],
    ),
]
"""Value-column names of the standard tables by family: (total names, part names, groups).
Every part adds to the total; a group column is the sum of its parts, so a header printing a
group and its parts (a two-level header flattened into lines) is not read."""
HEADER_GROUPS = {"本年支出", "本年收入"}
"""A heading spanning every value column (05: 本年支出 over 小计 | 基本支出 | 项目支出)."""
LABEL_HEADER_RE = lazy(
    r"(?:(?:支出)?(?:功能|经济)分类)?科目(?:编码|代码|名称)?|项目(?:名称)?|类|款|项|行次|编码|代码|名称|单位名称"
)


def header_names(headers: list[str]) -> list[str]:
    """The value columns' names when the header prints them recognisably, in order; else [].

    Every word of the header lines must be a label column's name (科目编码, 项目…) before the
    value names, or a standard value name of one family, the total first, each once. A word
    split over lines (本年支 / 出合计), a repeated name (预算数 | 决算数 halves) or a group printed
    with its parts leaves the order unsure: nothing is read.
    """
    words: list[str] = []
    for header in headers:
        if is_column_numbers(header) or re.search(r"[：:]", header):
            continue
        tokens = [re.sub(r"[\"“”'‘’]", "", t).replace("(", "（").replace(")", "）") for t in header.split()]
        if len(tokens) == 1 + sum(LABEL_HEADER_RE.fullmatch(t) is not None for t in tokens) and any(t in HEADER_GROUPS for t in tokens) and not words:
            continue  # a spanning heading over the value columns, on its own line
        words.extend(tokens)
    labels = 0
    while labels < len(words) and LABEL_HEADER_RE.fullmatch(words[labels]):
        labels += 1
    names = words[labels:]
    if len(names) < 2 or len(set(names)) != len(names):
        return []
    for totals, parts, groups in HEADER_FAMILIES:
        if names[0] in totals and all(n in parts for n in names[1:]):
            if any(group in names and members & set(names) for group, members in groups):
                return []
            return names
    return []


def placements(numbers: list[Number], count: int, rules: list[ColumnRule], first_is_total: bool) -> list[tuple[int, ...]] | None:
    """Every order-preserving arrangement of a row's values into columns 1..count that satisfies
    the column identities (empty columns count as 0); None when there are too many to try."""
    n = len(numbers)
    if n > count or comb(count, n) > MAX_ARRANGEMENTS:
        return None
    found: list[tuple[int, ...]] = []
    if first_is_total and n:  # the first value is in column 1: arrange only the others
        arrangements: Iterable[tuple[int, ...]] = ((1, *rest) for rest in combinations(range(2, count + 1), n - 1))
    else:
        arrangements = combinations(range(1, count + 1), n)
    for arrangement in arrangements:
        by_column = dict(zip(arrangement, numbers))
        if all(identity_holds(by_column, rule) for rule in rules):
            found.append(arrangement)
    return found


def identity_holds(by_column: dict[int, Number], rule: ColumnRule) -> bool:
    """Whether target = Σ plus − Σ minus, within tail rounding (empty columns are 0)."""
    target, plus, minus = rule
    terms = [by_column[c] for c in [*plus, *minus] if c in by_column]
    total = by_column.get(target)
    if total is None and not terms:
        return True
    value = sum((by_column[c].value for c in plus if c in by_column), Decimal(0)) - sum((by_column[c].value for c in minus if c in by_column), Decimal(0))
    reference = total or (terms[0] if terms else None)
    assert reference is not None
    return abs(value - (total.value if total else Decimal(0))) <= sum_tolerance(terms, reference)


def table_kind(title: str) -> str | None:
    """Which standard table a title names ("01".."09"), whatever the province numbers it."""
    compact = re.sub(r"[\s\"“”'‘’]", "", title)
    compact = re.sub(r"^(?:[一二三四五六七八九十]+|\d{1,2})[、.．](?!\d)|^[（(](?:\d{1,2}|[一二三四五六七八九十]+)[)）]", "", compact)
    compact = TITLE_NUMBER_RE.sub("", compact)
    compact = re.sub(r"^.*?\d{4}年度?", "", compact)
    compact = re.sub(r"[（(]?公开\d+表[)）]?$", "", compact).removeprefix("部门")
    for kind, pattern in KIND_TITLES:
        if re.fullmatch(pattern, compact):
            return kind
    if "决算" in compact:
        return None
    budget = next((kind for kind, pattern in BUDGET_KIND_TITLES if re.fullmatch(pattern, compact)), None)
    if budget is None and ("预算" in FUND_NAMES_RE.sub("", compact) or SITUATION_TITLE_RE.search(compact)):
        return BUDGET_KIND
    return budget


def is_budget_kind(kind: str | None) -> bool:
    """Whether a table kind is one of a 部门预算 report's tables (never a 决算 table's number)."""
    return kind is not None and kind.startswith(BUDGET_KIND)


TITLE_NUMBER_RE = lazy(
    r"^(?:附件\d*[、.．:：]?)?附?表\s*(?:\d+|[一二三四五六七八九十]+(?!般))(?:\s*[-－—–]\s*\d+)?(?:[、.．:：]|(?=\D))"
    r"|[（(]附?表\s*(?:\d+|[一二三四五六七八九十]+)(?:\s*[-－—–]\s*\d+)?[)）]$"
)
"""A province's own table number before or after the title (表1, 表一、, 附表1-1, （表3）): not part of the name."""


KIND_TITLES = [
    ("01", r"(部门)?收(入)?支(出)?决算总?表"),
    ("02", r"收入决算表"),
    ("03", r"支出决算表"),
    ("04", r"财政拨款收入支出决算总?表"),
    ("05", r"一般公共预算财政拨款支出决算表"),
    ("06", r"一般公共预算财政拨款基本支出决算(明细)?表"),
    ("07", r"政府性基金预算财政拨款收入支出决算表"),
    ("08", r"国有资本经营预算财政拨款(收入)?支出决算表"),
    ("09", r"(一般公共预算)?(财政拨款)?三公经费支出决算表"),
]
STANDARD_TITLES = {
    # The national template's names of the standard tables, by kind.
    "01": "收入支出决算总表",
    "02": "收入决算表",
    "03": "支出决算表",
    "04": "财政拨款收入支出决算总表",
    "05": "一般公共预算财政拨款支出决算表",
    "06": "一般公共预算财政拨款基本支出决算表",
    "07": "政府性基金预算财政拨款收入支出决算表",
    "08": "国有资本经营预算财政拨款收入支出决算表",
    "09": "财政拨款“三公”经费支出决算表",
}
BUDGET_KIND = "B"
SITUATION_TITLE_RE = lazy(r"(收支|收入|支出)(总体)?情况表$")
"""The national 部门预算 template's titles (部门收支总体情况表, 一般公共预算支出情况表): budget
tables whose columns vary by province, so they are not given a template kind's identities."""
"""Kinds of 部门预算 tables: "B01".. by the budget template's own order, "B" when unrecognised.
They never share a kind with a 决算 table, so 决算 identities and cross-table rules leave them alone."""
FUND_NAMES_RE = lazy(r"一般公共预算|政府性基金预算|国有资本经营预算")
BUDGET_KIND_TITLES = [
    ("B01", r"(部门)?(财务)?收支(预算)?总表"),
    ("B02", r"(部门)?收入预算(总)?表|(部门)?收入总表"),
    ("B03", r"(部门)?支出预算(总)?表|(部门)?支出总表"),
    ("B04", r"(部门)?财政拨款收支(预算)?总表"),
    ("B05", r"(部门)?一般公共预算(财政)?(拨款)?支出(功能分类)?(预算)?表"),
    ("B06", r"(部门)?一般公共预算(财政)?(拨款)?基本支出(部门预算)?(经济分类)?(预算)?(明细)?表"),
    ("B07", r"(一般公共预算)?(拨款)?三公经费(支出)?(和机关运行经费)?预算表|一般公共预算(拨款)?三公经费支出表"),
    ("B08", r"(部门)?政府性基金预算(财政)?(拨款)?(收入)?支出(功能分类)?(预算)?表"),
    ("B09", r"(部门)?国有资本经营预算(财政)?(拨款)?(收入)?支出(功能分类)?(预算)?表"),
    ("B10", r"(项目支出|部门整体支出)?绩效目标表"),
]


def _merge_fragments(body: list[tuple[str, Line]]) -> list[Line]:
    """Join the pieces of a row wrapped over several lines in a dump (code / name / figures)."""
    merged: list[Line] = []
    buffer: list[Line] = []
    for kind, line in body:
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


def _total_label_raised(body: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """A total row whose label cell is taller than its figures: a layout-preserving extraction
    prints the figures a line or two above the label (``2,946.25 2,940.05 6.20`` / ``类 款 项`` /
    ``合计``). The label moves in front of its figures, whose positions stay where they are."""
    result: list[tuple[str, Line]] = []
    index = 0
    while index < len(body):
        kind, line = body[index]
        tokens = line.text.split()
        after = index + 1
        while after < len(body) and after <= index + 2 and set(body[after][1].text.split()) <= {"类", "款", "项"}:
            after += 1
        if tokens and all(FIGURE_RE.fullmatch(t) for t in tokens) and after < len(body):
            label = body[after][1].text.strip()
            if TOTAL_LABEL_RE.fullmatch(label) and line.column > len(label) + 1:
                result.append(("ROW", Line(line.number, f"{label} {line.text}", line.column - len(label) - 1, line.raw)))
                index = after + 1
                continue
        result.append((kind, line))
        index += 1
    return result


def _join(lines: list[Line]) -> Line:
    """A synthetic line spanning several: the first line's position, texts joined by a space."""
    first = lines[0]
    return Line(first.number, " ".join(line.text for line in lines), first.column, first.raw)


def _without_repeated_header(body: list[tuple[str, Line]], headers: list[str], title: str) -> list[tuple[str, Line]]:
    """The body without what a table continued on the next page prints again there: its title
    (or ``…表（续）``), its unit line and its header lines. A run of such lines goes when it holds
    more than one line, a title or unit, or a header line of two or more column names; a lone
    one-word line that is also a header word (合计) may be a row's, and stays."""
    printed = {squeeze(h) for h in headers} | ({squeeze(title)} if title else set())
    kept: list[tuple[str, Line]] = []
    run: list[tuple[str, Line]] = []

    def repeated(kind: str, line: Line) -> bool:
        compact = squeeze(line.text)
        return kind != "ROW" and (compact in printed or CONTINUED_RE.search(compact) is not None or UNIT_RE.search(compact) is not None)

    for kind, line in [*body, ("END", Line(0, "", 1, ""))]:
        if kind != "END" and repeated(kind, line):
            run.append((kind, line))
            continue
        decisive = len(run) >= 2 or any(
            CONTINUED_RE.search(squeeze(l.text)) or UNIT_RE.search(squeeze(l.text)) or len(l.text.split()) >= 2 for _, l in run
        )
        if not decisive:
            kept.extend(run)
        run = []
        if kind != "END":
            kept.append((kind, line))
    return kept


EMPTY_TABLE_RE = lazy(r"无数据|空表|无此项|没有.{0,20}(支出|收入|经费)|无.{0,12}(收支|支出|收入)")
"""A table that says it is empty (本表无数据, 本单位无政府性基金预算财政拨款收支)."""
CONTINUED_RE = lazy(r"[（(]续[)）]$|^续表|表续$")
"""A table's title printed again on the page it continues on."""


def squeeze(text: str) -> str:
    """Text without any whitespace (form feeds included)."""
    return re.sub(r"\s", "", text)


def is_column_numbers_row(row: Row) -> bool:
    """A row of no code that reads as a 栏次 line (:func:`~.lines.is_column_numbers`, the one
    test of a 栏次 line): the column numbers 1 2 3 … printed one a line, which only the
    assembled row shows."""
    return row.code is None and is_column_numbers(" ".join([row.label, *(n.text for n in row.numbers)]))


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
    headers.extend(line.text for kind, line in body[first_row:] if kind == "COLUMN_NUMBERS")
    header_text = "".join(headers).replace(" ", "").replace("\t", "")
    keyed_by_line_no = "行次" in header_text
    halves = not tabbed or header_text.count("行次") >= 2
    column_count = _column_count(headers)
    if UNIT_RE.search(header_text) and unit is None:
        unit = UNIT_RE.search(header_text).group(1)  # type: ignore[union-attr]
    kind = table_kind(title) if title else number
    identities = [identity for line in notes for identity in parse_identities(line)]
    rows_body = [(k, line) for k, line in _without_repeated_header(body[first_row:], headers, title)
                 if k != "COLUMN_NUMBERS" and not (k == "HEADER" and is_page_furniture(line.text))]
    rows_body = _total_label_raised(rows_body)
    code_keyed = not keyed_by_line_no and re.search(r"科目(编码|代码)|功能分类|经济分类", header_text) is not None
    if tabbed:
        groups = [_segments(_tokens(line, True), keyed_by_line_no, halves) for _, line in rows_body]
    elif code_keyed:
        groups = _stream_groups([line for _, line in rows_body], keyed_by_line_no)
    else:
        groups = [_segments(_without_header_words(_tokens(line, False)), keyed_by_line_no, True) for line in _merge_fragments(rows_body)]
    block_starts, block_tabs = _block_tabs(groups) if tabbed else ([], [])
    width = max((len(g) for g in groups), default=1)
    if column_count is None and width == 1 and kind in STANDARD_COLUMNS and (kind in FIRST_IS_TOTAL_OF_REST or (kind == "09" and tabbed and _halves_grouped(header_text))):
        # A row printing as many figures as the template has columns proves the column count
        # (the 三公 table's 12 in cells under one 预算数 and one 决算数: each half 合计 | 出国 |
        # 车辆 小计 | 购置 | 运行 | 接待; 预算数 | 决算数 under every item is another order).
        fullest = max((len(seg.values) for g in groups for seg in g), default=0)
        if fullest == STANDARD_COLUMNS[kind][0]:
            column_count = fullest
    in_blocks = kind in SIDE_BY_SIDE and not (kind == "06" and width == 1 and STAFF_PUBLIC_RE.search(header_text))
    names = [] if tabbed or width > 1 or in_blocks else header_names(headers)
    if names and column_count in (None, len(names)):
        column_count = len(names)
    else:
        names = []
    widest = max((len(seg.values) for g in groups for seg in g), default=0)
    layout = _Layout(kind, column_count, identities, block_tabs, names, widest)
    rows: list[Row] = []
    blocks: list[list[Row]] = []
    for segments in groups:
        for index, seg in enumerate(segments):
            block: int | None = _block_of(seg, block_starts) if tabbed else index
            if not tabbed and width > 1 and len(segments) < width:
                block = _lone_block(seg, kind, blocks)
            row = _row_from_segment(seg, layout, (block or 0) if width > 1 or tabbed else 0)
            if is_column_numbers_row(row):
                continue  # the 栏次 line, its numbers printed one per line: a header, not a row
            rows.append(row)
            if width > 1 and block is not None:
                while len(blocks) <= block:
                    blocks.append([])
                blocks[block].append(row)
    first = all_lines[0] if all_lines else None
    last = all_lines[-1] if all_lines else None
    span = Span(first.number if first else 1, 1, (last.number if last else 1), len(last.raw) + 1 if last else 1)
    table = Table(
        number, title, unit, headers, names, rows, [n.text for n in notes], identities, span,
        blocks if len(blocks) > 1 else [], kind, column_count,
    )
    code_kind = kind in CODE_KEYED_KINDS or sum(1 for row in rows if row.code) >= 3
    detached = _split_groups([line for _, line in rows_body]) or (
        None if tabbed else (_detached_figures if code_kind else _figures_below_labels)([line for _, line in rows_body])
    )
    table.unplaced = detached or _code_as_figure(rows) or _misaligned(rows)
    table.empty_notes = [note.text for note in notes if NIL_RE.search(note.text)]
    table.heading = read_heading(headers)
    in_cells = any("\t" in line.text for line in all_lines)  # tab or pipe cells hold their figures: empty cells are empty
    if kind and not rows and not in_cells and (unit or headers) and not EMPTY_TABLE_RE.search("".join(l.text for l in all_lines)):
        table.unplaced = "未读出任何数据行（其数字可能被提取到了表外）"
    return table


ORDINAL_RE = lazy(r"[一二三四五六七八九十]+[、.．]")
"""The ordinal mark opening an enumerated row's label (一、)."""
CODE_KEYED_KINDS = {"02", "03", "05", "06", "07", "08", "B02", "B03", "B05", "B06", "B08", "B09"}
"""Tables whose rows are keyed by a classification code."""
FIGURE_RE = lazy(r"[\d,]*\.\d+|\d{1,3}(?:,\d{3})+|0")
"""A figure that cannot be a subject code: it has a decimal point or thousands separators (or is 0)."""


def _detached_figures(lines: list[Line]) -> str | None:
    """Why the figures of a code-keyed dump cannot be paired with their codes, or None.

    A line of figures alone belongs to the row above when that row has a code and no figures
    yet (its name wrapped); after a row that already has its figures it may be that row's
    overflow or the next row's figures printed a little higher (layout-preserving extractions
    do this), and nothing tells which. A total label (人员经费合计) after a code and its name is
    a row of its own: the figures after it are not the code's. One cell a line, a name after the
    figures of a code alone on its line may be that row's (printed after its figures) or the next
    one's, and nothing tells which.
    """
    waiting = False  # the last code line is still waiting for (the rest of) its figures
    bare_run = 0  # code lines in a row with nothing between them: a column printed as a block
    digits_run = 0  # the same for lines of 款 / 项 digits alone
    named = False  # the waiting code's name has had a line of its own
    unnamed = False  # the last code line holds the code alone, and no name has come since
    nameless = False  # such a code's figures came with no name before them
    for line in lines:
        tokens = line.text.split()
        if not tokens or not any(c.isdigit() for c in line.text):
            if nameless and tokens:
                return f"第 {line.number} 行的科目名称在其上数字之后（一格一行），无法确定属于上一行还是下一行的科目"
            unnamed = False
            bare_run = digits_run = 0
            if waiting and named and TOTAL_LABEL_RE.match(line.text.replace(" ", "")):
                waiting = False  # code | name | 人员经费合计: a total row of its own, not more name
            named = waiting
            continue  # a name fragment
        if all(re.fullmatch(r"\d{2}", t) for t in tokens):
            digits_run += 1  # 款 / 项 digits of a code on a line of their own: two at most
            if digits_run >= 3:
                return f"第 {line.number} 行前后款、项编码连续成列、与数字分开输出，无法逐行对应"
            continue
        digits_run = 0
        bare_run = bare_run + 1 if all(CODE_RE.fullmatch(t) for t in tokens) else 0
        if bare_run >= 3:
            return f"第 {line.number} 行前后科目编码连续成列、与数字分开输出，无法逐行对应"
        if all(FIGURE_RE.fullmatch(t) for t in tokens):
            if not waiting:
                return f"第 {line.number} 行只有数字，无法确定属于上一行还是下一行的科目"
            nameless, unnamed = nameless or unnamed, False
            named = False
            continue  # one cell per line: a row's figures follow its code one by one
        waiting = CODE_RE.fullmatch(tokens[0]) is not None and not any(FIGURE_RE.fullmatch(t) for t in tokens[1:])
        unnamed = waiting and len(tokens) == 1
        nameless = named = False
    return None


def _figures_below_labels(lines: list[Line]) -> str | None:
    """Why the figures of a label-keyed dump cannot be paired with their labels, or None.

    A line of figures alone after a line that already has figures (一、一般公共预算财政拨款
    2,940.05 一、一般公共服务支出 | 2,106.66 2,106.66): a layout-preserving extraction printed a
    cell's figures a line lower, and whether they belong to the row above (its right half) or to
    a row of their own, nothing tells. A table whose rows are all figures (a 三公 row under its
    header) has no labels to lose.
    """
    if not any(_labelled_with_figures(line.text) for line in lines):
        return None
    after_figures = False
    for line in lines:
        tokens = line.text.split()
        figures = [t for t in tokens if FIGURE_RE.fullmatch(t)]
        if tokens and len(figures) == len(tokens):
            if after_figures:
                return f"第 {line.number} 行只有数字，无法确定属于上一行的哪一栏还是下一行"
            continue
        after_figures = bool(figures)
    return None


def _labelled_with_figures(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and not FIGURE_RE.fullmatch(tokens[0]) and any(FIGURE_RE.fullmatch(t) for t in tokens[1:])


MISALIGNED_MIN = 3
"""At least this many parent rows, and a third of those checked, not adding up in column 1
mark a table's codes and figures as misaligned (an extraction that shifted one column)."""


SPLIT_GROUP_RE = lazy(r"\d, \d{3}(?![\d.])")
"""Digits, a comma and a space, then three digits: a whole figure whose thousands groups an
extraction spaced apart (80, 983, 509), which :func:`~fiscallint.parser.lines.closed_groups`
could not prove to be one figure."""


def _split_groups(lines: list[Line]) -> str | None:
    """Why a table's rows cannot be read when a figure's thousands groups are spaced apart
    (where one figure ends and the next begins is unknown), or None."""
    line = next((l for l in lines if SPLIT_GROUP_RE.search(l.text)), None)
    if line is None:
        return None
    return f"第 {line.number} 行的数字千位逗号后有空格（{SPLIT_GROUP_RE.search(line.text).group()}…），无法确定各数字的起止"  # type: ignore[union-attr]


def _code_as_figure(rows: list[Row]) -> str | None:
    """Why a code-keyed table's figures cannot be read, or None: a figure printed as a code of
    one of the table's own 类 (30108 beside 301, no point, no separator) is that row's code
    read out of its place, not an amount (one cell a line, side-by-side halves). A figure left
    without a column is not read anyway."""
    classes = {row.code for row in rows if row.code and row.level == 1}
    for row in rows:
        for cell in row.cells:
            text = cell.number.text
            if cell.column is not None and len(text) in (5, 7) and text[:3] in classes and is_code(text):
                return f"第 {cell.number.span.line} 行的 {text} 是本表的科目编码，却处在数字的位置，无法确定行与数字的对应"
    return None


def _misaligned(rows: list[Row]) -> str | None:
    """Why a code-keyed table's figures cannot be read as its rows' figures, or None.

    A real error breaks a parent row or two; when most parents fail to add up, the code column
    and the figure columns were paired wrongly (a row lost or a column shifted in extraction),
    and checking every row would report the extraction, not the report.
    """
    first: dict[str, Number] = {}
    for row in rows:
        if row.code and row.level and row.code not in first and row.cells and row.cells[0].column == 1:
            first[row.code] = row.cells[0].number
    checked = failing = 0
    for code, total in first.items():
        children = [n for c, n in first.items() if len(c) == len(code) + 2 and c.startswith(code)]
        if not children:
            continue
        checked += 1
        difference = abs(total.value - sum((n.value for n in children), Decimal(0)))
        if difference > sum_tolerance(children, total):
            failing += 1
    if failing >= MISALIGNED_MIN and 3 * failing >= checked:
        return f"{checked} 个上级科目行中有 {failing} 个与下级之和不符，科目编码与数字疑似错位（提取时行列错开）"
    return None


INCOME_SIDE_RE = lazy(r"收入|年初|上年结转|使用")
EXPENSE_SIDE_RE = lazy(r"支出|年末|结余分配")


def _lone_block(seg: _Segment, kind: str | None, blocks: list[list[Row]]) -> int | None:
    """The block of a dump line's only segment when the line has fewer than the table's blocks
    (one half ended: 收入 | 支出 with more 支出 lines). From the label in a 收入 | 支出 table,
    from the code's 类 in an economic one; None when nothing proves it."""
    label = "".join(seg.label)
    if kind in ("01", "04", "B01", "B04"):
        income, expense = INCOME_SIDE_RE.search(label), EXPENSE_SIDE_RE.search(label)
        if bool(income) != bool(expense):
            return 0 if income else 1
        return None
    if seg.code:
        owners = [i for i, rows in enumerate(blocks) if any(r.code and r.code[:3] == seg.code[:3] for r in rows)]
        if len(owners) == 1:
            return owners[0]
    return None


def _stream_groups(lines: list[Line], keyed_by_line_no: bool) -> list[list[_Segment]]:
    """Segments of a code-keyed dump read as one token stream (rows wrap freely over lines),
    grouped by the source line each segment starts on (the side-by-side blocks of one row).

    A row name too long for its cell wraps onto lines of its own, above and below the code
    line (the code and figures sit at the cell's vertical middle); those name fragments are
    put back into their row's label before segmenting (see :func:`_attach_fragments`).
    """
    tokens = _attach_fragments([_without_header_words(_tokens(line, False)) for line in lines])
    groups: list[list[_Segment]] = []
    last_line = -1
    for seg in _segments(tokens, keyed_by_line_no, True):
        if seg.line != last_line or not groups:
            groups.append([])
            last_line = seg.line
        groups[-1].append(seg)
    return groups


def _without_header_words(tokens: list[_Token]) -> list[_Token]:
    """A row line that begins with the header's last words (类 款 项 合计 4,733.14 …) keeps only the row."""
    start = 0
    while start < len(tokens) - 1 and tokens[start].text in ("类", "款", "项"):
        start += 1
    if start and any(_is_number(t.text) for t in tokens[start:]):
        rest = tokens[start:]
        rest[0] = _Token(rest[0].text, rest[0].column, rest[0].tab, rest[0].line, True)
        return rest
    return tokens


def _attach_fragments(lines: list[list[_Token]]) -> list[_Token]:
    """One token stream with each name fragment moved into its row, right after the code.

    A fragment is a line with no figure. A wrapped name is centred on its code line, so a row
    has as many fragments below its code line as above it: between two code lines, the first
    row takes back as many as it had above (when that is unknown, half, rounding up when its
    code line has no name at all), and the next row the rest. When that leaves a row that has
    a name on its code line with fewer fragments below than above, and no code line without a
    name sits between fragments (the sign of names centred on them), the names start on their
    code lines (a top-aligned layout): every fragment is the row's above it.
    Fragments before the first code line or after the last stay where they are.
    """
    fragment = [bool(toks) and not any(_is_number(t.text) for t in toks) for toks in lines]
    coded = [bool(toks) and CODE_RE.fullmatch(toks[0].text) is not None and not fragment[i] for i, toks in enumerate(lines)]
    heads, tails, kept = _fragment_owners(lines, fragment, coded, centred=True)
    named = [i for i, toks in enumerate(lines) if coded[i] and len(toks) > 1 and not _is_number(toks[1].text)]
    uneven = any(heads.get(i) and _fragment_lines(tails.get(i, [])) < _fragment_lines(heads[i]) and _coded_before(i, lines, fragment, coded) for i in named)
    if uneven and not any(_between_fragments(i, fragment) for i, toks in enumerate(lines) if coded[i] and i not in named):
        heads, tails, kept = _fragment_owners(lines, fragment, coded, centred=False)
    stream: list[_Token] = []
    for index, toks in enumerate(lines):
        if fragment[index]:
            if index in kept:
                stream.extend(toks)
            continue
        trailing = _trailing_name(toks) if coded[index] else []
        if trailing:
            toks = toks[:-len(trailing)]
        if index in heads or index in tails or trailing:
            code_end = 1
            while code_end < len(toks) and re.fullmatch(r"\d{2}", toks[code_end].text):
                code_end += 1  # 类 | 款 | 项 in separate columns: 207 01 04
            at = max(_tail_position(toks), code_end)
            toks = toks[:code_end] + _as_label(heads.get(index, [])) + toks[code_end:at] + _as_label(trailing + tails.get(index, [])) + toks[at:]
        stream.extend(toks)
    return stream


def _between_fragments(i: int, fragment: list[bool]) -> bool:
    """Line ``i`` has a fragment right above it and right below it (a name centred on a code line)."""
    return 0 < i < len(fragment) - 1 and fragment[i - 1] and fragment[i + 1]


def _coded_before(row: int, lines: list[list[_Token]], fragment: list[bool], coded: list[bool]) -> bool:
    """The last line with figures before ``row`` is a code line (its fragments sit between two rows)."""
    return next((coded[j] for j in range(row - 1, -1, -1) if lines[j] and not fragment[j]), False)


def _fragment_owners(
    lines: list[list[_Token]], fragment: list[bool], coded: list[bool], centred: bool
) -> tuple[dict[int, list[_Token]], dict[int, list[_Token]], set[int]]:
    """The fragments each code line takes above it (heads) and below it (tails), and the
    fragment lines kept where they are; ``centred``: names centred on their code lines (see
    :func:`_attach_fragments`), else starting on them (every fragment below its row's code line)."""
    heads: dict[int, list[_Token]] = {}
    tails: dict[int, list[_Token]] = {}
    kept: set[int] = set()
    previous: int | None = None  # the last non-fragment line
    i = 0
    while i <= len(lines):
        if i < len(lines) and (fragment[i] or not lines[i]):
            i += 1
            continue
        run = [j for j in range((previous + 1) if previous is not None else 0, i) if fragment[j]]
        before = previous is not None and coded[previous]
        after = i < len(lines) and coded[i]
        if before and after:
            assert previous is not None
            known = previous in heads or any(not fragment[j] and lines[j] for j in range(previous))
            unlabeled = len(lines[previous]) > 1 and _is_number(lines[previous][1].text)
            if _ends_with_bare_code(lines[previous]) or not centred:
                take = len(run)  # side by side: the last block's name flows on below its code
            elif known:
                take = min(_fragment_lines(heads.get(previous, [])), len(run))
            else:
                take = (len(run) + unlabeled) // 2
            tails[previous] = [t for j in run[:take] for t in lines[j]]
            heads[i] = [t for j in run[take:] for t in lines[j]]
        elif before:
            assert previous is not None
            tails[previous] = [t for j in run for t in lines[j]]
        elif after:
            heads[i] = [t for j in run for t in lines[j]]
        else:
            kept.update(run)
        previous = i
        i += 1
    return heads, tails, kept


NAME_TAIL_RE = lazy(r"[\u4e00-\u9fff]{1,8}")


def _trailing_name(tokens: list[_Token]) -> list[_Token]:
    """The end of a row's wrapped name printed after its figures (``201 264.87 62.63 202.24 支出``,
    the name's first part on the line above): a code line with no name of its own whose only word
    comes last and is a few characters. It is the row's name, not a side-by-side half: a half
    has a code or a full item name."""
    if len(tokens) < 3 or any(not _is_number(t.text) or CODE_RE.fullmatch(t.text) for t in tokens[1:-1]):
        return []
    last = tokens[-1]
    return [last] if NAME_TAIL_RE.fullmatch(last.text) else []


def _ends_with_bare_code(tokens: list[_Token]) -> bool:
    """A line whose last block is a code with its name and figures still to come."""
    return bool(tokens) and CODE_RE.fullmatch(tokens[-1].text) is not None and (len(tokens) == 1 or not _is_number(tokens[-2].text))


def _tail_position(tokens: list[_Token]) -> int:
    """Where a name's lower fragments go in its code line: after the last segment's label
    (before its figures), or at the end when the line ends with a code whose name wrapped."""
    if _ends_with_bare_code(tokens):
        return len(tokens)
    labels = [k for k, t in enumerate(tokens) if k > 0 and not _is_number(t.text)]
    return (labels[-1] + 1) if labels else 1


def _fragment_lines(tokens: list[_Token]) -> int:
    """How many source lines a list of fragment tokens came from."""
    return len({t.line for t in tokens})


def _as_label(tokens: list[_Token]) -> list[_Token]:
    """Fragment tokens as continuation words of a label (never a row's first token)."""
    return [_Token(t.text, t.column, t.tab, t.line, False) for t in tokens]


def _block_tabs(groups: list[list[_Segment]]) -> tuple[list[int | None], list[int | None]]:
    """In a tab layout: for each side-by-side block, the cell index where it starts and the
    cell index of its value column 1."""
    width = max((len(g) for g in groups), default=0)
    starts: list[int | None] = [0]
    if width > 1:
        full = [g for g in groups if len(g) == width]
        starts = [min((g[i].start_tab for g in full if g[i].start_tab is not None), default=None) for i in range(width)]
    firsts: list[int | None] = [None] * len(starts)
    for group in groups:
        for seg in group:
            if not seg.values or seg.values[0].tab is None:
                continue
            block = _block_of(seg, starts)
            tab = seg.values[0].tab
            if firsts[block] is None or tab < firsts[block]:  # type: ignore[operator]
                firsts[block] = tab
    return starts, firsts


def _block_of(seg: _Segment, starts: list[int | None]) -> int:
    """Index of the block a segment belongs to, from its first cell index."""
    if seg.start_tab is None or len(starts) <= 1:
        return 0
    known = [s for s in starts if s is not None]
    return max((i for i, s in enumerate(known) if s <= seg.start_tab), default=0)


def _halves_grouped(header_text: str) -> bool:
    """A 三公 table's header printing 预算数 once over its first six columns and 决算数 once over
    the last six (not 预算数 | 决算数 under each item)."""
    return header_text.count("预算数") == 1 and header_text.count("决算数") == 1 and header_text.index("预算数") < header_text.index("决算数")


def _column_count(headers: list[str]) -> int | None:
    """The number of value columns, from the 栏次 header line when printed."""
    best: int | None = None
    for header in headers:
        compact = header.strip()
        flat = compact.replace(" ", "").replace("\t", "")
        if "栏次" in flat[2:] and flat.startswith("栏次"):
            return None  # side-by-side (栏次 1 栏次 2): per-block columns
        if is_column_numbers(compact):
            numbers = re.findall(r"(?<!\d)\d{1,2}(?!\d)", compact)
            if numbers:
                best = max(best or 0, max(int(n) for n in numbers))
    return best


