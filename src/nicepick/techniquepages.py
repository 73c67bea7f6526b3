"""A page per technique, a page per related tag (the techniques that share it), and how
rankings are named where a technique's page links to them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from nicepick import cardplans, urls
from nicepick.comparisonpages import Redirects
from nicepick.derived import Derived
from nicepick.pages import Crumb, Plan
from nicepick.prose import label_in_sentence, lower_first, name_words
from nicepick.ranking import Ranking
from nicepick.views import Link


def described(name: str, summary: str) -> str:
    """A technique page's description for search results and shares: its summary where that
    names it ("Reach for Pulumi when…"), else "Name: summary", the summary's first word
    lowered after the colon as composed text lowers it. "Pulumi: Reach for Pulumi when…"
    said the name twice."""
    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", summary, re.IGNORECASE):
        return summary
    return f"{name}: {lower_first(summary, name_words(name))}"


def technique_pages(d: Derived) -> Iterator[Plan]:
    ranked_in = rankings_of(d)

    def build(slug: str) -> dict[str, Any]:
        technique = d.catalog.techniques[slug]
        record = d.records[slug]
        view = d.cards[slug]
        description = described(technique.name, view.summary_text)
        json_ld = {
            "@type": "WebPage",
            "name": technique.name,
            "description": description,
            "about": d.thing(slug),
            "dateModified": d.technique_dates[slug].isoformat(),
        }
        line = f"{view.kind} · {view.category}" if view.category else view.kind
        meta = d.meta(
            view.path,
            "technique",
            technique.name,
            description,
            json_ld,
            crumbs=technique_crumbs(d, slug),
            image=cardplans.image(d, view.path),
            image_alt=f"{technique.name}: {line}",
        )
        return d.context(
            meta,
            technique=view,
            record=record,
            matchups=d.matchups(slug),
            links=[Link(label, url) for label, url in technique.links],
            body=d.md.body(technique.body) if technique.body else "",
            rankings=[
                Link(ranking_title(r, d.words, d.config.language), r.path) for r in ranked_in[slug]
            ],
            aliases=technique.alias_names,
            facts=d.facts.table(slug),
        )

    redirect = Redirects(d)
    for slug, technique in d.catalog.techniques.items():
        path = d.technique_paths[slug]
        yield Plan(
            path,
            technique.source,
            "technique",
            "technique.html",
            build,
            subject=slug,
            lastmod=d.technique_dates[slug],
        )
        for alias in technique.aliases:
            yield redirect.plan(urls.technique(alias), path, technique.source)


def rankings_of(d: Derived) -> dict[str, list[Ranking]]:
    """The rankings each technique is in."""
    found: dict[str, list[Ranking]] = defaultdict(list)
    for ranking in d.rankings:
        for slug in ranking.entries:
            found[slug].append(ranking)
    return found


def technique_crumbs(d: Derived, slug: str) -> tuple[Crumb, ...]:
    """Home, then the technique's category where the site lists that category's pairs."""
    group = d.groups_by_slug.get(d.catalog.techniques[slug].category_slug)
    return (d.home_crumb(),) + ((Crumb(group.label, group.path),) if group else ())


def tag_pages(d: Derived) -> Iterator[Plan]:
    tagged: dict[str, list[str]] = defaultdict(list)
    labels = d.tag_labels
    written: dict[str, str] = {}
    for slug, technique in d.catalog.techniques.items():
        for tag in technique.related:
            if tag.slug in d.catalog.techniques or tag.slug in d.catalog.aliases:
                continue
            tagged[tag.slug].append(slug)
            written.setdefault(tag.slug, tag.label)  # messages name it as the editor wrote it
    for tag_slug in sorted(tagged):
        path = urls.tag(tag_slug)

        def build(page: tuple[str, tuple[str, ...]]) -> dict[str, Any]:
            tag_slug, slugs = page
            path = urls.tag(tag_slug)
            members = [
                d.cards[s]
                for s in sorted(slugs, key=lambda s: d.catalog.techniques[s].name.casefold())
            ]
            label = labels[tag_slug]
            names = ", ".join(c.name for c in members[:8]) + ("…" if len(members) > 8 else "")
            description = d.words.tag_description.form(len(members)).format(
                n=len(members), label=d.tag_labels_in_sentence[tag_slug], names=names
            )
            heading = d.words.tag_heading.format(label=label)
            meta = d.meta(
                path,
                "tag",
                heading,
                description,
                {"@type": "CollectionPage", "name": heading, "description": description},
                crumbs=(d.home_crumb(),),
                noindex=len(members) < 2,
            )
            return d.context(
                meta,
                tag=Link(label, path),
                tag_in_sentence=d.tag_labels_in_sentence[tag_slug],
                techniques=members,
            )

        members = tuple(tagged[tag_slug])
        # A tag of one technique is a page with one link on it: reachable, but not offered
        # to search engines, which would rightly call it thin.
        yield Plan(
            path,
            f"related tag '{written[tag_slug]}'",
            "tag",
            "tag.html",
            build,
            subject=(tag_slug, members),
            in_sitemap=len(members) >= 2,
            lastmod=max(d.technique_dates[s] for s in members),
        )


def ranked_what(ranking: Ranking, words: SimpleNamespace, language: str = "en") -> str:
    """ "libraries (Testing)"; "databases", not "databases (Databases)"."""
    kinds, category = ranking.kinds_label, ranking.category_label
    kind_words, category_words = kinds.casefold().split(), category.casefold().split()
    if category_words == kind_words:
        return kinds
    if category_words[-len(kind_words) :] == kind_words:
        # "Web frameworks", not "frameworks (Web frameworks)"; after "Best" in English, as
        # words of the heading ("Best kitchen knives"), unless a name ("Python tools").
        english = language == "en" or language.startswith("en-")
        return label_in_sentence(category) if english else category
    if kind_words[-len(category_words) :] == category_words:
        # "relational databases" and "document databases" in Databases: each its own kind.
        return kinds
    return str(words.ranked_what.format(kinds=kinds, category=category))


def ranking_title(ranking: Ranking, words: SimpleNamespace, language: str = "en") -> str:
    return str(words.ranking_title.format(what=ranked_what(ranking, words, language)))
