"""The site's content as plain frozen dataclasses: what was written, checked, and nothing more."""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any

# A fact's value: inline-Markdown text, a number (decimals as written), yes/no, a date, or a
# list of texts. See facts.py.
FactValue = str | int | Decimal | bool | date | tuple[str, ...]


ALTERNATIVES, COMPLEMENTS = "alternatives", "complements"
RELATIONS = (ALTERNATIVES, COMPLEMENTS)


@dataclass(frozen=True, slots=True)
class Tag:
    """A related tag as written ("Deep learning") and its slug ("deep-learning")."""

    label: str
    slug: str


@dataclass(frozen=True, slots=True)
class Technique:
    """A library, method, language, tool… that comparisons are about."""

    slug: str
    name: str
    summary: str  # inline Markdown
    kind: str = "technique"
    category: str = ""  # as written; empty when not given
    category_slug: str = ""
    tagline: str = ""
    pros: tuple[str, ...] = ()  # inline Markdown each
    cons: tuple[str, ...] = ()
    related: tuple[Tag, ...] = ()
    aliases: tuple[str, ...] = ()  # alias slugs
    alias_names: tuple[str, ...] = ()  # the same aliases as written ("Simple Queue Service")
    popularity: float | None = None
    links: tuple[tuple[str, str], ...] = ()
    body: str = ""  # Markdown
    facts: Mapping[str, FactValue] = field(default_factory=dict)  # as written, in file order
    extra: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""  # the file, as shown in messages
    # key -> line, for messages; a fact's line is under "facts.<key>"
    lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """A head-to-head between two techniques, in the order the editor listed them.

    Compared and hashed by identity: each file is one comparison, and pages key data by it.
    """

    first: str
    second: str
    pick: str = ""  # explicit pick (for complements: the one to adopt first); empty: rules
    reason: str = ""  # the editor's sentence saying why the pick (Markdown)
    relation: str = ALTERNATIVES  # ALTERNATIVES (pick one) or COMPLEMENTS (used together)
    relation_given: bool = False  # written in the file, rather than the default
    generated: bool = False  # a dynamic pair: composed from the two techniques, no file
    verdict: str = ""
    choose_if: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # each side's clauses
    bottom_line: str = ""
    intro: str = ""
    body: str = ""
    updated: date | None = None
    draft: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    line: int = 0
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def together(self) -> bool:
        return self.relation == COMPLEMENTS

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.first, self.second))

    def other(self, slug: str) -> str:
        return self.second if slug == self.first else self.first

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as a call to the class with every field. The default for a slotted
        dataclass looks up the class's fields again for each object it unpickles: 1.3 s of
        the 100,000 that forked workers send back, and the cache between builds holds as many."""
        return (Comparison, _comparison_fields(self))


_comparison_fields = operator.attrgetter(*(f.name for f in fields(Comparison)))


@dataclass(frozen=True)
class Catalog:
    """Everything a site says, checked and cross-referenced, sorted for deterministic output."""

    techniques: Mapping[str, Technique]  # by slug, sorted
    comparisons: tuple[Comparison, ...]  # sorted by URL
    aliases: Mapping[str, str]  # alias slug -> technique slug
    notes: tuple[str, ...] = ()  # what `check` tells the editor besides problems
    # The pairs of comparisons left out as drafts: no dynamic pair takes their place.
    drafted: frozenset[frozenset[str]] = frozenset()

    def technique(self, slug: str) -> Technique:
        return self.techniques[slug]
