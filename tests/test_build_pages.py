"""A small site built through the CLI, its pages read back as a reader and a crawler meet them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Site, broken_links, soup

from nicepick.cli import main

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


def test_comparison_page_shows_every_element_in_order(site: Site) -> None:
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\nupdated: 2026-01-10\n")
    site.build()
    doc = site.page("compare/alpha-vs-beta/")
    main = doc.find("main")
    assert main.find("h1").get_text() == "Alpha vs Beta"
    assert main.find(class_="label").get_text(" ", strip=True) == "Updated 10 January 2026"
    headings = [
        h.get_text(" ", strip=True)
        for h in main.find_all(["h1", "h2", "h3"])
        if h.get_text(strip=True) not in ("Pros", "Cons", "Related")
    ]
    assert headings == [
        "Alpha vs Beta",
        "🧊 Nice Pick",
        "Alpha",
        "Alpha",
        "Beta",
        "The Verdict",
        "🧊 The Bottom Line",
        "Alpha wins",
        "More comparisons",
        "With Beta",
    ]  # Alpha is in no other comparison: its side is left out, not shown empty
    assert main.find(class_="pick-name").name == "h3"
    assert main.find(class_="pick-name").get_text() == "Alpha"
    assert main.find(class_="winner").get_text() == "Alpha wins"
    # Popularity decided it, and the page says what the numbers are.
    decided = main.find(class_="decided").get_text(" ", strip=True)
    assert "90" in decided and "60" in decided and "popularity scale" in decided
    pick_card, other_card = main.find_all(class_="card")
    assert "card-pick" in pick_card["class"]
    assert pick_card.find("h2").a["href"] == "/tools/alpha/"
    assert [li.get_text() for li in pick_card.find(class_="pros").find_all("li")] == [
        "It runs tests in parallel out of the box.",
        "Its fixtures are plain functions.",
    ]
    assert [li.get_text() for li in other_card.find(class_="cons").find_all("li")] == [
        "Its assertions are verbose."
    ]
    assert pick_card.find("p", class_="meta").get_text() == "library · Testing"


def test_more_comparisons_lists_the_others_on_every_page(site: Site) -> None:
    """Past the first ten, pages of a technique share one list (rendered once): it must
    never show the page itself, and must say how many others there are."""
    for n in range(14):
        site.technique(
            f"rival-{n:02}", f"name: Rival {n:02}\nsummary: Reach for it.\npopularity: {n}\n"
        )
        site.comparison(f"alpha-vs-rival-{n:02}", f"compare: [alpha, rival-{n:02}]\n")
    site.build()
    alpha_pages = sorted(
        p.parent.name
        for p in (site.public / "compare").glob("*/index.html")
        if p.parent.name.startswith("alpha-vs-")
    )
    assert len(alpha_pages) == 15  # Beta and fourteen rivals
    shown_lists = set()
    for name in alpha_pages:
        nav = site.page(f"compare/{name}/").find("nav", class_="more")
        alpha_side = next(
            h for h in nav.find_all("h3") if h.get_text(" ", strip=True) == "With Alpha"
        )
        items = alpha_side.find_next_sibling("ul").find_all("a")
        hrefs = [a["href"] for a in items]
        assert f"/compare/{name}/" not in hrefs, name
        assert len(hrefs) == 10 and len(set(hrefs)) == 10, name
        assert all(h.startswith("/compare/") for h in hrefs)
        more = alpha_side.find_next_sibling("p").a
        assert more.get_text() == "All 14\xa0other comparisons of Alpha"  # one line
        assert more["href"] == "/tools/alpha/"
        shown_lists.add(tuple(hrefs))
    # The pages among the first ten each leave themselves out; the rest share the first ten.
    assert len(shown_lists) == 11


def test_related_tags_link_to_techniques_or_tag_pages(site: Site) -> None:
    site.build()
    card = site.page("compare/alpha-vs-beta/").find(class_="card-pick")
    related = {a.get_text(): a["href"] for a in card.find(class_="tags").find_all("a")}
    assert related == {
        "Beta": "/tools/beta/",
        "Python": "/tags/python/",
        "Unit Testing": "/tags/unit-testing/",
    }
    tag = site.text("tags/unit-testing/")
    assert "Related to Unit Testing" in tag and "Alpha" in tag


def test_reverse_order_url_redirects_to_the_canonical_page(site: Site) -> None:
    site.build()
    doc = site.page("compare/beta-vs-alpha/")
    assert doc.find("link", rel="canonical")["href"] == "https://example.org/compare/alpha-vs-beta/"
    refresh = doc.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=/compare/alpha-vs-beta/"
    assert doc.find("a")["href"] == "/compare/alpha-vs-beta/"
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_technique_page_lists_record_and_matchups(site: Site) -> None:
    site.build()
    text = site.text("tools/beta/")
    assert "Record: 0 wins, 2 losses" in text
    rows = site.page("tools/beta/").find("table").find("tbody").find_all("tr")
    assert [[td.get_text(" ", strip=True) for td in row.find_all("td")] for row in rows] == [
        ["Alpha", "Not picked", "Alpha vs Beta"],
        ["Gamma", "Not picked", "Gamma vs Beta"],
    ]


def test_rankings_are_titled_by_kind_and_category_without_repeating_either(
    site_factory: Callable[..., Site],
) -> None:
    """'Best knives for Kitchen knives', and two rankings of one category both titled 'Best
    Databases' (relational and document databases): each title names what it ranks, once."""
    site: Site = site_factory(defaults=False)
    kinds = {
        "chefs-knife": ("Chef's knife", "knife", "kitchen-knives", 90),
        "santoku": ("Santoku", "knife", "kitchen-knives", 60),
        "postgresql": ("PostgreSQL", "relational database", "Databases", 90),
        "mysql": ("MySQL", "relational database", "Databases", 70),
        "mongodb": ("MongoDB", "document database", "Databases", 80),
        "couchdb": ("CouchDB", "document database", "Databases", 30),
        "skillet": ("Skillet", "pan", "Cookware", 80),
        "wok": ("Wok", "pan", "Cookware", 50),
    }
    for slug, (name, kind, category, popularity) in kinds.items():
        site.technique(
            slug,
            f"name: {name}\nkind: {kind}\ncategory: {category}\nsummary: S.\n"
            f"popularity: {popularity}\n",
        )
    for first, second in [
        ("chefs-knife", "santoku"),
        ("postgresql", "mysql"),
        ("mongodb", "couchdb"),
        ("skillet", "wok"),
    ]:
        site.comparison(f"{first}-vs-{second}", f"compare: [{first}, {second}]\n")
    site.build()
    titles = sorted(h.get_text() for h in site.page("best/").find("main").find_all("a"))
    titles = [t for t in titles if t.startswith("Best")]
    assert titles == [
        "Best document databases",
        "Best kitchen knives",
        "Best pans (Cookware)",
        "Best relational databases",
    ], titles
    assert (site.public / "best/kitchen-knives/knives/index.html").is_file()


@pytest.mark.parametrize(
    ("language", "batch", "knives"),
    [("en", "batch cooking", "kitchen knives"), ("de", "Batch cooking", "Kitchen knives")],
)
def test_a_label_written_as_a_slug_reads_in_small_letters_inside_a_sentence(
    site_factory: Callable[..., Site], language: str, batch: str, knives: str
) -> None:
    """'2 techniques on this site are related to Batch cooking': the capital is ours (the
    editor wrote batch-cooking), so a sentence drops it; a tag written in words ('Rust') is
    a name. German keeps its nouns' capitals. Headings keep the label as shown."""
    site: Site = site_factory(
        defaults=False, config=f"title: T\nbase_url: https://example.org/\nlanguage: {language}\n"
    )
    for slug in ("alpha", "beta"):
        site.technique(
            slug,
            f"name: {slug.title()}\ncategory: kitchen-knives\nsummary: S.\n"
            "related: [batch-cooking, Rust]\npopularity: "
            + ("80\n" if slug == "alpha" else "40\n"),
        )
    site.comparison("alpha-vs-beta", "compare: [alpha, beta]\n")
    site.build()
    tag = site.page("tags/batch-cooking/")
    assert tag.find(class_="intro").get_text().endswith(f"related to {batch}.")
    assert (
        tag.find("meta", attrs={"name": "description"})["content"].startswith(
            f"2 techniques related to {batch}:"
        )
        or language != "en"
    )
    assert "Batch cooking" in tag.find("h1").get_text()
    rust = site.page("tags/rust/").find(class_="intro").get_text()
    assert rust.endswith("Rust."), rust
    category = site.page("categories/kitchen-knives/")
    assert knives in category.find("meta", attrs={"name": "description"})["content"]
    assert "Kitchen knives" in category.find("h1").get_text()


def test_a_ranking_led_by_nothing_but_the_alphabet_names_no_top_pick(
    site_factory: Callable[..., Site],
) -> None:
    """Two tools only ever used together, with no popularity: first and second by their
    names alone. 'Our top pick: Honing rods' would be a pick nothing decided."""
    site: Site = site_factory(defaults=False)
    for slug, name in (("honing-rods", "Honing rods"), ("whetstone", "Whetstone")):
        site.technique(slug, f"name: {name}\nkind: sharpener\ncategory: knives\nsummary: S.\n")
    site.comparison(
        "whetstone-vs-honing-rods",
        "compare: [whetstone, honing-rods]\nrelation: complements\npick: honing-rods\n",
    )
    site.build()
    page = site.page("best/knives/sharpeners/")
    assert page.find(class_="nice-pick") is None
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert "top pick" not in description and "None of them leads yet" in description
    # Popularity tells them apart: then the first is the pick.
    site.technique(
        "whetstone",
        "name: Whetstone\nkind: sharpener\ncategory: knives\nsummary: S.\npopularity: 70\n",
    )
    site.build()
    page = site.page("best/knives/sharpeners/")
    assert page.find(class_="pick-name").get_text() == "Whetstone"


def test_alias_gets_a_redirect_page_and_stays_out_of_the_sitemap(site: Site) -> None:
    site.build()
    doc = site.page("tools/alpha-classic/")
    assert doc.find("link", rel="canonical")["href"] == "https://example.org/tools/alpha/"
    sitemap = (site.public / "sitemap.xml").read_text()
    assert "alpha-classic" not in sitemap and "beta-vs-alpha" not in sitemap


def test_ranking_orders_by_wins_and_names_the_leader(site: Site) -> None:
    site.build()
    doc = site.page("best/testing/libraries/")
    assert doc.find("h1").get_text() == "Best libraries (Testing)"
    assert doc.find(class_="pick-name").get_text() == "Alpha"
    ranked = [h.find("a").get_text() for h in doc.find(class_="ranking-list").find_all("h2")]
    assert ranked == ["Alpha", "Beta"]
    assert "Best libraries (Testing)" in site.text("best/")
    # Gamma is the only tool in its category: no ranking of one.
    assert not (site.public / "best/testing/tools").exists()


def test_ranking_whose_kind_is_its_category_is_not_named_twice(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--source", str(REPO), "--output", str(tmp_path / "public"), "-q"]
    )
    assert result.exit_code == 0, result.output
    doc = soup(tmp_path / "public", "best/databases/")  # not best/databases/databases/
    assert doc.find("h1").get_text() == "Best databases"
    description = doc.find("meta", attrs={"name": "description"})["content"]
    assert description == (
        "3 databases, ranked by their head-to-head results. Our top pick: PostgreSQL."
    )
    assert doc.find("title").get_text().startswith("Best databases | ")
    # The address earlier versions published still leads there.
    moved = soup(tmp_path / "public", "best/databases/databases/")
    assert moved.find("link", rel="canonical")["href"].endswith("/best/databases/")
    assert "best/databases/databases" not in (tmp_path / "public/sitemap.xml").read_text()


def test_home_page_leads_with_the_finder_then_the_picks(site: Site) -> None:
    site.build()
    doc = site.page("")
    headings = [h.get_text(" ", strip=True) for h in doc.find("main").find_all("h2")]
    # Both comparisons are among the latest: no second list repeats them.
    assert headings == ["Find a pair", "Latest comparisons", "Categories", "All techniques, A to Z"]
    latest = doc.find("h2", id="latest").find_next("ul")
    # Newest first: Gamma vs Beta has no date but its file's, today; Alpha vs Beta says 2026-01-10.
    assert [li.h3.get_text() for li in latest.find_all("li")] == ["Gamma vs Beta", "Alpha vs Beta"]
    assert [p.get_text(" ", strip=True) for p in latest.find_all(class_="pair-pick")] == [
        "🧊 Nice Pick Gamma",
        "🧊 Nice Pick Alpha",
    ]
    assert latest.find_all("time")[1]["datetime"] == "2026-01-10"
    grid = doc.find(class_="category-grid")
    assert [li.get_text(" ", strip=True) for li in grid.find_all("li")] == [
        "Testing 2\xa0comparisons"
    ]  # a count stays with its noun
    assert grid.a["href"] == "/categories/testing/"
    finder = [a["href"] for a in doc.find(class_="technique-index").find_all("a")]
    assert finder == ["/tools/alpha/", "/tools/beta/", "/tools/gamma/"]


def test_every_page_has_head_metadata(site: Site) -> None:
    site.build()
    titles, descriptions = set(), set()
    for path in [
        "",
        "compare/alpha-vs-beta/",
        "tools/alpha/",
        "best/",
        "tags/python/",
        "best/testing/libraries/",
    ]:
        doc = site.page(path)
        assert doc.html["lang"] == "en"
        title = doc.title.get_text()
        description = doc.find("meta", attrs={"name": "description"})["content"]
        assert title and description
        titles.add(title)
        descriptions.add(description)
        assert doc.find("link", rel="canonical")["href"] == f"https://example.org/{path}"
        assert doc.find("meta", property="og:url")["content"] == f"https://example.org/{path}"
        assert doc.find("meta", attrs={"name": "twitter:card"})
        data = json.loads(doc.find("script", type="application/ld+json").string)
        assert data["@context"] == "https://schema.org" and data["url"].endswith(path)
        assert len(doc.find_all("h1")) == 1
    assert len(titles) == 6 and len(descriptions) == 6


def test_sitemap_robots_feed_and_404(site: Site) -> None:
    site.build()
    urls = [loc.text for loc in ET.parse(site.public / "sitemap.xml").iter(f"{SITEMAP_NS}loc")]
    assert "https://example.org/compare/alpha-vs-beta/" in urls
    assert "https://example.org/" in urls
    assert all(u.startswith("https://example.org/") for u in urls)
    assert "Sitemap: https://example.org/sitemap.xml" in (site.public / "robots.txt").read_text()
    lastmods = [e.text for e in ET.parse(site.public / "sitemap.xml").iter(f"{SITEMAP_NS}lastmod")]
    assert len(lastmods) == len(urls)  # every URL says when it last changed
    feed = ET.parse(site.public / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM_NS}entry")
    # Every comparison, dated: an editor's `updated`, else its file's last change (today).
    today = (
        datetime.fromtimestamp((site.root / "comparisons/beta-vs-gamma.yaml").stat().st_mtime, UTC)
        .date()
        .isoformat()
    )
    assert [
        (
            e.find(f"{ATOM_NS}title").text,
            e.find(f"{ATOM_NS}updated").text,
            e.find(f"{ATOM_NS}published").text,
        )
        for e in entries
    ] == [
        ("Gamma vs Beta", f"{today}T00:00:00Z", f"{today}T00:00:00Z"),
        ("Alpha vs Beta", "2026-01-10T00:00:00Z", "2026-01-10T00:00:00Z"),
    ]
    assert feed.find(f"{ATOM_NS}updated").text == f"{today}T00:00:00Z"
    assert site.page("404.html").find("h1").get_text() == "Page not found"


def test_json_export(site: Site) -> None:
    site.build()
    techniques = json.loads((site.public / "api/techniques.json").read_text())
    assert [t["slug"] for t in techniques] == ["alpha", "beta", "gamma"]
    assert techniques[0]["wins"] == 1 and techniques[0]["name"] == "Alpha"
    # As the editor wrote it: `popularity: 90` is 90, not 90.0.
    assert '"popularity": 90,' in (site.public / "api/techniques.json").read_text()
    comparisons = json.loads((site.public / "api/comparisons.json").read_text())
    assert {(c["pick"], c["decided_by"], c["relation"]) for c in comparisons} == {
        ("alpha", "editor", "alternatives"),
        ("gamma", "editor", "alternatives"),
    }


def test_all_internal_links_resolve(site: Site) -> None:
    site.build()
    assert broken_links(site.public) == []


def test_sub_path_base_url_prefixes_every_link(site: Site) -> None:
    site.build("--base-url", "https://user.github.io/picks/")
    doc = site.page("compare/alpha-vs-beta/")
    stylesheet = doc.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/picks/assets/hashed/style.") and stylesheet.endswith(".css")
    assert (
        doc.find("link", rel="canonical")["href"]
        == "https://user.github.io/picks/compare/alpha-vs-beta/"
    )
    assert broken_links(site.public, "/picks/") == []


def test_builds_are_byte_for_byte_deterministic(site: Site, tmp_path) -> None:
    site.build("--output", str(tmp_path / "one"))
    site.build("--output", str(tmp_path / "two"))
    one = {
        p.relative_to(tmp_path / "one"): p.read_bytes()
        for p in (tmp_path / "one").rglob("*")
        if p.is_file()
    }
    two = {
        p.relative_to(tmp_path / "two"): p.read_bytes()
        for p in (tmp_path / "two").rglob("*")
        if p.is_file()
    }
    assert one == two and len(one) > 10


def test_drafts_are_skipped_unless_asked_for(site: Site) -> None:
    site.comparison("alpha-vs-gamma", "compare: [alpha, gamma]\npick: alpha\ndraft: true\n")
    site.build()
    assert not (site.public / "compare/alpha-vs-gamma").exists()
    assert "alpha-vs-gamma" not in (site.public / "sitemap.xml").read_text()
    site.build("--drafts")
    assert (site.public / "compare/alpha-vs-gamma/index.html").is_file()


def test_a_draft_keeps_its_pair_from_being_composed(site: Site) -> None:
    """A draft file is a page being written: no dynamic pair of its own takes its place
    (with the rival picked by popularity) until it is published or removed."""
    site.technique(
        "epsilon",
        "name: Epsilon\nkind: library\ncategory: testing\n"
        "summary: E.\npros: [It is tiny.]\npopularity: 70\n",
    )
    site.write("nicepick.yaml", "base_url: https://example.org/\ndynamic_pairs: category\n")
    site.comparison("alpha-vs-epsilon", "compare: [alpha, epsilon]\npick: epsilon\ndraft: true\n")
    site.build()
    assert not (site.public / "compare/alpha-vs-epsilon").exists()
    assert not (site.public / "compare/epsilon-vs-alpha").exists()
    assert "alpha-vs-epsilon" not in (site.public / "api/comparisons.json").read_text()
    assert (site.public / "compare/beta-vs-epsilon/index.html").is_file()  # still composed
    site.build("--drafts")
    page = site.page("compare/alpha-vs-epsilon/")
    assert page.find(class_="pick-name").get_text() == "Epsilon"  # the draft's own pick
    site.remove("comparisons/alpha-vs-epsilon.yaml")
    site.build()
    assert site.page("compare/alpha-vs-epsilon/").find(class_="pick-name").get_text() == "Alpha"


def test_editorial_comparison_uses_hand_written_text(site: Site) -> None:
    site.comparison(
        "alpha-vs-beta",
        """
        compare: [alpha, beta]
        pick: beta
        updated: 2026-02-03
        intro: Two old friends, compared.
        verdict: Beta is **boring**, and boring is good.
        bottom_line: Pick Beta for code that must outlive you.
        body: |
          # Background
          Some history.
          ## Details
          More.
    """,
    )
    site.build()
    main = site.page("compare/alpha-vs-beta/").find("main")
    assert (
        main.find(class_="label").get_text(" ", strip=True) == "Editorial · Updated 3 February 2026"
    )
    assert main.find("h1").get_text() == "Beta vs Alpha"
    assert main.find(class_="verdict").find("strong").get_text() == "boring"
    assert "Pick Beta for code that must outlive you." in main.find(class_="bottom-line").text
    body = main.find(class_="editorial-body")
    # The body's own headings sit under the page's "In depth" h2.
    assert [h.name for h in body.find_all(["h2", "h3", "h4"])] == ["h2", "h3", "h4"]


def test_site_templates_and_static_override_the_theme(site: Site) -> None:
    site.write(
        "templates/404.html",
        """
        {% extends "default/404.html" %}
        {% block main %}<h1>Lost?</h1>{{ super() }}{% endblock %}
    """,
    )
    site.write("static/assets/extra.css", "body { color: red; }\n")
    site.build()
    assert site.page("404.html").find("h1").get_text() == "Lost?"
    assert (site.public / "assets/extra.css").read_text() == "body { color: red; }\n"
    assert not (site.public / "assets/style.css").exists()  # published under its hash only
    [stylesheet] = (site.public / "assets/hashed").glob("style.*.css")
    assert (
        site.page("").find("link", rel="stylesheet")["href"]
        == "/" + stylesheet.relative_to(site.public).as_posix()
    )


def test_category_pages_paginate_and_the_home_page_previews(site: Site, monkeypatch) -> None:
    from nicepick import pages

    monkeypatch.setattr(pages, "CATEGORY_PAGE_SIZE", 1)
    monkeypatch.setattr(pages, "HOME_CARDS", 1)
    site.build()
    home = site.page("")
    assert [li.h3.get_text() for li in home.find(id="latest").find_next("ul")("li")] == [
        "Gamma vs Beta"
    ]
    assert [li.h3.get_text() for li in home.find(id="top").find_next("ul")("li")] == [
        "Alpha vs Beta"
    ]  # never the same pair twice
    first = site.page("categories/testing/")
    assert first.find("h1").get_text() == "Testing: 2 comparisons (page 1 of 2)"
    assert first.find("a", rel="next")["href"] == "/categories/testing/page/2/"
    second = site.page("categories/testing/page/2/")
    assert [li.h2.get_text() for li in second.find("ul", class_="pair-cards").find_all("li")] == [
        "Gamma vs Beta"
    ]
    assert second.find("a", rel="prev")["href"] == "/categories/testing/"
    assert broken_links(site.public) == []


def test_dynamic_pairs_pair_rivals_that_popularity_decides(site: Site) -> None:
    """Only techniques of one kind in one category are paired, and only where popularity
    decides the pick: Gamma is a tool (the others libraries), Delta has no popularity."""
    site.technique(
        "delta",
        "name: Delta\nkind: library\ncategory: testing\nsummary: D.\npros: [It is quick.]\n",
    )
    site.technique(
        "epsilon",
        "name: Epsilon\nkind: library\ncategory: testing\n"
        "summary: E.\npros: [It is tiny.]\npopularity: 70\n",
    )
    site.write("nicepick.yaml", "base_url: https://example.org/\ndynamic_pairs: category\n")
    site.build()
    pairs = sorted(
        p.name
        for p in (site.public / "compare").iterdir()
        if not site.page(f"compare/{p.name}/").find("meta", attrs={"http-equiv": "refresh"})
    )
    assert pairs == ["alpha-vs-beta", "alpha-vs-epsilon", "beta-vs-epsilon", "beta-vs-gamma"]
    dynamic = site.page("compare/alpha-vs-epsilon/")
    # Dated as its newer technique; no word for readers about how the page was made.
    assert dynamic.find(class_="label").get_text(" ", strip=True).startswith("Updated ")
    assert "ynamic" not in dynamic.find("main").get_text()
    assert dynamic.find(class_="pick-name").get_text() == "Alpha"  # 90 against 70
    assert "90" in dynamic.find(class_="decided").get_text()
    assert (
        site.page("compare/beta-vs-epsilon/").find(class_="pick-name").get_text() == "Epsilon"
    )  # 70 against 60: the alphabet never decides
    # The hand-written file still wins for its pair.
    assert site.page("compare/beta-vs-gamma/").find(class_="pick-name").get_text() == "Gamma"
    assert broken_links(site.public) == []
    result = site.runner.invoke(main, ["check", "--source", str(site.root)])
    assert (
        "nicepick.yaml: note: dynamic pairs: 2 composed, 6 skipped (3 of different "
        "kinds, 3 without a popularity on both sides)"
    ) in result.output


def test_dynamic_pairs_setting_is_checked(site: Site) -> None:
    site.write("nicepick.yaml", "dynamic_pairs: categroy\n")
    result = site.build(expect=1)
    assert (
        "nicepick.yaml:1: 'dynamic_pairs' should be one of none, category, tag, not "
        "'categroy' (did you mean 'category'?)"
    ) in result.output


def test_json_exports_come_out_the_same_whatever_the_size_of_their_pieces(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written a piece at a time (about a megabyte each on a large site): cut into pieces of
    a few bytes, the files are byte for byte those written in one piece."""
    from nicepick import feeds

    site.build("--output", str(tmp_path / "whole"))
    monkeypatch.setattr(feeds, "_PIECE", 7)
    site.build("--output", str(tmp_path / "pieces"))
    for name in ("api/techniques.json", "api/comparisons.json"):
        whole = (tmp_path / "whole" / name).read_bytes()
        assert (tmp_path / "pieces" / name).read_bytes() == whole
        assert json.loads(whole)


def test_a_technique_page_describes_it_without_saying_its_name_twice(site: Site) -> None:
    """Its summary where the summary names it; else "Name: summary", lowered after the
    colon where the first word is an ordinary one."""
    site.technique(
        "delta", "name: Delta\nsummary: A tool that measures how much of the code runs.\n"
    )
    site.technique("epsilon", "name: Epsilon\nsummary: GitHub Actions runs it for you.\n")
    site.build()

    def described(path: str) -> str:
        meta = site.page(path).find("meta", attrs={"name": "description"})
        return str(meta["content"])

    assert described("tools/alpha/") == "Reach for Alpha when you need fast unit tests."
    assert described("tools/delta/") == "Delta: a tool that measures how much of the code runs."
    assert described("tools/epsilon/") == "Epsilon: GitHub Actions runs it for you."
