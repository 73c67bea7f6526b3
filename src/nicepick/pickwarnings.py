"""What `check` tells an editor about picks and relations that the data leaves weak.

None of these stop a build: the page is still right, but a reader would ask "why?" or
"are these really rivals?". `check --strict` fails on them.
"""

from __future__ import annotations

from collections.abc import Mapping

from nicepick import prose
from nicepick.errors import Problem
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
