"""The quick tier: ``pytest -m "not slow"`` does not import a test module whose every test is
slow (``pytestmark = pytest.mark.slow`` at its top level). Its tests would all be deselected
anyway; skipping the import spares the quick tier the libraries such modules load (hypothesis,
dask, playwright, the LSP client)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

WHOLLY_SLOW_RE = re.compile(r"^pytestmark = \[?pytest\.mark\.slow\b", re.M)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if config.getoption("markexpr", "").strip() != "not slow" or not collection_path.name.startswith("test_"):
        return None
    if collection_path.suffix != ".py" or not WHOLLY_SLOW_RE.search(collection_path.read_text(encoding="utf-8")):
        return None
    return True
