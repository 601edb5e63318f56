"""Report styles seen in text layers and smaller units: figures whose 0 and 1 text recognition
read as letters (85O.OO 万元, l50 人次), amounts in 万元 written 万 alone (30.5万，), tables
printed in 千元, percentages in Chinese numerals (百分之七点三二) and a change sentence with
neither figure nor subject. Each case must parse (or fire); each near miss must not."""

from __future__ import annotations

import pytest

from fiscallint.ast import AmountClaim
from fiscallint.parser import parse_source
from fiscallint.parser.lines import arabic_percentages, ocr_figures
from fiscallint.source import SourceText, detect_shape
from fiscallint.testing import lint_text


def parse(text: str, name: str = "report.txt"):  # type: ignore[no-untyped-def]
    return parse_source(SourceText(name, text, "utf-8", detect_shape(name, text)))


def codes(text: str, select: list[str] | None = None) -> list[str]:
    return [f.code for f in lint_text(text, select)]


def amounts(text: str) -> list[tuple[str, str]]:
    return [(str(c.value.value), c.unit) for c in parse(text).claims() if isinstance(c, AmountClaim)]


# ---------------------------------------------------------------- letters read for 0 and 1


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("收、支总计均为85O.OO万元。", "收、支总计均为850.00万元。"),
        ("共接待2O批次、l50人次", "共接待20批次、150人次"),
        ("执行率l00.00%", "执行率100.00%"),
    ],
)
def test_letters_inside_a_figure_are_read_as_digits(text: str, read: str) -> None:
    assert ocr_figures(text) == read


@pytest.mark.parametrize("text", ["PM2.5浓度下降8%", "推广O2O模式10个", "Ol版本", "第lO期", "IO个"])
def test_words_with_letters_and_digits_are_left_alone(text: str) -> None:
    assert ocr_figures(text) == text


SHARES = "本年支出合计83O.00万元，其中：基本支出600.00万元，占72.29%；项目支出230.00万元，占27.7l%。\n"


def test_a_figure_with_a_letter_for_a_digit_is_checked_as_its_digits() -> None:
    assert codes(SHARES) == []
    assert "FL101" in codes(SHARES.replace("占72.29%", "占75.29%"), ["FL101"])


# ---------------------------------------------------------------- 万 alone


BARE_WAN = "2026年收入预算320.5万，其中：一般公共预算拨款收入300.5万，占93.76%；事业收入20万，占6.24%。\n"


def test_an_amount_written_with_wan_alone_is_an_amount_in_wan() -> None:
    assert amounts(BARE_WAN) == [("320.5", "万元"), ("300.5", "万元"), ("20", "万元")]
    assert codes(BARE_WAN) == []
    assert "FL101" in codes(BARE_WAN.replace("占6.24%", "占7.24%"), ["FL101"])


def test_wan_before_another_word_is_not_an_amount() -> None:
    text = "全年服务群众5万人次，发放资料1.2万册，其中：宣传册0.8万册。\n"
    assert amounts(text) == []


# ---------------------------------------------------------------- tables in 千元


THOUSANDS = (
    "公开01表\n收入支出决算表\n单位：千元\n项目 决算数 项目 决算数\n"
    "一、一般公共预算财政拨款收入 1200.0 一、一般公共服务支出 1200.0\n"
    "本年收入合计 1200.0 本年支出合计 1200.0\n"
    "年初结转和结余 50.0 年末结转和结余 50.0\n"
    "总计 1250.0 总计 1250.0\n\n"
    "第三部分 2025年度部门决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "2025年度收、支总计均为125.00万元。\n"
)


def test_a_table_in_thousands_is_compared_in_wan() -> None:
    assert [t.unit for t in parse(THOUSANDS).tables if t.rows] == ["千元"]
    assert codes(THOUSANDS, ["FL108", "FL503"]) == []


def test_a_narrative_amount_that_differs_from_a_table_in_thousands_is_found() -> None:
    found = lint_text(THOUSANDS.replace("均为125.00万元", "均为126.00万元"), ["FL108"])
    assert [f.code for f in found] == ["FL108"]
    assert "1250.0 千元" in found[0].message


# ---------------------------------------------------------------- a change with neither figure nor subject


PARTS_THEN_CHANGE = (
    "七、“三公”经费支出决算情况说明\n"
    "“三公”经费财政拨款支出决算为17.00万元，其中：公务用车运行维护费12.00万元，公务接待费5.00万元。"
    "较上年决算数减少了3.00万元，降幅为15.0%。\n"
)


def test_a_change_after_several_subjects_is_not_given_the_last_of_them() -> None:
    assert codes(PARTS_THEN_CHANGE, ["FL103", "FL104"]) == []


def test_a_change_after_one_subject_is_still_checked_against_it() -> None:
    text = "一、收入支出决算总体情况说明\n2025年度收、支总计均为850.00万元。较上年决算数增加40.00万元，增幅5.9%。\n"
    assert "FL103" in codes(text, ["FL103"])
    assert codes(text.replace("增幅5.9%", "增幅4.9%"), ["FL103"]) == []


# ---------------------------------------------------------------- percentages in Chinese numerals


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("增长百分之七点三二。", "增长  7.32%。"),
        ("占百分之十五", "占  15%"),
        ("执行率为百分之百", "执行率为100%"),
        ("百分之零点五", "  0.5%"),
    ],
)
def test_a_percentage_in_chinese_numerals_is_read_as_a_figure(text: str, read: str) -> None:
    assert arabic_percentages(text) == read


@pytest.mark.parametrize("text", ["百分之二五", "百分之十十", "百分之几", "百分比"])
def test_other_chinese_numerals_after_bai_fen_zhi_are_left_alone(text: str) -> None:
    assert arabic_percentages(text) == text


def test_a_change_rate_in_chinese_numerals_is_checked() -> None:
    text = "一、收支预算总体情况\n2026年支出预算300.50万元，比上年预算增加20.50万元，增长百分之七点三二。\n"
    assert codes(text, ["FL103"]) == []
    assert "FL103" in codes(text.replace("七点三二", "七点二三"), ["FL103"])
