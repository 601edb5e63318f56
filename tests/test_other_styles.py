"""More phrasings and layouts of other departments' reports: 分别占 naming its whole before the
percentages, codes written with dots (201.01.08). Each consistent case must stay quiet, each near
miss with one figure changed must fire."""

from __future__ import annotations

import pytest

from fiscallint.testing import lint_text


def codes(text: str, select: list[str] | None = None) -> list[str]:
    return [f.code for f in lint_text(text, select)]


# ---------------------------------------------------------------- 分别占 with the whole named

@pytest.mark.parametrize(
    "text",
    [
        "本年支出合计200.00万元，其中：基本支出50.00万元，项目支出150.00万元，分别占本年支出合计25.00%和75.00%。",
        "本年支出合计200.00万元，其中：基本支出50.00万元，项目支出150.00万元，分别占本年支出合计的25.00%、75.00%。",
        "本年支出合计200.00万元，其中：基本支出50.00万元、项目支出150.00万元，分别占25.00%、75.00%。",
    ],
)
def test_respective_shares_after_the_wholes_name(text: str) -> None:
    assert codes(text, ["FL101"]) == []
    assert codes(text.replace("25.00%", "26.00%"), ["FL101"]) == ["FL101"]


# ---------------------------------------------------------------- codes written with dots

DOTTED = """公开05表
一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t小计\t基本支出\t项目支出
201\t一般公共服务支出（类）\t90.00\t60.00\t30.00
201.03\t政府办公厅（室）及相关机构事务（款）\t90.00\t60.00\t30.00
201.03.01\t行政运行（项）\t60.00\t60.00\t
201.03.50\t事业运行（项）\t30.00\t\t30.00
合计\t\t90.00\t60.00\t30.00
"""


@pytest.mark.parametrize("sep", ["\t", " "])
def test_codes_with_dots_key_their_rows(sep: str) -> None:
    text = DOTTED.replace("\t", sep)
    assert codes(text, ["FL2"]) == []
    bad = text.replace(f"201.03.50{sep}事业运行（项）{sep}30.00", f"201.03.50{sep}事业运行（项）{sep}35.00")
    assert "FL201" in codes(bad, ["FL2"])


def test_an_amount_with_two_decimals_under_a_name_is_no_code() -> None:
    text = "公开05表\n一般公共预算财政拨款支出决算表\n单位：万元\n科目编码 科目名称 小计 基本支出 项目支出\n201 一般公共服务支出 201.03 201.03\n20103 政府办公厅（室）及相关机构事务 201.03 201.03\n合计 201.03 201.03\n"
    assert codes(text, ["FL2"]) == []
