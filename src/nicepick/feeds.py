"""Machine-readable outputs: the JSON export, the Atom feed, sitemaps and robots.txt."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from nicepick import facts, pages, urls
from nicepick.derived import Derived
from nicepick.models import Comparison, Technique
from nicepick.pages import Plan
from nicepick.planlist import PlanList, dated_paths, pieces_of
from nicepick.verdict import NONE


def exports(
    d: Derived, lines: dict[str, tuple[object, object, bytes]] | None = None
) -> Iterator[Plan]:
    """The JSON exports. `lines`: each technique's line in the last such export, with the
    technique and the record it came from (serve keeps them while the site's address is the
    same): a save encoded all 2,000 again."""
    known = {} if lines is None else lines

    def techniques_json(_: None) -> Iterator[bytes]:
        return _joined(technique_line(slug, t) for slug, t in d.catalog.techniques.items())

    def technique_line(slug: str, t: Technique) -> bytes:
        record, line = d.records[slug], known.get(slug)
        if line is None or line[0] is not t or line[1] is not record:
            line = known[slug] = (t, record, _line(technique_item(slug, t)))
        return line[2]

    def technique_item(slug: str, t: Technique) -> dict[str, Any]:
        record = d.records[slug]
        return {
            "slug": slug,
            "name": t.name,
            "kind": t.kind,
            "category": t.category,
            "tagline": t.tagline,
            "summary": t.summary,
            "pros": list(t.pros),
            "cons": list(t.cons),
            "related": [tag.label for tag in t.related],
            "aliases": list(t.aliases),
            "alias_names": list(t.alias_names),
            "popularity": _as_written(t.popularity),
            "links": dict(t.links),
            "facts": facts.as_json(t.facts),
            "wins": record.wins,
            "losses": record.losses,
            "used_with": record.pairings,
            "url": urls.absolute(d.config.base_url, urls.technique(slug)),
        }

    def comparisons_json(_: None) -> Iterator[bytes]:
        return _joined(_line(comparison_item(c)) for c in d.catalog.comparisons)

    def comparison_item(c: Comparison) -> dict[str, Any]:
        outcome = d.outcomes[c]
        return {
            "compare": [c.first, c.second],
            "relation": c.relation,
            "pick": outcome.pick if outcome.decided_by != NONE else None,
            "reason": c.reason or None,
            "decided_by": outcome.decided_by,
            "editorial": bool(c.verdict),
            "updated": d.changed(c).isoformat(),
            "verdict": c.verdict or None,
            "choose_if": {
                slug: texts[0] if len(texts) == 1 else list(texts)
                for slug, texts in c.choose_if.items()
            },
            "bottom_line": c.bottom_line or None,
            "intro": c.intro or None,
            "url": urls.absolute(d.config.base_url, d.paths[c]),
        }

    yield Plan(
        urls.TECHNIQUES_JSON,
        "the JSON export",
        "techniques-export",
        content=techniques_json,
        in_sitemap=False,
    )
    yield Plan(
        urls.COMPARISONS_JSON,
        "the JSON export",
        "comparisons-export",
        content=comparisons_json,
        in_sitemap=False,
    )


def _as_written(number: float | None) -> float | int | None:
    """A whole number as the editor wrote it (`popularity: 80` is 80, not 80.0): validation
    makes every popularity a float, for comparing; a reader of the JSON sees the YAML's."""
    return int(number) if number is not None and number.is_integer() else number


def _line(item: dict[str, Any]) -> bytes:
    """One object per line: diffs stay readable, and without `indent` Python's C encoder runs
    (pretty-printing falls back to the pure-Python one, ten times slower on large sites).
    '<', '>' and '&' are escaped: the same data, inert if a page ever inlines it."""
    return (
        json.dumps(item, ensure_ascii=False, sort_keys=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .encode()
    )


def _joined(lines: Iterable[bytes]) -> Iterator[bytes]:
    """A JSON array of `lines`, in pieces of about a megabyte, written as they come
    (manifest.Body): at 100,000 comparisons the export is 40 MB, and held whole it was the
    highest point of the memory of the process that rendered it (every item as a dict, then
    the whole text copied three times by the escapes, was once 160 MiB)."""
    piece = bytearray(b"[\n")
    separator = b""
    for line in lines:
        piece += separator
        piece += line
        separator = b",\n"
        if len(piece) >= _PIECE:
            yield bytes(piece)
            piece.clear()
    piece += b"\n]\n"
    yield bytes(piece)


_PIECE = 1 << 20


def sitemap_entries(chunk: Sequence[Plan]) -> list[tuple[str, date | None]]:
    """What a sitemap lists of each page: its address and its last change."""
    return [entry for piece in pieces_of(chunk) for entry in dated_paths(*piece)]


def feed_entries(d: Derived) -> list[dict[str, Any]]:
    """The newest FEED_ENTRIES comparisons (every comparison has a date), as the feed shows them."""
    found: list[dict[str, Any]] | None = d.once.get("feed")
    if found is None:
        found = d.once["feed"] = _newest_entries(d)
    return found


def _newest_entries(d: Derived) -> list[dict[str, Any]]:
    newest = heapq.nsmallest(
        pages.FEED_ENTRIES,
        d.changed_lately(pages.FEED_ENTRIES),
        key=lambda c: (-d.changed(c).toordinal(), -d.published(c).toordinal(), c.first, c.second),
    )
    words = d.words

    def summary(c: Comparison) -> str:
        outcome = d.outcomes[c]
        pick = d.catalog.techniques[outcome.pick]
        if not outcome.together:
            return str(words.feed_pick.format(name=pick.name))
        if outcome.decided_by == NONE:
            return str(words.feed_together)
        # As written: serve keeps the feed's entries while the standings and dates stand.
        return str(words.feed_start_with.format(name=pick.name))

    return [
        {
            "title": d.titles[c],
            "path": d.paths[c],
            "updated": d.changed(c),
            "published": d.published(c),
            "summary": summary(c),
        }
        for c in newest
    ]


def feed_and_sitemaps(d: Derived, plans: PlanList) -> Iterator[Plan]:
    """The feed, and the sitemap listing every page meant for search engines, each with its
    last change. Each plan's subject is all it shows besides the site's settings."""

    def feed(entries: list[dict[str, Any]]) -> dict[str, Any]:
        updated = max((entry["updated"] for entry in entries), default=d.newest)
        return {"site": d.site, "entries": entries, "updated": updated}

    yield Plan(
        urls.FEED, "the feed", "feed", "feed.xml", feed, subject=feed_entries(d), in_sitemap=False
    )
    yield Plan(
        urls.FEED_STYLE,
        "the feed",
        "feed-style",
        "feed.css",
        lambda _: {"site": d.site},
        in_sitemap=False,
    )
    # The plans themselves, made again as a sitemap renders (planlist.Window): a (path,
    # lastmod) pair per page held until the end of the build was 7 MiB at 100,000
    # comparisons. Templates get the pairs.
    listed = plans.in_sitemap()
    size = pages.SITEMAP_LIMIT
    chunks = [listed[i : i + size] for i in range(0, len(listed), size)] or [[]]

    def sitemap(chunk: Sequence[Plan]) -> dict[str, Any]:
        return {"site": d.site, "urls": sitemap_entries(chunk)}

    if len(chunks) == 1:
        yield Plan(
            urls.SITEMAP,
            "the sitemap",
            "sitemap",
            "sitemap.xml",
            sitemap,
            subject=listed,
            in_sitemap=False,
        )
    else:
        names = [urls.SITEMAP_PAGE.format(n=n) for n in range(1, len(chunks) + 1)]
        for name, chunk in zip(names, chunks, strict=True):
            yield Plan(
                name,
                "the sitemap",
                "sitemap",
                "sitemap.xml",
                sitemap,
                subject=chunk,
                in_sitemap=False,
            )
        yield Plan(
            urls.SITEMAP,
            "the sitemap",
            "sitemap-index",
            "sitemap-index.xml",
            lambda names: {"site": d.site, "sitemaps": names},
            subject=names,
            in_sitemap=False,
        )
    sub_path = urlsplit(d.config.base_url).path
    sub_path = "" if sub_path in ("", "/") else sub_path
    yield Plan(
        urls.ROBOTS,
        "robots.txt",
        "robots",
        "robots.txt",
        lambda _: {"site": d.site, "sub_path": sub_path},
        in_sitemap=False,
    )
