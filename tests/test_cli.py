"""The command line: output formats, exit codes, many files, errors as one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main

# A 03 table whose 合计 (300.00) is not 120.00 + 100.00: FL204 fires on line 4.
BAD = "公开03表\n单位：万元\n科目编码 科目名称 本年支出合计\n合计 300.00\n201 一般公共服务支出 120.00\n208 社会保障和就业支出 100.00\n"
GOOD = BAD.replace("300.00", "220.00")
JSON_KEYS = ["code", "severity", "message", "path", "line", "column", "end_line", "end_column", "page", "related", "fix"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fiscallint", *args], capture_output=True, text=True, cwd=cwd)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_text_format_and_exit_codes(reports: Path) -> None:
    bad = invoke("check", "--select", "FL204", str(reports / "bad.txt"))
    assert bad.exit_code == 1
    assert bad.stdout == f"{reports / 'bad.txt'}:4:4: FL204 合计第1栏 300.00 与各类之和不符：120.00 + 100.00 = 220.00\n"
    good = invoke("check", "--select", "FL204", str(reports / "good.txt"))
    assert good.exit_code == 0 and good.stdout == ""
    assert invoke("check", "--select", "FL204", "--exit-zero", str(reports / "bad.txt")).exit_code == 0


def test_show_source_draws_carets_under_the_figure(reports: Path) -> None:
    out = invoke("check", "--select", "FL204", "--show-source", str(reports / "bad.txt")).stdout
    assert "4 | 合计 300.00\n  |      ^^^^^^\n" in out  # 合计 is two cells wide each


@pytest.mark.slow  # runs the command in a subprocess
def test_missing_file_is_one_line_exit_2_and_others_still_linted(reports: Path) -> None:
    result = run("check", "--select", "FL204", str(reports / "missing.txt"), str(reports / "bad.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"{reports / 'missing.txt'}: error: no such file"]
    assert "Traceback" not in result.stderr
    assert "FL204" in result.stdout


@pytest.mark.slow  # runs the command in a subprocess
def test_binary_file_is_an_input_error(reports: Path) -> None:
    (reports / "blob.txt").write_bytes(b"\x00\x01\x02")
    result = run("check", str(reports / "blob.txt"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "binary" in result.stderr


def test_usage_errors_exit_2(reports: Path) -> None:
    assert invoke("check", "--select", "ZZ9", str(reports)).exit_code == 2
    assert invoke("check", "--format", "xml", str(reports)).exit_code == 2
    assert invoke("check", str(reports / "empty-folder-does-not-exist")).exit_code == 2


def test_json_keys_and_sort_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD + "\n" + BAD, encoding="utf-8")
    result = invoke("check", "--select", "FL204", "--format", "json", str(tmp_path))
    data = json.loads(result.stdout)
    assert [list(d) for d in data] == [JSON_KEYS] * 3
    assert [(Path(d["path"]).name, d["line"]) for d in data] == [("a.txt", 4), ("a.txt", 11), ("b.txt", 4)]
    first = data[0]
    assert (first["code"], first["severity"], first["column"], first["end_column"], first["page"]) == ("FL204", "error", 4, 10, None)
    assert list(first["related"][0]) == ["path", "line", "column", "page", "note"]
    assert first["fix"] is None


def test_sarif_is_structurally_valid(reports: Path) -> None:
    result = invoke("check", "--select", "FL204", "--format", "sarif", str(reports))
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    assert len(doc["runs"]) == 1
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "fiscallint"
    for rule in rules:
        assert rule["id"] and rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["helpUri"].startswith("https://")
    (res,) = run_["results"]
    assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == "FL204"
    assert res["level"] == "error" and "220.00" in res["message"]["text"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("bad.txt")
    assert loc["region"] == {"startLine": 4, "startColumn": 4, "endLine": 4, "endColumn": 10}
    assert all("physicalLocation" in r and "message" in r for r in res["relatedLocations"])


def test_github_annotations(reports: Path) -> None:
    out = invoke("check", "--select", "FL204", "--format", "github", str(reports / "bad.txt")).stdout
    (line,) = out.splitlines()
    assert line.startswith(f"::error file={reports / 'bad.txt'},line=4,col=4,endLine=4,endColumn=10,title=FL204 (total-of-classes)::FL204 合计")


def test_github_annotates_an_input_that_could_not_be_linted(reports: Path) -> None:
    (reports / "odd,name:1%.txt").write_bytes(b"\xff\xfe\x00")  # not text in any encoding it reads
    result = run("check", "--select", "FL204", "--format", "github", str(reports / "odd,name:1%.txt"), str(reports / "bad.txt"))
    lines = result.stdout.splitlines()
    assert result.returncode == 2 and len(lines) == 2 and lines[0].startswith("::error file=") and "FL204" in lines[0]
    assert lines[1].startswith("::error file=") and "odd%2Cname%3A1%25.txt,title=fiscallint (input error)::" in lines[1]
    assert "error:" in result.stderr  # the one-line message on stderr stays


def test_junit_has_a_failure_per_finding_and_a_pass_per_clean_file(reports: Path) -> None:
    out = invoke("check", "--select", "FL204", "--format", "junit", str(reports)).stdout
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    failures = suite.findall("testcase/failure")
    assert len(failures) == 1 and failures[0].get("type") == "FL204 (error)"


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BAD + "\n" + BAD, encoding="utf-8")
    out = invoke("check", "--select", "FL204", "--statistics", str(tmp_path)).stdout
    assert out.splitlines() == ["    2  FL204  total-of-classes", "    2  total"]
    data = json.loads(invoke("check", "--select", "FL204", "--statistics", "--format", "json", str(tmp_path)).stdout)
    assert data == [{"code": "FL204", "name": "total-of-classes", "count": 2, "fixable": 0}]


def test_output_file_and_nothing_else_written(reports: Path) -> None:
    before = {p: p.read_bytes() for p in reports.iterdir()}
    result = invoke("check", "--select", "FL204", "--format", "json", "-o", str(reports / "out.json"), str(reports / "bad.txt"))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((reports / "out.json").read_text(encoding="utf-8"))[0]["code"] == "FL204"
    assert {p: p.read_bytes() for p in reports.iterdir() if p.name != "out.json"} == before


@pytest.mark.slow  # runs the command in a subprocess
def test_parallel_jobs_give_the_same_output(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"r{i}.txt").write_text(BAD if i % 2 else GOOD, encoding="utf-8")
    serial = run("check", "--select", "FL204", "--format", "json", str(tmp_path))
    parallel = run("check", "--select", "FL204", "--format", "json", "-j", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout and len(json.loads(serial.stdout)) == 3


@pytest.mark.slow  # runs the command in a subprocess
def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"r{i}.txt").write_text(GOOD, encoding="utf-8")
    result = run("check", "--select", "FL204", str(tmp_path))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


@pytest.mark.slow  # runs the command in a subprocess
def test_folder_walk_skips_configured_excludes(tmp_path: Path) -> None:
    (tmp_path / "fiscallint.toml").write_text('exclude = ["drafts", "*.old.txt"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "y.old.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "z.txt").write_text(BAD, encoding="utf-8")
    data = json.loads(run("check", "--select", "FL204", "--format", "json", ".", cwd=tmp_path).stdout)
    assert [Path(d["path"]).name for d in data] == ["z.txt"]


@pytest.mark.slow  # runs the command in a subprocess
def test_extract_bad_pdf_is_one_line_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"not a pdf at all")
    result = run("extract", str(fake))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{fake}: error: ") and result.stderr.count("\n") == 1


@pytest.mark.slow  # runs the command in a subprocess
def test_extract_writes_canonical_text(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from tests import pdf_fixtures as fx

    pdf = tmp_path / "r.pdf"
    fx.write_text_pdf(pdf, "一、部门基本情况")
    result = run("extract", str(pdf), "-o", str(tmp_path / "r.txt"))
    assert result.returncode == 0, result.stderr
    assert "部门基本情况" in (tmp_path / "r.txt").read_text(encoding="utf-8")


@pytest.mark.slow  # runs the command in a subprocess
def test_version_is_cheap() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("fiscallint")
    env_probe = "import sys, fiscallint.cli; print(sorted(m for m in ('rich', 'pygls', 'pdfminer') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", env_probe], capture_output=True, text=True, env=dict(os.environ)).stdout.strip() == "[]"


STDIN_REPORT = "2030年度本年支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出合计的 85%。\n".encode("utf-8")


def test_a_report_on_standard_input_is_linted_under_its_given_name() -> None:
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "reports/a.md", "--select", "FL101"], input=STDIN_REPORT)
    assert result.exit_code == 1
    assert result.stdout.startswith("reports/a.md:1:") and "400.00 / 500.00 = 80.00%" in result.stdout
    plain = CliRunner().invoke(main, ["check", "-", "--select", "FL101"], input=STDIN_REPORT.replace("85%".encode(), "80%".encode()))
    assert plain.exit_code == 0 and plain.stdout == ""


@pytest.mark.parametrize(("args", "said"), [
    (["check", "-", "other.txt"], "given once and alone"),
    (["check", "-", "-"], "given once and alone"),
    (["check", "-", "--stdin-filename", " "], "needs a file name"),
    (["check", "-", "--fix"], "need files"),
    (["check", "-", "--stdin-filename", "a.pdf"], "cannot be read from standard input"),
    (["check", "some.txt", "--stdin-filename", "a.txt"], "goes with the path -"),
    (["parse", "-", "--stdin-filename", "a.pdf"], "cannot be read from standard input"),
    (["parse", "some.txt", "--stdin-filename", "a.txt"], "goes with the path -"),
])
def test_standard_input_misuse_is_a_usage_error(args: list[str], said: str) -> None:
    result = CliRunner().invoke(main, args, input=STDIN_REPORT)
    assert result.exit_code == 2 and said in result.output


@pytest.mark.parametrize("command", ["check", "parse"])
def test_binary_standard_input_is_one_line_and_exit_2(command: str) -> None:
    result = CliRunner().invoke(main, [command, "-"], input=b"\x00\x01\x02")
    assert result.exit_code == 2 and "stdin.txt: error: binary file" in result.output


def test_parse_reads_standard_input_and_shows_the_suppression_comments_as_linting_sees_them() -> None:
    text = STDIN_REPORT + "合计 300.00 万元。  # fiscallint: ignore FL204 fl1\n<!-- fiscallint: ignore -->\n".encode("utf-8")
    result = CliRunner().invoke(main, ["parse", "-", "--stdin-filename", "r.md"], input=text)
    assert result.exit_code == 0 and "share “基本支出”" in result.stdout
    assert "fiscallint" not in result.stdout  # blanked before parsing: no paragraph holds them
    assert result.stdout.splitlines()[-2:] == ["ignore FL204 FL1 @2", "ignore (every rule) @3"]
    old_mac = CliRunner().invoke(main, ["parse", "-"], input="一、概况\r# fiscallint: ignore FL1O1 FL2\r收入 3 万元。\r".encode())
    assert old_mac.stdout.splitlines()[-1] == "ignore 'FL1O1' FL2 @2"  # lone CRs break lines, as when linting


def test_a_file_named_twice_is_linted_once(reports: Path) -> None:
    bad = str(reports / "bad.txt")
    twice = invoke("check", "--select", "FL204", "--format", "json", bad, os.path.join(str(reports), ".", "bad.txt"), str(reports))
    data = json.loads(twice.output)
    assert [(d["path"], d["code"]) for d in data] == [(bad, "FL204")]


@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_zero_pdf_timeout_is_a_usage_error(tmp_path: Path, command: str) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = invoke(command, "--pdf-timeout", "0", str(pdf))
    assert result.exit_code == 2 and "--pdf-timeout" in result.output and "0<x<=3600" in result.output


@pytest.mark.parametrize("option", ["-o", "--annotate"])
def test_an_output_in_a_missing_folder_stops_before_linting(reports: Path, monkeypatch: pytest.MonkeyPatch, option: str) -> None:
    from fiscallint import cli

    monkeypatch.chdir(reports)
    monkeypatch.setattr(cli, "run", lambda *a, **k: pytest.fail("linted although the output cannot be written"))
    (reports / "r.pdf").write_bytes(b"%PDF-1.4\n")
    where = os.path.join("missing", "out.pdf")
    result = invoke("check", option, where, "r.pdf")
    assert result.exit_code == 2 and result.output.startswith(f"fiscallint: error: {where}: cannot write: no folder ")
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("empty", ["", ",", " , "])
def test_a_select_naming_no_code_does_not_turn_every_rule_off(reports: Path, empty: str) -> None:
    result = invoke("check", "--select", empty, str(reports / "bad.txt"))
    assert result.exit_code == 1 and ":4:4: FL204 " in result.output


def test_check_help_names_every_suffix_the_folder_walk_reads() -> None:
    from fiscallint.cli import INPUT_SUFFIXES

    text = invoke("check", "--help").output
    assert all(suffix in text for suffix in INPUT_SUFFIXES if suffix not in (".markdown", ".htm"))


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "html"])
def test_statistics_in_a_format_it_cannot_take_is_a_usage_error(reports: Path, fmt: str) -> None:
    out = reports / f"out.{fmt}"
    result = invoke("check", "--statistics", "--format", fmt, "-o", str(out), str(reports / "bad.txt"))
    assert result.exit_code == 2 and f"not {fmt}" in result.output and not out.exists()
