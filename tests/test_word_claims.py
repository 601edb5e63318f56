"""The words rules ask about are claims the claims builder makes (terms, nils, former class
names, each claim's ；-segment), and a 栏次 line gathered from one number a line is no row."""

from __future__ import annotations

from decimal import Decimal

from fiscallint.ast import Cell, Claim, ClassNameClaim, NilClaim, Number, Row, Span, TermClaim
from fiscallint.facts import empty_statements
from fiscallint.parser import parse_source
from fiscallint.parser.tables import is_column_numbers_row
from fiscallint.source import SourceText


def claims(text: str) -> list[Claim]:
    return [c for p in parse_source(SourceText("t.txt", text, "utf-8", "dump")).paragraphs for c in p.claims]


def terms(text: str) -> list[tuple[str, str, int]]:
    return [(c.term, c.text, c.sentence) for c in claims(text) if isinstance(c, TermClaim)]


# --- terms ------------------------------------------------------------------------------------

def test_car_purchase_is_a_term_and_the_vehicle_item_is_not() -> None:
    assert terms("本年度公务用车购置费 6.00 万元，更新巡查车一辆。\n") == [("car_purchase", "公务用车购置", 0)]
    assert terms("公务用车购置及运行维护费 8.40 万元。\n") == []


def test_term_spans_and_sentences() -> None:
    (term,) = [c for c in claims("开展培训。全年接待来访 3 批次。\n") if isinstance(c, TermClaim) and c.term == "reception"]
    assert term.sentence == 1 and (term.span.line, term.span.column, term.span.end_column) == (1, 8, 10)


def test_a_term_split_by_a_space_is_still_read() -> None:
    assert [t for t, _, _ in terms("授予中小 企业合同金额 5.00 万元。\n")] == ["sme"]


def test_procurement_words_and_their_segment() -> None:
    text = "在预留项目中，由中小企业中标或成交的，金额 4.00 万元；在其他政府采购项目中，金额 2.00 万元。\n"
    found = [c for c in claims(text) if isinstance(c, TermClaim)]
    assert [(c.term, c.segment) for c in found] == [("reserved", 0), ("sme", 0), ("awarded", 0), ("other_projects", 1)]
    amounts = [c.segment for c in claims(text) if c.kind == "amount"]
    assert amounts == [0, 1]


def test_segments_count_every_sentence_end_and_semicolon() -> None:
    text = "甲 3.00 万元；乙 4.00 万元。丙 5.00 万元！丁 6.00 万元。\n"
    assert [(c.sentence, c.segment) for c in claims(text) if c.kind == "amount"] == [(0, 0), (0, 1), (1, 2), (2, 3)]


# --- nil statements ---------------------------------------------------------------------------

def test_nil_after_a_year_with_its_subject() -> None:
    (nil,) = [c for c in claims("本单位2030年度无政府性基金预算财政拨款收支。\n") if isinstance(c, NilClaim)]
    assert (nil.text, nil.subject) == ("年度无", "政府性基金预算财政拨款收支")


def test_nil_with_nothing_after_takes_the_words_before() -> None:
    (nil,) = [c for c in claims("公务用车购置费未发生。\n") if isinstance(c, NilClaim)]
    assert (nil.text, nil.subject) == ("未发生", "公务用车购置费")


def test_a_word_with_wu_that_states_no_nil_is_none() -> None:
    assert not [c for c in claims("无线网络改造支出 3.00 万元，较上年增加 1.00 万元。\n") if isinstance(c, NilClaim)]


def test_empty_fund_statement_needs_a_nil_one_fund_and_no_amount() -> None:
    text = "本单位2030年度无国有资本经营预算财政拨款收支；政府性基金预算财政拨款支出 2.00 万元，本年度无结余。\n"
    report = parse_source(SourceText("t.txt", text, "utf-8", "dump"))
    assert [(s.kind, s.text) for s in empty_statements(report)] == [("capital", "本单位2030年度无国有资本经营预算财政拨款收支")]


def test_table_notes_that_state_a_nil() -> None:
    table = "政府性基金预算财政拨款收入支出决算表\n公开07表\n单位：万元\n项目 本年收入 本年支出\n合计\n注：{}\n"
    empty = parse_source(SourceText("t.txt", table.format("本单位无此项内容，本表无数据。"), "utf-8", "dump")).tables[0]
    assert empty.empty_notes == ["注：本单位无此项内容，本表无数据。"]
    other = parse_source(SourceText("t.txt", table.format("本表金额单位为万元。"), "utf-8", "dump")).tables[0]
    assert other.empty_notes == []


# --- former class names -----------------------------------------------------------------------

def test_former_class_name_is_a_claim_with_its_code_and_new_name() -> None:
    (name,) = [c for c in claims("医疗卫生与计划生育支出（类）46.20 万元。\n") if isinstance(c, ClassNameClaim)]
    assert (name.text, name.code, name.renamed) == ("医疗卫生与计划生育支出", "210", "卫生健康支出")


def test_other_items_and_current_names_are_no_former_class_name() -> None:
    text = "其他医疗卫生与计划生育支出 2.00 万元，卫生健康支出（类）8.00 万元。\n"
    assert not [c for c in claims(text) if isinstance(c, ClassNameClaim)]


# --- 栏次 printed one number a line ------------------------------------------------------------

def row(label: str, figures: list[str], code: str | None = None) -> Row:
    span = Span(1, 1, 1, 10)
    cells = [Cell(Number(Decimal(f), len(f.partition(".")[2]), span, f), None) for f in figures]
    return Row(label, code, None, cells, span, False)


def test_column_numbers_row_is_the_one_line_test_on_the_assembled_row() -> None:
    assert is_column_numbers_row(row("", ["1", "2", "3"]))
    assert is_column_numbers_row(row("栏次", ["1", "2"]))
    assert is_column_numbers_row(row("", ["4", "5", "6"]))  # the second block's columns


def test_a_data_row_is_no_column_numbers_row() -> None:
    assert not is_column_numbers_row(row("合计", ["1.00", "2.00", "3.00"]))
    assert not is_column_numbers_row(row("公务用车保有量", ["1", "2", "3"]))
    assert not is_column_numbers_row(row("", ["1", "3", "4"]))
    assert not is_column_numbers_row(row("", ["1", "2"], code="201"))


SPLIT_TABLE = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码
科目名称
小计
基本支出
项目支出
栏次
{columns}
合计
300.00
200.00
100.00
208
社会保障和就业支出
300.00
200.00
100.00
"""


def test_column_numbers_printed_one_a_line_are_no_row() -> None:
    for columns in ("1\n2\n3", "1\n2"):
        [table] = parse_source(SourceText("t.txt", SPLIT_TABLE.format(columns=columns), "utf-8", "dump")).tables
        assert [(r.label, [n.text for n in r.numbers]) for r in table.rows][0] == ("合计", ["300.00", "200.00", "100.00"])
        assert all(not is_column_numbers_row(r) for r in table.rows)
