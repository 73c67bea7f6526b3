"""Crawl a built site over HTTP the way a reader and a search engine would, and report problems.

`crawl` starts from the home page, robots.txt and the sitemap, follows every internal link,
asset, canonical and refresh target, and records what the host answered. The checks below read
those records: each returns one line per problem, so a test can show all of them at once.
"""

from __future__ import annotations

import http.client
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup
from lxml import etree

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.IGNORECASE)


@dataclass
class Fetched:
    url: str  # as served here
    status: int
    kind: str
    body: bytes
    location: str = ""
    soup: BeautifulSoup | None = None

    @property
    def is_html(self) -> bool:
        return self.kind.startswith("text/html")

    @property
    def refresh_target(self) -> str:
        """Where a meta-refresh redirect page sends the reader, or ''."""
        if self.soup is None:
            return ""
        meta = self.soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.IGNORECASE)})
        match = _REFRESH.match(str(meta.get("content", ""))) if meta else None
        return urljoin(self.url, match.group(1).strip()) if match else ""


@dataclass
class Crawl:
    """Everything fetched, keyed by served URL without fragment; plus fragment links to check."""

    local: str  # e.g. http://127.0.0.1:8123/picks/
    public: str  # the site's base_url, e.g. https://example.org/picks/
    pages: dict[str, Fetched] = field(default_factory=dict)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target, id)
    external: set[str] = field(default_factory=set)
    linked_from: dict[str, set[str]] = field(default_factory=dict)

    def to_local(self, url: str) -> str:
        return self.local + url[len(self.public) :] if url.startswith(self.public) else url

    def to_public(self, url: str) -> str:
        return self.public + url[len(self.local) :] if url.startswith(self.local) else url

    def html_pages(self) -> list[Fetched]:
        """Served HTML pages with status 200 that are not redirect pages."""
        return [
            p for p in self.pages.values() if p.status == 200 and p.is_html and not p.refresh_target
        ]


def _fetch(connection: http.client.HTTPConnection, url: str) -> Fetched:
    parts = urlsplit(url)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    response = connection.getresponse()
    body = response.read()
    return Fetched(
        url,
        response.status,
        response.getheader("Content-Type", ""),
        body,
        response.getheader("Location", ""),
    )


def _links(page: Fetched) -> list[str]:
    if page.is_html:
        page.soup = BeautifulSoup(page.body, "lxml")
        found = []
        for tag, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("source", "src"),
        ):
            found += [str(t[attribute]) for t in page.soup.find_all(tag) if t.get(attribute)]
        og = page.soup.find("meta", attrs={"property": "og:url"})
        if og:
            found.append(str(og["content"]))
        if page.refresh_target:
            found.append(page.refresh_target)
        return found
    if "xml" in page.kind:
        root = etree.fromstring(page.body)
        return [e.text or "" for e in root.iter(SITEMAP_NS + "loc")] + [
            e.get("href", "") for e in root.iter(ATOM_NS + "link")
        ]
    if page.url.endswith("robots.txt"):
        text = page.body.decode()
        return [
            line.split(":", 1)[1].strip()
            for line in text.splitlines()
            if line.lower().startswith("sitemap:")
        ]
    return []


def crawl(local: str, public: str, extra: tuple[str, ...] = ()) -> Crawl:
    """Fetch every internal URL reachable from the home page, robots.txt and `extra` paths."""
    result = Crawl(local, public)
    host = urlsplit(local)
    origin = f"{host.scheme}://{host.netloc}/"
    connection = http.client.HTTPConnection(host.hostname or "", host.port, timeout=10)
    queue = [local, local + "robots.txt", *(local + p for p in extra)]
    try:
        while queue:
            url = queue.pop()
            if url in result.pages:
                continue
            page = result.pages[url] = _fetch(connection, url)
            if page.status != 200:
                continue
            for link in _links(page):
                target, fragment = urldefrag(result.to_local(urljoin(url, link)))
                if not target.startswith(origin):
                    result.external.add(target)
                    continue
                if fragment:
                    result.fragments.append((url, target, fragment))
                result.linked_from.setdefault(target, set()).add(url)
                if target not in result.pages:
                    queue.append(target)
    finally:
        connection.close()
    return result


def broken_links(site: Crawl, expect_missing: tuple[str, ...] = ()) -> list[str]:
    """Internal links or assets that did not answer 200 straight away, and dead #fragments."""
    problems = []
    for url, page in sorted(site.pages.items()):
        if page.status == 200 or url in expect_missing:
            continue
        where = ", ".join(sorted(site.linked_from.get(url, ()))[:3]) or "(start)"
        answer = f"{page.status} → {page.location}" if page.location else str(page.status)
        problems.append(f"{url} answered {answer}; linked from {where}")
    for source, target, fragment in site.fragments:
        page = site.pages.get(target)
        if page is None or page.soup is None:
            continue
        if page.soup.find(id=fragment) is None:
            problems.append(f"{source} links to #{fragment} on {target}, which has no such id")
    return problems


def _text(element: object) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""  # type: ignore[attr-defined]


def seo_problems(site: Crawl) -> list[str]:
    """One H1, unique titles and descriptions, a correct absolute canonical, JSON-LD that parses
    and describes the page, and a sitemap that lists pages, never redirects."""
    problems: list[str] = []
    titles: Counter[str] = Counter()
    descriptions: Counter[str] = Counter()
    for page in site.html_pages():
        soup = page.soup
        assert soup is not None
        public = site.to_public(page.url)
        is_404 = soup.body is not None and "page-404" in soup.body.get("class", [])
        h1s = soup.find_all("h1")
        if len(h1s) != 1:
            problems.append(f"{public}: {len(h1s)} h1 elements, expected one")
        title = _text(soup.title)
        description = soup.find("meta", attrs={"name": "description"})
        titles[title] += 1
        descriptions[str(description.get("content", "")) if description else ""] += 1
        if not title or not description or not description.get("content"):
            problems.append(f"{public}: missing <title> or meta description")
        canonical = soup.find("link", rel="canonical")
        href = str(canonical["href"]) if canonical else ""
        expected = site.public + "404.html" if is_404 else public
        if not href.startswith(("https://", "http://")) or href != expected:
            problems.append(f"{public}: canonical is '{href}', expected '{expected}'")
        for script in soup.find_all("script", type="application/ld+json"):
            try:
                data = json.loads(script.string or "")
            except json.JSONDecodeError as error:
                problems.append(f"{public}: JSON-LD does not parse: {error}")
                continue
            if data.get("@type") == "BreadcrumbList":
                problems += _breadcrumb_problems(public, data, href, h1s)
                continue
            name = data.get("headline") or data.get("name")
            if data.get("url") != href:
                problems.append(f"{public}: JSON-LD url '{data.get('url')}' is not the canonical")
            if h1s and name != _text(h1s[0]):
                problems.append(
                    f"{public}: JSON-LD names '{name}', the page's h1 is '{_text(h1s[0])}'"
                )
            if data.get("inLanguage") != soup.html.get("lang"):
                problems.append(f"{public}: JSON-LD language differs from <html lang>")
    problems += [f"title used by {n} pages: '{t}'" for t, n in titles.items() if n > 1]
    problems += [f"description used by {n} pages: '{d}'" for d, n in descriptions.items() if n > 1]
    problems += sitemap_problems(site)
    return problems


def _breadcrumb_problems(public: str, data: dict, href: str, h1s: list) -> list[str]:  # type: ignore[type-arg]
    """A trail from the home page to this page, numbered from 1, naming the page as its h1."""
    items = data.get("itemListElement") or []
    problems = []
    if [item.get("position") for item in items] != list(range(1, len(items) + 1)):
        problems.append(f"{public}: breadcrumb positions are not 1, 2, …")
    if len(items) < 2 or items[-1].get("item") != href:
        problems.append(f"{public}: the breadcrumb trail does not end at the page itself")
    elif h1s and items[-1].get("name") != _text(h1s[0]):
        problems.append(
            f"{public}: the breadcrumb names '{items[-1].get('name')}', the h1 is '{_text(h1s[0])}'"
        )
    return problems


def sitemap_urls(site: Crawl) -> list[str]:
    """Page URLs (public form) listed by the sitemap, following a sitemap index."""
    urls: list[str] = []
    pending = [site.local + "sitemap.xml"]
    while pending:
        page = site.pages.get(pending.pop())
        if page is None or page.status != 200:
            continue
        root = etree.fromstring(page.body)
        locs = [e.text or "" for e in root.iter(SITEMAP_NS + "loc")]
        if root.tag == SITEMAP_NS + "sitemapindex":
            pending += [site.to_local(loc) for loc in locs]
        else:
            urls += locs
    return urls


def sitemap_problems(site: Crawl) -> list[str]:
    problems = []
    listed = sitemap_urls(site)
    if not listed:
        return ["the sitemap lists no pages"]
    pages = {site.to_public(p.url) for p in site.html_pages()}
    unindexed = {
        site.to_public(p.url)
        for p in site.html_pages()
        if p.soup is not None
        and p.soup.find("meta", attrs={"name": "robots", "content": "noindex"})
    }
    redirects = {site.to_public(p.url) for p in site.pages.values() if p.refresh_target}
    for url in listed:
        if url in redirects:
            problems.append(f"sitemap lists the redirect page {url}")
        elif url in unindexed:
            problems.append(f"sitemap lists {url}, which asks not to be indexed")
        elif url not in pages:
            problems.append(f"sitemap lists {url}, which is not a page served with 200")
    for url in sorted(pages - set(listed) - unindexed):
        if not url.endswith("404.html"):
            problems.append(f"{url} is a page but the sitemap does not list it")
    return problems


def published_paths(output: Path) -> tuple[str, ...]:
    """Every file of a built site as the path a host serves it at ("tools/x/" for an index)."""
    paths = []
    for file in sorted(output.rglob("*")):
        if file.is_file() and not file.name.startswith("."):
            rel = file.relative_to(output).as_posix()
            rel = quote(rel)  # as a link asks for it: a slug may be "日本語"
            paths.append(rel[: -len("index.html")] if file.name == "index.html" else rel)
    return tuple(paths)
