"""A table's header lines read for what they say of its value columns (:class:`Heading`)."""

from __future__ import annotations

import re

from ..ast import Heading
from ..patterns import lazy

FUND_RE = lazy(r"一般公共预算|政府性基金预算|国有资本经营预算")
BASIS_RE = lazy(r"(?:年初|全年|调整后)?预算数?|决算数?")
INTERLEAVED = "预算数决算数预算数决算数"
YEAR_RE = lazy(r"(20\d\d)年")
OTHER_PERIOD_RE = lazy(r"上年(?!结转|结余)|上一年|去年|增减|同比")
STAFF_PUBLIC = ["合计", "人员经费", "公用经费"]


def read_heading(headers: list[str]) -> Heading:
    """The heading of a table whose header lines are ``headers`` (whitespace ignored)."""
    text = re.sub(r"\s", "", "".join(headers))
    bases = ["budget" if "预算" in m.group() else "actual" for m in BASIS_RE.finditer(FUND_RE.sub("", text))]
    return Heading(
        bases=bases,
        interleaved=INTERLEAVED in text,
        years=[int(y) for y in YEAR_RE.findall(text)],
        other_period=OTHER_PERIOD_RE.search(text) is not None,
        staff_public=any(line.split()[-3:] == STAFF_PUBLIC for line in headers),
    )
