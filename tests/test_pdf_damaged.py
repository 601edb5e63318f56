"""Damaged PDFs — random byte flips and truncations of a generated report — end in text or one
clear InputError with either engine, never another exception (a robustness fuzz: slow tier)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fiscallint.errors import InputError
from fiscallint.pdf import extract_pdf
from tests import pdf_fixtures as fx
from tests.test_pdf_errors import engine  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow  # 40 damaged PDFs per engine


_REPORT: dict[str, bytes] = {}


def _report_bytes() -> bytes:
    if "pdf" not in _REPORT:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "report.pdf"
            fx.build_report(path, n_rows=12)
            _REPORT["pdf"] = path.read_bytes()
    return _REPORT["pdf"]


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    flips=st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.one_of(st.none(), st.floats(0.05, 0.999)),
)
def test_damaged_report_ends_in_text_or_one_line_error(tmp_path: Path, engine: str, flips: list[tuple[float, int]], cut: float | None) -> None:
    """Byte flips and truncations of a generated report: either engine returns text or raises
    InputError with a one-line message, never another exception."""
    data = bytearray(_report_bytes())
    for at, value in flips:
        data[int(at * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        extract_pdf(path, engine=engine, max_seconds=20)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
