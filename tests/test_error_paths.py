"""Every error path ends in one line on stderr and exit 2 (never a traceback or a silent no-op):
configuration values and shapes, baseline shapes, dead worker processes, and outputs that stay
well-formed whatever the file names contain."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint import pipeline
from fiscallint.cli import main

SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"


def check(*args: str):
    return CliRunner().invoke(main, ["check", *args])


def one_line_exit_2(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("[tolerance]\nFL101 = nan\n", "tolerance.FL101"),
        ("[tolerance]\nFL101 = inf\n", "tolerance.FL101"),
        ('[tolerance]\nFL101 = "NaN"\n', "tolerance.FL101"),
        ('[tolerance]\nFL101 = "-Infinity"\n', "tolerance.FL101"),
        ("select = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ('select = ["XX999"]\n', "unknown rule code or prefix XX999"),
        ('ignore = ["FL999"]\n', "unknown rule code or prefix FL999"),
        ('[per-file-ignores]\n"*.txt" = ["ZZ1"]\n', "unknown rule code or prefix ZZ1"),
        ('[severity]\nQQ = "info"\n', "unknown rule code or prefix QQ"),
    ],
)
def test_bad_configuration_values(project: Path, toml: str, needle: str) -> None:
    (project / "fiscallint.toml").write_text(toml, encoding="utf-8")
    one_line_exit_2(check("r.txt"), needle)


def test_known_prefix_and_internal_code_are_accepted(project: Path) -> None:
    (project / "fiscallint.toml").write_text('select = ["FL1"]\nignore = ["FL000"]\n', encoding="utf-8")
    assert check("r.txt").exit_code == 1


@pytest.mark.parametrize(
    "data",
    [
        '{"version": 1, "findings": [1]}',
        '{"version": 1, "findings": [{"path": "r.txt", "code": "FL101"}]}',
        '{"version": 1, "findings": [{"path": 3, "code": "FL101", "fingerprint": "x"}]}',
        '{"version": 1, "findings": [{"path": "r.txt", "code": "FL101", "fingerprint": "x", "line": "7"}]}',
        '{"version": 1, "findings": "all"}',
        '[1, 2]',
        "[" * 100_000 + "]" * 100_000,
        "{not json",
    ],
)
def test_bad_baseline_shapes(project: Path, data: str) -> None:
    (project / "b.json").write_text(data, encoding="utf-8")
    one_line_exit_2(check("--baseline", "b.json", "r.txt"), "b.json")


def test_baseline_that_is_a_device_is_refused(project: Path) -> None:
    one_line_exit_2(check("--baseline", "/dev/zero", "r.txt"), "not a regular file")


def dying_lint_file(path: str, *args, **kwargs):
    """Stands in for the pipeline in worker processes: the process linting "dies.txt" is killed."""
    if path.endswith("dies.txt"):
        os._exit(9)
    return ORIGINAL_LINT_FILE(path, *args, **kwargs)


ORIGINAL_LINT_FILE = pipeline.lint_file


@pytest.mark.slow  # starts worker processes
def test_a_dead_worker_loses_only_its_own_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "dies.txt", "z.txt"):
        (project / name).write_text(SHARE, encoding="utf-8")
    monkeypatch.setattr(pipeline, "lint_file", dying_lint_file)
    result = check("-j", "2", "--select", "FL101", "a.txt", "dies.txt", "z.txt")
    assert result.exit_code == 2
    assert "dies.txt: error: the process linting this file died" in result.stderr
    assert "a.txt:1:" in result.stdout and "z.txt:1:" in result.stdout
    assert "Traceback" not in result.output


CONTROL_NAME = "r\x01\x1b[31m.txt"


def test_control_characters_in_file_names_stay_escaped(project: Path) -> None:
    (project / CONTROL_NAME).write_text(SHARE, encoding="utf-8")
    junit = check("--select", "FL101", "--format", "junit", CONTROL_NAME)
    root = ET.fromstring(junit.stdout)  # well-formed XML
    assert root.find(".//testcase").get("classname") == "r\\x01\\x1b[31m.txt"
    sarif = json.loads(check("--select", "FL101", "--format", "sarif", CONTROL_NAME).stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "r%01%1B%5B31m.txt"
    for fmt in ("text", "github"):
        out = check("--select", "FL101", "--format", fmt, CONTROL_NAME).stdout
        assert "\x1b" not in out and "\x01" not in out and "r\\x01\\x1b[31m.txt" in out


def test_undecodable_file_name_gives_valid_utf8_output(project: Path) -> None:
    name = os.fsdecode(b"r\xff.txt")
    (project / name).write_text(SHARE, encoding="utf-8")
    for fmt in ("json", "sarif", "junit", "text", "github"):
        result = check("--select", "FL101", "--format", fmt, name)
        assert result.exit_code == 1, (fmt, result.output)
        result.stdout.encode("utf-8")  # no lone surrogate left
    assert json.loads(check("--select", "FL101", "--format", "json", name).stdout)[0]["path"] == name


UNDECODABLE = os.fsdecode(b"r\xff\xfe.txt")


@pytest.mark.skipif(os.name == "nt", reason="a file name of undecodable bytes is a POSIX thing")
def test_undecodable_file_names_in_every_written_format(project: Path) -> None:
    (project / "r.txt").rename(project / UNDECODABLE)
    for fmt in ("text", "json", "sarif", "junit", "github", "html"):
        result = check("--select", "FL101", "--format", fmt, "-o", f"out.{fmt}", UNDECODABLE)
        assert result.exit_code == 1 and "Traceback" not in result.output, (fmt, result.output)
        (project / f"out.{fmt}").read_text(encoding="utf-8")  # valid UTF-8
    sarif = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "r%FF%FE.txt"
    assert "r\\udcff\\udcfe.txt" in (project / "out.html").read_text(encoding="utf-8")


def test_control_characters_stay_escaped_in_the_encoding_and_coverage_lines(project: Path) -> None:
    (project / CONTROL_NAME).write_text("一、说明\x1b[2J\n" + SHARE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--show-encoding", "--show-coverage", CONTROL_NAME], color=True)
    assert "\x1b" not in result.stderr and "\x01" not in result.stderr
    assert "r\\x01\\x1b[31m.txt: encoding utf-8" in result.stderr
