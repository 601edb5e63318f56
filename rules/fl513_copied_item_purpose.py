"""FL513: an item's 主要用于 words copied from another item's explanation."""

from __future__ import annotations

from os.path import commonprefix
from typing import Iterator

from fiscallint.ast import Span
from fiscallint.findings import Finding, Related, Severity
from fiscallint.item_paths import ItemPath
from fiscallint.rule import Rule, WholeReport
from fiscallint.subjects import path_name

MIN_NAME = 2
"""A name shorter than this (after 支出 is dropped) is not looked for in the words."""


class CopiedItemPurpose(Rule):
    """逐项说明中，某科目“主要用于”的内容照抄了另一科目的说明。

    说明:
        支出决算（预算）具体情况逐项写明科目路径“××(类)××(款)××(项)”和“主要用于：……”。
        两个不同科目的用途一字不差，且这段文字写的是其中一个科目的名称（“事业单位医疗保险
        支出”写的是事业单位医疗），没有写另一个科目的名称时，后者的用途是照抄来的（多为复制
        上一项后漏改），报告为警告。用途相同但两处都不含科目名称（“局本部项目支出”），
        或都写到了各自的科目（“行政事业单位医疗支出”写到了行政单位医疗和事业单位医疗），
        或一个是另一个的上级科目（款与其下的项），或名称只有“其他”时不检查。

    反例:
        一、支出决算具体情况
        1.卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。主要用于：事业单位医疗保险支出。支出决算为 3.20 万元。
        2.住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：事业单位医疗保险支出。支出决算为 12.40 万元。

    正例:
        一、支出决算具体情况
        1.卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。主要用于：事业单位医疗保险支出。支出决算为 3.20 万元。
        2.住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：在职人员住房公积金缴费。支出决算为 12.40 万元。
        ---
        一、支出决算具体情况
        1.文化旅游体育与传媒支出（类）文化和旅游（款）文化活动（项）。主要用于：局本部项目支出。支出决算为 5.00 万元。
        2.文化旅游体育与传媒支出（类）文化和旅游（款）文化创作与保护（项）。主要用于：局本部项目支出。支出决算为 6.00 万元。
    """

    code = "FL513"
    name = "copied-item-purpose"
    severity = Severity.WARNING
    summary = "科目用途照抄另一科目的说明 (an item's purpose copied from another item's explanation)"
    reads = (WholeReport("the 主要用于 words the narrative gives each item path"),)

    def check(self) -> Iterator[Finding]:
        paths = [(p, p.purpose_span) for p in self.context.model.item_paths if p.purpose_span is not None]
        for index, (path, span) in enumerate(paths):
            for other, other_span in paths[:index] + paths[index + 1:]:
                if _ancestor(path, other) or _ancestor(other, path):
                    continue
                if other.purpose == path.purpose and _names(other, path.purpose) and not _names(path, path.purpose, other):
                    yield self._finding(path, span, other, other_span)
                    break

    def _finding(self, path: ItemPath, span: Span, source: ItemPath, source_span: Span) -> Finding:
        own, theirs = path.claim.steps[-1], source.claim.steps[-1]
        return self.finding(
            span,
            f"{own.name}（{own.level}）的用途“{path.purpose}”与{theirs.name}（{theirs.level}）的一字不差："
            f"这段文字写的是{theirs.name}，不是{own.name}，像是复制另一项的说明后漏改",
            related=[Related(source_span, f"{theirs.name}（{theirs.level}）的同一用途")],
        )


def _core(path: ItemPath) -> str:
    """The path's last step's name, 支出 at the end dropped."""
    name = path_name(path.claim.steps[-1].name)
    return name[:-2] if name.endswith("支出") else name


def _ancestor(a: ItemPath, b: ItemPath) -> bool:
    """Whether ``a`` is a path above ``b`` (a 款 and one of its 项)."""
    above, below = a.claim.steps, b.claim.steps
    return len(above) < len(below) and all(path_name(x.name) == path_name(y.name) for x, y in zip(above, below))


def _names(path: ItemPath, words: str, other: ItemPath | None = None) -> bool:
    """Whether ``words`` name the path's item: its name, or (beside ``other``) the part of its
    name that tells it from the other's (行政 of 行政单位医疗 beside 事业单位医疗, as in
    行政事业单位医疗). A name that says only 其他 names nothing."""
    core = _core(path)
    if core.startswith("其他") and len(core) <= 2 + MIN_NAME:
        return False
    if len(core) >= MIN_NAME and core in words:
        return True
    own = _distinct(core, _core(other)) if other is not None else ""
    return len(own) >= MIN_NAME and own in words


def _distinct(name: str, theirs: str) -> str:
    """The part of ``name`` between the start and the end it shares with ``theirs``."""
    start = len(commonprefix([name, theirs]))
    end = len(commonprefix([name[start:][::-1], theirs[start:][::-1]]))
    return name[start:len(name) - end]


RULE = CopiedItemPurpose
