"""fiscallint.patterns.lazy: a pattern that answers as ``re.compile`` does, compiled on first
use only."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

import pytest

from fiscallint.patterns import lazy

SOURCE = r"(?P<year>(?:19|20)\d\d)年度?[\u4e00-\u9fff]{0,4}(?:决算|预算)"
TEXT = "某单位2024年度部门决算，2023年预算"


def test_answers_as_the_compiled_pattern() -> None:
    pattern, compiled = lazy(SOURCE), re.compile(SOURCE)
    assert pattern.search(TEXT).group("year") == compiled.search(TEXT).group("year") == "2024"
    assert [m.span() for m in pattern.finditer(TEXT)] == [m.span() for m in compiled.finditer(TEXT)]
    assert pattern.findall(TEXT) == compiled.findall(TEXT)
    assert pattern.sub("#", TEXT) == compiled.sub("#", TEXT)
    assert pattern.subn("#", TEXT) == compiled.subn("#", TEXT)
    assert pattern.split(TEXT) == compiled.split(TEXT)
    assert pattern.match(TEXT) is None and compiled.match(TEXT) is None
    assert pattern.fullmatch("2024年决算") is not None
    assert (pattern.groups, pattern.groupindex, pattern.flags) == (compiled.groups, compiled.groupindex, compiled.flags)


def test_flags_are_kept() -> None:
    assert lazy(r"^abc$", re.IGNORECASE | re.MULTILINE).search("x\nABC\ny") is not None
    assert lazy(r"^abc$").search("x\nABC\ny") is None


def test_compiles_only_when_used() -> None:
    broken = lazy(r"(unclosed")
    assert broken.pattern == r"(unclosed"  # its text is there, to build other patterns from
    try:
        broken.match("x")
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern compiles (and fails) on first use")


def test_copies_and_pickles_as_its_pattern() -> None:
    pattern = lazy(SOURCE, re.IGNORECASE)
    for other in (pickle.loads(pickle.dumps(pattern)), copy.deepcopy(pattern)):
        assert other.pattern == SOURCE and other.flags == re.compile(SOURCE, re.IGNORECASE).flags
        assert other.search(TEXT).group("year") == "2024"
    pattern.search(TEXT)  # compiled now: still pickles as its source
    assert pickle.loads(pickle.dumps(pattern)).findall(TEXT) == pattern.findall(TEXT)


def test_compile_now_compiles_a_modules_patterns_and_nothing_else() -> None:
    from types import ModuleType

    from fiscallint.patterns import compile_now

    module = ModuleType("readers")
    module.YEAR_RE = lazy(SOURCE)
    module.BROKEN_NAME = "(unclosed"  # a string, not a pattern: left alone
    kept_apart = lazy(r"\d+元")  # not a name of the module: compiled on its first use only
    compile_now(module)
    assert "match" in vars(module.YEAR_RE) and "match" not in vars(kept_apart)
    assert module.YEAR_RE.search(TEXT).group("year") == "2024"


PROBE = """
import re
from fiscallint.parser import claims, lines, prepare
prepare(patterns=True)
compiled = []
original = re.compile
re.compile = lambda *a, **k: compiled.append(a[0]) or original(*a, **k)
claims.claims_tree("收入合计100.00万元，比上年增加5.00万元，增长5.3%。")
print(len(compiled), "match" in vars(lines.TABLE_NO_RE))
"""


@pytest.mark.slow  # a fresh interpreter: nothing parsed before
def test_prepare_leaves_the_first_parse_nothing_to_compile() -> None:
    probe = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert probe.stdout.split() == ["0", "True"]
