"""The text a comparison page composes when the editor did not write it.

Every sentence says something the data says, and nothing more: the editor's `reason`,
`choose_if`, pros and cons, the kinds, taglines and popularity with what it means. Each
editor's sentence is quoted whole or as a clause (prose.py), and each is used once per page.
The wording of a sentence is one of several (frames.py), chosen by the pair, so a site does
not repeat one shape on every page; which sentences appear depends on what the editor gave.

This module puts a page together in reading order; each part has its own module: the
material of each side (sides.py), the intro (intro.py), the pick box (pickreason.py), the
verdict (verdicttext.py) and the bottom line (bottomline.py). The order is the page's: a
frame is passed over when it would open like a sentence already said (wording.py), and an
editor's sentence spent on the pick box is not said again in the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from nicepick.bottomline import bottom_line, start_line
from nicepick.config import PopularityScale
from nicepick.facts import FactSpec
from nicepick.intro import rivals_intro, together_intro
from nicepick.markup import MarkdownRenderer, plain_text
from nicepick.models import Comparison, Technique
from nicepick.nameforms import plural, running_name
from nicepick.pickreason import pick_reason, start_reason
from nicepick.sides import Side, read_sides
from nicepick.verdict import EDITOR, Outcome
from nicepick.verdicttext import rivals_verdict, together_verdict
from nicepick.wording import Wording, paragraphs

__all__ = ["Composed", "Composer"]


@dataclass(slots=True)
class Composed:
    """What a comparison page says around the cards."""

    intro: Markup
    reason: Markup  # the pick box's sentence(s); empty when there is nothing to say
    verdict: Markup  # paragraphs; empty when there is nothing to say
    bottom_line: Markup
    headline: str  # "PostgreSQL wins", "Start with Docker, then add Kubernetes"
    description: str  # plain text for the meta description


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
        running = {t.name: r for t in (pick, other) if (r := running_name(t)) != t.name}
        wording = Wording(self.md, f"{comparison.first}\0{comparison.second}", running)
        if outcome.together:
            return self._complements(wording, comparison, outcome, p, o)
        return self._alternatives(wording, comparison, outcome, p, o)

    def _alternatives(
        self, wording: Wording, comparison: Comparison, outcome: Outcome, p: Side, o: Side
    ) -> Composed:
        pick, other = p.technique, o.technique
        intro = rivals_intro(wording, comparison, p, o, self.labels)
        reason = pick_reason(wording, comparison, outcome, p, o, self.scale)
        # The pick box said why the pick; the verdict says when the pick's own situation
        # is (if the box did not), when the other's is, and what the declared facts favour.
        verdict = rivals_verdict(wording, p, o)
        said = wording.running
        description = (
            f"{said(pick.name, True)} or {said(other.name)}? Our pick is {said(pick.name)}."
        )
        if comparison.reason:
            description += " " + plain_text(wording.whole(comparison.reason))
        headline = f"{pick.name} {'win' if plural(pick.name) else 'wins'}"
        bottom = paragraphs([bottom_line(wording, p, o)])
        return Composed(intro, reason, verdict, bottom, headline, description)

    def _complements(
        self, wording: Wording, comparison: Comparison, outcome: Outcome, p: Side, o: Side
    ) -> Composed:
        """Two techniques used together: how they fit, and which to adopt first if the
        editor says. Nobody wins."""
        a, b = p.technique, o.technique
        ordered = outcome.decided_by == EDITOR
        intro = together_intro(wording, p, o, ordered)
        # Where to start, and how the two fit, come from the editor's reason and choose_if
        # only: a strength of one of them says nothing about the order or the fit.
        reason = start_reason(wording, comparison, ordered, p)
        said = wording.running
        both = (
            f"{said(a.name, True)} and {said(b.name)} are used together, not instead of each other"
        )
        if ordered:
            headline = f"Start with {said(a.name)}"
            description = f"{both}: how they fit, and why to start with {said(a.name)}."
        else:
            headline = "Used together"
            description = f"{both}: how they fit together."
        verdict = together_verdict(wording, p, o, ordered)
        cost = start_line(wording, p) if ordered else Markup("")
        if not cost:  # the box's headline alone would say nothing the intro did not
            cost = (
                wording.say("start-plain", p=a.name, o=b.name)
                if ordered
                else wording.say("together-plain", a=a.name, b=b.name)
            )
        bottom = paragraphs([cost])
        return Composed(intro, reason, verdict, bottom, headline, description)
