"""Robustness: whatever the input, ``fiscallint check`` never crashes and answers the same way twice.

Every input goes through the CLI in-process (click's CliRunner) with ``--format json``: no
exception escapes, the exit code is 0, 1 or 2, stdout is a JSON list, and a second run gives
the same output. Random inputs come from hypothesis (few examples, no deadline: the whole file
runs in well under a minute); large and deeply nested inputs are single tests. Lone-CR and
mixed line endings, runs of blank lines, byte-order marks and encodings (every decoded text
encodes back to its bytes), special files (devices, FIFOs, sockets, links to them; also where an
output, a store, a configuration or a baseline goes) and random configuration and baseline
shapes are fuzzed too: exit 2 comes with exactly one stderr line.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from typing import Iterator

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fiscallint.ast import Span
from fiscallint.cli import main
from fiscallint.engine import lint_report
from fiscallint.findings import Finding, Fix, Severity
from fiscallint.parser import parse_source
from fiscallint.registry import all_rules
from fiscallint.rule import Rule
from fiscallint.source import SourceText, detect_shape

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

FIXTURE = """\
2024年度县气象站部门决算

第一部分 部门概况
一、主要职能
负责本县气象观测与预警信息发布。

第二部分 2024年度部门决算表
支出决算表
公开03表
单位：万元
科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出
合计\t\t205.40\t150.20\t55.20
220\t自然资源海洋气象等支出\t205.40\t150.20\t55.20
22005\t气象事务\t205.40\t150.20\t55.20
2200501\t行政运行\t150.20\t150.20\t0.00
2200504\t气象事业机构\t55.20\t0.00\t55.20
注：1栏＝2栏＋3栏。

第三部分 2024年度部门决算情况说明
一、支出决算情况说明
2024年度支出合计205.40万元，与2023年度相比增加10.40万元，增长5.3%。其中：基本支出150.20万元，占本年支出73.1%；项目支出55.20万元，占本年支出26.9%。
二、一般公共预算财政拨款支出决算情况说明
年初预算为210.00万元，支出决算为205.40万元，完成年初预算的97.8%。
三、预算绩效情况说明
项目支出绩效自评表
一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分
产出指标\t数量指标\t预警信息发布次数\t≥100次\t120次\t20\t20
满意度指标\t服务对象满意度\t群众满意度\t≥90%\t95%\t10\t10
总分\t\t\t\t\t30\t30
"""

TOKENS = [
    "公开03表", "公开01表", "合计", "总计", "\t", "\n", "\n\n", " ", "单位：万元", "单位：元", "201", "20135", "2013501",
    "301", "30101", "占", "%", "万元", "增加", "减少", "下降", "增长", "其中：", "第一部分", "一、", "（一）", "1.", "（1）",
    "|", "---", "| --- |", "#", "。", "，", "、", "2024年度", "与2023年度相比", "完成年初预算的", "执行率", "得分", "分值",
    "≥", "≤", "绩效自评表", "注：", "1栏＝2栏＋3栏", "27行＝（1＋2＋…＋58）行", "0.00", "12.34", "100", "99.9", "1,234.56",
    "-", "（", "）", "本年支出合计", "基本支出", "项目支出", "三公", "有序推进", "\r\n", "\x0c", "\u3000", "\r",
]


def check_cli(path: str, twice: bool = True) -> str:
    """Run ``fiscallint check --format json`` on ``path`` (twice: same output); assert the contract."""
    outputs = []
    for _ in range(2 if twice else 1):
        result = CliRunner().invoke(main, ["check", "--format", "json", path])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
        findings = json.loads(result.stdout)
        assert isinstance(findings, list)
        assert not [f for f in findings if f["code"] == "FL000"], findings
        outputs.append((result.exit_code, result.stdout))
    assert outputs[0] == outputs[-1], "same input gave different output"
    return outputs[0][1]


def check_bytes(data: bytes, suffix: str = ".txt", twice: bool = True) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "report" + suffix)
        with open(path, "wb") as handle:
            handle.write(data)
        return check_cli(path, twice)


def check_text(text: str, suffix: str = ".txt", twice: bool = True) -> str:
    return check_bytes(text.encode("utf-8"), suffix, twice)


suffixes = st.sampled_from([".txt", ".md", ".tsv"])


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=80).map("".join), suffixes)
def test_random_text(text: str, suffix: str) -> None:
    check_text(text, suffix)


def _mutate(text: str, ops: list[tuple[str, float, str]]) -> str:
    for op, where, payload in ops:
        if op in ("insert", "delete", "replace"):
            at = int(where * len(text))
            end = min(len(text), at + max(1, len(payload)))
            text = {"insert": text[:at] + payload + text[at:], "delete": text[:at] + text[end:],
                    "replace": text[:at] + payload + text[end:]}[op]
        else:
            lines = text.split("\n")
            at = int(where * len(lines))
            if op == "delete-line" and lines:
                del lines[min(at, len(lines) - 1)]
            elif op == "duplicate-line" and lines:
                lines.insert(at, lines[min(at, len(lines) - 1)])
            else:
                lines.insert(at, payload)
            text = "\n".join(lines)
    return text


mutation = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "delete-line", "duplicate-line", "insert-line"]),
    st.floats(min_value=0, max_value=0.999),
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)),
)


@FUZZ
@given(st.lists(mutation, min_size=1, max_size=8), st.sampled_from([".txt", ".tsv"]))
def test_mutated_fixture(ops: list[tuple[str, float, str]], suffix: str) -> None:
    check_text(_mutate(FIXTURE, ops), suffix)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".tsv", ".pdf"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    check_bytes(data, suffix)


BYTE_ORDER_MARKS = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE])


@FUZZ
@given(BYTE_ORDER_MARKS, st.binary(max_size=400))
def test_every_decoded_text_encodes_back_to_its_bytes(mark: bytes, data: bytes) -> None:
    """Whatever the bytes (after any byte-order mark): refused, or decoded into a text that
    encodes back to exactly those bytes, so that a fix rewrites nothing but its figure."""
    from fiscallint.errors import InputError
    from fiscallint.source import decode, encode

    try:
        text, encoding = decode(mark + data)
    except InputError:
        return
    assert encode(text, encoding) == mark + data


@FUZZ
@given(BYTE_ORDER_MARKS, st.sampled_from(["utf-8", "gb18030", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]), st.floats(0, 0.999))
def test_fixture_in_any_encoding_with_any_mark(mark: bytes, codec: str, cut: float) -> None:
    """The fixture (cut at a random line) encoded any way, with any byte-order mark or none,
    matching or not: findings or one error line, never a crash; ``--fix`` rewrites nothing or
    keeps the mark."""
    text = "\n".join(FIXTURE.split("\n")[: max(1, int(cut * 40))])
    check_bytes(mark + text.encode(codec))


@FUZZ
@given(st.lists(st.sampled_from(["\n", "\r", "\r\n", " ", "\t", "\u3000", "|", "|---|", "+---+"]), max_size=40), st.integers(1, 5000), suffixes)
def test_runs_of_blank_lines_and_table_marks(pieces: list[str], times: int, suffix: str) -> None:
    """Blank lines (any ending), blanks and table marks repeated many times: read in time, with
    the same shape whatever the line endings."""
    text = "".join(pieces) * times
    check_text(text[:200_000], suffix, twice=False)
    assert detect_shape("r" + suffix, text) == detect_shape("r" + suffix, text.replace("\r\n", "\n").replace("\r", "\n"))


def test_fixture_exercises_tables_claims_and_performance() -> None:
    report = parse_source(SourceText("fixture.tsv", FIXTURE, "utf-8", "tsv"))
    assert report.tables and list(report.claims())
    check_text(FIXTURE)


def test_deep_heading_nesting() -> None:
    levels = ["第{}部分 标题", "一、标题", "（一）标题", "1.标题", "（1）标题"]
    dump = "\n".join(levels[i % 5].format("一") + f"{i}\n正文第{i}段，支出 {i}.00 万元。" for i in range(3000))
    check_text(dump)
    markdown = "\n".join("#" * depth + f" 第{depth}层\n\n正文。\n" for depth in range(1, 200))
    check_text(markdown, ".md")


def test_one_megabyte_line() -> None:
    prose = "本单位认真落实过紧日子要求，"
    check_text("2024年度部门决算\n" + prose * (1_000_000 // len(prose.encode())) + "支出12.00万元。\n", twice=False)
    check_text("合计\t" + "\t".join(["1.00"] * 200_000) + "\n", ".tsv", twice=False)


def test_hundred_thousand_lines() -> None:
    rows = "\n".join(f"2013501\t行政运行\t{i % 1000}.{i % 100:02d}\t0.00" for i in range(100_000))
    check_text("支出决算表\n公开03表\n单位：万元\n科目编码\t科目名称\t本年支出合计\t基本支出\n" + rows + "\n", ".tsv", twice=False)


def test_one_megabyte_line_of_claims() -> None:
    claim = "基本支出 12.34 万元，占本年支出 56.7%，"
    check_text("2024年度部门决算\n" + claim * (1_000_000 // len(claim.encode())) + "\n", twice=False)


def test_hundred_thousand_row_dump_table() -> None:
    rows = "\n".join(f"2013501 行政运行 {i % 1000}.{i % 100:02d} 0.00" for i in range(100_000))
    check_text("支出决算表\n公开03表\n单位：万元\n科目编码 科目名称 本年支出合计 基本支出\n" + rows + "\n", twice=False)


class Boom(Rule):
    """A rule that always raises (used to check isolation)."""

    code = "FL999"
    name = "boom"
    severity = Severity.ERROR
    summary = "always raises"

    def check(self) -> Iterator[Finding]:
        raise RuntimeError("boom")


def test_a_raising_rule_is_isolated() -> None:
    text = FIXTURE.replace("合计\t\t205.40\t150.20\t55.20", "合计\t\t215.40\t150.20\t55.20")
    report = parse_source(SourceText("example.tsv", text, "utf-8", detect_shape("example.tsv", text)))
    rules = [Boom, *all_rules().values()]
    findings = lint_report(report, rules)
    internal = [f for f in findings if f.code == "FL000"]
    assert len(internal) == 1 and "FL999" in internal[0].message
    assert isinstance(internal[0].span, Span)
    assert "FL204" in {f.code for f in findings}, "the other rules must still report"


# --- line endings -----------------------------------------------------------------------------

@FUZZ
@given(st.lists(st.sampled_from(["\n", "\r", "\r\n"]), min_size=1, max_size=60), st.floats(0, 0.999), suffixes)
def test_lone_cr_and_mixed_endings_read_as_line_breaks(endings: list[str], cut: float, suffix: str) -> None:
    """The fixture with each line ending drawn at random (cut at a random line) gives the same
    findings, on the same lines and columns, as with LF endings; fixes land on the same places."""
    from fiscallint.fixes import apply_fixes

    lines = FIXTURE.split("\n")[: max(1, int(cut * 40))]
    ends = (endings * len(lines))[: len(lines)]
    mixed = "".join(line + end for line, end in zip(lines, ends))
    plain = mixed.replace("\r\n", "\n").replace("\r", "\n")  # (a CR before an empty LF line is a CRLF)
    found = [json.loads(check_text(text, suffix, twice=False)) for text in (plain, mixed)]
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in found[0]] == [
        (f["code"], f["line"], f["column"], f["message"]) for f in found[1]
    ]
    spans = [(f["line"], f["column"], f["line"], f["column"] + 1) for f in found[0]]
    fixes = [Fix(Span(*span), "X") for span in spans]
    fixed_plain, applied_plain = apply_fixes(plain, fixes)
    fixed_mixed, applied_mixed = apply_fixes(mixed, fixes)
    assert len(applied_plain) == len(applied_mixed)
    assert fixed_mixed.replace("\r\n", "\n").replace("\r", "\n") == fixed_plain


# --- special files ----------------------------------------------------------------------------

def _special(folder: str, kind: str, name: str) -> str:
    path = os.path.join(folder, name)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        import socket

        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(path)
        sock.close()
    elif kind == "folder":
        os.mkdir(path)
    else:
        os.symlink(kind, path)
    return path


special_kinds = st.sampled_from(["fifo", "socket", "/dev/zero", "/dev/null", "/dev/urandom", "/dev/full"])


@FUZZ
@given(special_kinds, st.sampled_from([".txt", ".md", ".markdown", ".tsv", ".pdf"]), st.booleans())
def test_special_files_are_refused(kind: str, suffix: str, walk: bool) -> None:
    """Named directly or met walking a folder: one error line, exit 2, nothing read, no block."""
    with tempfile.TemporaryDirectory() as folder:
        path = _special(folder, kind, "special" + suffix)
        result = CliRunner().invoke(main, ["check", "--format", "json", folder if walk else path])
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr
        assert json.loads(result.stdout) == []


@FUZZ
@given(st.sampled_from(["fifo", "socket", "folder", "/dev/null"]), st.sampled_from(["-o", "--write-baseline", "--db", "--config", "--baseline"]))
def test_special_files_given_as_outputs_and_side_files(kind: str, option: str) -> None:
    """A special file given where an output, a store, a configuration or a baseline goes:
    written into (a FIFO with a reader, /dev/null) or refused with one line, never replaced,
    never blocking; the report is still read."""
    import threading

    with tempfile.TemporaryDirectory() as folder:
        report = os.path.join(folder, "r.txt")
        with open(report, "w", encoding="utf-8") as handle:
            handle.write(FIXTURE)
        target = _special(folder, kind, "side.json")
        if kind == "fifo" and option in ("-o", "--write-baseline"):  # an output: someone reads it
            threading.Thread(target=lambda: open(target, "rb").read(), daemon=True).start()
        result = CliRunner().invoke(main, ["check", "--format", "json", report, option, target])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1, 2), result.output
        if result.exit_code == 2:  # one line, or click's usage message (a folder where a file goes)
            assert result.stderr.count("\n") == 1 or result.stderr.startswith("Usage:"), result.stderr
            assert "Traceback" not in result.stderr
        assert os.path.islink(target) if kind.startswith("/") else not os.path.isfile(target)


# --- configuration and baseline shapes --------------------------------------------------------

def toml_value(value: object) -> str:
    """A value written as TOML (inline tables and arrays; NaN and infinities as TOML spells them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


CODES = st.sampled_from(["FL1", "FL101", "FL2", "FL204", "FL000", "XX999", "FL999", "fl1", "", "F"])
scalars = st.one_of(
    st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True), CODES, st.text(max_size=8)
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(CODES, inner, max_size=3)), max_leaves=12)
KEYS = st.sampled_from(["select", "extend-select", "ignore", "per-file-ignores", "severity", "tolerance", "year", "exclude", "baseline", "other"])


@FUZZ
@given(st.dictionaries(KEYS, values, max_size=4))
def test_random_configuration_shapes(table: dict[str, object]) -> None:
    """Any configuration is either used or refused with one line and exit 2."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "fiscallint.toml"), "w", encoding="utf-8") as handle:
            handle.write("".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in table.items()))
        with open(os.path.join(folder, "r.txt"), "w", encoding="utf-8") as handle:
            handle.write(FIXTURE)
        result = CliRunner().invoke(main, ["check", "--format", "json", folder])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 2:
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=6)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["path", "code", "fingerprint", "line", "message", "x"]), inner, max_size=5)),
    max_leaves=15,
)


@FUZZ
@given(st.one_of(json_values, json_values.map(lambda v: {"version": 1, "findings": v}), st.lists(json_values).map(lambda v: {"version": 1, "findings": v})))
def test_random_baseline_shapes(data: object) -> None:
    """Any baseline file is either used or refused with one line and exit 2."""
    with tempfile.TemporaryDirectory() as folder:
        baseline = os.path.join(folder, "b.json")
        with open(baseline, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        with open(os.path.join(folder, "r.txt"), "w", encoding="utf-8") as handle:
            handle.write(FIXTURE)
        result = CliRunner().invoke(main, ["check", "--format", "json", "--baseline", baseline, os.path.join(folder, "r.txt")])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 2:
            assert result.stderr.count("\n") == 1 and "baseline" in result.stderr
