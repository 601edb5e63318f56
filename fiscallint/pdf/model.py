"""Plain data passed between the PDF extraction stages (no pdfminer types)."""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # (x0, top, x1, bottom) in PDF points, top-down


@dataclass
class TextLine:
    """One visual line of running text (outside tables)."""

    text: str
    box: Box
    size: float  # dominant font size


@dataclass
class TableBlock:
    """A ruled table: rows of cell texts ('' for empty or merged-away cells)."""

    rows: list[list[str]]
    row_boxes: list[Box]
    row_pages: list[int]  # 1-based page of each row (tables may continue over pages)
    box: Box  # bbox on the page where the table starts

    @property
    def ncols(self) -> int:
        return len(self.rows[0]) if self.rows else 0


Item = TextLine | TableBlock


@dataclass
class PageContent:
    """What one page contributes, in reading order (top to bottom)."""

    number: int  # 1-based
    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    char_count: int = 0
