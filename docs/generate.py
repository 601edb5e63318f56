"""Write docs/rules.md from the rule registry: `python docs/generate.py` (CI checks it is fresh)."""

from __future__ import annotations

import sys
from pathlib import Path

from fiscallint.registry import all_rules

TARGET = Path(__file__).resolve().parent / "rules.md"


def render() -> str:
    rules = all_rules()
    out = [
        "# Rules",
        "",
        "Generated from the rule registry by `python docs/generate.py`; do not edit by hand.",
        "",
        "| code | name | severity | summary |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [{c}](#{c.lower()}) | {r.name} | {r.severity.value} | {r.summary} |" for c, r in rules.items()]
    for code, cls in rules.items():
        sections = cls.doc_sections()
        out += ["", f"## {code}", "", f"**{cls.name}** ({cls.severity.value}) — {sections.get('摘要', '')}", ""]
        for title in ("说明", "反例", "正例", "修复"):
            if title in sections:
                body = sections[title]
                if title in ("反例", "正例"):
                    body = "```\n" + body + "\n```"
                out += [f"### {title}", "", body, ""]
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.exists() and TARGET.read_text(encoding="utf-8") == text else 1)
    TARGET.write_text(text, encoding="utf-8")
