"""Table-arithmetic rules (FL201–FL205): each fires on a broken table and stays quiet on a near miss."""

from __future__ import annotations

from fiscallint.findings import Severity
from fiscallint.testing import lint_text


def codes(text: str, select: str) -> list[str]:
    return [f.code for f in lint_text(text, select=[select])]


HIERARCHY = """2030年度支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出
栏次 1 2 3 4 5 6
合计 90.00 60.00 30.00
212 城乡社区支出 90.00 60.00 30.00
21201 城乡社区管理事务 90.00 60.00 30.00
2120101 行政运行 60.00 60.00
2120104 城管执法 {value} {value}
"""


def test_fl201_fires_when_children_do_not_add_up() -> None:
    findings = lint_text(HIERARCHY.format(value="31.00"), select=["FL201"])
    assert [f.code for f in findings] == ["FL201"]
    assert "60.00（2120101） + 31.00（2120104） = 91.00" in findings[0].message
    assert findings[0].severity is Severity.ERROR


def test_fl201_allows_tail_rounding() -> None:
    assert codes(HIERARCHY.format(value="30.02"), "FL201") == []


def test_fl201_economic_classes_of_table_06() -> None:
    text = """2030年度一般公共预算财政拨款基本支出决算表
公开06表
单位：万元
科目代码 科目名称 决算数 科目代码 科目名称 决算数
301 工资福利支出 50.00 302 商品和服务支出 8.00
30101 基本工资 30.00 30201 办公费 8.00
30102 津贴补贴 20.00
人员经费合计 50.00 公用经费合计 {public}
"""
    assert codes(text.format(public="9.00"), "FL201") == ["FL201"]
    assert codes(text.format(public="8.00"), "FL201") == []


def test_fl202_position_free_check_in_a_dump() -> None:
    # 6 columns, 3 values: their columns are unknown, but the first must be the sum of the others
    assert codes(HIERARCHY.replace("合计 90.00 60.00 30.00", "合计 90.00 50.00 30.00"), "FL202") == ["FL202"]
    assert codes(HIERARCHY.format(value="30.00"), "FL202") == []


SANGONG = """2030年度财政拨款“三公”经费支出决算表
公开09表
单位：万元
1 2 3 4 5 6 7 8 9 10 11 12
20.00 8.00 5.00 5.00 7.00 {actual} 6.00 5.00 5.00 7.00
"""


def test_fl202_no_arrangement_satisfies_the_template() -> None:
    assert codes(SANGONG.format(actual="19.00"), "FL202") == ["FL202"]
    assert codes(SANGONG.format(actual="18.00"), "FL202") == []


def test_fl202_leaves_tables_with_printed_identities_to_fl203() -> None:
    text = SANGONG.format(actual="19.00") + "注：1栏＝（2＋3＋6）栏；3栏＝（4＋5）栏；7栏＝（8＋9＋12）栏；9栏=（10+11）栏。\n"
    assert codes(text, "FL202") == []
    assert codes(text, "FL203") == ["FL203"]


def test_fl203_row_identity_and_missing_row() -> None:
    text = """2030年度收入支出决算总表
公开01表
单位：万元
项目 行次 金额 项目 行次 金额
一、一般公共预算财政拨款收入 1 300.00 一、一般公共服务支出 4 300.00
二、上级补助收入 2 5.00 二、外交支出 5
本年收入合计 3 {total} 本年支出合计 6 300.00
注：3行＝（1＋2）行；6行＝（4＋5）行。
"""
    assert codes(text.format(total="300.00"), "FL203") == ["FL203"]
    assert codes(text.format(total="305.00"), "FL203") == []
    missing = lint_text(text.format(total="305.00").replace("6行＝（4＋5）行", "6行＝（4＋5＋7）行"), select=["FL203"])
    assert [(f.code, f.severity) for f in missing] == [("FL203", Severity.WARNING)]


def test_fl203_column_identity_with_minus() -> None:
    text = """2030年度政府性基金预算财政拨款收入支出决算表
公开07表
单位：万元
科目编码 科目名称 年初结转和结余 本年收入 小计 基本支出 项目支出 年末结转和结余
栏次 1 2 3 4 5 6
合计 10.00 40.00 30.00 20.00 10.00 {end}
注：6栏各行＝（1＋2－3）栏各行；3栏各行＝（4＋5）栏各行。
"""
    assert codes(text.format(end="25.00"), "FL203") == ["FL203"]
    assert codes(text.format(end="20.00"), "FL203") == []


def test_fl205_income_total_without_printed_identity() -> None:
    text = """2030年度收入支出决算总表
公开01表
单位：万元
项目 行次 金额 项目 行次 金额
一、一般公共预算财政拨款收入 1 300.00 一、一般公共服务支出 5 300.00
二、事业收入 2 {other} 二、外交支出 6
本年收入合计 3 300.00 本年支出合计 7 300.00
年初结转和结余 4 年末结转和结余 8
总计 9 300.00 总计 10 300.00
"""
    findings = lint_text(text.format(other="12.00"), select=["FL205"])
    assert [f.code for f in findings] == ["FL205"]
    assert "300.00（一、一般公共预算财政拨款收入） + 12.00（二、事业收入） = 312.00" in findings[0].message
    assert codes(text.format(other=""), "FL205") == []


def test_fl204_total_of_classes_still_holds() -> None:
    assert codes(HIERARCHY.replace("合计 90.00", "合计 95.00"), "FL204") == ["FL204"]
    assert codes(HIERARCHY.format(value="30.00"), "FL204") == []
