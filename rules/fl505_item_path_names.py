"""FL505: an item path 类(款)(项) in the narrative names the table rows of those codes."""

from __future__ import annotations

from typing import Iterator

from fiscallint.ast import PathStep, Row
from fiscallint.findings import Finding, Related, Severity
from fiscallint.item_paths import ItemPath
from fiscallint.subjects import path_name, same_name
from fiscallint.rule import Rule, WholeReport

LISTED_AS_USED = "；它列在“本部门使用的科目”清单中，报告别处没有说到这个科目（如决算为 0、未发生支出），也没有表列出它"
"""Why a path without an amount is checked: its list says the department used the subject."""
SHORTENED_MIN = 4
"""A 项 name written without its first words (行政管理事务) is matched only from this length on."""


class ItemPathNames(Rule):
    """情况说明中的科目路径“××(类)××(款)××(项)”与表中该科目的名称一致。

    说明:
        说明逐项解释支出时写出功能分类路径。路径中的款须是表（02、03、05）中该类下的款，
        项须是该款下的项（某科目的名称在任一表中与路径一致即可，数字未能逐行对应的表也算）。项名在表中出现在同一类的另一款下时，款名必错（错误）；款或项
        在表中找不到、且说明写明该科目有非零决算数时为警告（决算为 0 或未写金额的科目，
        如名词解释中的科目清单，可能本就不进表，不检查）；标题写明是“本部门使用的……科目”
        的清单所列科目视为已支出，也要在表中，除非报告在别处（说明的句子或标题）说到了这个
        科目（如写明决算为 0、未发生支出：只有预算，本就没有表行），或任何一张表（政府性
        基金表等）印有它的名称。
        一条路径写了两个（项）也是警告。

    反例:
        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 50.00
        201 一般公共服务支出 50.00
        20103 政府办公厅（室）及相关机构事务 50.00
        2010301 行政运行 50.00

        一、支出决算具体情况
        1.一般公共服务支出(类)财政事务（款）行政运行（项）。支出决算为 50.00 万元。

    正例:
        支出决算表
        公开03表
        单位：万元
        科目编码 科目名称 本年支出合计
        合计 50.00
        201 一般公共服务支出 50.00
        20103 政府办公厅（室）及相关机构事务 50.00
        2010301 行政运行 50.00

        一、支出决算具体情况
        1.一般公共服务支出(类)政府办公厅（室）及相关机构事务（款）行政运行（项）。支出决算为 50.00 万元。
    """

    code = "FL505"
    name = "item-path-names"
    severity = Severity.ERROR
    summary = "科目路径名称与表中科目不符 (an item path names codes differently from the tables)"
    reads = (WholeReport("the narrative's item paths against the rows of tables 02, 03 and 05"),)

    def check(self) -> Iterator[Finding]:
        rows: dict[str, Row] = {}
        self.labels: dict[str, set[str]] = {}
        for number in ("02", "03", "05"):
            table = self.context.model.table(number)
            for row in table.rows if table is not None else []:
                if row.code and row.level:
                    rows.setdefault(row.code, row)
                    self.labels.setdefault(row.code, set()).add(row.label)
        if not rows:
            return
        for table in self.context.report.tables:
            if table.unplaced and (table.kind or table.number) in ("02", "03", "05"):
                # Its figures could not be placed, but each name sits on its code's line: a
                # name it prints for a code is that code's name too.
                for row in table.rows:
                    if row.code in rows:
                        self.labels[row.code].add(row.label)
        # every name any table prints (a fund table's subjects are not in 02/03/05)
        printed = {path_name(r.label) for t in self.context.report.tables for r in t.rows if r.label}
        for path in self.context.model.item_paths:
            # a list of the subjects used claims each was spent and is in the tables, unless
            # the report speaks of the subject elsewhere (决算为 0, 未发生支出: no row) or a
            # table of any kind prints its name
            claimed = (
                path.listed_as_used and not path.mentioned_elsewhere
                and path_name(path.claim.steps[-1].name) not in printed
            )
            yield from self._check_path(path, rows, claimed)

    def _check_path(self, path: ItemPath, rows: dict[str, Row], claimed: bool) -> Iterator[Finding]:
        unspent = (path.actual is None or path.actual.value == 0) and not claimed
        why = LISTED_AS_USED if claimed else ""
        steps = path.claim.steps
        head = path_name(steps[0].name)
        klass = next((r for r in rows.values() if r.level == 1 and path_name(r.label) and head.endswith(path_name(r.label))), None)
        if klass is None or klass.code is None:
            return
        items = [s for s in steps[1:] if s.level == "项"]
        if len(items) > 1:
            yield self.finding(
                items[1].span,
                f"科目路径写了两个（项）：{'、'.join(s.name for s in items)}",
                severity=Severity.WARNING,
            )
        kuan_step = next((s for s in steps[1:] if s.level == "款"), None)
        if kuan_step is None:
            return
        under = [r for code, r in rows.items() if r.level == 2 and code.startswith(klass.code)]
        kuan = next((r for r in under if self._named(r, kuan_step.name)), None)
        if kuan is None or kuan.code is None:
            yield from self._missing_kuan(kuan_step, klass, under, items[0] if items else None, rows, unspent, why)
            return
        for step in items[:1]:
            names = [r for code, r in rows.items() if r.level == 3 and code.startswith(kuan.code)]
            if not any(self._named(r, step.name) for r in names) and names and not unspent:
                yield self.finding(
                    step.span,
                    f"项“{step.name}”不在 {kuan.code} {kuan.label} 款下（表中为 {'、'.join(f'{r.code} {r.label}' for r in names)}）{why}",
                    severity=Severity.WARNING,
                    related=[Related(kuan.span, f"{kuan.code} {kuan.label}")],
                )

    def _named(self, row: Row, name: str) -> bool:
        """Whether a row is called ``name`` in any of the tables, a name cut short by its cell's
        width (机关事业单位基本养老保险 for …缴费支出) included."""
        return any(same_name(label, name) for label in self.labels.get(row.code or "", {row.label}))

    def _items_named(self, item: PathStep, klass: Row, rows: dict[str, Row]) -> list[Row]:
        """The 项 rows under the 类 that the path's 项 names: by name, else the one row whose label
        ends with a name of at least :data:`SHORTENED_MIN` characters (行政管理事务 for 一般行政管理事务)."""
        under = [r for code, r in rows.items() if r.level == 3 and code.startswith(klass.code or "-")]
        named = [r for r in under if self._named(r, item.name)]
        if named:
            return named
        wanted = path_name(item.name)
        ending = [r for r in under if len(wanted) >= SHORTENED_MIN and path_name(r.label).endswith(wanted)]
        return ending if len(ending) == 1 else []

    def _missing_kuan(
        self, kuan: PathStep, klass: Row, under: list[Row], item: PathStep | None, rows: dict[str, Row], unspent: bool,
        why: str,
    ) -> Iterator[Finding]:
        """A 款 name not under its 类: an error when the path's 项 sits under another 款 there."""
        if not under:
            return
        name, span = kuan.name, kuan.span
        listed = "、".join(f"{r.code} {r.label}" for r in under)
        elsewhere = self._items_named(item, klass, rows) if item is not None else []
        if elsewhere:
            target = elsewhere[0]
            parent = rows.get((target.code or "")[:5])
            yield self.finding(
                span,
                f"款“{name}”不是 {klass.code} {klass.label} 下的款：表中项“{target.label}”为 {target.code}，属 {(parent.label if parent else (target.code or '')[:5])} 款（该类下的款：{listed}）",
                related=[Related(target.span, f"{target.code} {target.label}")],
            )
            return
        if unspent:
            return
        yield self.finding(
            span,
            f"款“{name}”不在表中 {klass.code} {klass.label} 类下（表中为：{listed}）{why}",
            severity=Severity.WARNING,
            related=[Related(klass.span, f"{klass.code} {klass.label}")],
        )


RULE = ItemPathNames
