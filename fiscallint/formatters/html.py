"""HTML: one self-contained page for reviewers (no network: styles and script inline).

Per document: a summary (findings by severity and rule, coverage), the document itself with
each finding highlighted at its span or table cell, and the findings list; several documents
get an index. Jinja2 renders the templates shipped in ``templates/`` with autoescape on, so
no text of a report can become markup. The same input gives byte-identical output.
"""

from __future__ import annotations

from importlib.resources import files

from .. import __version__
from ..findings import Finding
from . import OutputContext
from .html_view import SEVERITIES, DocumentView, document_view


def documents(findings: list[Finding], context: OutputContext) -> list[DocumentView]:
    """One view per linted file, in the order given (then any other path a finding names)."""
    paths = list(dict.fromkeys(context.files + [f.path for f in findings]))
    by_path: dict[str, list[Finding]] = {p: [] for p in paths}
    for finding in findings:
        by_path[finding.path].append(finding)
    return [
        document_view(f"d{i}", path, by_path[path], context.reports.get(path), context.rules, context.errors.get(path))
        for i, path in enumerate(paths)
    ]


def format_html(findings: list[Finding], context: OutputContext) -> str:
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    folder = files(__package__).joinpath("templates")
    docs = documents(findings, context)
    codes = sorted({f.code for f in findings})
    return env.get_template("report.html.j2").render(
        docs=docs,
        severities=SEVERITIES,
        rules=[(code, getattr(context.rules.get(code), "name", "")) for code in codes],
        version=__version__,
        style=Markup(folder.joinpath("report.css").read_text(encoding="utf-8")),
        script=Markup(folder.joinpath("report.js").read_text(encoding="utf-8")),
    )
