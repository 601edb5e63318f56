"""Parsing a report: source text → classified lines → document grammar → AST."""

from __future__ import annotations

import re
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from .ast import Paragraph, Report, Section, Span, Table, Unparsed
from .claims import parse_paragraph
from .grammar_files import build_parser
from .lines import HEADING_LEVEL, Line, LineLexer, clean_line
from .performance import parse_performance
from .source import SourceText
from .tables import build_table

YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年度?(?:部门)?(?:决算|预算)")


@lru_cache(maxsize=1)
def document_parser() -> Lark:
    """The document grammar over line tokens, built once per process."""
    return build_parser("document.lark", parser="lalr", lexer=LineLexer)


def parse_source(source: SourceText) -> Report:
    """Parse decoded text into a :class:`Report`."""
    raw_lines = source.text.split("\n")
    lines = [clean_line(i + 1, raw, source.shape) for i, raw in enumerate(raw_lines)]
    report = Report(
        path=source.path,
        encoding=source.encoding,
        shape=source.shape,
        lines=raw_lines,
        root=Section(0, "", "", Span(1, 1, max(1, len(raw_lines)), 1)),
        tables=[],
        paragraphs=[],
        unparsed=[],
        pages=source.pages,
    )
    try:
        tree = document_parser().parse((lines, source.shape == "dump"))
    except LarkError as exc:
        report.unparsed.append(Unparsed(source.text[:200], report.root.span, f"document grammar: {exc.__class__.__name__}"))
        return report
    _Builder(report).build(tree)
    report.performance = parse_performance(report)
    report.year = _report_year(report)
    return report


class _Builder:
    """Turns the document parse tree into sections, paragraphs and tables."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.stack: list[Section] = [report.root]

    def build(self, tree: Tree) -> None:
        for item in tree.children:
            if not isinstance(item, Tree):
                continue
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
        self.stack[-1].children.append(section)
        self.stack.append(section)
        if len(title) > 40 and re.search(r"\d", title):
            self.paragraph([line])

    def paragraph(self, lines: list[Line]) -> None:
        lines = [line for line in lines if line is not None]
        if not lines:
            return
        paragraph: Paragraph | None = parse_paragraph(lines)
        if paragraph is None:
            text = "".join(line.text for line in lines)
            span = Span(lines[0].number, lines[0].column, lines[-1].number, lines[-1].column + len(lines[-1].text))
            self.report.unparsed.append(Unparsed(text, span, "claims grammar could not read this paragraph"))
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


def _report_year(report: Report) -> int | None:
    """The report's year: the most frequent "YYYY年度…决算/预算" in headings, titles and text."""
    counts: dict[int, int] = {}
    texts = [t.title for t in report.tables] + [s.title for s in report.sections()] + report.lines[:80]
    for text in texts:
        for match in YEAR_RE.finditer(text.replace(" ", "")):
            year = int(match.group(1))
            counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None
