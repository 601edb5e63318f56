"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` package) driven by
Playwright. Clicking a finding scrolls to its highlighted cell; filters, keyboard navigation,
the two-way links of related places and the escaping of hostile text are checked."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("playwright", reason="playwright is not installed")
from playwright.sync_api import Browser, Error, Locator, Page, expect, sync_playwright  # noqa: E402

from tests.html_fixtures import HOSTILE, REPORT, html_report, write  # noqa: E402

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("FISCALLINT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ERROR_BACKGROUND = "rgb(255, 179, 173)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The system Chromium, never a downloaded browser; Playwright's event loop ends with the
    module (a session-wide one would break the asyncio tests of the language server)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        except Error as exc:
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {str(exc).splitlines()[0]}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def report(page: Page, tmp_path: Path) -> Page:
    out = tmp_path / "report.html"
    html_report([write(tmp_path, "report.txt", REPORT)], out)
    page.set_viewport_size({"width": 1200, "height": 700})
    page.goto(out.as_uri())
    return page


def in_view(locator: Locator) -> bool:
    return locator.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }"
    )


def finding(page: Page, code: str) -> Locator:
    return page.locator(f'li.fi[data-c="{code}"]')


def test_clicking_a_finding_scrolls_to_its_highlighted_cell(report: Page) -> None:
    cell = report.locator('td[data-f~="d0f3"]')
    expect(cell).to_have_text("310.00")
    assert not in_view(cell)
    finding(report, "FL201").first.locator("a.go").first.click()
    expect(cell).to_have_class(re.compile(r"\bcur\b"))
    assert in_view(cell)
    assert cell.evaluate("el => getComputedStyle(el).backgroundColor") == ERROR_BACKGROUND
    expect(report.locator("#tip")).to_contain_text("305.00（20101） = 305.00")
    expect(finding(report, "FL201").first).to_have_class(re.compile(r"\bcur\b"))


def test_hover_shows_message_and_arithmetic(report: Page) -> None:
    report.locator('mark[data-f~="d0f0"]').hover()
    tip = report.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("FL101")
    expect(tip).to_contain_text("400.00 / 500.00 = 80.00%")


def test_severity_and_rule_filters(report: Page) -> None:
    share = report.locator('mark[data-f~="d0f0"]')
    report.locator('input.sev[value="error"]').uncheck()
    expect(finding(report, "FL101")).to_be_hidden()
    expect(finding(report, "FL504").first).to_be_visible()
    expect(share).to_have_class(re.compile(r"\boff\b"))
    assert share.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    expect(report.locator("#pos")).to_have_text("1 shown")
    report.locator('input.sev[value="error"]').check()
    report.locator('input.rule[value="FL504"]').uncheck()
    expect(finding(report, "FL504")).to_have_count(1)
    for item in finding(report, "FL504").all():
        expect(item).to_be_hidden()
    expect(finding(report, "FL101")).to_be_visible()
    expect(share).not_to_have_class(re.compile(r"\boff\b"))
    expect(report.locator("#pos")).to_have_text("3 shown")


def test_keyboard_next_and_previous_follow_the_filters(report: Page) -> None:
    report.keyboard.press("j")
    expect(report.locator('li.fi[data-id="d0f0"]')).to_have_class(re.compile(r"\bcur\b"))
    expect(report.locator('mark[data-f~="d0f0"]')).to_be_focused()
    report.keyboard.press("j")
    expect(report.locator('li.fi[data-id="d0f1"]')).to_have_class(re.compile(r"\bcur\b"))
    report.keyboard.press("k")
    expect(report.locator('li.fi[data-id="d0f0"]')).to_have_class(re.compile(r"\bcur\b"))
    report.locator('input.rule[value="FL504"]').uncheck()
    report.locator("body").click(position={"x": 5, "y": 300})
    report.keyboard.press("j")
    expect(report.locator('li.fi[data-id="d0f2"]')).to_have_class(re.compile(r"\bcur\b"))
    assert in_view(report.locator('td[data-f~="d0f2"]'))
    expect(report.locator("#pos")).to_have_text("2 / 3 shown")


def test_related_places_link_both_ways(report: Page) -> None:
    total = finding(report, "FL204")
    total.locator("ul a.go").first.click()
    first = report.locator("#d0f2r0")  # the related row 201, starting at its code cell
    expect(first).to_have_text("201")
    expect(first).to_be_focused()
    assert in_view(first)
    report.evaluate("window.scrollTo(0, 0)")
    related = report.locator('td[data-r~="d0f2r0"]', has_text="一般公共服务支出")
    related.click()
    expect(report.locator('td[data-f~="d0f2"]')).to_have_class(re.compile(r"\bcur\b"))
    expect(total).to_have_class(re.compile(r"\bcur\b"))
    expect(related).to_have_class(re.compile(r"\brelon\b"))


def test_hostile_text_stays_text(page: Page, tmp_path: Path) -> None:
    out = tmp_path / "hostile.html"
    html_report([write(tmp_path, "hostile.txt", HOSTILE)], out)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    page.locator("article p, article h2, article h3, article td").first.hover()
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    expect(page.locator("article h2").first).to_contain_text("<script>window.pwned=1</script>")
    expect(page.locator("article")).to_contain_text('<b onmouseover="window.pwned=2">x</b>')
    assert page.locator("article img, article b, article script").count() == 0
    page.locator('mark[data-f]').first.hover()
    assert page.evaluate("window.pwned") is None
