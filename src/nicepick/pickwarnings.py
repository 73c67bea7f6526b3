"""What `check` tells an editor about picks and relations that the data leaves weak.

None of these stop a build: the page is still right, but a reader would ask "why?" or
"are these really rivals?". `check --strict` fails on them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from nicepick import facts, prose
from nicepick.errors import Problem
from nicepick.facts import FactSpec
from nicepick.models import Catalog, Comparison
from nicepick.slugs import slugify
from nicepick.verdict import EDITOR, Outcome


def pick_warnings(catalog: Catalog, outcomes: Mapping[Comparison, Outcome]) -> list[Problem]:
    warnings: list[Problem] = []
    # What each technique brings, worked out once rather than for each of its comparisons.
    kinds = {slug: slugify(t.kind) for slug, t in catalog.techniques.items()}
    says_why: dict[str, bool] = {}  # whether any pro is a statement, asked only when needed
    techniques = catalog.techniques
    for comparison in catalog.comparisons:
        if comparison.generated:
            continue  # a dynamic pair: composed from techniques, with nothing to add to it
        outcome = outcomes[comparison]
        first, second = techniques[comparison.first], techniques[comparison.second]
        line = comparison.line
        # Rivals say so by giving each side its own situation, or by a verdict of their own.
        rivals = len(comparison.choose_if) == 2 or bool(comparison.verdict)
        if not comparison.relation_given and not rivals and kinds[first.slug] != kinds[second.slug]:
            warnings.append(
                Problem(
                    comparison.source,
                    line,
                    0,
                    f"{first.name} is {prose.with_article(first.kind)} and {second.name} "
                    f"{prose.with_article(second.kind)}: are they rivals, or used together?",
                    "add 'relation: complements' if they work together, or 'relation: "
                    "alternatives' to say they are rivals",
                )
            )
        if outcome.together and not comparison.choose_if and not comparison.verdict:
            warnings.append(
                Problem(
                    comparison.source,
                    line,
                    0,
                    f"nothing on the page says how {first.name} and {second.name} fit together",
                    "add 'choose_if' for each (when it comes in), or a 'verdict'",
                )
            )
        if (
            outcome.together
            and outcome.decided_by == EDITOR
            and not comparison.reason
            and outcome.pick not in comparison.choose_if
        ):
            warnings.append(
                Problem(
                    comparison.source,
                    comparison.lines.get("pick", line),
                    0,
                    f"nothing on the page says why to start with "
                    f"{catalog.techniques[outcome.pick].name}",
                    "add a 'reason:' sentence, or a 'choose_if' for it",
                )
            )
            continue
        pick = catalog.techniques[outcome.pick]
        if any(
            c.strip().casefold().startswith("only ")
            for c in comparison.choose_if.get(pick.slug, ())
        ):
            warnings.append(
                Problem(
                    comparison.source,
                    comparison.lines.get("choose_if", line),
                    0,
                    f"the choose_if of {pick.name}, the pick, says 'only…': the page then "
                    f"reads as if {pick.name} were the exception",
                    "say when it is the better choice, or give 'only…' to the other side",
                )
            )
        if (
            outcome.decided_by == EDITOR
            and not comparison.reason
            and outcome.pick not in comparison.choose_if
            and not _says_why(says_why, outcome.pick, pick.pros)
        ):
            warnings.append(
                Problem(
                    comparison.source,
                    comparison.lines.get("pick", line),
                    0,
                    f"nothing on the page says why {pick.name} is the pick",
                    "add a 'reason:' sentence, a 'choose_if' for it, or pros to its file",
                )
            )
    return warnings


def _says_why(known: dict[str, bool], slug: str, pros: tuple[str, ...]) -> bool:
    if slug not in known:
        known[slug] = any(prose.is_statement(p) for p in pros)
    return known[slug]


_NEGATED = re.compile(
    r"n't\b|\b(?:not|no|never|regardless|whatever|irrelevant|less|least)\b", re.IGNORECASE
)


def named_fact_warnings(
    catalog: Catalog, declared: Mapping[str, FactSpec], language: str
) -> list[Problem]:
    """A `choose_if` that names a fact on which the other side is the better one: "AeroPress
    when the equipment cost matters", with the Moka pot's the lower. The page shows both
    values right under the clause, so one of the two is likely a slip."""
    warnings: list[Problem] = []
    techniques = catalog.techniques
    for comparison in catalog.comparisons:
        for slug, clauses in comparison.choose_if.items():
            if slug not in techniques or comparison.other(slug) not in techniques:
                continue
            side, rival = techniques[slug], techniques[comparison.other(slug)]
            for key in facts.ordered(side.facts.keys() & rival.facts.keys(), declared):
                label, spec = facts.label_of(key, declared), declared.get(key)
                if facts.better_side(spec, side.facts[key], rival.facts[key]) != 1:
                    continue
                if not any(
                    facts.names_fact(clause, key, label) and not _NEGATED.search(clause)
                    for clause in clauses
                ):
                    continue  # "when the price does not matter" may name where it trails
                unit = spec.unit if spec is not None and spec.unit else ""
                mine, theirs = facts.plain_pair(side.facts[key], rival.facts[key], language)
                if facts.kind(side.facts[key]) != "number":
                    unit = ""
                warnings.append(
                    Problem(
                        comparison.source,
                        comparison.lines.get("choose_if", comparison.line),
                        0,
                        f"choose_if for {slug} names {label!r}, on which {rival.name} is "
                        f"better ({facts.in_text(theirs, unit)} against "
                        f"{facts.in_text(mine, unit)})",
                        "check the two values or the clause: the page shows both under it",
                    )
                )
    return warnings
