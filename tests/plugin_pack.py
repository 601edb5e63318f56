"""A tiny third-party rule pack, installed for a test by writing a package and its dist-info.

``importlib.metadata`` finds ``*.dist-info/entry_points.txt`` on ``sys.path``, so putting the
folder on ``sys.path`` (in process) or ``PYTHONPATH`` (in a subprocess) installs the pack.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TYPO_PACK = '''
"""A test-only pack: XT101 flags 帐户 (a variant spelling) and offers 账户 as a safe fix (a
whole-report rule written as a plain check()); XT102 flags a doubled 。 in a paragraph (a rule
that reads paragraphs)."""

from fiscallint.ast import Span
from fiscallint.findings import Applicability, Fix, Severity
from fiscallint.rule import Paragraphs, Rule


class AccountSpelling(Rule):
    """“帐户”应写作“账户”。

    说明:
        测试用规则。
    """

    code = "XT101"
    name = "account-spelling"
    severity = Severity.WARNING
    summary = "“帐户”应作“账户” (write 账户)"

    def check(self):
        for number, line in enumerate(self.context.report.lines, 1):
            start = line.find("帐户")
            while start >= 0:
                span = Span(number, start + 1, number, start + 3)
                yield self.finding(span, "“帐户”应作“账户”", fix=Fix(span, "账户", "改为“账户”", Applicability.SAFE))
                start = line.find("帐户", start + 2)


class DoubledFullStop(Rule):
    """段落中句号重复。

    说明:
        测试用规则：按段落读取。
    """

    code = "XT102"
    name = "doubled-full-stop"
    severity = Severity.INFO
    summary = "句号重复 (a doubled full stop)"
    reads = (Paragraphs(),)

    def check_paragraphs(self, paragraphs):
        for paragraph in paragraphs:
            start = paragraph.text.find("。。")
            while start >= 0:
                span = paragraph.span_at(start, start + 2)
                yield self.finding(span, "句号重复", fix=Fix(span, "。", "删去重复的句号", Applicability.SAFE))
                start = paragraph.text.find("。。", start + 2)


def rules():
    return [AccountSpelling, DoubledFullStop]
'''

BROKEN_PACK = 'raise ImportError("this pack is broken on purpose")\n'


def make_pack(root: Path, name: str, source: str) -> Path:
    """Write package ``name`` with ``source`` and a dist-info registering ``name:rules``."""
    (root / name).mkdir(parents=True)
    (root / name / "__init__.py").write_text(source, encoding="utf-8")
    info = root / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[fiscallint.rules]\n{name} = {name}:rules\n", encoding="utf-8")
    return root


def subprocess_env(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    return env


@pytest.fixture
def typo_pack(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install the XT101 pack in this process for one test."""
    from fiscallint.registry import all_rules

    site = make_pack(tmp_path_factory.mktemp("site"), "xtpack", TYPO_PACK)
    monkeypatch.syspath_prepend(str(site))
    all_rules.cache_clear()
    yield site
    sys.modules.pop("xtpack", None)
    all_rules.cache_clear()
