"""Subject normalisation: the one place where narrative words and table labels are reduced to
what they name, so that two spellings of one item compare equal.

The reductions differ because the questions differ; each function says which question it serves:

- :func:`claim_subject` — what a claim is about, as recorded in :attr:`Claim.subject`: the words
  before its figure without the clause words around them (其中, 主要是, 为, 合计, 达…).
- :func:`item_key` — whether two narrative phrases name the same item (a change's own subject
  and an amount's words): years, spaces and 、 dropped, trailing 各/均/分别/为… dropped.
- :func:`whole_key` — whether an amount's words name the whole a share is of (占本年支出合计):
  numbering, years, 本年/本部门, 的, quotes and the total words 合计/总额/总计 dropped, so that
  "本年支出合计" and "2024年度本年支出总额" meet.
- :func:`table_item` — the name of the table item narrative words point to (“一般公共服务（类）
  支出”, 本年收入合计): numbering, year and 本部门 prefixes and a trailing 为/是/共计 dropped; the
  total words are kept, since 合计 and 总计 are different rows.
- :func:`norm_label` — a table row label for matching other labels: enumeration prefix,
  spaces, brackets and (类)(款)(项) marks dropped.
- :func:`measure_subject` — the name of what a claim measures, for the cross-report facts
  (“2024年度南屏市档案馆本年收入合计” → 本年收入合计): no department name, nothing up to its year,
  no numbering, 本部门/单位 prefix, quotes or 的/为 around it.
- :func:`path_name` and :func:`same_name` — the steps of an item path (类(款)(项)) against row
  labels: half-width brackets, no spaces, no trailing 支出, and a label cut short by its cell.
"""

from __future__ import annotations

import re

from .patterns import lazy

CLAUSE_WORDS_RE = lazy(r"^(其中|主要是|包括|为|是|合计|共计|总计为)|(为|是|共|合计|共计|达|约|的)$")
ITEM_TAIL_RE = lazy(r"(各|均|分别|都|为|是|的|共|达|约)+$")
YEAR_SPACE_RE = lazy(r"(19|20)\d\d年度?|[\s、]")
WHOLE_NOISE_RE = lazy(r"\s|^\d+[.、．]|^[（(]\d+[)）]|\d{4}年度?|本年度?|本部门|本单位|[的“”\"]|合计|总额|总计|为$")
ITEM_PREFIX_RE = lazy(r"^(\s|\d+\s*[.、．]|[（(]\d+[)）]|\d{4}\s*年度?|本年度|本部门|本单位)+")
ITEM_SUFFIX_RE = lazy(r"(均为|为|是|共计|共)$")
LABEL_NOISE_RE = lazy(r"^[一二三四五六七八九十]+、|[\s（）()]|类|款|项$")
MEASURE_LEAD_RE = lazy(r"^.*?\d{4}\s*年度?|^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*")
OWN_PREFIX_RE = lazy(r"^(?:本部门|本单位|部门|单位)")
TRUNCATED_MIN = 6
"""A table label this long that begins the narrative's name is that name cut short by its cell."""


def claim_subject(words: str) -> str:
    """The subject a claim records: its words without the clause words around them."""
    previous = None
    subject = words
    while previous != subject:
        previous = subject
        subject = CLAUSE_WORDS_RE.sub("", subject)
        if subject[:1] in "（(" and not any(c in subject for c in "）)"):
            subject = subject[1:]  # a bracket opened before the words and closed after the figure
    return subject


def item_key(words: str) -> str:
    """Narrative words keyed for “the same item?”: no years, spaces or 、, no trailing 各/均/为…"""
    return ITEM_TAIL_RE.sub("", YEAR_SPACE_RE.sub("", words))


def whole_key(text: str) -> str:
    """A subject or whole phrase keyed for “is this amount the whole?” (no years, 本年, 合计/总额, 的…)."""
    previous = None
    while previous != text:
        previous, text = text, WHOLE_NOISE_RE.sub("", text)
    return text


def table_item(context: str) -> str:
    """A narrative amount's words reduced to the table item they name (no numbering, year, 本部门, 为…)."""
    return ITEM_SUFFIX_RE.sub("", ITEM_PREFIX_RE.sub("", context).replace(" ", ""))


def measure_subject(subject: str, department: str) -> str:
    """A claim's subject reduced to the name of what it measures (see the module's list)."""
    text = subject.replace(" ", "").replace(department.replace(" ", ""), "")
    text = MEASURE_LEAD_RE.sub("", text).strip("：:，,的为“”\"")
    return OWN_PREFIX_RE.sub("", text)


def norm_label(label: str) -> str:
    """A label reduced for matching: no enumeration prefix, spaces, brackets or (类)(款)(项) marks."""
    return LABEL_NOISE_RE.sub("", label.replace("（类）", "").replace("(类)", ""))


def path_name(name: str) -> str:
    """An item path's step or a row label for matching: half-width brackets, no spaces, no trailing 支出."""
    name = name.replace("（", "(").replace("）", ")").replace(" ", "")
    return re.sub(r"(支出)+$", "", name)


def same_name(label: str, name: str) -> bool:
    """Whether a table row's label names the narrative's ``name``: equal once normalised, or the
    label is the name cut short by its cell's width (机关事业单位基本养老保险 for …缴费支出)."""
    label, wanted = path_name(label), path_name(name)
    return label == wanted or (len(label) >= TRUNCATED_MIN and wanted.startswith(label))
