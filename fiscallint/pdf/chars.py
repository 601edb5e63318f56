"""Group positioned characters into visual lines and turn them into text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from fiscallint.pdf.model import Box, TextLine

Char = dict[str, Any]  # a pdfplumber char: text, x0, x1, top, bottom, size

_WIDE_GAP = 2.5  # gap (in font sizes) printed as two spaces, e.g. "部门：X    单位：万元"
_WORD_GAP = 0.25  # gap (in font sizes) between two narrow characters printed as one space


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation: never space-separated."""
    return bool(ch) and ord(ch[0]) >= 0x2E80


def _overlap(a_top: float, a_bot: float, b_top: float, b_bot: float) -> float:
    """Vertical overlap as a share of the shorter extent."""
    shorter = max(min(a_bot - a_top, b_bot - b_top), 0.1)
    return (min(a_bot, b_bot) - max(a_top, b_top)) / shorter


class _Line:
    __slots__ = ("chars", "top", "bottom", "x0", "x1")

    def __init__(self, c: Char) -> None:
        self.chars = [c]
        self.top = c["top"]
        self.bottom = c["bottom"]
        self.x0 = c["x0"]
        self.x1 = c["x1"]

    def absorb(self, other: _Line) -> None:
        self.chars.extend(other.chars)
        self.x0 = min(self.x0, other.x0)
        self.x1 = max(self.x1, other.x1)


_BY_X0 = itemgetter("x0")
_OVERPRINT = 0.25  # offset (in character widths / font sizes) within which a repeat is a reprint
_OVERPRINT_SEEN = 16  # earlier copies of a character compared with (on its baseline)


def drop_overprinted(chars: Iterable[Char]) -> list[Char]:
    """The characters without those drawn again over themselves: producers imitate bold by
    drawing a text twice, a fraction of a point apart. A character is a reprint when the same
    text at the same size was drawn within a quarter of its width (across) and of its size (up
    or down) of it; copies side by side are a full width apart.
    (PDFium's text page drops such repeated text objects itself; pdfminer keeps them.)"""
    kept: list[Char] = []
    seen: dict[tuple[str, int], list[Char]] = {}  # kept characters by text and baseline (whole points)
    get = seen.get
    for c in chars:
        text = c["text"]
        base = int(c["bottom"])
        same, below, above = get((text, base)), get((text, base - 1)), get((text, base + 1))
        if (same is not None or below is not None or above is not None) and _reprinted(c, (same, below, above)):
            continue
        kept.append(c)
        if same is None:
            seen[(text, base)] = [c]
        else:
            same.append(c)
            if len(same) > _OVERPRINT_SEEN:
                del same[0]
    return kept


def _reprinted(c: Char, near: tuple[list[Char] | None, ...]) -> bool:
    """Whether ``c`` is a copy of one of the kept characters ``near`` (same text, nearby baselines)."""
    size, x0, bottom = c["size"], c["x0"], c["bottom"]
    reach = _OVERPRINT * (c["x1"] - x0 if c["x1"] > x0 else size)
    rise = _OVERPRINT * size
    for others in near:
        for o in others or ():
            if o["size"] == size and abs(o["x0"] - x0) <= reach and abs(o["bottom"] - bottom) <= rise:
                return True
    return False


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Split characters (in content-stream order) into visual lines, top to bottom.

    A character goes on the line before it when it overlaps the line's band by half of the
    shorter height and starts to the right of the line's last character (glyph boxes of
    compressed CJK punctuation overlap their neighbour, so only the start is compared).
    A line's vertical band is that of its first character, so digits drawn a few points
    lower than the surrounding CJK text (different font metrics) stay on their line.
    Fragments of one row drawn out of order are merged afterwards.
    """
    lines: list[_Line] = []
    cur: _Line | None = None
    # the current line's band, its last character's x0, and its chars (the hot loop of PDF
    # reading: the overlap test of _overlap and the line's bounds written out, same arithmetic)
    a_top = a_bot = a_height = last_x0 = 0.0
    members: list[Char] = []
    for c in chars:
        text = c["text"]
        if not text or text.isspace():
            continue
        if cur is not None:
            b_top, b_bot = c["top"], c["bottom"]
            b_height = b_bot - b_top
            shorter = b_height if b_height < a_height else a_height
            if 0.1 > shorter:
                shorter = 0.1
            low = b_bot if b_bot < a_bot else a_bot
            high = b_top if b_top > a_top else a_top
            if not (low - high) / shorter < 0.5:
                size, x0 = c["size"], c["x0"]
                if x0 > last_x0 + 0.05 * (1.0 if 1.0 > size else size):
                    members.append(c)
                    last_x0 = x0
                    if x0 < cur.x0:
                        cur.x0 = x0
                    x1 = c["x1"]
                    if x1 > cur.x1:
                        cur.x1 = x1
                    continue
        cur = _Line(c)
        lines.append(cur)
        members, a_top, a_bot, last_x0 = cur.chars, cur.top, cur.bottom, cur.x0
        a_height = a_bot - a_top
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    merged: list[_Line] = []
    for ln in lines:
        for m in reversed(merged[-4:]):
            slack = 0.6 * ln.chars[0]["size"]
            if _overlap(m.top, m.bottom, ln.top, ln.bottom) >= 0.5 and (
                ln.x0 >= m.x1 - slack or ln.x1 <= m.x0 + slack
            ):
                m.absorb(ln)
                break
        else:
            merged.append(ln)
    out = []
    for m in merged:
        m.chars.sort(key=_BY_X0)
        out.append(m.chars)
    return out


_TRACKED_PAIRS = 3  # Chinese character pairs needed to tell a line's letter spacing
_MIN_TRACKING = 0.05  # letter spacing (in font sizes) below which a line counts as set solid


def letter_spacing(chars: Sequence[Char]) -> float:
    """The letter spacing (字间距) a line is set with: the median gap between two adjacent
    Chinese characters, which are set solid unless the whole line is spaced out (character
    spacing, or a justified line); 0 when too few pairs tell or the line is solid."""
    gaps = sorted(
        b["x0"] - a["x1"] for a, b in zip(chars, chars[1:]) if is_wide(a["text"]) and is_wide(b["text"])
    )
    if len(gaps) < _TRACKED_PAIRS:
        return 0.0
    spacing = gaps[(len(gaps) - 1) // 2]
    return spacing if spacing > _MIN_TRACKING * chars[0]["size"] else 0.0


def line_text(chars: Sequence[Char]) -> str:
    """Text of one visual line; spaces only where the gap and the scripts call for one. The
    line's letter spacing (see letter_spacing) is not a gap: a spaced-out "1,286.50" stays a number."""
    parts: list[str] = []
    prev: Char | None = None
    tracking = letter_spacing(chars)
    for c in chars:
        if prev is not None:
            gap = c["x0"] - prev["x1"] - tracking
            size = prev["size"]  # max(prev["size"], c["size"], 1.0), written out
            if c["size"] > size:
                size = c["size"]
            if 1.0 > size:
                size = 1.0
            if gap > _WIDE_GAP * size:
                parts.append("  ")
            elif gap > _WORD_GAP * size and not is_wide(prev["text"]) and not is_wide(c["text"]):
                parts.append(" ")
        parts.append(c["text"])
        prev = c
    return "".join(parts).replace("\t", " ")


_NUMBER_END = frozenset("0123456789.,")
_NUMBER_START = frozenset("0123456789.,%")


def join_wrapped(a: str, b: str) -> str:
    """Join two pieces of wrapped text: no space in Chinese, one space between Latin words.
    Chinese text wraps at any character, inside a number too ("2.9" / "0万元", "97.4" / "%"):
    in a piece holding Chinese, a break between number characters joins without a space."""
    if not a or not b:
        return a + b
    if is_wide(a[-1]) or is_wide(b[0]) or a[-1] == "-":
        return a + b
    if a[-1] in _NUMBER_END and b[0] in _NUMBER_START and any(is_wide(ch) for ch in a):
        return a + b
    return a + " " + b


def chars_box(chars: Sequence[Char]) -> Box:
    return (
        min(c["x0"] for c in chars),
        min(c["top"] for c in chars),
        max(c["x1"] for c in chars),
        max(c["bottom"] for c in chars),
    )


def to_text_line(chars: Sequence[Char]) -> TextLine:
    sizes = sorted(c["size"] for c in chars)
    return TextLine(line_text(chars), chars_box(chars), sizes[len(sizes) // 2])


def block_text(chars: Sequence[Char]) -> str:
    """Text of a table cell: its visual lines joined (no newline inside a cell)."""
    text = ""
    for ln in group_lines(chars):
        text = join_wrapped(text, line_text(ln))
    return text.strip()
