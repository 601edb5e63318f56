"""Performance self-evaluation tables (绩效自评表): from a table's source lines to typed nodes.

The document grammar finds these tables by their titles, but their rows are text-heavy
(indicator names, targets such as ``≥5 批次``, qualitative values), so generic row splitting
loses them. This module reads the source lines of each such table again, in one of two layouts:

- grid: cells separated by tabs (markdown/tsv exports) or ``|`` (pipe tables). Columns are
  mapped from the header rows; a row whose cells are shifted (wrapped-cell exports) is aligned on
  its target cell and on the type of each cell (分值/得分 numbers, 完成率 percentages); a cell that
  cannot be placed is left out rather than guessed.
- dump: flattened PDF text. When the header cells are whole (one cell a line, or cells between
  runs of spaces), cells are placed by their order under the header and their type
  (``_DumpCells``); a row that does not fit is recorded, not guessed. Otherwise only what line
  patterns prove is read: the funding line after a ``执行率`` header (``A B rate% [score]``, or
  the template's whole row ``年度资金总额 A0 A B 10 rate% score`` under a header naming its
  columns in the template's order), ``总分 [100] N``, a grade line (``自评等级 优``),
  ``基本支出总额 … 项目支出总额 …``, indicator lines with their 分值 and 得分 under a one-line
  header naming them (kept only when the 分值 add up to the 总分's), and indicator lines ending
  in a target/actual pair (no weights or scores: they are merged cells). Under such a header a
  row wrapped over lines is gathered up to its 分值 and 得分 and read only when each piece has one
  place (:meth:`_DumpParser._wrapped_row`); a line of quantities (``3批 4人次 5批 7人次``) is read
  when it halves into a target and an actual whose units pair; other such rows are recorded.

A value of several quantities with different units (``3批 4人次``), in a cell or halved off a
flattened line, is a compound :class:`Measure` (``parts``); :func:`value_pairs` pairs the target's
quantities with the actual's by unit for the rules, or pairs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from lark import Lark, Token, Tree
from lark.exceptions import LarkError
from lark.lexer import Lexer

from ..ast import Funding, Indicator, Measure, Number, PerformanceTable, Report, Span, Table
from ..numbers import parse_number
from ..patterns import lazy
from .grammar_files import build_parser
from .lines import GRID_BORDER_RE, csv_cells, cut_at, markup_lines, plain_figures, source_lines, wrapped_at

TITLE_RE = lazy(r"自评表|绩效评价.{0,4}表")
TARGET_TITLE_RE = lazy(r"绩效目标(申报|设置)?(情况)?表")
"""A budget's 绩效目标表 (项目支出绩效目标表, 财政项目支出绩效目标申报表): targets without actuals."""
OPS = {
    ">=": "≥", "<=": "≤", "≧": "≥", "≦": "≤", "＞＝": "≥", "＜＝": "≤", "＞=": "≥", "＜=": "≤",
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "大于或等于": "≥",
    "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "小于等于": "≤", "小于或等于": "≤",
    "＞": ">", "＜": "<", "＝": "=", "》": "≥", "《": "≤",
}
"""Each way a target's comparison is printed, and the sign it means."""
OP_RE = "(?:" + "|".join(re.escape(op) for op in sorted([*OPS, "≥", "≤", "=", ">", "<"], key=len, reverse=True)) + ")"
NUM_RE = r"-?\d[\d,]*(?:\.\d+)?"
MEASURE_RE = lazy(rf"^(?P<op>{OP_RE})?\s*(?P<num>{NUM_RE})\s*(?P<unit>[^\d\s].{{0,7}})?$")
PERCENT_RE = lazy(rf"^(?P<num>{NUM_RE})\s*%$")
PERCENT_UNIT_RE = lazy(r"^(?:[（(]\s*[%％]\s*[)）]|％)$")
"""A percent unit printed in brackets (=100.00(%)) or full-width."""
DATE_VALUE_RE = lazy(rf"^(?:{OP_RE})?\s*(?P<year>(?:19|20)\d{{2}})\s*(?:年|[-./]\s*\d{{1,2}})")
"""A value that is a date (2027年6月底前, 2027-06-30, ≤2027.6): its year."""
PLAIN_RE = lazy(rf"^(?P<num>{NUM_RE})\s*分?$")
CJK_GAP_RE = lazy(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
EMPTY = {"", "-", "—", "/", "--", "——", "－"}
GRADES = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "合格": "中", "差": "差", "不合格": "差"}
QUALITATIVE_RE = lazy(
    r"显著|有效|明显|提升|提高|完善|健全|规范|合理|满意|及时|按时|达标|合格|相符|推进|保障|加深|改善|良好|完成|合规|科学|持续|稳定|增强|扩大"
)


def compact(text: str) -> str:
    """A cell's text without markup and without the spaces a wrapped cell leaves between CJK characters."""
    text = re.sub(r"</?[a-zA-Z][^>]*>|\*\*", "", text).strip()
    return CJK_GAP_RE.sub("", text)


def is_performance_title(title: str) -> bool:
    """A self-evaluation's or a target table's title."""
    return TITLE_RE.search(title.replace(" ", "")) is not None or is_target_title(title)


def is_target_title(title: str) -> bool:
    """A budget's 绩效目标表 (and not a self-evaluation, which repeats the targets)."""
    compact_title = title.replace(" ", "")
    return TARGET_TITLE_RE.search(compact_title) is not None and TITLE_RE.search(compact_title) is None


def parse_performance(report: Report, wrap_width: int | None = None) -> list[PerformanceTable]:
    """All performance tables of a report, from the tables the document grammar found. In a
    text hard-wrapped at ``wrap_width``, a grid table with a line cut at that width is not read
    (a cell cut anywhere shifts the cells after it) and its table says why (FL001); a dump table
    is read as ever, only lines that match a whole pattern. A budget's target table is read as
    a grid (its funding lines and indicator targets) or, flattened, only for what whole lines
    prove (:class:`_DumpTargets`); one with nothing read is listed by :func:`unread_target_tables`."""
    starts = [t for t in report.tables if is_performance_title(t.title)]
    found: list[PerformanceTable] = []
    lines = _cell_lines(report) if starts else []
    for index, table in enumerate(starts):
        first = table.span.line
        last = starts[index + 1].span.line - 1 if index + 1 < len(starts) else len(report.lines)
        numbered = [(n, text) for n, text in lines if first <= n <= last]
        grid = sum(1 for _, text in numbered[:40] if _is_grid(text)) >= 3
        cut = next((n for n, raw in numbered[:-1] if cut_at(raw, wrap_width)), None) if grid else None
        if cut is not None and wrap_width is not None:
            table.unplaced = table.unplaced or wrapped_at(cut, wrap_width, "自评表的单元格")
            continue
        if is_target_title(table.title):
            reader = _GridParser(table.title, numbered, "target").tables if grid else _DumpTargets(table.title, numbered).tables
            found.extend(reader())
            continue
        parser = _GridParser if grid else _DumpParser
        found.extend(parser(table.title, numbered).tables())
    return found


def unread_target_tables(report: Report) -> list[Table]:
    """Target tables (绩效目标表) with rows that no performance table was read from: flattened
    PDF text with no line the dump reader proves, or a grid the grammar could not place."""
    read = {p.span.line for p in report.performance if p.stage == "target" and (p.indicators or p.funding)}
    return [
        t for t in report.tables
        if (t.rows or t.span.end_line - t.span.line >= 2) and is_target_title(t.title) and not any(t.span.line <= line <= t.span.end_line for line in read)
    ]


def _cell_lines(report: Report) -> list[tuple[int, str]]:
    """The report's lines, numbered, with their cells as the grid parser reads them: as they are
    with their figures written plainly (:func:`plain_figures`: ５％ as 5%), a CSV line's cells separated by tabs, a grid-table row wrapped over lines on one line, or an
    HTML table row (spread over lines or not) one tab-separated line, its tags blanked."""
    numbered = [(n, plain_figures(raw)) for n, raw in enumerate(report.lines, start=1)]
    if report.shape == "csv":
        return [(n, csv_cells(raw)) for n, raw in numbered]
    if report.shape != "markdown":
        return numbered
    joined = markup_lines([raw for _, raw in numbered])
    if any("<tr" in raw.lower() for raw in joined):
        return [(line.number, " " * (line.column - 1) + line.text) for n, raw in enumerate(joined, start=1) for line in source_lines(n, raw, "markdown")]
    return list(enumerate(joined, start=1))


def _is_grid(text: str) -> bool:
    return "\t" in text or text.count("|") >= 3


def _kind(title: str) -> str:
    return "project" if "项目" in title and "整体" not in title else "department"


def _number(text: str, line: int, column: int) -> Number | None:
    """A plain number (``10``, ``10.00分``) at a 1-based column; None if the text is anything else."""
    return _matched(PLAIN_RE, text, line, column)


def _percent(text: str, line: int, column: int) -> Number | None:
    """A percentage (``95.5%``, the number without its sign) at a 1-based column; else None."""
    return _matched(PERCENT_RE, text, line, column)


def _matched(pattern: re.Pattern[str], text: str, line: int, column: int) -> Number | None:
    match = pattern.match(text)
    if not match:
        return None
    digits = match.group("num")
    return parse_number(digits, Span(line, column, line, column + len(digits)))


def _measure(text: str, line: int, column: int, unit_hint: str = "") -> Measure | None:
    """A target or actual value; ``column`` is where ``text`` starts in the line."""
    measure = _value(text, line, column, unit_hint)
    date = DATE_VALUE_RE.match(compact(text)) if measure is not None else None
    if measure is not None and date is not None:
        measure.year = int(date.group("year"))
    return measure


QUANTITY_RE = lazy(rf"\s*[、，,；;/]?\s*(?P<op>{OP_RE})?\s*(?P<num>{NUM_RE})\s*(?P<unit>[%％]|[\u4e00-\u9fffA-Za-z]{{1,4}})(?![\u4e00-\u9fffA-Za-z])")
"""One quantity of a compound value: its comparison, figure and unit (``≥500人次``)."""
TIME_UNITS = frozenset("年月日号时分秒点")
"""Units of a date or a time (2025年10月, 9时30分): its figures are one value, not several quantities."""


def quantity_run(text: str, line: int, column: int) -> list[Measure] | None:
    """The quantities a text is made of, each a figure with its unit (``3批 4人次 5批 7人次``;
    ``column`` is where ``text`` starts); None when anything else is in it."""
    found: list[Measure] = []
    at = 0
    while at < len(text.rstrip()):
        match = QUANTITY_RE.match(text, at)
        if match is None:
            return None
        op, digits, unit = match.group("op"), match.group("num"), match.group("unit").replace("％", "%")
        start = column + match.start("num")
        begin = match.start("op" if op else "num")
        number = parse_number(digits, Span(line, start, line, start + len(digits)))
        found.append(Measure(compact(text[begin:match.end()]), OPS.get(op, op) if op else None,
                             number, unit, Span(line, column + begin, line, column + match.end())))
        at = match.end()
    return found


def quantities(text: str, line: int, column: int) -> list[Measure] | None:
    """The quantities of a value printed as several, each with its own unit (``3批 4人次``,
    ``≥10场 ≥500人次``; ``column`` is where ``text`` starts): None unless the whole text is two
    or more of them with different units, none a date's or a time's."""
    found = quantity_run(text, line, column)
    return found if found is not None and distinct_units(found) else None


def distinct_units(found: list[Measure]) -> bool:
    """Two or more quantities, each in a unit of its own, none a date's or a time's."""
    units = [m.unit for m in found]
    return len(found) >= 2 and len(set(units)) == len(units) and not any(u in TIME_UNITS for unit in units for u in unit)


def compound(parts: list[Measure]) -> Measure:
    """A compound value from its quantities (printed side by side on one line)."""
    first, last = parts[0].span, parts[-1].span
    text = " ".join(p.text for p in parts)
    return Measure(text, None, None, "", Span(first.line, first.column, last.end_line, last.end_column), parts=tuple(parts))


def _value(text: str, line: int, column: int, unit_hint: str) -> Measure | None:
    shown = text.strip()
    if shown in EMPTY:
        return None
    span = Span(line, column, line, column + len(shown))
    parts = quantities(shown, line, column)
    if parts is not None:
        return Measure(compact(shown), None, None, "", span, parts=tuple(parts))
    match = MEASURE_RE.match(shown)
    if match:
        unit = PERCENT_UNIT_RE.sub("%", compact(match.group("unit") or "")) or unit_hint
        op = match.group("op")
        digits = match.group("num")
        start = column + match.start("num")
        number = parse_number(digits, Span(line, start, line, start + len(digits)))
        return Measure(compact(shown), OPS.get(op, op) if op else None, number, unit, span)
    op_match = re.match(OP_RE, shown)
    op = OPS.get(op_match.group(), op_match.group()) if op_match else None
    words = compact(shown[op_match.end():] if op_match else shown)
    if words.endswith(("%", "％")):
        return Measure(words[:-1], op, None, "%", span)
    return Measure(words, op, None, unit_hint, span)


# ---------------------------------------------------------------- grid layout


@dataclass
class _Cell:
    """A cell of a performance-table line."""

    text: str  # stripped raw text
    column: int  # 1-based column in the source line

    @property
    def clean(self) -> str:
        return compact(self.text)


@dataclass
class _Row:
    """A performance-table line split into cells."""

    line: int
    cells: list[_Cell]
    raw: str

    def text(self, index: int) -> str:
        return self.cells[index].clean if 0 <= index < len(self.cells) else ""

    @property
    def first(self) -> str:
        return next((c.clean for c in self.cells if c.clean), "")

    @property
    def span(self) -> Span:
        return Span(self.line, 1, self.line, len(self.raw) + 1)


def _split(line: int, raw: str) -> _Row:
    """Cells of a tab- or pipe-separated line with their source columns."""
    text = raw.rstrip("\r\n")
    sep = "\t" if "\t" in text else "|"
    body_start = 0
    if sep == "|":
        body_start = text.index("|") + 1
        end = text.rstrip().rstrip("|")
        text = end if len(end) > body_start else text
    cells: list[_Cell] = []
    position = body_start
    for part in text[body_start:].split(sep):
        lead = len(part) - len(part.lstrip())
        cells.append(_Cell(part.strip(), position + lead + 1))
        position += len(part) + 1
    return _Row(line, cells, raw)


INDICATOR_ROLES = (
    ("reason", ("偏差",)),
    ("skip", ("依据", "赋分规则", "上年", "佐证", "评分", "计分")),
    ("actual", ("实际", "完成值")),
    ("completion", ("完成率",)),
    ("score", ("得分",)),
    ("weight", ("分值", "权重")),
    ("op", ("性质",)),
    ("unit", ("单位",)),
    ("level1", ("一级",)),
    ("level2", ("二级",)),
    ("name", ("三级",)),
    ("target", ("指标值", "目标值")),
)
FUNDING_ROLES = (
    ("rate", ("执行率",)),
    ("initial", ("年初预算",)),
    ("actual", ("执行数", "实际支出")),
    ("budget", ("预算数", "批复", "预算金额")),
    ("weight", ("分值", "权重")),
    ("score", ("得分",)),
)


def _roles(texts: list[str], table: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, int]:
    """Column of each role, from header texts (first column that names the role wins)."""
    roles: dict[str, int] = {}
    for column, text in enumerate(texts):
        for role, words in table:
            if any(w in text for w in words):
                if role != "skip":
                    roles.setdefault(role, column)
                break
    return roles


NATURE_RE = lazy(r"(?:其中[:：]?)?(基本|项目)支出(?:总额)?")
"""A funding line of one nature of spending (其中：基本支出, 项目支出)."""
GRADE_LABEL_RE = lazy(r"(自评|评价|绩效)?(等级|评级)")
GRADE_CELL_RE = lazy(r"(?:自评|评价|绩效)?(?:等级|评级)[:：]\s*(?P<grade>\S+)")
"""A grade and its label in one cell (自评等级：优)."""
"""The label of a grade printed on a row of its own (自评等级 | 优)."""
NAME_WORDS = ("项目名称", "部门名称", "单位名称")
STOP_WORDS = ("年度总体目标", "年度目标", "三、", "绩效指标")
"""First words of a row that ends a funding block even when it holds figures."""


@lru_cache(maxsize=1)
def grid_parser() -> Lark:
    """The performance grammar over grid rows, built once per process."""
    return build_parser("performance.lark", parser="lalr", lexer=_RowLexer)


class _RowLexer(Lexer):
    """Classifies each grid row by its cells (and, for a funding header's lower half, by the
    row before it); a token's value is the row's index."""

    def __init__(self, lexer_conf: object) -> None:  # Lark passes its lexer configuration
        pass

    def lex(self, rows: list[_Row]) -> Iterator[Token]:  # type: ignore[override]
        previous: _Row | None = None
        for index, row in enumerate(rows):
            kind = _row_kind(row, previous)
            previous = row
            yield Token(kind, index, line=row.line, column=1)


def _row_kind(row: _Row, previous: _Row | None) -> str:
    texts = [c.clean for c in row.cells]
    if previous is not None and _is_funding_header(previous) and not any(_number(t, 0, 1) for t in texts):
        if len(texts) >= len(previous.cells) and any(texts):
            return "LOWER"
    first = row.first
    figures = "_FIGURES" if _has_figures(row) else ""
    if first in NAME_WORDS:
        return "NAME"
    if _is_funding_header(row):
        return "FUNDING_HEAD"
    if any("三级指标" in t for t in texts):
        roles = _roles(texts, INDICATOR_ROLES)
        return "INDICATOR_HEAD" if "name" in roles and "target" in roles else "BARE_INDICATOR_HEAD"
    if first.startswith(STOP_WORDS):
        return "STOP"
    if first.startswith(("总分", "合计")):
        return "TOTAL" + figures
    if first.startswith(("其他需", "备注")):
        return "END" + figures
    if not figures and _dashes_only(texts):
        return "DASHES"
    return "FIGURES" if figures else "TEXT"


def _dashes_only(texts: list[str]) -> bool:
    """A label, then dashes in every other filled cell (按收入性质分： | — | — | …): a heading
    row of a funding block, not its end."""
    filled = [t for t in texts if t]
    return len(filled) >= 3 and all(t in EMPTY for t in filled[1:]) and filled[0] not in EMPTY


def _is_funding_header(row: _Row) -> bool:
    texts = [c.clean for c in row.cells]
    return any("执行率" in t for t in texts) and any(("执行数" in t or "实际支出" in t) for t in texts)


def _has_figures(row: _Row) -> bool:
    return any(_number(c.clean, 0, 1) or _percent(c.clean, 0, 1) for c in row.cells)


def _labelled_grade(text: str, line: int, column: int) -> tuple[str, Span] | None:
    """The grade of a cell at ``column`` that holds its label too (自评等级：优) and the span of
    the grade alone; None for any other cell."""
    match = GRADE_CELL_RE.fullmatch(text)
    grade = GRADES.get(match.group("grade")) if match else None
    if match is None or grade is None:
        return None
    start = column + match.start("grade")
    return grade, Span(line, start, line, start + len(match.group("grade")))


def _row_indexes(evaluation: Tree) -> list[int]:
    """The indexes of an evaluation's rows, blocks included, in order."""
    return sorted(token.value for token in evaluation.scan_values(lambda v: isinstance(v, Token)))


class _GridParser:
    """Reads performance tables laid out as tab- or pipe-separated cells."""

    def __init__(self, title: str, numbered: list[tuple[int, str]], stage: str = "evaluation") -> None:
        self.title = compact(title)
        self.stage = stage
        self.rows: list[_Row] = []
        seen_grid = False
        for line, raw in numbered[1:]:
            if _is_grid(raw):
                seen_grid = True
                row = _split(line, raw)
                if any(c.clean.strip("-:— ") for c in row.cells):
                    self.rows.append(row)
            elif GRID_BORDER_RE.match(raw.strip()):
                continue  # a grid table's border between its rows
            elif raw.strip() and (seen_grid or line - numbered[0][0] > 4):
                break
        self.start = numbered[0][0]
        self.roles: dict[str, int] = {}

    def tables(self) -> list[PerformanceTable]:
        """One table per self-evaluation, read by the performance grammar over the rows."""
        if not self.rows:
            return []
        try:
            tree = grid_parser().parse(self.rows)
        except LarkError:
            return []  # rows the grammar cannot place: nothing read rather than misread
        found = []
        for evaluation in tree.children:
            rows = [self.rows[i] for i in _row_indexes(evaluation)]
            start = self.start if evaluation.data == "evaluation" else rows[0].line
            perf = self._table(evaluation, rows, Span(start, 1, rows[-1].line, len(rows[-1].raw) + 1))
            if self.stage == "target":
                _TargetFunding(perf, evaluation, self.rows).read()
            found.append(perf)
        return found

    def _table(self, evaluation: Tree, rows: list[_Row], span: Span) -> PerformanceTable:
        """The performance table of one evaluation's rows (a target table's funding aside)."""
        name = ""
        for row in rows:
            if row.first in NAME_WORDS:
                name = next((c.clean for c in row.cells if c.clean not in EMPTY and c.clean != row.first), "")
                break
        perf = PerformanceTable(_kind(self.title), self.title, name, "grid", span, stage=self.stage)
        for node in evaluation.children:
            if isinstance(node, Tree) and node.data == "funding" and self.stage == "target":
                continue  # no 执行数 or 执行率 in a target table: a header naming them is not its funding
            if isinstance(node, Tree) and node.data == "funding":
                self._funding(perf, [self.rows[t.value] for t in node.children])
            elif isinstance(node, Tree):
                self._indicators(perf, [(t.type, self.rows[t.value]) for t in node.children], node.children[0].value)
            elif node.type == "BARE_INDICATOR_HEAD":
                self.roles = _roles([c.clean for c in self.rows[node.value].cells], INDICATOR_ROLES)
            else:
                row = self.rows[node.value]
                if row.first.startswith("总分"):
                    self._total(perf, row, self.roles)
                elif GRADE_LABEL_RE.fullmatch(row.first) and perf.grade is None:
                    self._grade_row(perf, row)
                self._head_amounts(perf, row)
        return perf

    @staticmethod
    def _grade_row(perf: PerformanceTable, row: _Row) -> None:
        """A row of its own after 总分 (自评等级 | 优): the grade is its one other cell."""
        label = next(i for i, c in enumerate(row.cells) if c.clean)
        others = [c for c in row.cells[label + 1:] if c.clean not in EMPTY]
        grade = GRADES.get(others[0].clean) if len(others) == 1 else None
        if grade:
            cell = others[0]
            perf.grade, perf.grade_span = grade, Span(row.line, cell.column, row.line, cell.column + len(cell.text))

    def _head_amounts(self, perf: PerformanceTable, row: _Row) -> None:
        for i, cell in enumerate(row.cells[:-1]):
            nxt = row.cells[i + 1]
            if cell.clean.startswith("基本支出总额"):
                perf.basic_total = _number(nxt.clean, row.line, nxt.column)
            elif cell.clean.startswith("项目支出总额"):
                perf.project_total = _number(nxt.clean, row.line, nxt.column)

    def _funding(self, perf: PerformanceTable, block: list[_Row]) -> None:
        """A funding block: its header (and the header's lower half), then its lines."""
        header = [c.clean for c in block[0].cells]
        lines = block[1:]
        if lines and not _has_figures(lines[0]):  # a two-row header (批复金额 → 总额 | 财政拨款)
            below = [c.clean for c in lines[0].cells]
            header = [a + b for a, b in zip(header, below)] + below[len(header):]
            lines = lines[1:]
        roles = _roles(header, FUNDING_ROLES)
        first_role = min(roles.values()) if roles else 0
        for row in lines:
            numeric = [i for i, c in enumerate(row.cells) if _number(c.clean, 0, 1) or _percent(c.clean, 0, 1)]
            if not numeric:
                continue  # a heading row of dashes (按支出性质分：)
            labels = [i for i, c in enumerate(row.cells[: numeric[0]]) if c.clean]
            shift = labels[-1] + 1 - first_role if labels else 0
            label = row.cells[labels[0]].clean if labels else ""
            values: dict[str, Number | None] = {}
            for role, column in roles.items():
                at = column + shift
                cell = row.cells[at] if 0 <= at < len(row.cells) else None
                if cell is None:
                    values[role] = None
                elif role == "rate":
                    values[role] = _percent(cell.clean, row.line, cell.column)
                else:
                    values[role] = _number(cell.clean, row.line, cell.column)
            funding = Funding(label, values.get("initial"), values.get("budget"), values.get("actual"),
                              values.get("weight"), values.get("rate"), values.get("score"), row.span)
            if perf.funding is None and "其中" not in label and funding.budget is not None:
                perf.funding = funding
            else:
                perf.budget_lines.append(funding)
                self._by_nature(perf, label, funding.actual)

    @staticmethod
    def _by_nature(perf: PerformanceTable, label: str, actual: Number | None) -> None:
        """A funding line by nature of spending (其中：基本支出 | 项目支出): its 执行数 is the
        basic or project total, unless the table's head gave them."""
        nature = NATURE_RE.fullmatch(label)
        if nature is None or actual is None:
            return
        if nature.group(1) == "基本" and perf.basic_total is None:
            perf.basic_total = actual
        elif nature.group(1) == "项目" and perf.project_total is None:
            perf.project_total = actual

    def _indicators(self, perf: PerformanceTable, block: list[tuple[str, _Row]], at: int) -> None:
        """An indicator block: its header (with the merged upper header row just above it, if
        any), its indicator rows and the wrapped rest of their names, and its 总分 row."""
        header = [c.clean for c in block[0][1].cells]
        roles = _roles(header, INDICATOR_ROLES)
        if perf.stage == "target" and "target" in roles:
            named = header[roles["target"]]
            perf.annual_targets = "年度" in named and "项目" not in named
        above = [c.clean for c in self.rows[at - 1].cells] if at > 0 else []
        if above and all(len(t) <= 12 for t in above) and any(w in "".join(above) for w in ("指标值", "完成值", "得分", "分值")):
            upper = _roles(above, INDICATOR_ROLES)  # a merged upper header row: 年度指标值 | 实际完成值 | 分值 | 得分
            shift = roles.get("op", roles.get("target", 0)) - upper["target"] if "target" in upper else 0
            roles.update({r: c + shift for r, c in upper.items() if r not in roles and r != "target"})
        self.roles = roles
        level1 = level2 = ""
        for kind, row in block[1:]:
            if kind == "DASHES":
                continue
            if kind in ("TOTAL", "TOTAL_FIGURES"):
                self._total(perf, row, roles)
                continue
            indicator = self._indicator(row, roles, len(header))
            if indicator is None:
                self._continue_name(perf, row, roles)
            else:
                level1 = indicator.level1 or level1
                level2 = indicator.level2 or level2
                indicator.level1, indicator.level2 = level1, level2
                perf.indicators.append(indicator)

    def _indicator(self, row: _Row, roles: dict[str, int], width: int) -> Indicator | None:
        target_col = roles["target"]
        anchor_col = roles.get("op", target_col)
        anchor = re.compile(rf"^{OP_RE}") if "op" not in roles else re.compile(rf"^{OP_RE}$")
        found = [i for i, c in enumerate(row.cells) if anchor.match(c.clean)]
        left = min(found, key=lambda i: abs(i - anchor_col)) - anchor_col if found else 0
        cell = self._typed(row, roles, left, len(row.cells) - width)
        target_cell = cell("target", lambda c: c.clean not in EMPTY)
        weight = cell("weight", lambda c: _number(c.clean, 0, 1) is not None)
        score = cell("score", lambda c: _number(c.clean, 0, 1) is not None)
        completion = cell("completion", lambda c: _percent(c.clean, 0, 1) is not None)
        if target_cell is None and weight is None and score is None:
            return None
        after = [r for r in ("completion", "weight", "score") if r in roles and roles[r] > roles.get("actual", 10**6)]
        actual_shift = left
        for role in sorted(after, key=lambda r: roles[r]):
            typed = {"completion": completion, "weight": weight, "score": score}[role]
            if typed is not None:
                actual_shift = typed[1]
                break
        actual_cell = self._at(row, roles.get("actual"), actual_shift)
        unit_cell = self._at(row, roles.get("unit"), left)
        op_cell = self._at(row, roles.get("op"), left)
        unit = unit_cell.clean if unit_cell and unit_cell.clean not in EMPTY else ""
        target = None
        if target_cell is not None:
            c = target_cell[0]
            target = _measure(c.text, row.line, c.column, unit)
            if target is not None and op_cell is not None and target.op is None and op_cell.clean:
                target.op = OPS.get(op_cell.clean, op_cell.clean)
        actual = _measure(actual_cell.text, row.line, actual_cell.column, unit) if actual_cell else None
        name_cell = self._at(row, roles["name"], left)
        name = name_cell.clean if name_cell else ""
        if not name:
            limit = target_col + left
            name = next((c.clean for c in reversed(row.cells[: max(0, limit)]) if c.clean), "")
        reason_cell = self._at(row, roles.get("reason"), score[1] if score else left)
        l1 = self._at(row, roles.get("level1"), left)
        l2 = self._at(row, roles.get("level2"), left)
        return Indicator(
            l1.clean if l1 and l1.clean != name else "",
            l2.clean if l2 and l2.clean != name else "",
            name, target, actual,
            _number(weight[0].clean, row.line, weight[0].column) if weight else None,
            _number(score[0].clean, row.line, score[0].column) if score else None,
            _percent(completion[0].clean, row.line, completion[0].column) if completion else None,
            reason_cell.clean if reason_cell else "",
            row.span,
        )

    @staticmethod
    def _at(row: _Row, column: int | None, shift: int) -> _Cell | None:
        if column is None:
            return None
        at = column + shift
        return row.cells[at] if 0 <= at < len(row.cells) else None

    def _typed(self, row: _Row, roles: dict[str, int], left: int, trailing: int) -> Callable[[str, Callable[[_Cell], bool]], tuple[_Cell, int] | None]:
        """A finder: the cell of a role under the first shift (target-anchored, none, trailing) its type accepts."""

        def find(role: str, accept: Callable[[_Cell], bool]) -> tuple[_Cell, int] | None:
            if role not in roles:
                return None
            for shift in dict.fromkeys((left, 0, trailing)):
                cell = self._at(row, roles[role], shift)
                if cell is not None and accept(cell):
                    return cell, shift
            return None

        return find

    def _continue_name(self, perf: PerformanceTable, row: _Row, roles: dict[str, int]) -> None:
        """A wrapped cell's next line: append its text to the last indicator's name."""
        if not perf.indicators:
            return
        name_col = roles["name"]
        candidates = [(abs(i - name_col), c.clean) for i, c in enumerate(row.cells[: roles["target"] + 1]) if c.clean]
        if candidates:
            perf.indicators[-1].name += min(candidates)[1]

    def _total(self, perf: PerformanceTable, row: _Row, roles: dict[str, int]) -> None:
        cells = row.cells
        labelled = False
        for i, cell in enumerate(cells):
            grade = GRADES.get(cell.clean)
            if grade and i > 0:
                perf.grade, perf.grade_span = grade, Span(row.line, cell.column, row.line, cell.column + len(cell.text))
            elif labelled_grade := _labelled_grade(cell.text, row.line, cell.column):
                perf.grade, perf.grade_span = labelled_grade
            follower = next((c for c in cells[i + 1:] if c.clean), None)
            if follower is None:
                continue
            if cell.clean.startswith("总分") and _number(follower.clean, 0, 1):
                perf.total_weight = _number(follower.clean, row.line, follower.column)
            elif cell.clean in ("得分", "总得分", "自评得分") and _number(follower.clean, 0, 1):
                perf.total_score = _number(follower.clean, row.line, follower.column)
                labelled = True
        if labelled:
            return
        weight = self._at(row, roles.get("weight"), 0)
        score = self._at(row, roles.get("score"), 0)
        if weight and score and _number(weight.clean, 0, 1) and _number(score.clean, 0, 1):
            perf.total_weight = _number(weight.clean, row.line, weight.column)
            perf.total_score = _number(score.clean, row.line, score.column)
        else:
            numbers = [c for c in cells[1:] if _number(c.clean, 0, 1)]
            if len(numbers) == 2:
                perf.total_weight = _number(numbers[0].clean, row.line, numbers[0].column)
                perf.total_score = _number(numbers[1].clean, row.line, numbers[1].column)
            else:
                perf.total_weight = None  # one unlabelled number: weight or score, unknown


FUNDS_TOTAL_RE = lazy(r"^(?:项目资金[（(](?:万元|元)[)）])?(?P<year>年度|当年|本年)?(?P<project>项目)?(?:资金|预算)?(?:申请)?(?:总额|总计|合计|金额)(?:[（(](?:万元|元)[)）])?$")
"""The label of a target table's funding total: 年度资金总额, 项目资金总额, 预算金额, 合计."""
FUNDS_UNIT_RE = lazy(r"[（(](万元|元)[)）]|单位[:：]\s*(万元|元)")


class _TargetFunding:
    """The funding block of a target table (绩效目标表): the rows above its indicator header.

    Two layouts are read. Label and amount side by side (``年度资金总额 | 50.00``, then
    ``其中：财政拨款 | 40.00`` in the same column): the total, and the lines right under it
    whose amount sits in the total's column. Labels across a header row (``年度资金总额 |
    财政拨款 | 其他资金``) over a row of amounts with as many cells: each amount under its label.
    A year's total (年度资金总额) printed beside the project's (项目资金总额) is the funding;
    the other is kept as the project's whole-period total. Two totals of one kind, or amounts
    that are not under their labels, and nothing is read.
    """

    def __init__(self, perf: PerformanceTable, evaluation: Tree, rows: list[_Row]) -> None:
        self.perf = perf
        heads = [t.value for t in evaluation.scan_values(lambda v: isinstance(v, Token) and "INDICATOR_HEAD" in v.type)]
        end = min(heads) if heads else None
        self.rows = [rows[i] for i in _row_indexes(evaluation) if end is None or i < end]

    def read(self) -> None:
        words = "".join(c.clean for row in self.rows for c in row.cells if not _number(c.clean, 0, 1))
        units = {m.group(1) or m.group(2) for m in FUNDS_UNIT_RE.finditer(words + self.perf.title)}
        self.perf.funding_unit = units.pop() if len(units) == 1 else ""
        if not self._across() and not self._side_by_side():
            self.perf.funding_unit = ""

    def _across(self) -> bool:
        """Labels across a header row, their amounts in the row below."""
        for header, below in zip(self.rows, self.rows[1:]):
            if _has_figures(header) or len(below.cells) != len(header.cells):
                continue
            labels = [c.clean for c in header.cells]
            filled = [(i, c) for i, c in enumerate(below.cells) if c.clean not in EMPTY]
            totals = [i for i, c in filled if FUNDS_TOTAL_RE.match(labels[i])]  # a group label (预算金额（万元）) has no amount under it
            if len(totals) != 1 or any(_number(c.clean, 0, 1) is None or not labels[i] for i, c in filled if i >= totals[0]):
                continue
            if any(_number(c.clean, 0, 1) is not None for i, c in filled if i < totals[0]):
                continue  # an amount under no label of the block: the row has shifted
            lines = [self._line(labels[i], below, i) for i in range(totals[0], len(labels)) if labels[i]]
            if lines[0].budget is None or len(lines) < 2:
                continue
            self.perf.funding, self.perf.budget_lines = lines[0], lines[1:]
            return True
        return False

    def _side_by_side(self) -> bool:
        """Label | amount pairs; a total's parts below it, in its column."""
        totals: list[tuple[int, int, str]] = []  # (row, column of the amount, kind)
        for r, row in enumerate(self.rows):
            for i, label in self._pairs(row):
                total = FUNDS_TOTAL_RE.match(label)
                if total:
                    kind = "year" if total.group("year") else "project" if total.group("project") else "plain"
                    totals.append((r, i, kind))
        by_kind = {kind: (r, i) for r, i, kind in totals}
        if len(by_kind) != len(totals) or len(totals) not in (1, 2) or (len(totals) == 2 and set(by_kind) != {"year", "project"}):
            return False  # two totals of one kind, or a pair other than the year's and the project's
        if len(totals) == 2:
            r, i = by_kind["project"]
            cell = self.rows[r].cells[i]
            self.perf.period_total = _number(cell.clean, self.rows[r].line, cell.column)
        r, i = by_kind.get("year") or next(iter(by_kind.values()))
        self.perf.funding = self._line(dict(self._pairs(self.rows[r]))[i], self.rows[r], i)
        columns = {column for _, column, _ in totals}
        for row in self.rows[r + 1:]:
            pairs = dict(self._pairs(row))
            label = pairs.get(i)
            if label is None or FUNDS_TOTAL_RE.match(label):
                break
            if set(pairs) - columns:
                self.perf.budget_lines = []  # an amount beside the total's column: its parts are not all in one column
                break
            self.perf.budget_lines.append(self._line(label, row, i))
        return True

    @staticmethod
    def _pairs(row: _Row) -> list[tuple[int, str]]:
        """The row's amounts (their cell index) with the label in the nearest filled cell before each."""
        pairs = []
        for i, cell in enumerate(row.cells):
            if _number(cell.clean, 0, 1) is None:
                continue
            label = next((c.clean for c in reversed(row.cells[:i]) if c.clean not in EMPTY), "")
            if label and _number(label, 0, 1) is None:
                pairs.append((i, label))
        return pairs

    @staticmethod
    def _line(label: str, row: _Row, index: int) -> Funding:
        cell = row.cells[index]
        amount = _number(cell.clean, row.line, cell.column)
        return Funding(label, None, amount, None, None, None, None, row.span)


DUMP_TOTALS_RE = lazy(rf"(?P<label>(?:项目|年度)资金(?:申请)?总额)\s*(?P<num>{NUM_RE})(?=\s|$)")
"""A flattened target table's funding totals (项目资金总额 A 年度资金申请总额 B)."""
DUMP_TARGET_RE = lazy(rf"\s(?P<target>(?:{OP_RE})\s*{NUM_RE}\s*(?:[（(]\s*[%％]\s*[)）]|[%％]|[\u4e00-\u9fff]{{1,3}})?)$")
"""A numeric target with its comparison (≥90.00(%), =12次): the only values a flattened line proves."""
LEVEL_SUFFIX_RE = lazy(r"指标$")
TRAILING_SCORES_RE = lazy(r"(?:\s+\d+(?:\.\d+)?分?)+$")
"""Plain figures ending a flattened indicator line: its 分值 and 得分 (or a merged block's score)."""


class _DumpTargets:
    """What whole lines prove in a flattened target table: the name, the year's and the
    project's funding totals (``项目资金总额 A 年度资金申请总额 B``), and, under a header naming
    三级指标 and 指标值, each line made of level words (产出指标 数量指标), one name and one
    numeric target with its comparison. A line with anything else (a wrapped name, words as the
    target, two names) is not read; no funding line by source is read (their labels wrap)."""

    def __init__(self, title: str, numbered: list[tuple[int, str]]) -> None:
        self.title = compact(title)
        self.numbered = [(n, raw.rstrip("\r\n")) for n, raw in numbered]

    def tables(self) -> list[PerformanceTable]:
        """One table per project: a 项目名称 line after an indicator header opens the next."""
        chunks: list[list[tuple[int, str]]] = [[]]
        for line, raw in self.numbered[1:]:
            if raw.strip().startswith("项目名称") and any("三级指标" in r for _, r in chunks[-1]):
                chunks.append([])
            chunks[-1].append((line, raw))
        title_line = self.numbered[0][0]
        return [t for i, chunk in enumerate(chunks) if chunk for t in self._table(chunk, title_line if i == 0 else chunk[0][0])]

    def _table(self, chunk: list[tuple[int, str]], start: int) -> list[PerformanceTable]:
        """One project's table from its lines (``start``: its first line, the title's for the first)."""
        last = chunk[-1]
        perf = PerformanceTable(_kind(self.title), self.title, "", "dump", Span(start, 1, last[0], len(last[1]) + 1), stage="target")
        header: str | None = None
        words = self.title
        for line, raw in chunk:
            text = raw.strip()
            if header is None and "三级指标" in text and "指标值" in text:
                header = text
                perf.annual_targets = "年度" in header and "项目" not in header
                continue
            if header is None:
                words += text
                self._head(perf, line, raw, text)
            elif (indicator := self._indicator(line, raw, text)) is not None:
                perf.indicators.append(indicator)
        units = {m.group(1) or m.group(2) for m in FUNDS_UNIT_RE.finditer(words)}
        perf.funding_unit = units.pop() if len(units) == 1 and perf.funding is not None else ""
        return [perf] if perf.funding is not None or perf.indicators else []

    @staticmethod
    def _head(perf: PerformanceTable, line: int, raw: str, text: str) -> None:
        if text.startswith("项目名称") and not perf.name:
            perf.name = text.split()[1] if len(text.split()) > 1 else ""
        for match in DUMP_TOTALS_RE.finditer(raw):
            start = match.start("num") + 1
            number = parse_number(match.group("num"), Span(line, start, line, start + len(match.group("num"))))
            if match.group("label").startswith("年度") and perf.funding is None:
                perf.funding = Funding(match.group("label"), None, number, None, None, None, None, Span(line, 1, line, len(raw) + 1))
            elif match.group("label").startswith("项目") and perf.period_total is None:
                perf.period_total = number

    @staticmethod
    def _indicator(line: int, raw: str, text: str) -> Indicator | None:
        match = DUMP_TARGET_RE.search(text)
        tokens = text[: match.start()].split() if match else []
        if match is None or not tokens:
            return None
        levels = tokens[:-1]
        if len(levels) > 2 or not all(LEVEL_WORD_RE.match(LEVEL_SUFFIX_RE.sub("", t)) for t in levels):
            return None
        name = tokens[-1]
        if LEVEL_WORD_RE.match(LEVEL_SUFFIX_RE.sub("", name)) or _number(name, 0, 1) is not None:
            return None
        value = match.group("target")
        target = _measure(value, line, raw.rindex(value) + 1)
        level1 = levels[0] if len(levels) == 2 else ""
        level2 = levels[-1] if levels else ""
        return Indicator(level1, level2, name, target, None, None, None, None, "", Span(line, 1, line, len(raw) + 1))


# ---------------------------------------------------------------- dump layout

DUMP_FUNDING_RE = lazy(rf"^(?P<a>{NUM_RE})\s+(?P<b>{NUM_RE})\s+(?P<rate>{NUM_RE})\s*%(?:\s+(?P<score>{NUM_RE})\s*分?)?$")
DUMP_FUNDING_ROW_RE = lazy(
    rf"^(?P<label>[\u4e00-\u9fff（）()]{{2,12}})\s+(?:(?P<initial>{NUM_RE})\s+)?(?P<a>{NUM_RE})\s+(?P<b>{NUM_RE})\s+(?P<weight>\d+(?:\.\d+)?)"
    rf"\s+(?P<rate>{NUM_RE})\s*%\s+(?P<score>{NUM_RE})$")
"""The template's funding row flattened (年度资金总额 A0 A B 10 rate% score), read only under a
header that names 全年预算数, 全年执行数, 分值, 执行率 and 得分 in that order (年初预算数 before
them when the row has four figures before the rate)."""
FUNDING_HEADER_ORDER = ("全年预算数", "全年执行数", "分值", "执行率", "得分")
DUMP_FUNDING_RATE_FIRST_RE = lazy(
    rf"^(?P<label>[\u4e00-\u9fff（）()]{{2,12}})\s+(?:(?P<initial>{NUM_RE})\s+)?(?P<a>{NUM_RE})\s+(?P<b>{NUM_RE})\s+(?P<rate>{NUM_RE})\s*%"
    rf"\s+(?P<weight>\d+(?:\.\d+)?)\s+(?P<score>{NUM_RE})$")
"""The funding row with 执行率 before 分值 (年度资金总额 A B rate% 10 score), read only under a
header naming 全年预算数, 全年执行数, 执行率, 分值 and 得分 in that order."""
RATE_FIRST_ORDER = ("全年预算数", "全年执行数", "执行率", "分值", "得分")
DUMP_NATURE_ROW_RE = lazy(
    rf"^(?P<label>[\u4e00-\u9fff（）()：:]{{2,16}})\s+(?:(?P<initial>{NUM_RE})\s+)?(?P<a>{NUM_RE})\s+(?P<b>{NUM_RE})(?:\s+[—－/-]+)?\s+{NUM_RE}\s*%(?:\s+[—－/-]+)*$")
"""A funding line under the total with its 分值 and 得分 cells dashed (其中：基本支出 A B rate% — —)."""
NATURE_LEAD_RE = lazy(r"^按.{2,6}分[:：]?")
DUMP_TOTAL_RE = lazy(rf"^总\s*分\s*[:：]?\s*(?:(?P<weight>100(?:\.0+)?)\s+)?(?P<score>{NUM_RE})\s*分?(?:\s+(?P<grade>优秀|良好|优|良|中|差))?$")
SCORED_HEADER_RE = lazy(r"三级指标.*值.*完成值?\s+(分值|权重)\s+得分")
"""An indicator header flattened on one line that names 分值 and 得分 right after the values."""
WEIGHT_BETWEEN_HEADER_RE = lazy(r"三级指标\s+\S*指标值\s+(分值|权重)\s+实际完成值?\s+得分")
"""A flattened indicator header with 分值 between the target and the actual value (指标值 分值 实际完成值 得分)."""
SCORED_VALUE = rf"(?:{OP_RE}?{NUM_RE}(?:%|[\u4e00-\u9fff]{{1,4}})?|[\u4e00-\u9fff]{{2,8}})"
SCORED_ROW_RE = lazy(
    rf"^(?P<name>[^\s\d]\S*)\s+(?P<t>{SCORED_VALUE})\s+(?P<a>{SCORED_VALUE})\s+(?P<w>\d+(?:\.\d+)?)\s+(?P<s>\d+(?:\.\d+)?)(?:\s+(?P<why>[^\s\d].*))?$")
"""An indicator row under such a header, its level words cut off: name, target, actual, 分值, 得分
and maybe the 偏差原因 (no cell may hold a space)."""
WEIGHT_BETWEEN_ROW_RE = lazy(
    rf"^(?P<name>[^\s\d]\S*)\s+(?P<t>{SCORED_VALUE})\s+(?P<w>\d+(?:\.\d+)?)\s+(?P<a>{SCORED_VALUE})\s+(?P<s>\d+(?:\.\d+)?)(?:\s+(?P<why>[^\s\d].*))?$")
"""An indicator row under a header with 分值 between the values: name, target, 分值, actual, 得分."""
DUMP_GRADE_RE = lazy(r"^(?:自评等级|评价等级|自评结果|绩效等级)\s*[:：]?\s*(?P<grade>优秀|良好|优|良|中|差|合格|不合格)$")
DUMP_HEAD_RE = lazy(rf"^(?P<basic>{NUM_RE})\s*项目支出总额(?:[（(]万元[)）])?\s*(?P<project>{NUM_RE})$")
WEIGHT_RE = lazy(r"(\d+)\s*分\s*[*×]\s*执行率")
VALUE = rf"(?:{OP_RE}?\s*{NUM_RE}\s*(?:%|[\u4e00-\u9fff]{{1,3}})?|[\u4e00-\u9fff]{{1,6}})"


@lru_cache(maxsize=1)
def dump_pair_patterns() -> tuple[re.Pattern[str], ...]:
    """A dump row's name, target and actual value (compiled on first use: they are slow to
    compile, and most reports have no dump-layout performance table)."""
    return (
        re.compile(rf"^(?:(?P<name>.*?[^\d%\s])\s+)??(?P<t>{VALUE})\s+(?P<a>{VALUE})$"),
        re.compile(rf"^(?:(?P<name>.*?[^\d%\s])\s+)??(?P<t>{VALUE})\s+(?P<a>{VALUE})\s+\d+(?:\.\d+)?$"),  # a merged block score follows
    )


HEADER_FRAGMENT_RE = lazy(r"^(年初目标值?|实际完成值?|值|得|分|得分|指标分类)$|[（(][AB][)）]")
TARGET_IN_NAME_RE = lazy(rf"{OP_RE}\s*{NUM_RE}")
VALUE_END_RE = lazy(r"\d\s*[\u4e00-\u9fff%]{0,3}$")
ZONE_END_RE = lazy(r"^(年度绩效目标|总\s*分|偏差|改进措|备注|预算执行情)")
LEVEL_WORD_RE = lazy(
    r"^(产出|效益|成本|满意度?|数量|质量|时效|社会效[益应]?|经济效益?|经济成本|生态效益?|可持续影响|服务对象满意|履职效能?|管理效率?|运行成本?|(战略|绩效|资产|财务|预算|业务)管理|预算(编制|执行))$"
)
LEVEL_LABEL_RE = lazy(r"^([（(]\d+\s*分[)）]|.{0,6}指标|指标)$")
NAME_TAIL_RE = lazy(r"[\u4e00-\u9fff]{1,2}")  # the last characters of a wrapped name (度, 率)


def _keep_scores_that_add_up(perf: PerformanceTable) -> None:
    """A dump table's indicator 分值 and 得分 are kept only when the 分值 of the funding line and
    of every indicator add up to the 总分's (100 when it prints none): a row the dump lost or
    could not read leaves them out, and then no score is checked."""
    weights = [i.weight for i in perf.indicators]
    if not weights or any(w is None for w in weights):
        return
    funding = perf.funding.weight if perf.funding is not None and perf.funding.weight is not None else None
    total = sum((w.value for w in weights if w is not None), start=funding.value if funding else 0)
    expected = perf.total_weight.value if perf.total_weight is not None else 100
    if total != expected:
        for indicator in perf.indicators:
            indicator.weight = indicator.score = None


def _funding_header(header: str, initial: bool, order: tuple[str, ...] = FUNDING_HEADER_ORDER) -> bool:
    """Whether a flattened funding header names its columns in ``order`` (the template's by
    default; and 年初预算数 first when the row has a figure for it)."""
    words = (("年初预算数",) if initial else ()) + order
    at = [header.replace(" ", "").find(word) for word in words]
    return all(i >= 0 for i in at) and at == sorted(at)


ROW_SCORES_RE = lazy(r"^(?P<rest>.*?)\s*(?<![\d.])(?P<w>\d+(?:\.\d+)?)分?\s+(?P<s>\d+(?:\.\d+)?)分?(?:\s+(?P<why>[^\d\s][^\d]*))?$")
"""A line ending a wrapped indicator row: what is left of the row, its 分值 and 得分, maybe its 偏差原因."""
SINGLE_SCORE_RE = lazy(r"^\s*\d+(?:\.\d+)?分?\s*$")
"""A line of one plain figure: a 分值 or a 得分 split onto a line of its own."""
LINE_VALUES_RE = lazy(rf"^(?P<text>\D*?)\s*(?P<values>(?:{OP_RE})?\s*{NUM_RE}.*)?$")
VALUE_TOKEN_RE = lazy(rf"\s*(?P<op>{OP_RE})?\s*(?P<num>{NUM_RE})\s*(?P<unit>[%％]|[\u4e00-\u9fffA-Za-z/]{{1,6}})?(?=\s|$)")


def _line_values(text: str, line: int, column: int) -> tuple[str, list[Measure]] | None:
    """A line of a wrapped row: its words (no figure in them) and the values after them, each a
    figure with its comparison and unit (``≥45公里``, ``93%``); None when anything else is on it."""
    match = LINE_VALUES_RE.match(text)
    if match is None:
        return None
    found: list[Measure] = []
    at = match.start("values") if match.group("values") else len(text)
    while at < len(text.rstrip()):
        token = VALUE_TOKEN_RE.match(text, at)
        if token is None:
            return None
        begin = token.start("op") if token.group("op") else token.start("num")
        value = _measure(text[begin:token.end()], line, column + begin)
        if value is None or value.number is None:
            return None
        found.append(value)
        at = token.end()
    return match.group("text").strip(), found


def _target_actual(lines: list[list[Measure]]) -> tuple[Measure, Measure] | None:
    """The target and the actual from the values of one line (two values, or a compound value's
    quantities then the other's) or of two lines (a value each, maybe compound); None otherwise."""
    if len(lines) == 2:
        values = [v[0] if len(v) == 1 else compound(v) if distinct_units(v) else None for v in lines]
        return (values[0], values[1]) if values[0] is not None and values[1] is not None else None
    (one,) = lines
    if len(one) == 2:
        return one[0], one[1]
    half = len(one) // 2
    if len(one) % 2 or not distinct_units(one[:half]) or [m.unit for m in one[:half]] != [m.unit for m in one[half:]]:
        return None
    return compound(one[:half]), compound(one[half:])


def _levels_and_name(texts: list[str]) -> tuple[str, str, str]:
    """The 一级 and 二级 words opening a wrapped row's first lines, and the name after them."""
    level1 = level2 = ""
    words = " ".join(texts).split()
    while words and (LEVEL_WORD_RE.match(LEVEL_SUFFIX_RE.sub("", words[0])) or words[0].endswith("指标") or LEVEL_LABEL_RE.match(words[0])):
        word = words.pop(0)
        if LEVEL1_RE.match(word) and not level1:
            level1 = word
        elif word.endswith("指标"):
            level2 = word
    return level1, level2, _undoubled("".join(compact(w) for w in words))


class _DumpParser:
    """Reads what is provable in a flattened PDF dump of performance tables."""

    def __init__(self, title: str, numbered: list[tuple[int, str]]) -> None:
        self.title = compact(title)
        self.numbered = [(n, raw.rstrip("\r\n")) for n, raw in numbered]
        self.skipped = ""  # the level word just skipped in the indicator zone
        self.scored = False  # the zone's header names 分值 and 得分 after the values
        self.row_re = SCORED_ROW_RE  # the order of the values and scores the zone's header names
        self.pending: list[tuple[int, int, str]] = []  # the lines of a row wrapped over several, not yet closed by its scores

    def tables(self) -> list[PerformanceTable]:
        chunks: list[list[tuple[int, str]]] = [[]]
        for line, raw in self.numbered:
            if raw.strip().startswith("项目名称") and any("执行率" in r or "三级指标" in r for _, r in chunks[-1]):
                chunks.append([])
            chunks[-1].append((line, raw))
        # a title alone (a heading over the tables that follow, a contents entry) is no table
        return [self._table(chunk) for chunk in chunks if sum(1 for _, raw in chunk if raw.strip()) > 1]

    def _table(self, chunk: list[tuple[int, str]]) -> PerformanceTable:
        """A table read by its header cells when they are whole (``_DumpCells``), else by the
        line patterns below."""
        end = chunk[-1]
        name = next((re.sub(r"^项目名称\s*", "", r.strip()) for _, r in chunk if r.strip().startswith("项目名称")), "")
        perf = PerformanceTable(_kind(self.title), self.title, compact(name), "dump",
                                Span(chunk[0][0], 1, end[0], len(end[1]) + 1))
        cells = _DumpCells(perf, chunk)
        if cells.read():
            return perf
        if cells.scored_columns is not None:
            perf.unplaced.append(cells.scored_columns)  # its indicator rows are not read
        header_text = ""
        in_zone = False
        fragments: list[str] = []
        for line, raw in chunk:
            text = raw.strip()
            column = len(raw) - len(raw.lstrip()) + 1
            if not text:
                continue
            head = DUMP_HEAD_RE.match(text)
            if head and perf.basic_total is None:
                perf.basic_total = self._num(head, "basic", line, column)
                perf.project_total = self._num(head, "project", line, column)
                continue
            nature = DUMP_NATURE_ROW_RE.match(text) if perf.funding is not None else None
            if nature is not None and (nature.group("initial") is None) == (perf.funding.initial is None):  # type: ignore[union-attr]
                # 按支出性质分：基本支出 A B rate%: its 执行数, in the total line's column
                _GridParser._by_nature(perf, NATURE_LEAD_RE.sub("", compact(nature.group("label"))), self._num(nature, "b", line, column))
                continue
            if "执行率" in text or header_text:
                header_text += text
                row = DUMP_FUNDING_ROW_RE.match(text)
                if row is None or not _funding_header(header_text, row.group("initial") is not None):
                    row = DUMP_FUNDING_RATE_FIRST_RE.match(text)
                    if row is not None and not _funding_header(header_text, row.group("initial") is not None, RATE_FIRST_ORDER):
                        row = None
                if row and perf.funding is None:
                    perf.funding = Funding(
                        compact(row.group("label")), self._num(row, "initial", line, column), self._num(row, "a", line, column),
                        self._num(row, "b", line, column), self._num(row, "weight", line, column),
                        self._num(row, "rate", line, column), self._num(row, "score", line, column),
                        Span(line, column, line, column + len(text)),
                    )
                    header_text = ""
                    continue
                match = DUMP_FUNDING_RE.match(text)
                if match and perf.funding is None:
                    weight = WEIGHT_RE.search(header_text.replace(" ", ""))
                    perf.funding = Funding(
                        "", None, self._num(match, "a", line, column), self._num(match, "b", line, column),
                        parse_number(weight.group(1), Span(line, 1, line, 1)) if weight else None,
                        self._num(match, "rate", line, column), self._num(match, "score", line, column),
                        Span(line, column, line, column + len(text)),
                    )
                    header_text = ""
                elif len(header_text) > 200:
                    header_text = ""
            total = DUMP_TOTAL_RE.match(text)
            if total:
                perf.total_score = self._num(total, "score", line, column)
                perf.total_weight = self._num(total, "weight", line, column)
                if total.group("grade") and perf.grade is None:  # 总分 100 97 优: the grade closes the line
                    start = column + total.start("grade")
                    perf.grade, perf.grade_span = GRADES[total.group("grade")], Span(line, start, line, start + len(total.group("grade")))
            grade = DUMP_GRADE_RE.match(text)
            if grade and perf.grade is None:
                start = column + grade.start("grade")
                perf.grade, perf.grade_span = GRADES[grade.group("grade")], Span(line, start, line, start + len(grade.group("grade")))
            if "三级指标" in text:
                self._unread_rest(perf)
                between = WEIGHT_BETWEEN_HEADER_RE.search(text) is not None
                self.scored = between or SCORED_HEADER_RE.search(text) is not None
                self.row_re = WEIGHT_BETWEEN_ROW_RE if between else SCORED_ROW_RE
                in_zone, fragments, self.skipped = cells.scored_columns is None, [], ""
                continue
            if ZONE_END_RE.match(text):
                self._unread_rest(perf)
                in_zone = False
                continue
            if in_zone:
                self._zone_line(perf, text, line, column, fragments)
        self._unread_rest(perf)
        _keep_scores_that_add_up(perf)
        return perf

    def _zone_line(self, perf: PerformanceTable, text: str, line: int, column: int, fragments: list[str]) -> None:
        if self.scored and self.row_re is SCORED_ROW_RE:
            self._wrapped_scored_line(perf, text, line, column)
            return
        if self._compound_row(perf, text, line, column, fragments):
            fragments.clear()
            self.skipped = ""
            return
        if self.scored and self._scored_line(perf, text, line, column):
            fragments.clear()
            return
        pair = next((m for m in (r.match(text) for r in dump_pair_patterns()) if m and self._provable_pair(m)), None)
        if pair:
            name = _undoubled("".join(fragments + [compact(pair.group("name") or "")]))
            fragments.clear()
            target = _measure(pair.group("t"), line, column + pair.start("t"))
            actual = _measure(pair.group("a"), line, column + pair.start("a"))
            perf.indicators.append(Indicator("", "", name, target, actual, None, None, None, "",
                                             Span(line, column, line, column + len(text))))
        elif HEADER_FRAGMENT_RE.search(text):
            fragments.clear()
        elif LEVEL_WORD_RE.match(compact(text)) and not fragments:
            self.skipped = compact(text)  # a wrapped 一级/二级指标 label ahead of the name, or a name's head
            return
        elif not LEVEL_LABEL_RE.match(compact(text)) and not re.fullmatch(NUM_RE, text):
            if not fragments and self.skipped and NAME_TAIL_RE.fullmatch(compact(text)):
                text = self.skipped + compact(text)
                if LEVEL_WORD_RE.match(text):  # 管理效 / 率: a wrapped label, not a name
                    self.skipped = ""
                    return
                # 服务对象满意 / 度: the word skipped was the head of a name
            fragments.append(compact(text))
        self.skipped = ""

    def _wrapped_scored_line(self, perf: PerformanceTable, text: str, line: int, column: int) -> None:
        """A line under a header naming the values, then 分值 and 得分. A row on one line is read
        as it is; otherwise the line joins the row being gathered, which closes at its 分值 and
        得分 (two figures ending a line, or one a line) and is read by :meth:`_wrapped_row`."""
        if not self.pending and (self._compound_row(perf, text, line, column, []) or self._scored_line(perf, text, line, column)):
            return
        if self.pending and not any(re.search(r"\d", t) for _, _, t in self.pending) and self._named_scored_line(perf, text, line, column):
            self._reason_after(perf, self.pending, perf.indicators[-2:-1])  # text after the row before's 得分: its 偏差原因
            self.pending.clear()
            return
        self.pending.append((line, column, text))
        end = ROW_SCORES_RE.match(text)
        if end is not None:
            if not self._wrapped_row(perf, self.pending[:-1] + [(line, column, end.group("rest"))], end, line, column):
                self._unread_rest(perf)
            self.pending.clear()
            return
        split = [SINGLE_SCORE_RE.match(t) for _, _, t in self.pending[-2:]]
        if len(split) == 2 and all(split) and self._wrapped_row(perf, self.pending[:-2], (self.pending[-2], self.pending[-1]), line, column):
            self.pending.clear()

    def _named_scored_line(self, perf: PerformanceTable, text: str, line: int, column: int) -> bool:
        """A row on one line that prints its own name (a value leading the line is no name)."""
        first = text.split()[0] if text.split() else ""
        return not (re.match(OP_RE, first) or first[:1].isdigit()) and self._scored_line(perf, text, line, column)

    def _reason_after(self, perf: PerformanceTable, lines: list[tuple[int, int, str]], before: list[Indicator]) -> None:
        """Text lines between a row read and the next: the 偏差原因 the row printed after its 得分."""
        text = compact("".join(t for _, _, t in lines))
        if text and before and not before[0].reason:
            before[0].reason = text

    def _unread_rest(self, perf: PerformanceTable) -> None:
        """The lines gathered for a row that did not close or could not be assigned: recorded
        (FL001, no 总分 checked) when they hold a figure, else the last row's 偏差原因."""
        if any(re.search(r"\d", t) for _, _, t in self.pending):
            perf.unplaced.extend(Span(n, c, n, c + len(t)) for n, c, t in self.pending if re.search(r"\d", t))
        else:
            self._reason_after(perf, self.pending, perf.indicators[-1:])
        self.pending.clear()

    def _wrapped_row(self, perf: PerformanceTable, lines: list[tuple[int, int, str]],
                     scores: re.Match[str] | tuple[tuple[int, int, str], tuple[int, int, str]], line: int, column: int) -> bool:
        """An indicator row wrapped over ``lines`` (then its scores): the level words, a name
        (its lines without a figure), the target and the actual (both on one line, or one a line;
        a compound value's quantities on its line), maybe a 偏差原因 (lines without a figure), in
        that order. Anything else (a value in words, a figure in the name, text between the
        values, values missing or one too many) and False: the row is not read."""
        pieces: list[tuple[str, list[Measure], int, int]] = []  # (text, values, line, column) per line
        for n, c, text in lines:
            split = _line_values(text, n, c)
            if split is None:
                return False
            pieces.append((split[0], split[1], n, c))
        opening = [i for i, piece in enumerate(pieces) if piece[0] and LEVEL1_RE.match(piece[0].split()[0]) and piece[0].split()[0].endswith("指标")]
        if opening and opening[-1] > 0 and not any(p[1] for p in pieces[:opening[-1]]):
            # the row opens at its 一级指标: the lines above it follow the row before (its 偏差原因)
            self._reason_after(perf, [(n, c, t) for t, _, n, c in pieces[:opening[-1]]], perf.indicators[-1:])
            pieces, lines = pieces[opening[-1]:], lines[opening[-1]:]
        valued = [i for i, piece in enumerate(pieces) if piece[1]]
        if not valued or valued != list(range(valued[0], valued[-1] + 1)) or len(valued) > 2:
            return False
        if any(piece[0] for piece in pieces[valued[0] + 1:valued[-1] + 1]):
            return False  # words beside the second value: no sure cell
        values = _target_actual([pieces[i][1] for i in valued])
        if values is None:
            return False
        level1, level2, name = _levels_and_name([p[0] for p in pieces[:valued[0] + 1]])
        if not name:
            return False
        if isinstance(scores, re.Match):
            weight = _number(scores.group("w"), line, column + scores.start("w"))
            score = _number(scores.group("s"), line, column + scores.start("s"))
            why = compact(scores.group("why") or "")
            last = (line, column + len(scores.group()))
        else:
            (wn, wc, wt), (sn, sc, st) = scores
            weight = _number(wt.strip().rstrip("分"), wn, wc)
            score = _number(st.strip().rstrip("分"), sn, sc)
            why = ""
            last = (sn, sc + len(st))
        reason = compact(" ".join(p[0] for p in pieces[valued[-1] + 1:])) + why
        first = lines[0] if lines else (line, column, "")
        perf.indicators.append(Indicator(level1, level2, name, values[0], values[1], weight, score, None, reason,
                                         Span(first[0], first[1], last[0], last[1])))
        return True

    def _compound_row(self, perf: PerformanceTable, text: str, line: int, column: int, fragments: list[str]) -> bool:
        """A line ending in three or more quantities with units (``3批 4人次 5批 7人次``), maybe
        after the name (its level words left out) and before the 分值 and 得分 a scored header
        names (or a merged block's one score). Read when they halve into a target and an actual
        whose units are each other's, in the same order, each a unit of its own; any other such
        line is no row the reader can place: it is recorded, not guessed."""
        trailing = TRAILING_SCORES_RE.search(text)
        scores = trailing.group().split() if trailing else []
        body = text[: trailing.start()] if trailing else text
        run: list[Measure] | None = None
        start = 0
        for token in re.finditer(r"\S+", body):
            run = quantity_run(body[token.start():], line, column + token.start())
            if run is not None:
                start = token.start()
                break
        if run is None or len(run) < 3:
            return False
        half = len(run) // 2
        target, actual = run[:half], run[half:]
        words = [w for w in body[:start].split() if not LEVEL_WORD_RE.match(LEVEL_SUFFIX_RE.sub("", w)) and not w.endswith("指标")]
        name = _undoubled("".join(fragments) + compact(" ".join(words)))
        readable = (len(run) % 2 == 0 and distinct_units(target) and [m.unit for m in target] == [m.unit for m in actual]
                    and bool(name) and len(scores) <= (2 if self.scored else 1))
        if not readable:
            perf.unplaced.append(Span(line, column, line, column + len(text)))
            return True
        weight = score = None
        if self.scored and len(scores) == 2 and trailing is not None:
            at = column + trailing.start()
            first = trailing.group().index(scores[0])
            second = trailing.group().index(scores[1], first + len(scores[0]))
            weight = _number(scores[0].rstrip("分"), line, at + first)
            score = _number(scores[1].rstrip("分"), line, at + second)
        perf.indicators.append(Indicator("", "", name, compound(target), compound(actual), weight, score, None, "",
                                         Span(line, column, line, column + len(text))))
        return True

    def _scored_line(self, perf: PerformanceTable, text: str, line: int, column: int) -> bool:
        """An indicator row with its 分值 and 得分 (under a header naming them): the name is the
        word before the two values, the level words before it are left out; a target and actual
        are kept only when both hold a figure or neither does (one word beside one figure may be
        a name shifted into a vanished cell)."""
        tokens = text.split()
        for start in range(len(tokens)):
            row = self.row_re.match(" ".join(tokens[start:]))
            if row and not LEVEL_WORD_RE.match(row.group("name")) and not row.group("name").endswith("指标"):
                break
        else:
            return False
        at = column + len(text) - len(" ".join(tokens[start:]))
        figures = len({re.search(r"\d", row.group(g)) is not None for g in ("t", "a")}) == 1
        perf.indicators.append(Indicator(
            "", "", compact(row.group("name")),
            _measure(row.group("t"), line, at + row.start("t")) if figures else None,
            _measure(row.group("a"), line, at + row.start("a")) if figures else None,
            self._num(row, "w", line, at), self._num(row, "s", line, at), None, compact(row.group("why") or ""),
            Span(line, column, line, column + len(text)),
        ))
        return True

    @staticmethod
    def _provable_pair(pair: re.Match[str]) -> bool:
        t, a = pair.group("t"), pair.group("a")
        if VALUE_END_RE.search(pair.group("name") or ""):
            return False  # more than two values on the line (3批 4人次 5批 7人次): not a provable pair
        if TARGET_IN_NAME_RE.search(pair.group("name") or ""):
            return False  # the target (≥5 批次) is in the name part: the last figures are other columns
        numeric = [re.search(r"\d", v) is not None for v in (t, a)]
        if all(numeric):
            return True
        if "指标" in t + a or "目标" in t + a:
            return False
        if any(numeric):  # one figure and one word: only a word that reads as an assessment
            return QUALITATIVE_RE.search(a if numeric[0] else t) is not None
        return t == a or bool(QUALITATIVE_RE.search(t) and QUALITATIVE_RE.search(a))

    @staticmethod
    def _num(match: re.Match[str], group: str, line: int, column: int) -> Number | None:
        digits = match.group(group)
        if digits is None:
            return None
        start = column + match.start(group)
        return parse_number(digits, Span(line, start, line, start + len(digits)))


# ---------------------------------------------------------------- dump layout, read cell by cell

DUMP_CELL_RE = lazy(r"\S+(?: \S+)*")
"""A dump cell: text between runs of two or more spaces (or tabs), or a line of its own."""
LEVEL1_RE = lazy(r"^(产出|效益|满意度|成本)(指标)?$")
INDICATOR_TAILS = (
    ("target", "actual", "weight", "score"), ("target", "actual", "completion", "weight", "score"),
    ("op", "target", "unit", "actual", "weight", "score"), ("op", "target", "unit", "actual", "completion", "weight", "score"),
)
"""The header columns after 三级指标 that the cell reader places (a 偏差原因 column may follow). Under
指标性质 | 指标值 | 度量单位 a qualitative row's empty unit cell vanishes: the 指标性质 cell (≥, =, 定性)
tells whether the unit is there."""
SIGN_CELLS = {*OPS, "≥", "≤", "=", ">", "<", "定性", "定量"}


@dataclass
class _DumpCell:
    line: int
    column: int  # 1-based
    text: str

    @property
    def clean(self) -> str:
        return compact(self.text)

    @property
    def plain(self) -> bool:
        return _number(self.clean, 0, 1) is not None

    @property
    def value(self) -> bool:
        """A figure cell of a funding line: a number, a percentage or a dash."""
        return self.plain or _percent(self.clean, 0, 1) is not None or self.clean in EMPTY

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.line, self.column + len(self.text))


class _DumpCells:
    """Reads a dump whose header cells are each whole (``年初预算数 全年预算数 … 得分``,
    ``三级指标 年度指标值 实际完成值 分值 得分``), one cell a line or several a line
    between runs of spaces. Cells are placed by their order under the header and by their type
    (分值/得分 plain numbers, 执行率 a percentage). An indicator row whose cells do not fit is
    not read and is recorded in ``PerformanceTable.unplaced``, so that 总分 is not checked; a
    funding line that does not fit is kept with no figures, so that no sum over it is checked."""

    def __init__(self, perf: PerformanceTable, chunk: list[tuple[int, str]]) -> None:
        self.perf = perf
        self.scored_columns: Span | None = None
        """Where a whole header, not one this reader places, has 分值 and 得分 columns after the
        actual value: a line's last two figures are then no target/actual pair."""
        self.cells = [
            _DumpCell(line, m.start() + 1, m.group())
            for line, raw in chunk
            for m in DUMP_CELL_RE.finditer(raw.replace("\t", "  "))
        ]

    def read(self) -> bool:
        """Read the table if its indicator header is whole; False (nothing read) otherwise."""
        head = next((i for i, c in enumerate(self.cells) if c.clean == "三级指标"), None)
        if head is None:
            return False
        roles: list[str] = []
        for cell in self.cells[head + 1:]:
            found = _roles([cell.clean], INDICATOR_ROLES)
            if not found:
                break
            roles.append(next(iter(found)))
        reason = bool(roles) and roles[-1] == "reason"
        tail = tuple(roles[:-1] if reason else roles)
        if tail not in INDICATOR_TAILS:
            if "actual" in roles and {"weight", "score"} <= set(roles[roles.index("actual"):]):
                self.scored_columns = self.cells[head].span  # 分值/得分 after the values: no line pattern's pair
                self._funding(head)
                self._heads(head)
                total = next((i for i in range(head, len(self.cells)) if self.cells[i].clean.startswith("总分")), None)
                if total is not None and roles.index("weight") < roles.index("score"):
                    self._total(total)
            return False
        self._funding(head)
        self._heads(head)
        end = self._indicators(head + 1 + len(roles), tail)
        self._total(end)
        return True

    def _funding(self, stop: int) -> None:
        rate_at = next((i for i, c in enumerate(self.cells[:stop]) if c.clean == "执行率"), None)
        if rate_at is None:
            return
        first = rate_at
        while first > 0 and _roles([self.cells[first - 1].clean], FUNDING_ROLES):
            first -= 1
        last = rate_at
        while last + 1 < stop and _roles([self.cells[last + 1].clean], FUNDING_ROLES):
            last += 1
        roles = [next(iter(_roles([c.clean], FUNDING_ROLES))) for c in self.cells[first:last + 1]]
        if len(set(roles)) != len(roles) or not {"budget", "actual", "rate"} <= set(roles):
            return
        at = last + 1
        while at < stop and not self.cells[at].value:
            label = self.cells[at]
            values: list[_DumpCell] = []
            at += 1
            while at < stop and self.cells[at].value:
                values.append(self.cells[at])
                at += 1
            if not values:
                break  # the first cell after the block (年度总体目标)
            if not self._funding_line(label, values, roles):
                break

    def _funding_line(self, label: _DumpCell, values: list[_DumpCell], roles: list[str]) -> bool:
        """One funding line; False when it is the block's first (the total) and cannot be read."""
        figures = self._placed(values, roles)
        span = Span(label.line, label.column, values[-1].line, values[-1].column + len(values[-1].text))
        funding = Funding(label.clean, figures.get("initial"), figures.get("budget"), figures.get("actual"),
                          figures.get("weight"), figures.get("rate"), figures.get("score"), span)
        if self.perf.funding is None:
            if "其中" in label.clean or funding.budget is None:
                return False  # the total line unread: no line under it is read either
            self.perf.funding = funding
        else:
            self.perf.budget_lines.append(funding)  # unread, its figures are None: no sum over it is checked
            _GridParser._by_nature(self.perf, label.clean, funding.actual)
        return True

    def _placed(self, values: list[_DumpCell], roles: list[str]) -> dict[str, Number | None]:
        """A line's figures by role: one value a column; or, on a line under the total, only the
        amounts of the header's leading amount columns (年初预算数 全年预算数 全年执行数), each
        printed with the total line's decimals — the cells of 分值/执行率/得分 left empty."""
        if len(values) == len(roles):
            figures: dict[str, Number | None] = {}
            for role, cell in zip(roles, values):
                figures[role] = (_percent if role == "rate" else _number)(cell.clean, cell.line, cell.column)
                if figures[role] is None and cell.clean not in EMPTY:
                    return {}  # a percentage where an amount belongs: not this layout
            return figures
        amounts = []
        for role in roles:
            if role not in ("initial", "budget", "actual"):
                break
            amounts.append(role)
        total = self.perf.funding
        decimals = {getattr(total, r).decimals for r in amounts if total is not None and getattr(total, r) is not None}
        numbers = [_number(c.clean, c.line, c.column) for c in values]
        if total is None or len(values) != len(amounts) or len(decimals) != 1 or decimals == {0}:
            return {}
        if any(n is None or n.decimals not in decimals for n in numbers):
            return {}
        return dict(zip(amounts, numbers))

    def _heads(self, stop: int) -> None:
        """基本支出总额 / 项目支出总额 and the figure after each, in a department table's head."""
        for cell, after in zip(self.cells[:stop], self.cells[1:stop]):
            if cell.clean.startswith("基本支出总额") and self.perf.basic_total is None:
                self.perf.basic_total = _number(after.clean, after.line, after.column)
            elif cell.clean.startswith("项目支出总额") and self.perf.project_total is None:
                self.perf.project_total = _number(after.clean, after.line, after.column)

    def _indicators(self, start: int, tail: tuple[str, ...]) -> int:
        """Rows from ``start`` to the 总分 cell; returns the index where the block ends."""
        end = next((i for i in range(start, len(self.cells)) if ZONE_END_RE.match(self.cells[i].clean)
                    or self.cells[i].clean.startswith(("合计", "自评等级", "评价等级"))), len(self.cells))
        typed = tail[tail.index("actual") + 1:]  # completion, weight, score: after the values
        signed = tail[0] == "op"
        at = start
        level1 = level2 = ""
        previous: Indicator | None = None
        while at < end:
            row = next((p for p in range(at + 3, end - len(typed) + 1) if self._fits(p, typed, end, signed)), None)
            if row is None:
                self._leftover(self.cells[at:end], previous)
                break
            width = self._width(row, signed) or 2
            before = self.cells[at:row - width - 1]
            name, *values = self.cells[row - width - 1:row]
            target, actual = values[-2 if width == 2 else 1], values[-1]
            sign = values[0].clean if signed else ""
            unit = values[2].clean if width == 4 else ""
            figures = dict(zip(typed, self.cells[row:row + len(typed)]))
            one_line = name.line == figures["score"].line  # cells several a line, not one a line
            head = ""
            for cell in before:
                if LEVEL1_RE.match(cell.clean):
                    level1, level2 = cell.clean, ""
                elif cell.clean.endswith("指标"):
                    level2 = cell.clean
                elif previous is not None and (cell.line == previous.span.end_line if one_line else cell is before[0] and not previous.reason):
                    previous.reason += cell.clean  # 偏差原因: after the previous row's 得分
                elif re.search(r"\d", cell.clean):
                    self.perf.unplaced.append(cell.span)
                elif one_line and cell.line < name.line and (previous is None or cell.line > previous.span.end_line + 1):
                    head += cell.clean  # a wrapped name's head, on a line of its own above its row
                # else: a line between two rows, the tail of the one or the head of the other: neither
            goal = _measure(target.text, target.line, target.column, unit)
            if goal is not None and goal.op is None and (sign in OPS or sign in ("≥", "≤", "=", ">", "<")):
                goal.op = OPS.get(sign, sign)
            previous = Indicator(
                level1, level2, head + name.clean, goal, _measure(actual.text, actual.line, actual.column, unit),
                _number(figures["weight"].clean, figures["weight"].line, figures["weight"].column),
                _number(figures["score"].clean, figures["score"].line, figures["score"].column),
                _percent(figures["completion"].clean, figures["completion"].line, figures["completion"].column) if "completion" in figures else None,
                "", Span(name.line, name.column, figures["score"].line, figures["score"].column + len(figures["score"].text)),
            )
            self.perf.indicators.append(previous)
            at = row + len(typed)
        return end

    def _width(self, at: int, signed: bool) -> int | None:
        """How many value cells come before the typed cell ``at``: target and actual (2); under a
        指标性质 column the sign, target, unit and actual (4), or 3 when the unit cell vanished."""
        if not signed:
            return 2
        for width in (4, 3):
            if at - width >= 1 and self.cells[at - width].clean in SIGN_CELLS:
                return width
        return None

    def _fits(self, at: int, typed: tuple[str, ...], end: int, signed: bool) -> bool:
        """Cells ``at…`` are the typed columns of a row, the cells before it its name and values,
        and what follows is no further figure (a run of plain numbers longer than the row's is
        ambiguous)."""
        cells = self.cells[at:at + len(typed)]
        if not all(c.plain if role != "completion" else _percent(c.clean, 0, 1) is not None for role, c in zip(typed, cells)):
            return False
        width = self._width(at, signed)
        if width is None or at - width - 1 < 0:
            return False
        name = self.cells[at - width - 1]
        if name.plain or _percent(name.clean, 0, 1) or MEASURE_RE.match(name.clean) or LEVEL1_RE.match(name.clean):
            return False
        after = at + len(typed)
        return after >= end or not self.cells[after].plain

    def _leftover(self, cells: list[_DumpCell], previous: Indicator | None) -> None:
        """Cells after the last row: its 偏差原因, else a row that could not be placed."""
        texts = [c for c in cells if not LEVEL1_RE.match(c.clean) and not c.clean.endswith("指标")]
        if previous is not None and len(texts) == 1 and not texts[0].plain and not previous.reason:
            previous.reason = texts[0].clean
        elif any(re.search(r"\d", c.clean) for c in texts):
            self.perf.unplaced.extend(c.span for c in texts)

    def _total(self, end: int) -> None:
        """总分 with its 分值 and 得分 (in the header's order), and the grade after them or after its label."""
        for index in range(end, len(self.cells)):
            cell = self.cells[index]
            if cell.clean.startswith("总分") and self.perf.total_score is None:
                numbers = []
                for after in self.cells[index + 1:index + 3]:
                    if not after.plain:
                        break
                    numbers.append(after)
                if len(numbers) == 2:
                    self.perf.total_weight = _number(numbers[0].clean, numbers[0].line, numbers[0].column)
                    self.perf.total_score = _number(numbers[1].clean, numbers[1].line, numbers[1].column)
            grade = GRADES.get(cell.clean)
            label = self.cells[index - 1].clean if index > 0 else ""
            labelled = _labelled_grade(cell.text, cell.line, cell.column)
            if self.perf.grade is not None:
                continue
            if grade and (GRADE_LABEL_RE.fullmatch(label) or self.cells[index - 1].plain):
                self.perf.grade, self.perf.grade_span = grade, cell.span
            elif labelled:
                self.perf.grade, self.perf.grade_span = labelled


# ---------------------------------------------------------------- shared by the rules

RATE_NAME_RE = lazy(r"((?<![效频功])率|满意度|比例)$|满意度|完成率|合格率|及时率|覆盖率|知晓率|达标率")
"""A rate's name; 效率 (efficiency), 频率 (frequency) and 功率 (power) end in 率 and are no rate."""
BOUNDED_RATE_RE = lazy(
    r"满意度|完成率|合格率|及时率|覆盖率|知晓率|达标率|执行率|回收率|完结率|办结率|到位率|正确率|准确率|参与率|出勤率|结案率|合规率"
)
COST_NAME_RE = lazy(r"费|支出|成本|经费|资金|金额|预算")


def is_rate_name(name: str) -> bool:
    """An indicator measured as a rate or percentage (满意度, 完成率, 合格率…)."""
    return RATE_NAME_RE.search(name) is not None


def is_bounded_rate(name: str) -> bool:
    """A rate that cannot exceed 100% (not a 增长率 or 变动率)."""
    return BOUNDED_RATE_RE.search(name) is not None and not re.search(r"增长|变动|增幅|提高|提升", name)


def shown(measure: Measure) -> str:
    """A value for a message: ``≥4 批次``, ``95%``, ``有序推进``, ``3 批 4 人次``."""
    if measure.parts:
        return " ".join(shown(part) for part in measure.parts)
    if measure.number is None:
        return measure.text
    unit = "%" if measure.unit == "%" else (f" {measure.unit}" if measure.unit else "")
    return f"{measure.op or ''}{measure.number.text}{unit}"


def same_value(target: Measure, actual: Measure) -> bool:
    """True when the actual value restates the target (same figure and unit, or the same words)."""
    if target.number is not None and actual.number is not None:
        return target.number.value == actual.number.value and target.unit == actual.unit
    return target.number is None and actual.number is None and target.text.lstrip("=＝") == actual.text.lstrip("=＝")


def value_pairs(indicator: Indicator) -> list[tuple[Measure, Measure]]:
    """The target and actual values to compare, quantity by quantity: the two values; or, when
    both are compound (``3批 4人次`` | ``5批 7人次``), their quantities paired by unit, only when
    the units pair one to one and in the same order. None (an empty list) when either value is
    missing or a compound value does not pair (``compound_unpaired``)."""
    target, actual = indicator.target, indicator.actual
    if target is None or actual is None:
        return []
    if not target.parts and not actual.parts:
        return [(target, actual)]
    if [p.unit for p in target.parts] != [p.unit for p in actual.parts]:
        return []
    return list(zip(target.parts, actual.parts))


def compound_unpaired(indicator: Indicator) -> bool:
    """A compound target or actual whose quantities cannot be paired with the other value's by
    unit (``≥10场 ≥500人次`` | ``11场``): neither is compared with the other."""
    values = [m for m in (indicator.target, indicator.actual) if m is not None]
    return any(m.parts for m in values) and not value_pairs(indicator)


def comparable(target: Measure, actual: Measure) -> bool:
    """Both numeric, in the same unit (an actual without unit takes the target's)."""
    return (
        target.number is not None
        and actual.number is not None
        and (actual.unit in ("", target.unit) or target.unit == "")
    )


NOT_DONE_RE = lazy(r"^(?:未|尚未|暂未|没有)(?:能)?(?:按时|如期|按期|全部|全面|及时)?(?:完成|达到|达标|实现|办结|验收|到位|开展|启动)")
"""An actual value that says in words the target was not reached (未完成, 尚未验收, 未按时完成)."""
LATE_RE = lazy(r"^(?:延期|逾期|滞后)")
"""An actual value that says the work was late (延期完成): unmet where the target is a deadline."""
ON_TIME_RE = lazy(r"按时|如期|按期|及时|准时|(?:19|20)\d{2}年")
"""A target that is a deadline (按时完成, 2030年11月底前)."""


def unmet_in_words(target: Measure, actual: Measure) -> bool:
    """True when the actual value says in words that the target was not reached (未完成, 尚未验收),
    or that the work was late (延期完成) against a deadline (按时完成, 2030年11月底前); a target
    itself worded so (未发生) is not reached by saying it again."""
    if not actual.qualitative or actual.op is not None:
        return False
    text = actual.text.strip()
    if NOT_DONE_RE.match(text):
        return NOT_DONE_RE.match(target.text.strip()) is None
    return LATE_RE.match(text) is not None and ON_TIME_RE.search(target.text) is not None


def _undoubled(name: str) -> str:
    """A name printed twice in a row (the 二级 and 三级 cells of a merged dump) read once."""
    half = len(name) // 2
    return name[:half] if len(name) % 2 == 0 and half >= 2 and name[:half] == name[half:] else name
