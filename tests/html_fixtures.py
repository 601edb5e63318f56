"""Small reports for the HTML report tests, written for them (own sentences and figures)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fiscallint.cli import main

FILLER = "\n\n".join(f"（{i}）本部门第{i}项重点工作按年度计划推进，相关资金按规定使用。" for i in range(1, 41))

# FL101 on 85% (line 5), FL504 on the table title (01 and 02 missing), FL204 on 合计 500.00, FL201 on 310.00 (its row's 210.00 related)
REPORT = f"""第三部分 2024年度部门决算情况说明

一、支出决算情况说明

2024年度本年支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出合计的 85%；项目支出 100.00 万元，占本年支出合计的 20%。

二、重点工作情况

{FILLER}

支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 500.00 400.00 100.00
201 一般公共服务支出 310.00 210.00 100.00
20101 人大事务 305.00 205.00 100.00
208 社会保障和就业支出 200.00 200.00
20805 行政事业单位养老支出 200.00 200.00
"""

# every kind of text a page could be tricked with: tags, event handlers, quotes, entities
HOSTILE = """第三部分 2024年度<script>window.pwned=1</script>部门决算情况说明

一、支出决算"情况"说明 & <b onmouseover="window.pwned=2">x</b> 'single' &amp; &lt;

2024年度本年支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出合计的 85%；项目支出 100.00 万元，占本年支出合计的 20%。<img src=x onerror="window.pwned=3">

支出决算表
公开03表
单位：万元
科目编码 科目名称 本年支出合计 基本支出 项目支出
合计 500.00 400.00 100.00
201 <script>window.pwned=4</script> 310.00 210.00 100.00
20101 人大事务"'& 300.00 200.00 100.00
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def html_report(paths: list[Path], out: Path, *extra: str) -> str:
    """Run ``fiscallint check --format html -o out`` and return the page."""
    result = CliRunner().invoke(main, ["check", *map(str, paths), "--format", "html", "-o", str(out), *extra])
    assert result.exit_code in (0, 1), result.output
    return out.read_text(encoding="utf-8")
