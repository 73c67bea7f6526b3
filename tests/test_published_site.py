"""The example site as a static host publishes it: every link over real HTTP, at the domain root
and under a sub-path; what search engines read (H1, titles, descriptions, canonical, JSON-LD,
sitemap); and HTML validity by the W3C Nu checker. Each check is also run on a seeded defect,
so none of them can pass by checking nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Site
from lxml import etree
from support import tools
from support.crawl import Crawl, broken_links, crawl, published_paths, seo_problems, sitemap_urls
from support.statichost import static_host

from nicepick import pages
from nicepick.cli import main

SCHEMAS = Path(__file__).parent / "schemas"
MISSING = "no-such-page/"
HOSTINGS = {
    "root": ("https://example.org/", "/"),
    "sub-path": ("https://example.org/picks/", "/picks/"),
}


def build(source: Path, output: Path, base_url: str) -> Path:
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--source",
            str(source),
            "--output",
            str(output),
            "--base-url",
            base_url,
            "--force",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    return output


def crawl_served(output: Path, base_url: str, prefix: str) -> Crawl:
    with static_host(output, prefix) as local:
        return crawl(local, base_url, extra=(MISSING, *published_paths(output)))


@pytest.fixture(scope="module", params=list(HOSTINGS))
def published(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Crawl]]:
    base_url, prefix = HOSTINGS[request.param]
    output = build(REPO, tmp_path_factory.mktemp(request.param) / "public", base_url)
    yield output, crawl_served(output, base_url, prefix)


def test_every_internal_link_and_asset_resolves(published: tuple[Path, Crawl]) -> None:
    output, site = published
    assert broken_links(site, expect_missing=(site.local + MISSING,)) == []
    # The crawl really covered the site: every built file was served, and the not-found
    # address got the site's own 404 page with its status.
    assert len(site.pages) == len(published_paths(output)) + 1
    missing = site.pages[site.local + MISSING]
    assert missing.status == 404 and b"Page not found" in missing.body
    assert len(site.fragments) > 0 and len(site.external) > 0


def test_search_engines_read_one_consistent_story(published: tuple[Path, Crawl]) -> None:
    _, site = published
    assert seo_problems(site) == []
    kinds = {page.soup.body["class"][0] for page in site.html_pages()}  # type: ignore[union-attr]
    assert {
        "page-home",
        "page-comparison",
        "page-technique",
        "page-ranking",
        "page-rankings",
        "page-tag",
        "page-category",
        "page-404",
    } <= kinds


def test_reverse_order_and_alias_pages_redirect_and_stay_out_of_the_sitemap(
    published: tuple[Path, Crawl],
) -> None:
    _, site = published
    listed = set(sitemap_urls(site))
    redirects = {
        site.to_public(p.url): site.to_public(p.refresh_target)
        for p in site.pages.values()
        if p.refresh_target
    }
    comparisons = [u for u in listed if "/compare/" in u]
    assert comparisons
    for url in comparisons:
        first, second = url.rstrip("/").rsplit("/", 1)[1].split("-vs-")
        reverse = url.replace(f"{first}-vs-{second}", f"{second}-vs-{first}")
        assert redirects.get(reverse) == url
    alias = site.public + "tools/batchnorm/"  # an alias in the example's batch-normalization.yaml
    assert redirects.get(alias) == site.public + "tools/batch-normalization/"
    assert not listed & set(redirects)


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def test_sitemap_validates_against_the_sitemaps_protocol(published: tuple[Path, Crawl]) -> None:
    output, _ = published
    schema = _schema("sitemap.xsd")
    assert schema.validate(etree.parse(str(output / "sitemap.xml"))), schema.error_log


def test_a_sitemap_index_and_its_parts_validate(site: Site, monkeypatch) -> None:
    monkeypatch.setattr(pages, "SITEMAP_LIMIT", 3)
    site.build()
    index_schema, part_schema = _schema("sitemap-index.xsd"), _schema("sitemap.xsd")
    assert index_schema.validate(etree.parse(str(site.public / "sitemap.xml")))
    parts = list(site.public.glob("sitemap-*.xml"))
    assert len(parts) > 1
    for part in parts:
        assert part_schema.validate(etree.parse(str(part))), part_schema.error_log


def nu_errors(folder: Path) -> list[str]:
    """The Nu HTML checker's errors for every HTML and CSS file under `folder`."""
    command = [
        *tools.vnu_command(),
        "--errors-only",
        "--also-check-css",
        "--format",
        "json",
        "--skip-non-html",
        str(folder),
    ]
    run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '').split('/', 3)[-1]}:{m.get('lastLine', 0)}: {m['message']}"
        for m in messages
    ]


def test_nu_checker_finds_no_errors_on_any_page(published: tuple[Path, Crawl]) -> None:
    output, _ = published
    assert nu_errors(output) == []


# Seeded defects: each check above must report what it guards.


def test_link_check_reports_a_site_built_for_the_wrong_path(tmp_path: Path) -> None:
    """The classic project-site mistake: built for the domain root, published under /picks/."""
    output = build(REPO, tmp_path / "public", "https://example.org/")
    site = crawl_served(output, "https://example.org/picks/", "/picks/")
    problems = broken_links(site, expect_missing=(site.local + MISSING,))
    assert any("/assets/hashed/style." in p and "answered 404" in p for p in problems)


def test_link_check_reports_dead_links_and_fragments(tmp_path: Path) -> None:
    output = build(REPO, tmp_path / "public", "https://example.org/")
    page = output / "tools/docker/index.html"
    page.write_text(
        page.read_text().replace(
            "</main>", '<a href="/tools/nowhere/">x</a><a href="/#nothing-here">y</a></main>'
        )
    )
    problems = broken_links(crawl_served(output, "https://example.org/", "/"))
    assert any(
        p.endswith(
            "tools/nowhere/ answered 404; linked from "
            f"{p.split(' ')[0].rsplit('/tools/', 1)[0]}/tools/docker/"
        )
        for p in problems
    )
    assert any("#nothing-here" in p for p in problems)


def test_seo_check_reports_each_kind_of_mistake(tmp_path: Path) -> None:
    output = build(REPO, tmp_path / "public", "https://example.org/")
    docker = output / "tools/docker/index.html"
    text = docker.read_text()
    text = text.replace("</main>", "<h1>Second heading</h1></main>")
    text = text.replace('href="https://example.org/tools/docker/"', 'href="/tools/docker/"', 1)
    text = text.replace('"@type":"WebPage"', '"@type":"WebPage",', 1)  # broken JSON
    docker.write_text(text)
    podman = output / "tools/podman/index.html"
    kubernetes = (output / "tools/kubernetes/index.html").read_text()
    title = kubernetes.split("<title>")[1].split("</title>")[0]
    podman.write_text(
        podman.read_text().replace(
            podman.read_text().split("<title>")[1].split("</title>")[0], title, 1
        )
    )
    sitemap = output / "sitemap.xml"
    sitemap.write_text(
        sitemap.read_text().replace(
            "</urlset>", "<url><loc>https://example.org/tools/batchnorm/</loc></url></urlset>"
        )
    )
    problems = "\n".join(seo_problems(crawl_served(output, "https://example.org/", "/")))
    assert "tools/docker/: 2 h1 elements" in problems
    assert "tools/docker/: canonical is '/tools/docker/'" in problems
    assert "tools/docker/: JSON-LD does not parse" in problems
    assert f"title used by 2 pages: '{title}'" in problems
    assert "sitemap lists the redirect page https://example.org/tools/batchnorm/" in problems


def test_seo_check_reports_json_ld_that_describes_another_page(tmp_path: Path) -> None:
    output = build(REPO, tmp_path / "public", "https://example.org/")
    page = output / "tools/sqlite/index.html"
    # The page's own JSON-LD (the first), and its own name, not "about"'s
    head, own, rest = page.read_text().partition("</script>")
    before, after = head.rsplit('"name":"SQLite"', 1)
    page.write_text(before + '"name":"MySQL"' + after + own + rest)
    problems = seo_problems(crawl_served(output, "https://example.org/", "/"))
    assert any("JSON-LD names 'MySQL'" in p for p in problems)
    # and the trail of breadcrumbs, which names the page too
    before, after = page.read_text().rsplit('"name":"SQLite"', 1)
    page.write_text(before + '"name":"MySQL"' + after)
    problems = seo_problems(crawl_served(output, "https://example.org/", "/"))
    assert any("the breadcrumb names 'MySQL'" in p for p in problems)


def test_sitemap_schema_refuses_a_relative_location(tmp_path: Path) -> None:
    bad = tmp_path / "sitemap.xml"
    bad.write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>/tools/docker/</loc><lastmod>last week</lastmod></url></urlset>"
    )
    assert not _schema("sitemap.xsd").validate(etree.parse(str(bad)))


def test_nu_checker_reports_invalid_html(tmp_path: Path) -> None:
    shutil.copytree(REPO / "static", tmp_path / "site")
    (tmp_path / "site/broken.html").write_text(
        "<!doctype html><html lang=en><title>x</title><p><div>block in p</div></span>"
    )
    errors = nu_errors(tmp_path / "site")
    assert any("broken.html" in e and "span" in e for e in errors), errors
