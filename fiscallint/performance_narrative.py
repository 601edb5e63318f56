"""The narrative's 绩效 statement: how many self-evaluated projects, and their funds.

Reports sum up their self-evaluation in one sentence, e.g. "开展绩效自评，共涉及项目 3 个，资金
120.00 万元" or "预算绩效评价项目 3 个，全年预算数 120.00 万元，全年执行数 118.00 万元". The
claims grammar reads the amounts as amount claims and the count as a COUNT piece; this module
ties them together: a count of 项目 (or of 整体支出自评表) in a sentence about 自评/评价, with the
amount claims that follow it up to the next count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Tree
from lark.exceptions import LarkError

from .ast import Claim, Paragraph, Report, Span
from .claims import claims_tree

COUNT_RE = re.compile(r"^(\d+)\s*(个|项)$")
SUBJECT_RE = re.compile(r"(项目|自评表)(?:\d+|年度?|的)*$")
TOPIC_RE = re.compile(r"自评|绩效评价")
STAGE_RE = re.compile(r"目标|跟踪|监控|运行")  # 编报绩效目标的项目, 绩效跟踪的项目: not the self-evaluation
BUDGET_RE = re.compile(r"预算")
ACTUAL_RE = re.compile(r"执行|决算|实际|支出")


@dataclass
class EvaluatedAmount:
    """An amount of the statement and what it sums: "budget" (全年预算数), "actual" (执行数) or "either" (资金)."""

    claim: Claim
    basis: str


@dataclass
class EvaluationStatement:
    """"项目 N 个，资金 X 万元": the count, the kind of table counted and the amounts that follow."""

    count: int
    kind: str  # "project" or "department", as PerformanceTable.kind
    span: Span
    amounts: list[EvaluatedAmount] = field(default_factory=list)


def evaluation_statements(report: Report) -> list[EvaluationStatement]:
    """Every 绩效自评 statement of the narrative that states a count and at least one amount."""
    found: list[EvaluationStatement] = []
    for paragraph in report.paragraphs:
        if TOPIC_RE.search(paragraph.text) and any(c.kind == "amount" for c in paragraph.claims):
            found.extend(s for s in _statements(paragraph) if s.amounts)
    return found


def _statements(paragraph: Paragraph) -> list[EvaluationStatement]:
    try:
        tree = claims_tree(paragraph.text)[0]
    except LarkError:
        return []
    amounts = iter([c for c in paragraph.claims if c.kind == "amount"])
    statements: list[EvaluationStatement] = []
    for sentence in tree.children:
        if not isinstance(sentence, Tree):
            continue
        current: EvaluationStatement | None = None
        words = said = ""
        for clause in sentence.children:
            tokens = [t for t in clause.children if isinstance(t, Token)]
            for index, token in enumerate(tokens):
                if token.type in ("WORD", "PAREN", "YEAR"):
                    words += str(token)
                    said += str(token)
                elif token.type == "COUNT":
                    current = _open(str(token), words, said, paragraph.span)
                    if current is not None:
                        statements.append(current)
                    words = ""
                elif token.type == "AMOUNT":
                    if index > 0 and tokens[index - 1].type in ("UP", "DOWN"):
                        continue  # a change's delta: not an amount claim
                    claim = next(amounts, None)
                    if claim is None or claim.text != str(token):
                        return []  # out of step with the claim builder: read nothing rather than guess
                    if current is not None:
                        current.amounts.append(EvaluatedAmount(claim, _basis(claim)))
                    words = ""
            words += "，"
    return statements


def _open(count: str, words: str, said: str, span: Span) -> EvaluationStatement | None:
    """A statement opened by ``项目 N 个`` when its sentence so far (``said``) names the self-evaluation."""
    match = COUNT_RE.match(count.replace(" ", ""))
    clause = words.rsplit("，", 1)[-1]
    subject = SUBJECT_RE.search(clause)
    if not match or not subject or not TOPIC_RE.search(said) or STAGE_RE.search(clause):
        return None
    kind = "department" if subject.group(1) == "自评表" and "整体" in clause else "project"
    if subject.group(1) == "自评表" and kind == "project" and "项目" not in clause:
        return None
    return EvaluationStatement(int(match.group(1)), kind, span)


def _basis(claim: Claim) -> str:
    context = claim.words.get("context", "")
    if BUDGET_RE.search(context) and not ACTUAL_RE.search(context):
        return "budget"
    if ACTUAL_RE.search(context) and not BUDGET_RE.search(context):
        return "actual"
    return "either"
