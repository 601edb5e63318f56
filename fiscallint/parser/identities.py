"""Printed identities in a table's notes (栏次 and 行次 sums), read by ``grammar/identity.lark``.

A note is prose around its identities, so each identity's extent is found first (a 栏/行
number and ＝ open it; the run of numbers, signs, brackets and 栏/行 words after it is its
body) and that text is parsed by the grammar. Text the grammar cannot read makes no identity:
a wrong identity would report every row of its table.
"""

from __future__ import annotations

from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from ..ast import Identity, Span
from ..patterns import lazy
from .grammar_files import build_parser
from .lines import Line

START_RE = lazy(r"第?\d{1,3}\s*(栏各行|栏|行)\s*[＝=]")
BODY_RE = lazy(r"[\s\d+＋\-－−…·.第栏各行（()）]*")
AXES = {"栏各行": "column", "栏": "column", "行": "row"}


@lru_cache(maxsize=1)
def identity_parser() -> Lark:
    """The identity grammar, built once per process."""
    return build_parser("identity.lark", parser="lalr", lexer="basic")


def parse_identities(line: Line) -> list[Identity]:
    """The identities printed in a note line, each with its span in the source."""
    found: list[Identity] = []
    at = 0
    for start in START_RE.finditer(line.text):
        if start.start() < at:
            continue  # inside the identity just read
        body = BODY_RE.match(line.text, start.end())
        text = line.text[start.start():body.end() if body else start.end()].rstrip(" 　.")
        tree, used = _parse(text)
        if tree is None:
            continue
        identity = _identity(tree, line, start.start(), start.start() + used)
        if identity is not None:
            found.append(identity)
            at = start.start() + used
    return found


def _parse(text: str) -> tuple[Tree | None, int]:
    """The tree of ``text``, else of its longest start that ends where the grammar stopped
    (prose such as 行政 right after the last 栏); and how many characters it read."""
    try:
        return identity_parser().parse(text), len(text)
    except UnexpectedInput as exc:
        stop = getattr(exc, "pos_in_stream", None)
        if not stop:
            return None, 0
        shorter = text[:stop].rstrip()
        try:
            return identity_parser().parse(shorter), len(shorter)
        except LarkError:
            return None, 0
    except LarkError:
        return None, 0


def _identity(tree: Tree, line: Line, start: int, end: int) -> Identity | None:
    target = tree.children[0]
    number, axis_word = (str(t) for t in target.children)
    axis = AXES[axis_word]
    closing = [t for t in tree.children[1:] if isinstance(t, Token) and t.type == "AXIS"]
    if any(AXES[str(t)] != axis for t in closing):
        return None
    terms: list[int] = []
    minus: list[int] = []
    ranges: list[tuple[int, int]] = []
    sign = "+"
    previous: int | None = None
    pending_range = False
    for child in tree.children[-1 if not closing else -2].children:  # the sum
        if isinstance(child, Token):  # a sign
            sign = "-" if child in ("-", "－", "−") else "+"
            continue
        if child.data == "ellipsis":
            pending_range = previous is not None
            continue
        value_token, *word = child.children
        if word and AXES[str(word[0])] != axis:
            return None  # 2栏 + 3行: not one kind of sum
        value = int(value_token)
        if pending_range and previous is not None and sign == "+":
            ranges.append((previous, value))
            terms.extend(range(previous + 1, value + 1))
        elif sign == "-":
            minus.append(value)
        else:
            terms.append(value)
        pending_range = False
        previous = value
        sign = "+"
    if not terms:
        return None
    span = Span(line.number, line.column + start, line.number, line.column + end)
    return Identity(axis, int(number), terms, span, ranges, minus)
