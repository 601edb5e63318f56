"""The typed, positioned AST: the contract between the parser and the rules.

A :class:`Report` holds sections (nested by heading level), each with paragraphs and
tables; paragraphs hold typed claims; tables hold rows of numeric cells. Every node has a
:class:`Span` in the canonical text (1-based line and column, end exclusive).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import ClassVar, Iterator

YUAN_PER_UNIT: dict[str, Decimal] = {"万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
"""Yuan per unit a table may print its figures in (单位：万元 / 千元 / 元)."""


@dataclass(frozen=True)
class Span:
    """A range in the canonical text: 1-based lines and columns, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Number:
    """A number as printed: its value, its shown decimals and where it is.

    ``decimals`` is negative for a figure read in a larger unit than its value: 1.2亿元 is
    12000 万元 with ``decimals`` -3 (its last printed digit is 0.1 亿元 = 1000 万元).
    """

    value: Decimal
    decimals: int
    span: Span
    text: str

    @property
    def ulp(self) -> Decimal:
        """Half a unit in the last shown digit: the rounding error the printed figure carries."""
        return Decimal(5).scaleb(-(self.decimals + 1))


@dataclass
class Cell:
    """A table cell with a numeric value; ``column`` is its 0-based column when known."""

    number: Number
    column: int | None


@dataclass
class Row:
    """A table data row, keyed by a subject code (类/款/项, 3/5/7 digits) or by its label."""

    label: str
    code: str | None
    line_no: int | None
    cells: list[Cell]
    span: Span
    positioned: bool
    """True when every cell's column is known (tab/markdown/PDF layouts, or a full row)."""
    ordinal: str = ""
    """The Chinese ordinal mark opening the label (一、, 二．), if any: an enumerated item of the
    table (04's 一、一般公共预算财政拨款 …)."""

    @property
    def level(self) -> int | None:
        """Hierarchy level of a functional or economic code: 1 类, 2 款, 3 项."""
        if self.code is None:
            return None
        return {3: 1, 5: 2, 7: 3}.get(len(self.code))

    def value_at(self, column: int) -> Number | None:
        """The number in a known column, or None when empty or not positioned."""
        for cell in self.cells:
            if cell.column == column:
                return cell.number
        return None

    @property
    def numbers(self) -> list[Number]:
        return [cell.number for cell in self.cells]


@dataclass
class Identity:
    """A printed identity from a table note: ``target = sum(terms)`` over columns or rows."""

    axis: str  # "column" (栏) or "row" (行)
    target: int
    terms: list[int]
    span: Span
    ranges: list[tuple[int, int]] = field(default_factory=list)
    """Inclusive ranges written with an ellipsis (33＋34＋…＋58), already expanded into terms."""
    minus: list[int] = field(default_factory=list)
    """Subtracted terms ("6栏＝（1＋2－3）栏": terms [1, 2], minus [3])."""


@dataclass
class Heading:
    """What a table's header lines say of its value columns, read by the parser."""

    bases: list[str] = field(default_factory=list)
    """"budget" or "actual" for each 预算数 / 决算数 column word, in the order printed (fund names
    such as 一般公共预算 aside)."""
    interleaved: bool = False
    """预算数 | 决算数 printed under each item in turn (not six of one, then six of the other)."""
    years: list[int] = field(default_factory=list)
    """The years the headers name (2025年预算数)."""
    other_period: bool = False
    """A column of another period: 上年…, 上一年, 去年, 增减, 比上年, 同比 (上年结转 is this year's income)."""
    staff_public: bool = False
    """A header line ends with the value columns 合计 | 人员经费 | 公用经费 (a 基本支出 table printed in columns)."""


@dataclass
class Table:
    """A table: its number (公开NN表), title, unit, column headers, rows and notes."""

    number: str | None
    title: str
    unit: str | None
    headers: list[str]
    columns: list[str]
    rows: list[Row]
    """Every data row in reading order, side-by-side halves included (left then right per line)."""
    notes: list[str]
    identities: list[Identity]
    span: Span
    blocks: list[list[Row]] = field(default_factory=list)
    """Side-by-side halves (收入 | 支出, or 06's three blocks): the same rows split by block; else empty."""
    kind: str | None = None
    """The standard table this is, from its title ("01".."09" as in the national template), or None.
    Provinces number their tables differently, so ``number`` and ``kind`` may differ."""
    column_count: int | None = None
    """Number of value columns of a single-block table (from its 栏次 line), when printed."""
    unplaced: str | None = None
    """Why the rows' figures could not be trusted to sit in their rows (e.g. codes and figures
    misaligned by the extraction), or None; no rule checks the figures of such a table."""
    empty_notes: list[str] = field(default_factory=list)
    """The notes that state a nil (本表无数据, 本单位无此项内容: the claims builder's nil words)."""
    heading: Heading = field(default_factory=Heading)
    """What the header lines say of the value columns."""

    @property
    def scale(self) -> Decimal:
        """Yuan per printed unit: 10000 for 万元, 1000 for 千元, 1 for 元."""
        return YUAN_PER_UNIT.get(self.unit or "元", Decimal(1))

    def row_by_code(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)



@dataclass(kw_only=True)
class Claim:
    """A numeric statement in the narrative; one subclass per kind, each with typed roles.

    ``kind`` (a class attribute) names the subclass for filtering and output: amount, share,
    execution, change, breakdown, relation, year, count, count_breakdown, unitless_share,
    named_share, item_path, date, period, placeholder; and the words a sentence names
    (:class:`WordClaim`): term, nil, former_class_name.
    """

    kind: ClassVar[str] = ""
    subject: str = ""
    """What the claim is about: the words before an amount's or a count's figure, trimmed of
    clause words (:func:`fiscallint.subjects.claim_subject`); a share, execution or change takes
    its amount's subject; "" when the claim names nothing."""
    span: Span
    text: str = ""
    sentence: int = 0
    """Index of the claim's sentence (split by 。！？) in its paragraph."""
    segment: int = 0
    """Index of the claim's part of its paragraph between the grammar's sentence ends and ；
    marks (every break of :attr:`Paragraph.breaks`; see :meth:`Paragraph.segment_bounds`)."""

    def roles(self) -> Iterator[tuple[str, Number]]:
        """The claim's figures with their role names (its :class:`Number` fields that are set)."""
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, Number):
                yield item.name, value

    def details(self) -> Iterator[tuple[str, str | bool | int]]:
        """The claim's other roles (words, flags, counts) with their names; parts left out."""
        base = {item.name for item in fields(Claim)}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name not in base and isinstance(value, (str, bool, int)):
                yield item.name, value


@dataclass(kw_only=True)
class AmountClaim(Claim):
    """A sum of money: 支出 120.50 万元."""

    kind: ClassVar[str] = "amount"
    value: Number
    """In :attr:`unit`; an amount printed in 亿元 is converted to 万元 (see :class:`Number`)."""
    unit: str
    """"万元" or "元"."""
    context: str
    """The words before the figure in its clause (untrimmed)."""
    basis: str = ""
    """What its words say it is, fund names (一般公共预算…) aside: "actual" (决算, 执行数, 实际),
    "budget" (预算, 申报, and none of those) or "" (neither: 项目支出 A 万元)."""
    stage: str = ""
    """The budget its words name: "initial" (年初预算), "adjusted" (调整预算, 全年预算) or ""."""
    prior: bool = False
    """Its words name last year (上年, 上一年度, 去年; not 上年结转, this year's income)."""
    inner: bool = False
    """True when it stands inside brackets (执行数 A（其中：…）): not its sentence's own figure."""
    same_as: str | None = None
    """What the words right after it say it equals (…万元，与2025年预算持平 → 2025年预算; ""
    when they name nothing); None when they say nothing of the kind."""
    same_as_year: YearClaim | None = None
    """The year :attr:`same_as` names (与2025年预算持平 → 2025), if it names one."""
    same_as_basis: str = ""
    """The basis :attr:`same_as` names, as :attr:`basis` (与2025年预算持平 → "budget")."""
    years: list[YearClaim] = field(default_factory=list)
    """The years written in its words (2024年决算数为 A 万元 → 2024), in order."""
    after_path: ItemPathClaim | None = None
    """The item path its words end with, only 支出, a closing quote, 为/是 or a colon after its
    last mark, whatever comes before it (主要用于：…支出（类）17127.62 万元)."""
    path: ItemPathClaim | None = None
    """The item path that introduces it: its words are the path, with at most numbering, a year
    and an opening quote before it and 支出, a closing quote, 为/是 or a colon after it
    (1.“…（项）”318.20 万元, 一般公共服务（类）支出 A 万元, …（项）：A 万元); None otherwise
    (…（项）支出决算数为 A 万元 names a 决算, not the item's amount; 主要用于：…（类）A 万元 is
    an amount of a sentence about something else)."""


@dataclass(kw_only=True)
class ShareClaim(Claim):
    """A part and its percentage of a whole: A 万元，占 B 的 P%. Its figures are in 万元 (a part
    printed in 元 is converted; its text keeps the printed figure and unit)."""

    kind: ClassVar[str] = "share"
    part: Number
    percent: Number
    whole_phrase: str
    """The words after 占 naming the whole ("" when 占 names nothing)."""
    context: str
    """The part's amount context."""
    whole: Number | None = None
    """The total of the breakdown (其中) the part belongs to, if any."""
    lead: Number | None = None
    """The paragraph's first amount, when it is not the part."""


@dataclass(kw_only=True)
class ExecutionClaim(Claim):
    """An execution rate (执行率, 预算完成率, 差异率…) with the figures it is computed from, in 万元."""

    kind: ClassVar[str] = "execution"
    percent: Number
    budget: Number | None = None
    actual: Number | None = None
    phrase: str
    """The rate's name as printed (执行率, 完成预算的, 差异率…)."""
    qualifier: str = ""
    """The word just before the phrase (年初申报数…), which may name the budget meant."""
    stage: str = ""
    """The budget its phrase and qualifier name, as :attr:`AmountClaim.stage` (完成年初预算的 → "initial")."""


@dataclass(kw_only=True)
class ChangeClaim(Claim):
    """A change against last year: 增加 D 万元 and/or 增长 P%.

    The changed figure is ``current``, except when last year's figure is the one stated
    (比上年 A 万元增加 D 万元: ``previous``), or a rate names the figure it is compared with
    (B，比2025年预算执行数增加 P%: ``previous`` is the amount so named, ``current`` is B).
    A change with neither delta nor percent is a direction printed as no change too (增加持平).
    """

    kind: ClassVar[str] = "change"
    delta: Number | None = None
    percent: Number | None = None
    current: Number | None = None
    previous: Number | None = None
    delta_word: str = ""
    """The direction word before the delta (增加, 减少, 下降…)."""
    percent_word: str = ""
    """The direction word before the percentage."""
    base: str = ""
    """Where the changed figure was found: "sentence", "paragraph" ("" when none was sought)."""
    clash: str = ""
    """The opposite direction printed with the word (减增加, 增加（减少）, 增加持平), else ""."""
    against: str | None = None
    """For a delta: the comparison it is measured against, as printed without 比/与/相比
    (比2025年预算增加 → 2025年预算; 与上年相比 → 上年; "" when it names nothing); None when
    its sentence compares with nothing that leads to it."""
    against_year: YearClaim | None = None
    """The year :attr:`against` names (比2025年预算增加 → 2025), if it names one."""
    against_basis: str = ""
    """The basis :attr:`against` names, as :attr:`AmountClaim.basis` (比上年预算 → "budget")."""


@dataclass(kw_only=True)
class BreakdownClaim(Claim):
    """其中: a total amount and the amounts that break it down."""

    kind: ClassVar[str] = "breakdown"
    total: Number
    unit: str
    """The total's unit (as :attr:`AmountClaim.unit`)."""
    context: str
    """The total's amount context."""
    basis: str = ""
    """The total's :attr:`AmountClaim.basis`."""
    inner: bool = False
    """The total stands inside brackets."""
    parts: list[AmountClaim] = field(default_factory=list)


@dataclass(kw_only=True)
class RelationClaim(Claim):
    """决算数大于/小于/等于预算数: the relation stated between an item's 决算 and 预算 figures
    (see :func:`fiscallint.facts.relations` for the figures of the paragraph before)."""

    kind: ClassVar[str] = "relation"
    relation: str
    """大于, 小于, 等于, 高于 or 低于; "clash" when several different ones are printed."""
    budget: Number | None = None
    actual: Number | None = None
    """Bound, in 万元, when the figures just before name exactly one 预算 and one 决算."""
    figures: int
    """How many amounts the phrase was read against (this sentence and the one before)."""


@dataclass(kw_only=True)
class YearClaim(Claim):
    """A year (span: its four digits); ``text`` is the phrase that gives it its role."""

    kind: ClassVar[str] = "year"
    year: Number
    role: str
    """"self" (2024年度部门决算情况说明), "compare" (与2023年度相比, 比2023年增加) or "other"."""
    basis: str
    """The 决算 or 预算 the phrase names ("" if none)."""


@dataclass(kw_only=True)
class CountClaim(Claim):
    """A count: 车辆 5 辆, 出访 3 批次."""

    kind: ClassVar[str] = "count"
    value: Number
    unit: str
    """辆, 个, 人次…"""
    context: str
    said: str = ""
    """The words of its sentence before it, every clause (开展绩效自评，共涉及项目): what the
    sentence is about so far."""
    after: str = ""
    """The words right after it up to the clause's next figure or mark (2个项目开展了绩效自评 → 项目开展了绩效自评)."""
    grade: str = ""
    """The performance grade its words name (评级为“优”的项目 N 个 → 优), else ""."""


@dataclass(kw_only=True)
class CountBreakdownClaim(Claim):
    """A count and, after 其中 in the same ；-delimited part of the sentence (``text``), the
    counts of that unit that break it down."""

    kind: ClassVar[str] = "count_breakdown"
    total: Number
    unit: str
    parts: list[CountClaim] = field(default_factory=list)


@dataclass(kw_only=True)
class UnitlessShareClaim(Claim):
    """A figure after 占 printed without % (占 45.12;)."""

    kind: ClassVar[str] = "unitless_share"
    value: Number
    context: str


@dataclass(kw_only=True)
class NamedShareClaim(Claim):
    """A percentage of a part the sentence names but does not state (货物采购授予中小企业合同金额
    占货物支出金额的 100%): ``part`` the words before 占, ``whole_phrase`` the words after it."""

    kind: ClassVar[str] = "named_share"
    percent: Number
    part: str
    whole_phrase: str


@dataclass(frozen=True)
class PathStep:
    """One name of an item path and the classification level its mark gives it."""

    level: str  # 类 / 款 / 项
    name: str
    span: Span


@dataclass(kw_only=True)
class ItemPathClaim(Claim):
    """A functional-classification path: 一般公共服务支出（类）对外联络事务（款）行政运行（项）.
    ``steps`` holds the names in order, the first the 类; ``text`` the path as printed."""

    kind: ClassVar[str] = "item_path"
    steps: list[PathStep] = field(default_factory=list)


@dataclass(kw_only=True)
class DateClaim(Claim):
    """A calendar date (2024年12月31日); ``as_of`` when it follows 截至 / 截止 (a balance date)."""

    kind: ClassVar[str] = "date"
    year: Number
    month: int
    day: int
    as_of: bool = False


@dataclass(kw_only=True)
class PeriodClaim(Claim):
    """A period between two dates (2025年1月1日-2025年12月31日, …至…): its first and last day."""

    kind: ClassVar[str] = "period"
    start: DateClaim
    end: DateClaim


@dataclass(kw_only=True)
class PlaceholderClaim(Claim):
    """A template's slot left unfilled (XX, ××, 某某); ``figure`` when a unit follows it (XX 万元,
    XX%): the slot of a figure."""

    kind: ClassVar[str] = "placeholder"
    figure: bool = False


@dataclass(kw_only=True)
class WordClaim(Claim):
    """A word of the vocabulary the rules ask about, named in a sentence: no figure of its own,
    so claim coverage does not count it. ``text`` is the word as printed."""


@dataclass(kw_only=True)
class TermClaim(WordClaim):
    """A term the sentence names (公务用车购置, 接待, 预留, 中小企业, 政府性基金 …); ``term`` is
    its key in :data:`fiscallint.parser.claims.TERMS`."""

    kind: ClassVar[str] = "term"
    term: str


@dataclass(kw_only=True)
class NilClaim(WordClaim):
    """A subject stated as none or not incurred (本单位当年无政府性基金预算财政拨款收支, 本表无数据,
    公务用车购置费未发生); ``text`` the words that say so, ``subject`` the words after them in
    their run of words, else the words before them."""

    kind: ClassVar[str] = "nil"


@dataclass(kw_only=True)
class ClassNameClaim(WordClaim):
    """A functional class (类) named by the name it had before the 2019 renaming (``text``):
    ``code`` the class's code, ``renamed`` its name since."""

    kind: ClassVar[str] = "former_class_name"
    code: str
    renamed: str


@dataclass
class Paragraph:
    """A narrative paragraph: its text and the claims read from it."""

    text: str
    span: Span
    claims: list[Claim]
    breaks: list[tuple[int, str]] = field(default_factory=list)
    """Where the claims grammar split ``text``: the offset and mark of each sentence end
    (。！？!?; :attr:`Claim.sentence` counts them) and of each ；/; inside a sentence, in order."""
    places: list[tuple[int, int, int]] = field(default_factory=list)
    """Where each source line of the paragraph starts in ``text``: (offset, line, column)."""

    def span_at(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]`` (the paragraph's span when its lines are not known)."""
        if not self.places:
            return self.span
        line, column = self._position(start)
        end_line, end_column = self._position(max(start, end - 1))
        return Span(line, column, end_line, end_column + 1)

    def segment_bounds(self) -> list[tuple[int, int]]:
        """Start and end offsets of the paragraph's parts between the grammar's marks (sentence
        ends and ；): :attr:`Claim.segment` indexes this list."""
        marks = [offset for offset, _ in self.breaks]
        return list(zip([0] + [m + 1 for m in marks], marks + [len(self.text)]))

    def _position(self, at: int) -> tuple[int, int]:
        offset, line, column = self.places[max(0, bisect_right(self.places, at, key=lambda place: place[0]) - 1)]
        return line, column + at - offset


@dataclass
class Unparsed:
    """Text the grammar could not place, kept with its span (never silently dropped)."""

    text: str
    span: Span
    reason: str
    page: int | None = None
    """The page it is about when that is not its line's (a page without text has no line)."""


@dataclass(frozen=True)
class DirectiveWord:
    """A word written after ``ignore`` in a suppression comment: as written, where, and the
    rule code or prefix it is (upper-cased), or "" when it is not shaped like one (FL-101)."""

    text: str
    span: Span
    code: str


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment (``# fiscallint: ignore FL204 FL1 -- reason``), found before
    parsing: where it is and the words it lists before any ``--`` reason (none: every rule)."""

    span: Span
    words: tuple[DirectiveWord, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes and prefixes it silences (a word that is not one silences nothing)."""
        return tuple(word.code for word in self.words if word.code)


@dataclass
class Measure:
    """An indicator's target or actual value as printed: ``≥5 批次``, ``100%``, ``有效促进``."""

    text: str
    op: str | None
    """Comparison operator normalised to one of ≥ ≤ = > <, or None."""
    number: Number | None
    """The numeric value (a percentage keeps its percent value: 95 for 95%); None when qualitative."""
    unit: str
    span: Span
    year: int | None = None
    """The year of a date value (``2027年6月底前``, ``2027-06-30``); None for any other value."""
    parts: tuple[Measure, ...] = ()
    """The quantities of a compound value, one a unit (``3批 4人次``: 3 批 and 4 人次, each with its
    own span); empty for a single value. A compound value has no ``number`` of its own."""

    @property
    def qualitative(self) -> bool:
        """Words, not figures: neither a number nor quantities."""
        return self.number is None and not self.parts

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


@dataclass
class Indicator:
    """One row of a performance table's indicator block (一级/二级/三级指标)."""

    level1: str
    level2: str
    name: str
    target: Measure | None
    actual: Measure | None
    weight: Number | None
    """分值 (权重)."""
    score: Number | None
    """得分."""
    completion: Number | None
    """A printed 完成率 column, in percent."""
    reason: str
    span: Span


@dataclass
class Funding:
    """A funding line of a performance table: 年初预算数, 全年预算数 (A), 全年执行数 (B), 执行率, 分值, 得分."""

    label: str
    initial: Number | None
    budget: Number | None
    actual: Number | None
    weight: Number | None
    rate: Number | None
    """执行率 in percent (100.00 for 100.00%)."""
    score: Number | None
    span: Span


@dataclass
class PerformanceTable:
    """A 部门整体/项目支出绩效自评表 (funding block, indicators, 总分 and grade), or a budget's
    绩效目标表 (``stage`` "target": the funding it plans and its indicators' targets, no actual
    value, 分值 or 得分)."""

    kind: str  # "department" or "project"
    title: str
    name: str
    layout: str  # "grid" (tab or pipe cells) or "dump" (flattened PDF text)
    span: Span
    stage: str = "evaluation"
    """"evaluation" (自评表: targets against actuals) or "target" (绩效目标表: targets only; its
    funding lines hold the planned amounts as their ``budget``)."""
    funding: Funding | None = None
    budget_lines: list[Funding] = field(default_factory=list)
    """Other funding lines: 其中 rows, and the 重点工作任务 rows of a department table."""
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: Number | None = None
    total_score: Number | None = None
    grade: str | None = None
    grade_span: Span | None = None
    basic_total: Number | None = None
    """基本支出总额 printed in a department table's head."""
    project_total: Number | None = None
    """项目支出总额 printed in a department table's head."""
    unplaced: list[Span] = field(default_factory=list)
    """Cells of rows that could not be placed under the header: not read, so no sum over their
    block (总分, the funding lines) is checked."""
    period_total: Number | None = None
    """A target table's 项目资金总额 over the project's whole period, printed beside the year's
    年度资金总额 (``funding.budget``)."""
    funding_unit: str = "万元"
    """The unit of the funding lines: 万元 in a self-evaluation; in a target table the unit its
    funding block names (万元 or 元), "" when it names none."""
    annual_targets: bool = False
    """A target table whose target column names the year (年度指标值) and not the project's
    whole period: its targets are the budget year's."""


@dataclass
class Section:
    """A heading and what follows it until the next heading of the same or a higher level."""

    level: int
    number: str
    title: str
    span: Span
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    """The claims of the title (its years, placeholders …), read by the claims grammar."""


@dataclass(frozen=True)
class Cover:
    """What a report's first lines say it is: the title's name, year, level ("department" /
    "unit") and kind ("budget" / "final"), the labelled lines (label → name: 预算单位, 主管部门,
    编制部门 …), the name a 第一部分 …概况 heading gives, and whether the first lines name a 决算."""

    title_name: str = ""
    year: int | None = None
    level: str | None = None
    kind: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    overview: str = ""
    names_final: bool = False


@dataclass
class Report:
    """A whole parsed report."""

    path: str
    encoding: str
    shape: str
    lines: list[str]
    root: Section
    tables: list[Table]
    paragraphs: list[Paragraph]
    unparsed: list[Unparsed]
    year: int | None = None
    pages: list[int] | None = None
    """For a PDF: pages[i] is the 1-based page of canonical line i+1."""
    cover: Cover = field(default_factory=lambda: Cover())
    """What the report's first lines say it is (:mod:`fiscallint.parser.cover`)."""
    performance: list[PerformanceTable] = field(default_factory=list)
    """Performance self-evaluation tables (绩效自评表) and a budget's target tables (绩效目标表),
    see :mod:`fiscallint.parser.performance`."""
    directives: list[Directive] = field(default_factory=list)
    """The inline suppression comments, in order (blanked from ``lines`` before parsing)."""
    rebuilt_lines: set[int] = field(default_factory=set)
    """Lines read rebuilt (a grid-table row wrapped over lines, an HTML row spread over lines or
    with spanning cells filled in): a finding's column there is approximate, and no fix is offered."""

    def claims(self) -> Iterator[Claim]:
        for paragraph in self.paragraphs:
            yield from paragraph.claims

    def sections(self) -> Iterator[Section]:
        stack = [self.root]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def table(self, number: str) -> Table | None:
        """The first table with this 公开 number ("01".."12")."""
        return next((t for t in self.tables if t.number == number), None)

    def page_of(self, line: int, column: int = 1) -> int | None:
        """The page of a line, or of its column in a line that a page break (\\f) cuts."""
        if self.pages is None or not 1 <= line <= len(self.pages):
            return None
        raw = self.lines[line - 1] if line <= len(self.lines) else ""
        if "\f" not in raw:
            return self.pages[line - 1]
        start = len(raw) - len(raw.lstrip(" \t\f\r"))
        return self.pages[line - 1] + raw[start:max(start, column - 1)].count("\f")
