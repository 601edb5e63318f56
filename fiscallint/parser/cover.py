"""A report's cover: what its first lines say it is.

The title (…2025年度部门决算, its name on the line or on the lines just above), labelled lines
(预算单位：…, 主管部门：…, 编制部门：…), the 第一部分 …概况 heading's name, and whether the
first lines name a 决算 at all. The cross-report identity and the budget-or-final decision
read these fields (:class:`~fiscallint.ast.Cover`), not the lines.
"""

from __future__ import annotations

import re

from ..ast import Cover
from ..patterns import lazy

TITLE_RE = lazy(r"(20\d\d)\s*年\s*度?\s*(?:[区市县省]级)?\s*(部门|单位)?\s*(预算|决算)")
LABEL_RE = lazy(
    r"^(预算单位|决算单位|单位名称|预算主管部门|主管部门|编制部门|编制单位|部门名称|部门|单位)\s*[:：]\s*"
    r"([\u4e00-\u9fff（）()]{3,40})(?:\s|$)"
)
PART_RE = lazy(r"^第[一二三四五六七八九十]+部分")
NAME_LINE_RE = lazy(r"[\u4e00-\u9fff（）]{2,20}")
OVERVIEW_RE = lazy(r"^第一部分\s*(.*?)\s*(?:概况)?$")
MARKUP_RE = lazy(r"[\s*#>`\"“”'|]")
TITLE_MAX = 60
"""A title line is at most this long (a longer line with a year phrase is a sentence)."""


def clean(text: str) -> str:
    """A name as printed, without spaces, markup and quotes; half-width brackets made full-width."""
    return MARKUP_RE.sub("", text).replace("(", "（").replace(")", "）")


def read_cover(head: list[str]) -> Cover:
    """The cover's fields from a report's first lines (as the parser cleaned them)."""
    raw = [line.strip("*#> ") for line in head]
    lines = [clean(line) for line in raw]
    labels: dict[str, str] = {}
    for line in raw:
        match = LABEL_RE.match(line)
        if match and match.group(1) not in labels:
            labels[match.group(1)] = match.group(2)
    name, year, level, kind = _title(lines)
    return Cover(name, year, level, kind, labels, _overview_name(lines), any("决算" in line for line in head))


def _title(lines: list[str]) -> tuple[str, int | None, str | None, str | None]:
    """The name before the year in the title (joined with the lines just above when the title
    line starts with the year), the year, level and kind."""
    for index, line in enumerate(lines):
        match = TITLE_RE.search(line)
        if match is None or "目录" in line or len(line) > TITLE_MAX:
            continue
        name = line[: match.start()]
        part = PART_RE.match(name)
        name = name[part.end():] if part else name
        if not name and not part:
            above: list[str] = []
            for previous in reversed(lines[max(0, index - 2): index]):
                if not previous or not NAME_LINE_RE.fullmatch(previous):
                    break
                above.insert(0, previous)
            name = "".join(above)
        level = {"部门": "department", "单位": "unit"}.get(match.group(2) or "")
        kind = "budget" if match.group(3) == "预算" else "final"
        return name, int(match.group(1)), level, kind
    return "", None, None, None


def _overview_name(lines: list[str]) -> str:
    """The name a 第一部分 …概况 heading gives (or the line after a bare 第一部分)."""
    for index, line in enumerate(lines):
        match = OVERVIEW_RE.match(line)
        if match:
            name = match.group(1) or (lines[index + 1] if index + 1 < len(lines) else "")
            name = re.sub(r"概况$", "", name)
            if name and name not in ("部门", "单位", "部门概况"):
                return name
    return ""
