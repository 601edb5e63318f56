"""The entry point ends the process once the command's output is flushed and its exit handlers
have run (fiscallint.early.leave), and leaves the usual exit to the interpreter whenever that
end is not so simple."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

LEAVE = "import atexit, sys\nfrom fiscallint.early import leave\n"
REPORT = "一、收入支出决算总体情况说明\n\n收入合计 100.00 万元，其中财政拨款收入 60.00 万元，占 70.00%。\n"
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output waits for a flush


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LEAVE + code], capture_output=True, text=True, timeout=60, env=BUFFERED)


def test_the_output_is_flushed_and_the_exit_handlers_run_before_the_status() -> None:
    done = run("atexit.register(print, 'handler ran')\nprint('output', end=' ')\nleave(3)\nprint('not reached')")
    assert done.returncode == 3
    assert done.stdout == "output handler ran\n"


def test_none_is_success() -> None:
    assert run("leave(None)\nsys.exit(7)").returncode == 0


@pytest.mark.parametrize(
    "code",
    [
        "leave('a message')\nprint('usual exit')",  # a message as the code is printed by the interpreter
        "import threading, time\nthreading.Thread(target=time.sleep, args=(0.2,)).start()\nleave(4)\nprint('usual exit')",
    ],
)
def test_the_usual_exit_when_the_end_is_not_simple(code: str) -> None:
    done = run(code)
    assert done.returncode == 0 and done.stdout == "usual exit\n"


def test_a_closed_output_pipe_is_left_to_the_usual_exit() -> None:
    """The reader went away: the flush fails and the interpreter's own exit reports it."""
    program = LEAVE + "sys.stdout.write('x' * 1000)\nleave(0)\nprint('usual exit', file=sys.stderr)"
    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader before the child starts
    child = subprocess.Popen([sys.executable, "-c", program], stdout=write_end, stderr=subprocess.PIPE, env=BUFFERED)
    os.close(write_end)
    err = child.communicate(timeout=60)[1].decode()
    assert "usual exit" in err


def test_the_command_line_exits_with_the_commands_status(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fiscallint", "check", str(report)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "FL101" in done.stdout
    clean = subprocess.run([sys.executable, "-m", "fiscallint", "check", "--exit-zero", str(report)], capture_output=True, text=True, timeout=60)
    assert clean.returncode == 0 and clean.stdout == done.stdout


@pytest.mark.parametrize("closed", [">&-", "2>&-"])
def test_a_process_started_without_an_output_stream_exits_as_usual(tmp_path: Path, closed: str) -> None:
    """Started with standard output or error closed (a cron job, a daemon), the streams are None:
    the command still writes its -o report and exits with its own status."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out.txt"
    command = f"{shlex.quote(sys.executable)} -m fiscallint check --exit-zero -o {shlex.quote(str(out))} {shlex.quote(str(report))} {closed}"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60, env=BUFFERED)
    assert done.returncode == 0, done.stderr
    assert "FL101" in out.read_text(encoding="utf-8")


def test_a_report_to_a_closed_standard_output_is_dropped_without_a_traceback(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} -m fiscallint check {shlex.quote(str(report))} >&-"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60, env=BUFFERED)
    assert done.returncode == 1 and "Traceback" not in done.stderr
