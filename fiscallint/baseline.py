"""Baselines: record today's findings so later runs report only new ones.

A finding is keyed by its rule code, its file (relative to the baseline's folder) and a
content fingerprint: the whitespace-free text of the lines it spans (its digest, past
``LONG_TEXT`` characters) and the title of the section it sits in. Line numbers are not part of the key, so a baseline survives edits that
move text around; equal keys are counted, so a second identical finding is still new.
"""

from __future__ import annotations

import bisect
import hashlib
import os
from collections import Counter
from pathlib import Path

from .ast import Report
from .errors import ConfigError, InputError
from .findings import Finding
from .patterns import lazy
from .source import MAX_TEXT_BYTES, read_regular

VERSION = 1
SPACE_RE = lazy(r"[\s\u3000]+")


LONG_TEXT = 4096  # normalised characters; a longer text enters the key as its own digest


def fingerprints(findings: list[Finding], report: Report) -> list[str]:
    """A short hash per finding of its rule code, section title and the normalised text of its
    lines. Linear time overall: the
    sections are sorted once, and each line range is normalised once however many findings share it."""
    starts = sorted(((s.span.line, order), s.title) for order, s in enumerate(report.sections()) if s.level)
    lines = [line for (line, _), _ in starts]
    texts: dict[tuple[int, int], str] = {}
    out = []
    for finding in findings:
        first, last = finding.span.line, max(finding.span.line, finding.span.end_line)
        if (first, last) not in texts:
            texts[(first, last)] = _key_text("\n".join(report.lines[first - 1 : last]))
        at = bisect.bisect_right(lines, first)
        section = starts[at - 1][1] if at else ""
        key = "\x1f".join((finding.code, SPACE_RE.sub("", section), texts[(first, last)]))
        out.append(hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20])
    return out


def _key_text(text: str) -> str:
    """The whitespace-free text as the key holds it (a digest of it when very long)."""
    normalised = SPACE_RE.sub("", text)
    if len(normalised) <= LONG_TEXT:
        return normalised
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def relative(path: str, folder: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(folder.resolve()).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


ENTRY_KEYS = {"path": str, "code": str, "fingerprint": str}
OPTIONAL_KEYS = {"line": int, "message": str}


def _entry_problem(entry: object) -> str | None:
    """Why a baseline entry is malformed, or None."""
    if not isinstance(entry, dict):
        return f"expected an object, got {type(entry).__name__}"
    for key, kind in ENTRY_KEYS.items():
        if not isinstance(entry.get(key), kind):
            return f"'{key}' must be a string"
    for key, kind in OPTIONAL_KEYS.items():
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
            return f"'{key}' must be {'an integer' if kind is int else 'a string'}"
    return None


class Baseline:
    """A multiset of (path, code, fingerprint) keys read from or written to a JSON file."""

    def __init__(self, path: str | os.PathLike[str], entries: list[dict[str, object]] | None = None) -> None:
        self.path = Path(path)
        self.entries = entries or []

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        import json  # a baseline is read or written in few runs; fingerprints need no JSON

        try:
            data = json.loads(read_regular(os.fspath(path), MAX_TEXT_BYTES).decode("utf-8-sig"))  # an editor's BOM is no error
        except InputError as exc:
            if str(exc) == "no such file":
                raise ConfigError(f"{path}: baseline file not found") from None
            raise ConfigError(f"{path}: unreadable baseline: {exc}") from None
        except ValueError as exc:
            raise ConfigError(f"{path}: unreadable baseline: {exc}") from None
        except RecursionError:
            raise ConfigError(f"{path}: unreadable baseline: nested too deeply") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise ConfigError(f"{path}: not a fiscallint baseline (version {VERSION})")
        for number, entry in enumerate(data["findings"]):
            problem = _entry_problem(entry)
            if problem:
                raise ConfigError(f"{path}: not a fiscallint baseline: findings[{number}]: {problem}")
        return cls(path, data["findings"])

    def key(self, finding: Finding, print_: str) -> tuple[str, str, str]:
        return (relative(finding.path, self.folder), finding.code, print_)

    def add(self, finding: Finding, print_: str) -> None:
        path, code, fp = self.key(finding, print_)
        self.entries.append({"path": path, "code": code, "fingerprint": fp, "line": finding.span.line, "message": finding.message})

    def new_findings(self, findings: list[tuple[Finding, str]]) -> list[Finding]:
        """The findings not covered by this baseline (each entry covers one finding)."""
        remaining = Counter((str(e.get("path")), str(e.get("code")), str(e.get("fingerprint"))) for e in self.entries)
        fresh = []
        for finding, print_ in findings:
            key = self.key(finding, print_)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                fresh.append(finding)
        return fresh

    def write(self) -> None:
        """Write atomically, entries sorted so that the file diffs well."""
        from .formatters import json_text  # undecodable bytes of file names as \udcNN escapes

        self.entries.sort(key=lambda e: (str(e["path"]), int(e.get("line", 0) or 0), str(e["code"])))
        text = json_text({"version": VERSION, "findings": self.entries})
        from .fixes import write_new

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{self.path.parent}: cannot create the baseline's folder: {exc.strerror or exc}") from None
        try:
            write_new(str(self.path), text)
        except InputError as exc:
            raise ConfigError(str(exc)) from None
