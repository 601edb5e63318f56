"""FL203: the identities printed in a table's notes (1栏各行＝（2＋3）栏各行, 27行＝（1＋2+3）行) hold."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import Identity, Row, Table
from fiscallint.findings import Finding, Related, Severity
from fiscallint.numbers import fmt
from fiscallint.rule import TOLERANCE, Rule, Tables
from fiscallint.parser.tables import total_first

from .fl2_support import UNKNOWN, row_violations, show, sum_check, value_in


class PrintedIdentity(Rule):
    """表注印出的栏间、行间公式应与表中数据相符。

    说明:
        许多表在注释中印出勾稽公式，如“1栏各行＝（2＋3）栏各行”“27行＝（1＋2+3）行”
        “58行＝（32＋33＋…＋57）行”“6栏各行＝（1＋2－3）栏各行”。公式本身是一项声明：
        逐行（栏公式）或逐栏（行公式）核对；只比较位置确定的数值，允许每个加数 0.01 的尾数误差。
        公式引用了表中不存在的栏次或行次时给出警告。

    反例:
        公开01表
        单位：万元
        项目 行次 金额
        一、一般公共预算财政拨款收入 1 100.00
        二、上级补助收入 2 20.00
        本年收入合计 3 130.00
        注：3行＝（1＋2）行。

    正例:
        公开01表
        单位：万元
        项目 行次 金额
        一、一般公共预算财政拨款收入 1 100.00
        二、上级补助收入 2 20.00
        本年收入合计 3 120.00
        注：3行＝（1＋2）行。
    """

    code = "FL203"
    name = "printed-identity"
    severity = Severity.ERROR
    summary = "表注公式与表中数据不符 (a printed table identity does not hold)"
    options = (TOLERANCE,)
    reads = (Tables(),)

    def check_tables(self, tables: list[Table]) -> Iterator[Finding]:
        for table in tables:
            columns = [i for i in table.identities if i.axis == "column"]
            if columns:
                yield from self._check_columns(table, columns)
            for identity in table.identities:
                if identity.axis == "row":
                    yield from self._check_rows(table, identity)

    def _check_columns(self, table: Table, identities: list[Identity]) -> Iterator[Finding]:
        count = table.column_count
        if count is None:
            return
        rules = []
        for identity in identities:
            missing = [c for c in [identity.target, *identity.terms, *identity.minus] if c > count]
            if missing:
                yield self.finding(identity.span, f"表注公式引用了不存在的第{missing[0]}栏（本表共{count}栏）", severity=Severity.WARNING)
            else:
                rules.append((identity.target, identity.terms, identity.minus))
        if not rules:
            return
        for row in table.rows:
            for span, message in row_violations(row, rules, count, total_first(table), self.tolerance):
                name = f"{row.code} {row.label}" if row.code else (row.label or "数据行")
                yield self.finding(
                    span,
                    f"{name}：{message}（表注公式）",
                    related=[Related(i.span, "表注公式") for i in identities],
                )

    def _check_rows(self, table: Table, identity: Identity) -> Iterator[Finding]:
        by_line: dict[int, Row] = {}
        for row in table.rows:
            if row.line_no is not None and row.line_no not in by_line:
                by_line[row.line_no] = row
        wanted = [identity.target, *identity.terms, *identity.minus]
        missing = [n for n in wanted if n not in by_line]
        if missing:
            yield self.finding(identity.span, f"表注公式引用了表中不存在的第{missing[0]}行", severity=Severity.WARNING)
            return
        target = by_line[identity.target]
        terms = [by_line[n] for n in identity.terms]
        minus = [by_line[n] for n in identity.minus]
        columns = sorted({c.column for r in [target, *terms, *minus] for c in r.cells if c.column is not None})
        for column in columns:
            stated = value_in(target, column)
            plus_values = [value_in(r, column) for r in terms]
            minus_values = [value_in(r, column) for r in minus]
            if any(v is UNKNOWN for v in [stated, *plus_values, *minus_values]):
                continue
            plus_numbers = [v for v in plus_values if v is not None]
            minus_numbers = [v for v in minus_values if v is not None]
            if stated is None and not plus_numbers and not minus_numbers:
                continue
            ok, computed = sum_check(stated, plus_numbers, minus_numbers, self.tolerance)  # type: ignore[arg-type]
            if ok:
                continue
            shown = " + ".join(f"{v.text}（{r.line_no}行）" for v, r in zip(plus_values, terms) if v is not None) or "0"  # type: ignore[union-attr]
            shown += "".join(f" − {v.text}（{r.line_no}行）" for v, r in zip(minus_values, minus) if v is not None)  # type: ignore[union-attr]
            yield self.finding(
                stated.span if stated is not None else target.span,  # type: ignore[union-attr]
                f"{target.label or '第' + str(identity.target) + '行'}（{identity.target}行）{show(stated)} 与表注公式不符：{shown} = {fmt(computed)}",  # type: ignore[arg-type]
                related=[Related(identity.span, "表注公式")] + [Related(r.span, r.label) for r in terms],
            )


RULE = PrintedIdentity
