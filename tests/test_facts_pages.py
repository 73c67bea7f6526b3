"""Facts on pages: the side-by-side table of a comparison, a technique's own facts, the ranking
column, and the facts schema.org has a word for."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup, Tag
from conftest import Site
from test_facts import facts_site

DECLARATIONS = """
    first_release: {label: First release, better: lower}
    github_stars: {label: GitHub stars, better: higher}
    size: {label: Binary size, unit: MB, better: lower, order: 1}
    self_hosted: {label: Self-hosted}
    license: {label: License}
"""
ALPHA = """
    license: MIT
    written_in: Rust
    first_release: 2020-03-01
    self_hosted: true
    github_stars: 31000
    size: 12.5
    platforms: [Linux, macOS]
"""
BETA = """
    license: BSD-3-Clause
    written_in: Python
    first_release: 2008-01-11
    self_hosted: true
    github_stars: 43000
    size: 40
"""


def table(doc: BeautifulSoup) -> dict[str, list[Tag]]:
    """The facts table: the header row under "", then each row by its label."""
    found = doc.find("section", class_="facts")
    assert found is not None, "no facts on the page"
    rows: dict[str, list[Tag]] = {}
    for tr in found.find_all("tr"):
        label = tr.find("th", scope="row")
        key = label.contents[0].strip() if label else ""
        rows[key] = tr.find_all("td" if label else "th")
    return rows


def shown(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def test_comparison_page_sets_the_facts_side_by_side(site: Site) -> None:
    facts_site(site, ALPHA, BETA, DECLARATIONS)
    site.build()
    doc = site.page("compare/alpha-vs-beta/")
    headings = [h.get_text(" ", strip=True) for h in doc.main.find_all("h2")]
    # After the two cards, before the verdict.
    assert headings[headings.index("Beta") + 1 :][:2] == ["Facts side by side", "The Verdict"]
    rows = table(doc)
    assert [shown(th) for th in rows[""]] == ["Alpha", "Beta"]  # the pick first
    # Declared with an order, then as declared, then the rest by key.
    assert list(rows)[1:] == [
        "Binary size",
        "First release",
        "GitHub stars",
        "Self-hosted",
        "License",
        "Platforms",
        "Written in",
    ]
    values = {label: [shown(td) for td in cells] for label, cells in rows.items() if label}
    assert values["Binary size"] == ["12.5 MB ✓ (better)", "40 MB"]
    assert values["First release"] == ["1 March 2020", "11 January 2008 ✓ (better)"]
    assert values["GitHub stars"] == ["31,000", "43,000 ✓ (better)"]
    assert values["Self-hosted"] == ["Yes", "Yes"]
    assert values["License"] == ["MIT", "BSD-3-Clause"]
    assert values["Platforms"] == ["Linux macOS", "— not given"]
    assert values["Written in"] == ["Rust", "Python"]


def test_two_used_together_have_no_better_value(site: Site) -> None:
    """A chest strap and a GPS watch are worn together: '80 USD ✓ (better)' on their page
    would say one was chosen over the other."""
    facts_site(site, ALPHA, BETA, DECLARATIONS)
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\nrelation: complements\n")
    site.build()
    doc = site.page("compare/alpha-vs-beta/")
    values = {label: [shown(td) for td in cells] for label, cells in table(doc).items() if label}
    assert values["Binary size"] == ["12.5 MB", "40 MB"]
    assert "✓" not in doc.find(class_="facts").get_text()


def test_two_numbers_side_by_side_are_grouped_alike_in_the_table(site: Site) -> None:
    """'38,000' beside '9,500', as the verdict writes them; on Beta's own page, alone, its
    value keeps the rule for numbers under 10,000 ('9500')."""
    facts_site(
        site,
        "github_stars: 38000\nbinary_size: 1200\n",
        "github_stars: 9500\nbinary_size: 1500\n",
        "github_stars: {label: GitHub stars, better: higher}\nbinary_size: {label: Binary size}\n",
    )
    site.build()
    values = {
        label: [shown(td) for td in cells]
        for label, cells in table(site.page("compare/alpha-vs-beta/")).items()
        if label
    }
    assert values["GitHub stars"] == ["38,000 ✓ (better)", "9,500"]
    assert values["Binary size"] == ["1200", "1500"]  # neither is grouped: both as written
    own = {
        label: [shown(td) for td in cells]
        for label, cells in table(site.page("tools/beta/")).items()
        if label
    }
    assert own["GitHub stars"] == ["9500"]


def test_the_better_value_is_marked_by_more_than_colour(site: Site) -> None:
    facts_site(site, ALPHA, BETA, DECLARATIONS)
    site.build()
    doc = site.page("compare/alpha-vs-beta/")
    section = doc.find("section", class_="facts")
    marked = section.find_all("td", class_="fact-better")
    assert [shown(td) for td in marked] == [
        "12.5 MB ✓ (better)",
        "11 January 2008 ✓ (better)",
        "43,000 ✓ (better)",
    ]
    for td in marked:  # a visible mark, and words for screen readers
        assert td.find(class_="fact-mark", attrs={"aria-hidden": "true"}).get_text() == "✓"
        assert td.find(class_="visually-hidden").get_text() == " (better)"
    rules = [shown(span) for span in section.find_all(class_="fact-rule")]
    assert rules == ["(lower is better)", "(earlier is better)", "(higher is better)"]
    assert "marks the better value" in shown(section.find(class_="fact-note"))
    missing = table(doc)["Platforms"][1]
    assert missing.find(attrs={"aria-hidden": "true"}).get_text() == "—"
    assert missing.find(class_="visually-hidden").get_text() == "not given"


def test_ties_missing_sides_and_undirected_facts_mark_nothing(site: Site) -> None:
    facts_site(
        site,
        "github_stars: 500\nsize: 3\nlicense: MIT\n",
        "github_stars: 500\nlicense: GPL\n",
        DECLARATIONS,
    )
    site.build()
    doc = site.page("compare/alpha-vs-beta/")
    assert doc.find("td", class_="fact-better") is None
    assert doc.find(class_="fact-note") is None  # nothing marked, nothing to explain
    assert [shown(td) for td in table(doc)["Binary size"]] == ["3 MB", "— not given"]


def test_a_side_without_facts_still_gets_a_column(site: Site) -> None:
    facts_site(site, "license: MIT\n")
    site.build()
    rows = table(site.page("compare/alpha-vs-beta/"))
    assert [shown(th) for th in rows[""]] == ["Alpha", "Beta"]
    assert [shown(td) for td in rows["License"]] == ["MIT", "— not given"]
    assert site.page("tools/beta/").find(class_="facts") is None


def test_the_pages_language_writes_numbers_dates_and_yes_no(site: Site) -> None:
    facts_site(site, ALPHA, BETA, DECLARATIONS)
    site.write("nicepick.yaml", (site.root / "nicepick.yaml").read_text() + "language: fr\n")
    site.build()
    values = {
        label: [shown(td) for td in cells]
        for label, cells in table(site.page("compare/alpha-vs-beta/")).items()
        if label
    }
    assert values["Binary size"] == ["12,5 MB ✓ (meilleur)", "40 MB"]
    assert values["GitHub stars"] == ["31 000", "43 000 ✓ (meilleur)"]
    assert values["First release"] == ["1er mars 2020", "11 janvier 2008 ✓ (meilleur)"]
    assert values["Self-hosted"] == ["Oui", "Oui"]


def test_every_shape_of_value_reads_as_a_reader_expects(site: Site) -> None:
    facts_site(
        site,
        """
          license: "[MIT](https://opensource.org/license/mit)"
          written_in: Rust
          price: 9.90
          github_stars: 31000
          self_hosted: true
          hosted_only: false
          first_release: 2020-03-01
          platforms: [Linux, macOS, "**Windows**"]
          notes:
          tags: []
    """,
    )
    site.build()
    rows = site.page("tools/alpha/").find("table", class_="fact-table").find_all("tr")
    cells = {row.th.get_text(" ", strip=True): row.td for row in rows}
    assert list(cells) == [
        "First release",
        "Github stars",
        "Hosted only",
        "License",
        "Platforms",
        "Price",
        "Self hosted",
        "Written in",
    ]  # undeclared: by key
    assert cells["License"].a["href"] == "https://opensource.org/license/mit"
    assert cells["Written in"].get_text() == "Rust"
    assert cells["Price"].get_text() == "9.90"
    assert cells["Github stars"].get_text() == "31,000"
    assert (cells["Self hosted"].get_text(), cells["Hosted only"].get_text()) == ("Yes", "No")
    assert cells["First release"].time["datetime"] == "2020-03-01"
    assert cells["First release"].get_text() == "1 March 2020"
    items = cells["Platforms"].find("ul", class_="fact-list").find_all("li")
    assert [li.get_text() for li in items] == ["Linux", "macOS", "Windows"]
    assert items[2].strong is not None
    exported = {t["slug"]: t for t in json.loads((site.public / "api/techniques.json").read_text())}
    assert exported["alpha"]["facts"] == {
        "license": "[MIT](https://opensource.org/license/mit)",
        "written_in": "Rust",
        "price": 9.9,
        "github_stars": 31000,
        "self_hosted": True,
        "hosted_only": False,
        "first_release": "2020-03-01",
        "platforms": ["Linux", "macOS", "**Windows**"],
    }
    assert exported["beta"]["facts"] == {}


def test_a_site_without_facts_shows_no_table(site: Site) -> None:
    site.build()
    assert site.page("compare/alpha-vs-beta/").find(class_="facts") is None
    assert site.page("tools/alpha/").find(class_="facts") is None


def test_technique_page_shows_its_facts(site: Site) -> None:
    facts_site(site, ALPHA, BETA, DECLARATIONS)
    site.build()
    doc = site.page("tools/alpha/")
    section = doc.find("section", class_="facts")
    assert section.h2.get_text() == "Facts"
    assert section.find("thead") is None  # one technique: its name is the page's title
    values = {label: [shown(td) for td in cells] for label, cells in table(doc).items()}
    assert values["GitHub stars"] == ["31,000"]
    assert values["Platforms"] == ["Linux macOS"]
    assert section.find(class_="fact-better") is None  # nothing to be better than


def json_ld(doc: BeautifulSoup) -> dict[str, Any]:
    script = doc.find("script", type="application/ld+json")
    return json.loads(script.string)  # type: ignore[no-any-return]


def test_json_ld_says_what_schema_org_has_words_for(site: Site) -> None:
    facts_site(
        site,
        "license: '[MIT](https://opensource.org/license/mit)'\n"
        "first_release: 2020-03-01\nwritten_in: Rust\n",
        "license: BSD-3-Clause\nfirst_release: 2008\n",
        "license: {label: License}\n",
    )
    site.technique(
        "gamma",
        "name: Gamma\nkind: technique\nsummary: G.\nfacts:\n"
        "  license: CC-BY-4.0\n  first_release: 2019-01-01\n",
    )
    site.build()
    alpha = json_ld(site.page("tools/alpha/"))["about"]
    assert alpha["@type"] == "SoftwareApplication"
    assert alpha["license"] == "https://opensource.org/license/mit"
    assert alpha["datePublished"] == "2020-03-01"
    assert "written_in" not in json.dumps(alpha)  # no schema.org word for it: left out
    about = json_ld(site.page("compare/alpha-vs-beta/"))["about"]
    assert about[0] == alpha
    assert about[1]["license"] == {"@type": "CreativeWork", "name": "BSD-3-Clause"}
    assert "datePublished" not in about[1]  # a year is not a date
    # A technique is not software: a license or release date would not be true of it.
    assert json_ld(site.page("tools/gamma/"))["about"]["@type"] == "Thing"


def test_rankings_show_the_fact_the_site_asks_for(site: Site) -> None:
    facts_site(site, ALPHA, "license: BSD\n", DECLARATIONS)
    site.build()
    assert site.page("best/testing/libraries/").find(class_="ranking-fact") is None
    site.write(
        "nicepick.yaml", (site.root / "nicepick.yaml").read_text() + "ranking_fact: github_stars\n"
    )
    site.build()
    entries = site.page("best/testing/libraries/").select(".ranking-list > li")
    assert [shown(li.find(class_="ranking-fact")) for li in entries] == [
        "GitHub stars: 31,000",
        "GitHub stars: — not given",
    ]
    # A ranking none of whose techniques gives the fact shows no row of dashes.
    config = (site.root / "nicepick.yaml").read_text()
    declared = "  license: {label: License}\n"
    assert declared in config
    site.write(
        "nicepick.yaml",
        config.replace("ranking_fact: github_stars", "ranking_fact: weight").replace(
            declared, declared + "  weight: {label: Weight, unit: g}\n"
        ),
    )
    site.build()
    assert site.page("best/testing/libraries/").find(class_="ranking-fact") is None
