"""The text a comparison page composes when the editor did not write it.

Every sentence says something the data says, and nothing more: the editor's `reason`,
`choose_if`, pros and cons, the kinds, taglines and popularity with what it means. Each
editor's sentence is quoted whole or as a clause (prose.py), and each is used once per page.
The wording of a sentence is one of several (frames.py), chosen by the pair, so a site does
not repeat one shape on every page; which sentences appear depends on what the editor gave.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from nicepick import prose
from nicepick.clauses import CONDITION
from nicepick.config import PopularityScale
from nicepick.facts import Decisive, FactSpec
from nicepick.frames import GENERIC_KINDS
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import Comparison, Technique
from nicepick.nameforms import own_subject, plural, possessive
from nicepick.ranking import category_label
from nicepick.sides import Side, read_sides, shares_point
from nicepick.slugs import slugify
from nicepick.verdict import CLOSE, EDITOR, POPULARITY, WIDE, Outcome, by_popularity, margin
from nicepick.wording import Wording, joined, paragraphs

# `plural` is here for views.py, whose winner line ("Passkeys win") needs it too.
__all__ = ["Composed", "Composer", "plural"]


@dataclass(slots=True)
class Composed:
    """What a comparison page says around the cards."""

    intro: Markup
    reason: Markup  # the pick box's sentence(s); empty when there is nothing to say
    verdict: Markup  # paragraphs; empty when there is nothing to say
    bottom_line: Markup
    headline: str  # "PostgreSQL wins", "Start with Docker, then add Kubernetes"
    description: str  # plain text for the meta description


def _fact_detail(decisive: Decisive, for_pick: bool) -> str:
    """ "12.5 MB against 40 MB": the side's own value first."""
    unit = f" {decisive.unit}" if decisive.unit and decisive.kind == "number" else ""
    mine, theirs = (
        (decisive.pick_value, decisive.other_value)
        if for_pick
        else (decisive.other_value, decisive.pick_value)
    )
    return f"{mine}{unit} against {theirs}{unit}"


def same_kind(a: Technique, b: Technique) -> bool:
    return slugify(a.kind) == slugify(b.kind)


def tagline_phrase(tagline: str) -> str:
    """A tagline that reads as a noun phrase ("The extensible relational database.") as one
    to place after "is" ("the extensible relational database"); "" for other shapes."""
    words = tagline.split()
    if len(words) < 2 or not prose.is_statement(tagline) or words[0] not in ("A", "An", "The"):
        return ""
    if any(w.rstrip(",.") in ("is", "are", "lets", "makes", "helps", "gives") for w in words):
        return ""  # "The database is fast." is a sentence, not a phrase
    return prose.as_clause(words[0].lower() + " " + " ".join(words[1:]))


class Composer:
    """Writes the intro, pick reason, verdict and bottom line a comparison did not supply."""

    def __init__(
        self,
        markdown: MarkdownRenderer,
        scale: PopularityScale,
        declared: Mapping[str, FactSpec] | None = None,
        language: str = "en",
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self.md = markdown
        self.scale = scale
        self.declared = declared or {}
        self.language = language
        self.labels = labels or {}

    def compose(
        self, comparison: Comparison, outcome: Outcome, pick: Technique, other: Technique
    ) -> Composed:
        p, o = read_sides(comparison, pick, other, self.declared, self.language)
        page = _Page(self, f"{comparison.first}\0{comparison.second}")
        if outcome.together:
            return page.complements(comparison, outcome, p, o)
        return page.alternatives(comparison, outcome, p, o)


class _Page(Wording):
    """The sentences of one page: frames are chosen by the pair (`key`)."""

    def __init__(self, composer: Composer, key: str) -> None:
        super().__init__(composer.md, key)
        self.scale = composer.scale
        self.labels = composer.labels
        self.rival_texts: list[str] = []  # what the other side claims for itself

    def scores(self, first: Technique, second: Technique) -> dict[str, str]:
        assert first.popularity is not None and second.popularity is not None
        top = f"0–{prose.format_number(self.scale.max)}" if self.scale.max else ""
        if self.scale.means:
            where = f"({self.scale.means}" + (
                f", on a {top} scale)" if top and top not in self.scale.means else ")"
            )
        elif self.scale.max:
            where = f"on this site's 0–{prose.format_number(self.scale.max)} popularity scale"
        else:
            where = "on this site's popularity scale"
        return {
            "a": prose.format_number(first.popularity),
            "b": prose.format_number(second.popularity),
            "scale": where,
        }

    @staticmethod
    def kinds(a: Technique, b: Technique) -> dict[str, str]:
        return {
            "kinds": prose.plural(a.kind),
            "kind_a": a.kind,
            "kind_b": b.kind,
            "ka": prose.with_article(a.kind),
            "kb": prose.with_article(b.kind),
        }

    def taglines(self, p: Side, o: Side) -> Markup:
        a, b = tagline_phrase(p.technique.tagline), tagline_phrase(o.technique.tagline)
        if not (a and b):
            return Markup("")
        return Markup(" ") + self.say(
            "taglines", a=p.name, b=o.name, ta=self.md.inline(a), tb=self.md.inline(b)
        )

    # -- alternatives -----------------------------------------------------------------------

    def alternatives(self, comparison: Comparison, outcome: Outcome, p: Side, o: Side) -> Composed:
        pick, other = p.technique, o.technique
        names = {
            "a": Markup("<strong>{}</strong>").format(pick.name),
            "b": Markup("<strong>{}</strong>").format(other.name),
        }
        self.rival_texts = [other.summary, *other.pros]
        intro = self.say(
            self.intro_slot(comparison, pick, other),
            **names,
            **self.kinds(pick, other),
            category=category_label(pick, self.labels),
        )
        intro += self.taglines(p, o)
        reason = self.reason(comparison, outcome, p, o)
        # The pick box said why the pick; the verdict says when the pick's own situation
        # is (if the box did not), when the other's is, and what the declared facts favour.
        verdict = paragraphs(
            [
                joined(self.case_for_pick(p), self.facts(p, o, "p")),
                joined(self.case_for_other(o), self.facts(o, p, "o")),
            ]
        )
        description = f"{pick.name} or {other.name}? Our pick is {pick.name}."
        if comparison.reason:
            description += " " + plain_text(self.whole(comparison.reason))
        headline = f"{pick.name} {'win' if plural(pick.name) else 'wins'}"
        return Composed(
            intro, reason, verdict, paragraphs([self.bottom_line(p, o)]), headline, description
        )

    @staticmethod
    def intro_slot(comparison: Comparison, pick: Technique, other: Technique) -> str:
        """How sure the intro may be that the two are rivals: sure when the editor said
        `relation: alternatives`, careful when it is only the default, and saying no more
        than what they share for a dynamic pair nobody wrote."""
        if comparison.generated:
            kind_words = {w.rstrip("s") for w in slugify(pick.kind).split("-")}
            says_more = pick.category and not kind_words & {
                w.rstrip("s") for w in pick.category_slug.split("-")
            }
            # "compression formats in Compression" says one thing twice.
            return (
                "intro-dynamic"
                if says_more and pick.category_slug == other.category_slug
                else "intro-dynamic-kind"
            )
        if not same_kind(pick, other):
            return "intro-kinds" if comparison.relation_given else "intro-kinds-default"
        if slugify(pick.kind) in GENERIC_KINDS:
            return "intro-generic"
        return "intro" if comparison.relation_given else "intro-default"

    def reason(self, comparison: Comparison, outcome: Outcome, p: Side, o: Side) -> Markup:
        """Why the pick, from the data: the editor's reason; else the popularity and what
        it means; else the pick's `choose_if` or its first pro."""
        pick, other = p.technique, o.technique
        if comparison.reason:
            return self.whole(comparison.reason)
        if outcome.decided_by == POPULARITY:
            # The numbers, then what the editor says for the pick: close scores cannot be
            # the whole reason, and a page that is only numbers reads the same everywhere.
            said = self.popularity(pick, other)
            if p.clause is not None:
                case = self.say("reason-then-clause", p=pick.name, clause=self.clause(p.clause))
                p.clause = None
            elif pro := self.distinct_pro(p):
                # After "…, Y 60 (…)." an "it" would point at Y: name the pick again.
                case = self.say("reason-then-pro", pro=self.quote(own_subject(pro, pick.name)))
            else:
                return said
            return said + Markup(" ") + case
        if p.clause is not None:
            said = self.say("reason-clause", p=pick.name, clause=self.clause(p.clause))
            p.clause = None
        elif pro := self.distinct_pro(p):
            said = self.say("reason-pro", p=pick.name, pro=self.quote(pro))
        else:
            said = Markup("Our editors pick {}.").format(pick.name)
        popular = by_popularity(pick, other)
        if popular is None or margin(pick, other, self.scale) == CLOSE:
            return said
        if popular is pick:
            bare = not (comparison.choose_if.get(pick.slug) or pick.pros)
            return (
                said
                + Markup(" ")
                + self.say("agrees-alone" if bare else "agrees", **self.scores(pick, other))
            )
        scores = {k: escape(v) for k, v in self.scores(other, pick).items()}
        return (
            said
            + Markup(" ")
            + Markup("That is despite {o} being more popular: {a} against {b} {scale}.").format(
                o=other.name, **scores
            )
        )

    def popularity(self, pick: Technique, other: Technique) -> Markup:
        distance = margin(pick, other, self.scale)
        slot = {CLOSE: "popularity-close", WIDE: "popularity-wide"}.get(
            distance, "popularity-clear"
        )
        return self.say(
            slot, p=pick.name, o=other.name, os=possessive(other.name), **self.scores(pick, other)
        )

    def facts(self, side: Side, rival: Side, who: str) -> Markup:
        """The declared facts on which `side` has the better value, with both values: the
        declaration says which way is better, so the page may say who is ahead."""
        if not side.ahead:
            return Markup("")
        shown = prose.join_words(
            [f"{prose.lower_first(d.label)} ({_fact_detail(d, who == 'p')})" for d in side.ahead]
        )
        return self.say(
            "fact-" + ("pick" if who == "p" else "other"), t=side.name, r=rival.name, facts=shown
        )

    def named(self, side: Side) -> Markup:
        """The facts a side's choose_if names, both values shown: "License: MIT for Polars,
        Apache-2.0 for pandas." """
        return Markup(" ").join(
            Markup("{}: {} for {}, {} for {}.").format(label, mine, side.name, theirs, rival)
            for label, mine, rival, theirs in side.named
        )

    def case_for_pick(self, p: Side) -> Markup:
        """The pick's own situation, when its choose_if was not spent on the pick box. A
        second pro would only pile up adjectives: the card lists them all."""
        if p.clause is None:
            return Markup("")
        clause, p.clause = p.clause, None
        slot = "pick-clause" if clause.kind == CONDITION else "pick-purpose"
        return joined(self.say(slot, p=p.name, clause=self.clause(clause)), self.named(p))

    def distinct_pro(self, side: Side) -> str:
        """The side's first pro that the other side does not claim too, taken; "" if none."""
        for pro in side.pros:
            if not shares_point(pro, self.rival_texts):
                side.pros.remove(pro)
                return pro
        return ""

    def case_for_other(self, o: Side) -> Markup:
        if o.clause is not None:
            clause, o.clause = o.clause, None
            return joined(
                self.say("other-clause", o=o.name, clause=self.clause(clause)), self.named(o)
            )
        if o.pros:
            return self.say(
                "other-pro", o=o.name, os=possessive(o.name), pro=self.quote(o.pros.pop(0))
            )
        return Markup("")

    def bottom_line(self, p: Side, o: Side) -> Markup:
        """The pick, with what it costs: "pick X; it costs you Y", the pick's first con. The
        loser's drawback would leave a reader who follows the advice not knowing what they
        signed up for, so it is said only when the pick lists no con at all (and then not a
        con the pick shares, which is no point against the other)."""
        if p.cons:
            return self.say("bottom-con", p=p.name, con=self.quote(p.cons.pop(0)))
        if p.whole_cons:
            return (
                self.say("bottom-con-lead", p=p.name)
                + Markup(" ")
                + self.whole(p.whole_cons.pop(0))
            )
        against = [c for c in o.cons if not shares_point(c, list(p.technique.cons))]
        if against:
            o.cons.remove(against[0])
            return self.say(
                "bottom-other-con",
                p=p.name,
                o=o.name,
                os=possessive(o.name),
                con=self.quote(against[0]),
            )
        return self.say("bottom", p=p.name, o=o.name)

    # -- complements ------------------------------------------------------------------------

    def complements(self, comparison: Comparison, outcome: Outcome, p: Side, o: Side) -> Composed:
        """Two techniques used together: how they fit, and which to adopt first if the
        editor says. Nobody wins."""
        a, b = p.technique, o.technique
        ordered = outcome.decided_by == EDITOR
        names = {
            "a": Markup("<strong>{}</strong>").format(a.name),
            "b": Markup("<strong>{}</strong>").format(b.name),
        }
        slot = (
            "together-intro"
            if same_kind(a, b)
            else "together-intro-order"
            if ordered
            else "together-intro-kinds"
        )
        intro = self.say(slot, **names, **self.kinds(a, b)) + self.taglines(p, o)
        # Where to start, and how the two fit, come from the editor's reason and choose_if
        # only: a strength of one of them says nothing about the order or the fit.
        if comparison.reason:
            reason = self.whole(comparison.reason)
        elif ordered and p.clause is not None:
            reason = self.say("start-clause", p=a.name, clause=self.clause(p.clause))
            p.clause = None
        else:
            reason = Markup("")
        if ordered:
            headline = f"Start with {a.name}"
            description = (
                f"{a.name} and {b.name} are used together, not instead of each "
                f"other: how they fit, and why to start with {a.name}."
            )
        else:
            headline = "Used together"
            description = (
                f"{a.name} and {b.name} are used together, not instead of each "
                "other: how they fit together."
            )
        return Composed(intro, reason, self.fit(p, o), Markup(""), headline, description)

    def fit(self, p: Side, o: Side) -> Markup:
        """When each one comes in, from `choose_if`; nothing when the editor did not say."""
        if p.clause is not None and o.clause is not None:
            slot = "fit-both" if p.clause.kind == CONDITION else "fit-both-purpose"
            return paragraphs(
                [
                    self.say(
                        slot,
                        a=p.name,
                        b=o.name,
                        ca=self.md.inline(p.clause.text),
                        cb=self.clause(o.clause),
                    )
                ]
            )
        side = p if p.clause is not None else o
        if side.clause is None:
            return Markup("")
        return paragraphs([self.say("fit-one", t=side.name, clause=self.clause(side.clause))])
