"""Detection benchmark: inject one realistic error at a time into a report and measure recall.

For every report (the corpus texts when present, and the two fixtures below), the places the
linter parsed and found correct (no finding covers them) are candidates. One error at a time is
written into the source text at the candidate's span, the document is linted again, and the
error counts as detected when a finding's span or one of its related spans covers the injected
place. Families:

- ``percent-ulp`` / ``percent-10pct`` / ``percent-10x`` / ``percent-swap``: a share, execution or
  change percentage moved by one unit of its last digit (away from the value the claim's own
  figures give, when the claim has them, so the error is beyond rounding), by ±10 %, by a
  decimal-point slip, or with two adjacent digits transposed;
- ``table-cell``: one digit of a table cell changed (a parent sum or column identity breaks),
  in tables whose rows could be placed (the others are reported by FL001 as not checked);
- ``narrative-amount``: one digit of a narrative amount that restates a table figure changed;
- ``direction``: a change's direction word flipped (增加↔减少, 增长↔下降 …) where the change
  states both its amount and its rate (so the document holds something the flip contradicts);
- ``year``: a year in a narrative paragraph moved by one;
- ``perf-qualitative`` / ``perf-score`` (only when the AST has ``Report.performance``): an
  indicator's actual value replaced by a qualitative word, a score changed;
- ``relation``: 决算数大于预算数 ↔ 小于 flipped where the phrase fits its item's figures;
- ``budget-rate``: a budget report's 比…预算执行数增加/减少 P% moved by ±10 %;
- ``repeated-amount``: one digit of an item's amount written after its path changed, where the
  paragraph states the same figure again;
- ``class-name``: a functional class (类) name replaced by its pre-2019 name;
- ``zero-base``: the current figure of a 增加 D，增长 P% sentence set to D (last year becomes 0);
- ``three-public-detail``: the 三公 narrative's only 接待 批次 or 人次 count, or the amount of the
  only sentence naming 公务用车购置, replaced by 若干 where the 三公 table's figure is not zero
  (the finding belongs at the 公务接待费 amount, or at the first mention of 公务用车购置);
- ``sme-share``: a 货物/工程/服务采购授予中小企业合同金额占…的 P% moved by ±10 %.

The false-positive count is taken on the un-injected documents: findings that are not in the
hand-checked tables of ``docs/corpus-findings-*.md`` (code + line per document); a document
without such a table counts all its findings. The run is deterministic (fixed seed, sorted
inputs). ``--fast`` samples a few injections per family and document (the CI subset); a full
run rewrites ``docs/detection.md``.

Usage: ``python benchmarks/detection.py [--fast] [--no-write]``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from fiscallint.ast import AmountClaim, ChangeClaim, Claim, CountClaim, ExecutionClaim, NamedShareClaim, Number, Paragraph, Report, ShareClaim, Span, TermClaim, WordClaim
from fiscallint.engine import lint_report
from fiscallint.facts import item_amount, three_public_paragraphs
from fiscallint.findings import Finding
from fiscallint.model import Model
from fiscallint.parser import parse_source
from fiscallint.parser.performance import is_performance_title
from fiscallint.registry import all_rules
from fiscallint.source import SourceText, detect_shape

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "text"
PDF_CORPUS = CORPUS.parent / "pdf"
DOC_PATH = ROOT / "docs" / "detection.md"
SEED = 20240601
FULL_PER_FAMILY = 30
FAST_PER_FAMILY = 3
FAMILIES = (
    "percent-ulp", "percent-10pct", "percent-10x", "percent-swap", "table-cell",
    "narrative-amount", "direction", "year", "perf-qualitative", "perf-score",
    "relation", "budget-rate", "repeated-amount", "class-name", "zero-base",
    "three-public-detail", "sme-share",
)
RELATION_FLIP = {"大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于"}
RENAMED_CLASSES = {"文化旅游体育与传媒支出": "文化体育与传媒支出", "卫生健康支出": "医疗卫生与计划生育支出",
                   "资源勘探工业信息等支出": "资源勘探信息等支出", "自然资源海洋气象等支出": "国土海洋气象等支出"}
FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降",
        "提高": "降低", "降低": "提高", "上涨": "下降", "减小": "增加"}
YEAR_RE = re.compile(r"(?:19|20)\d\d(?=\s*年)")
QUALITATIVE = "有序推进"
NARROW = 3
"""A baseline finding marks a place as already flagged only when its span is this narrow (in lines):
document-level findings spanning whole tables do not disqualify every figure inside them."""
FIXTURE_EXPECTED = {"FL504"}
"""Codes expected on the fixtures, which are excerpts (they lack most of the nine tables)."""

FIXTURE_DUMP = """\
2025年度市档案局部门决算

第一部分 部门概况

一、主要职能

负责全市档案资料的收集、保管和利用工作。

第二部分 2025年度部门决算表

支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 612.40 488.10 124.30
201 一般公共服务支出 540.00 415.70 124.30
20126 档案事务 540.00 415.70 124.30
2012601 行政运行 415.70 415.70 0.00
2012604 档案馆 124.30 0.00 124.30
208 社会保障和就业支出 72.40 72.40 0.00
20805 行政事业单位养老支出 72.40 72.40 0.00
2080505 机关事业单位基本养老保险缴费支出 48.26 48.26 0.00
2080506 机关事业单位职业年金缴费支出 24.14 24.14 0.00

财政拨款“三公”经费支出决算表
公开09表
单位：万元
项目 预算数 决算数
合计 10.00 8.60
因公出国（境）费 0.00 0.00
公务用车购置及运行维护费 6.00 5.40
公务接待费 4.00 3.20

第三部分 2025年度部门决算情况说明

一、收入支出决算总体情况说明

2025年度收、支总计均为612.40万元。与2024年度相比，收、支总计各增加35.60万元，增长6.2%，主要原因是档案数字化项目支出增加。

二、支出决算情况说明

2025年度本年支出合计612.40万元，其中：基本支出488.10万元，占本年支出79.7%；项目支出124.30万元，占本年支出20.3%。

三、一般公共预算财政拨款支出决算情况说明

2025年度一般公共预算财政拨款支出年初预算为650.00万元，支出决算为612.40万元，完成年初预算的94.2%。其中：行政运行415.70万元，档案馆124.30万元。

四、财政拨款“三公”经费支出决算情况说明

2025年度“三公”经费支出预算为10.00万元，支出决算为8.60万元，完成预算的86.0%。与2024年度相比减少1.20万元，下降12.2%。其中：公务用车购置及运行维护费5.40万元，公务接待费3.20万元，共接待5批次、32人次。
"""

_TSV_ROWS_02 = [
    ("合计", "", "318.75", "296.15", "15.00", "7.60"),
    ("213", "农林水支出", "268.31", "245.71", "15.00", "7.60"),
    ("21303", "水利", "268.31", "245.71", "15.00", "7.60"),
    ("2130301", "行政运行", "173.52", "173.52", "0.00", "0.00"),
    ("2130306", "水利工程运行与维护", "94.79", "72.19", "15.00", "7.60"),
    ("208", "社会保障和就业支出", "30.84", "30.84", "0.00", "0.00"),
    ("20805", "行政事业单位养老支出", "30.84", "30.84", "0.00", "0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "30.84", "30.84", "0.00", "0.00"),
    ("221", "住房保障支出", "19.60", "19.60", "0.00", "0.00"),
    ("22102", "住房改革支出", "19.60", "19.60", "0.00", "0.00"),
    ("2210201", "住房公积金", "19.60", "19.60", "0.00", "0.00"),
]
_TSV_ROWS_03 = [
    ("合计", "", "318.75", "223.96", "94.79"),
    ("213", "农林水支出", "268.31", "173.52", "94.79"),
    ("21303", "水利", "268.31", "173.52", "94.79"),
    ("2130301", "行政运行", "173.52", "173.52", "0.00"),
    ("2130306", "水利工程运行与维护", "94.79", "0.00", "94.79"),
    ("208", "社会保障和就业支出", "30.84", "30.84", "0.00"),
    ("20805", "行政事业单位养老支出", "30.84", "30.84", "0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "30.84", "30.84", "0.00"),
    ("221", "住房保障支出", "19.60", "19.60", "0.00"),
    ("22102", "住房改革支出", "19.60", "19.60", "0.00"),
    ("2210201", "住房公积金", "19.60", "19.60", "0.00"),
]
FIXTURE_TSV = "\n".join([
    "2024年度区水务站部门决算", "", "第一部分 部门概况", "", "一、主要职能", "",
    "承担辖区农田水利设施的建设与日常维护。", "", "第二部分 2024年度部门决算表", "",
    "收入决算表", "公开02表", "单位：万元",
    "科目编码\t科目名称\t本年收入合计\t财政拨款收入\t事业收入\t其他收入",
    *("\t".join(row) for row in _TSV_ROWS_02), "",
    "支出决算表", "公开03表", "单位：万元",
    "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出",
    *("\t".join(row) for row in _TSV_ROWS_03), "",
    "第三部分 2024年度部门决算情况说明", "", "一、收入决算情况说明", "",
    "2024年度本年收入合计318.75万元，与2023年度相比减少21.45万元，下降6.3%，主要原因是水利工程"
    "维护项目减少。其中：财政拨款收入296.15万元，占本年收入92.9%；事业收入15.00万元，占本年收入4.7%；"
    "其他收入7.60万元，占本年收入2.4%。", "",
    "二、支出决算情况说明", "",
    "2024年度本年支出合计318.75万元，其中：基本支出223.96万元，占本年支出70.3%；项目支出94.79万元，"
    "占本年支出29.7%。", "",
    "三、一般公共预算财政拨款支出决算情况说明", "",
    "2024年度一般公共预算财政拨款支出年初预算为305.00万元，支出决算为296.15万元，完成年初预算的97.1%，"
    "与2023年度相比增加12.36万元，增长4.4%。", "",
])
FIXTURE_BUDGET = """\
2026年区档案馆部门预算

第一部分 部门概况

负责区级档案的接收、保管和利用。

第二部分 2026年部门预算编制说明

2026年，区档案馆收入预算 1,106.80 万元，其中：财政拨款收入 1,106.80 万元。支出预算 1,106.80 万元，其中：基本支出 806.80 万元，项目支出 300.00 万元。

财政拨款支出主要内容如下：

1.“一般公共服务支出(类)档案事务(款)行政运行(项)”612.40万元，主要用于档案馆日常运转。2025年当年预算执行数为580.00万元，2026年预算安排612.40万元，比2025年预算执行数增加5.59%。

2.“一般公共服务支出(类)档案事务(款)档案馆(项)”300.00万元，主要用于档案数字化。2025年当年预算执行数为360.00万元，2026年预算安排300.00万元，比2025年预算执行数减少16.67%。

3.“卫生健康支出(类)行政事业单位医疗(款)行政单位医疗(项)”54.20万元，主要用于在职人员医疗保险缴费。2025年当年预算执行数为50.00万元，2026年预算安排54.20万元，比2025年预算执行数增加8.40%。

4.“社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)”140.20万元，主要用于基本养老保险缴费。2025年当年预算执行数为125.00万元，2026年预算安排140.20万元，比2025年预算执行数增加12.16%。
"""

FIXTURE_ITEMS = """\
2025年度区气象站部门决算

第三部分 2025年度部门决算情况说明

一、一般公共预算财政拨款支出决算具体情况

一般公共预算财政拨款支出年初预算为 905.00 万元，支出决算为 880.50 万元，完成年初预算的 97.29%。决算数小于预算数的主要原因：人员减少。其中：

1、“自然资源海洋气象等支出（类）气象事务（款）行政运行（项）”620.30 万元，年初预算为 640.00 万元，支出决算为 620.30 万元，完成年初预算的 96.92%。决算数小于预算数的主要原因：人员减少。

2、“自然资源海洋气象等支出（类）气象事务（款）气象服务（项）”186.00 万元，年初预算为 180.00 万元，支出决算为 186.00 万元，完成年初预算的 103.33%。决算数大于预算数的主要原因：年中追加气象服务经费。

3、“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”74.20 万元，年初预算为 85.00 万元，支出决算为 74.20 万元，完成年初预算的 87.29%。决算数小于预算数的主要原因：人员减少。

二、其他重要事项的情况说明

机关运行经费支出 96.40 万元，比2024年度增加 8.40 万元，增长 9.55%。公务接待费支出决算 1.20 万元，比2024年度增加 0.60 万元，增长 100.00%。
"""
FIXTURE_THREE_PUBLIC = """\
2025年度区档案服务中心部门决算

第二部分 2025年度部门决算表

财政拨款“三公”经费支出决算表
公开09表
单位：万元
预算数 决算数
1 2 3 4 5 6 7 8 9 10 11 12
12.00 3.00 7.00 5.00 2.00 2.00 10.50 2.80 6.20 4.80 1.40 1.50

第三部分 2025年度部门决算情况说明

七、财政拨款“三公”经费支出决算情况说明

1、因公出国（境）费支出 2.80 万元。全年安排因公出国（境）团组 1 个、累计 3 人次。

2、公务用车购置及运行维护费支出 6.20 万元。其中：公务用车购置支出为 4.80 万元，更新执法车 1 辆。公务用车运行维护支出 1.40 万元。

3、公务接待费支出 1.50 万元。主要用于接待上级部门调研，公务接待 5 批次、36 人次。

十一、政府采购支出说明

本部门2025年度政府采购支出总额 30.00 万元，其中：政府采购货物支出 18.00 万元、政府采购工程支出 0 万元、政府采购服务支出 12.00 万元。授予中小企业合同金额 24.00 万元，占政府采购支出总额的 80%，其中：授予小微企业合同金额 12.00 万元，占授予中小企业合同金额的 50%；货物采购授予中小企业合同金额占货物支出金额的 100%，工程采购授予中小企业合同金额占工程支出金额的 0%，服务采购授予中小企业合同金额占服务支出金额的 50%。
"""
FIXTURES = {"fixture-archives.txt": FIXTURE_DUMP, "fixture-water.tsv": FIXTURE_TSV,
            "fixture-budget.txt": FIXTURE_BUDGET, "fixture-items.txt": FIXTURE_ITEMS,
            "fixture-three-public.txt": FIXTURE_THREE_PUBLIC}


@dataclass(frozen=True)
class Place:
    """A correct place to inject into: its family, span in the source and the replacement."""

    family: str
    span: Span
    new: str
    target: Span | None = None
    """What a finding must cover to count (default: the replaced text), e.g. a direction word and its figure."""


@dataclass
class Outcome:
    family: str
    doc: str
    line: int
    detected: bool
    elsewhere: bool
    codes: tuple[str, ...]
    internal: tuple[str, ...]


@dataclass
class DocResult:
    name: str
    findings: int
    false_positives: int | None
    checked: bool
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


def documents() -> list[tuple[str, str]]:
    """(name, text) of every benchmark document: the corpus texts when present, the canonical
    text extracted from the corpus PDFs (injected and linted as that text), then the fixtures."""
    docs = []
    if CORPUS.is_dir():
        for path in sorted(CORPUS.iterdir()):
            if path.suffix in (".txt", ".md", ".tsv"):
                docs.append((path.name, _decode(path.read_bytes())))
    if PDF_CORPUS.is_dir():
        from fiscallint.pdf import extract_pdf

        for path in sorted(PDF_CORPUS.glob("*.pdf")):
            docs.append((path.name, extract_pdf(path).text))
    return docs + sorted(FIXTURES.items())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def parse(name: str, text: str) -> Report:
    shape = "pdf" if name.endswith(".pdf") else detect_shape(name, text)
    return parse_source(SourceText(name, text, "utf-8", shape))


def lint(name: str, text: str) -> tuple[Report, list[Finding]]:
    report = parse(name, text)
    return report, lint_report(report, list(all_rules().values()))


def overlaps(a: Span, b: Span) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)


def covers(finding: Finding, span: Span, max_lines: int | None = None) -> bool:
    """A finding's span or a related span overlaps ``span`` (only spans of at most ``max_lines`` lines)."""
    spans = [finding.span, *(r.span for r in finding.related)]
    return any(overlaps(s, span) for s in spans if max_lines is None or s.end_line - s.line < max_lines)


def key(finding: Finding) -> tuple[str, int, str]:
    return (finding.code, finding.span.line, finding.message)


def _text_at(report: Report, span: Span) -> str | None:
    if span.line != span.end_line or not 1 <= span.line <= len(report.lines):
        return None
    return report.lines[span.line - 1][span.column - 1:span.end_column - 1]


# --- mutations: each returns the new text of a number, or None when it does not apply ----------

def _show(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def bump_last_digit(number: Number, rng: random.Random, computed: Decimal | None = None) -> str | None:
    """One unit of the last digit, away from the computed value when known (so beyond rounding)."""
    step = Decimal(1).scaleb(-number.decimals)
    up = rng.random() < 0.5 if computed is None else number.value >= computed
    value = number.value + step if up or number.value < step else number.value - step
    return _show(value, number.decimals)


def computed_percent(claim: Claim) -> Decimal | None:
    """The percentage the claim's own figures give (share, execution, change), when they are all there."""
    try:
        if isinstance(claim, ShareClaim) and claim.whole is not None:
            return 100 * claim.part.value / claim.whole.value
        if isinstance(claim, ExecutionClaim) and claim.actual is not None and claim.budget is not None:
            return 100 * claim.actual.value / claim.budget.value
        if isinstance(claim, ChangeClaim) and claim.delta is not None and claim.current is not None:
            up = claim.delta_word in ("增加", "增长", "上升", "提高", "上涨")
            d, c = claim.delta.value, claim.current.value
            return 100 * d / (c - d if up else c + d)
    except ArithmeticError:
        return None
    return None


def ten_percent(number: Number, rng: random.Random, computed: Decimal | None = None) -> str | None:
    factor = Decimal("1.1") if rng.random() < 0.5 else Decimal("0.9")
    new = _show(number.value * factor, number.decimals)
    return None if Decimal(new) == number.value else new


def decimal_slip(number: Number, rng: random.Random, computed: Decimal | None = None) -> str | None:
    if number.value == 0:
        return None
    if rng.random() < 0.5 or number.decimals == 0:
        return _show(number.value / 10, number.decimals + 1)
    return _show(number.value * 10, number.decimals - 1)


def transpose(number: Number, rng: random.Random, computed: Decimal | None = None) -> str | None:
    text = number.text
    spots = [i for i in range(len(text) - 1)
             if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1] and not (i == 0 and text[1] == "0")]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def digit_typo(number: Number, rng: random.Random) -> str | None:
    """One integer digit replaced by another (a change of at least one unit)."""
    text = number.text
    integer = text.split(".")[0]
    spots = [i for i, ch in enumerate(integer) if ch.isdigit()]
    if not spots:
        return None
    i = rng.choice(spots)
    choices = [d for d in "0123456789" if d != text[i] and not (i == 0 and d == "0" and len(integer) > 1)]
    return text[:i] + rng.choice(choices) + text[i + 1:]


PERCENT_MUTATIONS = {"percent-ulp": bump_last_digit, "percent-10pct": ten_percent,
                     "percent-10x": decimal_slip, "percent-swap": transpose}


# --- candidates ----------------------------------------------------------------------------------

def candidates(report: Report, rng: random.Random) -> Iterator[Place]:
    """Every place of every family, in document order within a family."""
    for claim in report.claims():
        percent = claim.percent if isinstance(claim, (ShareClaim, ExecutionClaim, ChangeClaim)) else None
        if percent is not None:
            computed = computed_percent(claim)
            for family, mutate in PERCENT_MUTATIONS.items():
                new = mutate(percent, rng, computed)
                if new is not None:
                    yield Place(family, percent.span, new)
    cell_values = set()
    for table in report.tables:
        if table.unplaced:
            continue  # reported as not checked (FL001): an injection there is not a miss
        if is_performance_title(table.title):
            continue  # a self-evaluation table: its scores are no table figures (the perf-* families)
        for row in table.rows:
            is_total = row.code is None and row.label.replace(" ", "") in ("合计", "总计")
            for cell in row.cells:
                cell_values.add(cell.number.value)
                if row.code is not None or is_total:
                    new = digit_typo(cell.number, rng)
                    if new is not None:
                        yield Place("table-cell", cell.number.span, new)
    for claim in report.claims():
        value = claim.value if isinstance(claim, AmountClaim) else None
        if value is not None and value.value != 0 and value.value in cell_values:
            new = digit_typo(value, rng)
            if new is not None:
                yield Place("narrative-amount", value.span, new)
    yield from _direction_places(report)
    yield from _year_places(report, rng)
    yield from _performance_places(report, rng)
    yield from _relation_places(report)
    yield from _budget_rate_places(report, rng)
    yield from _repeated_amount_places(report, rng)
    yield from _class_name_places(report)
    yield from _zero_base_places(report)
    yield from _three_public_detail_places(report)
    yield from _sme_share_places(report, rng)


def _relation_places(report: Report) -> Iterator[Place]:
    """The relation word of a 决算数大于/小于预算数 phrase bound to its item's figures."""
    for found in Model(report).relations:
        span = found.claim.span
        if found.budget is None or found.actual is None or span.line != span.end_line:
            continue
        text = report.lines[span.line - 1][span.column - 1:span.end_column - 1]
        for word, flipped in RELATION_FLIP.items():
            at = text.find(word)
            if at >= 0:
                column = span.column + at
                yield Place("relation", Span(span.line, column, span.line, column + len(word)), flipped, span)
                break


def _budget_rate_places(report: Report, rng: random.Random) -> Iterator[Place]:
    """The rate of a change between two stated figures (B，比…预算执行数增加 P%)."""
    for claim in report.claims():
        if not isinstance(claim, ChangeClaim) or claim.previous is None or claim.current is None:
            continue
        percent = claim.percent
        if percent is not None:
            new = ten_percent(percent, rng)
            if new is not None:
                yield Place("budget-rate", percent.span, new)


def _repeated_amount_places(report: Report, rng: random.Random) -> Iterator[Place]:
    """An item's path amount that the paragraph states again (its 决算 or 预算安排)."""
    for paragraph in report.paragraphs:
        amounts = [c for c in paragraph.claims if isinstance(c, AmountClaim)]
        for index, lead in enumerate(amounts):
            value = lead.value
            if not item_amount(lead):
                continue
            if any(c.value.value == value.value for c in amounts[index + 1:index + 4]):
                new = digit_typo(value, rng)
                if new is not None:
                    yield Place("repeated-amount", value.span, new)


def _class_name_places(report: Report) -> Iterator[Place]:
    """A current class name in a narrative paragraph of a report of 2019 or later."""
    if report.year is None or report.year < 2019:
        return
    for paragraph in report.paragraphs:
        for line_no in range(paragraph.span.line, paragraph.span.end_line + 1):
            line = report.lines[line_no - 1]
            for name, former in RENAMED_CLASSES.items():
                at = line.find(name)
                if at >= 0 and not line[:at].endswith("其他"):
                    yield Place("class-name", Span(line_no, at + 1, line_no, at + 1 + len(name)), former)


def _zero_base_places(report: Report) -> Iterator[Place]:
    """The current figure of an increase with a rate, in the same sentence, set to the increase."""
    for claim in report.claims():
        if not isinstance(claim, ChangeClaim) or claim.base != "sentence" or claim.delta_word not in ("增加", "增长"):
            continue
        delta, current = claim.delta, claim.current
        if delta is None or current is None or claim.percent is None or current.value <= delta.value:
            continue
        yield Place("zero-base", current.span, delta.text)


def _three_public_detail_places(report: Report) -> Iterator[Place]:
    """The 三公 narrative's one 接待 批次 / 人次 count, or the amount of its one sentence naming
    公务用车购置, where the 三公 table's 决算 of that item is not zero."""
    model = Model(report)
    located = model.three_public_table
    if model.is_budget or located is None:
        return
    figures = located[2].values
    paragraphs = list(three_public_paragraphs(report))
    stated = model.three_public.claims.get(("actual", "reception"))
    reception = figures.get(("actual", "reception"))
    if stated is not None and reception is not None and reception.value > 0:
        counts = [c for p in paragraphs for c in p.claims if isinstance(c, CountClaim) and c.sentence in _sentences_naming(p, "reception")]
        for unit, other in (("批次", ("批", "个", "次")), ("人次", ("人",))):
            alike = [c for c in counts if c.unit == unit]
            if len(alike) == 1 and not any(c.unit in other for c in counts):
                yield Place("three-public-detail", alike[0].value.span, "若干", stated.value.span)
    purchase = figures.get(("actual", "purchase"))
    if purchase is None or purchase.value <= 0:
        return
    mentions = [(p, sentence, first) for p in paragraphs for sentence, first in _first_mentions(p, "car_purchase").items()]
    with_amounts = [[c for c in p.claims if isinstance(c, AmountClaim) and c.sentence == index] for p, index, _ in mentions]
    if not mentions or sum(1 for amounts in with_amounts if amounts) != 1:
        return
    amounts = next(a for a in with_amounts if a)
    _, _, mention = mentions[0]
    if len(amounts) == 1:
        yield Place("three-public-detail", amounts[0].value.span, "若干", mention.span)


def _sentences_naming(paragraph: Paragraph, term: str) -> set[int]:
    return {c.sentence for c in paragraph.claims if isinstance(c, TermClaim) and c.term == term}


def _first_mentions(paragraph: Paragraph, term: str) -> dict[int, TermClaim]:
    """The first mention of a term in each sentence that names it, by sentence."""
    found: dict[int, TermClaim] = {}
    for claim in paragraph.claims:
        if isinstance(claim, TermClaim) and claim.term == term:
            found.setdefault(claim.sentence, claim)
    return found


def _sme_share_places(report: Report, rng: random.Random) -> Iterator[Place]:
    """The percentage of a 货物/工程/服务采购授予中小企业合同金额占…的 P% sentence."""
    for claim in report.claims():
        if isinstance(claim, NamedShareClaim) and "中小企业" in claim.part:
            new = ten_percent(claim.percent, rng)
            if new is not None:
                yield Place("sme-share", claim.percent.span, new)


def _direction_places(report: Report) -> Iterator[Place]:
    """The direction word just before a change's delta or percent, on the figure's line, in
    changes that give a second figure to contradict (a percent beside the delta); a lone
    "比上年增加 X 万元" has nothing in the document a flipped word could disagree with."""
    for claim in report.claims():
        if not isinstance(claim, ChangeClaim) or claim.delta is None or claim.percent is None:
            continue
        for number, word in ((claim.delta, claim.delta_word), (claim.percent, claim.percent_word)):
            if word not in FLIP:
                continue
            line = report.lines[number.span.line - 1]
            at = line.rfind(word, 0, number.span.column - 1)
            if at >= 0 and number.span.column - 1 - at <= len(word) + 4:
                word_span = Span(number.span.line, at + 1, number.span.line, at + 1 + len(word))
                governed = Span(number.span.line, at + 1, number.span.line, number.span.end_column)
                yield Place("direction", word_span, FLIP[word], governed)
                break


def _year_places(report: Report, rng: random.Random) -> Iterator[Place]:
    """Years written in narrative paragraphs that carry figure claims (amounts, shares…: not
    only years and counts)."""
    for paragraph in report.paragraphs:
        if all(c.kind in ("year", "count", "count_breakdown") or isinstance(c, WordClaim) for c in paragraph.claims):
            continue
        for line_no in range(paragraph.span.line, paragraph.span.end_line + 1):
            for match in YEAR_RE.finditer(report.lines[line_no - 1]):
                year = int(match.group()) + rng.choice((-1, 1))
                yield Place("year", Span(line_no, match.start() + 1, line_no, match.end() + 1), str(year))


def _performance_places(report: Report, rng: random.Random) -> Iterator[Place]:
    """A percentage indicator's actual value made qualitative; an indicator's 得分 changed."""
    for table in getattr(report, "performance", None) or []:
        for indicator in table.indicators:
            target, actual, score = indicator.target, indicator.actual, indicator.score
            if target is not None and target.is_percent and actual is not None and actual.number is not None:
                yield Place("perf-qualitative", actual.span, QUALITATIVE)
            if score is not None:
                new = digit_typo(score, rng)
                if new is not None:
                    yield Place("perf-score", score.span, new)


# --- hand-checked findings -----------------------------------------------------------------------

NAME_RE = re.compile(r"[\w.-]+?\.(?:txt|md|tsv|pdf)\b")


def hand_checked() -> dict[str, set[tuple[str, int]]]:
    """(code, line) pairs per document stem from the tables of docs/corpus-findings-*.md.

    A row's document is its file/document column, else the file named by the nearest heading
    above it. A document named anywhere in those files counts as checked, even with no rows.
    """
    checked: dict[str, set[tuple[str, int]]] = {}
    for path in sorted((ROOT / "docs").glob("corpus-findings-*.md")):
        current: list[str] = []
        header: list[str] | None = None
        for raw in path.read_text(encoding="utf-8").splitlines():
            for name in NAME_RE.findall(raw):
                checked.setdefault(Path(name).stem, set())
            if raw.startswith("#"):
                current = [Path(name).stem for name in NAME_RE.findall(raw)]
            if not raw.lstrip().startswith("|"):
                header = None
                continue
            cells = [c.strip() for c in raw.strip().strip("|").split("|")]
            if header is None:
                header = [c.lower() for c in cells]
                continue
            if all(set(c) <= set("-: ") for c in cells):
                continue
            row = dict(zip(header, cells))
            code = re.search(r"FL\d{3}", next((v for k, v in row.items() if "code" in k or "rule" in k or "规则" in k), ""))
            where = next((v for k, v in row.items() if "line" in k or k in ("行", "行号")), "")
            line = re.search(r"l\.\s*(\d+)", where) or re.search(r"(\d+)", where)  # "p.21 l.278": the line
            named = NAME_RE.findall(next((v for k, v in row.items() if k in ("file", "document", "doc", "文件")), ""))
            if code and line:
                for doc in [Path(n).stem for n in named] or current:
                    checked.setdefault(doc, set()).add((code.group(), int(line.group(1))))
    return checked


def _checked_for(name: str, checked: dict[str, set[tuple[str, int]]]) -> set[tuple[str, int]] | None:
    stem = Path(name).stem
    return checked.get(stem)


# --- the run -------------------------------------------------------------------------------------

def run_document(name: str, text: str, per_family: int, checked: dict[str, set[tuple[str, int]]]) -> DocResult:
    report, baseline = lint(name, text)
    if name in FIXTURES:
        known: set[tuple[str, int]] | None = {(f.code, f.span.line) for f in baseline if f.code in FIXTURE_EXPECTED}
    else:
        known = _checked_for(name, checked)
    fps = sum(1 for f in baseline if known is None or (f.code, f.span.line) not in known)
    result = DocResult(name, len(baseline), fps, known is not None)
    rng = random.Random(SEED + zlib.crc32(name.encode()))
    by_family: dict[str, list[Place]] = defaultdict(list)
    for place in candidates(report, rng):
        original = _text_at(report, place.span)
        if original is None or original == place.new:
            result.skipped["span"] += 1
        elif any(covers(f, place.target or place.span, max_lines=NARROW) for f in baseline):
            result.skipped["flagged"] += 1
        else:
            by_family[place.family].append(place)
    for family in FAMILIES:
        places = by_family.get(family, [])
        chosen = sorted(rng.sample(places, per_family) if len(places) > per_family else places,
                        key=lambda p: (p.span.line, p.span.column))
        for place in chosen:
            result.outcomes.append(_inject(name, report.lines, place, baseline))
    return result


def _inject(name: str, lines: list[str], place: Place, baseline: list[Finding]) -> Outcome:
    """Lint the document with this one error; detected when a new finding covers the place."""
    span = place.span
    line = lines[span.line - 1]
    changed = list(lines)
    changed[span.line - 1] = line[:span.column - 1] + place.new + line[span.end_column - 1:]
    shift = len(place.new) - (span.end_column - span.column)
    target = place.target or span
    target = Span(target.line, target.column, target.end_line, target.end_column + shift)
    _, findings = lint(name, "\n".join(changed))
    old = {key(f) for f in baseline}
    new = [f for f in findings if key(f) not in old]
    internal = tuple(sorted({f.message.split(" ")[1] for f in findings if f.code == "FL000" and " " in f.message}))
    hits = [f for f in new if f.code != "FL000" and covers(f, target)]
    return Outcome(place.family, name, span.line, bool(hits), not hits and bool(new),
                   tuple(sorted({f.code for f in hits})), internal)


def run(fast: bool = False) -> list[DocResult]:
    checked = hand_checked()
    per_family = FAST_PER_FAMILY if fast else FULL_PER_FAMILY
    return [run_document(name, text, per_family, checked) for name, text in documents()]


def recall(outcomes: list[Outcome]) -> tuple[int, int, float | None]:
    hit = sum(o.detected for o in outcomes)
    return hit, len(outcomes), (hit / len(outcomes) if outcomes else None)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def render(results: list[DocResult], fast: bool) -> str:
    """The report as Markdown (deterministic: no timings)."""
    outcomes = [o for r in results for o in r.outcomes]
    hit, total, overall = recall(outcomes)
    rules = sorted(all_rules())
    out = [
        "# Detection benchmark",
        "",
        "Generated by `python benchmarks/detection.py` — do not edit by hand. Deterministic "
        f"(seed {SEED}, documents in name order, at most {FAST_PER_FAMILY if fast else FULL_PER_FAMILY} "
        "injections per family and document).",
        "",
        "One realistic error at a time is injected into a place the linter parsed and found correct "
        "(no finding covers it); the error is *detected* when a finding's span or one of its related "
        "spans covers the injected text. *Elsewhere* counts injections that raised a finding only at "
        "another place (not counted as detected). Families are described in the module docstring.",
        "",
        f"Rules run ({len(rules)}): {', '.join(rules) or 'none'}.",
        "",
        f"**Overall recall: {hit}/{total} = {_pct(overall)}.**",
        "",
        "## Recall per error family",
        "",
        "| family | injected | detected | recall | elsewhere | detecting rules |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for family in FAMILIES:
        chosen = [o for o in outcomes if o.family == family]
        h, n, r = recall(chosen)
        codes = Counter(c for o in chosen for c in o.codes)
        out.append(f"| {family} | {n} | {h} | {_pct(r)} | {sum(o.elsewhere for o in chosen)} | "
                   f"{', '.join(f'{c}×{k}' for c, k in sorted(codes.items())) or '–'} |")
    out += ["", "## Recall per document", "",
            "| document | " + " | ".join(FAMILIES) + " | all |",
            "|---|" + "---:|" * (len(FAMILIES) + 1)]
    for result in results:
        cells = []
        for family in FAMILIES:
            h, n, _ = recall([o for o in result.outcomes if o.family == family])
            cells.append(f"{h}/{n}" if n else "–")
        h, n, r = recall(result.outcomes)
        out.append(f"| {result.name} | " + " | ".join(cells) + f" | {h}/{n} ({_pct(r)}) |")
    out += ["", "## False positives on the un-injected documents", "",
            "Findings not listed in the hand-checked tables of `docs/corpus-findings-*.md` "
            "(a document without such a table counts all its findings).", "",
            "| document | findings | hand-checked list | false positives |", "|---|---:|---|---:|"]
    for result in results:
        out.append(f"| {result.name} | {result.findings} | {'yes' if result.checked else 'no'} | {result.false_positives} |")
    out.append(f"| **total** | {sum(r.findings for r in results)} | | {sum(r.false_positives or 0 for r in results)} |")
    internal = sorted({(o.doc, o.family, o.line, code) for o in outcomes for code in o.internal})
    if internal:
        out += ["", "## Internal errors (FL000) raised by injected documents", "",
                "| document | family | line | rule |", "|---|---|---:|---|"]
        out += [f"| {d} | {f} | {line} | {c} |" for d, f, line, c in internal]
    misses = [o for o in outcomes if not o.detected]
    if misses:
        out += ["", "## Misses by place", "",
                "Line numbers of undetected injections (document: family line…; ×n: n injections on that line), "
                "to look at with the rule authors.", ""]
        grouped: dict[tuple[str, str], list[int]] = defaultdict(list)
        for o in misses:
            grouped[(o.doc, o.family)].append(o.line)
        out += [f"- {d}: {f} " + " ".join(f"{line}×{n}" if n > 1 else str(line) for line, n in sorted(Counter(lines).items()))
                for (d, f), lines in sorted(grouped.items())]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fast", action="store_true", help=f"at most {FAST_PER_FAMILY} injections per family and document")
    parser.add_argument("--no-write", action="store_true", help="print only; do not rewrite docs/detection.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run(fast=args.fast)
    text = render(results, args.fast)
    sys.stdout.write(text)
    print(f"\n({sum(len(r.outcomes) for r in results)} injected documents linted in {time.perf_counter() - started:.1f} s)")
    if not args.fast and not args.no_write:
        DOC_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {DOC_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
