"""Who a report is about: its unit's name, level (部门 / 单位), kind (预算 / 决算) and year.

Read from the report's cover as the parser read it (:class:`~fiscallint.ast.Cover`): a labelled
line (预算单位：…, 部门：…, 编制部门：…), the title (…2025年度部门决算, with the name on the line
or the lines before it), or 第一部分 …概况.
Names are normalised for matching: spaces, markup and a leading 中共 dropped; a trailing
本级 / 机关本级 is removed from the name and kept as a flag (a 本级 report is a unit of the
department of the same name, never the department itself).
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..parser.cover import clean
from ..patterns import lazy

if TYPE_CHECKING:
    from ..ast import Report

REGION_RE = lazy(r"^(?:[\u4e00-\u9fff]{1,10}?(?:省|自治区|市|区|县|州|旗|盟))+$")
OWN_UNIT_RE = lazy(r"[（(]?(?:机关)?本级[)）]?$")
LEVEL_NAMES = {"department": "部门", "unit": "单位"}
KIND_NAMES = {"budget": "预算", "final": "决算"}
UNIT_LABELS = ("预算单位", "决算单位", "单位名称", "单位", "编制单位")
PARENT_LABELS = ("预算主管部门", "主管部门")


@dataclass(frozen=True)
class Identity:
    """Who a report is about; ``name`` as printed (markup removed), ``key`` normalised."""

    name: str
    key: str
    own_unit: bool
    """The name ends in 本级: the department's own unit, not the whole department."""
    level: str  # "department" or "unit"
    kind: str  # "budget" or "final"
    year: int | None
    parent: str
    """The 主管部门 a unit report names ("" if none)."""

    def title(self) -> str:
        """"2024年部门预算", "2025年单位决算"…"""
        return f"{self.year or '年度不明'}{'年' if self.year else ''}{LEVEL_NAMES[self.level]}{KIND_NAMES[self.kind]}"

    @property
    def basis(self) -> str:
        """What this report's own-year figures are: "budget" for a budget, "actual" for a final account."""
        return "budget" if self.kind == "budget" else "actual"


def name_key(name: str) -> tuple[str, bool]:
    """The matching key of a name and whether it names a 本级 unit."""
    text = clean(name)
    if text.startswith("中共"):
        text = text[2:]
    own = bool(OWN_UNIT_RE.search(text)) and len(OWN_UNIT_RE.sub("", text)) >= 2
    if own:
        text = OWN_UNIT_RE.sub("", text)
    return text, own


def names_match(a: str, b: str) -> bool:
    """Two keys name the same body: equal, or one is the other with a region prefix
    (上海市普陀区文化和旅游局 ~ 普陀区文化和旅游局 ~ 文化和旅游局 is not enough: the shorter must keep 4+ characters)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.endswith(short) and bool(REGION_RE.match(long_[: -len(short)]))


def is_region(name: str) -> bool:
    return bool(REGION_RE.match(name))


def identify(report: Report) -> Identity:
    """The report's identity, from its cover (and its tables when the title says no kind)."""
    cover = report.cover
    labels = cover.labels
    title_name, level, kind = cover.title_name, cover.level, cover.kind
    unit_label = next((labels[l] for l in UNIT_LABELS if l in labels), "")
    parent_label = next((labels[l] for l in PARENT_LABELS if l in labels), "")
    department_label = labels.get("编制部门") or labels.get("部门名称") or labels.get("部门") or ""
    overview = cover.overview
    if title_name and (is_region(title_name) or overview.endswith(title_name)):
        title_name = overview if overview.endswith(title_name) and not is_region(title_name) else ""
    name = unit_label or title_name or parent_label or department_label or overview
    parent = parent_label if parent_label and name != parent_label else ""
    key, own = name_key(name)
    if level is None:
        level = "unit" if own or parent else "department"
    if kind is None:
        from ..parser.tables import is_budget_kind

        kinds = [t.kind for t in report.tables if t.kind and t.rows]
        kind = "budget" if kinds and all(is_budget_kind(k) for k in kinds) else "final"
    if own:
        level = "unit"
    return Identity(name, key, own, level, kind, cover.year or report.year, name_key(parent)[0] if parent else "")
