"""``fiscallint index --list``: every stored report, its identity, and what it was matched to."""

from __future__ import annotations

from .identity import KIND_NAMES, LEVEL_NAMES
from .pairs import Directory, department_of, same_unit
from .store import FactsStore, StoredReport



def describe(report: StoredReport) -> str:
    i = report.identity
    if i is None:
        return f"{report.path}: (not parsed)"
    own = "（本级）" if i.own_unit else ""
    parent = f", 主管部门 {i.parent}" if i.parent else ""
    return f"{report.path}: {i.name}{own} · {i.year or '年度不明'} · {LEVEL_NAMES[i.level]}{KIND_NAMES[i.kind]}{parent}"


def listing(store: FactsStore) -> str:
    """One block per report; then the number of matched pairs (each unordered pair counted once)."""
    reports = store.reports()
    directory = Directory(reports)
    out: list[str] = []
    pairs: set[tuple[str, str, str]] = set()
    for report in reports:
        out.append(describe(report))
        if report.identity is None:
            continue
        for relation, matches in (("same unit", same_unit(report.identity, directory, report.path)),
                                  ("department", department_of(report.identity, directory, report.path))):
            if matches.ambiguous:
                out.append(f"    {relation}: ambiguous ({' / '.join(matches.ambiguous)}): not compared")
            for other in matches.reports:
                why = f" ({matches.reasons[other.path]})" if other.path in matches.reasons else ""
                out.append(f"    {relation}{why}: {describe(other)}")
                a, b = sorted((report.path, other.path))
                pairs.add((relation, a, b))
    same = sum(1 for p in pairs if p[0] == "same unit")
    out.append(f"{len(reports)} report(s); {same} same-unit pair(s), {len(pairs) - same} unit–department pair(s)")
    return "\n".join(out) + "\n"
