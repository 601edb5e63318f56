"""Which stored reports a report is compared with: the same unit, or the department of a unit.

Honest matching: names are compared by their normalised keys (equal, or equal once a region
prefix is dropped from the longer one); when the candidates disagree among themselves (a short
name that fits two full names), the match is ambiguous and no cross-report finding is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from ..patterns import lazy
from .identity import Identity, names_match
from .store import StoredReport

REGION_PREFIX_RE = lazy(r"^(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|区|县|州|旗|盟))+")


@dataclass
class Matches:
    """The outcome of matching one report: the reports matched, or why none are."""

    reports: list[StoredReport] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    """The distinct names that made the match ambiguous (empty when it is not)."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Why each report (by path) was matched, when it is not the name alone."""


class Directory:
    """The stored reports, bucketed so that matching one report reads only its name's candidates:
    two matching keys end with the same four characters (or are equal)."""

    def __init__(self, reports: list[StoredReport]) -> None:
        self.reports = reports
        self.buckets: dict[str, list[StoredReport]] = {}
        for report in reports:
            if report.identity:
                self.buckets.setdefault(report.identity.key[-4:], []).append(report)
        self.departments = [r for r in reports if r.identity and r.identity.level == "department" and not r.identity.own_unit]

    def named(self, key: str) -> list[StoredReport]:
        return self.buckets.get(key[-4:], [])


def _consistent(keys: set[str]) -> bool:
    return all(names_match(a, b) for a, b in combinations(sorted(keys), 2))


def same_unit(identity: Identity, directory: Directory, exclude: str = "") -> Matches:
    """Other reports of the same unit (any year or kind; a 本级 report only matches 本级 reports)."""
    found = [
        r for r in directory.named(identity.key)
        if r.identity and r.path != exclude and r.identity.own_unit == identity.own_unit
        and names_match(identity.key, r.identity.key)
    ]
    keys = {identity.key} | {r.identity.key for r in found if r.identity}
    if not _consistent(keys):
        return Matches([], sorted(keys - {identity.key}))
    return Matches(found)


def short_name(key: str) -> str:
    """The key without its region prefix, when at least four characters remain."""
    rest = REGION_PREFIX_RE.sub("", key)
    return rest if len(rest) >= 4 else key


def department_of(identity: Identity, directory: Directory, exclude: str = "") -> Matches:
    """The department reports of a unit report: named as its 主管部门, of the same name for a
    本级 unit, or listing the unit among the units it includes."""
    if identity.level != "unit":
        return Matches()
    found: list[StoredReport] = []
    reasons: dict[str, str] = {}
    for report in directory.departments:
        d = report.identity
        if d is None or report.path == exclude:
            continue
        if identity.own_unit and names_match(d.key, identity.key):
            reasons[report.path] = "本级 of the same name"
        elif identity.parent and names_match(d.key, identity.parent):
            reasons[report.path] = "named as its 主管部门"
        elif not identity.own_unit and _listed(identity.key, report.members):
            reasons[report.path] = "lists it among its units"
        else:
            continue
        found.append(report)
    keys = {r.identity.key for r in found if r.identity}
    if not _consistent(keys):
        return Matches([], sorted(keys))
    return Matches(found, reasons=reasons)


def _listed(key: str, members: str) -> bool:
    return bool(members) and (key in members or short_name(key) in members)
