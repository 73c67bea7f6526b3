"""The pick box's sentences: why the pick, or, for complements, where to start.

The editor's `reason` comes first and is quoted whole. Without one, a pick decided by
popularity gives the numbers and what they mean, then what the editor says for the pick,
since scores alone read the same on every page; a pick the editor made gives its
`choose_if` or a pro the other side does not claim too, then, unless the scores are close,
whether popularity agrees.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from nicepick import prose
from nicepick.config import PopularityScale
from nicepick.htmlformat import format_html
from nicepick.models import Comparison, Technique
from nicepick.nameforms import own_subject, possessive
from nicepick.sides import Side, shares_point
from nicepick.verdict import CLOSE, POPULARITY, WIDE, Outcome, by_popularity, margin
from nicepick.verdicttext import named_facts
from nicepick.wording import Wording, joined


def pick_reason(
    wording: Wording,
    comparison: Comparison,
    outcome: Outcome,
    p: Side,
    o: Side,
    scale: PopularityScale,
) -> Markup:
    """Why the pick, from the data: the editor's reason; else the popularity and what
    it means; else the pick's `choose_if` or its first pro."""
    pick, other = p.technique, o.technique
    rival_texts = [other.summary, *other.pros]  # what the other side claims for itself
    if comparison.reason:
        return wording.whole(comparison.reason)
    if outcome.decided_by == POPULARITY:
        # The numbers, then what the editor says for the pick: close scores cannot be
        # the whole reason, and a page that is only numbers reads the same everywhere.
        said = _popularity(wording, pick, other, scale)
        if p.clause is not None:
            case = joined(
                wording.say("reason-then-clause", p=pick.name, clause=wording.clause(p.clause)),
                named_facts(wording, p),  # the facts it names, with both values
            )
            p.clause = None
        elif pro := _distinct_pro(p, rival_texts):
            # After "…, Y 60 (…)." an "it" would point at Y: name the pick again.
            case = wording.say(
                "reason-then-pro",
                pro=wording.quote(own_subject(pro, wording.running(pick.name, True))),
            )
        else:
            return said
        return said + Markup(" ") + case
    if p.clause is not None:
        said = joined(
            wording.say("reason-clause", p=pick.name, clause=wording.clause(p.clause)),
            named_facts(wording, p),
        )
        p.clause = None
    elif pro := _distinct_pro(p, rival_texts):
        said = wording.say("reason-pro", p=pick.name, pro=wording.quote(pro))
    else:
        said = format_html("Our editors pick {}.", wording.running(pick.name))
    popular = by_popularity(pick, other)
    if popular is None or margin(pick, other, scale) == CLOSE:
        return said
    if popular is pick:
        bare = not (comparison.choose_if.get(pick.slug) or pick.pros)
        return (
            said
            + Markup(" ")
            + wording.say("agrees-alone" if bare else "agrees", **_scores(pick, other, scale))
        )
    scores = {k: escape(v) for k, v in _scores(other, pick, scale).items()}
    return (
        said
        + Markup(" ")
        + format_html(
            "That is despite {o} being more popular: {a} against {b} {scale}.",
            o=wording.running(other.name),
            **scores,
        )
    )


def start_reason(wording: Wording, comparison: Comparison, ordered: bool, p: Side) -> Markup:
    """Where to start with two techniques used together. It comes from the editor's reason
    and choose_if only: a strength of one of them says nothing about the order."""
    if comparison.reason:
        return wording.whole(comparison.reason)
    if ordered and p.clause is not None:
        said = wording.say("start-clause", p=p.technique.name, clause=wording.clause(p.clause))
        p.clause = None
        return said
    return Markup("")


def _popularity(
    wording: Wording, pick: Technique, other: Technique, scale: PopularityScale
) -> Markup:
    distance = margin(pick, other, scale)
    slot = {CLOSE: "popularity-close", WIDE: "popularity-wide"}.get(distance, "popularity-clear")
    return wording.say(
        slot, p=pick.name, o=other.name, os=possessive(other.name), **_scores(pick, other, scale)
    )


def _scores(first: Technique, second: Technique, scale: PopularityScale) -> dict[str, str]:
    assert first.popularity is not None and second.popularity is not None
    top = f"0–{prose.format_number(scale.max)}" if scale.max else ""
    if scale.means:
        where = f"({scale.means}" + (
            f", on a {top} scale)" if top and top not in scale.means else ")"
        )
    elif scale.max:
        where = f"on this site's 0–{prose.format_number(scale.max)} popularity scale"
    else:
        where = "on this site's popularity scale"
    return {
        "a": prose.format_number(first.popularity),
        "b": prose.format_number(second.popularity),
        "scale": where,
    }


def _distinct_pro(side: Side, rival_texts: list[str]) -> str:
    """The side's first pro that the other side does not claim too, taken; "" if none."""
    for pro in side.pros:
        if not shares_point(pro, rival_texts):
            side.pros.remove(pro)
            return pro
    return ""
