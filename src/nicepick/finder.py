"""The data behind the home page's pair finder: what it loads, and no more.

The finder first loads one index of every technique (name, slug, aliases, page), small even at
thousands of techniques, then, once a first technique is chosen, that technique's own list of
opponents. So a site of 100,000 comparisons costs a reader two small files, never the whole
list. Paths are site-relative; the script adds the site's base path, so these files do not
change when the site moves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from nicepick import urls
from nicepick.models import Comparison, Technique
from nicepick.ranking import Record

if TYPE_CHECKING:
    from nicepick.derived import Derived
    from nicepick.pages import Plan

INDEX = "api/finder.json"
PAIRS = "api/pairs/"  # + slug + ".json"


def pairs_path(slug: str) -> str:
    return f"{PAIRS}{slug}.json"


def _json(data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
    ).encode()


def index_json(techniques: Iterable[Technique]) -> bytes:
    """[{"n": name, "s": slug, "a": [aliases as written], "p": page}], by name."""
    items = sorted(techniques, key=lambda t: (t.name.casefold(), t.slug))
    return _json(
        [
            {"n": t.name, "s": t.slug, "a": list(t.alias_names), "p": urls.technique(t.slug)}
            for t in items
        ]
    )


def pairs_json(record: Record, paths: Mapping[Comparison, str]) -> bytes:
    """[[opponent slug, comparison page]] for one technique, whichever side it was listed on."""
    return _json(sorted([result.opponent, paths[result.comparison]] for result in record.results))


def plans(d: Derived) -> Iterator[Plan]:
    """The index, and one list of opponents per technique in a comparison."""
    from nicepick.pages import Plan

    techniques = d.catalog.techniques
    yield Plan(
        INDEX,
        "the pair finder's index",
        "finder-index",
        content=lambda _: index_json(techniques.values()),
        in_sitemap=False,
    )

    def pairs(slug: str) -> bytes:
        return pairs_json(d.records[slug], d.paths)

    for slug in techniques:
        if d.records[slug].results:
            yield Plan(
                pairs_path(slug),
                techniques[slug].source,
                "finder-pairs",
                content=pairs,
                subject=slug,
                in_sitemap=False,
            )
