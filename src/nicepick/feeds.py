"""Machine-readable outputs: the JSON export, the Atom feed, sitemaps and robots.txt."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from nicepick import derived, facts, urls
from nicepick.derived import Derived, Plan
from nicepick.models import Comparison, Technique
from nicepick.verdict import NONE


def exports(d: Derived) -> Iterator[Plan]:
    def techniques_json(_: None) -> bytes:
        return _json(technique_item(slug, t) for slug, t in d.catalog.techniques.items())

    def technique_item(slug: str, t: Technique) -> dict[str, Any]:
        record = d.records[slug]
        return {
            "slug": slug, "name": t.name, "kind": t.kind, "category": t.category,
            "tagline": t.tagline, "summary": t.summary, "pros": list(t.pros),
            "cons": list(t.cons), "related": [tag.label for tag in t.related],
            "aliases": list(t.aliases), "alias_names": list(t.alias_names),
            "popularity": t.popularity,
            "links": dict(t.links), "facts": facts.as_json(t.facts),
            "wins": record.wins, "losses": record.losses, "used_with": record.pairings,
            "url": urls.absolute(d.config.base_url, urls.technique(slug)),
        }

    def comparisons_json(_: None) -> bytes:
        return _json(comparison_item(c) for c in d.catalog.comparisons)

    def comparison_item(c: Comparison) -> dict[str, Any]:
        outcome = d.outcomes[c]
        return {
            "compare": [c.first, c.second], "relation": c.relation,
            "pick": outcome.pick if outcome.decided_by != NONE else None,
            "reason": c.reason or None,
            "decided_by": outcome.decided_by, "editorial": bool(c.verdict),
            "updated": c.updated.isoformat() if c.updated else None,
            "verdict": c.verdict or None, "choose_if": {slug: texts[0] if len(texts) == 1 else list(texts)
                          for slug, texts in c.choose_if.items()},
            "bottom_line": c.bottom_line or None, "intro": c.intro or None,
            "url": urls.absolute(d.config.base_url, d.paths[c]),
        }

    yield Plan(urls.TECHNIQUES_JSON, "the JSON export", content=techniques_json, in_sitemap=False,
               fingerprint=lambda _: d.fingerprint("techniques.json", d.all_techniques()))
    yield Plan(urls.COMPARISONS_JSON, "the JSON export", content=comparisons_json,
               in_sitemap=False,
               fingerprint=lambda _: d.fingerprint("comparisons.json", d.all_comparisons()))


def _json(items: Iterable[dict[str, Any]]) -> bytes:
    """One object per line: diffs stay readable, and without `indent` Python's C encoder runs
    (pretty-printing falls back to the pure-Python one, ten times slower on large sites).
    '<', '>' and '&' are escaped: the same data, inert if a page ever inlines it.

    Items come one at a time and each line is finished before the next: at 100,000
    comparisons, every item as a dict and then the whole text copied three times by the
    escapes was a 160 MiB peak in the worker that rendered the export."""
    lines = [json.dumps(item, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
             .replace(">", "\\u003e").replace("&", "\\u0026").encode() for item in items]
    return b"[\n" + b",\n".join(lines) + b"\n]\n"


def feed_and_sitemaps(d: Derived, pages: list[Plan]) -> Iterator[Plan]:
    dated = sorted((c for c in d.catalog.comparisons if c.updated),
                   key=lambda c: (c.updated, c.first, c.second), reverse=True)[:derived.FEED_ENTRIES]

    def feed(_: None) -> dict[str, Any]:
        entries = []
        for c in dated:
            view_title = d.titles[c]
            outcome = d.outcomes[c]
            pick = d.catalog.techniques[outcome.pick]
            if not outcome.together:
                summary = f"{view_title}: the Nice Pick is {pick.name}."
            elif outcome.decided_by == NONE:
                summary = f"{view_title}: used together, and how they fit."
            else:
                summary = f"{view_title}: used together; start with {pick.name}."
            entries.append({"title": view_title, "path": d.paths[c],
                            "updated": c.updated, "summary": summary})
        updated = dated[0].updated if dated else None
        return {"site": d.site, "entries": entries, "updated": updated}

    shown = [(c.first, c.second, c.updated, d.outcomes[c].pick, d.outcomes[c].decided_by,
              d.catalog.techniques[c.first].name, d.catalog.techniques[c.second].name)
             for c in dated]
    yield Plan(urls.FEED, "the feed", "feed.xml", feed, in_sitemap=False,
               fingerprint=d.fingerprint("feed", repr(shown)))
    listed = [(p.path, p.lastmod) for p in pages if p.in_sitemap]
    chunks = [listed[i:i + derived.SITEMAP_LIMIT] for i in range(0, len(listed), derived.SITEMAP_LIMIT)] or [[]]
    if len(chunks) == 1:
        def single(_: None) -> dict[str, Any]:
            return {"site": d.site, "urls": listed}

        yield Plan(urls.SITEMAP, "the sitemap", "sitemap.xml", single, in_sitemap=False,
                   fingerprint=d.fingerprint("sitemap", repr(listed)))
    else:
        names = [urls.SITEMAP_PAGE.format(n=n) for n in range(1, len(chunks) + 1)]
        for name, chunk in zip(names, chunks, strict=True):
            def part(chunk: list[tuple[str, date | None]]) -> dict[str, Any]:
                return {"site": d.site, "urls": chunk}

            yield Plan(name, "the sitemap", "sitemap.xml", part, subject=chunk, in_sitemap=False,
                       fingerprint=d.fingerprint("sitemap", repr(chunk)))
        yield Plan(urls.SITEMAP, "the sitemap", "sitemap-index.xml",
                   lambda _: {"site": d.site, "sitemaps": names}, in_sitemap=False,
                   fingerprint=d.fingerprint("sitemap-index", repr(names)))
    yield Plan(urls.ROBOTS, "robots.txt", "robots.txt", lambda _: {"site": d.site},
               in_sitemap=False, fingerprint=d.fingerprint("robots"))
