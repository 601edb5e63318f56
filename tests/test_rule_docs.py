"""Every rule documents itself; its 反例 must fire and its 正例 must stay clean."""

from __future__ import annotations

import pytest

from fiscallint.registry import all_rules
from fiscallint.testing import examples, lint_text

RULES = sorted(all_rules().items())


@pytest.mark.parametrize(("code", "cls"), RULES, ids=[c for c, _ in RULES])
def test_rule_has_docs(code: str, cls: type) -> None:
    sections = cls.doc_sections()
    assert {"说明", "反例", "正例"} <= set(sections), f"{code} lacks a 说明/反例/正例 section"
    assert cls.name and cls.summary and code.startswith("FL") and len(code) == 5


@pytest.mark.parametrize(("code", "cls"), RULES, ids=[c for c, _ in RULES])
def test_bad_examples_fire(code: str, cls: type) -> None:
    for example in examples(cls.doc_sections()["反例"]):
        found = [f.code for f in lint_text(example + "\n", select=[code])]
        assert code in found, f"{code} did not fire on its 反例:\n{example}"


@pytest.mark.parametrize(("code", "cls"), RULES, ids=[c for c, _ in RULES])
def test_good_examples_are_clean(code: str, cls: type) -> None:
    for example in examples(cls.doc_sections()["正例"]):
        found = [f for f in lint_text(example + "\n", select=[code]) if f.code == code]
        assert not found, f"{code} fired on its 正例:\n{example}\n{found}"
