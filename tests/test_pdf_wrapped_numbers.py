"""A Chinese paragraph wraps at any character, inside an amount or before its percent sign too:
the two pieces join without a space, so the amount and the share are read whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from fiscallint.pdf.chars import join_wrapped
from tests import pdf_fixtures as fx


def full_line(head: str, tail: str) -> str:
    """head, filler words, tail: as wide as the text column, like a justified line."""
    line = head
    while pdfmetrics.stringWidth(line + "各项业务" + tail, fx.FONT, fx.BODY_SIZE) < fx.RIGHT - fx.LEFT:
        line += "各项业务"
    return line + tail


def build(path: Path) -> None:
    c = fx.new_canvas(path)
    c.setFont(fx.FONT, fx.BODY_SIZE)
    lines = [
        full_line("本年收入合计640.00万元，其中财政拨款收入600.00万元", "，占93.8"),
        full_line("%；", "接待费用合计3.4"),
        "0万元，比上年减少0.60万元。",
    ]
    y = 700.0
    for line in lines:
        c.drawString(fx.LEFT, y, line)
        y -= 18
    c.showPage()
    c.save()


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_number_split_over_two_lines_is_read_whole(tmp_path: Path, engine: str) -> None:
    text = fx.built_and_read(tmp_path, build, engine).text
    assert "，占93.8%；各项" in text and "接待费用合计3.40万元，" in text, text


def test_latin_words_and_numbers_keep_their_space() -> None:
    assert join_wrapped("Table 3", "45 rows") == "Table 3 45 rows"
    assert join_wrapped("合计1,2", "34.00万元") == "合计1,234.00万元"
    assert join_wrapped("合计12", "万元") == "合计12万元"
