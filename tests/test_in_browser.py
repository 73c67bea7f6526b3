"""The example site in headless Chromium, as readers meet it: served by a static host, in light
and dark, at phone and desktop widths, with and without JavaScript, and audited by axe-core.

Needs Chromium, Playwright (a test dependency) and axe-core (`npm ci --prefix tests/tools`);
without them these tests skip locally and fail under CI. Screenshots go to .artifacts/screenshots
(or $NICEPICK_ARTIFACTS/screenshots) for people to look at; they are never committed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from support import tools
from support.statichost import static_host

# Every kind of page a reader lands on; the keys name the screenshots.
PAGES = {
    "home": "",
    "comparison": "compare/postgresql-vs-mysql/",
    "comparison-cross-kind": "compare/pytorch-vs-batch-normalization/",
    "comparison-editorial": "compare/layer-normalization-vs-batch-normalization/",
    "technique": "tools/batch-normalization/",
    "ranking": "best/databases/",
    "rankings": "best/",
    "tag": "tags/python/",
    "category": "categories/databases/",
    "not-found": "no-such-page/",
}
REDIRECT = ("compare/mysql-vs-postgresql/", "compare/postgresql-vs-mysql/")
WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")
ARTIFACTS = Path(os.environ.get("NICEPICK_ARTIFACTS", REPO / ".artifacts"))


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example site built for a sub-path and served there, as a GitHub project site is."""
    from click.testing import CliRunner

    from nicepick.cli import main

    output = tmp_path_factory.mktemp("browser") / "public"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--source",
            str(REPO),
            "--output",
            str(output),
            "--base-url",
            "https://example.org/picks/",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    with static_host(output, "/picks/") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = tools.chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield launched
        launched.close()


class Visit:
    """One page load with everything that went wrong on the way recorded."""

    def __init__(
        self,
        browser: Any,
        url: str,
        width: int = 1280,
        scheme: str = "light",
        javascript: bool = True,
    ) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 800},
            color_scheme=scheme,
            java_script_enabled=javascript,
        )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)
        self.expected_status = {url: 404} if url.endswith("no-such-page/") else {}
        self.response = self.page.goto(url, wait_until="load")

    def _failed(self, request: Any) -> None:
        """A request that got no answer. One cut short by the page leaving is not: a script's
        fetch (the finder asks for a technique's opponents as its name is typed; Enter may go
        to its page first), or the icon a page asks for once loaded when a click leaves it at
        once (a test clicks faster than any reader). The browser aborts those
        (net::ERR_ABORTED, whatever the kind of request); a missing file shows as a 404
        response instead (`_response`), and a refused or broken one by another failure."""
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _console(self, message: Any) -> None:
        if self.expected_status.get(message.location.get("url")) and "404" in message.text:
            return  # Chromium logs the 404 status of a not-found page we asked for
        if message.type in ("error", "warning"):
            where = message.location.get("url", "")
            self.problems.append(f"console {message.type}: {message.text} ({where})")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and self.expected_status.get(response.url) != response.status:
            self.problems.append(f"{response.status} for {response.url}")

    def close(self) -> None:
        self.context.close()


def _visit(browser: Any, url: str, **options: Any) -> Iterator[Visit]:
    visit = Visit(browser, url, **options)
    try:
        yield visit
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_and_fits(
    browser: Any, site_url: str, name: str, width: int, scheme: str
) -> None:
    for visit in _visit(browser, site_url + PAGES[name], width=width, scheme=scheme):
        assert visit.problems == []
        page = visit.page
        assert page.locator("h1").count() == 1
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px of horizontal scrolling at {width}px"
        shots = ARTIFACTS / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{name}-{width}-{scheme}.png"), full_page=True)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(browser: Any, site_url: str, name: str, scheme: str) -> None:
    """Every axe-core rule, contrast included, in both colour schemes."""
    script = tools.axe_script()
    for visit in _visit(browser, site_url + PAGES[name], width=1280, scheme=scheme):
        assert axe_violations(visit.page, script) == []


def axe_violations(page: Any, script: str) -> list[str]:
    """axe-core's violations on the loaded page, one line per rule with where it failed."""
    page.add_script_tag(path=script)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def test_reverse_order_address_lands_on_the_canonical_page(browser: Any, site_url: str) -> None:
    reverse, canonical = REDIRECT
    for visit in _visit(browser, site_url + reverse):
        visit.page.wait_for_url(site_url + canonical)
        visit.page.wait_for_load_state("load")
        # Leaving the redirect page may abort its own pending loads; that is the redirect working.
        assert [p for p in visit.problems if "ERR_ABORTED" not in p] == []
        assert "PostgreSQL" in visit.page.locator("h1").inner_text()
    for visit in _visit(browser, site_url + reverse, javascript=False):
        visit.page.wait_for_url(site_url + canonical)  # a meta refresh needs no script


def _finder(page: Any) -> tuple[Any, Any]:
    return page.locator("#finder-first"), page.locator("#finder-second")


def _pick_from_suggestions(field: Any, value: str) -> None:
    """What choosing an option of the field's datalist does: one input event that replaces the
    text (Playwright cannot click a datalist's native popup)."""
    field.evaluate(
        """(el, value) => { el.focus(); el.value = value;
        el.dispatchEvent(new InputEvent('input', {bubbles: true,
                                                  inputType: 'insertReplacementText'})); }""",
        value,
    )


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("bn", "layernorm", "compare/layer-normalization-vs-batch-normalization/"),
        ("Layer Normalization", "BN", "compare/layer-normalization-vs-batch-normalization/"),
        ("k8s", "docker", "compare/docker-vs-kubernetes/"),
        ("postgres", "SQLite", "compare/postgresql-vs-sqlite/"),
    ],
)
def test_pair_finder_goes_to_the_comparison_with_enter(
    browser: Any, site_url: str, first: str, second: str, expected: str
) -> None:
    """Names or aliases, typed in either order, in any case; Enter submits."""
    for visit in _visit(browser, site_url, width=360):
        page = visit.page
        one, two = _finder(page)
        one.fill(first)
        two.fill(second)
        two.press("Enter")
        page.wait_for_url(site_url + expected)
        assert visit.problems == []


def test_picking_both_names_from_the_suggestions_goes_straight_there(
    browser: Any, site_url: str
) -> None:
    for visit in _visit(browser, site_url, width=1280):
        page = visit.page
        one, two = _finder(page)
        _pick_from_suggestions(one, "Layer Normalization")
        page.wait_for_function("document.activeElement.id === 'finder-second'")
        # The second field now suggests only Layer Normalization's opponents, aliases included.
        page.wait_for_function("document.querySelectorAll('#finder-opponents option').length > 0")
        offered = page.locator("#finder-opponents option").evaluate_all(
            "options => options.map(o => o.value)"
        )
        assert set(offered) == {
            "Batch Normalization",
            "batchnorm",
            "bn",
            "Group Normalization",
            "groupnorm",
            "Instance Normalization",
        }
        _pick_from_suggestions(two, "groupnorm")
        page.wait_for_url(site_url + "compare/layer-normalization-vs-group-normalization/")
        assert visit.problems == []


def test_pair_finder_says_what_it_could_not_find(browser: Any, site_url: str) -> None:
    for visit in _visit(browser, site_url, width=360):
        page = visit.page
        one, two = _finder(page)
        one.fill("Cobol")
        one.press("Enter")
        status = page.locator("#finder-status")
        page.wait_for_function("document.getElementById('finder-status').textContent !== ''")
        assert status.inner_text() == "No technique is called “Cobol”."
        one.fill("PostgreSQL")
        two.fill("Docker")
        two.press("Enter")
        page.wait_for_function(
            "document.getElementById('finder-status').textContent.includes('Docker')"
        )
        assert status.inner_text() == "PostgreSQL and Docker are not compared yet."
        assert page.url == site_url
        # Only the first name: its page, where all of its comparisons are.
        two.fill("")
        one.fill("pytorch")
        one.press("Enter")
        page.wait_for_url(site_url + "tools/pytorch/")
        assert visit.problems == []


def test_pair_finder_loads_one_small_index_and_one_list_of_opponents(
    browser: Any, site_url: str
) -> None:
    """Never every comparison: the index of techniques, then the first one's opponents, once,
    even when Enter comes while that list is still on its way (a slow network, here)."""
    for visit in _visit(browser, site_url, width=1280):
        page = visit.page
        loaded: list[str] = []
        page.on("request", lambda request, loaded=loaded: loaded.append(request.url))
        page.route("**/api/pairs/*", lambda route: (time.sleep(0.4), route.continue_()))
        one, two = _finder(page)
        one.fill("docker")
        two.fill("k8s")
        two.press("Enter")
        page.wait_for_url(site_url + "compare/docker-vs-kubernetes/")
        data = sorted(url[len(site_url) :] for url in loaded if url.endswith(".json"))
        assert data == ["api/finder.json", "api/pairs/docker.json"]


def test_pair_finder_works_without_javascript(browser: Any, site_url: str) -> None:
    """Without scripts the form stays hidden, and the A-to-Z list gets there in two clicks."""
    for visit in _visit(browser, site_url, width=360, javascript=False):
        page = visit.page
        assert not page.locator(".finder-form").is_visible()
        assert page.get_by_text("open a technique from the A–Z list below").is_visible()
        techniques = page.locator(".technique-index a")
        assert techniques.count() == len(list((REPO / "comparisons/techniques").glob("*.yaml")))
        page.locator(".technique-index").get_by_role("link", name="PostgreSQL", exact=True).click()
        page.wait_for_load_state("load")
        page.get_by_role("link", name="PostgreSQL vs MySQL").first.click()
        page.wait_for_load_state("load")
        assert page.url == site_url + "compare/postgresql-vs-mysql/"
        assert visit.problems == []


_LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "ranking", "comparison"])
def test_nothing_moves_while_a_page_loads(
    browser: Any, site_url: str, name: str, width: int
) -> None:
    """The finder is laid out before its script runs, and focusing it (which loads the index
    of techniques) moves nothing either."""
    for visit in _visit(browser, site_url + PAGES[name], width=width):
        if name == "home":
            visit.page.locator("#finder-first").focus()
        assert visit.page.evaluate(_LAYOUT_SHIFT) == 0
        assert visit.problems == []


def test_every_cell_of_the_matrix_links_to_its_comparison(browser: Any, site_url: str) -> None:
    for visit in _visit(browser, site_url + PAGES["ranking"], width=360):
        page = visit.page
        table = page.locator(".matrix-table")
        names = table.locator("tbody th").all_inner_texts()
        assert len(names) >= 2
        links = table.locator("td a")
        targets = links.evaluate_all("links => links.map(a => [a.href, a.textContent])")
        assert targets
        assert visit.problems == []
        for href, _ in targets:  # fetched, not visited: a page left mid-load aborts its icon
            response = visit.page.request.get(href)
            assert response.status == 200, href
            heading = BeautifulSoup(response.text(), "html.parser").h1
            assert heading is not None and " vs " in heading.get_text(), href


# Every word whose letters land on more than one line, leaving out text only screen readers
# get. A hyphen may end a line; nothing else inside a word may.
_WORDS_SPLIT_ON_PAGE = """(selector) => {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('.visually-hidden, script, style')) continue;
      for (const m of node.data.matchAll(/[^\\s\\-\u2013\u2014/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                             .map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("name", PAGES)
def test_no_word_breaks_across_lines_at_320px(browser: Any, site_url: str, name: str) -> None:
    for visit in _visit(browser, site_url + PAGES[name], width=320):
        page = visit.page
        assert page.evaluate(_WORDS_SPLIT_ON_PAGE, "body") == []
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{overflow}px of horizontal scrolling at 320px"


# Facts side by side, at the narrowest phone width, with every kind of cell.

FACTS_SITE = {
    "nicepick.yaml": """title: Facts
base_url: https://example.org/
facts:
  github_stars: {label: GitHub stars, better: higher}
  binary_size: {label: Binary size, unit: MB, better: lower}
  first_release: {label: First release, better: lower}
  self_hosted: {label: Self-hosted}
  license: {label: License}
""",
    "comparisons/techniques/instance-normalization.yaml": """name: Instance Normalization
summary: Reach for it in style transfer.
facts:
  github_stars: 31000
  binary_size: 12.5
  first_release: 2016-07-27
  self_hosted: true
  license: "[MIT](https://opensource.org/license/mit)"
  platforms: [Linux, macOS, Windows, FreeBSD]
""",
    "comparisons/techniques/batch-normalization.yaml": """name: Batch Normalization
summary: Reach for it in convolutional networks.
facts:
  github_stars: 43000
  first_release: 2015-02-11
  self_hosted: false
  license: BSD-3-Clause, or a commercial licence from its authors
""",
    "comparisons/batch-normalization-vs-instance-normalization.yaml": (
        "compare: [batch-normalization, instance-normalization]\npick: batch-normalization\n"
    ),
}

# Every word (hyphens may end a line) whose letters land on more than one line, in the
# facts section, leaving out text only screen readers get.
_WORDS_SPLIT = """() => {
  const split = [];
  const section = document.querySelector('section.facts');
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('.visually-hidden')) continue;
    for (const m of node.data.matchAll(/[^\\s\\-]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                           .map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(m[0]);
    }
  }
  return split;
}"""


@pytest.fixture(scope="module")
def facts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from click.testing import CliRunner

    from nicepick.cli import main

    site = tmp_path_factory.mktemp("facts-site")
    for rel, text in FACTS_SITE.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    result = CliRunner().invoke(main, ["build", "--source", str(site), "-q"])
    assert result.exit_code == 0, result.output
    with static_host(site / "public") as url:
        yield url


@pytest.mark.parametrize("scheme", SCHEMES)
def test_facts_table_reads_at_320px(
    browser: Any, facts_url: str, site_url: str, scheme: str
) -> None:
    """No sideways scrolling, no word broken across lines, the better value's mark shown, and
    axe content, in both colour schemes; on the example site's longest pair too."""
    script = tools.axe_script()
    pages = [
        facts_url + "compare/batch-normalization-vs-instance-normalization/",
        site_url + "compare/pytorch-vs-batch-normalization/",
    ]
    for url in pages:
        for visit in _visit(browser, url, width=320, scheme=scheme):
            page = visit.page
            assert visit.problems == []
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{overflow}px of horizontal scrolling at 320px"
            assert page.evaluate(_WORDS_SPLIT) == []
            facts = page.locator("section.facts")
            assert facts.locator("th[scope=col]").count() == 2
            shots = ARTIFACTS / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            name = "facts" if url.startswith(facts_url) else "facts-example"
            facts.screenshot(path=str(shots / f"{name}-320-{scheme}.png"))
            assert axe_violations(page, script) == []
    for visit in _visit(browser, pages[0], width=320, scheme=scheme):
        marks = visit.page.locator("td.fact-better .fact-mark")
        assert marks.count() == 2 and all(marks.nth(k).is_visible() for k in range(2))
        # Higher stars and the earlier release; one side has no size: nothing to mark there.
        shown = visit.page.locator("td.fact-better").all_inner_texts()
        assert [text.split("\n") for text in shown] == [
            ["43,000 ✓", "(better)"],
            ["11 February 2015 ✓", "(better)"],
        ]


# Seeded defects: the same checks must catch what they guard.

DEFECTS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Seeded defects</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>@media (prefers-color-scheme: dark) { body { background: #111; color: #222; } }</style>
</head><body><main><h1>Defects</h1>
<p>Readable in light, not in dark.</p>
<div style="width: 600px">Too wide for a phone</div>
<img src="missing.png" alt="A picture that is not there">
<script>console.error("seeded failure");</script>
</main></body></html>
"""


@pytest.fixture(scope="module")
def defects_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("defects")
    (folder / "index.html").write_text(DEFECTS)
    with static_host(folder) as url:
        yield url


def test_browser_checks_report_seeded_defects(browser: Any, defects_url: str) -> None:
    for visit in _visit(browser, defects_url, width=360):
        problems = "\n".join(visit.problems)
        assert "console error: seeded failure" in problems
        assert "missing.png" in problems
        overflow = visit.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow > 0


def test_axe_reports_contrast_that_fails_only_in_dark_mode(browser: Any, defects_url: str) -> None:
    script = tools.axe_script()
    for visit in _visit(browser, defects_url, scheme="light"):
        assert axe_violations(visit.page, script) == []
    for visit in _visit(browser, defects_url, scheme="dark"):
        assert any(v.startswith("color-contrast") for v in axe_violations(visit.page, script))
