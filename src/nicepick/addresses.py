"""Which web addresses a site may publish: its base URL (nicepick.yaml's base_url, the
--base-url flag) and the links techniques list. Both the file's reader and the flag ask here."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

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
    odd = "".join(dict.fromkeys(c for c in url if not c.isascii()))
    if odd and parts.scheme in ("http", "https") and parts.hostname:
        return _unencoded(parts, odd)
    if (
        parts.scheme in ("http", "https")
        and parts.hostname
        and URL_SAFE.match(url)
        and (path_problem := _path_problem(parts.path))[0]
    ):
        return path_problem
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


def _unencoded(parts: SplitResult, odd: str) -> tuple[str, str]:
    """A base URL with characters a link cannot hold as they are ('café')."""
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError:
        host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    fixed = urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%"), "", ""))
    return (
        f"has characters a link cannot hold as written ('{odd}')",
        f"write {fixed}",
    )


def _path_problem(path: str) -> tuple[str, str]:
    """What makes a base URL's path name no folder: '//', '.', '..', or a file at its end."""
    if "//" in path:
        return (
            "has an empty part in its path ('//')",
            f"write its path as {re.sub('/+', '/', path)}",
        )
    parts = path.split("/")
    if any(part in (".", "..") for part in parts):
        return (
            "has '.' or '..' in its path",
            "write the path of the folder the site is published in, e.g. /picks/",
        )
    last = parts[-1]
    if last and re.search(r"\.(?:html?|php|xml|json|txt)$", last, re.IGNORECASE):
        folder = path[: len(path) - len(last)] or "/"
        return (
            f"ends with a file name ('{last}'), where it should name a folder",
            f"write its path as {folder}: pages are published below it",
        )
    return "", ""


def base_url_flag_problem(url: str) -> str:
    """base_url_problem, worded for the --base-url flag; '' when the URL is fine."""
    what, hint = base_url_problem(url)
    if what.startswith("should"):
        return "must be an absolute http(s) URL, e.g. https://example.org/"
    return f"{what} ({hint})" if what else ""


# Names kept for examples and tests (RFC 2606, RFC 6761): nobody's site is published there.
_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")
_EXAMPLE_ENDINGS = (".example", ".test", ".invalid")


def placeholder_host(url: str) -> bool:
    """Whether `url` is on an address kept for examples: `nicepick init` writes one."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return host in _EXAMPLE_DOMAINS or host.endswith(
        tuple(f".{d}" for d in _EXAMPLE_DOMAINS) + _EXAMPLE_ENDINGS
    )
