"""Narrative claims: the claims grammar parses a paragraph into sentences and clauses, and
:class:`ClaimBuilder` binds the figures to their roles (share, execution, change, breakdown).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import takewhile

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from ..ast import (
    AmountClaim,
    BreakdownClaim,
    ChangeClaim,
    Claim,
    ClassNameClaim,
    CountBreakdownClaim,
    CountClaim,
    DateClaim,
    ExecutionClaim,
    ItemPathClaim,
    NamedShareClaim,
    NilClaim,
    Number,
    Paragraph,
    PathStep,
    PeriodClaim,
    PlaceholderClaim,
    RelationClaim,
    ShareClaim,
    Span,
    TermClaim,
    UnitlessShareClaim,
    YearClaim,
)
from ..patterns import lazy
from .grammar_files import build_parser
from .lines import SECTION_TITLE, Line
from ..numbers import fen, parse_number, sum_tolerance, to_wan
from ..subjects import claim_subject, item_key

UNIT_SUFFIX_RE = lazy(r"\s*(万元|亿元|万|元|%|％)$")


@lru_cache(maxsize=1)
def claims_parser() -> Lark:
    """The claims grammar, built once per process. Its lexer is the basic one: a text's tokens
    do not depend on the shapes the parser is in the middle of (every state reads every
    terminal: a shape's unfinished beginning is plain pieces)."""
    return build_parser("claims.lark", parser="lalr", lexer="basic", propagate_positions=False)


def claims_tree(text: str) -> tuple[Tree, list[tuple[int, str]]]:
    """The claims grammar's parse tree of ``text`` and where it splits the text (sentence ends
    and ；, see :attr:`Paragraph.breaks`); raises LarkError when a character fits no terminal."""
    interactive = claims_parser().parse_interactive(text)
    breaks = [(token.start_pos, str(token)) for token in interactive.iter_parse() if token.type in BREAKS]
    return interactive.feed_eof(), breaks


@dataclass
class _Piece:
    """A token of the claims grammar: its terminal, its text and where it starts and ends."""

    kind: str
    text: str
    start: int
    end: int
    claims: list[Claim] = field(default_factory=list)
    """Claims read inside a word (an item path, a placeholder), emitted when the word is reached."""
    shape: _Shape | None = None
    """The claim shape (a grammar rule) this piece is the figure of, if any."""


@dataclass
class _Shape:
    """A claim's shape as the claims grammar read it: ``kind`` is its rule (change, flat_change,
    execution, share, bare_share, date, period; share_whole for the whole's figure printed in a
    share), ``lead`` its first piece (the direction word, the execution phrase, 占, the year)."""

    kind: str
    lead: _Piece
    whole: _Piece | None = None
    """A share's whole's own figure (占本年支出合计 A 万元的 P%)."""
    budget: _Piece | None = None
    """An execution rate's budget figure in its phrase or in brackets after it."""


def _clause_pieces(node: Tree) -> list[_Piece]:
    """A clause's tokens as pieces, in text order; the figure piece of each shape the grammar
    read carries that shape."""
    pieces: list[_Piece] = []
    for child in node.children:
        if isinstance(child, Token):
            pieces.append(_Piece(child.type, str(child), child.start_pos, child.end_pos))
            continue
        inner = _clause_pieces(child)
        _mark(child.data, inner)
        pieces.extend(inner)
    return pieces


def _mark(rule: str, pieces: list[_Piece]) -> None:
    """Put the shape of a ``rule`` subtree on its figure pieces."""
    lead = pieces[0]
    if rule in ("change", "flat_change", "bare_share", "date", "period"):
        pieces[-1].shape = _Shape(rule, lead)
    elif rule == "execution":
        percent = next(p for p in pieces if p.kind == "PERCENT")
        percent.shape = _Shape(rule, lead, budget=next((p for p in pieces if p.kind == "AMOUNT"), None))
    elif rule == "share":
        whole = next((p for p in pieces if p.kind == "AMOUNT"), None)
        shape = _Shape("share", lead, whole)
        for piece in pieces:
            if piece.kind == "PERCENT":
                piece.shape = shape
        if whole is not None:
            whole.shape = _Shape("share_whole", lead, whole)


FIGURE_END_RE = lazy(r"\d\.\d\d$")
INNER_HEADING_RE = lazy(rf"[\s。；;！？!?]*{SECTION_TITLE}")
"""A section heading that starts a sentence inside a paragraph: the lines of a text run together."""
"""A line ending in a whole figure (two decimals): a figure opening the next line is another."""


class Locator:
    """Maps offsets in a paragraph's joined text back to source line and column."""

    def __init__(self, lines: list[Line]) -> None:
        self.starts: list[int] = []
        self.lines = lines
        offset = 0
        parts: list[str] = []
        for line in lines:
            if parts and FIGURE_END_RE.search(parts[-1]) and line.text[:1].isdigit():
                parts.append(" ")  # 123.45 | 678.90: two figures, not one run of digits
                offset += 1
            self.starts.append(offset)
            parts.append(line.text)
            offset += len(line.text)
        self.text = "".join(parts)

    def position(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect_right(self.starts, offset) - 1)
        line = self.lines[index]
        return line.number, line.column + offset - self.starts[index]

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return Span(line, column, end_line, end_column + 1)


def parse_paragraph(lines: list[Line]) -> Paragraph | None:
    """Parse a paragraph (one or more source lines) into its claims; None if it cannot be read."""
    locator = Locator(lines)
    text = locator.text
    span = locator.span(0, len(text)) if text else Span(lines[0].number, lines[0].column, lines[0].number, lines[0].column)
    parsed = _claims(locator)
    places = [(offset, line.number, line.column) for offset, line in zip(locator.starts, lines)]
    return None if parsed is None else Paragraph(text, span, *parsed, places=places)


def parse_line(text: str, number: int, column: int = 1) -> list[Claim]:
    """The claims of one line of text that is not a paragraph (a section title), placed at
    ``number``:``column``; none if the grammar cannot read it."""
    parsed = _claims(Locator([Line(number, text, column, text)]))
    return parsed[0] if parsed is not None else []


def _claims(locator: Locator) -> tuple[list[Claim], list[tuple[int, str]]] | None:
    """The claims of the text and where the grammar split it (sentence ends and ；, see
    :attr:`Paragraph.breaks`); None if the grammar cannot read it."""
    try:
        tree, breaks = claims_tree(locator.text)
    except LarkError:
        return None
    builder = ClaimBuilder(locator)
    for sentence in tree.children:
        if isinstance(sentence, Tree):
            builder.sentence(sentence)
    builder.finish()
    return builder.claims, breaks


class ClaimBuilder:
    """Walks sentences and clauses, keeping the recent amounts, and emits typed claims.

    Roles it binds: a share's part (the amount its clause or sentence is about) and its whole
    (the phrase after 占, else ``whole`` = the breakdown total in effect and ``lead`` = the
    paragraph's first amount); an execution's budget and actual
    (preferring the budget the phrase names: 年初 or 全年/调整); a change's current figure;
    a year's role (the report's own year or a comparison year, from the words around it); a
    count and, after 其中, the counts of its unit that break it down.
    """

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.claims: list[Claim] = []
        self.amounts: list[AmountClaim] = []  # amount claims of the paragraph, in order
        self.lead_at = 0  # index in ``amounts`` of the paragraph's lead: past a section heading inside it
        self.sentence_end = 0  # where the last sentence read ends in the text
        self.previous_sentence: list[AmountClaim] = []  # amount claims of the last sentence that had any
        self.outer: dict[int, BreakdownClaim] = {}  # a nested breakdown (by id) → the breakdown it is part of
        self.bracketed: set[int] = set()  # breakdowns (by id) whose 其中 stands inside brackets
        self.opened_at: dict[int, int] = {}  # such a breakdown (by id) → the bracket depth of its 其中
        self.used_for = ""  # the total a sentence's shares are of when it opens with it: X支出主要用于
        self.sentences = 0  # sentences read so far
        self.segments = 0  # parts between sentence ends and ； read so far
        self.stamped = 0  # claims whose segment is set
        self.dates: list[DateClaim] = []  # date claims so far
        self.vocabulary = VOCABULARY_RE.search(WHITESPACE_RE.sub("", locator.text)) is not None  # any word to look for
        self.years_at: dict[int, YearClaim] = {}  # year claims by the offset of their YEAR piece
        self.path_offsets: dict[int, tuple[int, int]] = {}  # item path claims (by id) → where their text starts and ends
        self.unchanged: list[tuple[AmountClaim, int]] = []  # amounts said unchanged, and where the phrase naming the other figure starts
        self.respective: list[str] = []  # the names still to give the next figures of A和B分别为 X、Y
        self.at: dict[int, int] = {}  # the current clause's pieces (by id) → their index

    def number(self, piece: _Piece) -> Number | None:
        """The piece's figure; an amount in 亿元 is given in 万元, keeping the rounding of its
        printed last digit (1.2亿元 = 12000 万元 with ``decimals`` -3: ulp 500 万元) and its
        unit in its text (shown in findings as printed)."""
        digits, unit = _digits_and_unit(piece.text)
        number = parse_number(digits, self.locator.span(piece.start, piece.start + len(digits)))
        if number is not None and unit == "亿元":
            number = Number(number.value * 10000, number.decimals - 4, number.span, f"{number.text}亿元")
        return number

    def sentence(self, tree: Tree) -> None:
        first = len(self.claims)
        self._sentence(tree)
        self._end_segment()
        for claim in self.claims[first:]:
            claim.sentence = self.sentences
        self.sentences += 1

    def _end_segment(self) -> None:
        """The claims since the last sentence end or ； belong to this segment."""
        for claim in self.claims[self.stamped:]:
            claim.segment = self.segments
        self.stamped = len(self.claims)
        self.segments += 1

    def _sentence(self, tree: Tree) -> None:
        clauses: list[tuple[bool, list[_Piece]]] = []  # (opens a ；-segment, pieces)
        for clause in tree.children:
            clauses.append((clause.data == "semi_clause", self._words_read(_clause_pieces(clause))))
        sentence_start = next((p.start for _, pieces in clauses for p in pieces), 0)
        if INNER_HEADING_RE.match(self.locator.text, self.sentence_end) is not None and self.sentences:
            self.lead_at = len(self.amounts)  # a section heading inside the paragraph (a text whose lines were run together)
        self.sentence_end = max((p.end for _, pieces in clauses for p in pieces), default=self.sentence_end)
        sentence_amounts: list[AmountClaim] = []
        breakdown: BreakdownClaim | None = None
        open_change: ChangeClaim | None = None
        counts = _CountSegment()
        depth = 0  # open brackets: an amount inside （其中：…） is not the sentence's own figure
        budgets_used: set[int] = set()  # budgets (by id) an execution rate of this sentence already used
        sealed: BreakdownClaim | None = None  # a breakdown complete at the last ； (see below)
        segment_amounts: list[AmountClaim] | None = None  # amounts of the current ；-segment after the first
        said: list[str] = []  # the sentence's words so far, every clause (for a count's ``said``)
        for new_segment, pieces in clauses:
            if new_segment:
                graded = counts.graded_through(pieces)  # 其中，评级为“优”的项目 N1 个；评级为“良”的…: one breakdown
                if not graded:
                    self._close_counts(counts)
                self._end_segment()
                if not graded:
                    counts = _CountSegment()
                segment_amounts = []
                # A breakdown complete before the ；: a figure after it (授予中小企业合同金额 Y) is none of its parts.
                sealed = breakdown if breakdown is not None and id(breakdown) not in self.outer and len(breakdown.parts) >= 2 and _complete(breakdown) else None
            words: list[_Piece] = []  # the clause's words since its last figure (an amount's context)
            self.at = {id(p): i for i, p in enumerate(pieces)}  # a piece's index (list.index would make a clause quadratic)
            prefix = _ClausePrefix(pieces)
            listed: dict[int, tuple[dict[int, int], str]] = {}  # 分别占 P%、Q%: the percentages listed after a 占, found once
            index = 0
            while index < len(pieces):
                piece = pieces[index]
                kind = piece.kind
                self.claims.extend(piece.claims)
                if kind in ("WORD", "PAREN", "YEAR"):
                    said.append(piece.text)
                elif kind == "DATE":
                    said.append(DIGITS_RE.sub("", piece.text))  # 月 and 日: the date's words
                if kind == "PAREN":
                    depth = max(0, depth + (1 if piece.text in "（(" else -1))
                    words.append(piece)
                    if breakdown is not None and depth < self.opened_at.get(id(breakdown), 0):
                        breakdown = self.outer.get(id(breakdown))  # A 万元（其中：B、C）；D: the bracket's list ends with it
                elif kind == "WORD":
                    words.append(piece)
                elif kind == "RELATION":
                    self._emit_relation(piece, sentence_amounts)
                    words = []
                elif kind == "QIZHONG":
                    breakdown = self._open_breakdown(sentence_amounts, breakdown, bracketed=depth > 0) or breakdown
                    if depth > 0:
                        self.opened_at[id(breakdown)] = depth
                    counts.qizhong()
                    words = []
                elif kind == "AMOUNT":
                    number = self.number(piece)
                    shape = piece.shape
                    if number is not None:
                        # After a ；, an item that names itself is about its own figure only
                        # (其中：A…增加 X；B…增加 Y); one that names nothing (；较上年减少 X) is the sentence's.
                        own = _own_subject(_joined(words))
                        scoped = segment_amounts is not None and bool(own)
                        scope = segment_amounts if scoped and segment_amounts is not None else sentence_amounts
                        figure_end = piece.start + len(_digits_and_unit(piece.text)[0])
                        if shape is not None and shape.kind == "change":  # 增加 D 万元; 增加（减少）D 万元, the choice left unmade
                            number = to_wan(number, AMOUNT_UNITS[_digits_and_unit(piece.text)[1]])  # a change is read in 万元, whatever units its figures are printed in
                            open_change = self._emit_change("delta", shape.lead, number, scope, open_change, _clash(pieces, self.at[id(shape.lead)]), scoped=scoped, own=own, bracketed=depth > 0)
                            open_change.against, open_change.against_year = self._against(sentence_start, figure_end)
                            open_change.against_basis = amount_basis(open_change.against or "")
                        else:
                            unit = AMOUNT_UNITS[_digits_and_unit(piece.text)[1]]
                            known = len(sentence_amounts)
                            if breakdown is not None and breakdown is sealed and number.value != 0:
                                breakdown = sealed = None  # (a 0 after it, 工程 0 万元, may still be listed)
                            if shape is not None and shape.kind == "share_whole":  # 占本年支出合计 850.00 万元的 P%: a share's whole, no part
                                self._emit_amount(number, piece, words, unit, depth, sentence_amounts, None)
                            else:
                                breakdown = self._emit_amount(number, piece, words, unit, depth, sentence_amounts, breakdown)
                            if open_change is not None and self._prior_after(open_change, self.amounts[-1]):
                                open_change.previous = amount_in_wan(self.amounts[-1])  # 下降 5.41%（上年为 740.00 万元）
                            flat = UNCHANGED_RE.match(self.locator.text, figure_end)
                            if flat is not None:
                                self.amounts[-1].same_as = flat.group(1)
                                self.amounts[-1].same_as_basis = amount_basis(flat.group(1))
                                self.unchanged.append((self.amounts[-1], flat.start(1)))
                            if segment_amounts is not None:
                                segment_amounts.extend(sentence_amounts[known:])
                        words = []
                elif kind == "PERCENT":
                    number = self.number(piece)
                    shape = piece.shape
                    lead_at = self.at[id(shape.lead)] if shape is not None else 0
                    if number is not None and shape is None and (delta := _bracketed_rate(pieces, index, number)) is not None and open_change is not None:
                        # 减少 D 万元（-P%）: the rate of the change just stated, signed as its direction
                        open_change = self._emit_change("percent", delta, replace(number, value=abs(number.value), text=number.text.lstrip("-−－")), sentence_amounts, open_change)
                    elif number is None or shape is None:
                        pass
                    elif shape.kind == "change":  # 增长 P%; 增长（下降）P%
                        open_change = self._emit_change("percent", shape.lead, number, sentence_amounts, open_change, _clash(pieces, lead_at), _joined(words), bracketed=depth > 0)
                    elif shape.kind == "execution":
                        qualifier = "".join(p.text for p in pieces[max(0, lead_at - 1):lead_at] if p.kind == "WORD")
                        budget = shape.budget
                        if budget is None:
                            self._emit_execution(shape.lead, qualifier, number, sentence_amounts, budgets_used)
                        elif budget.start < piece.start:  # 完成年初预算 A 万元的 P%: the figure inside the phrase is the budget
                            if shape.lead.text.endswith(("预算", "预算数")) and pieces[index - 1].text == "的" and sentence_amounts:
                                self._emit_execution(shape.lead, qualifier, number, sentence_amounts, budgets_used, sentence_amounts[-1])
                        else:  # 执行率 P%（年初预算 A 万元）
                            self._emit_execution(shape.lead, qualifier, number, sentence_amounts, budgets_used, self._bracketed_budget(pieces, budget))
                    elif (respective := _respective(pieces, lead_at, index, listed)) is not None:
                        # 分别为 A 万元和 B 万元，分别占(本年支出合计) P%和 Q%: the k-th of n percentages is the k-th of the last n amounts
                        k, n, whole = respective
                        if len(sentence_amounts) >= n:
                            self._emit_share(sentence_amounts[len(sentence_amounts) - n + k], number, whole, breakdown)
                    elif shape.whole is not None:
                        inline = _inline_whole(pieces, lead_at, shape.whole, index)
                        part = self._share_part(prefix, lead_at, sentence_amounts[:-1]) if inline is not None else None
                        if part is not None:
                            self._emit_share(part, number, inline, breakdown)
                    elif all(p.kind in ("WORD", "PAREN") for p in pieces[lead_at + 1:index]):  # the share's first percentage
                        whole = "".join(p.text for p in pieces[lead_at + 1:index])
                        part = self._share_part(prefix, lead_at, sentence_amounts, bracketed=depth > 0)
                        if part is not None:
                            self._emit_share(part, number, whole, breakdown)
                        else:
                            self._emit_named_share(prefix, lead_at, number, whole)
                    words = []
                elif kind == "FLAT" and piece.shape is not None:
                    word = piece.shape.lead  # 与上年增加持平: a change and no change at once
                    span = self.locator.span(word.start, piece.end)
                    self.claims.append(ChangeClaim(span=span, text=word.text + piece.text, clash=word.text + piece.text))
                elif kind == "NUM" and _bare_zero(piece, words, pieces[index + 1] if index + 1 < len(pieces) else None):
                    number = self.number(piece)
                    if number is not None:  # 年初预算为0，: a zero needs no unit
                        breakdown = self._emit_amount(number, piece, words, "万元", depth, sentence_amounts, breakdown)
                    words = []
                elif kind == "NUM" and piece.shape is not None and _bare_share(pieces, self.at[id(piece.shape.lead)], index):
                    number = self.number(piece)
                    if number is not None:
                        self.claims.append(UnitlessShareClaim(span=number.span, text=piece.text, value=number, context=_joined(words)))
                    words.append(piece)
                elif kind in ("YEAR", "COUNT", "NUM", "DATE", "RANGE"):
                    if kind == "YEAR":
                        self._emit_year(pieces, index)
                    elif kind == "COUNT":
                        after = pieces[index + 1].text if index + 1 < len(pieces) and pieces[index + 1].kind == "WORD" else ""
                        counts.add(self._emit_count(piece, _joined(words[-CONTEXT_PIECES:]), "".join(said[-CONTEXT_PIECES:]), after))
                    elif kind == "DATE":
                        self._emit_date(pieces, index)
                    words.append(piece)
                index += 1
            counts.pieces.extend(pieces)
        self._close_counts(counts)
        self.respective = []
        self.used_for = ""
        if sentence_amounts:
            self.previous_sentence = sentence_amounts

    def _words_read(self, pieces: list[_Piece]) -> list[_Piece]:
        """Read the word-like pieces (item paths, placeholders) as words: each joins the words it
        touches into one WORD piece, as the lexer's WORD would have been, which carries their
        claims (see :attr:`_Piece.claims`) to be emitted in text order."""
        out: list[_Piece] = []
        for index, piece in enumerate(pieces):
            if piece.kind not in ("ITEM_PATH", "PLACEHOLDER"):
                out.append(piece)
                continue
            if piece.kind == "ITEM_PATH":
                found = self._item_path(out[-1] if out and out[-1].kind == "WORD" else None, piece)
            else:
                following = pieces[index + 1].text if index + 1 < len(pieces) else ""
                span = self.locator.span(piece.start, piece.end)
                found = PlaceholderClaim(span=span, text=piece.text, figure=following.startswith(SLOT_UNITS))
            out.append(_Piece("WORD", WHITESPACE_RE.sub("", piece.text), piece.start, piece.end, [found] if found else []))
        runs: list[list[_Piece]] = []  # touching words, joined once (joining one by one is quadratic in a long run)
        for piece in out:
            if runs and piece.kind == "WORD" and runs[-1][-1].kind == "WORD" and runs[-1][-1].end == piece.start:
                runs[-1].append(piece)
            else:
                runs.append([piece])
        merged = [
            run[0] if len(run) == 1 else _Piece("WORD", "".join(p.text for p in run), run[0].start, run[-1].end, [c for p in run for c in p.claims])
            for run in runs
        ]
        if self.vocabulary:
            for run in _word_runs(merged):
                self._vocabulary(run)
        return merged

    def _vocabulary(self, run: list[_Piece]) -> None:
        """The words of the vocabulary (:data:`TERMS`, :data:`NIL_RE`, former class names) in a
        run of words (and years), whitespace inside a word ignored; each claim is carried by the
        piece where its word starts."""
        text = self.locator.text
        if not VOCABULARY_RE.search(WHITESPACE_RE.sub("", "".join(text[p.start:p.end] for p in run))):
            return
        offsets = [i for piece in run for i in range(piece.start, piece.end) if not text[i].isspace()]
        words = "".join(text[i] for i in offsets)
        found: list[tuple[int, Claim]] = []

        def span(match: re.Match[str]) -> Span:
            return self.locator.span(offsets[match.start()], offsets[match.end() - 1] + 1)

        for term, pattern in TERM_PATTERNS.items():
            found.extend((m.start(), TermClaim(span=span(m), text=m.group(), term=term)) for m in pattern.finditer(words))
        for m in NIL_RE.finditer(words):
            subject = words[m.end():] or words[:m.start()]
            found.append((m.start(), NilClaim(subject=subject, span=span(m), text=m.group())))
        for m in FORMER_CLASS_RE.finditer(words):
            code, renamed = FORMER_CLASS_NAMES[m.group()]
            found.append((m.start(), ClassNameClaim(span=span(m), text=m.group(), code=code, renamed=renamed)))
        for at, claim in sorted(found, key=lambda entry: entry[0]):
            piece = next(p for p in run if p.start <= offsets[at] < p.end)
            piece.claims.append(claim)

    def _item_path(self, before: _Piece | None, piece: _Piece) -> ItemPathClaim | None:
        """An item path: the 类 name is the run of Chinese characters that ends the word before
        the path's first mark; no such run, no path."""
        head = PATH_HEAD_RE.search(before.text) if before is not None else None
        if head is None or before is None:
            return None
        start = before.start + head.start()
        steps = [PathStep("类", head.group(), self.locator.span(start, before.start + head.end()))]
        at = PATH_MARK_RE.match(piece.text).end()  # type: ignore[union-attr]  # the terminal opens with it
        for step in PATH_STEP_RE.finditer(piece.text, at):
            steps.append(PathStep(step.group(2), step.group(1), self.locator.span(piece.start + step.start(1), piece.start + step.end(1))))
        text = self.locator.text[start:piece.end]
        claim = ItemPathClaim(subject=head.group(), span=self.locator.span(start, piece.end), text=text, steps=steps)
        self.path_offsets[id(claim)] = (start, piece.end)
        return claim

    def _emit_date(self, pieces: list[_Piece], index: int) -> None:
        """A date (the grammar's date: a YEAR and the DATE right after it); as of when 截至 / 截止
        comes before it; the end of a period (the grammar's period) when a dash or 至 / 到 joins
        it to the date just before."""
        shape = pieces[index].shape
        if shape is None:
            return
        year_piece, piece = pieces[index - 1], pieces[index]
        year = parse_number(year_piece.text[:4], self.locator.span(year_piece.start, year_piece.start + 4))
        month, day = (int(n) for n in re.findall(r"\d+", piece.text))
        if year is None:
            return
        before = pieces[index - 2] if index >= 2 else None
        as_of = before is not None and before.kind == "WORD" and AS_OF_RE.search(before.text) is not None
        span = self.locator.span(year_piece.start, piece.end)
        date = DateClaim(span=span, text=self.locator.text[year_piece.start:piece.end], year=year, month=month, day=day, as_of=as_of)
        self.claims.append(date)
        joined = before is not None and (before.kind == "RANGE" or (before.kind == "WORD" and before.text in ("至", "到")))
        start = self.dates[-1] if self.dates and shape.kind == "period" and joined else None
        if start is not None:
            text = self.locator.text[pieces[index - 4].start:piece.end]
            self.claims.append(PeriodClaim(span=Span(start.span.line, start.span.column, span.end_line, span.end_column), text=text, start=start, end=date))
        self.dates.append(date)

    def _emit_amount(self, number: Number, piece: _Piece, words: list[_Piece], unit: str, depth: int, sentence_amounts: list[AmountClaim],
                     breakdown: BreakdownClaim | None) -> BreakdownClaim | None:
        """An amount claim (``inner`` when it stands inside brackets), with the years of its words
        and the item path that introduces it; returns the breakdown in effect after it."""
        context = self._fund_of_pair(self._respective_name(_joined(words)), sentence_amounts)
        years = [self.years_at[p.start] for p in words if p.kind == "YEAR" and p.start in self.years_at]
        claim = AmountClaim(subject=claim_subject(context), span=number.span, text=piece.text, value=number, unit=unit, context=context,
                            basis=amount_basis(context), stage=budget_stage(context), prior=PRIOR_RE.search(context) is not None,
                            inner=bool(depth), years=years,
                            after_path=self._closing_path(words, piece.start), path=self._introducing_path(words, piece.start))
        self.claims.append(claim)
        self.amounts.append(claim)
        sentence_amounts.append(claim)
        if breakdown is not None and SME_RE.search(claim.context) and not SME_RE.search(breakdown.context):
            return None  # 其中：货物 A、服务 B，授予中小企业合同金额 C: the SME award is another figure, not a part
        if breakdown is not None and OWN_TOTAL_RE.search(claim.subject) and not claim.inner:
            return None  # 其中：流动资产 A，固定资产 B；负债总额 C: a total of its own ends the list
        same_unit = claim.unit == breakdown.unit or claim.value.value == 0 if breakdown is not None else False  # 0 万元 among 元 parts is 0
        if breakdown is not None and same_unit and _same_role(claim, breakdown) and not _prior_aside(claim, breakdown):
            target = self._breakdown_for(breakdown)
            if claim.inner and not target.inner and id(target) not in self.bracketed:
                return breakdown  # a part's own split in brackets without 其中 (A 万元（购置费 B 万元、运行费 C 万元）): none of the parts
            breakdown = target
            breakdown.parts.append(claim)
        return breakdown

    @staticmethod
    def _fund_of_pair(context: str, sentence_amounts: list[AmountClaim]) -> str:
        """A figure of funds named by its side alone takes the funds the sentence's figure just
        before names: 财政拨款收入总计 A 万元，支出总计 B 万元 (the first names the other side of the
        same kind of total), 政府性基金预算财政拨款年初结转和结余 A 万元，本年收入 B 万元 (the first opens
        with the funds); other words are kept."""
        subject = claim_subject(context)
        before = sentence_amounts[-1] if sentence_amounts else None
        if before is None or before.inner:
            return context
        bare = BARE_TOTAL_RE.fullmatch(subject)
        named = FUND_TOTAL_RE.search(before.context) if bare else None
        if bare and named and named.group("side") != bare.group("side") and named.group("kind") == bare.group("kind"):
            return named.group("funds") + context
        opening = FUND_LEAD_RE.match(YEAR_LEAD_RE.sub("", before.subject)) if BARE_YEAR_FLOW_RE.fullmatch(subject) else None
        return opening.group("funds") + context if opening else context

    def _respective_name(self, context: str) -> str:
        """基本支出和项目支出分别为 A 万元、B 万元: the first figure's words are 基本支出, the next
        figure (its words empty) takes 项目支出; any other words end the list."""
        listed = RESPECTIVE_NAMES_RE.fullmatch(context)
        names = [n for n in NAME_JOINS_RE.split(listed.group(1)) if n] if listed else []
        if len(names) >= 2 and all(len(n) >= 2 for n in names):
            self.respective = names[1:]
            return names[0]
        if not context.strip() and self.respective:
            return self.respective.pop(0)
        self.respective = []
        return context

    def _introducing_path(self, words: list[_Piece], figure: int) -> ItemPathClaim | None:
        """The item path an amount's words (the figure starts at offset ``figure``) consist of:
        only :data:`PATH_LEAD_RE` before it in them, only :data:`PATH_TAIL_RE` after its last mark."""
        path = self._closing_path(words, figure)
        if path is None:
            return None
        lead = WHITESPACE_RE.sub("", self.locator.text[words[0].start:self.path_offsets[id(path)][0]])
        return path if PATH_LEAD_RE.fullmatch(lead) else None

    def _closing_path(self, words: list[_Piece], figure: int) -> ItemPathClaim | None:
        """The item path an amount's words end with: only :data:`PATH_TAIL_RE` after its last mark."""
        path = next((c for p in reversed(words) for c in reversed(p.claims) if isinstance(c, ItemPathClaim)), None)
        if path is None:
            return None
        tail = WHITESPACE_RE.sub("", self.locator.text[self.path_offsets[id(path)][1]:figure])
        return path if PATH_TAIL_RE.fullmatch(tail) else None

    def finish(self) -> None:
        """Link what the paragraph's later pieces give: the year an unchanged amount's phrase names."""
        for amount, start in self.unchanged:
            amount.same_as_year = self.years_at.get(start)

    def _emit_relation(self, piece: _Piece, sentence_amounts: list[AmountClaim]) -> None:
        """决算数大于/小于/等于预算数: the relation it states between the item's 决算 and 预算
        figures, bound when this sentence and the one before name exactly one of each (the
        budget the phrase names, 年初 or 全年, when there are several)."""
        relations = RELATION_WORD_RE.findall(piece.text)
        relation = relations[0] if len(set(relations)) == 1 else "clash"
        window = self.previous_sentence + sentence_amounts
        span = self.locator.span(piece.start, piece.end)
        budget, actual = relation_operands(piece.text, window)
        self.claims.append(RelationClaim(span=span, text=piece.text, relation=relation, budget=budget, actual=actual, figures=len(window)))

    def _emit_year(self, pieces: list[_Piece], index: int) -> None:
        """A year, with its role read from the pieces around it: "self" before (部门|单位)决算|预算
        表|情况说明|报告|公开; "compare" after 与/同 and before (决算数|预算数)相比|比较|对比 or
        (决算|预算)持平, or
        after 比/较 and before 决算数|预算数|同期|增加|减少|增长|下降; else "other". The claim's
        ``text`` is that phrase; ``basis`` the 决算/预算 it names, if any."""
        piece = pieces[index]
        number = parse_number(piece.text[:4], self.locator.span(piece.start, piece.start + 4))
        if number is None:
            return
        prev = pieces[index - 1] if index > 0 and pieces[index - 1].kind == "WORD" else None
        end = index + 1
        while end < len(pieces) and pieces[end].kind == "WORD":
            end += 1
        following = pieces[index + 1 : end + 1]  # the word run after the year and the piece after it: all that is read
        role, basis, start, end = "other", "", piece.start, piece.end
        compared = _comparison(prev, following)
        own = SELF_TAIL_RE.match(_word_run(following))
        if compared is not None:
            role = "compare"
            basis, start, end = compared
        elif own is not None:
            role, basis, end = "self", own.group("basis") or own.group("within"), _run_end(following, own.end())
        text = self.locator.text[start:end]
        claim = YearClaim(span=number.span, text=text, year=number, role=role, basis=basis)
        self.claims.append(claim)
        self.years_at[piece.start] = claim

    def _emit_count(self, piece: _Piece, context: str, said: str, after: str = "") -> CountClaim | None:
        digits = "".join(takewhile(str.isdigit, piece.text))
        number = parse_number(digits, self.locator.span(piece.start, piece.start + len(digits)))
        if number is None:
            return None
        unit = piece.text[len(digits):].strip()
        grade = GRADE_PART_RE.search(context)
        claim = CountClaim(subject=claim_subject(context), span=number.span, text=piece.text, value=number, unit=unit, context=context, said=said,
                           after=after, grade=grade.group(2) if grade else "")
        self.claims.append(claim)
        return claim

    def _close_counts(self, segment: _CountSegment) -> None:
        """Emit the ；-segment's count breakdowns (a total of each unit with parts after 其中)."""
        if not segment.pieces:
            return
        text = self.locator.text[segment.pieces[0].start:segment.pieces[-1].end]
        for unit, total in segment.totals.items():
            parts = segment.parts.get(unit)
            if parts:
                self.claims.append(CountBreakdownClaim(subject=total.subject, span=total.span, text=text, total=total.value, unit=unit, parts=parts))

    def _open_breakdown(self, recent: list[AmountClaim], current: BreakdownClaim | None, bracketed: bool = False) -> BreakdownClaim | None:
        """其中: the amount just before is the total (outside brackets, the last one outside
        them: A 万元（含上年结转 B 万元）…其中 breaks down A). When the breakdown in effect was
        already complete without it, it is the next total, not a part; else it is a part broken
        down in turn (a nested 其中), and the outer breakdown resumes once the inner one adds up."""
        pool = recent or self.amounts
        if not pool:
            return None
        total = pool[-1] if bracketed else next((c for c in reversed(pool) if not c.inner), pool[-1])
        breakdown = BreakdownClaim(subject=total.subject, span=total.span, total=total.value, unit=total.unit, context=total.context,
                                   basis=total.basis, inner=total.inner)
        if bracketed:
            self.bracketed.add(id(breakdown))
        if current is not None and total in current.parts:
            before = current.parts[: current.parts.index(total)]
            if _adds_up(before, current):
                current.parts.remove(total)
            else:
                self.outer[id(breakdown)] = current
        self.claims.append(breakdown)
        return breakdown

    def _breakdown_for(self, breakdown: BreakdownClaim) -> BreakdownClaim:
        """The breakdown the next part belongs to: a complete nested breakdown gives way to its outer one."""
        while id(breakdown) in self.outer and _adds_up(breakdown.parts, breakdown):
            breakdown = self.outer[id(breakdown)]
        return breakdown

    def _share_part(self, prefix: _ClausePrefix, lead_at: int, recent: list[AmountClaim], bracketed: bool = False) -> AmountClaim | None:
        """The amount a share (its 占 at ``lead_at``) is about: the clause's own amount, else (占
        opening the clause, or after 分别/约…) the sentence's last amount, outside brackets when the
        share is (A 万元（其中：B 万元，C 万元），占 P%: A); None when the clause names another subject."""
        if prefix.first_amount < lead_at:
            return recent[-1] if recent else None
        end = prefix.word_ends[lead_at]
        if end and (end > SHARE_LEAD_MAX or not SHARE_LEAD_RE.fullmatch(prefix.words, 0, end)):
            return None
        if not bracketed:
            return next((c for c in reversed(recent) if not c.inner), recent[-1] if recent else None)
        return recent[-1] if recent else None

    def _emit_share(self, part: AmountClaim, percent: Number, whole: str, breakdown: BreakdownClaim | None) -> None:
        lead = self.amounts[self.lead_at] if len(self.amounts) > self.lead_at else None
        if not whole and (breakdown is None or part not in breakdown.parts):
            # 一般公共预算财政拨款支出主要用于：A 万元，占 P%；B 万元，占 Q%: the shares are of the total the sentence opens with
            opening = USED_FOR_RE.search(part.context)
            self.used_for = opening.group("whole") if opening else self.used_for
            whole = self.used_for
        start = part.span
        self.claims.append(ShareClaim(
            subject=part.subject,
            span=Span(start.line, start.column, percent.span.end_line, percent.span.end_column),
            part=amount_in_wan(part),
            percent=percent,
            whole_phrase=WHOLE_TAIL_RE.sub("", whole),
            context=part.context,
            whole=to_wan(breakdown.total, breakdown.unit) if breakdown is not None and part in breakdown.parts else None,
            lead=amount_in_wan(lead) if lead is not None and lead is not part else None,
        ))

    def _emit_named_share(self, prefix: _ClausePrefix, lead_at: int, percent: Number, whole: str) -> None:
        """A share whose part is named, not stated (货物采购授予中小企业合同金额占货物支出金额的 P%):
        words only before 占 (at ``lead_at``), and a part name at least a few characters long."""
        if not lead_at or prefix.first_other < lead_at:
            return
        part = prefix.words[: prefix.word_ends[lead_at]]
        if len(part) < NAMED_PART_MIN:
            return
        first = prefix.pieces[0]
        start = self.locator.span(first.start, first.end)
        self.claims.append(NamedShareClaim(
            subject=claim_subject(part),
            span=Span(start.line, start.column, percent.span.end_line, percent.span.end_column),
            percent=percent,
            part=part,
            whole_phrase=WHOLE_TAIL_RE.sub("", whole),
        ))

    def _budget_before(self, wanted: str) -> AmountClaim | None:
        """The budget a rate's sentence leaves to the sentence before it (年初预算为 A 万元。支出
        决算为 B 万元，完成年初预算的 P%, its actual naming no subject): that sentence's one
        budget of the stage the rate names (年初, 全年/调整), or its only budget when it names none."""
        budgets = [c for c in self.previous_sentence if _is_budget(c) and not c.inner]
        if wanted:
            budgets = [c for c in budgets if c.stage == wanted]
        return budgets[0] if len(budgets) == 1 else None

    def _actual_before(self, budget: AmountClaim) -> AmountClaim | None:
        """The actual a rate's sentence leaves to the sentence before it (一般公共预算财政拨款支出
        B 万元，占…。年初预算为 A 万元，预算执行率 P%, its budget naming no subject): that
        sentence's one figure of this year that is no budget, in the budget's unit."""
        actuals = [c for c in self.previous_sentence if not _is_budget(c) and not c.inner and not c.prior]
        return actuals[0] if len(actuals) == 1 and actuals[0].unit == budget.unit else None

    def _bracketed_budget(self, pieces: list[_Piece], piece: _Piece) -> AmountClaim | None:
        """The budget written in brackets after a rate (执行率 P%（年初预算 A 万元）: an opening
        bracket, budget words, the figure ``piece``), as a claim of its own for
        :meth:`_emit_execution` (the amount itself is emitted when reached); None when the
        bracket holds something else."""
        at = self.at[id(piece)]
        opening, words = pieces[at - 2], pieces[at - 1]
        if opening.text not in "（(" or words.kind != "WORD" or not BRACKET_BUDGET_RE.fullmatch(words.text):
            return None
        number = self.number(piece)
        if number is None:
            return None
        unit = AMOUNT_UNITS[_digits_and_unit(piece.text)[1]]
        return AmountClaim(span=number.span, text=piece.text, value=number, unit=unit, context=words.text,
                           basis=amount_basis(words.text), stage=budget_stage(words.text))

    def _emit_execution(self, phrase: _Piece, qualifier: str, percent: Number, recent: list[AmountClaim], budgets_used: set[int],
                        stated: AmountClaim | None = None) -> None:
        """An execution rate and the budget and actual it is computed from. A figure inside
        brackets (执行数 A 万元（其中：…）) is passed over for the one outside; a budget that an
        earlier rate of the sentence already used is not taken for a later figure's rate (the
        三公 total's budget is not its items' budget). ``stated`` is a budget the phrase itself
        names (完成年初预算 A 万元的 P%, 执行率 P%（年初预算 A 万元）). Amounts in 元 and 万元
        are put in 万元."""
        pool = recent[-CONTEXT_PIECES:] if recent else self.amounts[-2:]  # (bounded: a sentence of many rates stays linear)
        outer = [c for c in pool if not c.inner]
        pool = outer or pool
        budgets = [c for c in pool if _is_budget(c)]
        wanted = budget_stage("".join((qualifier, phrase.text)))
        budget = next((c for c in reversed(budgets) if wanted and c.stage == wanted), None)
        budget = stated or budget or (budgets[-1] if budgets else None)
        actual = next((c for c in reversed(pool) if c is not budget and not _is_budget(c)), None)
        if budget is None and actual is not None and UNNAMED_ACTUAL_RE.fullmatch(actual.context.strip()):
            budget = self._budget_before(wanted)
        if actual is None and budget is not None and budget is not stated and BRACKET_BUDGET_RE.fullmatch(budget.context.strip()):
            actual = self._actual_before(budget)
        if budget is not None and id(budget) in budgets_used and actual is not None and _index(pool, actual) > _index(pool, budget) + 1:
            budget = None
        if budget is not None:
            budgets_used.add(id(budget))
        mixed = budget is not None and actual is not None and budget.unit != actual.unit  # 元 beside 万元: both in 万元
        anchor = actual or budget
        span = anchor.span if anchor else percent.span
        self.claims.append(ExecutionClaim(
            subject=anchor.subject if anchor else "",
            span=Span(span.line, span.column, percent.span.end_line, percent.span.end_column),
            percent=percent,
            budget=None if budget is None else amount_in_wan(budget) if mixed else budget.value,
            actual=None if actual is None else amount_in_wan(actual) if mixed else actual.value,
            phrase=phrase.text,
            qualifier=qualifier,
            stage=wanted,
        ))

    def _against(self, sentence_start: int, figure_end: int) -> tuple[str | None, YearClaim | None]:
        """What a change's figure (ending at ``figure_end``) is measured against, and the year
        claim of the year it names: the last comparison of its sentence (比 X 增加, 与 X 相比)
        that leads to it through at most a comma, a few words and the direction word; X is ""
        for a comparison that names nothing, None when there is no such comparison."""
        text = self.locator.text
        kept: list[int] = []  # offsets of the characters of ``head``: the last AGAINST_WINDOW of the sentence's before the figure
        at = figure_end
        while at > sentence_start and len(kept) < AGAINST_WINDOW:
            at -= 1
            if not text[at].isspace():
                kept.append(at)
        kept.reverse()
        head = "".join(text[i] for i in kept)
        found = [m for m in COMPARISON_RE.finditer(head) if LEAD_TO_FIGURE_RE.fullmatch(head, m.end())]
        if not found:
            return None, None
        match = found[-1]
        group = 1 if match.group(1) is not None else 2
        phrase = match.group(group) or ""
        return phrase, self.years_at.get(kept[match.start(group)]) if phrase else None

    def _year_after(self, amount: AmountClaim, change: Number) -> bool:
        """Whether a later year than the one an amount's words name is written between it and a
        change's figure: the amount is then the earlier year's, the change the later one's."""
        if len(amount.years) != 1:
            return False
        year = amount.years[0].year.value
        after, before = (amount.span.line, amount.span.column), (change.span.line, change.span.column)
        return any(isinstance(c, YearClaim) and after < (c.span.line, c.span.column) < before and c.year.value > year
                   for c in reversed(self.claims[-CONTEXT_PIECES:]))

    def _prior_after(self, change: ChangeClaim, amount: AmountClaim) -> bool:
        """Last year's own figure given right after a rate that had no base year figure
        (同比下降 5.41%（上年为 740.00 万元）), in the unit of the figure the rate is about."""
        if change.percent is None or change.delta is not None or change.previous is not None or change.current is None:
            return False
        base = next((a for a in self.amounts if a.value.span == change.current.span), None)
        return base is not None and base.unit == amount.unit and PRIOR_OWN_RE.search(amount.context) is not None

    def _emit_change(self, role: str, direction: _Piece, number: Number, recent: list[AmountClaim], open_change: ChangeClaim | None,
                     clash: str = "", compared: str = "", scoped: bool = False, own: str = "", bracketed: bool = False) -> ChangeClaim:
        """Record a delta (增加 X 万元) or a rate (增长 Y%); a rate completes the sentence's open change.

        The base is the sentence's figure the change is about (``current``), except when the
        figure is last year's own, written before the direction word (比上年 A 万元增加 D 万元:
        ``previous``), and for a rate that names the figure it is compared with (B，比2025年预算
        执行数增加 Y%: ``previous`` is the amount so named, ``current`` the sentence's other,
        later amount). ``clash`` keeps a residue of the opposite direction word printed with
        this one (比上年减增加, 增加（减少）). A change outside brackets is about a figure
        outside them (A 万元（含上年结转 B 万元），比上年增加 D 万元 is about A)."""
        completes = open_change is not None and (
            (role == "percent" and open_change.percent is None)
            # 同比增长 4.6%，增加 50.60 万元: an amount naming nothing else completes the rate's change
            or (role == "delta" and open_change.delta is None and open_change.percent is not None
                and open_change.previous is None and not own and not scoped)
        )
        if open_change is not None and completes:
            setattr(open_change, role, number)
            setattr(open_change, f"{role}_word", direction.text)
            if clash:
                open_change.clash = clash
            open_change.span = Span(open_change.span.line, open_change.span.column, number.span.end_line, number.span.end_column)
            return open_change
        if recent or scoped:  # ``scoped``: no figure from outside the ；-segment
            pool = recent
        elif own:  # no figure in the sentence: the paragraph's figure of the subject it names, if any
            pool = [c for c in self.amounts if _same_subject(c, own)]
        else:  # no figure and no subject: the paragraph's figure, when it states only one subject's (or one figure: 收入总计 A，支出总计 A)
            stated = [c for c in self.amounts if not _is_budget(c) and not c.inner]
            pool = self.amounts if len({c.subject for c in stated}) <= 1 or len({c.value.value for c in stated}) == 1 else []
        if not bracketed:
            pool = [c for c in pool if not c.inner] or pool
        base = next((c for c in reversed(pool) if not _is_budget(c)), None)
        if base is None and recent:
            base = pool[-1] if pool else recent[-1]  # only budgets in the sentence: a budget compared with last year's (比上年预算增加)
        previous: Number | None = None
        current: Number | None = None
        named = _named_base(compared, recent) if role == "percent" else None
        if named is not None:
            later = [c for c in recent[recent.index(named) + 1:] if not c.inner]
            if later:
                base = later[-1]
                previous = amount_in_wan(named)
        elif role == "percent" and not compared and len(recent) >= 2 and COMPARED_AMOUNT_RE.match(recent[-1].context) and not recent[-2].inner:
            # B 万元，比2026年预算执行数 A 万元增加 C%: the rate's own figure names what it is compared with
            named = recent[-1]
            base, previous = recent[-2], amount_in_wan(named)
        elif (pair := _year_pair(recent)) is not None:
            # 2025年收入 B 万元，2024年收入 A 万元，同比下降 C% (or 减少 D 万元): the two years' figures of one subject
            base, named = pair
            previous = amount_in_wan(named)
        prior = next((c for c in reversed(recent) if PRIOR_OWN_RE.search(c.context)), None) if named is None else None
        if prior is not None:  # 上年决算数为 A 万元 / 与上年的 A 万元相比: last year's own figure is stated
            previous = amount_in_wan(prior)
            base = next((c for c in reversed(recent) if c is not prior and not _is_budget(c) and not c.inner), None)
            if base is None and _is_budget(prior):  # 收入预算 B 万元，上年预算为 A 万元: a budget against last year's
                base = next((c for c in reversed(recent) if c is not prior and not c.inner), None)
            if base is not None:
                current = amount_in_wan(base)
        elif base is not None and PRIOR_TAIL_RE.search(base.context) and role == "delta" and base is recent[-1]:
            previous = amount_in_wan(base)
        elif base is not None and named is None and self._year_after(base, number):
            previous = amount_in_wan(base)  # 2023年度收支总计为 A 万元，2024年度较上年减少 D 万元: A is last year's
        elif base is not None:
            current = amount_in_wan(base)
        start = self.locator.span(direction.start, direction.end)
        delta = role == "delta"
        claim = ChangeClaim(
            subject=base.subject if base else "",
            span=Span(start.line, start.column, number.span.end_line, number.span.end_column),
            delta=number if delta else None,
            percent=None if delta else number,
            current=current,
            previous=previous,
            delta_word=direction.text if delta else "",
            percent_word="" if delta else direction.text,
            base="sentence" if recent else "paragraph",
            clash=clash,
        )
        self.claims.append(claim)
        return claim


TERMS: dict[str, str] = {
    "car_purchase": r"公务用车购置(?!及)|车辆购置",
    "reception": r"接待",
    "group": r"团组|团|批",
    "awarded": r"中标或成交",
    "sme": r"中小企业",
    "micro": r"小微企业",
    "reserved": r"预留",
    "other_projects": r"其他政府采购项目",
    "fund": r"政府性基金",
    "capital": r"国有资本经营",
}
"""The terms a sentence may name that rules ask about (:class:`TermClaim`): the 三公 car purchase
(not 公务用车购置及运行维护费), reception and its groups (团组, 批); the procurement words of the
SME awards (中标或成交, 中小企业, 小微企业, 预留 projects, 其他政府采购项目); the two funds of tables 07 and 08."""
TERM_PATTERNS = {term: lazy(pattern) for term, pattern in TERMS.items()}
NIL_RE = lazy(r"无此项(内容|收支|支出|数据)?|本表无数据|为空表|空表|本年度无|当年无|年度无|未发生|没有")
"""Words stating that something is none or did not occur (:class:`NilClaim`)."""
FORMER_CLASS_NAMES = {
    "文化体育与传媒支出": ("207", "文化旅游体育与传媒支出"),
    "医疗卫生与计划生育支出": ("210", "卫生健康支出"),
    "资源勘探信息等支出": ("215", "资源勘探工业信息等支出"),
    "国土海洋气象等支出": ("220", "自然资源海洋气象等支出"),
}
"""Functional classes (类) renamed in 2019: former name → (code, name since)."""
FORMER_CLASS_RE = lazy(r"(?<!其他)(" + "|".join(FORMER_CLASS_NAMES) + ")")
"""A former class name, not inside a 款 or 项 name of the kind 其他……支出."""
VOCABULARY_RE = lazy("|".join([*TERMS.values(), NIL_RE.pattern, FORMER_CLASS_RE.pattern]))
"""Any word of the vocabulary: most paragraphs and runs of words hold none."""
RUN_KINDS = ("WORD", "YEAR")
"""Pieces whose words make a run read for the vocabulary (a year: 2024年度无…)."""
WHITESPACE_RE = lazy(r"\s+")
DIGITS_RE = lazy(r"[\d\s]+")
PATH_HEAD_RE = lazy(r"[\u4e00-\u9fff]+$")
"""An item path's 类 name: the Chinese characters right before its （类） mark."""
PATH_MARK_RE = lazy(r"[（(]\s*类\s*[)）]")
PATH_STEP_RE = lazy(r"\s*((?:[^（()）\d，。；：:、\s]|[（(](?!\s*(?:类|款|项)\s*[)）])[^（()）]{1,4}[)）])+?)\s*[（(]\s*(款|项)\s*[)）]")
"""One 款 or 项 name of an ITEM_PATH token and its mark (the token was already matched whole)."""
AS_OF_RE = lazy(r"截[至止](到|至)?$")
SLOT_UNITS = ("万元", "%", "％", "个", "辆", "人次")
"""Units after a placeholder that make it a figure's slot (XX 万元)."""
_PHRASE = r"((?:(?:19|20)\d\d\s*年度?)?\s*(?:上年|上一年|去年)?[\u4e00-\u9fff]{0,8}?)"
COMPARISON_RE = lazy(rf"(?:比|(?<!比)较)\s*{_PHRASE}\s*(?:增加|减少|增长|下降|降低|上升)|(?:与|同)\s*{_PHRASE}\s*相比")
"""A comparison a change is measured against: 比2025年预算增加, 较调整预算减少, 与2024年度相比 (group 1 or 2 names it)."""
AGAINST_WINDOW = 256
"""The characters before a change's figure searched for its comparison (whitespace aside): a
comparison and its lead to the figure take under 40 plus the figure's digits, and a window
keeps a sentence of many changes linear."""
LEAD_TO_FIGURE_RE = lazy(r"[，,]?[\u4e00-\u9fff]{0,12}?(?:增加|减少|增长|下降|降低|上升)?[-−－]?[\d,.]+")
"""From a comparison to the change's figure: a comma, a few words, the direction word."""
PATH_LEAD_RE = lazy(r"(\d+[.、．]?|[（(]\d+[)）]|(19|20)\d\d年度?|本年度|本部门|本单位|[“\"＂])*")
"""What may stand before an item path in the words of the amount it introduces: numbering,
years, 本部门 and an opening quote (1.“…（项）”A 万元, 2024年一般公共服务（类）支出 A 万元)."""
PATH_TAIL_RE = lazy(r"[”\"＂]?(支出)?[”\"＂]?(均为|为|是|共计|共)?[：:]?")
"""What may stand between an item path and the amount it introduces: 支出, a closing quote,
为/是 and a colon (…（项）”：A 万元, 一般公共服务（类）支出为 A 万元)."""
UNCHANGED_RE = lazy(rf"\s*(?:万元|元)?\s*[，,。]?\s*(?:与|同|和|较)\s*{_PHRASE}\s*(?:相比)?\s*(?<!基本)持平")
"""After an amount: 与 X 持平, it equals the figure of X (基本持平 is not unchanged)."""
BREAKS = ("_STOP", "_SEMI")  # the grammar's sentence-end and ；-clause marks
SIGNS = str.maketrans({"−": "-", "－": "-"})
AMOUNT_UNITS = {"万元": "万元", "万": "万元", "亿元": "万元", "元": "元"}  # the unit an amount's value is in
SHARE_LEAD_RE = lazy(r"(分别|约|仅|共|合计|达|的|所|，)*")
SHARE_LEAD_MAX = 64
"""Longer words before 占 are a subject of their own, not a lead (and are not matched: a long
clause of shares stays linear)."""
USED_FOR_RE = lazy(r"^(?:(?:19|20)\d\d年度?)?(?P<whole>[\u4e00-\u9fff]{0,12}?(?:财政拨款|一般公共预算|政府性基金预算?|国有资本经营预算)[\u4e00-\u9fff]{0,8}?支出)(?:主要)?用于")
"""A sentence opening with the total its list of shares is of, with no figure of its own and
naming its funds (2022年度一般公共预算财政拨款支出主要用于：); a bare 本年支出主要用于 may be the
funds' of the sentence before, so it names nothing."""
WHOLE_TAIL_RE = lazy(r"(的)?(比重|比例|比)?(为|是|约|达)?$")
"""What follows a share's whole before its figure: 占本年支出的比重为 P% names 本年支出; 占比 P% names none."""
LIST_JOINS = ("和", "与", "及", "以及")
NAMED_PART_MIN = 4
"""A named share's part is a name (货物采购授予中小企业合同金额), not a filler word or two."""
BUDGET_RE = lazy(r"预算|申报")
FUND_RE = lazy(r"一般公共预算|政府性基金预算|国有资本经营预算")  # names of funds, not budgets
ACTUAL_RE = lazy(r"决算|执行|实际")
ADJUSTED_RE = lazy(r"全年|调整")
PRIOR_RE = lazy(r"上年(?!结转|结余)|上一年|去年")
SELF_TAIL_RE = lazy(r"(部门|单位)?(?P<basis>决算|预算)(编制说明|表|情况说明|说明|报告|公开)|(部门|单位)(?P<within>决算|预算)中")
COMPARE_WITH_RE = lazy(r"((?P<basis>决算|预算)数?)?(相比|比较|对比)")
COMPARE_THAN_RE = lazy(r"(?P<basis>决算|预算)数?|同期")
BASIS_RE = lazy(r"((?P<basis>决算|预算)数?)?")
UNNAMED_ACTUAL_RE = lazy(r"(支出)?(决算数?|执行数|实际支出)(为|是)?")
"""An actual figure's words that name no subject of their own (支出决算为 B 万元): the figure of
the subject the sentence before named, whose budget that sentence gives."""
BRACKET_BUDGET_RE = lazy(r"(年初|全年|调整后)?预算(数)?(为|是|[：:])?")
"""The words between a compared year and 持平 (与2025年预算持平, 与2025年持平)."""
CHANGE_WORDS = ("增加", "减少", "增长", "下降")
RELATION_WORD_RE = lazy(r"大于|小于|等于|高于|低于|大(?=小于)|小(?=大于)")
PRIOR_OWN_RE = lazy(r"(?<![比较])(上年|上年度|上一年度?|去年)(同期)?(的|决算数?|预算数?|执行数|实际数)?(为|是)?$")
"""The words before last year's own figure (上年决算数为 A, 与上年的 A 相比), not a comparison (比上年 A)."""
PRIOR_TAIL_RE = lazy(r"(比|较)(上年|上年度|上一年度?|(19|20)\d\d年度?)(同期)?(决算数?|预算数?|执行数)?的?$")
COMPARED_RE = lazy(r"(比|较)(?P<what>[^，,；;。]*?)(相比)?$")
BARE_ZERO_RE = lazy(r"(预算|决算|支出|收入|执行数?)(数)?(为|是)$")
SHARE_WORDS_RE = lazy(r"(的)?(比|比重|比例)?(为|是|约)?")  # 占, 占比为, 占的比重…
CLASH_STEMS = {"UP": "减降", "DOWN": "增"}  # a stray stem of the opposite word just before a direction word


CONTEXT_PIECES = 64
"""A count's context and the sentence's words it keeps: at most this many pieces before its
figure (~the longest sentence seen; a sentence's own words come first), so a hostile run of counts stays linear in time and memory."""


class _ClausePrefix:
    """What the pieces before any index of a clause hold, computed once per clause (so a clause
    of many shares stays linear): the first amount, the first piece that is no word or bracket,
    and the text of the words and brackets (``word_ends[i]``: its length before piece ``i``)."""

    def __init__(self, pieces: list[_Piece]) -> None:
        self.pieces = pieces
        self.first_amount = next((i for i, p in enumerate(pieces) if p.kind == "AMOUNT"), len(pieces))
        self.first_other = next((i for i, p in enumerate(pieces) if p.kind not in ("WORD", "PAREN")), len(pieces))
        texts: list[str] = []
        self.word_ends = [0]
        for piece in pieces:
            if piece.kind in ("WORD", "PAREN"):
                texts.append(piece.text)
            self.word_ends.append(self.word_ends[-1] + (len(piece.text) if piece.kind in ("WORD", "PAREN") else 0))
        self.words = "".join(texts)


def _index(claims: list[AmountClaim], claim: AmountClaim) -> int:
    """Where a claim is in a list, by identity."""
    return next(i for i, c in enumerate(claims) if c is claim)


def _word_runs(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Runs of consecutive word and year pieces (only whitespace between them)."""
    runs: list[list[_Piece]] = []
    for index, piece in enumerate(pieces):
        if piece.kind not in RUN_KINDS:
            continue
        if index and pieces[index - 1].kind in RUN_KINDS:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


def _joined(words: list[_Piece]) -> str:
    """The text of a run of word pieces, as the grammar read it (no spaces between pieces)."""
    return "".join(piece.text for piece in words)


def _digits_and_unit(text: str) -> tuple[str, str]:
    """A figure piece's digits and the unit the grammar read after them (万元, 亿元, 元, %, or "")."""
    text = text.translate(SIGNS)
    digits = UNIT_SUFFIX_RE.sub("", text).strip()
    return digits, text[len(digits):].strip() if text.startswith(digits) else ""


def amount_in_wan(claim: AmountClaim) -> Number:
    """An amount claim's figure in 万元 (a figure printed in 元 is divided by 10,000)."""
    return to_wan(claim.value, claim.unit)


def relation_operands(phrase: str, amounts: list[AmountClaim]) -> tuple[Number | None, Number | None]:
    """The 预算 and 决算 figures a 决算数大于/小于预算数 phrase compares, from the amounts just
    before it: bound only when they hold exactly one of each (the budget the phrase names, 年初
    or 全年, when there are several; figures in brackets left out); in 万元. (budget, actual),
    both None when unbound."""
    window = [c for c in amounts if not c.inner]
    budgets = [c for c in window if _is_budget(c)]
    wanted = re.search("年初|全年|调整后", phrase)
    if wanted and len(budgets) > 1:
        budgets = [c for c in budgets if wanted.group() in c.context]
    actuals = [c for c in window if not _is_budget(c) and ACTUAL_RE.search(c.context)]
    if len(budgets) != 1 or len(actuals) != 1:
        return None, None
    budget, actual = budgets[0], actuals[0]
    if budget.unit != actual.unit:
        in_wan = amount_in_wan(budget), amount_in_wan(actual)
        low, high = sorted(abs(n.value) for n in in_wan)
        if high > UNIT_SLIP_RATIO * low:
            return None, None  # 年初预算为 80.81 元，支出决算为 80.38 万元: a unit slipped, not a relation to check
        return in_wan
    return budget.value, actual.value


UNIT_SLIP_RATIO = 1000
"""Two figures of one item in different units (元, 万元) this many times apart: one unit is
wrong (or an extraction moved it), so the figures are not compared."""


def _clash(pieces: list[_Piece], at: int) -> str:
    """The opposite direction printed with the direction word at ``at``: a stray stem just
    before it (比上年减增加) or the alternative in brackets after it (增加（减少）); else ""."""
    word = pieces[at]
    before = pieces[at - 1] if at > 0 else None
    if before is not None and before.kind == "WORD" and before.text[-1] in CLASH_STEMS.get(word.kind, ""):
        return before.text[-1] + word.text
    after = pieces[at + 1:at + 4]
    if len(after) == 3 and after[0].kind == "PAREN" and after[2].kind == "PAREN" and after[1].kind in ("UP", "DOWN") and after[1].kind != word.kind:
        return f"{word.text}（{after[1].text}）"
    return ""


def _named_base(compared: str, recent: list[AmountClaim]) -> AmountClaim | None:
    """The amount of the sentence that a rate's comparison phrase names (比2025年预算执行数 →
    the amount whose words end with 预算执行数), if exactly one does."""
    match = COMPARED_RE.search(compared)
    if match is None:
        return None
    what = YEAR_NOISE_RE.sub("", match.group("what"))
    if len(what) < 3:
        return None
    named = [c for c in recent if YEAR_NOISE_RE.sub("", c.context).rstrip("为是").endswith(what)]
    return named[0] if len(named) == 1 else None


COMPARED_AMOUNT_RE = lazy(r"^(比|较)")
"""An amount printed as what another is compared with (比2026年预算执行数 A 万元)."""
YEAR_NOISE_RE = lazy(r"(19|20)\d\d年度?|当年|本年度?|上年度?")
PAIR_TAIL_MIN = 2
"""The fewest characters a second year's figure names of the first's subject (预算数, 支出)."""


def _bare_zero(piece: _Piece, words: list[_Piece], following: _Piece | None) -> bool:
    """A zero written without a unit where an amount belongs (年初预算为0，)."""
    return piece.text.strip() == "0" and bool(BARE_ZERO_RE.search(_joined(words))) and (following is None or following.kind not in ("WORD", "COUNT"))


def _inline_whole(pieces: list[_Piece], share_at: int, whole: _Piece, at: int) -> str | None:
    """The whole's words when a share prints its whole's figure (占本年支出合计 850.00 万元的
    P%, the grammar's share with a ``whole_figure``), if only 的 (的比重为…) stands between
    that figure and the percentage at ``at``; else None."""
    figure = next(i for i in range(at - 1, share_at, -1) if pieces[i] is whole)
    tail = "".join(p.text for p in pieces[figure + 1:at])
    if not tail.startswith("的") or SHARE_WORDS_RE.fullmatch(tail) is None:
        return None
    return "".join(p.text for p in pieces[share_at + 1:figure])


def _bare_share(pieces: list[_Piece], share_at: int, at: int) -> bool:
    """A share whose figure has no unit (占 45.12;, the grammar's bare_share): a figure with
    decimals that ends its clause, after 占 and only the words of a share (的比重为…)."""
    if at != len(pieces) - 1 or "." not in pieces[at].text:
        return False
    return SHARE_WORDS_RE.fullmatch("".join(p.text for p in pieces[share_at + 1:at])) is not None


def amount_basis(context: str) -> str:
    """An amount's basis from its words (:attr:`AmountClaim.basis`)."""
    words = FUND_RE.sub("", context)
    if ACTUAL_RE.search(words):
        return "actual"
    return "budget" if BUDGET_RE.search(words) else ""


def budget_stage(context: str) -> str:
    """The budget an amount's words name (:attr:`AmountClaim.stage`): 年初 or 全年/调整 with a
    budget word (年初结转和结余 names none)."""
    words = FUND_RE.sub("", context)
    if not BUDGET_RE.search(words):
        return ""
    if "年初" in words:
        return "initial"
    return "adjusted" if ADJUSTED_RE.search(words) else ""


def _year_pair(recent: list[AmountClaim]) -> tuple[AmountClaim, AmountClaim] | None:
    """The sentence's last two figures when they are one subject's in two consecutive years
    (2025年收入 B 万元，2024年收入 A 万元; 行政运行2025年预算数 B 万元，2024年预算数 A 万元, the
    second naming only the end of the first's subject): (this year's, last year's), else None."""
    outer = [c for c in recent if not c.inner]
    if len(outer) < 2:
        return None
    a, b = outer[-2:]
    if len(a.years) != 1 or len(b.years) != 1 or a.unit != b.unit:
        return None
    ya, yb = int(a.years[0].year.value), int(b.years[0].year.value)
    sa, sb = YEAR_NOISE_RE.sub("", a.subject), YEAR_NOISE_RE.sub("", b.subject)
    if abs(ya - yb) != 1 or not (sa == sb or (len(sb) >= PAIR_TAIL_MIN and sa.endswith(sb))):
        return None
    return (a, b) if ya > yb else (b, a)


def _is_budget(claim: AmountClaim | BreakdownClaim) -> bool:
    return claim.basis == "budget"


def _adds_up(parts: list[AmountClaim], breakdown: BreakdownClaim) -> bool:
    """Whether the parts so far already make up the breakdown's total (within tail rounding)."""
    if not parts:
        return False
    numbers = [p.value for p in parts]
    total = breakdown.total
    return abs(sum(n.value for n in numbers) - total.value) <= sum_tolerance(numbers, total)


def _complete(breakdown: BreakdownClaim) -> bool:
    """Whether the parts make up the breakdown's total to the cent (0 and 429.8 read as 0.00
    and 429.80, not as figures rounded to units or tenths)."""
    numbers = [fen(p.value) for p in breakdown.parts]
    total = fen(breakdown.total)
    return abs(sum(n.value for n in numbers) - total.value) <= sum_tolerance(numbers, total)


def _prior_aside(part: AmountClaim, breakdown: BreakdownClaim) -> bool:
    """Last year's own figure given in passing (（上年为 740.00 万元）) within a breakdown of this
    year's figures: not one of its parts."""
    return PRIOR_OWN_RE.search(part.context) is not None and PRIOR_OWN_RE.search(breakdown.context) is None


def _same_role(part: AmountClaim, breakdown: BreakdownClaim) -> bool:
    """A breakdown of a 决算 figure lists 决算 figures (not the budgets beside them), and vice
    versa; a part worded neither way (因公出国（境）费 3.00 万元) joins a budget's breakdown too."""
    if _is_budget(breakdown) and not _is_budget(part):
        return part.basis != "actual"
    return _is_budget(part) == _is_budget(breakdown)


def _bracketed_rate(pieces: list[_Piece], at: int, number: Number) -> _Piece | None:
    """增加 D 万元（+P%） / 减少 D 万元（-P%）: the direction word of the change whose amount the
    bracketed percentage at ``at`` follows, when the percentage's sign agrees with it (a bare
    figure goes with either); else None."""
    plus = at >= 1 and pieces[at - 1].text.strip() in ("+", "＋")
    opening = at - 2 if plus else at - 1
    if opening < 1 or pieces[opening].kind != "PAREN" or pieces[opening].text not in "（(":
        return None
    amount = pieces[opening - 1]
    if amount.kind != "AMOUNT" or amount.shape is None or amount.shape.kind != "change" or amount.shape.lead.kind not in ("UP", "DOWN"):
        return None
    closes = at + 1 < len(pieces) and pieces[at + 1].kind == "PAREN" and pieces[at + 1].text in "）)"
    sign = -1 if number.value < 0 else (1 if plus else 0)
    agrees = sign == 0 or (sign < 0) == (amount.shape.lead.kind == "DOWN")
    return amount.shape.lead if closes and agrees else None


RESPECTIVE_AFTER_RE = lazy(r"比?分别(?:为|是)?")
"""What follows 占 in 占比分别为 P%、Q%: each percentage is the share of its own figure."""
OWN_TOTAL_RE = lazy(r"(?:总额|总计)$")
"""An amount named a total (负债总额, 支出总计): never a part of another figure's breakdown."""
SME_RE = lazy(r"中小企业|小微企业|中小微企业")
"""Words of a procurement figure awarded to small firms: never a part of a breakdown by procurement type."""
BARE_TOTAL_RE = lazy(r"(?P<side>收入|支出)(?P<kind>总计|合计)")
"""A total named by its side alone (支出总计), as the second of a pair often is."""
BARE_YEAR_FLOW_RE = lazy(r"本年(?:收入|支出)")
"""This year's income or spending named without its funds (本年收入 B 万元), as a sentence about one fund's figures goes on."""
FUND_LEAD_RE = lazy(r"(?P<funds>(?:一般公共预算|政府性基金预算?|国有资本经营预算)财政拨款)")
"""Funds that open an amount's words (政府性基金预算财政拨款年初结转和结余): the sentence is about them."""
YEAR_LEAD_RE = lazy(r"^(?:(?:19|20)\d\d年度?)")
FUND_TOTAL_RE = lazy(r"(?P<funds>(?:一般公共预算|政府性基金预算?|国有资本经营预算)?财政拨款)(?P<side>收入|支出)(?P<kind>总计|合计)$")
"""A total named with its funds (财政拨款收入总计), at the end of an amount's words."""
RESPECTIVE_NAMES_RE = lazy(r"(.+?)分别(?:为|是|达到?)?[:：]?")
"""The words before a list of figures that name each in turn (基本支出和项目支出分别为)."""
NAME_JOINS_RE = lazy(r"以及|和|与|及|、")


def _respective(
    pieces: list[_Piece], share_at: int, at: int, found: dict[int, tuple[dict[int, int], str]]
) -> tuple[int, int, str] | None:
    """分别占 P%、Q% 和 R% (or 分别占本年支出合计的 P%和 Q%, 占比分别为 P%、Q%): (k, n, the whole's
    words) when the percentage at ``at`` is the k-th of n ≥ 2 listed right after a 占 that 分别
    leads or follows; else None. ``found`` keeps each 占's list (by its index), so that a long
    list is read once."""
    lead = pieces[share_at - 1] if share_at > 0 else None
    after = pieces[share_at + 1] if share_at + 1 < len(pieces) else None
    named_after = after is not None and after.kind == "WORD" and RESPECTIVE_AFTER_RE.fullmatch(after.text) is not None  # 占比分别为 P%、Q%
    if not named_after and (lead is None or lead.kind != "WORD" or not lead.text.endswith("分别")):
        return None
    if share_at not in found:
        listed: list[int] = []
        whole: list[str] = []
        for i in range(share_at + (2 if named_after else 1), len(pieces)):
            piece = pieces[i]
            if piece.kind == "PERCENT":
                listed.append(i)
            elif not listed and piece.kind == "WORD":
                whole.append(piece.text)
            elif not (piece.kind == "LIST" or (piece.kind == "WORD" and piece.text in LIST_JOINS)):
                break
        found[share_at] = ({i: k for k, i in enumerate(listed)}, "".join(whole))
    listed_at, words = found[share_at]
    return (listed_at[at], len(listed_at), words) if at in listed_at and len(listed_at) >= 2 else None


COMPARISON_WORDS_RE = lazy(r"(与|比|较|同)(上年|上年度|上一年度?|(19|20)\d\d年度?)(同期)?(决算数?|预算数?|执行数)?(相比|比较|对比)?|同比|相比")


def _own_subject(words: str) -> str:
    """The subject a change's clause names before its direction word, without the comparison
    (“较上年”, “与2023年度相比”) and its year: empty when the clause names nothing of its own."""
    return item_key(COMPARISON_WORDS_RE.sub("", words))


def _same_subject(amount: AmountClaim, own: str) -> bool:
    """Whether an amount is the figure of the item a change names: the same words (years
    aside), or one ending with the other when the shorter is a name of four characters or more;
    收支总计 (收、支总计, 财政拨款收、支总计) names both 收入总计 and 支出总计."""
    a = item_key(amount.context)
    shorter = min(len(a), len(own))
    if bool(a) and (a == own or (shorter >= 4 and (a.endswith(own) or own.endswith(a)))):
        return True
    if own.startswith("收支") and len(own) > 2:
        return any(_same_subject(amount, whole + own[2:]) for whole in ("收入", "支出"))
    # 财政拨款收支总计: only a figure named as fully (财政拨款收入总计), never a bare 收入总计
    return "收支" in own and any(a.endswith(own.replace("收支", whole, 1)) for whole in ("收入", "支出"))


GRADE_PART_RE = lazy(r"(评级|等级|评价结果|评定)为?\s*[“\"「]?(优秀|良好|优|良|中|合格|不合格|差)[”\"」]?")
"""A count's words that name a performance grade (绩效评级为“优”的项目)."""


class _CountSegment:
    """The counts of a ；-segment of a sentence: at its first 其中, the last count of each unit
    before it is a total; the counts of that unit after it are the total's parts."""

    def __init__(self) -> None:
        self.pieces: list[_Piece] = []
        self.totals: dict[str, CountClaim] = {}
        self.opened = False
        self.parts: dict[str, list[CountClaim]] = {}

    def qizhong(self) -> None:
        if not self.opened:
            self.opened = True
            self.parts = {unit: [] for unit in self.totals}

    def graded_through(self, following: list[_Piece]) -> bool:
        """Whether the breakdown runs on past a ；: its parts so far each name a grade
        (评级为“优”的项目 N 个), and so do the words before the first count after it."""
        parts = [part for unit_parts in self.parts.values() for part in unit_parts]
        if not self.opened or not parts or not all(p.grade for p in parts):
            return False
        words = "".join(p.text for p in takewhile(lambda p: p.kind != "COUNT", following))
        return GRADE_PART_RE.search(words) is not None

    def add(self, count: CountClaim | None) -> None:
        if count is None:
            return
        unit = count.unit
        if not self.opened:
            self.totals.pop(unit, None)  # keep the totals in the order of their (last) counts
            self.totals[unit] = count
        elif unit in self.parts:
            self.parts[unit].append(count)


def _comparison(prev: _Piece | None, following: list[_Piece]) -> tuple[str, int, int] | None:
    """(basis, start, end offsets of the phrase) when the word before a year (ending in 与/同/比/较)
    and the pieces after it make a comparison."""
    if prev is None or prev.text[-1] not in "与同比较":
        return None
    pattern = COMPARE_WITH_RE if prev.text[-1] in "与同" else COMPARE_THAN_RE
    match = pattern.match(_word_run(following))
    if match is not None:
        return match.group("basis") or "", prev.end - 1, _run_end(following, match.end())
    if pattern is COMPARE_WITH_RE:
        words = list(takewhile(lambda p: p.kind == "WORD", following))
        flat = BASIS_RE.fullmatch("".join(p.text for p in words))
        after = following[len(words)] if len(words) < len(following) else None
        if flat is not None and after is not None and after.kind == "FLAT":
            return flat.group("basis") or "", prev.end - 1, after.end  # 与2025年预算持平
    if pattern is COMPARE_THAN_RE and following and following[0].kind in ("UP", "DOWN"):
        word = next((w for w in CHANGE_WORDS if following[0].text.startswith(w)), None)
        if word is not None:
            return "", prev.end - 1, following[0].start + len(word)
    return None


def _word_run(pieces: list[_Piece]) -> str:
    """The words that follow, up to the next piece of another kind (the text the grammar read)."""
    run = []
    for piece in pieces:
        if piece.kind != "WORD":
            break
        run.append(piece.text)
    return "".join(run)


def _run_end(pieces: list[_Piece], length: int) -> int:
    """The paragraph offset where the first ``length`` characters of :func:`_word_run` end."""
    for piece in pieces:
        if length <= len(piece.text):
            return piece.start + length
        length -= len(piece.text)
    return pieces[-1].end if pieces else 0
