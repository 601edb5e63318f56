"""The command line: ``fiscallint check | index | rules | explain | extract | lsp``.

Exit codes (ruff's convention): 0 clean, 1 a warning or error was found, 2 usage, configuration
or input error. Nothing is written to disk unless asked (``--fix``, ``--write-baseline``, ``-o``).
Heavy modules (the engine, PDF reading, rich, pygls) are imported inside the commands, so that
``fiscallint --version`` stays instant.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Callable

import click

from . import __version__
from .source import REPORT_SUFFIXES as INPUT_SUFFIXES

if TYPE_CHECKING:
    from .config import Config
    from .findings import Finding
    from .overrides import Overrides
    from .pdf import PdfReading
    from .pipeline import FileResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMAT_NAMES = ["text", "json", "sarif", "github", "junit", "html"]
PDF_ENGINES = ["pdfium", "pdfminer"]  # fiscallint.pdf.ENGINES, not imported here (start-up)
PROGRESS_MIN_FILES = 8


def fail(message: str) -> None:
    """One line on stderr, exit 2 (no traceback)."""
    from .formatters import printable

    click.echo(f"fiscallint: error: {printable(message)}", err=True)
    sys.exit(EXIT_ERROR)


class Configs:
    """The configuration of each file: ``--config`` for all, else discovered upward (cached)."""

    def __init__(self, explicit: str | None) -> None:
        from .config import load

        self.explicit = load(explicit) if explicit else None
        self.cache: dict[str, Config] = {}

    def __call__(self, path: str) -> Config:
        from .config import discover

        if self.explicit is not None:
            return self.explicit
        folder = os.path.dirname(os.path.abspath(path)) if not os.path.isdir(path) else os.path.abspath(path)
        if folder not in self.cache:
            self.cache[folder] = discover(folder)
        return self.cache[folder]


def expand(paths: tuple[str, ...], configs: Configs | None = None) -> list[str]:
    """Files as given, and report files found by walking folders (sorted, hidden folders and
    configured excludes skipped); a path named twice (``a.txt ./a.txt``, a folder and a file in
    it) is linted once, under the first name it was reached by (two links stay two names)."""
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)

    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs
                    if not d.startswith(".") and not (configs and configs(root).excluded(os.path.join(root, d)))
                )
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.lower().endswith(INPUT_SUFFIXES) and not (configs and configs(full).excluded(full)):
                        add(full)
        else:
            add(path)
    return out


def _codes(value: str | None) -> tuple[str, ...] | None:
    """The codes of a comma-separated option; None when it names none (``""`` or ``","`` alike:
    an empty ``--select`` keeps the configured selection rather than running no rule)."""
    codes = tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())
    return codes or None


class _Commands(click.Group):
    """The command group; a missing dependency ends a command with one line, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ModuleNotFoundError as exc:
            click.echo(f"fiscallint: error: missing dependency {exc.name!r}; reinstall fiscallint (pip install fiscallint)", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="fiscallint")
def main() -> None:
    """fiscallint: lint Chinese department budget / final-account disclosures."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of stdout.")
@click.option("--select", help="Comma-separated rule codes or prefixes to run (replaces the configured selection).")
@click.option("--extend-select", help="Comma-separated rule codes or prefixes to add to the selection.")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to skip.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file (no discovery).")
@click.option("--year", type=click.IntRange(1990, 2100), help="The report year, when the report does not say it clearly.")
@click.option("--show-source", is_flag=True, help="Show the source line with carets under each finding (text format).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings (text or json).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to .txt/.md/.tsv files in place.")
@click.option("--diff", is_flag=True, help="Show the safe fixes as a unified diff; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes (rewriting a published figure or year).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline.")
@click.option("--no-baseline", is_flag=True, help="Ignore the configured baseline file.")
@click.option("--write-baseline", "write_baseline", is_flag=False, flag_value="", default=None, metavar="[FILE]", help="Record the current findings in a baseline file (default: the configured one).")
@click.option("-j", "--jobs", type=click.IntRange(0), default=1, show_default=True, help="Lint files in this many processes (0: one per CPU).")
@click.option("--show-coverage", is_flag=True, help="Print, per file, how much was parsed into tables and claims (stderr).")
@click.option("--show-encoding", is_flag=True, help="Print, per file, the encoding and text shape used (stderr).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default="pdfium", show_default=True, help="How PDFs are read: PDFium (fast) or pdfminer.six (the reference).")
@click.option("--pdf-timeout", type=click.FloatRange(0, 3600, min_open=True), default=60.0, show_default=True, help="Wall-time bound in seconds for reading one PDF.")
@click.option("--annotate", "annotate", type=click.Path(dir_okay=False), metavar="OUT.pdf", help="Write a copy of the (one) PDF input with each finding highlighted and noted.")
@click.option("--force", is_flag=True, help="Let --annotate overwrite an existing file.")
@click.option("--db", "facts_db", type=click.Path(dir_okay=False), help="Also run the cross-report rules (FL6xx) against this facts store (see: fiscallint index).")
@click.option("--stdin-filename", metavar="NAME", help="With the path -, the file name the text read from standard input is reported and configured as (default: stdin.txt).")
def check(
    paths: tuple[str, ...], fmt: str, output: str | None, select: str | None, extend_select: str | None,
    ignore: str | None, config_file: str | None, year: int | None, show_source: bool, statistics: bool,
    fix: bool, diff: bool, unsafe_fixes: bool, baseline_file: str | None, no_baseline: bool, write_baseline: str | None,
    jobs: int, show_coverage: bool, show_encoding: bool, exit_zero: bool, pdf_engine: str,
    pdf_timeout: float, annotate: str | None, force: bool, facts_db: str | None, stdin_filename: str | None,
) -> None:
    """Lint report files (.txt, .md, .html, .tsv, .csv, .pdf) or folders of them; - reads a text report from standard input."""
    _few_collections()
    first = _read_first(paths, jobs, pdf_engine, pdf_timeout)
    from .config import Selection, known_code
    from .errors import ConfigError
    from .overrides import Overrides

    if fix and diff:
        raise click.UsageError("--fix and --diff are exclusive")
    if statistics and fmt not in ("text", "json"):
        raise click.UsageError(f"--statistics prints a text or JSON table, not {fmt}: use --format text or json")
    if write_baseline is not None and (fix or diff):
        raise click.UsageError(f"--write-baseline and {'--fix' if fix else '--diff'} are exclusive: fix first, then record what is left")
    stdin = STDIN in paths
    if stdin:
        _check_stdin(paths, stdin_filename, fix or diff or bool(annotate))
    elif stdin_filename:
        raise click.UsageError("--stdin-filename goes with the path - (standard input)")
    if write_baseline and (os.path.isdir(write_baseline) or write_baseline.lower().endswith(INPUT_SUFFIXES)):
        raise click.UsageError(f"--write-baseline takes a .json file name, not {write_baseline!r}: put the option after the paths")
    for code in (_codes(select) or ()) + (_codes(extend_select) or ()) + (_codes(ignore) or ()):
        if not known_code(code):
            raise click.UsageError(f"unknown rule code or prefix: {code}")
    overrides = Overrides(Selection(_codes(select), _codes(extend_select) or (), _codes(ignore) or ()), year, pdf_engine, pdf_timeout, facts_db)
    if facts_db:
        _check_store(facts_db)
    try:
        configs = Configs(config_file)
        if stdin:
            from .pipeline import lint_stdin

            name = stdin_filename or STDIN_NAME
            results = [lint_stdin(name, configs(name), overrides, keep_lines=show_source, keep_report=fmt == "html", keep_coverage=show_coverage)]
            baseline = _baseline(configs, baseline_file, write_baseline, no_baseline)
        files = [] if stdin else expand(paths, configs)
        if not files and not stdin:
            fail("no report files found")
        if annotate and (len(files) != 1 or not files[0].lower().endswith(".pdf")):
            raise click.UsageError("--annotate takes one PDF input")
        if annotate:
            _check_annotate_output(files[0], annotate, force)
        _refuse_output_onto_input(output, files)
        for target in (output, annotate):
            _check_writable_place(target)
        if not stdin:
            results = run(
                files, configs, overrides, jobs, keep_lines=show_source, progress=fmt == "text" and not output,
                keep_report=fmt == "html", keep_coverage=show_coverage, first=first,
            )
            baseline = _baseline(configs, baseline_file, write_baseline, no_baseline)
    except ConfigError as exc:
        fail(str(exc))
    from .formatters import printable
    from .registry import all_rules

    known = all_rules()
    errors = {r.path: r.error for r in results if r.error is not None}
    for result in results:
        if result.error is not None:
            click.echo(f"{printable(result.path)}: error: {printable(result.error)}", err=True)
        elif show_encoding:
            click.echo(f"{printable(result.path)}: encoding {result.encoding}, shape {result.shape}", err=True)
        if result.error is None and show_coverage:
            click.echo("\n".join(map(printable, result.coverage.split("\n"))), err=True)
    pairs = [(f, fp) for r in results for f, fp in zip(r.findings, r.fingerprints)]

    if write_baseline is not None:
        _refuse_output_onto_input(str(baseline.path), [] if stdin else files, "--write-baseline")
        for finding, print_ in pairs:
            baseline.add(finding, print_)
        try:
            baseline.write()
        except ConfigError as exc:
            fail(str(exc))
        click.echo(f"fiscallint: wrote {len(pairs)} finding(s) to {baseline.path}", err=True)
        sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)
    findings = baseline.new_findings(pairs) if baseline is not None else [f for f, _ in pairs]
    findings.sort(key=lambda f: f.sort_key())

    if diff or fix:
        relint = _relinter(configs, overrides)
        findings, changed = _apply_fixes(findings, {r.path: r.digest for r in results}, fix, unsafe_fixes, relint)
        if diff:
            sys.exit(EXIT_ERROR if errors else (EXIT_FINDINGS if changed else EXIT_CLEAN))

    _emit(fmt, findings, results, errors, known, show_source, statistics, output)
    if annotate and not errors:
        _annotate(files[0], findings, annotate, force, overrides)
    failing = any(f.severity.value in ("error", "warning") for f in findings)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


STDIN = "-"
STDIN_NAME = "stdin.txt"


def _check_stdin(paths: tuple[str, ...], name: str | None, writes: bool) -> None:
    """Standard input is one text report on its own, never rewritten or annotated."""
    if len(paths) != 1:
        raise click.UsageError("- (standard input) is given once and alone, not with other paths")
    if writes:
        raise click.UsageError("--fix, --diff and --annotate need files, not standard input")
    from .regular_files import is_pdf

    if name is not None and not name.strip():
        raise click.UsageError("--stdin-filename needs a file name (e.g. report.txt)")
    if name is not None and is_pdf(name):
        raise click.UsageError("--stdin-filename names a text report (.txt, .md, .html, .tsv, .csv); a PDF cannot be read from standard input")


def _few_collections() -> None:
    """A run that builds a document's objects once and then exits: let the cyclic garbage
    collector look at them rarely (a young collection every 10,000 new objects instead of
    700), which saves about a tenth of a PDF check's CPU time; memory still stays bounded."""
    import gc

    gc.set_threshold(10_000, 10, 10)


def _check_store(path: str) -> None:
    """Fail with one line when the facts store cannot be read."""
    from .across.store import FactsStore
    from .errors import InputError

    try:
        FactsStore(path).close()
    except InputError as exc:
        fail(str(exc))


def _read_first(paths: tuple[str, ...], jobs: int, engine: str, seconds: float) -> PdfReading | None:
    """The first input's reading, started before anything else (the configuration, the
    checks of the other options) when it is a PDF file that this process will lint (see
    :func:`_one_by_one`); stopped if the command ends without taking it."""
    from .regular_files import read_ahead, start_pdf, take_early

    if not read_ahead(paths, jobs):
        return None
    reading = take_early(paths[0], engine, seconds) or start_pdf(paths[0], engine, seconds)  # started by the entry point, or now
    click.get_current_context().call_on_close(reading.cancel)
    return reading


def run(
    files: list[str], configs: Configs, overrides: Overrides, jobs: int, keep_lines: bool, progress: bool,
    keep_report: bool = False, keep_coverage: bool = False, first: PdfReading | None = None,
) -> list[FileResult]:
    """Lint every file (in ``jobs`` processes when asked), in the order given; ``first`` is the
    first file's reading when it was started before."""
    jobs = jobs or os.cpu_count() or 1
    tasks = [(path, configs(path)) for path in files]
    bar = _progress(len(files)) if progress else None
    try:
        if jobs > 1 and len(files) > 1:
            return _in_processes(tasks, overrides, min(jobs, len(files)), keep_lines, bar, keep_report, keep_coverage)
        return _one_by_one(tasks, overrides, keep_lines, bar, keep_report, keep_coverage, first)
    finally:
        if bar:
            bar.stop()


def _one_by_one(
    tasks: list[tuple[str, Config]], overrides: Overrides, keep_lines: bool, bar: _Bar | None,
    keep_report: bool, keep_coverage: bool, first: PdfReading | None = None,
) -> list[FileResult]:
    """Lint in this process, in order. A PDF is read in its own time-bounded child process
    (fiscallint.pdf.watchdog), so it is started ahead: the first while the configuration and
    the lint pipeline are loaded (``first``, or here), each next one as soon as the one before
    has been read, while that is linted."""
    ahead = first or _start_reading(tasks, 0, overrides)
    import gc

    # the imports build what lives to the end of the run: no collection while they run, and
    # none looks at it afterwards (frozen; given back to the collector when the files are done)
    gc.disable()
    try:
        # while a PDF is read: the pipeline, the rules and the grammars' parsers
        from .parser import prepare
        from .pipeline import lint_file
        from .registry import all_rules

        all_rules()
        prepare(patterns=ahead is not None)
    finally:
        gc.freeze()
        gc.enable()

    results: list[FileResult] = []
    try:
        for index, (path, config) in enumerate(tasks):
            reading = ahead
            if reading is not None:
                reading.wait()
            ahead = _start_reading(tasks, index + 1, overrides)
            results.append(lint_file(path, config, overrides, keep_lines, keep_report, keep_coverage, reading))
            if bar:
                bar.advance()
    finally:
        gc.unfreeze()
        if ahead is not None:
            ahead.cancel()
    return results


def _start_reading(tasks: list[tuple[str, Config]], index: int, overrides: Overrides) -> PdfReading | None:
    """The reading of task ``index``, started, when it is a PDF."""
    from .regular_files import is_pdf, start_pdf

    if index >= len(tasks) or not is_pdf(tasks[index][0]):
        return None
    return start_pdf(tasks[index][0], overrides.pdf_engine, overrides.pdf_seconds)


def _in_processes(
    tasks: list[tuple[str, Config]], overrides: Overrides, jobs: int, keep_lines: bool, bar: _Bar | None,
    keep_report: bool = False, keep_coverage: bool = False,
) -> list[FileResult]:
    """Lint in a process pool that outlives a dead worker (:mod:`fiscallint.workers`): only a
    file whose own process dies is reported as an error, and every other result is kept."""
    from .pipeline import FileResult, lint_file
    from .workers import surviving_map

    def died(task: tuple[object, ...]) -> FileResult:
        return FileResult(str(task[0]), error="the process linting this file died (killed or out of memory)")

    results = []
    jobs_of = [(path, config, overrides, keep_lines, keep_report, keep_coverage) for path, config in tasks]
    for result in surviving_map(lint_file, jobs_of, jobs, died):
        results.append(result)
        if bar:
            bar.advance()
    return results


class _Bar:
    def __init__(self, total: int) -> None:
        from rich.progress import Progress

        self.progress = Progress(transient=True, console=None)
        self.task = self.progress.add_task("linting", total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


def _progress(total: int) -> _Bar | None:
    """A rich progress bar on stderr, only for long runs on an interactive terminal."""
    if total < PROGRESS_MIN_FILES or not all(s is not None and s.isatty() for s in (sys.stderr, sys.stdout)):
        return None
    try:
        return _Bar(total)
    except ImportError:
        return None


def _baseline(configs: Configs, given: str | None, write: str | None, disabled: bool):
    """The baseline in use: ``--write-baseline FILE``, ``--baseline FILE``, or the configured
    file (``baseline`` key, default fiscallint-baseline.json beside the configuration) if it exists."""
    from .baseline import Baseline

    default = configs(os.getcwd()).baseline_path
    if write is not None:
        return Baseline(write or given or default)
    if given:
        return Baseline.load(given)
    if not disabled and default.is_file():
        return Baseline.load(default)
    return None


def _relinter(configs: Configs, overrides: Overrides) -> Callable[[str], Callable[[str], list[Finding]]]:
    """For a path, a function linting a fixed text of it under its configuration (fix verification)."""
    from .pipeline import lint_buffer

    def for_path(path: str) -> Callable[[str], list[Finding]]:
        return lambda text: lint_buffer(path, text, configs(path), overrides)[1]

    return for_path


def _apply_fixes(
    findings: list[Finding], digests: dict[str, str], write: bool, unsafe: bool = False,
    relint: Callable[[str], Callable[[str], list[Finding]]] | None = None,
) -> tuple[list[Finding], bool]:
    """Show (diff) or apply (fix) the safe fixes (and unsafe ones when ``unsafe``), each verified
    by linting the fixed text again; return the findings left and whether any applied.

    A file whose bytes changed since it was linted, or that may not be written, is skipped
    with a one-line message; the other files are still fixed."""
    from .errors import InputError
    from .fixes import fixed_text, unified_diff, write_fixed
    from .formatters import printable

    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    fixed: set[int] = set()
    files = 0
    for path, group in by_path.items():
        try:
            outcome = fixed_text(path, group, digests.get(path, ""), unsafe, relint(path) if relint else None)
            if outcome is None:
                continue
            old, new, encoding, done = outcome
            if write:
                write_fixed(path, new, encoding, digests.get(path, ""))
        except InputError as exc:
            click.echo(f"{printable(path)}: error: {exc}", err=True)
            continue
        files += 1
        fixed.update(id(f) for f in done)
        if not write:
            _stdout(unified_diff(path, old, new))
    if write and fixed:
        click.echo(f"fiscallint: fixed {len(fixed)} finding(s) in {files} file(s)", err=True)
    held = sum(1 for f in findings if f.fix is not None and not unsafe and f.fix.applies(True) and id(f) not in fixed)
    if held:
        click.echo(f"fiscallint: {held} unsafe fix(es) not applied (they rewrite a published figure or year; --unsafe-fixes applies them)", err=True)
    return [f for f in findings if id(f) not in fixed], bool(fixed)


def _emit(fmt: str, findings: list[Finding], results: list[FileResult], errors: dict[str, str], known: dict, show_source: bool, statistics: bool, output: str | None) -> None:
    from .formatters import OutputContext, render

    if statistics:
        text = _statistics(findings, known, fmt)
    else:
        context = OutputContext(
            rules=known,
            lines={r.path: r.lines for r in results if r.lines},
            files=[r.path for r in results],
            errors=errors,
            show_source=show_source,
            reports={r.path: r.report for r in results if r.report is not None},
        )
        text = render(fmt, findings, context)
    _write(output, text)


def _refuse_output_onto_input(output: str | None, inputs: list[str], option: str = "-o") -> None:
    """``-o`` (or ``--db``) must not name one of the inputs (through a link or not): it would be destroyed."""
    if not output or not os.path.exists(output):
        return
    target = os.path.realpath(output)
    for path in inputs:
        try:
            same = os.path.realpath(path) == target or os.path.samefile(path, output)
        except OSError:
            continue
        if same:
            fail(f"{option} {output}: is an input file ({path}); refusing to overwrite it")


def _check_writable_place(output: str | None) -> None:
    """Before any file is linted: an output file's folder must exist (click refuses a folder)."""
    if not output:
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        fail(f"{output}: cannot write: no folder {folder}")


def _write(output: str | None, text: str) -> None:
    """To ``-o FILE`` (atomically) or stdout."""
    if not output:
        _stdout(text)
        return
    from .errors import InputError
    from .fixes import write_new

    try:
        write_new(output, text)
    except InputError as exc:
        fail(str(exc))


def _stdout(text: str) -> None:
    """Write to standard output, or nowhere when the process was started without one."""
    if sys.stdout is not None:
        sys.stdout.write(text)


def _check_annotate_output(source: str, output: str, force: bool) -> None:
    from .annotate import check_output
    from .errors import InputError

    try:
        check_output(source, output, force)
    except InputError as exc:
        fail(str(exc))


def _annotate(source: str, findings: list[Finding], output: str, force: bool, overrides: Overrides) -> None:
    from .annotate import annotate_pdf
    from .errors import InputError

    try:
        done = annotate_pdf(source, findings, output, force, overrides.pdf_seconds, overrides.pdf_engine)
    except InputError as exc:
        fail(str(exc))
    missed = f"; {len(done.unplaced)} not found on the page, noted beside their line" if done.unplaced else ""
    click.echo(f"fiscallint: annotated {len(done.placed)} finding(s) in {output}{missed}", err=True)


def _statistics(findings: list[Finding], known: dict, fmt: str) -> str:
    from collections import Counter

    from .formatters import json_text

    counts = Counter(f.code for f in findings)
    fixable = Counter(f.code for f in findings if f.fix is not None and f.fix.applies(unsafe=True))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        data = [
            {"code": code, "name": getattr(known.get(code), "name", ""), "count": n, "fixable": fixable[code]}
            for code, n in rows
        ]
        return json_text(data)
    lines = [
        f"{n:>5}  {code:<6} {(getattr(known.get(code), 'name', '') + (' [*]' if fixable[code] else '')).rstrip()}\n"
        for code, n in rows
    ]
    return "".join(lines) + f"{sum(counts.values()):>5}  total\n"


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--db", "facts_db", required=True, type=click.Path(dir_okay=False), help="The facts store (SQLite) to create or update.")
@click.option("-j", "--jobs", type=click.IntRange(0), default=0, show_default=True, help="Parse files in this many processes (0: one per CPU).")
@click.option("--list", "show_list", is_flag=True, help="List the stored reports, their identities and what each was matched to.")
@click.option("--dask", "dask", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]", help="Parse on a Dask cluster: a local one (-j workers), or the scheduler at ADDRESS (needs fiscallint[cluster]).")
def index(paths: tuple[str, ...], facts_db: str, jobs: int, show_list: bool, dask: str | None) -> None:
    """Store each report's identity and facts in a SQLite facts store (unchanged files are skipped).

    Exit codes: 0 every file indexed, 2 a file could not be read or parsed (the others are stored)."""
    from .errors import ConfigError, InputError

    if not paths and not show_list:
        raise click.UsageError("give report files or folders to index, or --list")
    failed = False
    try:
        if paths:
            from .across.index import index_paths

            files = expand(paths, Configs(None))
            if not files:
                fail("no report files found")
            _refuse_output_onto_input(facts_db, files, "--db")
            summary = index_paths(files, facts_db, jobs, dask)
            from .formatters import printable

            for path, error in sorted(summary.failed.items()):
                click.echo(f"{printable(path)}: error: {error}", err=True)
            click.echo(
                f"fiscallint: indexed {len(summary.indexed)}, unchanged {len(summary.unchanged)}, "
                f"removed {len(summary.removed)}, failed {len(summary.failed)} → {facts_db}", err=True,
            )
            failed = bool(summary.failed)
        if show_list:
            from .across.listing import listing
            from .across.store import FactsStore

            store = FactsStore(facts_db)
            from .formatters import printable

            click.echo("\n".join(map(printable, listing(store).split("\n"))), nl=False)
            store.close()
    except (InputError, ConfigError) as exc:
        fail(str(exc))
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name, severity, summary."""
    from .registry import all_rules

    for code, cls in all_rules().items():
        click.echo(f"{code}  {cls.name:<28} {cls.severity.value:<8} {cls.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print a rule's documentation."""
    from .registry import all_rules

    cls = all_rules().get(code.upper())
    if cls is None:
        raise click.UsageError(f"unknown rule code: {code}")
    click.echo(f"{cls.code} ({cls.name}) — {cls.severity.value}\n\n{cls.summary}\n")
    click.echo(f"读取 (reads): {cls.describe_reads()}\n")
    for title, body in cls.doc_sections().items():
        if title != "摘要":
            click.echo(f"{title}:\n{body}\n")
    if cls.options:
        click.echo(f"选项 (options; set as [tool.fiscallint.<option>] {cls.code} = value):")
        for option in cls.options:
            click.echo(f"    {option.name} ({option.kind}, default {option.default}): {option.help}")


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the text to FILE instead of stdout.")
@click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default="pdfium", show_default=True, help="How the PDF is read: PDFium (fast) or pdfminer.six (the reference).")
@click.option("--pdf-timeout", type=click.FloatRange(0, 3600, min_open=True), default=60.0, show_default=True, help="Wall-time bound in seconds for reading the PDF.")
def extract(pdf: str, output: str | None, pdf_engine: str, pdf_timeout: float) -> None:
    """Write the canonical text of a PDF report (what the rules read)."""
    _few_collections()
    from .errors import InputError
    from .pdf import extract_pdf

    _refuse_output_onto_input(output, [pdf])
    try:
        text = extract_pdf(pdf, engine=pdf_engine, max_seconds=pdf_timeout).text
    except InputError as exc:
        click.echo(f"{pdf}: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    if not text.endswith("\n"):
        text += "\n"
    _write(output, text)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--stdin-filename", metavar="NAME", help="With the path -, the file name the text read from standard input is parsed as (default: stdin.txt).")
def parse(path: str, stdin_filename: str | None) -> None:
    """Print what the parser made of a report (a file, or - for a text report on standard
    input): sections, claims, tables, rows and cells with their columns, every region it could
    not place, and the suppression comments (blanked before parsing, as when linting)."""
    from .ast_dump import dump
    from .engine import read_source
    from .errors import InputError
    from .formatters import printable
    from .source import read_stdin_source
    from .suppress import parse_blanked

    if path == STDIN:
        _check_stdin((path,), stdin_filename, False)
    elif stdin_filename:
        raise click.UsageError("--stdin-filename goes with the path - (standard input)")
    name = (stdin_filename or STDIN_NAME) if path == STDIN else path
    try:
        source = read_stdin_source(name, sys.stdin.buffer) if path == STDIN else read_source(path)
    except InputError as exc:
        click.echo(f"{printable(name)}: error: {printable(str(exc))}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(dump(parse_blanked(source)[0]), nl=False)


@main.command()
def lsp() -> None:
    """Start the language server on stdio (needs the ``lsp`` extra: pygls, lsprotocol)."""
    try:
        from .lsp.server import serve
    except ImportError as exc:
        fail(f"the language server needs pygls and lsprotocol: {exc}")
    serve()
