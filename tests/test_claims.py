"""The claims grammar and builder: sentences → typed claims with their figures bound to roles."""

from __future__ import annotations

import pytest

from fiscallint.ast import AmountClaim, Claim, CountClaim, ShareClaim
from fiscallint.facts import empty_statements
from fiscallint.parser import parse_source
from fiscallint.source import SourceText
from fiscallint.testing import lint_text


def claims(text: str, kind: str | None = None) -> list[Claim]:
    report = parse_source(SourceText("t.txt", text + "\n", "utf-8", "dump"))
    return [c for c in report.claims() if kind is None or c.kind == kind]


def values(claim: Claim) -> dict[str, str]:
    return {role: n.text for role, n in claim.roles()}


def test_share_with_named_whole() -> None:
    (share,) = claims("其中：基本支出 300.50 万元，占本年支出合计的 75.1%。", "share")
    assert values(share)["part"] == "300.50" and values(share)["percent"] == "75.1"
    assert share.whole_phrase == "本年支出合计"


def test_share_whole_implicit_takes_breakdown_total() -> None:
    (share, *_) = claims("三公经费支出 20.00 万元，其中：因公出国（境）费 15.00 万元，占 75%。", "share")
    assert share.whole_phrase == "" and values(share)["whole"] == "20.00"


def test_share_with_its_own_subject_is_not_bound_to_the_last_amount() -> None:
    found = claims("授予中小企业合同金额 2.00 万元；货物采购授予中小企业合同金额占货物支出金额的 100%。", "share")
    assert found == []


def test_share_of_a_named_part_is_a_named_share() -> None:
    (named,) = claims("授予中小企业合同金额 2.00 万元；货物采购授予中小企业合同金额占货物支出金额的 100%。", "named_share")
    assert values(named) == {"percent": "100"}
    assert (named.part, named.whole_phrase) == ("货物采购授予中小企业合同金额", "货物支出金额")
    assert named.span.column == 20  # from the part's name to the percentage


def test_a_filler_word_before_zhan_is_no_named_share() -> None:
    assert claims("其他占 5%。", "named_share") == []


def test_execution_with_budget_and_actual_in_earlier_clauses() -> None:
    (ex,) = claims("年初预算为 120.00 万元，支出决算为 90.00 万元，完成年初预算的 75%。", "execution")
    assert values(ex) == {"percent": "75", "budget": "120.00", "actual": "90.00"}


def test_execution_prefers_the_budget_the_phrase_names() -> None:
    text = "年初申报项目资金 50.00 万元，预算调整数为 80.00 万元，决算数为 80.00 万元，年初申报数执行率为 160%。"
    (ex,) = claims(text, "execution")
    assert values(ex)["budget"] == "50.00" and ex.qualifier == "年初申报数"


def test_execution_without_de_and_negative_difference_rate() -> None:
    (ex,) = claims("项目全年预算数为 10 万元，执行数为 8 万元，完成预算 80%。", "execution")
    assert values(ex)["percent"] == "80"
    (diff,) = claims("年初预算数 200.00 万元，决算数 190.00 万元，预决算差异率-5.00%。", "execution")
    assert diff.percent.value < 0


def test_change_in_the_same_sentence() -> None:
    (change,) = claims("2024年度收、支总计 430.00 万元，与2023年度相比，收、支总计各减少 30.00 万元，下降 6.5%。", "change")
    assert values(change) == {"delta": "30.00", "current": "430.00", "percent": "6.5"}
    assert change.delta_word == "减少" and change.base == "sentence"


def test_change_against_decision_of_last_year() -> None:
    (change,) = claims("一般公共预算财政拨款收入 500.00 万元，比2023年度决算数增加 40.00 万元。", "change")
    assert values(change) == {"delta": "40.00", "current": "500.00"}


def test_change_in_next_sentence_uses_the_actual_not_a_fund_name() -> None:
    text = "2024年度一般公共预算财政拨款支出 400.00 万元，占本年支出合计的 100%。与上年相比，减少 20.00 万元，下降 4.8%。"
    (change,) = claims(text, "change")
    assert values(change)["current"] == "400.00" and change.base == "paragraph"


def test_breakdown_total_is_not_a_part_of_the_previous_breakdown() -> None:
    text = "部门总收入 100.00 万元，其中财政拨款收入 100.00 万元；部门总支出 100.00 万元，其中基本支出 80.00 万元，项目支出 20.00 万元。"
    first, second = claims(text, "breakdown")
    assert [p.value.text for p in first.parts] == ["100.00"]
    assert [p.value.text for p in second.parts] == ["80.00", "20.00"]


def test_breakdown_of_actuals_skips_budgets() -> None:
    text = "决算数 30.00 万元，预决算差异率 0.00%。其中：因公出国（境）费全年预算数 20.00 万元，决算数 20.00 万元。"
    (breakdown,) = claims(text, "breakdown")
    assert [p.value.text for p in breakdown.parts] == ["20.00"]


def years(text: str) -> list[tuple[int, str, str, str]]:
    return [(int(c.year.value), c.role, c.basis, c.text) for c in claims(text, "year")]


def test_year_roles_self_and_compare() -> None:
    text = "本部门2024年度部门决算情况说明如下：2024年度收入 120.00 万元，与2023年度相比，增加 20.00 万元。"
    assert years(text) == [
        (2024, "self", "决算", "2024年度部门决算情况说明"),
        (2024, "other", "", "2024年度"),
        (2023, "compare", "", "与2023年度相比"),
    ]


def test_year_compared_by_bi_names_the_basis_or_a_direction() -> None:
    found = years("支出 80.00 万元，比2023年度决算数增加 5.00 万元；收入比 2023 年增加 4.00 万元；较2023年预算数减少 1.00 万元。")
    assert found == [
        (2023, "compare", "决算", "比2023年度决算数"),
        (2023, "compare", "", "比 2023 年增加"),
        (2023, "compare", "预算", "较2023年预算数"),
    ]


def test_year_near_miss_stays_other() -> None:
    # 上升 is not one of the comparison words; a date is not a comparison either.
    found = years("截至2024年12月31日，支出比2023年上升 5.00 万元，本部门2024年度预算 10.00 万元。")
    assert [role for _, role, _, _ in found] == ["other", "other", "other"]
    (year,) = claims("与2023年度相比，增加 1.00 万元。", "year")
    assert (year.span.column, year.span.end_column) == (2, 6)  # the four digits, for a fix


def test_count_claims_carry_unit_and_subject() -> None:
    (count,) = claims("本部门共有车辆 5 辆，价值 20.00 万元。", "count")
    assert count.value.text == "5" and count.unit == "辆" and count.subject == "本部门共有车辆"


def test_count_breakdown_per_unit_after_qizhong() -> None:
    text = "接待团组 6 个、40 人次，其中：外事团组 4 个、30 人次，内宾团组 2 个。"
    found = claims(text, "count_breakdown")
    assert [(b.unit, b.total.text, [p.value.text for p in b.parts]) for b in found] == [
        ("个", "6", ["4", "2"]),
        ("人次", "40", ["30"]),
    ]


def test_count_breakdown_stops_at_a_semicolon() -> None:
    text = "共有车辆 3 辆；其中：机要通信用车 1 辆、其他用车 2 辆。"
    assert claims(text, "count_breakdown") == []
    (vehicles,) = claims("共有车辆 3 辆，其中：机要通信用车 1 辆；其他用车 2 辆。", "count_breakdown")
    assert [p.value.text for p in vehicles.parts] == ["1"]


def test_amount_records_its_unit() -> None:
    found = claims("本年收入 120.50 万元，其中利息收入 3,000 元，上年结转 1.2亿元。", "amount")
    assert [(c.value.text, c.unit) for c in found] == [("120.50", "万元"), ("3,000", "元"), ("1.2亿元", "万元")]  # an amount in 亿元: its value in 万元, its text as printed


def test_amount_in_yi_yuan_keeps_the_rounding_of_its_last_digit() -> None:
    (amount,) = claims("上年结转 1.2亿元。", "amount")
    value = amount.value
    assert value.value == 12000 and value.decimals == -3 and value.ulp == 500


def test_execution_rate_of_yi_yuan_amounts_allows_their_rounding() -> None:
    text = "预算 1.2亿元，决算 1.19亿元，完成预算的 99.2%。"
    assert [f.code for f in lint_text(text, ["FL102"])] == []  # 1.19 / 1.2 = 99.17%
    assert [f.code for f in lint_text(text.replace("99.2", "90.0"), ["FL102"])] == ["FL102"]


def test_paragraph_breaks_are_the_marks_the_grammar_read() -> None:
    report = parse_source(SourceText("t.txt", "甲 3 万元；乙。丙！\n", "utf-8", "dump"))
    assert report.paragraphs[0].breaks == [(6, "；"), (8, "。"), (10, "！")]


def test_empty_fund_statement_is_the_part_without_an_amount() -> None:
    text = (
        "本年度无政府性基金预算财政拨款结余，支出 5.00 万元；国有资本经营预算财政拨款支出决算表为空表。"
        "国有资本经营预算财政拨款支出比上年减少 2.00 万元，本年度无结余。\n"
    )
    statements = empty_statements(parse_source(SourceText("t.txt", text, "utf-8", "dump")))
    assert [(s.kind, s.text) for s in statements] == [("capital", "国有资本经营预算财政拨款支出决算表为空表")]


def test_claim_classes_name_their_kind_and_list_their_roles() -> None:
    (share,) = claims("三公经费支出 20.00 万元，其中：因公出国（境）费 15.00 万元，占 75%。", "share")
    assert isinstance(share, ShareClaim) and share.kind == "share"
    assert values(share) == {"part": "15.00", "percent": "75", "whole": "20.00", "lead": "20.00"}
    assert ("whole_phrase", "") in share.details() and share.whole is share.lead
    (amount, *_) = claims("支出 12.00 万元（其中：基本支出 10.00 万元），执行率 100%。", "amount")
    assert isinstance(amount, AmountClaim) and not amount.inner
    inner = claims("支出 12.00 万元（其中：基本支出 10.00 万元），执行率 100%。", "amount")[1]
    assert inner.inner and inner.context.endswith("基本支出")


def test_count_claim_keeps_what_its_sentence_said_before_it() -> None:
    (count,) = claims("开展绩效自评，共涉及项目 3 个，资金 120.00 万元。", "count")
    assert isinstance(count, CountClaim)
    assert count.said == "开展绩效自评共涉及项目" and count.context == "共涉及项目"


def test_lsp_hover_shows_typed_roles() -> None:
    pytest.importorskip("pygls")
    from fiscallint.lsp.server import describe

    (ex,) = claims("年初预算为 120.00 万元，支出决算为 90.00 万元，完成年初预算的 75%。", "execution")
    text = describe(ex)
    assert "- budget: `120.00`" in text and "- phrase（词）: 完成年初预算的" in text and "90.00 / 120.00 = 75.00%" in text


# --- claims the grammar reads inside words: item paths, dates, periods, placeholders ------------

def test_item_path_names_each_step_with_its_level_and_place() -> None:
    text = "主要用于：一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出 88.20 万元。"
    (path,) = claims(text, "item_path")
    assert [(s.level, s.name) for s in path.steps] == [("类", "一般公共服务支出"), ("款", "政府办公厅（室）及相关机构事务"), ("项", "行政运行")]
    assert path.steps[0].span.column == text.index("一般") + 1 and path.steps[2].span.column == text.index("行政运行") + 1
    (amount,) = claims(text, "amount")  # the path's words stay the amount's subject
    assert amount.context.endswith("行政运行（项）支出")


def test_a_bracketed_word_without_a_class_mark_is_no_item_path() -> None:
    assert claims("公用经费（含）支出 5.00 万元，行政运行（项）支出 3.00 万元。", "item_path") == []


def test_dates_as_of_and_periods() -> None:
    (date,) = claims("截至 2024 年 12 月 31 日，本部门共有车辆 2 辆。", "date")
    assert date.as_of and (int(date.year.value), date.month, date.day) == (2024, 12, 31)
    (period,) = claims("项目实施期为2025年1月1日-2025年12月31日，预算安排 40.00 万元。", "period")
    assert (int(period.start.year.value), int(period.end.year.value)) == (2025, 2025) and period.end.month == 12
    (joined,) = claims("实施期：2024年7月1日至2026年6月30日。", "period")
    assert joined.text == "2024年7月1日至2026年6月30日"


def test_a_date_without_a_year_and_dates_apart_make_no_period() -> None:
    assert claims("每月 5 日前报送，12月31日截止。", "date") == []
    text = "2024年1月1日起施行，2024年12月31日止。"
    assert len(claims(text, "date")) == 2 and claims(text, "period") == []


def test_placeholders_and_figure_slots() -> None:
    found = claims("某某区XX局2024年度收入 XX 万元，支出XXX%。", "placeholder")
    assert [(c.text, c.figure) for c in found] == [("某某", False), ("XX", False), ("XX", True), ("XXX", True)]
    assert claims("采购 XXL 型号设备，编号 AXX-2。", "placeholder") == []


def test_section_titles_carry_their_claims_at_their_columns() -> None:
    report = parse_source(SourceText("t.txt", "一、某某局 2024 年度部门决算情况说明\n收入 5.00 万元。\n", "utf-8", "dump"))
    (section,) = report.root.children
    kinds = {c.kind: c for c in section.claims}
    assert kinds["placeholder"].span.column == 3 and kinds["year"].year.span.column == 7


def test_a_delta_knows_what_it_is_compared_against() -> None:
    (change,) = claims("本年支出 120.00 万元，比2025年预算增加 20.00 万元。", "change")
    assert change.against == "2025年预算"
    (change,) = claims("本年支出 120.00 万元，与上年相比，支出增加 20.00 万元。", "change")
    assert change.against == "上年"
    (change,) = claims("本年支出 120.00 万元，增加 20.00 万元。", "change")
    assert change.against is None


def test_an_amount_said_to_be_unchanged_names_what_it_equals() -> None:
    (amount,) = claims("机关运行经费 11.49 万元，与2025年预算持平。", "amount")
    assert amount.same_as == "2025年预算"
    (amount,) = claims("机关运行经费 11.49 万元，与上年基本持平。", "amount")
    assert amount.same_as is None


def test_an_amount_introduced_by_an_item_path_links_the_path() -> None:
    (amount,) = claims("2.“教育支出（类）普通教育（款）小学教育（项）”：42.30 万元，主要用于日常运转。", "amount")
    assert amount.path is not None and [s.level for s in amount.path.steps] == ["类", "款", "项"]
    assert amount.path.steps[-1].name == "小学教育"
    (amount,) = claims("教育（类）支出为 88.00 万元。", "amount")
    assert amount.path is not None and [s.name for s in amount.path.steps] == ["教育"]


def test_a_path_followed_by_other_words_or_after_other_words_introduces_no_amount() -> None:
    (amount,) = claims("教育支出（类）普通教育（款）小学教育（项）支出决算为 40.10 万元。", "amount")
    assert amount.path is None  # the item's 决算, not the amount the path introduces
    (amount,) = claims("本年支出主要用于：教育（类）88.00 万元。", "amount")
    assert amount.path is None  # the class is listed in a sentence about something else
    (path,) = claims("本年支出主要用于：教育（类）88.00 万元。", "item_path")
    assert path.steps[0].name == "教育"


def test_an_amount_links_the_years_of_its_own_words() -> None:
    year, amount = claims("2031年度本年支出决算数为 75.00 万元。")
    assert isinstance(amount, AmountClaim) and amount.years == [year]
    assert int(year.year.value) == 2031


def test_a_year_in_an_earlier_clause_is_not_an_amounts_year() -> None:
    (amount,) = claims("截至2031年底，本年支出 75.00 万元。", "amount")
    assert amount.years == []


def test_a_comparison_links_the_year_it_names() -> None:
    (change,) = claims("本年支出 120.00 万元，比 2030 年预算增加 20.00 万元。", "change")
    assert change.against == "2030年预算" and change.against_year is not None
    assert int(change.against_year.year.value) == 2030 and change.against_year.role == "compare"
    (amount,) = claims("机关运行经费 6.20 万元，与2030年预算持平。", "amount")
    assert amount.same_as_year is not None and int(amount.same_as_year.year.value) == 2030


def test_a_comparison_that_names_no_year_links_none() -> None:
    (change,) = claims("本年支出 120.00 万元，与上年相比，支出增加 20.00 万元。", "change")
    assert change.against == "上年" and change.against_year is None
    (amount,) = claims("机关运行经费 6.20 万元，与上年持平，2030年同。", "amount")
    assert amount.same_as == "上年" and amount.same_as_year is None


def test_an_amount_carries_the_basis_and_budget_its_words_name() -> None:
    found = [c for c in claims(
        "年初预算为 120.00 万元，全年预算为 130.00 万元，支出决算为 110.00 万元，预算执行数为 108.00 万元，"
        "项目支出 20.00 万元，一般公共预算财政拨款支出 90.00 万元，年初结转和结余 5.00 万元，申报资金 3.00 万元。"
    ) if isinstance(c, AmountClaim)]
    assert [(c.basis, c.stage) for c in found] == [
        ("budget", "initial"), ("budget", "adjusted"), ("actual", ""), ("actual", ""),
        ("", ""), ("", ""), ("", ""), ("budget", ""),
    ]


def test_an_amount_says_when_its_words_name_last_year() -> None:
    found = [c for c in claims("上年决算数为 12.00 万元，去年支出 3.00 万元，上年结转 2.00 万元，本年支出 9.00 万元。") if isinstance(c, AmountClaim)]
    assert [c.prior for c in found] == [True, True, False, False]  # 上年结转 is this year's income


def test_a_bracket_opened_before_an_amounts_words_is_not_its_subject() -> None:
    found = [c for c in claims("执行数为 1820.40 万元（占全年预算数 1892.30 万元的 96.80%）。") if isinstance(c, AmountClaim)]
    assert [c.subject for c in found] == ["执行数", "全年预算数"]
