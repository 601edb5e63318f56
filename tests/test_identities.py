"""Printed identities of table notes, read by grammar/identity.lark."""

from __future__ import annotations

import pytest

from fiscallint.parser.identities import parse_identities
from fiscallint.parser.lines import Line


def read(text: str) -> list[tuple[str, int, list[int], list[int]]]:
    return [(i.axis, i.target, i.terms, i.minus) for i in parse_identities(Line(3, text, 5, text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("1栏各行＝（2＋3＋4）栏各行", [("column", 1, [2, 3, 4], [])]),
    ("27 行＝（1＋2+3）行", [("row", 27, [1, 2, 3], [])]),
    ("6栏各行＝（1＋2－3）栏各行", [("column", 6, [1, 2], [3])]),
    ("5栏=6栏+7栏", [("column", 5, [6, 7], [])]),
    ("第6栏=第1栏-第5栏", [("column", 6, [1], [5])]),
    ("1栏=2栏+3栏，5栏=6栏+7栏。", [("column", 1, [2, 3], []), ("column", 5, [6, 7], [])]),
])
def test_identity_shapes(text: str, expected: list) -> None:
    assert read(text) == expected


def test_an_ellipsis_stands_for_the_numbers_between() -> None:
    (identity,) = parse_identities(Line(1, "59行＝（33＋34＋…＋38）行", 1, ""))
    assert identity.terms == [33, 34, 35, 36, 37, 38] and identity.ranges == [(34, 38)]


def test_span_in_the_source_line() -> None:
    text = "注：3栏＝（4＋5）栏。"
    (identity,) = parse_identities(Line(7, text, 5, text))
    assert (identity.span.line, identity.span.column, identity.span.end_column) == (7, 7, 7 + len("3栏＝（4＋5）栏"))


def test_prose_after_the_last_term_is_not_read() -> None:
    assert read("3栏=4栏+5栏行政单位填列") == [("column", 3, [4, 5], [])]


@pytest.mark.parametrize("text", ["2栏=3栏+4行", "本表 2024 年数据为空", "3栏=（4+）栏", "1栏＝栏"])
def test_no_identity_from_what_is_not_one(text: str) -> None:
    assert read(text) == []
