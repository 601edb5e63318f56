"""facts.year_mentions and facts.count_breakdowns read the year and count claims."""

from __future__ import annotations

from fiscallint import facts
from fiscallint.parser import parse_source
from fiscallint.source import SourceText


def report(text: str):  # type: ignore[no-untyped-def]
    return parse_source(SourceText("t.txt", text, "utf-8", "dump"))


def mentions(text: str) -> list[tuple[int, str, str]]:
    return [(m.year, m.kind, m.text) for m in facts.year_mentions(report(text))]


def test_final_report_counts_its_own_basis_and_titles() -> None:
    text = "2024年度部门决算公开\n一、2023年度部门决算情况说明\n收入 10.00 万元，比2023年度决算数增加 1.00 万元，比2024年预算数减少 2.00 万元。\n"
    found = mentions(text)
    assert (2023, "compare", "比2023年度决算数") in found
    assert (2023, "self", "2023年度部门决算情况说明") in found  # a section title
    assert all(year != 2024 or kind != "compare" for year, kind, _ in found)  # 比…预算数: not a comparison year


def test_budget_report_reads_the_budget_forms() -> None:
    # (a report without tables that never says 决算 is a 部门预算 report)
    text = "2025年部门预算公开\n一、2025年部门预算情况说明\n收入 10.00 万元，比2024年预算数增加 1.00 万元。\n"
    found = mentions(text)
    assert (2024, "compare", "比2024年预算数") in found
    assert (2025, "self", "2025年部门预算情况说明") in found


def test_count_breakdowns_keep_the_checked_units() -> None:
    text = "一、情况说明\n共有车辆 3 辆，其中：机要通信用车 1 辆、其他用车 2 辆。共有人员 9 人，其中：在职 8 人。\n"
    (item,) = facts.count_breakdowns(report(text))
    assert item.unit == "辆" and item.total.text == "3" and [n.text for n in item.parts] == ["1", "2"]
