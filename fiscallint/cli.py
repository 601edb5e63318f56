"""The command line: ``fiscallint check | rules | explain``.

Exit codes (ruff's convention): 0 clean, 1 a warning or error was found, 2 usage or input error.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".tsv", ".pdf")


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given, and report files found by walking folders (sorted, hidden folders skipped)."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(os.path.join(root, f) for f in sorted(files) if f.lower().endswith(INPUT_SUFFIXES))
        else:
            out.append(path)
    return out


def _codes(value: str | None) -> list[str] | None:
    return [c.strip().upper() for c in value.split(",") if c.strip()] if value else None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="fiscallint")
def main() -> None:
    """fiscallint: lint Chinese department budget / final-account disclosures."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--select", help="Comma-separated rule codes or prefixes to run (default: all).")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to skip.")
@click.option("--show-coverage", is_flag=True, help="Print, per file, how much was parsed into tables and claims (stderr).")
@click.option("--show-encoding", is_flag=True, help="Print, per file, the encoding and text shape used (stderr).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
def check(paths: tuple[str, ...], fmt: str, select: str | None, ignore: str | None, show_coverage: bool, show_encoding: bool, exit_zero: bool) -> None:
    """Lint report files (.txt, .md, .tsv, .pdf) or folders of them."""
    from .coverage import coverage_line
    from .engine import lint_path
    from .formatters import FORMATS
    from .registry import all_rules, select_rules

    known = all_rules()
    for code in (_codes(select) or []) + (_codes(ignore) or []):
        if not any(c.startswith(code) for c in known) and code != "FL000":
            raise click.UsageError(f"unknown rule code or prefix: {code}")
    rules = select_rules(_codes(select), _codes(ignore))
    files = expand(paths)
    findings = []
    had_error = False
    if not files:
        click.echo("fiscallint: no report files found", err=True)
        sys.exit(EXIT_ERROR)
    for path in files:
        result = lint_path(path, rules)
        if result.error is not None:
            had_error = True
            click.echo(f"{path}: error: {result.error}", err=True)
            continue
        findings.extend(result.findings)
        if result.report is not None and show_encoding:
            click.echo(f"{path}: encoding {result.report.encoding}, shape {result.report.shape}", err=True)
        if result.report is not None and show_coverage:
            click.echo(coverage_line(result.report), err=True)
    findings.sort(key=lambda f: f.sort_key())
    sys.stdout.write(FORMATS[fmt](findings))
    failing = any(f.severity.value in ("error", "warning") for f in findings)
    if had_error:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


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
    for title, body in cls.doc_sections().items():
        if title != "摘要":
            click.echo(f"{title}:\n{body}\n")
