"""Technique files → checked techniques, and the index comparisons resolve against.

Each file is checked on its own (keys, types, slug, tags, placeholders), then across files:
one technique per slug, each alias on one technique and never another's slug.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nicepick import schema
from nicepick.config import PopularityScale
from nicepick.errors import Problem, Problems
from nicepick.factfields import lines_of
from nicepick.filekeys import read_document
from nicepick.models import Tag, Technique
from nicepick.references import Resolver
from nicepick.reuse import CheckedFiles, checked
from nicepick.slugs import slug_problem, slugify
from nicepick.tree import Document


def technique_from(document: Document, problems: Problems) -> Technique | None:
    """Check one technique file; None when it is too broken to take part in the site."""
    values, clean = read_document(document, schema.TECHNIQUE_FIELDS, "technique", problems)
    shown, root = document.shown, document.root
    slug = _technique_slug(document, values, problems)
    kind = values.get("kind") or "technique"
    category = values.get("category", "")
    category_slug = slugify(category) if category else ""
    if category and not category_slug:
        problems.add(
            shown,
            root.value["category"].line,
            f"category '{category}' has no letters or digits to make a URL from",
        )
        clean = False
    if not slugify(kind):
        problems.add(
            shown,
            root.value["kind"].line,
            f"kind '{kind}' has no letters or digits to make a URL from",
        )
        clean = False
    # A placeholder refuses the build but not the technique: `nicepick new comparison` must
    # still find a technique whose file was just created.
    _no_placeholders(document, values, problems)
    related = _tags(document, values.get("related", []), "related", problems)
    alias_tags = _tags(document, values.get("aliases", []), "aliases", problems)
    if not clean or slug is None or related is None or alias_tags is None:
        return None
    return Technique(
        slug=slug,
        name=values["name"],
        summary=values["summary"],
        kind=kind,
        category=category,
        category_slug=category_slug,
        tagline=values.get("tagline", ""),
        pros=tuple(values.get("pros", ())),
        cons=tuple(values.get("cons", ())),
        related=tuple(related),
        aliases=tuple(tag.slug for tag in alias_tags),
        alias_names=tuple(tag.label for tag in alias_tags),
        popularity=values.get("popularity"),
        links=tuple(values.get("links", ())),
        body=values.get("body", ""),
        facts=values.get("facts", {}),
        extra=values.get("extra", {}),
        source=shown,
        lines={key: node.line for key, node in root.keys.items()} | lines_of(document),
    )


def _no_placeholders(document: Document, values: dict[str, Any], problems: Problems) -> bool:
    """The sentences `nicepick new technique` writes are for the editor to replace: a page
    never publishes them."""
    ok = True
    required = {f.name for f in schema.TECHNIQUE_FIELDS if f.required}
    for key, (_, pattern) in schema.PLACEHOLDERS.items():
        # A required field cannot be removed: that would only trade this problem for another.
        hint = "write your own" if key in required else "write your own, or remove it"
        texts = values.get(key)
        items = texts if isinstance(texts, list) else [texts] if texts else []
        node = document.root.value.get(key) if document.root.kind == "map" else None
        for index, text in enumerate(items):
            if re.match(pattern, text):
                line = (
                    node.value[index].line
                    if node is not None and node.kind == "seq"
                    else node.line
                    if node is not None
                    else 0
                )
                problems.add(
                    document.shown,
                    line,
                    f"'{key}' still holds the placeholder '{text}' from 'nicepick new'",
                    hint,
                )
                ok = False
    return ok


def _technique_slug(document: Document, values: dict[str, Any], problems: Problems) -> str | None:
    if "slug" in values:
        slug = values["slug"]
        why = slug_problem(slug)
        if why:
            problems.add(
                document.shown,
                document.root.value["slug"].line,
                f"'slug' {why}",
                f"try '{slugify(slug)}'" if slugify(slug) else "",
            )
            return None
        return str(slug)
    stem = unicodedata.normalize("NFC", document.path.stem)  # macOS may store names decomposed
    why = slug_problem(stem)
    if why:
        suggestion = slugify(stem)
        hint = (
            f"rename the file to {suggestion}.yaml or set 'slug:'"
            if suggestion
            else "set 'slug:' in the file"
        )
        problems.add(document.shown, 0, f"the file name {why.removeprefix('is ')}", hint)
        return None
    return stem


def _tags(
    document: Document, labels: Iterable[str], key: str, problems: Problems
) -> list[Tag] | None:
    tags: list[Tag] = []
    ok = True
    node = document.root.value.get(key) if document.root.kind == "map" else None
    for index, label in enumerate(labels):
        slug = slugify(label)
        if not slug:
            line = node.value[index].line if node is not None else 0
            problems.add(
                document.shown,
                line,
                f"'{key}' item '{label}' has no letters or digits to make a URL from",
            )
            ok = False
            continue
        if all(tag.slug != slug for tag in tags):
            tags.append(Tag(label, slug))
    return tags if ok else None


def _index_techniques(
    techniques: list[Technique], problems: Problems
) -> tuple[dict[str, Technique], dict[str, str]]:
    by_slug: dict[str, Technique] = {}
    for technique in techniques:
        if technique.slug in by_slug:
            problems.add(
                technique.source,
                technique.lines.get("slug", 0),
                f"slug '{technique.slug}' is already used by {by_slug[technique.slug].source}",
                "give one of them another 'slug:'",
            )
            continue
        by_slug[technique.slug] = technique
    aliases: dict[str, str] = {}
    for technique in by_slug.values():
        for alias in technique.aliases:
            line = technique.lines.get("aliases", 0)
            if alias in by_slug:
                problems.add(
                    technique.source,
                    line,
                    f"alias '{alias}' is the slug of {by_slug[alias].source}",
                    "remove the alias",
                )
            elif alias in aliases:
                problems.add(
                    technique.source,
                    line,
                    f"alias '{alias}' is already an alias of {by_slug[aliases[alias]].source}",
                    "keep it on one technique",
                )
            else:
                aliases[alias] = technique.slug
    return dict(sorted(by_slug.items())), dict(sorted(aliases.items()))


@dataclass(frozen=True)
class TechniqueIndex:
    """The checked techniques and how references to them resolve; comparisons need this."""

    by_slug: dict[str, Technique]
    aliases: dict[str, str]
    resolver: Resolver


def index_techniques(
    technique_documents: list[Document],
    problems: Problems,
    technique_stems: Iterable[str] = (),
    cache: CheckedFiles | None = None,
) -> TechniqueIndex:
    """Check every technique file and index them by slug and alias.

    `technique_stems` names every technique file, readable or not, so a comparison that uses a
    technique whose file is broken is not reported a second time as "unknown technique".
    """
    techniques = [
        t for d in technique_documents if (t := checked(d, technique_from, problems, cache))
    ]
    return index_of(techniques, problems, technique_stems)


def index_of(
    techniques: list[Technique], problems: Problems, technique_stems: Iterable[str] = ()
) -> TechniqueIndex:
    """The cross-file checks over techniques (slugs and aliases), then the index."""
    by_slug, aliases = _index_techniques(techniques, problems)
    broken = (
        {unicodedata.normalize("NFC", s) for s in technique_stems} - set(by_slug) - set(aliases)
    )
    return TechniqueIndex(by_slug, aliases, Resolver(by_slug, aliases, broken))


def beyond_the_scale(techniques: Iterable[Technique], scale: PopularityScale) -> list[Problem]:
    """Popularity outside the site's scale, 0 to nicepick.yaml's `popularity.max`: a page
    would read "140 of 100", and the number would still decide picks and rankings, so a
    slip of the keyboard would change a published verdict without a word."""
    top = scale.max
    if top is None:
        return []
    shown = f"{top:g}"
    return [
        Problem(
            technique.source,
            technique.lines.get("popularity", 0),
            0,
            f"popularity {technique.popularity:g} is "
            + ("below the bottom" if technique.popularity < 0 else "above the top")
            + f" of the site's scale (0 to {shown}, popularity.max in nicepick.yaml)",
            f"write a number from 0 to {shown}, or change popularity.max",
        )
        for technique in techniques
        if technique.popularity is not None and not 0 <= technique.popularity <= top
    ]
