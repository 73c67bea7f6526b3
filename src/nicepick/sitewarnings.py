"""Warnings `check` gives about a site that builds but probably not as its editor meant.

One category or tag written several ways (one page shows one spelling), a date in the
future, a template no page uses (a misspelt override), a file in comparisons/ that is not
read because of its suffix. None stops a build; `check --strict` fails on them. (Techniques
readers cannot tell apart are errors: lookalikes.py.)
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from nicepick import sources
from nicepick.build import CheckedSite
from nicepick.dates import history_problem
from nicepick.errors import Problem
from nicepick.models import Technique
from nicepick.themefiles import unreached_templates
from nicepick.words import has_words_for, spoken

_BACKUPS = ("~", ".bak", ".orig", ".swp", ".tmp")


def site_warnings(site: CheckedSite) -> list[Problem]:
    techniques = list(site.catalog.techniques.values())
    return [
        *_spellings(techniques),
        *_near_techniques(techniques),
        *_future_dates(site),
        *unreached_templates(site.config, _templates_used(site)),
        *_unread_files(site.config.source),
        *_unknown_language(site),
        *_partial_history(site),
    ]


def _partial_history(site: CheckedSite) -> Iterable[Problem]:
    """Dates that cannot come from the site's whole git history: every comparison would be
    published the day of the clone or of its last commit, and the feed would say so."""
    why = history_problem(site.config.source)
    if why:
        yield Problem(
            sources.CONFIG_FILE,
            0,
            0,
            f"pages are dated without their git history: {why}",
            "fetch it whole ('git fetch --unshallow'; in GitHub Actions, 'fetch-depth: 0' "
            "under actions/checkout)"
            if "shallow" in why
            else "run git as the repository's owner, or list it in git's safe.directory",
        )


def _setting_line(source: Path, key: str) -> int:
    """The line of nicepick.yaml that sets `key` (0 when it is not found there: a flag)."""
    try:
        text = (source / sources.CONFIG_FILE).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:")), 0)


def _unknown_language(site: CheckedSite) -> Iterable[Problem]:
    """A `language` no strings file speaks ('xx', a typo for 'fr'): the pages say
    <html lang="xx"> and show English words."""
    if has_words_for(site.config):
        return
    yield Problem(
        sources.CONFIG_FILE,
        _setting_line(site.config.source, "language"),
        0,
        f"language '{site.config.language}' has no theme words: pages show English words "
        "and ISO dates, marked as that language",
        f"check the code (the theme speaks {', '.join(spoken())}), or add "
        f"templates/strings/{site.config.language}.yaml with the keys of the theme's en.yaml",
    )


def _spellings(techniques: list[Technique]) -> Iterable[Problem]:
    """A category or tag written several ways: they share one page, which shows one way.
    A related entry that names a technique links to that technique's page, by its name
    whatever the spelling: not a tag ('aeropress' and 'AeroPress' are both fine)."""
    slugs = {slug for t in techniques for slug in (t.slug, *t.aliases)}
    for what, labels in (
        ("category", [(t.category_slug, t.category, t) for t in techniques if t.category]),
        (
            "tag",
            [(g.slug, g.label, t) for t in techniques for g in t.related if g.slug not in slugs],
        ),
    ):
        first: dict[str, tuple[str, Technique]] = {}
        reported: set[tuple[str, str]] = set()
        for slug, label, technique in labels:
            shown, where = first.setdefault(slug, (label, technique))
            if label == shown or (slug, label) in reported:
                continue
            reported.add((slug, label))
            key = "category" if what == "category" else "related"
            yield Problem(
                technique.source,
                technique.lines.get(key, 0),
                0,
                f"{what} '{label}' is written '{shown}' in {where.source}; they share one page",
                f"write it the same way everywhere: '{shown}'",
            )


def _near_techniques(techniques: list[Technique]) -> Iterable[Problem]:
    """A related entry one letter or two from a technique's slug ('postgresq'): meant as a
    link to that technique, it makes a tag page of its own. A tag several techniques share
    is one on purpose."""
    slugs = {slug for t in techniques for slug in (t.slug, *t.aliases)}
    uses: dict[str, int] = {}
    for technique in techniques:
        for tag in technique.related:
            uses[tag.slug] = uses.get(tag.slug, 0) + 1
    known = sorted(slugs)  # once: a site of thousands of techniques has thousands of tags
    for technique in techniques:
        own = {technique.slug, *technique.aliases}
        for tag in technique.related:
            if tag.slug in slugs or uses[tag.slug] > 1 or len(tag.slug) < 4:
                continue
            close = difflib.get_close_matches(tag.slug, known, n=len(own) + 1, cutoff=0.85)
            near = [slug for slug in close if slug not in own][:1]
            if near:
                yield Problem(
                    technique.source,
                    technique.lines.get("related", 0),
                    0,
                    f"related '{tag.label}' is no technique, so it makes a tag page of its own",
                    f"did you mean '{near[0]}'?",
                )


def _today() -> date:
    """Today, or the day SOURCE_DATE_EPOCH says, as reproducible builds set it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()  # the day in UTC, as every date here: not the machine's zone


def _future_dates(site: CheckedSite) -> Iterable[Problem]:
    """An `updated` date after tomorrow (time zones differ by a day at most): a typo for
    another year, which keeps the comparison at the top of the feed until then."""
    latest = _today() + timedelta(days=1)
    for comparison in site.catalog.comparisons:
        if comparison.updated is not None and comparison.updated > latest:
            yield Problem(
                comparison.source,
                comparison.lines.get("updated", 0),
                0,
                f"'updated' is {comparison.updated.isoformat()}, in the future",
                "a typo? the feed lists it first until then",
            )


def _templates_used(site: CheckedSite) -> set[str]:
    return site.plans.templates()


def _unread_files(source: Path) -> Iterable[Problem]:
    """Files in comparisons/ whose suffix is close to .yaml but is not: never read."""
    content = source / sources.CONTENT_DIR
    for folder, dirnames, filenames in os.walk(content):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            stem, dot, suffix = name.rpartition(".")
            if (
                not dot
                or name.startswith((".", "#"))
                or name.lower().endswith(sources.YAML_SUFFIXES)
                or name.endswith(_BACKUPS)
            ):
                continue
            close = difflib.get_close_matches(f".{suffix.lower()}", [".yaml", ".yml"], 1, 0.7)
            if close or stem.lower().endswith(sources.YAML_SUFFIXES):
                rel = sources.relative(Path(folder) / name, source)
                yield Problem(
                    rel,
                    0,
                    0,
                    "not read: only files ending in .yaml or .yml are content",
                    f"rename it to {stem.rstrip('.')}"
                    f"{'' if stem.lower().endswith(sources.YAML_SUFFIXES) else '.yaml'}",
                )
