"""The HTML report as a file: self-contained, escaped, deterministic, findings on their cells."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from fiscallint.cli import main
from tests.html_fixtures import HOSTILE, REPORT, html_report, write
from tests.test_pdf_findings import build


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> Elements:
    elements = Elements()
    elements.feed(page)
    return elements


def test_self_contained_no_network(tmp_path: Path) -> None:
    page = html_report([write(tmp_path, "r.txt", REPORT)], tmp_path / "r.html")
    elements = parse(page)
    names = [tag for tag, _ in elements.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    assert not any("src" in attrs for _, attrs in elements.tags)
    assert not any((attrs.get("href") or "#").startswith(("http", "//")) for _, attrs in elements.tags)
    assert names.count("script") == 1 and names.count("style") == 1
    assert "default-src 'none'" in page


def test_hostile_text_cannot_add_markup(tmp_path: Path) -> None:
    doc = write(tmp_path, 'a&b"<i>.txt', HOSTILE)
    page = html_report([doc], tmp_path / "r.html")
    elements = parse(page)
    assert [tag for tag, _ in elements.tags].count("script") == 1
    assert "pwned" not in elements.scripts[0]
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    assert "img" not in [tag for tag, _ in elements.tags]
    assert all(not attrs for tag, attrs in elements.tags if tag == "b")
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "&lt;script&gt;window.pwned=4&lt;/script&gt;" in page
    assert "人大事务&#34;&#39;&amp;" in page
    assert "a&amp;b&#34;&lt;i&gt;.txt" in page
    assert 'data-f="d0f' in page  # the findings are still placed


def test_same_input_same_bytes(tmp_path: Path) -> None:
    docs = [write(tmp_path, "a.txt", REPORT), write(tmp_path, "b.txt", HOSTILE)]
    first = html_report(docs, tmp_path / "1.html")
    second = html_report(docs, tmp_path / "2.html", "-j", "2")
    assert first == second


def test_findings_on_cells_and_spans(tmp_path: Path) -> None:
    page = html_report([write(tmp_path, "r.txt", REPORT)], tmp_path / "r.html")
    cells = {attrs.get("data-f"): attrs for tag, attrs in parse(page).tags if tag == "td" and "data-f" in attrs}
    assert len(cells) == 2  # 合计 500.00 (FL204), 310.00 (FL201, with 210.00 of its row among the related)
    assert '<mark class="f s-error" tabindex="0" data-f="d0f0" id="d0f0">85</mark>%' in page
    assert '<td class="n f s-error r" tabindex="0" data-f="d0f2" data-r="d0f0r0" id="d0f2">500.00</td>' in page
    assert '<td colspan="2">合计</td>' in page  # the 合计 label spans the code and name columns
    assert page.count('<li class="fi ') == 4


def test_summary_counts_and_coverage(tmp_path: Path) -> None:
    page = html_report([write(tmp_path, "r.txt", REPORT)], tmp_path / "r.html")
    assert '<span class="badge s-error">3 error</span>' in page
    assert '<span class="badge s-warning">1 warning</span>' in page
    assert "<tr><td>FL201</td><td>row-hierarchy</td><td class=\"n\">1</td></tr>" in page
    assert "<dt>standard tables found</dt><dd>03 (not found: 01 02 04 05 06 07 08 09)</dd>" in page
    assert "<dt>claims checked</dt><dd>" in page


def test_several_documents_get_an_index(tmp_path: Path) -> None:
    one = html_report([write(tmp_path, "a.txt", REPORT)], tmp_path / "1.html")
    two = html_report([write(tmp_path, "a.txt", REPORT), write(tmp_path, "b.txt", REPORT)], tmp_path / "2.html")
    assert '<nav id="index">' not in one
    assert '<nav id="index">' in two
    assert f'<a href="#d0">{tmp_path / "a.txt"}</a>' in two and f'<a href="#d1">{tmp_path / "b.txt"}</a>' in two
    assert 'data-f="d1f0"' in two


def test_pdf_shows_pages_and_cells(tmp_path: Path) -> None:
    pdf = tmp_path / "planted.pdf"
    build(pdf, share="85%", class_total="310.00", basic_total="420.00")
    page = html_report([pdf], tmp_path / "r.html", "--ignore", "FL504")
    assert '<div class="pg">第 1 页</div>' in page and '<div class="pg">第 2 页</div>' in page
    assert "p. 2 · line" in page
    cells = [attrs for tag, attrs in parse(page).tags if tag == "td" and "data-f" in attrs]
    assert len(cells) == 3  # 合计 500.00 (≠ 420.00 + 100.00), its 420.00 and 201's 310.00
    assert "<dt>pages</dt><dd>2</dd>" in page


def test_unreadable_input_is_listed(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "a.txt", REPORT)), str(tmp_path / "gone.txt"), "--format", "html", "-o", str(out)])
    assert result.exit_code == 2
    assert '<p class="err">error: no such file</p>' in out.read_text(encoding="utf-8")


def test_marks_of_empty_long_and_blank_line_spans() -> None:
    from fiscallint.ast import Span
    from fiscallint.formatters.html_view import Mark, _place

    lines = ["标题", "", "  ", "合计 500.00", "a", "b", "c"]
    marks: dict = {}
    _place(marks, lines, Span(1, 2, 1, 2), Mark(0, 0, "f", "zero", "error"))
    assert [(m.start, m.end) for m in marks[1]] == [(1, 2)]  # an empty range covers one character
    _place(marks, lines, Span(2, 1, 2, 1), Mark(0, 0, "f", "blank", "error"))
    assert [(m.ident, m.start, m.end) for m in marks[4]] == [("blank", 0, 9)]  # moved to the next line with text
    _place(marks, lines, Span(4, 1, 7, 2), Mark(0, 0, "f", "long", "warning"))
    assert [n for n, ms in marks.items() if any(m.ident == "long" for m in ms)] == [4]
    _place(marks, lines, Span(5, 1, 6, 2), Mark(0, 0, "r", "short"))
    assert [(n, m.start, m.end) for n, ms in sorted(marks.items()) for m in ms if m.ident == "short"] == [(5, 0, 1), (6, 0, 1)]
