"""URL shapes and output paths: the one place that knows where each page lives.

Paths here are site-relative ("compare/a-vs-b/"); `link` and `absolute` add the base URL, so a
site deployed under a sub-path (https://user.github.io/picks/) works everywhere at once.

Slugs may be in any script, so a path may hold non-ASCII letters ("tags/日本語/"): the file
is written under that name, and every link to it is percent-encoded as UTF-8
("/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/"), which is how browsers ask for it and what static
hosts (GitHub Pages, Netlify, Cloudflare Pages, S3) decode back to the file's name.
"""

from __future__ import annotations

from urllib.parse import quote

HOME = ""
RANKINGS = "best/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
SITEMAP_PAGE = "sitemap-{n}.xml"
ROBOTS = "robots.txt"
FEED = "feed.xml"
TECHNIQUES_JSON = "api/techniques.json"
COMPARISONS_JSON = "api/comparisons.json"
# The theme's files whose published names carry a hash of their content (themeassets.py).
STYLESHEET = "assets/style.css"
FINDER_SCRIPT = "assets/finder.js"
ICON = "assets/icon.svg"
TOUCH_ICON = "assets/touch-icon.png"
HASHED = "assets/hashed/"
FEED_STYLE = "assets/feed.css"  # rendered like a page, so not hashed: feed.xml names it
SITE_CARD = "card.png"
CARD = "card.png"  # a page's share card, in its folder: compare/a-vs-b/card.png


COMPARISONS = "compare/"  # the folder every page made per comparison lies in


def comparison(first: str, second: str) -> str:
    return f"{COMPARISONS}{first}-vs-{second}/"


def technique(slug: str) -> str:
    return f"tools/{slug}/"


def ranking(category_slug: str, kinds_slug: str) -> str:
    """ "best/testing/libraries/"; "best/databases/" when the category and the kinds are the
    same word, where "best/databases/databases/" would say it twice."""
    if category_slug == kinds_slug:
        return f"best/{category_slug}/"
    return f"best/{category_slug}/{kinds_slug}/"


def card(page_path: str) -> str:
    """The share card of the page at `page_path` (a folder's path)."""
    return page_path + CARD


def category(slug: str, page: int = 1) -> str:
    return f"categories/{slug}/" if page == 1 else f"categories/{slug}/page/{page}/"


def tag(slug: str) -> str:
    return f"tags/{slug}/"


# Printable ASCII is left as it is (a template may link to "search?q=a&b"): only what a URL
# cannot carry, non-ASCII letters and control characters, is percent-encoded.
_KEPT = "".join(chr(code) for code in range(0x20, 0x7F))


def encoded(path: str) -> str:
    """`path` as it is written in a link: non-ASCII characters percent-encoded as UTF-8."""
    return path if path.isascii() and path.isprintable() else quote(path, safe=_KEPT)


def link(base_path: str, path: str) -> str:
    """A root-relative link, as every internal href is written: '/picks/compare/a-vs-b/'."""
    return base_path + encoded(path)


def absolute(base_url: str, path: str) -> str:
    """A full URL for canonical links, the sitemap and the feed."""
    return base_url + encoded(path)


INDEX = "index.html"  # the file of a pretty URL


def output_file(path: str) -> str:
    """The file a page is written to: pretty URLs end in '/', and live in index.html."""
    if path == "" or path.endswith("/"):
        return path + INDEX
    return path
