"""Techniques readers cannot tell apart, which build and check refuse: two names that differ
only in case or Unicode form ("MySQL vs MYSQL" is no comparison), and one file published
twice because a link in comparisons/techniques/ reaches it under a second slug.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from nicepick.errors import Problem
from nicepick.models import Technique


def look(text: str) -> str:
    """What a reader sees: the same for 'Café' composed or decomposed, for 'CAFÉ', and for a
    name with a zero-width space or joiner in it (format characters show as nothing)."""
    seen = unicodedata.normalize("NFKC", text).casefold().strip()
    return "".join(c for c in seen if unicodedata.category(c) != "Cf")


def lookalikes(source: Path, techniques: Iterable[Technique]) -> list[Problem]:
    """One problem for each technique after the first with a name that looks the same.

    Names are compared first, with no file touched; only techniques whose names collide are
    looked up on disk, to tell a link to the same file from two files.
    """
    by_look: dict[str, list[Technique]] = defaultdict(list)
    for technique in techniques:
        by_look[look(technique.name)].append(technique)
    problems: list[Problem] = []
    for same in by_look.values():
        if len(same) > 1:
            problems += _told_apart(source, same)
    return problems


def _told_apart(source: Path, same: list[Technique]) -> list[Problem]:
    root = source.resolve()
    by_file: dict[Path, list[Technique]] = defaultdict(list)
    for technique in same:
        by_file[(source / technique.source).resolve()].append(technique)
    problems = []
    originals = []
    for real, reached in by_file.items():
        # The technique read by its own path; every other one came through a link.
        own = real.relative_to(root).as_posix() if real.is_relative_to(root) else ""
        original = next((t for t in reached if t.source == own), reached[0])
        originals.append(original)
        for technique in reached:
            if technique is not original:
                problems.append(
                    Problem(
                        technique.source,
                        0,
                        0,
                        f"a link to {original.source}: the same technique "
                        f"is published twice, as '{technique.slug}' and '{original.slug}'",
                        f"remove the link and add '{technique.slug}' to the aliases of "
                        f"{original.source}",
                    )
                )
    first, *others = originals  # in the order given: the catalog's, by slug
    where = f"{first.source}:{first.lines.get('name', 0)}"
    for technique in others:
        how = (
            "the same name as"
            if technique.name == first.name
            else f"a name readers cannot tell from '{first.name}' in"
        )
        problems.append(
            Problem(
                technique.source,
                technique.lines.get("name", 0),
                0,
                f"'{technique.name}' is {how} {where}",
                "rename one, or make one an alias of the other",
            )
        )
    return problems
