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
        只忽略它列出的规则代码或代码前缀（以空格、逗号或顿号分隔，``--`` 之后是说明文字）。
        代码写错（FL204 写成 FL2040、FL-204，FL 写成 LF）时，这个代码什么也不忽略，本想忽略的
        问题照样报告，而注释本身看不出错在哪里。本规则在每个写错的代码处报告一次：不是
        “字母加数字”形式的词，以及既不是已有规则代码、也不是其前缀的代码（插件规则的代码
        也算已有）。不写代码的 ``ignore`` 忽略所有规则，不在检查之列；列出 FL002 的注释
        （单独成行时它本身所在的行也算）不报告。

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
            if any("FL002".startswith(code) for code in directive.codes):
                continue  # it silences this rule: its own words too
            seen: set[str] = set()
            for word in directive.words:
                if word.text.upper() in seen:
                    continue
                seen.add(word.text.upper())
                if not word.code:
                    yield self.finding(word.span, f"忽略注释中的“{word.text}”不是规则代码（字母加数字，如 FL204），它不忽略任何规则")
                elif not known_code(word.code):
                    yield self.finding(
                        word.span,
                        f"忽略注释中的规则代码“{word.text}”不是任何规则的代码或前缀，它不忽略任何规则"
                        "（fiscallint rules 列出所有代码）",
                    )


RULE = UnknownSuppressionCode
