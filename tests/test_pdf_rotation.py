"""Pages turned by /Rotate (a landscape table printed into a portrait page) are read as shown,
by both engines alike; text that stays sideways on the page as shown is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pdf_fixtures as fx

# how to draw upright on a page that the viewer turns by k quarter turns clockwise
_UNTURN = {
    0: ((0.0, 0.0), 0),
    1: ((fx.PAGE_W, 0.0), 90),
    2: ((fx.PAGE_W, fx.PAGE_H), 180),
    3: ((0.0, fx.PAGE_H), -90),
}


def build_turned(path: Path, quarter_turns: int) -> None:
    """One ruled table drawn so that it reads upright once the page's /Rotate is applied."""
    c = fx.new_canvas(path)
    c.setPageRotation(90 * quarter_turns)
    (dx, dy), angle = _UNTURN[quarter_turns]
    c.translate(dx, dy)
    c.rotate(angle)
    shown_height = fx.PAGE_W if quarter_turns % 2 else fx.PAGE_H
    fx.grid_table(c, shown_height - 72, fx.INCOME_WIDTHS, fx.INCOME_HEADER + fx.income_rows(5))
    c.showPage()
    c.save()


def build_sideways_label(path: Path) -> None:
    """An upright paragraph and a label printed sideways in the margin."""
    c = fx.new_canvas(path)
    fx.paragraph(c, "本年收入合计640.00万元。", 700)
    c.saveState()
    c.translate(40, 400)
    c.rotate(90)
    c.setFont(fx.FONT, 10)
    c.drawString(0, 0, "内部审核稿")
    c.restoreState()
    c.showPage()
    c.save()


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if "\t" in line]


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("quarter_turns", [1, 2, 3])
def test_turned_page_reads_as_shown(tmp_path: Path, engine: str, quarter_turns: int) -> None:
    upright = table_rows(fx.built_and_read(tmp_path, lambda p: build_turned(p, 0), "pdfminer").text)
    turned = fx.built_and_read(tmp_path, lambda p: build_turned(p, quarter_turns), engine)
    assert len(upright) == 7
    assert table_rows(turned.text) == upright


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_sideways_text_is_left_out(tmp_path: Path, engine: str) -> None:
    text = fx.built_and_read(tmp_path, build_sideways_label, engine).text
    assert text.splitlines() == ["本年收入合计640.00万元。"]
