"""Functions for testing rules (public, so rule-pack authors can reuse them).

Besides :func:`lint_text` and :func:`examples`, this module runs *case files*: one TOML file
per rule (``FL101.toml``) holding named cases — ``fail`` documents with the expected findings
pinned by position, ``pass`` near-misses, the ``fix`` result and a per-case ``config``. The
format is documented in ``docs/plugins.md``; a pack points :func:`case_params` at its folder::

    @pytest.mark.parametrize("case", case_params(Path(__file__).parent / "rules"))
    def test_rule_case(case: Case) -> None:
        check_case(case)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from .engine import lint_report
from .findings import Finding
from .patterns import lazy
from .registry import all_rules
from .source import SourceText, detect_shape
from .suppress import parse_blanked


DOCUMENT_BREAK_RE = lazy(r"^\s*={5,}\s*$", re.M)
POSITION_RE = lazy(r"^(\d+):(\d+)(?:-(\d+):(\d+))?$")
CASE_KEYS = {"name", "fail", "pass", "findings", "fix", "config", "messages"}


def lint_text(
    text: str, select: list[str] | None = None, path: str = "example.txt", settings: dict[str, object] | None = None
) -> list[Finding]:
    """Lint an in-memory report text with all rules, or with the rules whose code starts with ``select``,
    as ``fiscallint check`` does: suppression comments (``# fiscallint: ignore …``) silence findings.

    A text of several documents separated by a line of ``=====`` is a cross-report example: the
    documents before the last are put in an in-memory facts store (as ``doc1.txt``…), and the
    last is linted against it.
    """
    return _lint(text, select, path, settings)[1]


def _lint(
    text: str, select: list[str] | None, path: str, settings: dict[str, object] | None
) -> tuple[str, list[Finding]]:
    """The text actually linted (the last document) and its findings."""
    rules = [cls for code, cls in all_rules().items() if not select or any(code.startswith(s) for s in select)]
    *others, text = DOCUMENT_BREAK_RE.split(text)
    settings = dict(settings or {})
    if others:
        from .across.index import memory_store

        settings["facts_db"] = memory_store([(f"doc{n}.txt", t.strip("\n") + "\n") for n, t in enumerate(others, 1)])
        text = text.strip("\n") + "\n"
    report, suppressions = parse_blanked(SourceText(path, text, "utf-8", detect_shape(path, text)))
    return text, suppressions.filter(lint_report(report, rules, settings))


def examples(doc_section: str) -> list[str]:
    """The examples of a rule's 反例 / 正例 section: blocks separated by a line of ``---``."""
    return [block.strip("\n") for block in re.split(r"^\s*---\s*$", doc_section, flags=re.M) if block.strip()]


# --- case files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One named case of a rule's case file."""

    rule: str
    name: str
    text: str
    expect_findings: bool
    findings: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    fix: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    file: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


class CaseFileError(ValueError):
    """A case file that does not follow the format (the message names the file and the case)."""


def case_files(folder: str | Path) -> list[Path]:
    """The case files (``*.toml``) of a folder, by name."""
    return sorted(Path(folder).glob("*.toml"))


def load_cases(path: str | Path) -> list[Case]:
    """Read and validate one case file; its name (``FL101.toml``) is the rule's code."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseFileError(f"{path}: {exc}") from None
    rule = data.get("rule")
    if rule != path.stem:
        raise CaseFileError(f"{path}: rule = {rule!r} must name the file's rule {path.stem!r}")
    unknown = set(data) - {"rule", "case"}
    if unknown:
        raise CaseFileError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    cases = [_case(rule, entry, path) for entry in data.get("case", [])]
    if not cases:
        raise CaseFileError(f"{path}: no [[case]] entries")
    names = [c.name for c in cases]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise CaseFileError(f"{path}: duplicate case name(s) {', '.join(duplicated)}")
    kinds = {c.expect_findings for c in cases}
    if kinds != {True, False}:
        raise CaseFileError(f"{path}: needs at least one fail case and one pass case")
    return cases


MARKER_RE = lazy(r"^( *)(\^+) *$")


def carets(text: str, where: str) -> tuple[str, list[str]]:
    """Take the ``^^^`` marker lines out of a document: a line of spaces and carets under a text
    line marks a finding's span there, in display columns (a Chinese character is two wide, as
    in ``--show-source`` output). Returns the document without them and the marked positions."""
    from .formatters.text import width

    kept: list[str] = []
    marked: list[str] = []
    for line in text.split("\n"):
        match = MARKER_RE.match(line)
        if not match or not kept or MARKER_RE.match(kept[-1]):
            kept.append(line)
            continue
        above, start, length = kept[-1], len(match[1]), len(match[2])
        columns = {width(above[:i]): i + 1 for i in range(len(above) + 1)}
        if start not in columns or start + length not in columns:
            raise CaseFileError(f"{where}: the carets under line {len(kept)} do not line up with its characters")
        marked.append(f"{len(kept)}:{columns[start]}-{len(kept)}:{columns[start + length]}")
    return "\n".join(kept), marked


def _case(rule: str, entry: dict[str, Any], path: Path) -> Case:
    name = entry.get("name")
    where = f"{path}: case {name!r}"
    if not isinstance(name, str) or not name:
        raise CaseFileError(f"{path}: a case without a name")
    unknown = set(entry) - CASE_KEYS
    if unknown:
        raise CaseFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if ("fail" in entry) == ("pass" in entry):
        raise CaseFileError(f"{where}: give exactly one of fail / pass")
    failing = "fail" in entry
    document = entry["fail" if failing else "pass"]
    if not isinstance(document, str):
        raise CaseFileError(f"{where}: the document must be a string ('''…''')")
    text, marked = carets(document, where) if failing else (document, [])
    findings = tuple(entry.get("findings", ())) + tuple(marked)
    for position in findings:
        if not isinstance(position, str) or not POSITION_RE.match(position):
            raise CaseFileError(f"{where}: finding position {position!r} is not line:column or line:column-line:column")
    if failing and not findings:
        raise CaseFileError(f"{where}: a fail case pins its findings (^^^ under the span, or findings = [\"line:column-line:column\", …])")
    if not failing and ({"findings", "fix", "messages"} & set(entry)):
        raise CaseFileError(f"{where}: a pass case has no findings, messages or fix")
    config = entry.get("config", {})
    if not isinstance(config, dict):
        raise CaseFileError(f"{where}: config must be a table")
    return Case(
        rule, name, text, failing, findings,
        tuple(entry.get("messages", ())), entry.get("fix"), config, str(path),
    )


def case_settings(case: Case) -> dict[str, object]:
    """Engine settings for a case's ``config``: ``year`` is the report year; the other keys are
    options the rule declares (``Rule.options``: ``tolerance`` applies to the case's rule)."""
    declared = {o.name for o in all_rules()[case.rule].options}
    unknown = sorted(set(case.config) - declared - {"year"})
    if unknown:
        raise CaseFileError(f"{case.file}: case {case.name!r}: config key(s) {', '.join(unknown)} are not options of {case.rule}")
    settings: dict[str, object] = {}
    if "year" in case.config:
        settings["year"] = case.config["year"]
    if "tolerance" in case.config:
        settings["tolerance"] = {case.rule: Decimal(str(case.config["tolerance"]))}
    return settings


def position(finding: Finding) -> str:
    """A finding's place as a case file writes it: ``line:column-end_line:end_column``."""
    s = finding.span
    return f"{s.line}:{s.column}-{s.end_line}:{s.end_column}"


def _matches(expected: str, actual: str) -> bool:
    return actual == expected or actual.split("-")[0] == expected


def run_case(case: Case) -> tuple[str, list[Finding]]:
    """Lint a case's document with its rule only; (the text linted, the rule's findings)."""
    if case.rule not in all_rules():
        raise AssertionError(f"{case.file}: rule {case.rule} is not installed (is its pack on the path?)")
    text, findings = _lint(case.text, [case.rule], "case.txt", case_settings(case))
    return text, [f for f in findings if f.code == case.rule]


def check_case(case: Case) -> None:
    """Run one case and raise AssertionError describing any difference from what it pins."""
    from .fixes import verified_fixes

    text, findings = run_case(case)
    shown = "\n".join(f"  {position(f)}  {f.message}" for f in findings) or "  (none)"
    if not case.expect_findings:
        assert not findings, f"{case.file}: pass case {case.name!r} produced findings:\n{shown}"
        return
    actual = [position(f) for f in findings]
    unmatched = list(actual)
    missing = []
    for expected in case.findings:
        hit = next((a for a in unmatched if _matches(expected, a)), None)
        if hit is None:
            missing.append(expected)
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (
        f"{case.file}: case {case.name!r}: expected findings at {list(case.findings)}, got:\n{shown}"
    )
    for needle in case.messages:
        assert any(needle in f.message for f in findings), f"{case.file}: case {case.name!r}: no message contains {needle!r}:\n{shown}"
    if any(f.fix is not None and f.fix.applies(unsafe=True) for f in findings) and case.fix is None:
        raise AssertionError(f"{case.file}: case {case.name!r} offers fixes: pin the fixed text with fix = '''…'''")
    if case.fix is not None:
        fixed, _ = verified_fixes(text, findings, _relinter(case), unsafe=True)
        expected = case.fix if case.fix.endswith("\n") else case.fix + "\n"
        assert fixed == expected, f"{case.file}: case {case.name!r}: fixed text differs:\n--- expected\n{expected}--- got\n{fixed}"


def _relinter(case: Case) -> Callable[[str], list[Finding]]:
    """Lints a fixed text of a case's last document as the case does (the earlier documents kept)."""
    breaks = list(DOCUMENT_BREAK_RE.finditer(case.text))
    head = case.text[: breaks[-1].end()] + "\n" if breaks else ""
    return lambda new: [f for f in _lint(head + new, [case.rule], "case.txt", case_settings(case))[1] if f.code == case.rule]


def case_params(folder: str | Path) -> list[Any]:
    """Every case of a folder's case files as ``pytest.param`` (id ``RULE:name``) for parametrize."""
    import pytest

    return [pytest.param(case, id=case.id) for path in case_files(folder) for case in load_cases(path)]
