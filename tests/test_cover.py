"""The cover: what a report's first lines say it is (parser/cover.py)."""

from __future__ import annotations

from fiscallint.parser import parse_source
from fiscallint.parser.cover import read_cover
from fiscallint.source import SourceText


def test_title_with_its_name_on_the_line() -> None:
    cover = read_cover(["南屏市档案馆2030年度部门决算", "", "目录"])
    assert (cover.title_name, cover.year, cover.level, cover.kind) == ("南屏市档案馆", 2030, "department", "final")
    assert cover.names_final


def test_title_name_on_the_lines_above_and_labelled_lines() -> None:
    cover = read_cover(["南屏市", "档案馆", "2031年单位预算", "预算单位：南屏市档案馆本级", "主管部门：南屏市档案局"])
    assert (cover.title_name, cover.year, cover.level, cover.kind) == ("南屏市档案馆", 2031, "unit", "budget")
    assert cover.labels == {"预算单位": "南屏市档案馆本级", "主管部门": "南屏市档案局"}
    assert not cover.names_final


def test_overview_heading_names_the_body() -> None:
    assert read_cover(["第一部分 南屏市档案馆概况", "一、主要职能"]).overview == "南屏市档案馆"
    assert read_cover(["第一部分", "南屏市档案馆", "一、主要职能"]).overview == "南屏市档案馆"
    assert read_cover(["第一部分 部门概况"]).overview == ""


def test_sentences_and_contents_are_not_titles() -> None:
    sentence = "本部门2030年度决算收入合计较上年增加，主要原因是人员增加以及新增档案数字化项目等因素所致，具体情况详见本报告下文各个部分所列示的收入支出决算表及其说明。"
    assert read_cover([sentence]).year is None
    assert read_cover(["目录 2030年度部门决算"]).year is None


def test_the_parser_fills_the_report_cover() -> None:
    text = "南屏市档案馆2030年度部门决算\n编制部门：南屏市档案馆\n一、收入情况\n收入合计 10.00 万元。\n"
    report = parse_source(SourceText("cover.txt", text, "utf-8", "dump"))
    assert report.cover.title_name == "南屏市档案馆" and report.cover.labels == {"编制部门": "南屏市档案馆"}
    assert report.cover.year == report.year == 2030


TABLES_FIRST = (
    "收入支出决算表\n公开01表\n部门：南屏市档案馆\n金额单位：万元\n"
    "项目\t行次\t金额\n一、一般公共预算财政拨款收入\t1\t120.00\n\n"
    "{title}\n项目名称\t档案数字化\n年度预算\t40.00\n"
)


def year_of(text: str) -> int | None:
    return parse_source(SourceText("t.tsv", text, "utf-8", "tsv")).year


def test_a_final_account_without_an_accounts_year_takes_its_self_evaluations_year() -> None:
    assert year_of(TABLES_FIRST.format(title="2030年度项目支出绩效自评表")) == 2030
    assert year_of(TABLES_FIRST.format(title="南屏市档案馆2030年度部门整体支出绩效自评表")) == 2030
    evaluations = TABLES_FIRST.format(title="2030年度项目支出绩效自评表") + "\n2029年度项目支出绩效自评结果：良好。\n" * 3
    assert year_of(evaluations) == 2030  # sentences about another year's evaluation are no titles


def test_no_self_evaluation_year_for_a_budget_an_accounts_year_outranks_it_and_a_mention_is_no_title() -> None:
    budget_tables = TABLES_FIRST.replace("收入支出决算表\n公开01表", "部门收支总表\n预算01表")
    assert year_of(budget_tables.format(title="2029年度项目支出绩效自评表")) is None  # a budget's are of years before
    titled = "南屏市档案馆2031年部门预算\n" + budget_tables.format(title="2029年度项目支出绩效自评表")
    assert year_of(titled) == 2031
    assert year_of(TABLES_FIRST.format(title="根据2030年度项目支出绩效自评结果安排预算")) is None
