"""The text a comparison page composes when the editor did not write it.

Every sentence says something the data says, and nothing more: the editor's `reason`,
`choose_if`, pros and cons, the kinds, taglines and popularity with what it means. Each
editor's sentence is quoted whole or as a clause (prose.py), and each is used once per page.
The wording of a sentence is one of several (frames.py), chosen by the pair, so a site does
not repeat one shape on every page; which sentences appear depends on what the editor gave.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from nicepick import facts, prose
from nicepick.clauses import CONDITION, Clause, either, read_clause, with_subject
from nicepick.config import PopularityScale
from nicepick.facts import Decisive, FactSpec
from nicepick.frames import GENERIC_KINDS
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import Comparison, Technique
from nicepick.nameforms import own_subject, plural, possessive
from nicepick.ranking import category_label
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


@dataclass(slots=True)
class _Side:
    """One technique's material for this page, each piece spent at most once."""

    technique: Technique
    clause: Clause | None
    pros: list[str] = field(default_factory=list)  # embeddable statements
    cons: list[str] = field(default_factory=list)
    # Declared facts on which this side has the better value (`better:` in nicepick.yaml).
    ahead: list[Decisive] = field(default_factory=list)
    whole_cons: list[str] = field(default_factory=list)  # quotable only as whole sentences
    # Facts its choose_if names: label, its value, the rival's name and value.
    named: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.technique.name


def quotable(text: str) -> bool:
    """Whether a pro or con can follow one of our colons: one statement, and no colon of
    its own ("Unopinionated: structure is up to you" would make two in a row)."""
    return prose.is_statement(text) and ":" not in text.replace("://", "")


_COMPARATIVE = re.compile(r"\b(?:than|vs\.?|versus|compared|unlike|trails?|behind|ahead of)\b")
_NAME_TOKEN = re.compile(r"(?<![\w.])([A-Z][\w.+#-]*[\w+#])")


def _elsewhere(quote: str, names: frozenset[str]) -> bool:
    """Whether a pro or con measures the technique against a third one ("slower than
    Fastify", "trails Batch Normalization"): on another pair's page it would read as a
    point about the wrong rival, so the page leaves it to the card."""
    if not _COMPARATIVE.search(quote):
        return False
    for match in _NAME_TOKEN.finditer(quote):
        word = match.group(1)
        if match.start() == 0 or word in names or word.split(".")[0] in names:
            continue
        if not prose.is_common(word) or any(c.isupper() for c in word[1:]):
            return True
    return False


_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_PLAIN_WORDS = frozenset(
    """with that this than they their there these those your from into
have more less most much many when what which while where about also only very just even
does make makes made need needs each other some such because without within through""".split()
)


def shares_point(text: str, others: list[str]) -> bool:
    """Whether `text` makes a point the other side's own texts make too (an acronym in
    common, or two content words): then it does not tell the two apart."""

    def words(t: str) -> set[str]:
        return {
            w.lower().rstrip("s") for w in _CONTENT_WORD.findall(t) if w.lower() not in _PLAIN_WORDS
        }

    def acronyms(t: str) -> set[str]:
        return set(re.findall(r"\b[A-Z]{2,}s?\b", t))

    mine_words, mine_acronyms = words(text), acronyms(text)
    for other in others:
        if mine_acronyms & acronyms(other) or len(mine_words & words(other)) >= 2:
            return True
    return False


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
        names = prose.name_words(pick.name, other.name, *pick.alias_names, *other.alias_names)
        common = prose.common_words(
            *(text for t in (pick, other) for text in (t.summary, t.tagline, *t.pros, *t.cons)),
            comparison.reason,
            *(text for texts in comparison.choose_if.values() for text in texts),
        )
        p = self._side(pick, comparison, names, common)
        o = self._side(other, comparison, names, common)
        ahead = facts.decisive(pick.facts, other.facts, self.declared, self.language)
        for side, rival in ((p, o), (o, p)):
            side.named = self._named_facts(side, rival)
        p.ahead = [d for d in ahead if d.pick_is_better][:2]
        o.ahead = [d for d in ahead if not d.pick_is_better][:2]
        page = _Page(self, f"{comparison.first}\0{comparison.second}")
        if outcome.together:
            return page.complements(comparison, outcome, p, o)
        return page.alternatives(comparison, outcome, p, o)

    def _named_facts(self, side: _Side, rival: _Side) -> list[tuple[str, str, str, str]]:
        """Facts the side's `choose_if` names ("when the license matters"), with both values:
        the editor made them the point, so the page may show them there."""
        if side.clause is None:
            return []
        text = side.clause.text.casefold()
        found = []
        for key in facts.ordered(
            side.technique.facts.keys() & rival.technique.facts.keys(), self.declared
        ):
            label = facts.label_of(key, self.declared)
            if any(
                re.search(r"\b" + re.escape(word) + r"\b", text)
                for word in {label.casefold(), key.replace("_", " ").casefold()}
            ):
                found.append(
                    (
                        label,
                        facts.plain(side.technique.facts[key], self.language),
                        rival.name,
                        facts.plain(rival.technique.facts[key], self.language),
                    )
                )
        return found[:2]

    def _side(
        self,
        technique: Technique,
        comparison: Comparison,
        names: frozenset[str],
        common: frozenset[str],
    ) -> _Side:
        found = [
            c
            for raw in comparison.choose_if.get(technique.slug, ())
            if isinstance(c := read_clause(raw, names), Clause)
        ]
        # A pro that starts with a verb ("Talks to Prometheus…") gets "it" as its subject:
        # every frame it goes into names the technique just before.
        own = [
            with_subject(p, "It", verbs_only=True)
            for p in technique.pros
            if not _elsewhere(p, names)
        ]
        cons = [
            with_subject(c, "It", verbs_only=True)
            for c in technique.cons
            if not _elsewhere(c, names)
        ]
        return _Side(
            technique,
            either(found) if found else None,
            [prose.embed(p, names, common) for p in own if quotable(p)],
            [prose.embed(c, names, common) for c in cons if quotable(c)],
            whole_cons=[
                c
                for c in cons
                if not quotable(c) and not c.rstrip(prose.CLOSERS).endswith(("?", "!"))
            ],
        )


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

    def taglines(self, p: _Side, o: _Side) -> Markup:
        a, b = tagline_phrase(p.technique.tagline), tagline_phrase(o.technique.tagline)
        if not (a and b):
            return Markup("")
        return Markup(" ") + self.say(
            "taglines", a=p.name, b=o.name, ta=self.md.inline(a), tb=self.md.inline(b)
        )

    # -- alternatives -----------------------------------------------------------------------

    def alternatives(
        self, comparison: Comparison, outcome: Outcome, p: _Side, o: _Side
    ) -> Composed:
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

    def reason(self, comparison: Comparison, outcome: Outcome, p: _Side, o: _Side) -> Markup:
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

    def facts(self, side: _Side, rival: _Side, who: str) -> Markup:
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

    def named(self, side: _Side) -> Markup:
        """The facts a side's choose_if names, both values shown: "License: MIT for Polars,
        Apache-2.0 for pandas." """
        return Markup(" ").join(
            Markup("{}: {} for {}, {} for {}.").format(label, mine, side.name, theirs, rival)
            for label, mine, rival, theirs in side.named
        )

    def case_for_pick(self, p: _Side) -> Markup:
        """The pick's own situation, when its choose_if was not spent on the pick box. A
        second pro would only pile up adjectives: the card lists them all."""
        if p.clause is None:
            return Markup("")
        clause, p.clause = p.clause, None
        slot = "pick-clause" if clause.kind == CONDITION else "pick-purpose"
        return joined(self.say(slot, p=p.name, clause=self.clause(clause)), self.named(p))

    def distinct_pro(self, side: _Side) -> str:
        """The side's first pro that the other side does not claim too, taken; "" if none."""
        for pro in side.pros:
            if not shares_point(pro, self.rival_texts):
                side.pros.remove(pro)
                return pro
        return ""

    def case_for_other(self, o: _Side) -> Markup:
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

    def bottom_line(self, p: _Side, o: _Side) -> Markup:
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

    def complements(self, comparison: Comparison, outcome: Outcome, p: _Side, o: _Side) -> Composed:
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

    def fit(self, p: _Side, o: _Side) -> Markup:
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
