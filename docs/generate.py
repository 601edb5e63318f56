"""Write docs/rules.md and the README's rule table from the rule registry.

`python docs/generate.py` rewrites both; `--check` exits 1 when either is stale (a test runs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fiscallint.registry import all_rules

TARGET = Path(__file__).resolve().parent / "rules.md"
README = TARGET.parent.parent / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def table(link: bool = False) -> list[str]:
    """The rule index as markdown table lines; ``link`` makes each code an anchor link."""
    out = ["| code | name | severity | summary |", "| --- | --- | --- | --- |"]
    for c, r in all_rules().items():
        code = f"[{c}](#{c.lower()})" if link else c
        out.append(f"| {code} | {r.name} | {r.severity.value} | {r.summary} |")
    return out


def readme(current: str) -> str:
    """The README with the text between the rule-table markers regenerated."""
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    return head + START + "\n" + "\n".join(table()) + "\n" + END + tail


def render() -> str:
    rules = all_rules()
    out = [
        "# Rules",
        "",
        "Generated from the rule registry by `python docs/generate.py`; do not edit by hand.",
        "Each rule's cases (fail documents with pinned positions, near misses, fixes) are in",
        "`tests/rules/<CODE>.toml`; the format is in [plugins.md](plugins.md).",
        "",
        *table(link=True),
    ]
    for code, cls in rules.items():
        sections = cls.doc_sections()
        out += ["", f"## {code}", "", f"**{cls.name}** ({cls.severity.value}) — {sections.get('摘要', '')}", ""]
        out += [f"Reads: {cls.describe_reads()}.", ""]
        for title in ("说明", "反例", "正例", "修复"):
            if title in sections:
                body = sections[title]
                if title in ("反例", "正例"):
                    body = "```\n" + body + "\n```"
                out += [f"### {title}", "", body, ""]
        if cls.options:
            out += ["### 选项", ""]
            out += [f"- `{o.name}` ({o.kind}, default {o.default}): {o.help}" for o in cls.options]
            out += [""]
        out += [f"Cases: `tests/rules/{code}.toml`.", ""] if cls.__module__.startswith("fiscallint.rules.") else []
    return "\n".join(out).rstrip("\n") + "\n"


def is_fresh() -> bool:
    """Whether docs/rules.md and the README's rule table are what :func:`render` would write."""
    current_readme = README.read_text(encoding="utf-8")
    fresh = TARGET.exists() and TARGET.read_text(encoding="utf-8") == render()
    return fresh and readme(current_readme) == current_readme


if __name__ == "__main__":
    if "--check" in sys.argv:
        sys.exit(0 if is_fresh() else 1)
    TARGET.write_text(render(), encoding="utf-8")
    README.write_text(readme(README.read_text(encoding="utf-8")), encoding="utf-8")
