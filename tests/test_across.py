"""Cross-report checks: the facts store, identity matching and the FL6xx rules on our own fixtures.

tests/fixtures/across holds one department (南屏市文化和旅游局: budgets 2024 and 2025, final account
2024) and two of its units (budgets 2024), all consistent. Each test plants one cross-report error
by editing a copy, and checks that its rule fires there, naming both reports, and nowhere else.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.across.figures import figures
from fiscallint.across.identity import identify, name_key, names_match
from fiscallint.across.index import index_paths
from fiscallint.figures import measure_named
from fiscallint.subjects import measure_subject
from fiscallint.cli import main
from fiscallint.parser import parse_source
from fiscallint.source import SourceText

FIXTURES = Path(__file__).parent / "fixtures" / "across"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "reports"
    shutil.copytree(FIXTURES, target)
    return target


def plant(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def cross_findings(folder: Path, jobs: str = "1") -> list[str]:
    db = folder.parent / "facts.sqlite"
    indexed = invoke("index", str(folder), "--db", str(db), "-j", jobs)
    assert indexed.exit_code == 0, indexed.output
    checked = invoke("check", str(folder), "--db", str(db), "--select", "FL6", "-j", jobs)
    assert checked.exit_code in (0, 1), checked.output
    return checked.output.splitlines()


def test_clean_set_is_silent(folder: Path) -> None:
    assert cross_findings(folder) == []


def test_unit_exceeding_its_department(folder: Path) -> None:
    plant(folder / "unit-culture-center-budget-2024.txt", "“三公”经费预算2.00万元", "“三公”经费预算13.00万元")
    lines = cross_findings(folder)
    assert len(lines) == 1, lines
    assert "unit-culture-center-budget-2024.txt:31:" in lines[0] and "FL601" in lines[0]
    assert "dept-budget-2024.txt:64:" in lines[0] and "13.00 − 12.00 = 1.00" in lines[0]


def test_unit_matched_through_its_named_parent(folder: Path) -> None:
    plant(folder / "unit-library-budget-2024.txt", "2070104 图书馆 350.00 150.00 200.00", "2070104 图书馆 380.00 180.00 200.00")
    lines = cross_findings(folder)
    assert len(lines) == 1 and "FL601" in lines[0] and "2070104" in lines[0], lines
    assert "380.00 − 350.00 = 30.00" in lines[0] and "dept-budget-2024.txt:42:" in lines[0]


def test_last_year_restated_differently(folder: Path) -> None:
    plant(folder / "dept-budget-2025.txt", "比上年预算增加80.00万元", "比上年预算增加60.00万元")
    lines = cross_findings(folder)
    assert len(lines) == 1 and "FL602" in lines[0], lines
    assert "dept-budget-2025.txt:36:" in lines[0] and "dept-budget-2024.txt:" in lines[0]
    assert "1020.00 − 1000.00 = 20.00" in lines[0]
    assert cross_findings(folder, jobs="2") == lines


def test_initial_budget_differs_from_the_budget(folder: Path) -> None:
    plant(folder / "dept-final-2024.txt", "年初预算为350.00万元，支出决算为340.00万元，完成年初预算的97.1%",
          "年初预算为355.00万元，支出决算为340.00万元，完成年初预算的95.8%")
    lines = cross_findings(folder)
    assert len(lines) == 1 and "FL603" in lines[0], lines
    assert "dept-final-2024.txt:39:" in lines[0] and "dept-budget-2024.txt:42:" in lines[0]
    assert "355.00 − 350.00 = 5.00" in lines[0]


def test_execution_estimate_differs_from_the_final_account(folder: Path) -> None:
    plant(folder / "dept-budget-2025.txt", "当年预算执行数为340.00万元", "当年预算执行数为345.00万元")
    lines = cross_findings(folder)
    assert len(lines) == 1 and "FL604" in lines[0], lines
    assert "dept-final-2024.txt:27:" in lines[0] and "345.00 − 340.00 = 5.00" in lines[0]


def test_rounding_only_differences_are_not_findings(folder: Path) -> None:
    plant(folder / "dept-budget-2025.txt", "比上年预算增加80.00万元", "比上年预算增加80.0万元")
    plant(folder / "dept-final-2024.txt", "年初预算为950.00万元", "年初预算为950.004万元")
    assert cross_findings(folder) == []


def test_ambiguous_short_name_is_not_compared(folder: Path) -> None:
    """A report naming itself 文化和旅游局 fits both 南屏市… and 青川市…: no finding, listed as ambiguous."""
    other = folder / "other-city-budget-2024.txt"
    other.write_text((folder / "dept-budget-2024.txt").read_text(encoding="utf-8").replace("南屏市", "青川市"), encoding="utf-8")
    short = folder / "dept-budget-2025.txt"
    short.write_text(short.read_text(encoding="utf-8").replace("南屏市文化和旅游局", "文化和旅游局"), encoding="utf-8")
    plant(short, "比上年预算增加80.00万元", "比上年预算增加60.00万元")
    assert cross_findings(folder) == []
    listed = invoke("index", "--db", str(folder.parent / "facts.sqlite"), "--list")
    assert "same unit: ambiguous (南屏市文化和旅游局 / 青川市文化和旅游局): not compared" in listed.output


def test_list_shows_the_matches(folder: Path) -> None:
    db = folder.parent / "facts.sqlite"
    listed = invoke("index", str(folder), "--db", str(db), "--list")
    assert listed.exit_code == 0
    blocks = listed.output.split("\n")
    library = blocks.index(next(b for b in blocks if b.endswith("unit-library-budget-2024.txt: 南屏市图书馆 · 2024 · 单位预算, 主管部门 南屏市文化和旅游局")))
    assert "department (named as its 主管部门):" in blocks[library + 1] and "dept-budget-2024.txt" in blocks[library + 1]
    center = blocks.index(next(b for b in blocks if b.endswith("unit-culture-center-budget-2024.txt: 南屏市文化馆 · 2024 · 单位预算")))
    assert "department (lists it among its units):" in blocks[center + 1]
    assert listed.output.rstrip().endswith("5 report(s); 3 same-unit pair(s), 6 unit–department pair(s)")


@pytest.mark.slow  # starts worker processes
def test_store_is_deterministic_and_incremental(folder: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    first = index_paths([str(p) for p in sorted(folder.iterdir())], str(one), jobs=1)
    index_paths([str(p) for p in sorted(folder.iterdir(), reverse=True)], str(two), jobs=2)
    assert len(first.indexed) == 5 and not first.failed
    assert dump(one) == dump(two)
    again = index_paths([str(p) for p in folder.iterdir()], str(one), jobs=1)
    assert again.indexed == [] and len(again.unchanged) == 5
    plant(folder / "dept-budget-2025.txt", "比上年预算增加80.00万元", "比上年预算增加60.00万元")
    changed = index_paths([str(p) for p in folder.iterdir()], str(one), jobs=1)
    assert changed.indexed == [str(folder / "dept-budget-2025.txt")]
    values = sqlite3.connect(one).execute(
        "SELECT value FROM figures WHERE path LIKE '%dept-budget-2025.txt' AND measure = 'inc' AND year = 2024"
    ).fetchall()
    assert values == [("1020.00",)]
    (folder / "unit-library-budget-2024.txt").unlink()
    removed = index_paths([str(p) for p in folder.iterdir()], str(one), jobs=1)
    assert removed.removed == [str(folder / "unit-library-budget-2024.txt")]


def dump(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    return sorted(db.iterdump())


def test_bad_store_is_one_line_and_exit_2(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "dept-budget-2024.txt", report)
    missing = invoke("check", str(report), "--db", str(tmp_path / "none.sqlite"))
    assert missing.exit_code == 2 and "no facts store" in missing.output and "Traceback" not in missing.output
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 10)
    broken = invoke("check", str(report), "--db", str(junk))
    assert broken.exit_code == 2 and "not a fiscallint facts store" in broken.output
    assert not (tmp_path / "none.sqlite").exists()


def test_without_a_store_the_cross_rules_are_silent(folder: Path) -> None:
    plant(folder / "dept-budget-2025.txt", "比上年预算增加80.00万元", "比上年预算增加60.00万元")
    checked = invoke("check", str(folder), "--select", "FL6")
    assert checked.exit_code == 0 and checked.output == ""


@pytest.mark.parametrize(("a", "b", "same"), [
    ("上海市普陀区文化和旅游局", "普陀区文化和旅游局", True),
    ("上海市普陀区文化和旅游局", "文化和旅游局", True),
    ("南屏市文化和旅游局", "青川市文化和旅游局", False),
    ("南屏市图书馆", "图书馆", False),  # too short to stand for a full name
    ("武汉市委外事工作委员会办公室", "咸宁市委外事工作委员会办公室", False),
])
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same


def test_name_key_separates_own_unit() -> None:
    assert name_key("中共南屏市委宣传部（本级）") == ("南屏市委宣传部", True)
    assert name_key("南屏市文化和旅游局机关本级") == ("南屏市文化和旅游局", True)
    assert name_key("南屏市 文化和旅游局") == ("南屏市文化和旅游局", False)


def identity_of(text: str):
    return identify(parse_source(SourceText("r.txt", text, "utf-8", "dump")))


@pytest.mark.parametrize(("text", "expected"), [
    ("南屏市档案馆2025年部门预算\n\n一、概况\n", ("南屏市档案馆", "department", "budget", 2025, "")),
    ("南屏市\n档案馆\n2024 年度部门决算\n目录\n", ("南屏市档案馆", "department", "final", 2024, "")),
    ("南屏市2026年区级部门预算\n预算主管部门：南屏市档案馆\n", ("南屏市档案馆", "department", "budget", 2026, "")),
    ("南屏市图书馆\n2024年单位预算\n主管部门：南屏市文化和旅游局\n", ("南屏市图书馆", "unit", "budget", 2024, "南屏市文化和旅游局")),
    ("预算单位：南屏市文化馆\n主管部门：南屏市文化和旅游局\n2024年单位预算\n", ("南屏市文化馆", "unit", "budget", 2024, "南屏市文化和旅游局")),
    ("南屏市文化和旅游局（本级）\n2024年度单位决算\n", ("南屏市文化和旅游局", "unit", "final", 2024, "")),
    ("第一部分 南屏市档案馆概况\n一、主要职能\n第二部分 2023 年度部门决算表\n", ("南屏市档案馆", "department", "final", 2023, "")),
])
def test_identity_from_the_report_head(text: str, expected: tuple) -> None:
    i = identity_of(text)
    assert (i.key, i.level, i.kind, i.year, i.parent) == expected


def test_own_unit_is_compared_with_its_department(folder: Path) -> None:
    own = folder / "own-unit-budget-2024.txt"
    library = (folder / "unit-library-budget-2024.txt").read_text(encoding="utf-8")
    own.write_text(library.replace("南屏市图书馆", "南屏市文化和旅游局（本级）").replace("主管部门：南屏市文化和旅游局\n", "")
                   .replace("2070104 图书馆 350.00", "2070104 图书馆 351.00"), encoding="utf-8")
    lines = cross_findings(folder)
    assert len(lines) == 1 and "own-unit-budget-2024.txt:21:" in lines[0] and "FL601" in lines[0], lines
    assert "351.00 − 350.00 = 1.00" in lines[0]


def test_index_reports_unreadable_files_with_exit_2(tmp_path: Path) -> None:
    result = invoke("index", str(tmp_path / "missing.txt"), str(FIXTURES / "dept-budget-2024.txt"), "--db", str(tmp_path / "f.sqlite"))
    assert result.exit_code == 2 and "missing.txt: error:" in result.output and "indexed 1" in result.output


def test_a_table_with_last_years_column_gives_no_figure() -> None:
    table = ("南屏市档案馆2025年一般公共预算支出表\n公开05表\n单位：万元\n\n科目编码 科目名称 {head}\n\n"
             "合计 300.00 320.00\n201 一般公共服务支出 300.00 320.00\n")
    for head, expected in (("2024年预算数 2025年预算数", 0), ("上年预算数 本年预算数", 0), ("合计 上年结转", 2)):
        text = "南屏市档案馆\n2025年部门预算\n\n" + table.format(head=head)
        report = parse_source(SourceText("r.txt", text, "utf-8", "dump"))
        found = [f for f in figures(report, identify(report)) if f.source == "table"]
        assert len(found) == expected, (head, found)


def _narrative_figures(text: str) -> list[tuple[str, str, int, str, str]]:
    report = parse_source(SourceText("r.txt", text, "utf-8", "dump"))
    return [(*f.key, str(f.value)) for f in figures(report, identify(report)) if f.source != "table"]


def test_narrative_figures_take_their_year_from_the_year_claims() -> None:
    head = "南屏市档案馆\n2031年度部门决算\n\n一、收入支出决算总体情况说明\n\n"
    assert _narrative_figures(head + "2030年度本年支出决算合计 80.00 万元。\n") == [("exp", "合计", 2030, "actual", "80.00")]
    assert _narrative_figures(head + "本年支出合计 90.00 万元，比2030年决算增加 10.00 万元。\n") == [
        ("exp", "合计", 2031, "actual", "90.00"), ("exp", "合计", 2030, "actual", "80.00")]
    # a comparison with a year other than the previous one gives no derived figure
    assert _narrative_figures(head + "本年支出合计 90.00 万元，比2029年决算增加 10.00 万元。\n") == [
        ("exp", "合计", 2031, "actual", "90.00")]


def test_a_budget_reports_actual_figure_without_a_year_is_of_the_year_now_ending() -> None:
    head = "南屏市档案馆\n2031年部门预算\n\n一、收入支出预算总体情况说明\n\n"
    assert _narrative_figures(head + "本年支出执行数 80.00 万元。\n") == [("exp", "合计", 2030, "actual", "80.00")]
    assert _narrative_figures(head + "收入总计 70.00 万元。\n") == [("grand_total", "", 2031, "budget", "70.00")]


def test_narrative_subjects_are_read_through_the_models_map() -> None:
    head = "南屏市档案馆\n2031年度部门决算\n\n一、收入支出决算总体情况说明\n\n"
    assert _narrative_figures(head + "收入总计 120.00 万元。\n") == [("grand_total", "", 2031, "actual", "120.00")]
    assert _narrative_figures(head + "公务接待费 1.20 万元。\n") == [("three_public", "reception", 2031, "actual", "1.20")]
    assert _narrative_figures(head + "收入总计中的结转 120.00 万元。\n") == []


def test_a_subject_names_a_measure_once_reduced() -> None:
    subject = measure_subject("2031年度南屏市 档案馆本年收入决算合计", "南屏市档案馆")
    assert subject == "本年收入决算合计"
    measure = measure_named(subject)
    assert measure is not None and (measure.key, measure.code) == ("inc", "合计")
    assert measure_named(measure_subject("（一）本部门收支预算总计为", "")).key == "grand_total"  # type: ignore[union-attr]
    assert measure_named(measure_subject("本年收入决算中的结转", "")) is None


def test_a_stored_amounts_period_comes_from_its_basis_and_years() -> None:
    from fiscallint.across.figures import claim_numbers

    text = ("南屏市档案馆\n2031年度部门决算\n\n一、说明\n\n"
            "一般公共预算财政拨款公务接待费 3.00 万元，年初预算为 4.00 万元，支出决算为 3.50 万元，上年决算数为 2.00 万元，2030年支出 1.00 万元。\n")
    report = parse_source(SourceText("r.txt", text, "utf-8", "dump"))
    periods = [f.period for f in claim_numbers(report, identify(report)) if f.kind == "amount"]
    assert periods == ["this_year", "budget", "actual", "last_year", "last_year"]  # a fund's name is no budget


def test_a_file_that_cannot_be_read_fails_on_every_run(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    db = str(tmp_path / "f.sqlite")
    for _ in range(2):
        result = invoke("index", str(binary), "--db", db)
        assert result.exit_code == 2 and "scan.txt: error:" in result.output
        assert "indexed 0, unchanged 0, removed 0, failed 1" in result.output


def test_a_file_name_of_undecodable_bytes_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    import os

    name = tmp_path / os.fsdecode(b"r\xff.txt")
    shutil.copy(FIXTURES / "dept-budget-2024.txt", name)
    result = invoke("index", str(name), "--db", str(tmp_path / "f.sqlite"))
    assert result.exit_code == 2 and "r\\udcff.txt: error: the file name is not valid UTF-8" in result.output
    assert "Traceback" not in result.output


def test_the_listing_escapes_control_characters_of_file_names(tmp_path: Path) -> None:
    name = tmp_path / "r\x1b[31m.txt"
    shutil.copy(FIXTURES / "dept-budget-2024.txt", name)
    db = str(tmp_path / "f.sqlite")
    assert invoke("index", str(name), "--db", db).exit_code == 0
    listed = CliRunner().invoke(main, ["index", "--list", "--db", db], color=True)
    assert listed.exit_code == 0 and "\x1b" not in listed.output and "r\\x1b[31m.txt" in listed.output
