"""Bad PDFs end with one clear InputError, never another exception, with either engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

from fiscallint.errors import InputError
from fiscallint.pdf import extract_pdf
from tests import pdf_fixtures as fx


ENGINES = ["pdfium", "pdfminer"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def error_of(path: Path, engine: str = "pdfium", **bounds: float) -> str:
    with pytest.raises(InputError) as info:
        extract_pdf(path, engine=engine, **bounds)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message and str(path) not in message, "the caller names the file, once"
    return message


def test_missing_file(tmp_path: Path, engine: str) -> None:
    assert "cannot read file" in error_of(tmp_path / "absent.pdf", engine)


def test_not_a_pdf(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("部门决算 — plain text, not a PDF\n", encoding="utf-8")
    assert "not a PDF" in error_of(path, engine)


def test_empty_file(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert error_of(path, engine) == "empty file (0 bytes), not a PDF"


def test_truncated(tmp_path: Path, engine: str) -> None:
    good = tmp_path / "good.pdf"
    fx.build_report(good)
    path = tmp_path / "cut.pdf"
    path.write_bytes(good.read_bytes()[:1500])
    assert "corrupt or truncated" in error_of(path, engine)


def test_garbage_after_header(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    assert "corrupt or truncated" in error_of(path, engine)


def test_encrypted_with_user_password(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "locked.pdf"
    fx.write_text_pdf(path, "收入决算表", encrypt=StandardEncryption("secret", "owner"))
    assert "encrypted PDF that needs a password" in error_of(path, engine)


def test_encrypted_with_empty_user_password_is_read(tmp_path: Path, engine: str) -> None:
    # pdfminer decrypts streams but not strings, so a CID font's encrypted CIDSystemInfo
    # cannot be resolved: use a standard font here
    path = tmp_path / "owner-only.pdf"
    text = "Total 2024: 1,234.56"
    fx.write_text_pdf(path, text, "Helvetica", encrypt=StandardEncryption("", "owner", canCopy=0))
    assert extract_pdf(path, engine=engine).text == text


def test_encrypted_cid_font_names(tmp_path: Path) -> None:
    """pdfminer cannot map a CID font whose CIDSystemInfo strings are encrypted and says so;
    PDFium decrypts the strings and reads the text."""
    path = tmp_path / "cid.pdf"
    fx.write_text_pdf(path, "收入决算表", encrypt=StandardEncryption("", "owner"))
    assert "no Unicode mapping" in error_of(path, "pdfminer")
    assert extract_pdf(path, engine="pdfium").text == "收入决算表"


def test_unknown_engine(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    fx.write_text_pdf(path, "收入决算表")
    assert "unknown PDF engine 'poppler'" in error_of(path, "poppler")


def test_zero_pages(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "empty.pdf"
    fx.write_zero_page_pdf(path)
    assert "zero pages" in error_of(path, engine)


def test_image_only(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "scan.pdf"
    fx.write_image_only_pdf(path)
    assert "no text layer (scanned image?)" in error_of(path, engine)


def test_page_bound(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "report.pdf"
    fx.build_report(path)
    assert "max_pages=1" in error_of(path, engine, max_pages=1)


def test_size_bound(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "report.pdf"
    fx.build_report(path)
    assert "max_bytes=1000" in error_of(path, engine, max_bytes=1000)


def test_time_bound(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "report.pdf"
    fx.build_report(path)
    assert "max_seconds=0" in error_of(path, engine, max_seconds=0)
