"""Item paths in the narrative: "一般公共服务支出(类)对外联络事务(款)行政运行(项)".

A path names a functional classification 类, then optionally its 款 and 项; the rules check
those names against the code-keyed rows of tables 02/03/05.
"""

from __future__ import annotations

from dataclasses import dataclass

from .ast import AmountClaim, ItemPathClaim, Number, Paragraph, Report, Row, Span
from .parser.claims import amount_in_wan
from .patterns import lazy
from .subjects import path_name, same_name


USED_LIST_RE = lazy(r"(?:本部门|本单位|部门|单位)(?:实际)?使用的[^，。；]{0,12}科目")
"""A heading over a list of the subjects the department used (本部门使用的主要支出功能分类科目)."""
PURPOSE_RE = lazy(r"主要用于[：:]?\s*([^。；;，,：:]{2,}(?:[，,][^。；;，,：:\d]+(?=[。；;，,]|$))*)")
"""What a path's money was spent on: 主要用于：事业单位人员支出 (to the end of the clause)."""


@dataclass
class ItemPath:
    """An item path claim of the narrative and the first 决算 amount stated after it in its
    paragraph, in 万元 (zero: a subject not spent). ``listed_as_used``: the path is an entry of a
    list whose heading says the department used these subjects; ``mentioned_elsewhere``: the
    name of its last step (款 or 项) is written somewhere else too (a sentence or a heading
    outside such lists)."""

    claim: ItemPathClaim
    actual: Number | None = None
    listed_as_used: bool = False
    mentioned_elsewhere: bool = False
    purpose: str = ""
    """What the narrative says the money was mainly used for (主要用于：…, in the path's part of
    its sentence or the next part, before the next path), white space removed; "" when it says
    nothing."""
    purpose_span: Span | None = None


def item_paths(report: Report) -> list[ItemPath]:
    """Every 类(款(项)) path the narrative writes, with the 决算 amount stated for it."""
    lists = [s for s in report.sections() if USED_LIST_RE.search(s.title)]
    in_lists = {id(p) for s in lists for p in s.paragraphs}
    elsewhere = [_squeezed(p.text) for p in report.paragraphs if id(p) not in in_lists]
    elsewhere += [_squeezed(s.title) for s in report.sections() if s not in lists]
    found: list[ItemPath] = []
    for at, paragraph in enumerate(report.paragraphs):
        paths = [c for c in paragraph.claims if isinstance(c, ItemPathClaim)]
        for index, path in enumerate(paths):
            following = paths[index + 1] if index + 1 < len(paths) else None
            previous = paths[index - 1] if index else None
            listed = id(paragraph) in in_lists
            name = _squeezed(path.steps[-1].name)
            mentioned = listed and any(name in text for text in elsewhere)
            item = ItemPath(path, _actual_after(paragraph, path, following), listed, mentioned)
            if previous is None or previous.segment != path.segment:
                item.purpose, item.purpose_span = _purpose(paragraph, path, following)
            continued = _continuation(report, at) if following is None and _ends_paragraph(paragraph, path) else None
            if continued is not None:  # “…住房公积金（项）。” / “主要用于：…。全年预算为 A，支出决算为 B”
                item.purpose, item.purpose_span = _purpose(continued, None, _first_path(continued))
                item.actual = item.actual or _actual_after(continued, None, _first_path(continued))
            found.append(item)
    return found


def _ends_paragraph(paragraph: Paragraph, path: ItemPathClaim) -> bool:
    """Whether nothing but the path is written in its paragraph from its part on."""
    bounds = paragraph.segment_bounds()
    written = [index for index, (start, end) in enumerate(bounds) if paragraph.text[start:end].strip()]
    after = [c for c in paragraph.claims if c is not path and c.segment >= path.segment]
    return bool(written) and written[-1] == path.segment and not after


def _continuation(report: Report, at: int) -> Paragraph | None:
    """The paragraph after paragraph ``at`` when it goes on with the explanation of the path that
    ends it: it follows at once (a blank line at most) and opens with 主要用于 (an extraction
    that broke the line after the path's 。 made two paragraphs of one)."""
    if at + 1 >= len(report.paragraphs):
        return None
    paragraph, after = report.paragraphs[at], report.paragraphs[at + 1]
    if after.span.line > paragraph.span.end_line + 2 or not after.text.lstrip().startswith("主要用于"):
        return None
    return after


def _first_path(paragraph: Paragraph) -> ItemPathClaim | None:
    return next((c for c in paragraph.claims if isinstance(c, ItemPathClaim)), None)


def _purpose(paragraph: Paragraph, path: ItemPathClaim | None, following: ItemPathClaim | None) -> tuple[str, Span | None]:
    """The 主要用于 words of the path's part of the paragraph or the part after it (``path``
    None: of the paragraph's first two parts), when no other path starts there (which path they
    belong to would be a guess; the caller skips a path whose part another path starts too)."""
    bounds = paragraph.segment_bounds()
    first = path.segment if path is not None else 0
    last = first + 1 if following is None else min(first + 1, following.segment - 1)
    for index in range(first, min(last, len(bounds) - 1) + 1):
        start, end = bounds[index]
        match = PURPOSE_RE.search(paragraph.text, start, end)
        if match is not None:
            words = _squeezed(match.group(1))
            return words, paragraph.span_at(match.start(1), match.end(1))
    return "", None


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _actual_after(paragraph: Paragraph, path: ItemPathClaim | None, following: ItemPathClaim | None) -> Number | None:
    """The first 决算 amount after the path (``path`` None: from the paragraph's start) and before
    the next path; an amount right after the path ("…（项）12.30万元") is one too unless worded as
    a budget."""
    until = following.span if following is not None else None
    for claim in paragraph.claims:
        at = (claim.span.line, claim.span.column)
        if until is not None and at >= (until.line, until.column):
            break
        if not isinstance(claim, AmountClaim) or path is not None and at <= (path.span.line, path.span.column):
            continue
        if claim.basis == "actual" or (path is not None and claim.context.endswith(_joined(path.text)) and claim.basis != "budget"):
            return amount_in_wan(claim)
    return None


def _joined(text: str) -> str:
    """A path's text as an amount's context has it (the grammar drops white space)."""
    return "".join(text.split())


def path_row(path: ItemPathClaim, rows: list[Row]) -> Row | None:
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
