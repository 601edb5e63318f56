"""The claims tree built from the lexer's tokens is the claims grammar's own parse tree: same
sentences, clauses, tokens (types, texts, offsets) and the same unreadable texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import LarkError

from fiscallint.parser.claims import claims_parser, claims_tree

FRAGMENTS = [
    "本年度", "支出", "合计", "1,234.56万元", "88.5万元", "1.2亿元", "300元", "12.5%", "-3.2％", "2024年", "2023年度",
    "3个", "12人次", "45", "0", "占", "完成年初预算的", "执行率为", "预决算差异率", "增加", "下降了", "持平",
    "决算数大于预算数", "决算数小于（大于）年初预算数", "其中：", "其中", "，", ",", "；", ";", "。", "！", "？",
    "、", "：", "（", "）", "(", ")", "%", " ", "\u3000", "XX", "-", "−7", "决算数大于", "完成",
]


def shape(tree: Tree) -> list:
    """The tree as nested lists of (type, text, start, end) tokens."""
    return [tree.data, [shape(c) if isinstance(c, Tree) else (c.type, str(c), c.start_pos, c.end_pos) for c in tree.children]]


def by_parser(text: str) -> tuple[list, list[tuple[int, str]]] | str:
    try:
        interactive = claims_parser().parse_interactive(text)
        breaks = [(t.start_pos, str(t)) for t in interactive.iter_parse() if t.type in ("_STOP", "_SEMI")]
        return shape(interactive.feed_eof()), breaks
    except LarkError as exc:
        return type(exc).__name__


def by_lexer(text: str) -> tuple[list, list[tuple[int, str]]] | str:
    try:
        tree, breaks = claims_tree(text)
    except LarkError as exc:
        return type(exc).__name__
    return shape(tree), breaks


def test_a_paragraph_of_sentences_and_clauses() -> None:
    text = "2024年支出合计1,234.56万元，比上年增加12.5%；其中：基本支出88.5万元，占7.2%。执行率为98%。"
    expected = by_parser(text)
    assert not isinstance(expected, str)
    assert by_lexer(text) == expected
    tree, breaks = claims_tree(text)
    assert [s.data for s in tree.children] == ["sentence", "sentence", "sentence"]
    assert [c.data for c in tree.children[0].children] == ["clause", "clause", "semi_clause", "clause"]
    assert [str(t) for t in tree.children[0].children[2].children if isinstance(t, Token)][:2] == ["其中：", "基本支出"]
    assert [b for _, b in breaks] == ["；", "。", "。"]


def test_an_unreadable_text_is_refused_by_both() -> None:
    assert by_parser("决算数大于上年") == by_lexer("决算数大于上年") == "UnexpectedCharacters"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
def test_any_run_of_claim_vocabulary_gives_the_same_tree(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert by_lexer(text) == by_parser(text)
