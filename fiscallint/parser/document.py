"""Parsing a report: source text → classified lines → document grammar → AST."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken

from ..ast import Paragraph, Report, Section, Span, Table, Unparsed
from ..patterns import lazy
from .claims import parse_line, parse_paragraph
from .cover import read_cover
from ..errors import Cancelled
from .grammar_files import build_parser
from .lines import HEADING_LEVEL, Line, LineInput, LineLexer, clean_line, cut_at, hard_wrap_width, markup_lines, source_lines, wrapped_at, wraps_sentences
from .performance import parse_performance
from ..source import SourceText
from .tables import build_table, squeeze



@lru_cache(maxsize=1)
def document_parser() -> Lark:
    """The document grammar over line tokens, built once per process."""
    return build_parser("document.lark", parser="lalr", lexer=LineLexer)


def parse_source(source: SourceText, stop: Callable[[], bool] | None = None) -> Report:
    """Parse decoded text into a :class:`Report`. ``stop`` is asked while the lines are read
    and between the paragraphs and tables; when it says yes, :class:`Cancelled` is raised."""
    raw_lines = source.text.split("\n")
    pages = source.pages if source.pages is not None else form_feed_pages(raw_lines) or marked_pages(raw_lines)
    parsed = markup_lines(raw_lines) if source.shape == "markdown" else raw_lines
    rebuilt = {n for n, (raw, read) in enumerate(zip(raw_lines, parsed), start=1) if read and read != raw}
    running = running_heads(raw_lines, pages)
    lines = [line for i, raw in enumerate(parsed) if i + 1 not in running for line in source_lines(i + 1, raw, source.shape)]
    report = Report(
        path=source.path,
        encoding=source.encoding,
        shape=source.shape,
        lines=raw_lines,
        root=Section(0, "", "", Span(1, 1, max(1, len(raw_lines)), 1)),
        tables=[],
        paragraphs=[],
        unparsed=[],
        pages=pages,
        rebuilt_lines=rebuilt,
    )
    head = [clean_line(n, raw.replace("\f", " "), source.shape).text for n, raw in enumerate(raw_lines[:HEAD_LINES], start=1)]
    report.cover = read_cover(head)
    skipped: list[tuple[Line, str]] = []

    def recover(error: UnexpectedInput) -> bool:
        """Set aside a line the document grammar cannot place here, and parse on."""
        token = getattr(error, "token", None)
        if not isinstance(error, UnexpectedToken) or token is None or token.type == "$END":
            return False
        if isinstance(token.value, Line):
            if token.type == "NOISE":
                skipped.append((token.value, f"表格中夹杂{LINE_KINDS['NOISE']}"))
                return True
            expected = "、".join(sorted({LINE_KINDS[t] for t in error.expected if t in LINE_KINDS})) or "另一种行"
            skipped.append((token.value, f"文档结构无法容纳此处的{LINE_KINDS.get(token.type, token.type)}（此处应为{expected}）"))
        return True

    try:
        wrapped = source.shape == "dump" or (source.shape in ("tsv", "markdown") and wraps_sentences(lines))
        tree = document_parser().parse(LineInput(lines, wrapped, stop=stop), on_error=recover)  # type: ignore[arg-type]
    except LarkError as exc:
        report.unparsed.append(Unparsed(source.text[:200], report.root.span, f"文档结构无法解析 (document grammar: {exc.__class__.__name__})"))
        return report
    report.unparsed.extend(_regions(skipped))
    _Builder(report, stop).build(tree)
    _stated_unit(report)
    _table_like_text(report)
    _pages_without_text(report)
    width = hard_wrap_width(raw_lines)
    _hard_wrapped_tables(report, width)
    report.performance = parse_performance(report, width)
    report.year = _report_year(report, head)
    return report


LINE_KINDS = {
    "PART": "部分标题", "H1": "一级标题", "H2": "二级标题", "TEXT": "正文行", "PARA_END": "正文行",
    "PARA_END_EMPTY": "段落结束", "TITLE": "表标题", "TABLE_NO": "表号行", "UNIT": "单位行",
    "HEADER": "表头行", "COLUMN_NUMBERS": "栏次行", "ROW": "表格数据行", "NOTE": "表注行",
    "NOISE": "无法识别的行（既非科目行、表头，也非表注）",
}
"""The document grammar's line kinds, as a reader names them."""


def _regions(skipped: list[tuple[Line, str]]) -> list[Unparsed]:
    """Consecutive set-aside lines as one region each, with the first line's reason."""
    regions: list[Unparsed] = []
    for line, reason in skipped:
        last = regions[-1] if regions else None
        if last is not None and line.number == last.span.end_line + 1:
            regions[-1] = Unparsed(f"{last.text}\n{line.text}", Span(last.span.line, last.span.column, line.number, line.column + len(line.text)), last.reason)
        else:
            regions.append(Unparsed(line.text, Span(line.number, line.column, line.number, line.column + len(line.text)), reason))
    return regions


BARE_FIGURE_RE = lazy(
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)"
    r"(?![\d.,]|\s*(?:万元|亿元|元|万|%|％|分|个|人|次|天|倍|小时|辆|项|台|家|所|名|册|件|卷|期|场|批|平方|米|公里|吨|户))"
)
"""A figure with decimals or thousands separators and no unit after it: a table's cell, not narrative."""
BARE_FIGURES_IN_PARAGRAPH = 3
FIGURES_ONLY_RE = lazy(r"[\d,.%％\s]*\d[\d,.%％\s]*")
"""A line of figures alone."""
EMPTY_SLOT_RE = lazy(r"(?:为|是|达|计|共|合计|总计)\s*(?:万元|亿元|元|%|％)")
"""A unit with no figure before it (年初预算为 万元): the figure was set on another line."""


def _table_like_text(report: Report) -> None:
    """Say what looks like table rows the grammar read as text: a heading holding a figure
    without a unit (九、卫生健康支出 2.71 2.71) or a paragraph holding several; their figures are
    not checked as a table's, and FL001 says so."""
    for section in report.sections():
        figures = BARE_FIGURE_RE.findall(section.title) if section.level else []
        if figures:
            report.unparsed.append(Unparsed(
                section.title, section.span, f"标题行含不带单位的数字（{'、'.join(figures[:3])}）：可能是未识别表格的一行，未作表格检查"
            ))
    for paragraph in report.paragraphs:
        figures = BARE_FIGURE_RE.findall(paragraph.text)
        if len(figures) >= BARE_FIGURES_IN_PARAGRAPH:
            report.unparsed.append(Unparsed(
                paragraph.text[:200], paragraph.span,
                f"段落含 {len(figures)} 个不带单位的数字（{'、'.join(figures[:3])}…）：可能是未识别表格的行，未作表格检查",
            ))


STATED_UNIT_RE = lazy(r"表.{0,12}?(?:金额)?单位\s*(?:均为|均是|统一为|为|是)?\s*[:：]?\s*(万元|千元|元)(?![\u4e00-\u9fff])")
"""A sentence outside the tables that gives the unit of the tables at once (本部分各表金额单位均为：元,
以下报表单位：万元)."""


def _stated_unit(report: Report) -> None:
    """The tables that print no unit take the one unit the report states for its tables
    elsewhere (in the contents or before the tables); two different units stated, none."""
    bare = [t for t in report.tables if t.unit is None]
    if not bare:
        return
    inside = [(t.span.line, t.span.end_line) for t in report.tables]
    units = {
        match.group(1)
        for number, raw in enumerate(report.lines, start=1)
        if not any(start <= number <= end for start, end in inside)
        for match in STATED_UNIT_RE.finditer(raw)
    }
    if len(units) == 1:
        unit = units.pop()
        for table in bare:
            table.unit = unit


def _pages_without_text(report: Report) -> None:
    """Report each page that has no text (a scanned page amid text pages) as not checked, and
    leave unchecked a table that runs over it or breaks off just before it (no note, no closing
    合计/总计 row): some of its rows may be on that page, so its sums would be wrong for want of them."""
    if not report.pages:
        return
    last_line: dict[int, int] = {}
    for number, (page, raw) in enumerate(zip(report.pages, report.lines), start=1):
        if raw.strip(" \t\f\r"):
            last_line[page] = number
    for page in range(1, max(report.pages) + 1):
        if page in last_line or not any(p < page for p in last_line) or not any(p > page for p in last_line):
            continue
        before = max(n for p, n in last_line.items() if p < page)
        own = next((n for n, p in enumerate(report.pages, start=1) if p == page), None)  # its blank line, if any
        at = own if own is not None else before
        span = Span(at, 1, at, len(report.lines[at - 1]) + 1)
        report.unparsed.append(Unparsed("", span, f"第 {page} 页没有可读文字（扫描页或空白页）", page))
        for table in report.tables:
            last = table.rows[-1].label.replace(" ", "") if table.rows else ""
            broken = table.span.end_line == before and not table.notes and not last.endswith(("合计", "总计"))
            if (broken or table.span.line <= before < table.span.end_line) and table.unplaced is None:
                table.unplaced = f"表格延续到没有文字的第 {page} 页，其行不全"


def _hard_wrapped_tables(report: Report, width: int | None) -> None:
    """Leave unchecked a table with a row cut at the text's hard-wrap width: the cut may fall
    inside a figure or between cells, and the rest on the next line cannot be proven to be its
    rest (a figure split at the point is put back by the line reader; a cut elsewhere is not)."""
    if width is None:
        return
    for table in report.tables:
        if table.unplaced is not None:
            continue
        cut = next((row.span.line for row in table.rows if row.span.line < table.span.end_line and cut_at(report.lines[row.span.line - 1], width)), None)
        if cut is not None:
            table.unplaced = wrapped_at(cut, width, "行中数字")


def running_heads(raw_lines: list[str], pages: list[int] | None) -> set[int]:
    """Line numbers of a running page header: the first line of a page whose words (figures
    aside) open at least two other pages too, and which is no table's title (东川省教育厅2024年度部门决算
    atop every page). Left in, it would be read into the table row or paragraph it interrupts."""
    if not pages:
        return set()
    firsts: dict[int, int] = {}
    for number, (page, raw) in enumerate(zip(pages, raw_lines), start=1):
        if page not in firsts and raw.strip(" \t\f\r"):
            firsts[page] = number
    texts = {n: RUNNING_DIGITS_RE.sub("", squeeze(raw_lines[n - 1])) for n in firsts.values()}
    counts: dict[str, int] = {}
    for text in texts.values():
        counts[text] = counts.get(text, 0) + 1
    return {n for n, text in texts.items() if counts[text] >= 3 and len(text) >= 4 and not RUNNING_NOT_RE.search(text)}


RUNNING_DIGITS_RE = lazy(r"\d+")
RUNNING_NOT_RE = lazy(r"表$|单位[:：]|[，。；：:]")
"""A page's first line that is no running header however often it recurs: a table's title, a unit line, a sentence."""


def form_feed_pages(raw_lines: list[str]) -> list[int] | None:
    """Pages of a text whose pages are separated by form feeds (\\f): pages[i] is line i+1's page.

    A line belongs to the page its first visible character is on; None when there is no \\f.
    """
    if not any("\f" in line for line in raw_lines):
        return None
    pages: list[int] = []
    page = 1
    for raw in raw_lines:
        visible = raw.lstrip(" \t\f\r")
        page += raw[: len(raw) - len(visible)].count("\f")
        pages.append(page)
        page += visible.count("\f")
    return pages


PAGE_HEAD_RE = lazy(r"\s*(?:#{1,6}\s*|=+\s*|\[\s*)(?i:page)\s*(\d{1,4})\s*(?:=+|\])?\s*")
"""A converter's mark at the head of a page (# Page 3, === Page 3 ===, [Page 3])."""
PAGE_TAIL_RE = lazy(r"\s*--\s*(\d{1,4})\s+of\s+\d{1,4}\s*--\s*")
"""A converter's mark at the foot of a page (-- 3 of 12 --)."""


def marked_pages(raw_lines: list[str]) -> list[int] | None:
    """Pages of a text whose converter marked each page's head (# Page 3) or foot (-- 3 of 12 --):
    pages[i] is line i+1's page. Only marks numbered 1, 2, 3 … in order, two at least, are
    pages; else None."""
    marks = [(i, int(m.group(1)), True) for i, raw in enumerate(raw_lines) if (m := PAGE_HEAD_RE.fullmatch(raw))]
    marks = marks or [(i, int(m.group(1)), False) for i, raw in enumerate(raw_lines) if (m := PAGE_TAIL_RE.fullmatch(raw))]
    if len(marks) < 2 or [number for _, number, _ in marks] != list(range(1, len(marks) + 1)):
        return None
    head = marks[0][2]
    pages: list[int] = []
    passed = 0
    for i in range(len(raw_lines)):
        while passed < len(marks) and (marks[passed][0] < i or (head and marks[passed][0] == i)):
            passed += 1
        pages.append(max(1, passed) if head else passed + 1)
    return pages


class _Builder:
    """Turns the document parse tree into sections, paragraphs and tables."""

    def __init__(self, report: Report, stop: Callable[[], bool] | None = None) -> None:
        self.report = report
        self.stack: list[Section] = [report.root]
        self.stop = stop

    def build(self, tree: Tree) -> None:
        for item in tree.children:
            if not isinstance(item, Tree):
                continue
            if self.stop is not None and self.stop():
                raise Cancelled
            if item.data == "heading":
                self.heading(item.children[0])
            elif item.data == "paragraph":
                self.paragraph([t.value for t in item.children if t.type in ("TEXT", "PARA_END")])
            elif item.data == "table":
                self.table(item)

    def heading(self, token: Token) -> None:
        line: Line = token.value
        level = HEADING_LEVEL[token.type]
        while len(self.stack) > 1 and self.stack[-1].level >= level:
            self.stack.pop()
        match = re.match(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*", line.text)
        number = match.group(1) if match else ""
        title = line.text[match.end():] if match else line.text
        section = Section(level, number, title.strip(), Span(line.number, line.column, line.number, line.column + len(line.text)))
        if title.strip():
            at = line.text.index(title.strip(), match.end() if match else 0)
            section.claims = parse_line(title.strip(), line.number, line.column + at)
        self.stack[-1].children.append(section)
        self.stack.append(section)
        if len(title) > 40 and re.search(r"\d", title):
            self.paragraph([line])

    def paragraph(self, lines: list[Line]) -> None:
        lines = [line for line in lines if line is not None]
        if not lines:
            return
        if len(lines) > 1 and any(FIGURES_ONLY_RE.fullmatch(line.text) for line in lines) and EMPTY_SLOT_RE.search("".join(line.text for line in lines)):
            text = "".join(line.text for line in lines)
            span = Span(lines[0].number, lines[0].column, lines[-1].number, lines[-1].column + len(lines[-1].text))
            self.report.unparsed.append(Unparsed(text, span, "段落中有一行只有数字、句中又有缺数字的单位（提取时数字与文字错行），未检查"))
            return
        paragraph: Paragraph | None = parse_paragraph(lines)
        if paragraph is None:
            text = "".join(line.text for line in lines)
            span = Span(lines[0].number, lines[0].column, lines[-1].number, lines[-1].column + len(lines[-1].text))
            self.report.unparsed.append(Unparsed(text, span, "说明语法无法读取此段落"))
            return
        self.stack[-1].paragraphs.append(paragraph)
        self.report.paragraphs.append(paragraph)

    def table(self, tree: Tree) -> None:
        head, meta, body, notes = tree.children
        title_lines = [t.value for t in head.children]
        meta_lines = [(t.type, t.value) for t in meta.children]
        body_lines = [(t.type, t.value) for t in body.children]
        note_lines = [t.value for t in notes.children]
        table: Table = build_table(title_lines, meta_lines, body_lines, note_lines)
        self.stack[-1].tables.append(table)
        self.report.tables.append(table)


def _report_year(report: Report, head: list[str]) -> int | None:
    """The report's year: the title or cover decides ("2024年度部门决算", "2026年区级部门预算"),
    else the most frequent such phrase in headings, table titles and the first lines, else, for a
    final account, the year most of its self-evaluations' titles name (2023年度项目支出绩效自评表).

    A year named in a comparison (比2025年预算, 与2023年度相比) is the other year of the
    comparison, never a vote for the report's own.
    """
    for line in head[:COVER_LINES]:
        match = SELF_YEAR_RE.search(squeeze(line))
        if match and not _compared(squeeze(line), match.start()):
            return int(match.group(1))
    counts: dict[int, int] = {}
    texts = [t.title for t in report.tables] + [s.title for s in report.sections()] + head
    for text in texts:
        compact = squeeze(text)
        for match in SELF_YEAR_RE.finditer(compact):
            if _compared(compact, match.start()):
                continue
            year = int(match.group(1))
            counts[year] = counts.get(year, 0) + 1
    if not counts and _final_account(report):  # no accounts' year: a 决算's self-evaluations are of its year
        titles = [t.title for t in report.tables] + [s.title for s in report.sections()] + [p.title for p in report.performance]
        for title in {squeeze(t) for t in titles}:
            if match := EVALUATED_YEAR_RE.search(title):
                year = int(match.group(1))
                counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _final_account(report: Report) -> bool:
    """Whether the report is evidently a final account (决算): its cover says so, or it has the
    final accounts' numbered tables (公开01表 …; a budget's are B01 …)."""
    return report.cover.kind == "final" or any(t.kind[:1].isdigit() for t in report.tables if t.kind)


COVER_LINES = 6
"""How many first lines are the cover, whose year phrase is the report's title."""
HEAD_LINES = 80
"""The first lines of a report, where its cover and title say what it is (:attr:`Report.cover`)."""
SELF_YEAR_RE = lazy(r"((?:19|20)\d\d)年度?(?:[\u4e00-\u9fff]{0,4}?(?:部门|单位))?(?:决算|预算)(?!执行)")
EVALUATED_YEAR_RE = lazy(r"((?:19|20)\d\d)年度?(?:部门整体支出|部门整体|项目支出|整体支出|部门|项目)?绩效自评(?:表|报告|情况)?$")
"""A self-evaluation's title (某局2023年度部门整体支出绩效自评表): the year it evaluates, which is a
final account's own year."""
COMPARISON_BEFORE_RE = lazy(r"(?:比|较|与|同|上|对比)$")


def _compared(text: str, start: int) -> bool:
    """Whether the year phrase at ``start`` is the object of a comparison (比2025年预算)."""
    return COMPARISON_BEFORE_RE.search(text[max(0, start - 2):start]) is not None
