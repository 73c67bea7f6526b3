"""What each technique brings to one comparison page: the editor's texts it may quote.

A side holds the `choose_if` clause, the pros and cons that read well inside our sentences,
and the declared facts it is ahead on. The page spends each piece at most once, so no
sentence of the editor's is said twice; a pro that measures the technique against a third
one is left to the card, where it does not read as a point about this rival.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from nicepick import facts, prose
from nicepick.clauses import Clause, either, read_clause, with_plural_subject, with_subject
from nicepick.facts import Decisive, FactSpec
from nicepick.models import Comparison, Technique
from nicepick.nameforms import plural


@dataclass(frozen=True, slots=True)
class NamedFact:
    """A fact a side's `choose_if` names, with both values as the page shows them."""

    key: str
    label: str
    mine: str  # with its unit
    rival: str  # the rival's name
    theirs: str
    text: bool  # the values are the editor's text (inline Markdown), not numbers or dates


@dataclass(slots=True)
class Side:
    """One technique's material for this page, each piece spent at most once."""

    technique: Technique
    clause: Clause | None
    pros: list[str] = field(default_factory=list)  # embeddable statements
    cons: list[str] = field(default_factory=list)
    # Declared facts on which this side has the better value (`better:` in nicepick.yaml).
    ahead: list[Decisive] = field(default_factory=list)
    whole_cons: list[str] = field(default_factory=list)  # quotable only as whole sentences
    named: list[NamedFact] = field(default_factory=list)  # facts its choose_if names

    @property
    def name(self) -> str:
        return self.technique.name


@functools.lru_cache(maxsize=16384)
def quotable(text: str) -> bool:
    """Whether a pro or con can follow one of our colons: one statement, and no colon of
    its own ("Unopinionated: structure is up to you" would make two in a row)."""
    return prose.is_statement(text) and ":" not in text.replace("://", "")


_COMPARATIVE = re.compile(r"\b(?:than|vs\.?|versus|compared|unlike|trails?|behind|ahead of)\b")
# "(esbuild vs. Rollup)": two other things set side by side in an aside, not the technique
# measured against a third one.
_ASIDE_VS = re.compile(r"\([^()]*\b(?:vs\.?|versus)\s[^()]*\)")


@functools.lru_cache(maxsize=16384)
def _comparative(quote: str) -> bool:
    """Whether a pro or con compares at all: most do not, on every page that quotes them."""
    return _COMPARATIVE.search(_ASIDE_VS.sub("", quote)) is not None


_NAME_TOKEN = re.compile(r"(?<![\w.])([A-Z][\w.+#-]*[\w+#])")


def _elsewhere(quote: str, names: frozenset[str]) -> bool:
    """Whether a pro or con measures the technique against a third one ("slower than
    Fastify", "trails Batch Normalization"): on another pair's page it would read as a
    point about the wrong rival, so the page leaves it to the card."""
    if not _comparative(quote):
        return False
    # What it is measured against comes after the comparing word: "Improves VO2max faster
    # than any other session" names no third technique; "slower than Fastify" does.
    found = _COMPARATIVE.search(_ASIDE_VS.sub(lambda m: " " * len(m.group()), quote))
    after = found.start() if found else 0
    for match in _NAME_TOKEN.finditer(quote, after):
        word = match.group(1)
        if match.start() == 0 or word in names or word.split(".")[0] in names:
            continue
        if (
            not prose.is_common(word)
            or any(c.isupper() for c in word[1:])
            or word in prose.KNOWN_NAMES
        ):
            return True
    return False


_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_PLAIN_WORDS = frozenset(
    """with that this than they their there these those your from into
have more less most much many when what which while where about also only very just even
does make makes made need needs each other some such because without within through""".split()
)


_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")


@functools.lru_cache(maxsize=16384)
def _points(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The content words and the acronyms of one pro or con, each once. Cached: a
    technique's texts are read again on each of its comparison pages (a hundred at 100,000
    comparisons); tuples of interned words, as sets held 20 MiB more at 10,000."""
    lowered = (w.lower() for w in _CONTENT_WORD.findall(text))
    kept = dict.fromkeys(sys.intern(w.rstrip("s")) for w in lowered if w not in _PLAIN_WORDS)
    return tuple(kept), tuple(dict.fromkeys(_ACRONYM.findall(text)))


def shares_point(text: str, others: list[str]) -> bool:
    """Whether `text` makes a point the other side's own texts make too (an acronym in
    common, or two content words): then it does not tell the two apart."""
    words, acronyms = _points(text)
    mine_words, mine_acronyms = set(words), set(acronyms)
    for other in others:
        their_words, their_acronyms = _points(other)
        if not mine_acronyms.isdisjoint(their_acronyms) or (
            len(mine_words.intersection(their_words)) >= 2
        ):
            return True
    return False


def _common_words(*texts: str) -> frozenset[str]:
    """Words these texts use in lower case: ordinary words, whatever the word list says.
    Composed text learns from the two techniques of its own page only, so a page's words
    depend on nothing outside the page."""
    return frozenset(w for text in texts for w in _LOWER_WORD.findall(text))


@functools.lru_cache(maxsize=16384)
def _lower_words(text: str) -> tuple[str, ...]:
    """The words _common_words takes from one technique's text, cached: the text comes back
    on each of the technique's comparison pages. A tuple of interned words, as a set per text
    held 20 MiB more at 10,000 comparisons. (A comparison's own texts are read once.)"""
    return tuple(sys.intern(w) for w in dict.fromkeys(_LOWER_WORD.findall(text)))


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


def read_sides(
    comparison: Comparison,
    pick: Technique,
    other: Technique,
    declared: Mapping[str, FactSpec],
    language: str,
) -> tuple[Side, Side]:
    """The pick's side and the other's, with the facts each is ahead on (two at most)."""
    own = prose.own_name_words(pick.name, other.name, *pick.alias_names, *other.alias_names)
    names = own | prose.KNOWN_NAMES
    common = _common_words(
        comparison.reason, *(text for texts in comparison.choose_if.values() for text in texts)
    ).union(
        *(
            _lower_words(text)
            for t in (pick, other)
            for text in (t.summary, t.tagline, *t.pros, *t.cons)
        )
    )
    p = _side(pick, comparison, names, common, own)
    o = _side(other, comparison, names, common, own)
    ahead = facts.decisive(pick.facts, other.facts, declared, language)
    for side, rival in ((p, o), (o, p)):
        side.named = _named_facts(side, rival, declared, language)
    # Both choose_if naming the price: "Price: 120 USD for…" once, where the pick's names it
    # (each sentence gives both values).
    said = {fact.key for fact in p.named}
    o.named = [fact for fact in o.named if fact.key not in said]
    # A fact a choose_if names is shown there with both values: not a second time.
    named = {fact.key for fact in (*p.named, *o.named)}
    ahead = [d for d in ahead if d.key not in named]
    p.ahead = [d for d in ahead if d.pick_is_better][:2]
    o.ahead = [d for d in ahead if not d.pick_is_better][:2]
    return p, o


def _named_facts(
    side: Side, rival: Side, declared: Mapping[str, FactSpec], language: str
) -> list[NamedFact]:
    """Facts the side's `choose_if` names ("when the license matters"), with both values:
    the editor made them the point, so the page may show them there."""
    if side.clause is None:
        return []
    text = side.clause.text
    found = []
    for key in facts.ordered(side.technique.facts.keys() & rival.technique.facts.keys(), declared):
        label = facts.label_of(key, declared)
        if facts.names_fact(text, key, label):
            mine, theirs = side.technique.facts[key], rival.technique.facts[key]
            shown = facts.plain_pair(mine, theirs, language)
            spec = declared.get(key)
            unit = spec.unit if spec is not None and facts.kind(mine) == "number" else ""
            found.append(
                NamedFact(
                    key,
                    label,
                    facts.in_text(shown[0], unit),
                    rival.name,
                    facts.in_text(shown[1], unit),
                    isinstance(mine, str | tuple) and isinstance(theirs, str | tuple),
                )
            )
    return found[:2]


def _side(
    technique: Technique,
    comparison: Comparison,
    names: frozenset[str],
    common: frozenset[str],
    own_names: frozenset[str],
) -> Side:
    """`names`: every name the page may quote in capitals; `own_names`: the page's two
    techniques' alone (a pro measured against a known name that is neither, "limited vs.
    Rust's traits", is about a third technique)."""
    found = [
        c
        for raw in comparison.choose_if.get(technique.slug, ())
        if isinstance(c := read_clause(raw, names), Clause)
    ]
    # A pro that starts with a verb ("Talks to Prometheus…") gets "it" as its subject:
    # every frame it goes into names the technique just before. Not for a plural name
    # ("Hill repeats"): "it builds" would point at it wrongly, and naming it would give
    # "Hill repeats builds"; the fragment after a colon reads right.
    subject = "" if plural(technique.name) else "It"
    own = [
        with_subject(p, subject, verbs_only=True) if subject else with_plural_subject(p)
        for p in technique.pros
        if not _elsewhere(p, own_names)
    ]
    cons = [
        with_subject(c, subject, verbs_only=True) if subject else with_plural_subject(c)
        for c in technique.cons
        if not _elsewhere(c, own_names)
    ]
    return Side(
        technique,
        either(found) if found else None,
        [prose.embed(p, names, common) for p in own if quotable(p)],
        [prose.embed(c, names, common) for c in cons if quotable(c)],
        whole_cons=[
            c for c in cons if not quotable(c) and not c.rstrip(prose.CLOSERS).endswith(("?", "!"))
        ],
    )
