"""Which web addresses a site may publish: its base URL (nicepick.yaml's base_url, the
--base-url flag) and the links techniques list. Both the file's reader and the flag ask here."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SAFE_LINK_SCHEMES = {"http", "https", "mailto", ""}
# What a base URL may contain: it is pasted into every page, the sitemap and robots.txt.
URL_SAFE = re.compile(r"^[A-Za-z0-9\-._~:/%@!$()*+,;=\[\]]+$")


def link_problem(url: str) -> str:
    """What makes a link unusable on a page (a scheme, no host, a password), or ''."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SAFE_LINK_SCHEMES or (
        parts.scheme and not parts.netloc and parts.scheme != "mailto"
    ):
        return "only http, https and mailto links are allowed"
    if not parts.scheme:
        return "write a full URL starting with https://"
    if parts.password is not None:
        return "a password in a link would be published; link without it"
    return ""


def credentials_in(url: str) -> str:
    """The user name and password part of a URL ('user:…@'), the password hidden; or ''."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None and "@" not in parts.netloc:
        return ""
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return f"{user}:…@" if parts.password is not None else f"{user}@"


def base_url_problem(url: str) -> tuple[str, str]:
    """What is wrong with a base URL, and a hint; ('', '') when nothing is."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or not URL_SAFE.match(url)
    ):
        return (
            "should be an absolute http(s) URL",
            "e.g. https://example.org/ or https://user.github.io/picks/",
        )
    if credentials_in(url):
        what = (
            f"holds a user name or password ('{credentials_in(url)}'), which every page, "
            "the sitemap and the feed would publish"
        )
        return what, "remove it: readers reach a static site without one"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        return "has a port that is not a number from 0 to 65535", "e.g. https://example.org:8443/"
    return "", ""


def base_url_flag_problem(url: str) -> str:
    """base_url_problem, worded for the --base-url flag; '' when the URL is fine."""
    what, hint = base_url_problem(url)
    if what.startswith("should"):
        return "must be an absolute http(s) URL, e.g. https://example.org/"
    return f"{what} ({hint})" if what else ""
