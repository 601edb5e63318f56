"""Narrative claims: the claims grammar parses a paragraph into sentences and clauses, and
:class:`ClaimBuilder` binds the figures to their roles (share, execution, change, breakdown).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from .ast import Claim, Number, Paragraph, Span
from .grammar_files import grammar_text
from .lines import Line
from .numbers import parse_number

UNIT_SUFFIX_RE = re.compile(r"\s*(万元|亿元|元|%|％)$")
SUBJECT_TRIM_RE = re.compile(r"^(其中|主要是|包括|为|是|合计|共计|总计为)|(为|是|共|合计|共计|达|约|的)$")


@lru_cache(maxsize=1)
def claims_parser() -> Lark:
    """The claims grammar, built once per process."""
    return Lark(grammar_text("claims.lark"), parser="lalr", lexer="contextual", propagate_positions=False)


@dataclass
class _Piece:
    kind: str
    text: str
    start: int
    end: int


class Locator:
    """Maps offsets in a paragraph's joined text back to source line and column."""

    def __init__(self, lines: list[Line]) -> None:
        self.starts: list[int] = []
        self.lines = lines
        offset = 0
        parts: list[str] = []
        for line in lines:
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
    try:
        tree = claims_parser().parse(text)
    except LarkError:
        return None
    builder = ClaimBuilder(locator)
    for sentence in tree.children:
        if isinstance(sentence, Tree):
            builder.sentence(sentence)
    return Paragraph(text, span, builder.claims)


class ClaimBuilder:
    """Walks sentences and clauses, keeping the recent amounts, and emits typed claims."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.claims: list[Claim] = []
        self.amounts: list[Claim] = []  # amount claims of the paragraph, in order

    def number(self, piece: _Piece) -> Number | None:
        digits = UNIT_SUFFIX_RE.sub("", piece.text).strip()
        scale_text = piece.text[len(digits):].strip() if piece.text.startswith(digits) else ""
        number = parse_number(digits, self.locator.span(piece.start, piece.start + len(digits)))
        if number is not None and scale_text == "亿元":
            number = Number(number.value * 10000, number.decimals, number.span, number.text)
        return number

    def sentence(self, tree: Tree) -> None:
        clauses: list[list[_Piece]] = []
        for clause in tree.children:
            pieces = [
                _Piece(tok.type, str(tok), tok.start_pos, tok.end_pos)
                for tok in clause.children
                if isinstance(tok, Token)
            ]
            clauses.append(pieces)
        sentence_amounts: list[Claim] = []
        breakdown: Claim | None = None
        open_change: Claim | None = None
        for pieces in clauses:
            words: list[str] = []
            index = 0
            while index < len(pieces):
                piece = pieces[index]
                kind = piece.kind
                if kind in ("WORD", "PAREN"):
                    words.append(piece.text)
                elif kind == "QIZHONG":
                    total = sentence_amounts[-1] if sentence_amounts else (self.amounts[-1] if self.amounts else None)
                    if total is not None:
                        breakdown = Claim("breakdown", total.subject, {"total": total.numbers["value"]}, total.span, "", parts=[])
                        self.claims.append(breakdown)
                    words = []
                elif kind == "AMOUNT":
                    number = self.number(piece)
                    if number is not None:
                        prev = pieces[index - 1] if index > 0 else None
                        if prev is not None and prev.kind in ("UP", "DOWN"):
                            open_change = self._emit_change("delta", prev, number, sentence_amounts, open_change)
                        else:
                            subject = _clean_subject("".join(words))
                            claim = Claim("amount", subject, {"value": number}, number.span, piece.text, words={"context": "".join(words)})
                            self.claims.append(claim)
                            self.amounts.append(claim)
                            sentence_amounts.append(claim)
                            if breakdown is not None and claim is not breakdown:
                                breakdown.parts.append(claim)
                        words = []
                elif kind == "PERCENT":
                    number = self.number(piece)
                    prev = pieces[index - 1] if index > 0 else None
                    before = [p for p in pieces[:index]]
                    share_at = _last_index(before, "SHARE")
                    if number is None:
                        pass
                    elif prev is not None and prev.kind in ("UP", "DOWN"):
                        open_change = self._emit_change("percent", prev, number, sentence_amounts, open_change)
                    elif prev is not None and prev.kind == "EXEC" or (len(before) >= 2 and before[-2].kind == "EXEC" and before[-1].kind == "WORD"):
                        exec_piece = prev if prev is not None and prev.kind == "EXEC" else before[-2]
                        self._emit_execution(exec_piece, number, sentence_amounts)
                    elif share_at is not None and all(p.kind in ("WORD", "PAREN") for p in before[share_at + 1:]):
                        whole = "".join(p.text for p in before[share_at + 1:])
                        self._emit_share(pieces[share_at], number, whole, sentence_amounts)
                    words = []
                elif kind in ("YEAR", "COUNT", "NUM"):
                    words.append(piece.text)
                index += 1

    def _emit_share(self, share: _Piece, percent: Number, whole: str, recent: list[Claim]) -> None:
        part = recent[-1] if recent else None
        if part is None:
            return
        whole = re.sub(r"(的|比重|比例)+$", "", whole)
        start = part.span
        claim = Claim(
            "share",
            part.subject,
            {"part": part.numbers["value"], "percent": percent},
            Span(start.line, start.column, percent.span.end_line, percent.span.end_column),
            "",
            words={"whole": whole},
        )
        self.claims.append(claim)

    def _emit_execution(self, phrase: _Piece, percent: Number, recent: list[Claim]) -> None:
        pool = recent if recent else self.amounts[-2:]
        budget = next((c for c in reversed(pool) if _is_budget(c)), None)
        actual = next((c for c in reversed(pool) if c is not budget and not _is_budget(c)), None)
        numbers: dict[str, Number] = {"percent": percent}
        if budget is not None:
            numbers["budget"] = budget.numbers["value"]
        if actual is not None:
            numbers["actual"] = actual.numbers["value"]
        anchor = actual or budget
        span = anchor.span if anchor else percent.span
        self.claims.append(Claim(
            "execution",
            anchor.subject if anchor else "",
            numbers,
            Span(span.line, span.column, percent.span.end_line, percent.span.end_column),
            "",
            words={"phrase": phrase.text},
        ))

    def _emit_change(self, role: str, direction: _Piece, number: Number, recent: list[Claim], open_change: Claim | None) -> Claim:
        """Record a delta (增加 X 万元) or a rate (增长 Y%); a rate completes the sentence's open change."""
        if open_change is not None and role == "percent" and "percent" not in open_change.numbers:
            open_change.numbers["percent"] = number
            open_change.words["percent_word"] = direction.text
            open_change.span = Span(open_change.span.line, open_change.span.column, number.span.end_line, number.span.end_column)
            return open_change
        base = recent[-1] if recent else (self.amounts[-1] if self.amounts else None)
        numbers: dict[str, Number] = {role: number}
        if base is not None:
            numbers["current"] = base.numbers["value"]
        start = self.locator.span(direction.start, direction.end)
        claim = Claim(
            "change",
            base.subject if base else "",
            numbers,
            Span(start.line, start.column, number.span.end_line, number.span.end_column),
            "",
            words={f"{role}_word": direction.text},
        )
        self.claims.append(claim)
        return claim


def _is_budget(claim: Claim) -> bool:
    context = claim.words.get("context", "")
    return "预算" in context and "决算" not in context


def _last_index(pieces: list[_Piece], kind: str) -> int | None:
    for i in range(len(pieces) - 1, -1, -1):
        if pieces[i].kind == kind:
            return i
    return None


def _clean_subject(words: str) -> str:
    previous = None
    subject = words
    while previous != subject:
        previous = subject
        subject = SUBJECT_TRIM_RE.sub("", subject)
    return subject

