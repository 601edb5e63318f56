"""Inputs and outputs a careful, hostile user tries: each case here once broke a guarantee of
docs/security.md (a hang, a traceback, an unasked or damaging write) and must keep holding.
Every hostile input is made by the test itself."""

from __future__ import annotations

import codecs
import json
import os
import signal
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from fiscallint.source import detect_shape, has_pipe_tables

SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"
PIPE_TABLE = "一、收入支出决算总表\n\n| 项目 | 金额 |\n|---|---|\n| 收入 | 1.00 |\n| 支出 | 1.00 |\n| 结余 | 0.00 |\n| 合计 | 1.00 |\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_exit_2(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def hang_guard():
    """Turns a hang into a failure: the work guarded here takes well under a second; the
    quadratic versions took minutes."""

    def over(*_: object) -> None:
        raise AssertionError("still running after 30 s: a hang or a quadratic path")

    previous = signal.signal(signal.SIGALRM, over)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# --- text shape -------------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_run_of_blank_lines_is_read_in_linear_time(ending: str, hang_guard: None) -> None:
    """The pipe-table search once let a line's leading blanks run over all the blank lines
    after it: 50,000 blank CRLF lines took 15 s, 200,000 (the line bound) minutes."""
    assert not has_pipe_tables(ending * 200_000)
    assert detect_shape("r.txt", (ending * 100_000 + PIPE_TABLE) * 2) == "markdown"


def test_pipe_tables_with_lone_cr_line_endings_are_markdown_too() -> None:
    assert detect_shape("r.txt", PIPE_TABLE) == "markdown"
    assert detect_shape("r.txt", PIPE_TABLE.replace("\n", "\r")) == "markdown"


# --- encodings --------------------------------------------------------------------------------

def test_invalid_utf8_after_a_bom_is_refused_and_never_rewritten(tmp_path: Path) -> None:
    """It was decoded with replacement characters, and ``--fix`` wrote them over the bytes."""
    path = tmp_path / "r.txt"
    data = codecs.BOM_UTF8 + SHARE.encode("utf-8") + b"\xff\x80 tail\n"
    path.write_bytes(data)
    one_line_exit_2(run("check", "--fix", "--unsafe-fixes", str(path)), "invalid UTF-8 after its byte-order mark")
    assert path.read_bytes() == data


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_text_with_a_byte_order_mark_is_read_and_fixed_in_its_own_encoding(tmp_path: Path, codec: str) -> None:
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
            "utf-32-be": codecs.BOM_UTF32_BE, "utf-8": codecs.BOM_UTF8}[codec]
    path = tmp_path / "r.txt"
    path.write_bytes(mark + SHARE.encode(codec))
    plain = tmp_path / "plain.txt"
    plain.write_text(SHARE, encoding="utf-8")
    found = json.loads(run("check", "--format", "json", "--select", "FL101", str(path)).stdout)
    expected = json.loads(run("check", "--format", "json", "--select", "FL101", str(plain)).stdout)
    assert [(f["line"], f["column"], f["message"]) for f in found] == [(f["line"], f["column"], f["message"]) for f in expected]
    assert run("check", "--fix", "--unsafe-fixes", "--select", "FL101", str(path)).exit_code == 0
    fixed = path.read_bytes()
    assert fixed.startswith(mark) and fixed[len(mark):].decode(codec) == SHARE.replace("70%", "80%")


def test_utf16_without_a_byte_order_mark_says_what_it_needs(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(SHARE.encode("utf-16-le"))
    one_line_exit_2(run("check", str(path)), "needs its byte-order mark")


def test_baseline_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    baseline = tmp_path / "b.json"
    assert run("check", "--select", "FL101", str(tmp_path / "r.txt"), "--write-baseline", str(baseline)).exit_code == 0
    baseline.write_bytes(codecs.BOM_UTF8 + baseline.read_bytes())
    assert run("check", "--select", "FL101", "--baseline", str(baseline), str(tmp_path / "r.txt")).exit_code == 0


# --- outputs that are not regular files ---------------------------------------------------------

def _drain(fifo: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(fifo, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_output_that_is_a_fifo_is_written_into_not_replaced(tmp_path: Path, option: str) -> None:
    """``-o /dev/stdout``, ``-o >(…)``, ``-o /dev/null``: the output was replaced by a regular
    file (as root, /dev/null itself)."""
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _drain(fifo, received)
    result = run("check", "--format", "json", "--select", "FL101", str(tmp_path / "r.txt"), option, str(fifo))
    reader.join(30)
    assert result.exit_code in (0, 1), result.output
    assert fifo.is_fifo()
    assert "FL101" in received[0].decode("utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_an_output_that_is_a_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | 0o020000, os.makedev(1, 3))  # a character device like /dev/null
    link = tmp_path / "out.txt"
    link.symlink_to(null)
    assert run("check", str(tmp_path / "r.txt"), "-o", str(link)).exit_code == 1
    assert null.is_char_device() and link.is_symlink()


# --- configuration files that are not regular files ---------------------------------------------

def test_a_configuration_file_that_is_a_fifo_is_refused_not_skipped(tmp_path: Path, hang_guard: None) -> None:
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    os.mkfifo(tmp_path / "fiscallint.toml")
    one_line_exit_2(run("check", str(tmp_path / "r.txt")), "fiscallint.toml: cannot read: is a FIFO (named pipe), not a regular file")
    one_line_exit_2(run("check", "--config", str(tmp_path / "fiscallint.toml"), str(tmp_path / "r.txt")), "is a FIFO")


# --- the facts store and index ------------------------------------------------------------------

def test_index_never_reads_a_fifo_or_a_device(tmp_path: Path, hang_guard: None) -> None:
    """The file hash opened every path as it came: a FIFO blocked, /dev/zero never ended."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(SHARE, encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    result = run("index", str(folder), "--db", str(tmp_path / "facts.sqlite"), "-j", "1")
    assert result.exit_code == 2
    assert "fifo.txt: error: is a FIFO (named pipe), not a regular file" in result.stderr
    assert "zero.txt: error: is a character device, not a regular file" in result.stderr
    assert "indexed 1," in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["index", "check"])
def test_a_facts_store_that_is_a_fifo_is_refused(tmp_path: Path, command: str, hang_guard: None) -> None:
    """SQLite blocked opening a FIFO (``check --db``) and raised on a device (``index --db``)."""
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    os.mkfifo(tmp_path / "facts.db")
    one_line_exit_2(run(command, str(tmp_path / "r.txt"), "--db", str(tmp_path / "facts.db")), "is a FIFO (named pipe), not a regular file")


def test_a_facts_store_onto_an_input_is_refused(tmp_path: Path) -> None:
    """An empty report named as ``--db`` would have become a SQLite file."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    one_line_exit_2(run("index", str(tmp_path), "--db", str(tmp_path / "empty.txt")), "is an input file")
    assert (tmp_path / "empty.txt").read_bytes() == b""


@pytest.mark.slow  # waits for SQLite's lock timeout
def test_a_locked_facts_store_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    store = tmp_path / "facts.sqlite"
    assert run("index", str(tmp_path / "r.txt"), "--db", str(store)).exit_code == 0
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        (tmp_path / "r.txt").write_text(SHARE + SHARE, encoding="utf-8")
        one_line_exit_2(run("index", str(tmp_path / "r.txt"), "--db", str(store)), "database is locked")
    finally:
        holder.close()


def _dying_index_file(path: str, sha256: str):
    """Stands in for the indexer in worker processes: the process reading "dies.txt" is killed."""
    if path.endswith("dies.txt"):
        os._exit(9)
    return ORIGINAL_INDEX_FILE(path, sha256)


from fiscallint.across import index as index_module  # noqa: E402  (next to the stand-in that wraps it)

ORIGINAL_INDEX_FILE = index_module.index_file


@pytest.mark.slow  # starts worker processes
def test_a_dead_index_worker_loses_only_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's BrokenProcessPool ended ``index -j`` with a traceback and stored nothing."""
    for name in ("a.txt", "dies.txt", "z.txt"):
        (tmp_path / name).write_text(SHARE, encoding="utf-8")
    monkeypatch.setattr(index_module, "index_file", _dying_index_file)
    result = run("index", str(tmp_path), "--db", str(tmp_path / "facts.sqlite"), "-j", "2")
    assert result.exit_code == 2, result.output
    assert "dies.txt: error: the process parsing this file died" in result.stderr
    assert "indexed 2," in result.stderr and "Traceback" not in result.output


# --- long sentences of one repeated claim ----------------------------------------------------

REPEATED = [
    "占1%", "增长1%", "增加1万元", "1个", "某某", "分别占1%、", "执行率1%", "比2023年增加1万元", "2024年",
    "年初预算为1万元，支出决算为1万元，完成年初预算的1%，", "决算数大于预算数",
]


@pytest.mark.slow  # lints about 1 MB of text
@pytest.mark.parametrize("unit", REPEATED)
def test_a_sentence_of_one_repeated_claim_is_read_in_linear_time(unit: str, hang_guard: None) -> None:
    """100,000 characters of one claim shape with no sentence end: each once took from 5 s to
    far over a minute (a list searched, a prefix copied or rejoined, the whole sentence
    rescanned per figure); now under a second each."""
    from fiscallint.config import Config
    from fiscallint.pipeline import lint_buffer

    text = unit * (100_000 // len(unit))
    report, _ = lint_buffer("r.txt", text, Config(root=Path.cwd()))
    assert [p.text for p in report.paragraphs] == [text]  # read as one paragraph, not set aside


def test_a_long_word_is_lexed_in_constant_memory() -> None:
    """The claims lexer's word terminal saved every capture group at each character it read:
    7 MB of one word took 7 GB. It is possessive now: the lexer's own memory for a 100,000
    character word stays far under a megabyte."""
    import tracemalloc

    from fiscallint.parser.claims import claims_parser

    parser = claims_parser()
    tracemalloc.start()
    try:
        tokens = list(parser.lex("x" * 100_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [t.type for t in tokens] == ["WORD"]
    assert peak < 5_000_000, peak  # 129 MB before


# --- a baseline written over a report ------------------------------------------------------------

def test_a_configured_baseline_named_like_a_report_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``baseline = "r.txt"`` made ``--write-baseline`` (and the editor's ignore action) write
    JSON over the report."""
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    (tmp_path / "fiscallint.toml").write_text('baseline = "r.txt"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    one_line_exit_2(run("check", "r.txt", "--write-baseline"), "baseline: 'r.txt' is a report's file name")
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == SHARE


def test_a_baseline_linked_to_an_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SHARE, encoding="utf-8")
    (tmp_path / "b.json").symlink_to("r.txt")
    one_line_exit_2(run("check", str(tmp_path / "r.txt"), "--write-baseline", str(tmp_path / "b.json")), "is an input file")
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == SHARE
