"""FL002: an inline suppression comment names a rule code that no rule has."""

from __future__ import annotations

from typing import Iterator

from fiscallint.config import known_code
from fiscallint.findings import Finding, Severity
from fiscallint.rule import Rule, WholeReport

class UnknownSuppressionCode(Rule):
    """忽略注释中的规则代码不存在。

    说明:
        行内忽略注释（``# fiscallint: ignore FL204`` 或 ``<!-- fiscallint: ignore FL204 -->``）
        只忽略它列出的规则代码或代码前缀。代码写错（FL204 写成 FL2040、FL 写成 LF）时，
        这条注释什么也不忽略，本想忽略的问题照样报告，而注释本身看不出错在哪里。本规则
        对每个既不是已有规则代码、也不是其前缀的代码报告一次（插件规则的代码也算已有）。
        不写代码的 ``ignore`` 忽略所有规则，不在检查之列。

    反例:
        合计 300.00 万元。  # fiscallint: ignore FL2040

    正例:
        合计 300.00 万元。  # fiscallint: ignore FL204
    """

    code = "FL002"
    name = "unknown-suppression-code"
    severity = Severity.WARNING
    summary = "忽略注释中的规则代码不存在 (a suppression comment names a code no rule has, so it silences nothing)"
    reads = (WholeReport("the inline suppression comments and the codes of every registered rule"),)

    def check(self) -> Iterator[Finding]:
        for directive in self.context.report.directives:
            for code in directive.codes:
                if not known_code(code):
                    yield self.finding(
                        directive.span,
                        f"忽略注释中的规则代码“{code}”不是任何规则的代码或前缀，此注释不会忽略它"
                        "（fiscallint rules 列出所有代码）",
                    )


RULE = UnknownSuppressionCode
