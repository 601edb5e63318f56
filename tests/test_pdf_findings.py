"""End to end on generated PDFs: planted errors are found, on the right page.

The documents hold one standard table only, so FL504 (missing standard tables) is ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from tests.pdf_fixtures import FONT, INCOME_WIDTHS, LEFT, PAGE_H, centred, grid_table, heading, new_canvas, page_number, paragraph, right_aligned

HEADER = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]]


def build(path: Path, *, share: str, class_total: str, basic_total: str = "400.00") -> None:
    """Page 1: a narrative with a share; page 2: table 03 whose 201 row should be 300.00 and
    whose 合计 基本支出 should be 400.00."""
    c = new_canvas(path)
    y = centred(c, "第三部分 测试部门2024年度部门决算情况说明", PAGE_H - 72)
    y = heading(c, "一、支出决算情况说明", y)
    y = paragraph(c, f"2024年度本年支出合计500.00万元，其中：基本支出400.00万元，占本年支出合计的{share}；项目支出100.00万元，占本年支出合计的20%。", y)
    page_number(c, 1)
    c.showPage()
    y = centred(c, "支出决算表", PAGE_H - 72)
    y = centred(c, "公开03表", y, size=10)
    c.setFont(FONT, 10)
    c.drawString(LEFT, y, "部门：测试部门")
    y = right_aligned(c, "单位：万元", y)
    rows = [
        ["", "合计", "500.00", basic_total, "100.00"],
        ["201", "一般公共服务支出", class_total, "200.00", "100.00"],
        ["20101", "人大事务", "300.00", "200.00", "100.00"],
        ["208", "社会保障和就业支出", "200.00", "200.00", ""],
        ["20805", "行政事业单位养老支出", "200.00", "200.00", ""],
    ]
    grid_table(c, y, INCOME_WIDTHS, HEADER + rows)
    page_number(c, 2)
    c.showPage()
    c.save()


def run(path: Path, engine: str = "pdfium") -> tuple[int, list[dict[str, object]]]:
    args = ["check", "--format", "json", "--ignore", "FL504", "--pdf-engine", engine, str(path)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, json.loads(result.stdout)


def test_clean_pdf_has_no_findings(tmp_path: Path) -> None:
    pdf = tmp_path / "clean.pdf"
    build(pdf, share="80%", class_total="300.00")
    code, findings = run(pdf)
    assert [f for f in findings if f["severity"] != "info"] == []
    assert code == 0


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_planted_share_and_cell_are_found_on_their_pages(tmp_path: Path, engine: str) -> None:
    pdf = tmp_path / "planted.pdf"
    build(pdf, share="85%", class_total="310.00")
    code, findings = run(pdf, engine)
    assert code == 1
    share = [f for f in findings if f["code"] == "FL101"]
    assert len(share) == 1 and share[0]["page"] == 1
    assert "400.00 / 500.00" in str(share[0]["message"])
    cell = [f for f in findings if f["code"] in ("FL201", "FL202", "FL204") and "310.00" in str(f["message"])]
    assert cell, findings
    assert all(f["page"] == 2 for f in cell)


def test_text_output_names_the_page(tmp_path: Path) -> None:
    pdf = tmp_path / "planted.pdf"
    build(pdf, share="85%", class_total="300.00")
    result = CliRunner().invoke(main, ["check", str(pdf)])
    assert f"{pdf}:page 1:" in result.stdout
