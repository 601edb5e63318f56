"""Only regular files are read, and a text document has a size and a line bound: anything else
is a one-line error with exit 2, and the other files of the run are still linted."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from fiscallint.errors import InputError
from fiscallint.source import MAX_LINES, MAX_TEXT_BYTES, check_bounds, read_text_source

SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"


def fiscallint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, with a timeout: a blocking read would fail the test."""
    return subprocess.run(
        [sys.executable, "-m", "fiscallint", "check", "--select", "FL101", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60,
    )


@pytest.fixture
def specials(tmp_path: Path) -> dict[str, Path]:
    """A folder of report-named special files next to a real report."""
    (tmp_path / "a.txt").write_text(SHARE, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "null.md").symlink_to("/dev/null")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "fifo.pdf")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(tmp_path / "sock.tsv"))
    yield {p.name: p for p in tmp_path.iterdir()}
    sock.close()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("fifo.txt", "a FIFO (named pipe)"), ("zero.txt", "a character device"), ("null.md", "a character device"),
        ("sock.tsv", "a socket"), ("zero.pdf", "a character device"), ("fifo.pdf", "a FIFO (named pipe)"),
    ],
)
@pytest.mark.slow  # runs the command in a subprocess
def test_special_file_named_directly(specials: dict[str, Path], name: str, kind: str) -> None:
    result = fiscallint(name, "a.txt", cwd=specials["a.txt"].parent)
    assert result.returncode == 2
    assert result.stderr == f"{name}: error: is {kind}, not a regular file\n"
    assert "a.txt:1:" in result.stdout  # the other file is still linted


@pytest.mark.slow  # runs the command in a subprocess
def test_special_files_met_walking_a_folder(specials: dict[str, Path]) -> None:
    folder = specials["a.txt"].parent
    result = fiscallint(".", cwd=folder)
    assert result.returncode == 2
    errors = sorted(line.split(":")[0] for line in result.stderr.splitlines())
    assert errors == ["./fifo.pdf", "./fifo.txt", "./null.md", "./sock.tsv", "./zero.pdf", "./zero.txt"]
    assert all("not a regular file" in line for line in result.stderr.splitlines())
    assert "./a.txt:1:" in result.stdout


def test_line_bound(tmp_path: Path) -> None:
    at_bound = tmp_path / "at.txt"
    at_bound.write_text("a\n" * (MAX_LINES - 1), encoding="utf-8")
    read_text_source(str(at_bound))
    over = tmp_path / "over.txt"
    over.write_text("a\r" * MAX_LINES, encoding="utf-8")  # lone CRs count as line breaks
    with pytest.raises(InputError, match=f"over the {MAX_LINES}-line bound"):
        read_text_source(str(over))


@pytest.mark.slow  # runs the command in a subprocess
def test_size_bound_and_the_other_files_still_linted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SHARE, encoding="utf-8")
    (tmp_path / "big.txt").write_bytes(b"x" * (MAX_TEXT_BYTES + 1))
    result = fiscallint(".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"./big.txt: error: file is {MAX_TEXT_BYTES + 1} bytes, over the {MAX_TEXT_BYTES}-byte bound\n"
    assert "./a.txt:1:" in result.stdout


def test_buffer_bounds() -> None:
    check_bounds("一行\n" * 10)
    with pytest.raises(InputError, match="line bound"):
        check_bounds("\n" * MAX_LINES)
    with pytest.raises(InputError, match="character bound"):
        check_bounds("x" * (MAX_TEXT_BYTES + 1))
