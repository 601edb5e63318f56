"""The claims grammar: sentences, clauses and the shapes claims take (change, execution,
share, date, period); every run of the vocabulary parses, and the tree keeps every token."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters

from fiscallint.parser.claims import claims_parser, claims_tree

FRAGMENTS = [
    "本年度", "支出", "合计", "1,234.56万元", "88.5万元", "1.2亿元", "300元", "12.5%", "-3.2％", "2024年", "2023年度",
    "3个", "12人次", "45", "45.12", "0", "占", "完成年初预算的", "执行率为", "预决算差异率", "增加", "下降了", "持平",
    "决算数大于预算数", "决算数小于（大于）年初预算数", "其中：", "其中", "，", ",", "；", ";", "。", "！", "？",
    "、", "：", "（", "）", "(", ")", "%", " ", "\u3000", "XX", "-", "−7", "决算数大于", "完成", "1月1日", "12月31日",
    "至", "和", "分别", "的比重为", "一般公共服务（类）", "（减少）", "（增加）",
]


def shapes(text: str) -> list[tuple[str, list[str]]]:
    """Every shape subtree of the text's tree: (rule, its token types)."""
    tree, _ = claims_tree(text)
    found = []
    for sentence in tree.children:
        for clause in sentence.children:
            for child in clause.children:
                if isinstance(child, Tree):
                    found.append((child.data, [t.type for t in child.scan_values(lambda v: isinstance(v, Token))]))
    return found


def test_sentences_clauses_and_breaks() -> None:
    text = "2024年支出合计1,234.56万元，比上年增加12.5%；其中：基本支出88.5万元，占7.2%。执行率为98%。"
    tree, breaks = claims_tree(text)
    assert [s.data for s in tree.children] == ["sentence", "sentence", "sentence"]
    assert [c.data for c in tree.children[0].children] == ["clause", "clause", "semi_clause", "clause"]
    assert [b for _, b in breaks] == ["；", "。", "。"]


def test_a_change_takes_its_figure_and_the_choice_left_unmade() -> None:
    assert shapes("比上年增加12.5%") == [("change", ["UP", "PERCENT"])]
    assert shapes("比上年增加（减少）3万元") == [("change", ["UP", "PAREN", "DOWN", "PAREN", "AMOUNT"])]
    assert shapes("与上年增加持平") == [("flat_change", ["UP", "FLAT"])]


def test_a_direction_word_before_a_bracketed_remark_is_no_change() -> None:
    assert shapes("增加（主要是人员）3万元") == []
    assert shapes("增加（减少）的原因") == [("choice", ["UP", "PAREN", "DOWN", "PAREN"])]


def test_an_execution_rate_with_a_word_between() -> None:
    assert shapes("执行率为96%") == [("execution", ["EXEC", "PERCENT"])]
    assert shapes("完成年初预算的约96%") == [("execution", ["EXEC", "WORD", "PERCENT"])]
    assert shapes("执行率较高，") == []


def test_shares_plain_listed_with_a_printed_whole_and_without_unit() -> None:
    assert shapes("占本年支出的12.5%") == [("share", ["SHARE", "WORD", "PERCENT"])]
    assert shapes("分别占30%、40%和30%") == [("share", ["SHARE", "PERCENT", "LIST", "PERCENT", "WORD", "PERCENT"])]
    assert shapes("占本年支出合计850.00万元的12.5%") == [("share", ["SHARE", "WORD", "AMOUNT", "WORD", "PERCENT"])]
    assert shapes("占45.12") == [("bare_share", ["SHARE", "NUM"])]


def test_a_share_ends_where_a_figure_of_another_kind_comes() -> None:
    assert shapes("占比30%以上增长5%") == [("share", ["SHARE", "WORD", "PERCENT", "WORD"]), ("change", ["UP", "PERCENT"])]
    assert shapes("占（预算）支出5万元") == []  # a bracket before the figure: not a share's whole


def test_dates_and_periods() -> None:
    assert shapes("2024年1月1日-2024年12月31日") == [("period", ["YEAR", "DATE", "RANGE", "YEAR", "DATE"])]
    assert shapes("截至2024年12月31日") == [("date", ["YEAR", "DATE"])]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
def test_any_run_of_the_vocabulary_parses_and_keeps_every_token(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        tokens = [t for t in claims_parser().lex(text) if t.type not in ("_SEP", "_SEMI", "_STOP")]
    except UnexpectedCharacters:
        return  # a character no terminal reads (决算数大于 without 预算): refused before parsing
    tree, _ = claims_tree(text)
    kept = list(tree.scan_values(lambda v: isinstance(v, Token)))
    assert [(t.type, t.start_pos) for t in kept] == [(t.type, t.start_pos) for t in tokens]


def test_an_execution_rate_with_its_budget_in_the_phrase_or_in_brackets() -> None:
    assert shapes("完成年初预算100.00万元的96%") == [("execution", ["EXEC", "AMOUNT", "WORD", "PERCENT"])]
    assert shapes("执行率96%（年初预算100.00万元）") == [("execution", ["EXEC", "PERCENT", "PAREN", "WORD", "AMOUNT"])]
