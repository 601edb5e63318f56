"""Item paths in the narrative: "一般公共服务支出(类)对外联络事务(款)行政运行(项)".

A path names a functional classification 类, then optionally its 款 and 项; the rules check
those names against the code-keyed rows of tables 02/03/05.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ast import Number, Paragraph, Report, Span
from .facts import locate

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
        for match in PATH_RE.finditer(text):
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
            found.append(ItemPath(match.group(0), span, steps, _actual_after(paragraph, span, match.group(0))))
    return found


def _actual_after(paragraph: Paragraph, span: Span, path: str) -> Number | None:
    """The first 决算 amount after the path; an amount right after the path ("…（项）12.30万元")
    is one too unless worded as a budget."""
    for claim in paragraph.claims:
        context = claim.words.get("context", "")
        if claim.kind != "amount" or (claim.span.line, claim.span.column) <= (span.line, span.column):
            continue
        if "决算" in context or (context.endswith(path) and "预算" not in context):
            return claim.numbers["value"]
    return None
