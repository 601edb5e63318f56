"""Cross-table rules FL301–FL309: each fires on a contradiction and stays clean on a near miss."""

from __future__ import annotations

from fiscallint.testing import lint_text

T01 = """收入支出决算总表
公开01表
单位：万元
项目 行次 金额 项目 行次 金额
一、一般公共预算财政拨款收入 1 {inc} 一、一般公共服务支出 32 {gps}
八、其他收入 8 八、住房保障支出 50 {house}
本年收入合计 27 {inc} 本年支出合计 58 {exp}
"""
T02 = """收入决算表
公开02表
单位：万元
科目编码\t科目名称\t本年收入合计\t财政拨款收入\t其他收入
合计\t\t{total}\t{approp}\t{other}
"""
T03 = """支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计
合计 {total}
201 一般公共服务支出 {gps}
221 住房保障支出 {house}
"""
T04 = """财政拨款收入支出决算总表
公开04表
单位：万元
项目 行次 金额 项目 行次 金额
一、一般公共预算财政拨款 1 {inc} 一、一般公共服务支出 33 {gps}
本年收入合计 27 {inc} 本年支出合计 59 {exp}
"""
T05 = """一般公共预算财政拨款支出决算表
公开05表
单位：万元
科目编码 科目名称 小计 基本支出 项目支出
合计 {total} {basic} {project}
201 一般公共服务支出 {gps} {basic} {project}
"""
T06 = """一般公共预算财政拨款基本支出决算明细表
公开06表
单位：万元
科目编码 科目名称 决算数
人员经费合计 {staff}
公用经费合计 {public}
"""
EMPTY_0708 = """政府性基金预算财政拨款收入支出决算表
公开07表
单位：万元
注：本单位无此项内容，本表无数据。

国有资本经营预算财政拨款支出决算表
公开08表
单位：万元
注：本单位无此项内容，本表无数据。
"""
T09 = """财政拨款“三公”经费支出决算表
公开09表
单位：万元
预算数 决算数
1 2 3 4 5 6 7 8 9 10 11 12
8.00 4.00 2.00 2.00 2.00 7.50 3.50 2.00 2.00 2.00
"""


def codes(text: str, code: str) -> list[str]:
    return [f.code for f in lint_text(text, select=[code]) if f.code == code]


def test_fl301_income_total() -> None:
    t01 = T01.format(inc="90.00", gps="80.00", house="10.00", exp="90.00")
    assert codes(t01 + "\n" + T02.format(total="91.00", approp="91.00", other=""), "FL301")
    assert not codes(t01 + "\n" + T02.format(total="90.00", approp="90.00", other=""), "FL301")


def test_fl302_and_fl303_expenditure() -> None:
    t01 = T01.format(inc="90.00", gps="80.00", house="10.00", exp="90.00")
    assert codes(t01 + "\n" + T03.format(total="95.00", gps="80.00", house="15.00"), "FL302")
    assert codes(t01 + "\n" + T03.format(total="90.00", gps="75.00", house="15.00"), "FL303")
    clean = t01 + "\n" + T03.format(total="90.00", gps="80.00", house="10.00")
    assert not codes(clean, "FL302") and not codes(clean, "FL303")
    # Tail rounding of one unit in the last digit is not a contradiction.
    assert not codes(t01 + "\n" + T03.format(total="90.01", gps="80.00", house="10.01"), "FL302")


def test_fl304_appropriation() -> None:
    t04 = T04.format(inc="90.00", gps="90.00", exp="90.00")
    assert codes(T02.format(total="95.00", approp="85.00", other="10.00") + "\n" + t04, "FL304")
    assert not codes(T02.format(total="100.00", approp="90.00", other="10.00") + "\n" + t04, "FL304")


def test_fl305_general_budget_only_when_determinable() -> None:
    t04 = T04.format(inc="90.00", gps="90.00", exp="90.00")
    bad = t04 + "\n" + T05.format(total="85.00", basic="60.00", project="25.00", gps="85.00")
    assert codes(bad + "\n" + EMPTY_0708, "FL305")
    # Without the empty 07/08 tables the 一般公共预算 column of a flattened row is unknown.
    assert not codes(bad, "FL305")
    good = t04 + "\n" + T05.format(total="90.00", basic="60.00", project="30.00", gps="90.00")
    assert not codes(good + "\n" + EMPTY_0708, "FL305")


def test_fl306_basic_expenditure() -> None:
    t05 = T05.format(total="90.00", basic="60.00", project="30.00", gps="90.00")
    assert codes(t05 + "\n" + T06.format(staff="50.00", public="9.00"), "FL306")
    assert not codes(t05 + "\n" + T06.format(staff="50.00", public="10.01"), "FL306")


def test_fl307_three_public() -> None:
    narrative = "\n一、“三公”经费支出决算情况说明\n2024年度“三公”经费财政拨款支出全年预算为 8.00 万元，支出决算为 {total} 万元。\n因公出国（境）费支出决算为 {abroad} 万元。\n公务接待费全年预算为 {rec} 万元。\n"
    found = lint_text(T09 + narrative.format(total="7.50", abroad="3.00", rec="3.00"), select=["FL307"])
    assert {f.message.split(" ")[0] for f in found} == {"因公出国（境）费决算数", "公务接待费全年预算数"}
    assert all(f.related for f in found)
    assert not codes(T09 + narrative.format(total="7.5", abroad="3.50", rec="2.00"), "FL307")


def test_fl308_running_costs_is_a_warning() -> None:
    text = T06.format(staff="50.00", public="10.00") + "\n一、机关运行经费支出说明\n本部门2024年度机关运行经费支出 {v} 万元，比上年决算数减少 1.00 万元。\n"
    found = lint_text(text.format(v="12.00"), select=["FL308"])
    assert [f.severity.value for f in found] == ["warning"]
    assert not codes(text.format(v="10.00"), "FL308")
    assert not codes(text.format(v="8.00"), "FL308")  # a department with 事业单位: a part of 公用经费


def test_fl309_empty_statement_vs_figures() -> None:
    table = "政府性基金预算财政拨款收入支出决算表\n公开07表\n单位：万元\n科目编码 科目名称 本年收入 本年支出\n合计 5.00 5.00\n229 其他支出 5.00 5.00\n"
    said_empty = "\n一、政府性基金预算财政拨款收入支出决算情况说明\n本单位当年无政府性基金预算财政拨款收入支出。\n"
    said_amount = "\n一、政府性基金预算财政拨款收入支出决算情况说明\n本单位当年政府性基金预算财政拨款支出 5.00 万元。\n"
    assert codes(table + said_empty, "FL309")
    assert not codes(table + said_amount, "FL309")
    empty_table = EMPTY_0708.split("\n\n")[0] + "\n"
    assert codes(said_amount + "\n" + empty_table, "FL309")
    assert not codes(said_empty + "\n" + empty_table, "FL309")


def test_fl310_three_public_lines_of_06_within_the_three_public_table() -> None:
    t06 = """一般公共预算财政拨款基本支出决算明细表
公开06表
单位：万元
科目编码 科目名称 决算数
302 商品和服务支出 {total}
30212 因公出国（境）费用 {abroad}
30217 公务接待费 1.00
公用经费合计 {total}
"""
    t09 = T09.replace("8.00 4.00 2.00 2.00 2.00 7.50 3.50 2.00 2.00 2.00", "8.00 3.00 3.00 1.00 2.00 2.00 7.00 3.00 2.50 1.00 1.50 1.50")
    found = lint_text(t06.format(total="4.50", abroad="3.50") + "\n" + t09, select=["FL310"])
    assert [f.code for f in found] == ["FL310"] and "30212" in found[0].message and found[0].related
    assert not codes(t06.format(total="4.00", abroad="3.00") + "\n" + t09, "FL310")  # equal: all of it from basic spending
    assert not codes(t06.format(total="3.00", abroad="2.00") + "\n" + t09, "FL310")  # the rest from project spending
