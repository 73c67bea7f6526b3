"""Sites in any script: names, categories, tags, kinds and file names in Cyrillic, Hebrew,
Japanese, Greek or Devanagari build, with labels shown as written and URLs that keep their
letters, percent-encoded wherever a link is written, and served by static hosts and `serve`."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import Site, broken_links
from support.crawl import broken_links as crawl_broken
from support.crawl import crawl, published_paths, seo_problems
from support.statichost import static_host
from test_serve import fetch, server  # noqa: F401 - the fixture

from nicepick.cli import main
from nicepick.slugs import is_slug, slugify

FILES = {
    "comparisons/techniques/postgresql.yaml": """
        name: PostgreSQL
        kind: СУБД
        category: Базы данных
        summary: Выбирайте PostgreSQL по умолчанию.
        pros: [Надёжность.]
        cons: [Сложность.]
        related: [日本語, SQL, עברית]
        aliases: [Постгрес]
        popularity: 90
    """,
    "comparisons/techniques/база.yaml": """
        name: База
        kind: СУБД
        category: Базы данных
        summary: Простая база.
        pros: [Простота.]
        cons: [Мало функций.]
        related: [日本語, हिन्दी]
        popularity: 50
    """,
    "comparisons/techniques/日本.yaml": """
        name: 日本のツール
        category: Αθήνα
        summary: ツールです。
        pros: [速い。]
        cons: [高い。]
        popularity: 70
    """,
    "comparisons/postgresql-vs-база.yaml": "compare: [postgresql, база]\nupdated: 2026-01-02\n",
    "comparisons/b.yaml": "compare: [日本のツール, Постгрес]\nupdated: 2026-01-03\n",
}


@pytest.fixture
def scripts(site_factory: Callable[..., Site]) -> Site:
    return site_factory(FILES, defaults=False)


def test_slugs_keep_the_letters_of_every_script() -> None:
    assert slugify("Базы данных") == "базы-данных"
    assert slugify("日本語") == "日本語"
    assert slugify("עברית") == "עברית"
    assert slugify("हिन्दी") == "हिन्दी"  # vowel signs are part of the letters
    assert slugify("Αθήνα ΣΟΦΙΑ") == "αθήνα-σοφια"
    assert slugify("Ça va, Señor") == "ca-va-senor"  # Latin loses accents, as it always did
    assert slugify("Łódź Straße Ørsted") == "lodz-strasse-orsted"
    assert slugify("🚀 !!") == ""
    assert slugify("К" * 200) == "к" * 62  # 124 bytes: two slugs and "-vs-" fit a file name
    assert is_slug("базы-данных") and not is_slug("Базы-данных") and not is_slug("база данных")


def test_a_site_in_other_scripts_builds_with_labels_as_written(scripts: Site) -> None:
    scripts.build()
    public = scripts.public
    for folder in (
        "tools/база",
        "tools/日本",
        "tools/постгрес",
        "tags/日本語",
        "tags/עברית",
        "tags/हिन्दी",
        "categories/базы-данных",
        "compare/postgresql-vs-база",
        "compare/база-vs-postgresql",
        "compare/日本-vs-postgresql",
        "best/базы-данных",
    ):
        assert (public / folder).is_dir(), folder
    assert scripts.page("tags/日本語/").find("h1").get_text() == "Related to 日本語"
    heading = scripts.page("categories/базы-данных/").find("h1").get_text()
    assert heading.startswith("Базы данных:")
    assert broken_links(public) == []
    # Every link as written is ASCII: non-ASCII letters percent-encoded as UTF-8.
    page = (public / "tools/postgresql/index.html").read_text("utf-8")
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(h.isascii() for h in hrefs)
    assert f"/tags/{quote('日本語')}/" in hrefs and f"/tools/{quote('база')}/" in hrefs
    assert f"/compare/postgresql-vs-{quote('база')}/" in hrefs
    canonical = scripts.page("tools/база/").find("link", rel="canonical")["href"]
    assert canonical == f"https://example.org/tools/{quote('база')}/"


def test_sitemap_feed_and_export_carry_encoded_urls(scripts: Site) -> None:
    scripts.build()
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [e.text or "" for e in ET.parse(scripts.public / "sitemap.xml").iter(namespace + "loc")]
    assert f"https://example.org/tools/{quote('база')}/" in locs
    assert all(loc.isascii() for loc in locs)
    feed = (scripts.public / "feed.xml").read_text("utf-8")
    assert f"https://example.org/compare/{quote('日本')}-vs-postgresql/" in feed
    exported = json.loads((scripts.public / "api/techniques.json").read_text("utf-8"))
    assert {t["url"] for t in exported} >= {f"https://example.org/tools/{quote('日本')}/"}
    assert {t["category"] for t in exported} == {"Базы данных", "Αθήνα"}


def test_check_finds_every_link_of_such_a_site(scripts: Site) -> None:
    result = scripts.runner.invoke(main, ["check", "--source", str(scripts.root)])
    assert result.exit_code == 0, result.output
    assert "broken link" not in result.output


@pytest.mark.parametrize(
    ("base_url", "prefix"),
    [("https://example.org/", "/"), ("https://example.org/picks/", "/picks/")],
)
def test_a_static_host_serves_every_link(
    scripts: Site, tmp_path: Path, base_url: str, prefix: str
) -> None:
    output = tmp_path / "public"
    scripts.build("--output", str(output), "--base-url", base_url)
    with static_host(output, prefix) as local:
        site = crawl(local, base_url, extra=published_paths(output))
    assert crawl_broken(site) == []
    assert seo_problems(site) == []
    assert len(site.pages) == len(published_paths(output))


def test_serve_serves_pages_in_any_script(server: tuple[str, Site]) -> None:  # noqa: F811
    url, site = server
    site.technique("база", "name: База\nsummary: Простая база.\ncategory: Базы данных\n")
    site.comparison("alpha-vs-база", "compare: [alpha, База]\npick: alpha\n")
    target = url + f"compare/alpha-vs-{quote('база')}/"
    for _ in range(100):
        status, page = fetch(target)
        if status == 200:
            break
        __import__("time").sleep(0.05)
    assert status == 200 and "Alpha vs База" in page
    assert fetch(url + f"tools/{quote('база')}")[0] == 200  # the trailing-slash redirect


def test_new_technique_in_any_script_and_with_slug(scripts: Site) -> None:
    def new(*args: str) -> tuple[int, str]:
        result = scripts.runner.invoke(
            main, ["new", "technique", *args, "--source", str(scripts.root)]
        )
        return result.exit_code, result.output

    assert new("עברית") == (
        0,
        "comparisons/techniques/עברית.yaml\n".replace(
            "comparisons", str(scripts.root / "comparisons"), 1
        ),
    )
    assert new("🚀") == (
        1,
        "Error: cannot make a URL name from '🚀': it has no letters or "
        "digits (give one with --slug, e.g. --slug my-tool)\n",
    )
    assert new("🚀", "--slug", "rocket")[0] == 0
    assert new("X", "--slug", "Bad Slug") == (
        1,
        "Error: --slug 'Bad Slug' is not a valid slug: use lowercase letters, digits and "
        "single hyphens (try --slug bad-slug)\n",
    )
    assert (scripts.root / "comparisons/techniques/rocket.yaml").read_text("utf-8").count(
        'name: "🚀"'
    ) == 1
    result = scripts.runner.invoke(
        main, ["new", "comparison", "עברית", "rocket", "--source", str(scripts.root)]
    )
    assert result.exit_code == 0, result.output
    # What `new` wrote is for the editor to fill in, in any script; then the site builds.
    refused = scripts.build(expect=1)
    assert (
        "comparisons/techniques/עברית.yaml:3: 'summary' still holds the placeholder "
        "'Reach for עברית when …'" in refused.output
    )
    scripts.technique("עברית", "name: עברית\nsummary: כלי.\npopularity: 40\n")
    scripts.technique("rocket", "name: 🚀\nslug: rocket\nsummary: Fast.\npopularity: 60\n")
    scripts.build()
    assert (scripts.public / "compare/עברית-vs-rocket/index.html").is_file()


def test_serve_answers_a_path_sent_as_raw_utf8(server: tuple[str, Site]) -> None:  # noqa: F811
    """Browsers percent-encode; curl sends the bytes as they are. Both reach the page."""
    import socket

    url, site = server
    site.technique("база", "name: База\nsummary: Простая база.\n")
    host, port = url.split("//")[1].rstrip("/").split(":")
    for _ in range(100):
        if fetch(url + f"tools/{quote('база')}/")[0] == 200:
            break
        __import__("time").sleep(0.05)
    with socket.create_connection((host, int(port))) as client:
        client.sendall("GET /tools/база/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200") and "База".encode() in answer
