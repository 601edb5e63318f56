"""``--fix`` and ``--diff``: fixes applied in place (encoding, BOM and line endings kept)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fiscallint.ast import Span
from fiscallint.cli import main
from fiscallint.findings import Finding, Fix, Severity
from fiscallint.fixes import apply_fixes, fixed_text
from tests.plugin_pack import typo_pack  # noqa: F401  (fixture: the XT101 pack with a fix)

TEXT = "一、收入情况\r\n本单位银行帐户余额 10.00 万元，零余额帐户 2.00 万元。\r\n"
FIXED = TEXT.replace("帐户", "账户")


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--select", "XT101", *args])


def test_apply_fixes_skips_overlaps_and_out_of_range() -> None:
    text = "abc\r\ndef\n"
    fixes = [Fix(Span(2, 1, 2, 3), "XY"), Fix(Span(2, 2, 2, 4), "no"), Fix(Span(1, 3, 1, 4), "C"), Fix(Span(9, 1, 9, 2), "?")]
    new, applied = apply_fixes(text, fixes)
    assert new == "abC\r\nXYf\n" and len(applied) == 2


def test_fix_keeps_gb18030_and_crlf(typo_pack, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(TEXT.encode("gb18030"))
    result = check("--fix", str(report))
    assert result.exit_code == 0 and result.stdout == "", result.output
    assert "fixed 2 finding(s) in 1 file(s)" in result.stderr
    assert report.read_bytes() == FIXED.encode("gb18030")
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary file left


def test_fix_keeps_a_utf8_bom(typo_pack, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert check("--fix", str(report)).exit_code == 0
    assert report.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")


def test_diff_shows_without_writing(typo_pack, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(TEXT.encode("utf-8"))
    result = check("--diff", str(report))
    assert result.exit_code == 1
    assert "-本单位银行帐户余额" in result.stdout and "+本单位银行账户余额" in result.stdout
    assert report.read_bytes() == TEXT.encode("utf-8")
    plain = check(str(report))
    assert plain.exit_code == 1 and plain.stdout.count("XT101") == 2
    assert report.read_bytes() == TEXT.encode("utf-8")  # nothing written unless asked


def test_pdf_is_never_fixed(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 whatever")
    finding = Finding("XT101", Severity.WARNING, "m", Span(1, 1, 1, 2), fix=Fix(Span(1, 1, 1, 2), "x"), path=str(pdf))
    assert fixed_text(str(pdf), [finding]) is None
    assert pdf.read_bytes() == b"%PDF-1.4 whatever"


def test_builtin_share_fix(tmp_path: Path) -> None:
    """FL101 offers the computed share as an unsafe fix: --fix leaves it (and says so);
    --fix --unsafe-fixes writes it and the finding is gone."""
    report = tmp_path / "share.txt"
    text = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"
    report.write_text(text, encoding="utf-8")
    held = CliRunner().invoke(main, ["check", "--select", "FL101", "--fix", str(report)])
    assert held.exit_code == 1 and report.read_text(encoding="utf-8") == text
    assert "1 unsafe fix(es) not applied" in held.stderr and "--unsafe-fixes" in held.stderr
    result = CliRunner().invoke(main, ["check", "--select", "FL101", "--fix", "--unsafe-fixes", str(report)])
    assert result.exit_code == 0, result.output
    assert "占本年支出 80%" in report.read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "--select", "FL101", str(report)]).exit_code == 0
