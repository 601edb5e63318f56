"""The entry point starts reading the PDF of ``check REPORT.pdf`` before the command line is
loaded (fiscallint.early), and the command takes that reading only when it would have started
the same one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint import regular_files
from fiscallint.cli import main
from fiscallint.early import planned
from tests.test_pdf_findings import build


@pytest.mark.parametrize(
    ("args", "plan"),
    [
        (["check", "r.pdf"], ("r.pdf", "pdfium", 60.0)),
        (["check", "--format", "json", "--exit-zero", "r.PDF", "b.txt"], ("r.PDF", "pdfium", 60.0)),
        (["check", "--pdf-engine=pdfminer", "--pdf-timeout", "5", "-o", "out.json", "r.pdf"], ("r.pdf", "pdfminer", 5.0)),
        (["check", "-j", "0", "r.pdf"], ("r.pdf", "pdfium", 60.0)),  # one file: read in this process
        (["check", "--", "-r.pdf"], ("-r.pdf", "pdfium", 60.0)),
        (["check", "-j", "2", "a.pdf", "b.pdf"], None),  # files linted in worker processes
        (["check", "b.txt", "r.pdf"], None),  # the first input is no PDF
        (["check", "--write-baseline", "r.pdf"], None),  # an optional value: the command line decides
        (["check", "-j2", "r.pdf"], None),  # spellings not read here are left to the command line
        (["check", "--pdf-timeout", "nan", "r.pdf"], None),
        (["check", "--pdf-engine", "other", "r.pdf"], None),
        (["check", "--help", "r.pdf"], None),
        (["check", "r.pdf", "-o"], None),
        (["parse", "r.pdf"], None),
        ([], None),
    ],
)
def test_the_plan_is_the_reading_check_would_start_first(args: list[str], plan: tuple[str, str, float] | None) -> None:
    assert planned(args) == plan


def test_the_command_takes_only_the_reading_it_would_start(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    build(pdf, share="85%", class_total="300.00")
    regular_files.start_early(str(pdf), "pdfium", 60.0)
    assert regular_files.take_early(str(pdf), "pdfminer", 60.0) is None  # another engine: stopped
    assert regular_files.take_early(str(pdf), "pdfium", 60.0) is None  # and gone
    regular_files.start_early(str(pdf), "pdfium", 60.0)
    taken = regular_files.take_early(str(pdf), "pdfium", 60.0)
    assert taken is not None and "占本年支出合计的85%" in taken.result().text


@pytest.mark.slow  # the installed entry point, in a process of its own
def test_an_early_reading_gives_the_findings_of_the_command_line(tmp_path: Path) -> None:
    pdf = tmp_path / "planted.pdf"
    build(pdf, share="85%", class_total="310.00")
    args = ["check", "--format", "json", "--ignore", "FL504", str(pdf)]
    early = subprocess.run([sys.executable, "-m", "fiscallint", *args], capture_output=True, text=True)
    inline = CliRunner().invoke(main, args)  # no entry point: the command starts the reading
    assert early.returncode == inline.exit_code == 1
    assert json.loads(early.stdout) == json.loads(inline.stdout) and any(f["code"] == "FL101" for f in json.loads(early.stdout))
    usage = subprocess.run([sys.executable, "-m", "fiscallint", "check", "--select", "XX9", str(pdf)], capture_output=True, text=True)
    assert usage.returncode == 2 and "unknown rule code" in usage.stderr  # the early reading is dropped
