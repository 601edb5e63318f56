"""The entry point: ``fiscallint check REPORT.pdf`` starts reading the PDF before the command
line is loaded.

Loading click and the commands takes about a tenth of a whole PDF check's wall time, and the PDF
is read in a child process that needs neither. So the arguments are looked at first: when they
are ``check`` followed only by paths and the options below, spelled as click reads them, the
first path's reading is started as the ``check`` command would start it (same engine, same time
bound, same conditions) and handed over to it (:func:`fiscallint.regular_files.take_early`). Any
other spelling, option or command is left to the command line alone. A reading that the command
does not take (it ended early, or read the arguments otherwise) is stopped at exit.

When the command is done, the process ends as soon as its output is flushed and its exit
handlers have run (:func:`leave`): tearing down the interpreter's modules and objects one by one
took about a tenth of a PDF check's wall time and changes nothing outside the process.
"""

from __future__ import annotations

import sys

VALUE_OPTIONS = frozenset({
    "--format", "--output-format", "-o", "--output", "--select", "--extend-select", "--ignore",
    "--config", "--year", "--baseline", "-j", "--jobs", "--pdf-engine", "--pdf-timeout",
    "--annotate", "--db", "--stdin-filename",
})
"""The options of ``check`` that take a value (``--write-baseline``, whose value is optional, is not
read here: with it the command line alone decides)."""
ALIASES = {"-j": "--jobs", "-o": "--output", "--output-format": "--format"}
FLAGS = frozenset({
    "--show-source", "--statistics", "--fix", "--diff", "--unsafe-fixes", "--no-baseline",
    "--show-coverage", "--show-encoding", "--exit-zero", "--force",
})


def main() -> None:
    """``fiscallint``: start an early PDF reading when the arguments ask for one, then run the
    command line."""
    start(sys.argv[1:])
    from .cli import main as command_line

    try:
        command_line()
    except SystemExit as end:
        leave(end.code)
        raise


def leave(code: object) -> None:
    """End the process with exit status ``code`` (an int or None) now: flush the standard
    streams, run the exit handlers, skip the interpreter's teardown. Returns, for the usual exit,
    when the end is not that simple: a message as the code, another thread still running, a
    stream that cannot be flushed, an interpreter without the exit-handler hook."""
    import atexit
    import os

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    if code is not None and not isinstance(code, int) or run_handlers is None:
        return
    if threading is not None and threading.active_count() > 1:
        return
    try:
        _flush()
        run_handlers()
        _flush()
    except (OSError, ValueError):  # a closed pipe or stream: the usual exit reports it
        return
    os._exit(code or 0)


def _flush() -> None:
    """Flush the standard output and error streams (None where the process started without one)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def start(args: list[str]) -> None:
    """Start reading the first path of ``check …`` when :func:`planned` finds one."""
    plan = planned(args)
    if plan is None:
        return
    import gc

    from .regular_files import start_early

    gc.set_threshold(10_000, 10, 10)  # as the check command sets it (its reader inherits it)
    start_early(*plan)


def planned(args: list[str]) -> tuple[str, str, float] | None:
    """(path, engine, seconds) of the reading ``check`` would start first for these
    arguments, or None when it would start none or they are spelled in a way not read here."""
    if not args or args[0] != "check":
        return None
    from .regular_files import read_ahead

    values: dict[str, str] = {}
    paths: list[str] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
        elif arg.startswith("-") and arg != "-":
            name, equals, value = arg.partition("=")
            if name in VALUE_OPTIONS:
                value = value if equals else next(rest, None)
                if value is None:
                    return None
                values[ALIASES.get(name, name)] = value  # the last one counts, as in click
            elif name not in FLAGS or equals:
                return None
        else:
            paths.append(arg)
    try:
        jobs = int(values.get("--jobs", "1"))
        seconds = float(values.get("--pdf-timeout", "60"))
    except ValueError:
        return None
    engine = values.get("--pdf-engine", "pdfium")
    if jobs < 0 or not 0 < seconds <= 3600 or engine not in ("pdfium", "pdfminer"):
        return None  # the command line refuses them
    return (paths[0], engine, seconds) if read_ahead(paths, jobs) else None
