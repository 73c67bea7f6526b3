"""The domain rules of a comparison: who is the Nice Pick, and what decided it.

Alternatives (you pick one): the editor's `pick`, else the clearly higher `popularity`. Nothing
else decides: not the order of `compare`, not the alphabet. A written comparison that neither
rule decides is refused; a dynamic pair that neither rule decides is never made.

Complements (used together): `pick` names the one to adopt first, if the editor says; they are
neither a win nor a loss for anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nicepick.config import PopularityScale
from nicepick.errors import Problems
from nicepick.models import Catalog, Comparison, Technique

EDITOR, POPULARITY, NONE = "editor", "popularity", "none"
CLOSE, CLEAR, WIDE = "close", "clear", "wide"


@dataclass(slots=True)
class Outcome:
    """Who won one comparison and why (read-only by convention; one per comparison, and a
    frozen __init__ costs a setattr call per field). For complements, `pick` is the one to
    adopt first (the first listed when the editor did not say) and nobody wins."""

    pick: str
    other: str
    decided_by: str  # EDITOR, POPULARITY, or NONE (complements without a pick)
    together: bool = False


def by_popularity(a: Technique, b: Technique) -> Technique | None:
    """The more popular of the two, or None when either has no popularity or they tie."""
    if a.popularity is None or b.popularity is None or a.popularity == b.popularity:
        return None
    return a if a.popularity > b.popularity else b


def decide(comparison: Comparison, techniques: Mapping[str, Technique]) -> Outcome:
    """The outcome of a checked comparison (see `undecided` for those that have none)."""
    if comparison.pick:
        return Outcome(
            comparison.pick, comparison.other(comparison.pick), EDITOR, comparison.together
        )
    if comparison.together:
        return Outcome(comparison.first, comparison.second, NONE, True)
    winner = by_popularity(techniques[comparison.first], techniques[comparison.second])
    if winner is None:
        raise ValueError(f"nothing decides {comparison.source}; `undecided` refuses it")
    return Outcome(winner.slug, comparison.other(winner.slug), POPULARITY)


def undecided(catalog: Catalog, problems: Problems) -> None:
    """A problem for each alternatives comparison whose pick nothing decides."""
    for comparison in catalog.comparisons:
        if comparison.pick or comparison.together:
            continue
        first, second = (catalog.techniques[s] for s in (comparison.first, comparison.second))
        if by_popularity(first, second) is not None:
            continue
        if first.popularity is not None and second.popularity is not None:
            why = f"both have popularity {first.popularity:g}"
        else:
            missing = [t.name for t in (first, second) if t.popularity is None]
            why = (
                " and ".join(missing)
                + (" has" if len(missing) == 1 else " have")
                + " no popularity"
            )
        problems.add(
            comparison.source,
            comparison.line,
            f"nothing decides the pick between {first.name} and {second.name} ({why})",
            f"add 'pick: {first.slug}' (or {second.slug}) with a 'reason:', or give "
            "both techniques a different 'popularity'; if they are used together, "
            "add 'relation: complements'",
        )


def margin(pick: Technique, other: Technique, scale: PopularityScale) -> str:
    """How far apart two popularity scores are: CLOSE, CLEAR or WIDE. A close margin must
    read as close; a wide one may say so."""
    assert pick.popularity is not None and other.popularity is not None
    a, b = pick.popularity, other.popularity
    gap = abs(a - b)
    if gap <= scale.close_margin(a, b):
        return CLOSE
    top = scale.max if scale.max else max(abs(a), abs(b))
    if gap >= 0.3 * top or (b > 0 and a >= 2 * b):
        return WIDE
    return CLEAR
