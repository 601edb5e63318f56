"""Item paths in the narrative: "一般公共服务支出(类)对外联络事务(款)行政运行(项)".

A path names a functional classification 类, then optionally its 款 and 项; the rules check
those names against the code-keyed rows of tables 02/03/05.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ast import AmountClaim, Number, Paragraph, Report, Row, Span
from .facts import locate
from .subjects import path_name, same_name

_MARK = r"[（(]\s*(类|款|项)\s*[)）]"
_NAME = r"(?:[^（()）\d，。；：:、\s]|[（(](?!\s*(?:类|款|项)\s*[)）])[^（()）]{1,4}[)）])+?"
PATH_RE = re.compile(rf"([\u4e00-\u9fff]+)\s*[（(]\s*类\s*[)）](?:\s*({_NAME})\s*{_MARK})*")
STEP_RE = re.compile(rf"\s*({_NAME})\s*{_MARK}")
MARK_RE = re.compile(rf"\s*{_MARK}")


@dataclass
class PathStep:
    level: str  # 类 / 款 / 项
    name: str
    span: Span


@dataclass
class ItemPath:
    text: str
    span: Span
    steps: list[PathStep] = field(default_factory=list)
    actual: Number | None = None
    """The first 决算 amount stated after the path in its paragraph (zero: a subject not spent)."""


def item_paths(report: Report) -> list[ItemPath]:
    """Every 类(款(项)) path written in the narrative, with each name's position."""
    found: list[ItemPath] = []
    for paragraph in report.paragraphs:
        text = paragraph.text
        matches = list(PATH_RE.finditer(text))
        for index, match in enumerate(matches):
            until = locate(report, paragraph, matches[index + 1].start(), matches[index + 1].start() + 1) if index + 1 < len(matches) else None
            head = match.group(1)
            steps = [PathStep("类", head, locate(report, paragraph, match.start(1), match.end(1)))]
            mark = MARK_RE.match(text, match.end(1))
            at = mark.end() if mark else match.end()
            while at < match.end():
                step = STEP_RE.match(text, at)
                if step is None:
                    break
                steps.append(PathStep(step.group(2), step.group(1), locate(report, paragraph, step.start(1), step.end(1))))
                at = step.end()
            span = locate(report, paragraph, match.start(), match.end())
            found.append(ItemPath(match.group(0), span, steps, _actual_after(paragraph, span, match.group(0), until)))
    return found


def _actual_after(paragraph: Paragraph, span: Span, path: str, until: Span | None) -> Number | None:
    """The first 决算 amount after the path and before the next path; an amount right after the
    path ("…（项）12.30万元") is one too unless worded as a budget."""
    for claim in paragraph.claims:
        at = (claim.span.line, claim.span.column)
        if until is not None and at >= (until.line, until.column):
            break
        if not isinstance(claim, AmountClaim) or at <= (span.line, span.column):
            continue
        context = claim.context
        if "决算" in context or (context.endswith(path) and "预算" not in context):
            return claim.value
    return None


def path_row(path: ItemPath, rows: list[Row]) -> Row | None:
    """The code-keyed row a path names down to its last step (类, 款 or 项), or None when any
    step names no row under the one before it, or more than one."""
    if len(path.steps) > 3:
        return None  # two 项 in one path: which one is meant is the question (FL505)
    head = path_name(path.steps[0].name)
    classes = [r for r in rows if r.level == 1 and path_name(r.label) and head.endswith(path_name(r.label))]
    if len(classes) != 1:
        return None
    row = classes[0]
    for step, level in zip(path.steps[1:], (2, 3)):
        if step.level != ("款" if level == 2 else "项"):
            return None
        under = [r for r in rows if r.level == level and (r.code or "").startswith(row.code or "-") and same_name(r.label, step.name)]
        if len(under) != 1:
            return None
        row = under[0]
    return row
