"""Command-line settings that win over the configuration (light: the command line builds them
before the lint pipeline is imported)."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Selection


@dataclass(frozen=True)
class Overrides:
    """Command-line settings that win over the configuration."""

    selection: Selection = Selection()
    year: int | None = None
    pdf_engine: str = "pdfium"
    pdf_seconds: float = 60.0
    facts_db: str | None = None
    """The facts store the cross-report rules (FL6xx) compare with (``check --db``)."""
