"""PDF extraction on small generated PDFs: tables, paragraphs, page map."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from fiscallint.pdf import PdfText, extract_pdf
from tests import pdf_fixtures as fx


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> PdfText:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    fx.build_report(path, n_rows=40)
    return extract_pdf(path)


def lines(doc: PdfText) -> list[str]:
    return doc.text.split("\n")


def test_source_map_shape(report: PdfText) -> None:
    n = len(lines(report))
    assert len(report.pages) == n and len(report.boxes) == n
    assert report.page_count == 2
    assert set(report.pages) == {1, 2}


def test_table_continues_as_one_table(report: PdfText) -> None:
    ls = lines(report)
    header = "项目\t\t本年收入合计\t财政拨款收入\t附属单位上缴收入"
    assert ls.count(header) == 1  # header row not repeated on page 2
    assert ls.count("科目编码\t科目名称\t\t\t") == 1
    assert ls.count("2024年度收入决算表") == 1
    data = [ln for ln in ls if re.match(r"^(2013\d{3})?\t", ln)]
    assert len(data) == 40
    assert data[0] == "\t合计\t40,000.50\t40,000.50\t"
    assert data[1] == "2013001\t测试科目1\t1,000.25\t1,000.25\t"
    assert all(ln.count("\t") == 4 for ln in data)
    start = ls.index(header)
    assert ls[start + 2 : start + 2 + 40] == data  # one contiguous block


def test_title_lines_and_note(report: PdfText) -> None:
    ls = lines(report)
    title = ls.index("2024年度收入决算表")
    assert ls[title + 1] == "公开02表"
    assert ls[title + 2] == "部门：测试部门  单位：万元"
    note = ls.index("注：本表反映部门本年度取得的各项收入情况。")
    assert ls[note - 1].startswith("2013039\t")


def test_paragraph_joined_and_headings_kept(report: PdfText) -> None:
    ls = lines(report)
    assert fx.LONG_PARAGRAPH in ls
    assert fx.LAST_PARAGRAPH in ls
    assert "一、主要职能" in ls and "三、其他说明" in ls
    assert "第一部分 测试部门概况" in ls or "第一部分测试部门概况" in ls


def test_page_numbers_dropped(report: PdfText) -> None:
    assert not [ln for ln in lines(report) if re.fullmatch(r"[-\s\d]+", ln)]


def test_pages_map(report: PdfText) -> None:
    ls = lines(report)
    assert report.pages[ls.index(fx.LONG_PARAGRAPH)] == 1
    assert report.pages[ls.index(fx.LAST_PARAGRAPH)] == 2
    rows = [i for i, ln in enumerate(ls) if ln.startswith("2013")]
    assert report.pages[rows[0]] == 1 and report.pages[rows[-1]] == 2
    for box in report.boxes:
        assert box is not None
        x0, top, x1, bottom = box
        assert 0 <= x0 < x1 <= fx.PAGE_W and 0 <= top < bottom <= fx.PAGE_H


def test_side_by_side_table(tmp_path: Path) -> None:
    path = tmp_path / "t01.pdf"
    fx.build_side_by_side(path)
    ls = lines(extract_pdf(path))
    rows = ["\t".join(r) for r in fx.SIDE_BY_SIDE]
    start = ls.index(rows[0])
    assert ls[start : start + len(rows)] == rows
    assert ls[:2] == ["收入支出决算总表", "单位：万元"]


@pytest.mark.slow  # starts an interpreter
def test_import_does_not_load_pdfminer() -> None:
    code = "import sys, fiscallint.pdf; sys.exit('pdfminer' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_unruled_table_from_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "unruled.pdf"
    fx.build_unruled_table(path)
    ls = lines(extract_pdf(path))
    rows = ["\t".join(r) for r in fx.UNRULED]
    start = ls.index(rows[0])
    assert ls[start : start + len(rows)] == rows
    assert ls[0] == "三公经费支出表"
