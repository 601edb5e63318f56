"""Document-level rules FL501–FL507: each fires on a contradiction and stays clean on a near miss."""

from __future__ import annotations

from fiscallint.testing import lint_text

HEAD = "2024年度部门决算公开\n一、2024年度部门决算情况说明\n"


def codes(text: str, code: str) -> list[str]:
    return [f.code for f in lint_text(text, select=[code]) if f.code == code]


def test_fl501_report_year() -> None:
    text = HEAD + "本部门2024年度收入合计 100.00 万元。\n二、{y}年度部门决算情况说明\n本部门2024年度支出合计 100.00 万元。\n"
    found = lint_text(text.format(y="2023"), select=["FL501"])
    assert found and found[0].fix is not None and found[0].fix.replacement == "2024"
    assert not codes(text.format(y="2024"), "FL501")
    # Prior-year 决算数 is a comparison, not the report naming itself.
    assert not codes(HEAD + "收入合计 100.00 万元，比2023年度决算数增加 5.00 万元。\n", "FL501")


def test_fl501_names_of_a_budget_report() -> None:
    """A budget report names itself in YYYY年部门预算编制说明 too; another year there is a slip."""
    text = "2026年部门预算\n一、{y}年部门预算编制说明\n2026年部门收入预算 100.00 万元，比2025年预算增加 5.00 万元。\n"
    assert codes(text.format(y="2025"), "FL501")
    assert not codes(text.format(y="2026"), "FL501")


def test_fl502_comparison_year() -> None:
    text = HEAD + "2024年度支出合计 100.00 万元，与 {y} 年度相比，减少 5.00 万元。\n"
    assert codes(text.format(y="2022"), "FL502")
    assert not codes(text.format(y="2023"), "FL502")
    # "2023年与2024年均未安排" is not a comparison with a year.
    assert not codes(HEAD + "2023年与2024年均未安排公务用车购置费支出。\n", "FL502")


def test_fl502_comparison_year_of_an_unchanged_figure() -> None:
    """与YYYY年预算持平 compares with that year as 与…相比 does."""
    text = HEAD + "2024年度公务接待费 2.00 万元，与{y}年决算持平。\n"
    assert codes(text.format(y="2022"), "FL502")
    assert not codes(text.format(y="2023"), "FL502")
    assert not codes(HEAD + "2024年度公务接待费 2.00 万元，与上年持平。\n", "FL502")


def test_fl503_unit() -> None:
    table = "支出决算表\n公开03表\n单位：{unit}\n科目编码 科目名称 本年支出合计\n合计 {v}\n201 一般公共服务支出 {v}\n"
    narrative = "\n一、支出决算情况说明\n2024年度支出合计 456.78 万元。\n"
    assert codes(table.format(unit="万元", v="4567800.00") + narrative, "FL503")
    assert codes(table.format(unit="元", v="456.78") + narrative, "FL503")
    assert not codes(table.format(unit="元", v="4567800.00") + narrative, "FL503")
    assert not codes(table.format(unit="万元", v="456.78") + narrative, "FL503")


def test_fl504_missing_and_order() -> None:
    def table(n: str) -> str:
        return f"表{n}\n公开{n}表\n单位：万元\n科目编码 科目名称 金额\n合计 1.00\n\n"

    assert codes(table("01") + table("03"), "FL504")
    assert codes(table("02") + table("01"), "FL504")
    assert not codes(table("01") + table("02") + table("03"), "FL504")
    nine = "".join(table(f"{n:02d}") for n in (1, 2, 3, 4, 5, 6, 9))
    assert codes(nine, "FL504")
    stated = "\n一、说明\n本单位当年无政府性基金预算财政拨款收入支出。\n本单位当年无国有资本经营预算财政拨款支出。\n"
    assert not codes(nine + stated, "FL504")


def test_an_item_path_alone_on_its_paragraph_takes_the_explanation_after_it() -> None:
    """An extraction that broke the line after a path's 。 made two paragraphs: the one after,
    opening with 主要用于, gives the path its purpose and its 决算 amount (so FL505 checks a
    path whose amount is not zero)."""
    from fiscallint.item_paths import item_paths
    from fiscallint.parser import parse_source
    from fiscallint.source import SourceText

    split = "一、具体情况\n1.一般公共服务支出(类)财政事务（款）行政运行（项）。\n\n主要用于：机关日常运转。支出决算为 50.00 万元。\n"
    [path] = item_paths(parse_source(SourceText("r.txt", split, "utf-8", "dump")))
    assert path.purpose == "机关日常运转" and path.actual is not None and path.actual.text == "50.00"
    apart = split.replace("\n\n主要用于", "\n\n二、说明\n主要用于")
    [path] = item_paths(parse_source(SourceText("r.txt", apart, "utf-8", "dump")))
    assert path.purpose == "" and path.actual is None


def test_fl505_item_paths() -> None:
    table = "支出决算表\n公开03表\n单位：万元\n科目编码 科目名称 本年支出合计\n合计 50.00\n201 一般公共服务支出 50.00\n20103 政府办公厅（室）及相关机构事务 50.00\n2010301 行政运行 50.00\n\n一、具体情况\n"
    wrong = "1.一般公共服务支出(类)财政事务（款）行政运行（项）。支出决算为 50.00 万元。\n"
    right = "1.一般公共服务(类)政府办公厅(室)及相关机构事务(款)行政运行(项)。支出决算为 50.00 万元。\n"
    twice = "1.一般公共服务支出(类)政府办公厅（室）及相关机构事务（款）行政运行（项）机关服务（项）。支出决算为 50.00 万元。\n"
    unspent = "1.一般公共服务支出(类)政府办公厅（室）及相关机构事务（款）机关服务（项）。支出决算为 0 万元。\n"
    found = lint_text(table + wrong, select=["FL505"])
    assert [f.severity.value for f in found] == ["error"]
    assert not codes(table + right, "FL505")
    assert [f.severity.value for f in lint_text(table + twice, select=["FL505"])] == ["warning"]
    assert not codes(table + unspent, "FL505")


def test_fl506_subset() -> None:
    text = "一、政府采购支出说明\n本部门政府采购支出总额 {t} 万元。授予中小企业合同金额 {s} 万元，其中：授予小微企业合同金额 {m} 万元。\n"
    assert codes(text.format(t="5.00", s="6.00", m="1.00"), "FL506")
    # 小微 written as 其中 of 中小企业 is FL106's finding, not repeated by FL506
    assert not codes(text.format(t="5.00", s="0", m="0.45"), "FL506")
    assert codes(text.format(t="5.00", s="0", m="0.45"), "FL106")
    loose = "一、政府采购支出说明\n本部门政府采购支出总额 5.00 万元。授予中小企业合同金额 0 万元。授予小微企业合同金额 0.45 万元。\n"
    assert codes(loose, "FL506")
    assert not codes(text.format(t="5.00", s="5.00", m="5.00"), "FL506")


def test_fl507_counts() -> None:
    text = "一、国有资产占用情况说明\n本部门共有车辆 {n} 辆，其中：机要通信用车 1 辆、其他用车 2 辆。\n"
    assert [f.severity.value for f in lint_text(text.format(n="2"), select=["FL507"])] == ["error"]
    assert [f.severity.value for f in lint_text(text.format(n="4"), select=["FL507"])] == ["warning"]
    assert not codes(text.format(n="3"), "FL507")
    visits = "一、接待\n接待团组 38 个 386 人次，其中：外事接待团组 31 个 327 人次。\n"
    assert not codes(visits, "FL507")
