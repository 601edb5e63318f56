"""``--fix`` never damages a file: changed, read-only, linked or aliased files are left alone,
lone-CR and mixed line endings are line breaks, and writes go through unpredictable temporary
files in the file's own folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint import fixes, pipeline
from fiscallint.baseline import Baseline
from fiscallint.cli import main
from fiscallint.errors import InputError
from fiscallint.findings import Finding, Severity
from fiscallint.ast import Span

SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。"
FIXED = SHARE.replace("70%", "80%")


def fix(*args: str):
    return CliRunner().invoke(main, ["check", "--select", "FL101", "--fix", "--unsafe-fixes", *args])


def report(folder: Path, text: str = SHARE + "\n", name: str = "r.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_file_edited_during_the_run_is_not_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is rewritten between the lint and the fix: the old spans would land on other
    figures, so nothing is written and the message says why."""
    path = report(tmp_path)
    edited = "新增一行说明。\n" + SHARE + "\n"
    original = pipeline.lint_file

    def lint_then_edit(*args, **kwargs):
        result = original(*args, **kwargs)
        path.write_bytes(edited.encode("utf-8"))
        return result

    monkeypatch.setattr(pipeline, "lint_file", lint_then_edit)
    result = fix(str(path))
    assert "changed since it was linted" in result.stderr
    assert path.read_bytes() == edited.encode("utf-8")
    assert result.exit_code == 1  # the finding is still reported


def test_write_fixed_checks_the_digest_again(tmp_path: Path) -> None:
    path = report(tmp_path)
    linted = fixes.digest(path.read_bytes())
    path.write_bytes(b"other text\n")
    with pytest.raises(InputError, match="changed since"):
        fixes.write_fixed(str(path), FIXED + "\n", "utf-8", linted)
    assert path.read_bytes() == b"other text\n"


def test_read_only_file_is_not_written(tmp_path: Path) -> None:
    path = report(tmp_path)
    path.chmod(0o444)
    result = fix(str(path))
    assert "read-only file" in result.stderr and result.exit_code == 1
    assert path.read_text(encoding="utf-8") == SHARE + "\n"
    assert oct(path.stat().st_mode & 0o777) == oct(0o444)


def test_symlink_target_is_fixed_and_the_link_kept(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = report(tmp_path / "real")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = fix(str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real"]
    assert [p.name for p in (tmp_path / "real").iterdir()] == ["r.txt"]


def test_hard_linked_file_is_refused_and_links_kept(tmp_path: Path) -> None:
    path = report(tmp_path)
    other = tmp_path / "other.txt"
    os.link(path, other)
    result = fix(str(path))
    assert "hard links" in result.stderr and result.exit_code == 1
    assert os.path.samefile(path, other) and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == SHARE + "\n"


def test_output_onto_an_input_is_refused(tmp_path: Path) -> None:
    path = report(tmp_path)
    alias = tmp_path / "alias.txt"
    alias.symlink_to(path)
    for output in (path, alias):
        result = CliRunner().invoke(main, ["check", str(path), "-o", str(output)])
        assert result.exit_code == 2 and "is an input file" in result.stderr
        assert result.stderr.count("\n") == 1
    assert path.read_text(encoding="utf-8") == SHARE + "\n"


def test_extract_output_onto_the_pdf_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 not really\n")
    result = CliRunner().invoke(main, ["extract", str(pdf), "-o", str(pdf)])
    assert result.exit_code == 2 and "is an input file" in result.stderr
    assert pdf.read_bytes() == b"%PDF-1.4 not really\n"


def test_unwritable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = report(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixes.tempfile, "mkstemp", refuse)
    result = fix(str(path))
    assert result.exit_code == 1 and "cannot write: Permission denied" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == SHARE + "\n"


LINES = ["一、支出情况", SHARE, "", "二、其他", SHARE]


@pytest.mark.parametrize("breaks", [["\r"] * 5, ["\n", "\r", "\r\n", "\r", "\n"]], ids=["lone-cr", "mixed"])
def test_lone_cr_and_mixed_endings_are_line_breaks(tmp_path: Path, breaks: list[str]) -> None:
    """Same findings, on the same lines and columns, as the LF file; the fix keeps each ending."""
    lf = report(tmp_path, "\n".join(LINES) + "\n", "lf.txt")
    odd = report(tmp_path, "".join(line + end for line, end in zip(LINES, breaks)), "odd.txt")
    where = []
    for path in (lf, odd):
        result = CliRunner().invoke(main, ["check", "--select", "FL101", "--format", "json", str(path)])
        where.append([(f["line"], f["column"], f["message"]) for f in json.loads(result.stdout)])
    assert where[0] == where[1] and {w[0] for w in where[0]} == {2, 5}
    assert fix(str(odd)).exit_code == 0
    assert odd.read_bytes().decode("utf-8") == "".join(
        line.replace("70%", "80%") + end for line, end in zip(LINES, breaks)
    )


def test_offsets_break_at_lone_cr() -> None:
    assert fixes.offsets("a\rb\r\nc\nd") == [0, 2, 5, 7]


def test_baseline_write_never_follows_a_planted_symlink(tmp_path: Path) -> None:
    """The old temporary name was predictable; a symlink planted at any such name stays untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    target = tmp_path / "fiscallint-baseline.json"
    for name in (f".{target.name}.tmp{os.getpid()}", f".{target.name}.tmp", ".fiscallint-.tmp"):
        (tmp_path / name).symlink_to(victim)
    baseline = Baseline(target)
    baseline.add(Finding("FL101", Severity.ERROR, "m", Span(1, 1, 1, 2), path=str(tmp_path / "r.txt")), "abc")
    baseline.write()
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert Baseline.load(target).entries[0]["fingerprint"] == "abc"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".fiscallint-") and not p.is_symlink()]
