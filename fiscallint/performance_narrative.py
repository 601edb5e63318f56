"""The narrative's 绩效 statement: how many self-evaluated projects, and their funds.

Reports sum up their self-evaluation in one sentence, e.g. "开展绩效自评，共涉及项目 3 个，资金
120.00 万元" or "预算绩效评价项目 3 个，全年预算数 120.00 万元，全年执行数 118.00 万元". The
claims builder reads the amounts as amount claims and the count as a count claim; this module
ties them together: a count of 项目 (or of 整体支出自评表) in a sentence about 自评/评价, with the
amount claims that follow it up to the next count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ast import AmountClaim, CountClaim, Paragraph, Report, Span
from .patterns import lazy

COUNT_UNITS = ("个", "项")
SUBJECT_RE = lazy(r"(项目|自评表)(?:\d+|年度?|的)*$")
TOPIC_RE = lazy(r"自评|绩效评价")
AFTER_SUBJECT_RE = lazy(r"(项目)(?:开展|进行|实施)")
"""The noun right after a count that the self-evaluation is done on (2个项目开展了绩效自评)."""
STAGE_RE = lazy(r"目标|跟踪|监控|运行")  # 编报绩效目标的项目, 绩效跟踪的项目: not the self-evaluation
SPENT_RE = lazy(r"支出")


@dataclass
class EvaluatedAmount:
    """An amount of the statement and what it sums: "budget" (全年预算数), "actual" (执行数) or "either" (资金)."""

    claim: AmountClaim
    basis: str


@dataclass
class EvaluationStatement:
    """"项目 N 个，资金 X 万元": the count, the kind of table counted and the amounts that follow."""

    count: int
    kind: str  # "project" or "department", as PerformanceTable.kind
    span: Span
    amounts: list[EvaluatedAmount] = field(default_factory=list)


def evaluation_statements(report: Report) -> list[EvaluationStatement]:
    """Every 绩效自评 statement of the narrative that states a count and at least one amount
    (a count's own words say whether it is about the self-evaluation: :func:`_open`)."""
    found: list[EvaluationStatement] = []
    for paragraph in report.paragraphs:
        found.extend(s for s in _statements(paragraph) if s.amounts)
    return found


def _statements(paragraph: Paragraph) -> list[EvaluationStatement]:
    """The paragraph's statements: each count that opens one (:func:`_open`) with the amount
    claims after it in its sentence, up to the sentence's next count. A 0 printed without a unit
    (年初预算为0) is no fund of the statement."""
    statements: list[EvaluationStatement] = []
    current: EvaluationStatement | None = None
    sentence = -1
    for claim in paragraph.claims:
        if claim.sentence != sentence:
            current, sentence = None, claim.sentence
        if isinstance(claim, CountClaim):
            current = _open(claim, paragraph.span)
            if current is not None:
                statements.append(current)
        elif isinstance(claim, AmountClaim) and current is not None and claim.text.strip() != claim.value.text:
            current.amounts.append(EvaluatedAmount(claim, _basis(claim)))
    return statements


def _open(count: CountClaim, span: Span) -> EvaluationStatement | None:
    """A statement opened by ``项目 N 个`` (the words of its clause before it: ``context``) when
    its sentence so far (``said``) names the self-evaluation."""
    clause = count.context
    subject = SUBJECT_RE.search(clause)
    said = count.said
    if subject is None and AFTER_SUBJECT_RE.match(count.after):  # 对2个项目开展了绩效自评: the noun and the topic follow
        subject, clause, said = AFTER_SUBJECT_RE.match(count.after), clause + count.after, said + count.after
    if count.unit not in COUNT_UNITS or not subject or not TOPIC_RE.search(said) or STAGE_RE.search(clause):
        return None
    kind = "department" if subject.group(1) == "自评表" and "整体" in clause else "project"
    if subject.group(1) == "自评表" and kind == "project" and "项目" not in clause:
        return None
    return EvaluationStatement(int(count.value.value), kind, span)


def _basis(claim: AmountClaim) -> str:
    """The amount's basis; an amount its words call neither spent as 支出 (项目支出 A 万元) is
    the funds spent; one called nothing (资金 A 万元) may be either."""
    if claim.basis:
        return claim.basis
    return "actual" if SPENT_RE.search(claim.context) else "either"
