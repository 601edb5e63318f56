"""SARIF 2.1.0: one run, the driver's rules with their help text, one result per finding."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..findings import Finding
from . import RULE_DOCS, OutputContext, json_text, rule_url

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A URI reference (RFC 3986), as SARIF requires: a ``file:`` URI for an absolute path, a
    relative reference otherwise; spaces, non-ASCII and control characters percent-encoded (an
    undecodable byte of a file name as itself)."""
    given = Path(path)
    return given.as_uri() if given.is_absolute() else quote(os.fsencode(given.as_posix()))


def _region(span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def _rule(cls) -> dict[str, object]:
    help_text = "\n\n".join(f"{title}:\n{body}" for title, body in cls.doc_sections().items() if title != "摘要")
    return {
        "id": cls.code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary},
        "fullDescription": {"text": cls.doc_sections().get("摘要") or cls.summary},
        "help": {"text": help_text or cls.summary},
        "helpUri": rule_url(cls.code),
        "defaultConfiguration": {"level": LEVELS[cls.severity.value]},
    }


def _result(f: Finding, index: dict[str, int]) -> dict[str, object]:
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": _region(f.span)}}
    result: dict[str, object] = {
        "ruleId": f.code,
        "level": LEVELS[f.severity.value],
        "message": {"text": f.message},
        "locations": [location],
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    if f.page is not None:
        result["properties"] = {"page": f.page}
    if f.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": _region(r.span)},
                "message": {"text": r.note or f.code},
            }
            for i, r in enumerate(f.related)
        ]
    if f.fix is not None:
        result["fixes"] = [{
            "description": {"text": f"{f.code}: {f.fix.label()} ({f.fix.applicability.value})"},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(f.path)},
                "replacements": [{"deletedRegion": _region(f.fix.span), "insertedContent": {"text": f.fix.replacement}}],
            }],
            "properties": {"applicability": f.fix.applicability.value},
        }]
    return result


def format_sarif(findings: list[Finding], context: OutputContext) -> str:
    rules = [context.rules[c] for c in sorted(context.rules)]
    index = {cls.code: i for i, cls in enumerate(rules)}
    run = {
        "tool": {"driver": {
            "name": "fiscallint",
            "version": __version__,
            "informationUri": RULE_DOCS,
            "rules": [_rule(cls) for cls in rules],
        }},
        "results": [_result(f, index) for f in findings],
    }
    if context.errors:
        run["invocations"] = [{
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": message}, "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}
                ]}
                for path, message in sorted(context.errors.items())
            ],
        }]
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json_text(document)
