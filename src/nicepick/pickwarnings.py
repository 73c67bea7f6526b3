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
    for comparison in catalog.comparisons:
        if not comparison.source.endswith((".yaml", ".yml")):
            continue  # a dynamic pair: composed from techniques, with nothing to add to it
        outcome = outcomes[comparison]
        first, second = (catalog.techniques[s] for s in (comparison.first, comparison.second))
        line = comparison.line
        if not comparison.relation_given and slugify(first.kind) != slugify(second.kind):
            warnings.append(Problem(
                comparison.source, line, 0,
                f"{first.name} is {prose.with_article(first.kind)} and {second.name} "
                f"{prose.with_article(second.kind)}: are they rivals, or used together?",
                "add 'relation: complements' if they work together, or 'relation: "
                "alternatives' to say they are rivals"))
        if outcome.together and outcome.decided_by != EDITOR \
                and len(comparison.choose_if) < 2:
            warnings.append(Problem(
                comparison.source, line, 0,
                f"nothing says which of {first.name} and {second.name} to adopt first",
                f"add 'pick: {first.slug}' (the one to start with) and a 'reason:', or "
                "'choose_if' for both"))
        pick = catalog.techniques[outcome.pick]
        if outcome.decided_by == EDITOR and not comparison.reason \
                and outcome.pick not in comparison.choose_if \
                and not any(prose.is_statement(p) for p in pick.pros):
            warnings.append(Problem(
                comparison.source, comparison.lines.get("pick", line), 0,
                f"nothing on the page says why {pick.name} is the pick",
                "add a 'reason:' sentence, a 'choose_if' for it, or pros to its file"))
    return warnings
