"""Dynamic pairs: comparisons composed entirely from technique data, for pairs nobody wrote.

With `dynamic_pairs: category` in nicepick.yaml every two techniques of one category get a
comparison page; with `dynamic_pairs: tag`, every two that share a related tag. A pair with a
YAML file of its own is never generated. Slugs are ordered alphabetically in the URL, so a
page keeps its address as techniques come and go.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import combinations

from nicepick.models import Catalog, Comparison

MODES = ("none", "category", "tag")


def groups(catalog: Catalog, mode: str) -> list[list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for slug, technique in catalog.techniques.items():
        if mode == "category" and technique.category_slug:
            found[technique.category_slug].append(slug)
        elif mode == "tag":
            for tag in technique.related:
                if tag.slug not in catalog.techniques and tag.slug not in catalog.aliases:
                    found[tag.slug].append(slug)
    return [sorted(members) for _, members in sorted(found.items())]


def with_dynamic_pairs(catalog: Catalog, mode: str) -> Catalog:
    if mode not in ("category", "tag"):
        return catalog
    written = {c.pair for c in catalog.comparisons}
    generated: dict[frozenset[str], Comparison] = {}
    for members in groups(catalog, mode):
        for first, second in combinations(members, 2):
            pair = frozenset((first, second))
            if pair in written or pair in generated:
                continue
            generated[pair] = Comparison(first, second,
                                         source=f"the dynamic pair {first} and {second}")
    comparisons = sorted([*catalog.comparisons, *generated.values()],
                         key=lambda c: (c.first, c.second))
    return replace(catalog, comparisons=tuple(comparisons))
