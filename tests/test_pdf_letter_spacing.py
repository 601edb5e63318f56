"""Narrative set with letter spacing (字间距: a character spacing Tc, or lines justified by
spreading their characters) reads as the words it shows: the digits of a spaced-out number are
not split by spaces. A line set solid keeps its real gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscallint.pdf import extract_pdf
from fiscallint.pdf.chars import line_text
from tests import pdf_fixtures as fx

SENTENCE = "2024年度本年支出合计1,246.80万元，其中：基本支出958.30万元，占76.9%。"


def chars(text: str, spacing: float, size: float = 12.0) -> list[dict[str, object]]:
    """Characters of one line: Chinese ones a full size wide, others half, ``spacing`` apart."""
    out, x = [], 72.0
    for ch in text:
        width = size if ord(ch) >= 0x2E80 else size / 2
        if ch != " ":
            out.append({"text": ch, "x0": x, "x1": x + width, "top": 100.0, "bottom": 100.0 + size, "size": size})
        x += width + spacing
    return out


@pytest.mark.parametrize("spacing", [0.0, 1.5, 3.5, 5.0])
def test_a_spaced_out_line_reads_as_set_solid(spacing: float) -> None:
    assert line_text(chars(SENTENCE, spacing)) == SENTENCE


@pytest.mark.parametrize("spacing", [0.0, 3.5])
def test_word_gaps_wider_than_the_spacing_stay(spacing: float) -> None:
    """A space between numbers is wider than the letter spacing: it stays a space."""
    assert line_text(chars("栏次编号 12 34 56", spacing)) == "栏次编号12 34 56"


def test_a_spacing_of_narrow_characters_alone_is_not_guessed() -> None:
    """Without Chinese pairs nothing tells the spacing from word gaps."""
    assert line_text(chars("1 2 3", 0.0)) == line_text(chars("123", 6.0)) == "1 2 3"


def build(path: Path, spacing: float) -> None:
    c = fx.new_canvas(path)
    text = c.beginText(fx.LEFT, 700)
    text.setFont(fx.FONT, 12)
    text.setCharSpace(spacing)
    text.textOut(SENTENCE)
    c.drawText(text)
    c.showPage()
    c.save()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_character_spacing_in_a_pdf(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "spaced.pdf"
    build(path, 3.5)
    assert extract_pdf(path, engine=engine).text == SENTENCE
