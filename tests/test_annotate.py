"""``check --annotate``: a copy of the PDF with one annotation per finding, read back with pypdf
(right page, inside the cell's box) and rendered to PNG with pypdfium2."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fiscallint.cli import main
from tests.test_pdf_findings import build

pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")
MARKUP = ("/Highlight", "/Square")


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    pdf = tmp_path / "planted.pdf"
    build(pdf, share="85%", class_total="310.00", basic_total="420.00")  # 合计 wrong on its own too
    return pdf


def annotate(pdf: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["check", str(pdf), "--ignore", "FL504", "--annotate", str(out), *extra])


def findings(pdf: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(pdf), "--ignore", "FL504", "--format", "json"])
    return json.loads(result.stdout)


def annotations(pdf: Path) -> list[tuple[int, dict]]:
    reader = pypdf.PdfReader(str(pdf))
    return [
        (number, annot.get_object())
        for number, page in enumerate(reader.pages, start=1)
        for annot in page.get("/Annots") or []
    ]


def word_box(pdf: Path, page: int, text: str) -> tuple[float, float, float, float]:
    """Where ``text`` is printed once (PDF user space, origin bottom-left), found by pdfplumber."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        p = doc.pages[page - 1]
        hits = p.search(text, regex=False)
        assert len(hits) == 1, hits
        w = hits[0]
        return (w["x0"], p.height - w["bottom"], w["x1"], p.height - w["top"])


def inside(inner, outer, slack: float = 0.5) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def test_one_annotation_per_finding_on_its_page_and_cell(planted: Path, tmp_path: Path) -> None:
    out = tmp_path / "annotated.pdf"
    result = annotate(planted, out)
    assert result.exit_code == 1, result.output
    expected = findings(planted)
    marks = [(page, a) for page, a in annotations(out) if a["/Subtype"] in MARKUP]
    assert len(marks) == len(expected) >= 3
    assert sorted(page for page, _ in marks) == sorted(f["page"] for f in expected)
    for page, mark in marks:
        popup = mark["/Popup"].get_object()
        assert popup["/Subtype"] == "/Popup" and popup["/Parent"].get_object() is mark
        code = str(mark["/T"]).split()[-1]
        assert str(mark["/Contents"]).startswith(f"{code} (error) ")
    share = next(a for _, a in marks if "FL101" in a["/T"])
    assert share["/Subtype"] == "/Highlight"
    assert "400.00 / 500.00 = 80.00%" in share["/Contents"]
    rect = [float(v) for v in share["/Rect"]]
    assert inside(rect, word_box(planted, 1, "的85%"))  # on the figure 85 ...
    assert rect[2] - rect[0] < 20  # ... not on its line
    row = next(a for _, a in marks if "FL201" in a["/T"])
    rect = [float(v) for v in row["/Rect"]]
    word = word_box(planted, 2, "310.00")
    assert row["/Subtype"] == "/Square"
    assert inside(word, rect)  # the box holds the figure ...
    assert rect[2] - rect[0] < 100 and rect[3] - rect[1] < 25  # ... and is that one cell, not the row
    total = next(a for _, a in marks if "FL204" in a["/T"])
    assert inside(word_box(planted, 2, "420.00"), [float(v) for v in total["/Rect"]])
    assert not inside(word, [float(v) for v in total["/Rect"]])


def test_original_untouched_and_output_not_overwritten(planted: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(planted.read_bytes()).hexdigest()
    out = tmp_path / "annotated.pdf"
    out.write_bytes(b"keep me")
    refused = annotate(planted, out)
    assert refused.exit_code == 2 and "--force" in refused.output
    assert out.read_bytes() == b"keep me"
    assert annotate(planted, out, "--force").exit_code == 1
    assert out.read_bytes().startswith(b"%PDF-")
    same = annotate(planted, planted, "--force")
    assert same.exit_code == 2 and "original" in same.output
    assert hashlib.sha256(planted.read_bytes()).hexdigest() == digest


def test_annotate_takes_one_pdf(planted: Path, tmp_path: Path) -> None:
    text = tmp_path / "r.txt"
    text.write_text("一、说明\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(text), "--annotate", str(tmp_path / "o.pdf")])
    assert result.exit_code == 2 and "--annotate takes one PDF input" in result.output
    assert not (tmp_path / "o.pdf").exists()


def test_rendered_page_shows_the_box_only_around_the_cell(planted: Path, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed")
    out = tmp_path / "annotated.pdf"
    annotate(planted, out)
    scale = 2.0
    doc = pdfium.PdfDocument(str(out))
    page = doc[1]
    height = page.get_height()
    plain = page.render(scale=scale, draw_annots=False).to_pil().convert("RGB")
    marked = page.render(scale=scale, draw_annots=True).to_pil().convert("RGB")
    png = tmp_path / "page2.png"
    marked.save(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    rects = [[float(v) for v in a["/Rect"]] for number, a in annotations(out) if number == 2 and a["/Subtype"] == "/Square"]
    boxes = [(r[0] * scale, (height - r[3]) * scale, r[2] * scale, (height - r[1]) * scale) for r in rects]
    changed = [
        (x, y) for y in range(0, plain.height, 2) for x in range(0, plain.width, 2)
        if plain.getpixel((x, y)) != marked.getpixel((x, y))
    ]
    assert changed
    assert all(any(b[0] - 4 <= x <= b[2] + 4 and b[1] - 4 <= y <= b[3] + 4 for b in boxes) for x, y in changed)
    red = [marked.getpixel(p) for p in changed]
    assert any(r > 150 and g < 120 and b < 120 for r, g, b in red)


def test_target_counts_earlier_copies_of_the_same_figure() -> None:
    from fiscallint.annotate import target
    from fiscallint.ast import Span
    from fiscallint.findings import Finding, Severity
    from fiscallint.pdf import PdfText

    line = "合计\t500.00\t500.00\t5 00.00"
    extracted = PdfText(f"标题\n{line}", [1, 2], [(0, 0, 10, 10), (5, 6, 7, 8)], 2)
    third = Finding("FL204", Severity.ERROR, "m", Span(2, 18, 2, 25))
    second = Finding("FL204", Severity.ERROR, "m", Span(2, 11, 2, 17))
    assert target(second, extracted).occurrence == 1
    t = target(third, extracted)
    assert (t.page, t.box, t.text, t.occurrence, t.in_table) == (2, (5, 6, 7, 8), "5 00.00", 2, True)
    assert target(Finding("FL101", Severity.ERROR, "m", Span(1, 1, 1, 3)), extracted).in_table is False


def test_a_finding_not_found_on_the_page_gets_a_note_beside_its_line(planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fiscallint.annotate as annotate_module

    monkeypatch.setattr(annotate_module, "locate", lambda path, targets: [None] * len(targets))
    out = tmp_path / "annotated.pdf"
    result = annotate(planted, out)
    expected = findings(planted)
    assert f"{len(expected)} not found on the page" in result.output
    found = annotations(out)
    assert not [a for _, a in found if a["/Subtype"] in MARKUP]
    notes = [(page, a) for page, a in found if a["/Subtype"] == "/Text"]
    assert sorted(page for page, _ in notes) == sorted(f["page"] for f in expected)
    assert any("400.00 / 500.00 = 80.00%" in a["/Contents"] for _, a in notes)


def test_annotating_is_time_bounded_and_writes_nothing_when_stopped(planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF that keeps the word search busy forever ends with one line and exit 2 once the time
    bound passes; no annotated copy is left behind."""
    import time

    import fiscallint.annotate as annotate_module

    monkeypatch.setattr(annotate_module, "locate", lambda path, targets: time.sleep(60))
    out = tmp_path / "annotated.pdf"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--pdf-timeout", "1", "--annotate", str(out), str(planted)])
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert "annotating stopped, over the time bound of --pdf-timeout 1 s" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planted.pdf"]  # no copy, no temporary file


def test_a_failure_while_annotating_is_one_line(planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fiscallint.annotate as annotate_module

    def broken(path: str, targets: list) -> list:
        raise KeyError("/Kids")

    monkeypatch.setattr(annotate_module, "locate", broken)
    out = tmp_path / "annotated.pdf"
    result = CliRunner().invoke(main, ["check", "--annotate", str(out), str(planted)])
    assert result.exit_code == 2
    assert "cannot find the findings on the pages (KeyError: '/Kids')" in result.output
    assert not out.exists()


def test_reading_and_annotating_share_one_time_bound(planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second reading and the word search together stay within --pdf-timeout: each taking
    most of it is over the bound."""
    import time

    import fiscallint.annotate as annotate_module
    import fiscallint.pdf as pdf_module

    read = pdf_module.extract_pdf
    monkeypatch.setattr(pdf_module, "extract_pdf", lambda *a, **k: (time.sleep(1.2), read(*a, **k))[1])
    locate = annotate_module.locate
    monkeypatch.setattr(annotate_module, "locate", lambda *a: (time.sleep(1.2), locate(*a))[1])
    out = tmp_path / "annotated.pdf"
    result = CliRunner().invoke(main, ["check", "--pdf-timeout", "2", "--annotate", str(out), str(planted)])
    assert result.exit_code == 2 and "annotating stopped" in result.output
    assert not out.exists()


def test_annotating_reads_with_the_chosen_engine(planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fiscallint.pdf as pdf_module

    engines: list[str] = []
    read = pdf_module.extract_pdf

    def spy(path: str, **options: object):
        engines.append(str(options.get("engine")))
        return read(path, **options)

    monkeypatch.setattr(pdf_module, "extract_pdf", spy)
    result = CliRunner().invoke(main, ["check", "--pdf-engine", "pdfminer", "--annotate", str(tmp_path / "a.pdf"), str(planted)])
    assert result.exit_code == 1, result.output
    assert engines == ["pdfminer"]
