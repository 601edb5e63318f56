"""Functions for testing rules (public, so rule-pack authors can reuse them)."""

from __future__ import annotations

import re

from .engine import lint_report
from .findings import Finding
from .parser import parse_source
from .registry import all_rules
from .source import SourceText, detect_shape


DOCUMENT_BREAK_RE = re.compile(r"^\s*={5,}\s*$", re.M)


def lint_text(text: str, select: list[str] | None = None, path: str = "example.txt") -> list[Finding]:
    """Lint an in-memory report text with all rules, or with the rules whose code starts with ``select``.

    A text of several documents separated by a line of ``=====`` is a cross-report example: the
    documents before the last are put in an in-memory facts store (as ``doc1.txt``…), and the
    last is linted against it.
    """
    rules = [cls for code, cls in all_rules().items() if not select or any(code.startswith(s) for s in select)]
    *others, text = DOCUMENT_BREAK_RE.split(text)
    settings: dict[str, object] = {}
    if others:
        from .across.index import memory_store

        settings["facts_db"] = memory_store([(f"doc{n}.txt", t.strip("\n") + "\n") for n, t in enumerate(others, 1)])
        text = text.strip("\n") + "\n"
    source = SourceText(path, text, "utf-8", detect_shape(path, text))
    return lint_report(parse_source(source), rules, settings)


def examples(doc_section: str) -> list[str]:
    """The examples of a rule's 反例 / 正例 section: blocks separated by a line of ``---``."""
    return [block.strip("\n") for block in re.split(r"^\s*---\s*$", doc_section, flags=re.M) if block.strip()]
