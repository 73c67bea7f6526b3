"""Dynamic pairs: comparisons composed entirely from technique data, for pairs nobody wrote.

With `dynamic_pairs: category` in nicepick.yaml every two techniques of one category and one
kind get a comparison page; with `dynamic_pairs: tag`, every two of one kind that share a
related tag. Only rivals are paired, and only where popularity decides the pick: two
techniques of different kinds are more often used together than instead of each other, and a
pick decided by nothing would be a guess. A pair with a YAML file of its own is never
generated. Slugs are ordered alphabetically in the URL, so a page keeps its address as
techniques come and go.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from nicepick.models import Catalog, Comparison, Technique
from nicepick.slugs import slugify
from nicepick.verdict import by_popularity

DIFFERENT_KINDS = "of different kinds"
# What a generated pair has none of (choose_if, extra, lines): one empty dict for all of them,
# not three each (58 MiB at 300,000 pairs). Typed Mapping in Comparison: nothing writes to it.
_NOTHING: dict[str, Any] = {}
NO_POPULARITY = "without a popularity on both sides"
SAME_POPULARITY = "with the same popularity"


@dataclass
class DynamicReport:
    """How many pairs were composed, and how many were left out and why (for `check`)."""

    composed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        if not self.skipped:
            return f"dynamic pairs: {self.composed:,} composed"
        reasons = ", ".join(f"{n:,} {why}" for why, n in sorted(self.skipped.items()))
        return (
            f"dynamic pairs: {self.composed:,} composed, "
            f"{sum(self.skipped.values()):,} skipped ({reasons})"
        )


def groups(catalog: Catalog, mode: str) -> list[list[str]]:
    """The techniques each group holds, whatever their kinds."""
    found: dict[str, list[str]] = defaultdict(list)
    for slug, technique in catalog.techniques.items():
        if mode == "category" and technique.category_slug:
            found[technique.category_slug].append(slug)
        elif mode == "tag":
            for tag in technique.related:
                if tag.slug not in catalog.techniques and tag.slug not in catalog.aliases:
                    found[tag.slug].append(slug)
    return [sorted(members) for _, members in sorted(found.items())]


def _why_not(a: Technique, b: Technique) -> str:
    if slugify(a.kind) != slugify(b.kind):
        return DIFFERENT_KINDS
    if a.popularity is None or b.popularity is None:
        return NO_POPULARITY
    return SAME_POPULARITY if by_popularity(a, b) is None else ""


def with_dynamic_pairs(
    catalog: Catalog, mode: str, kept: dict[tuple[str, str], Comparison] | None = None
) -> tuple[Catalog, DynamicReport]:
    """The catalog with its generated pairs. `kept`: serve's generated pairs of the last
    load, updated to this one's. A pair is made from its two slugs alone, so the same pair
    is given the same object again: the standings, compared by identity, then stay standing
    through a save that changes no pair (standings.py)."""
    report = DynamicReport()
    if mode not in ("category", "tag"):
        return catalog, report
    # A pair with a file is the file's, drafts too: the editor is still writing that page.
    written = {c.pair for c in catalog.comparisons} | catalog.drafted
    generated: dict[frozenset[str], Comparison] = {}
    seen: set[frozenset[str]] = set()
    for members in groups(catalog, mode):
        for first, second in combinations(members, 2):
            pair = frozenset((first, second))
            if pair in written or pair in seen:
                continue
            seen.add(pair)
            why = _why_not(catalog.techniques[first], catalog.techniques[second])
            if why:
                report.skipped[why] += 1
                continue
            known = kept.get((first, second)) if kept is not None else None
            generated[pair] = known or Comparison(
                first,
                second,
                generated=True,
                choose_if=_NOTHING,
                extra=_NOTHING,
                source=f"the dynamic pair {first} and {second}",
                lines=_NOTHING,
            )
    report.composed = len(generated)
    if kept is not None:
        kept.clear()
        kept.update(((c.first, c.second), c) for c in generated.values())
    comparisons = sorted(
        [*catalog.comparisons, *generated.values()], key=lambda c: (c.first, c.second)
    )
    return replace(catalog, comparisons=tuple(comparisons)), report
