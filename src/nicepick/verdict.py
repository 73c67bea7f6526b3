"""The domain rules of a comparison: who is the Nice Pick, and the text composed around it.

Pick rule, in order: the editor's `pick`; else the higher `popularity`; else the technique the
editor listed first in `compare`. Each page states which rule decided.

Composed text never repeats a technique's summary (the cards show it) and quotes authored
sentences as written: at most the first letter of a clause is lowered (see prose.lower_first),
and only a closing full stop is dropped when a sentence becomes a clause.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from nicepick import prose
from nicepick.markup import MarkdownRenderer
from nicepick.models import Comparison, Technique
from nicepick.slugs import humanize, is_slug, slugify

EDITOR, POPULARITY, ORDER = "editor", "popularity", "order"


@dataclass(slots=True)
class Outcome:
    """Who won one comparison and why (read-only by convention; one per comparison, and a
    frozen __init__ costs a setattr call per field)."""

    pick: str
    other: str
    decided_by: str  # EDITOR, POPULARITY or ORDER


def decide(comparison: Comparison, techniques: dict[str, Technique]) -> Outcome:
    if comparison.pick:
        return Outcome(comparison.pick, comparison.other(comparison.pick), EDITOR)
    first, second = techniques[comparison.first], techniques[comparison.second]
    if first.popularity is not None and second.popularity is not None \
            and first.popularity != second.popularity:
        winner = first if first.popularity > second.popularity else second
        return Outcome(winner.slug, comparison.other(winner.slug), POPULARITY)
    return Outcome(comparison.first, comparison.second, ORDER)


def decided_by_text(outcome: Outcome, pick: Technique, other: Technique) -> str:
    """A short line for the Nice Pick block saying which rule chose the winner."""
    if outcome.decided_by == EDITOR:
        return "Chosen by our editors."
    if outcome.decided_by == POPULARITY:
        assert pick.popularity is not None and other.popularity is not None
        return (f"Chosen on popularity: {prose.format_number(pick.popularity)} against "
                f"{prose.format_number(other.popularity)}.")
    return ("Chosen by listing order: no editor's pick and no popularity difference, "
            "so the first technique named wins.")


def same_kind(a: Technique, b: Technique) -> bool:
    return slugify(a.kind) == slugify(b.kind)


def category_phrase(technique: Technique) -> str:
    """The category as it reads mid-sentence: 'machine-learning' → 'machine learning'."""
    if not technique.category:
        return ""
    if is_slug(technique.category):
        return humanize(technique.category).lower()
    return technique.category


class Composer:
    """Writes the intro, verdict and bottom line a comparison did not supply."""

    def __init__(self, markdown: MarkdownRenderer) -> None:
        self.md = markdown

    def _clause(self, text: str, names: frozenset[str]) -> Markup:
        return self.md.inline(prose.as_clause(prose.lower_first(text, names)))

    @staticmethod
    def _names(*techniques: Technique) -> frozenset[str]:
        return frozenset(word for t in techniques for word in t.name.split())

    def intro(self, pick: Technique, other: Technique) -> Markup:
        if same_kind(pick, other):
            where = ""
            kinds = prose.plural(pick.kind)
            if pick.category_slug and pick.category_slug == other.category_slug \
                    and pick.category_slug not in (slugify(kinds), slugify(pick.kind)):
                where = f" in {category_phrase(pick)}"
            return Markup(
                f"<strong>{escape(pick.name)}</strong> and <strong>{escape(other.name)}</strong> "
                f"are both {escape(kinds)}{escape(where)}, and they are often weighed against "
                "each other. Below: what each is for, where it shines, what it costs, and the "
                "one we would start with.")
        return Markup(
            f"<strong>{escape(pick.name)}</strong> is {escape(prose.with_article(pick.kind))} "
            f"and <strong>{escape(other.name)}</strong> is "
            f"{escape(prose.with_article(other.kind))}, so they do different jobs more than "
            "they compete. Below: what each is for, and when to reach for which.")

    def _use_if(self, technique: Technique, rival: Technique, comparison: Comparison,
                is_pick: bool) -> Markup:
        names = self._names(technique, rival)
        chosen = comparison.choose_if.get(technique.slug)
        if chosen:
            clause = prose.as_clause(prose.lower_first(chosen, names))
            joiner = " " if prose.starts_with_subordinator(clause) else " if "
            return Markup(f"Use <strong>{escape(technique.name)}</strong>{joiner}"
                          f"{self.md.inline(clause)}.")
        if technique.pros:
            # "More than what the pick offers" only makes sense between rivals of one kind.
            rivals = same_kind(technique, rival)
            lead = ("you want what it does best" if is_pick or not rivals else
                    f"this matters more to you than what {escape(rival.name)} offers")
            return Markup(f"Use <strong>{escape(technique.name)}</strong> if {lead}: "
                          f"{self._clause(technique.pros[0], names)}.")
        return Markup(f"Use <strong>{escape(technique.name)}</strong> when its summary above "
                      "describes your situation.")

    def verdict(self, comparison: Comparison, pick: Technique, other: Technique) -> Markup:
        lines = [self._use_if(pick, other, comparison, True),
                 self._use_if(other, pick, comparison, False)]
        if not same_kind(pick, other):
            opening = Markup(
                f"These serve different purposes: <strong>{escape(pick.name)}</strong> is "
                f"{escape(prose.with_article(pick.kind))} while "
                f"<strong>{escape(other.name)}</strong> is "
                f"{escape(prose.with_article(other.kind))}, so the right choice depends on "
                "the job.")
            lines.insert(0, opening)
        return Markup("".join(f"<p>{line}</p>\n" for line in lines))

    def bottom_line(self, comparison: Comparison, outcome: Outcome, pick: Technique,
                    other: Technique) -> Markup:
        reason = {
            EDITOR: "it is our editors' choice",
            POPULARITY: "it is the more widely used of the two, which usually means more "
                        "documentation, more answered questions and more tooling",
            ORDER: "with nothing else to go on, the first technique named takes it",
        }[outcome.decided_by]
        if not same_kind(pick, other):
            return Markup(
                f"<p>Start with <strong>{escape(pick.name)}</strong>: {reason}. Because the two "
                "do different jobs, let the task in front of you decide before this pick does."
                "</p>\n")
        # The verdict already quotes each side's "when" clause; point at it, don't repeat it.
        return Markup(
            f"<p>Start with <strong>{escape(pick.name)}</strong>: {reason}. Choose "
            f"<strong>{escape(other.name)}</strong> instead only in the situation the verdict "
            "describes for it.</p>\n")
