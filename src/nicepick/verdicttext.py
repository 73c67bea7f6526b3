"""The verdict's paragraphs: when each technique is the one to choose, or when it comes in.

The pick box has already said why the pick. For rivals the verdict adds the pick's own
situation (if the box did not spend it), the other's, and the declared facts each is ahead
on, with both values, since the declaration says which way is better. For complements it
says when each one comes in, from `choose_if`; what the editor did not say is left out.
"""

from __future__ import annotations

from markupsafe import Markup

from nicepick import facts, prose
from nicepick.clauses import CONDITION
from nicepick.facts import Decisive
from nicepick.htmlformat import format_html
from nicepick.nameforms import possessive
from nicepick.sides import NamedFact, Side
from nicepick.wording import Wording, joined, paragraphs


def rivals_verdict(wording: Wording, p: Side, o: Side) -> Markup:
    """The pick's case and the other's, each with the facts it is ahead on. When the pick
    box spent the pick's case and nothing else is said for it, the other's case ends with
    the pick (verdict-else-*): a verdict that only said when to take the other, or what the
    other does well, gave no verdict."""
    own = joined(_case_for_pick(wording, p), _facts(wording, p, o, "p"))
    after = "clause" if o.clause is not None else "pro" if o.pros else ""
    case, ahead = _case_for_other(wording, o), _facts(wording, o, p, "o")
    if not own and case and after:
        # "Otherwise" answers the other's case: right after it, the facts it leads on first.
        other = joined(ahead, case, wording.say(f"verdict-else-{after}", p=p.name))
    else:
        other = joined(case, ahead)
    return paragraphs([own, other])


def together_verdict(wording: Wording, p: Side, o: Side, ordered: bool = False) -> Markup:
    """When each one comes in, from `choose_if`; nothing when the editor did not say.
    `ordered`: `p` is the one to start with, and is not said to come in later."""
    if p.clause is not None and o.clause is not None:
        slot = "fit-both" if p.clause.kind == CONDITION else "fit-both-purpose"
        return paragraphs(
            [
                wording.say(
                    slot,
                    a=p.name,
                    b=o.name,
                    ca=wording.md.inline(p.clause.text),
                    cb=wording.clause(o.clause),
                )
            ]
        )
    side = p if p.clause is not None else o
    if side.clause is None:
        return Markup("")
    slot = "fit-one-first" if ordered and side is p else "fit-one"
    return paragraphs([wording.say(slot, t=side.name, clause=wording.clause(side.clause))])


def _case_for_pick(wording: Wording, p: Side) -> Markup:
    """The pick's own situation, when its choose_if was not spent on the pick box. A
    second pro would only pile up adjectives: the card lists them all."""
    if p.clause is None:
        return Markup("")
    clause, p.clause = p.clause, None
    slot = "pick-clause" if clause.kind == CONDITION else "pick-purpose"
    return joined(
        wording.say(slot, p=p.name, clause=wording.clause(clause)), named_facts(wording, p)
    )


def _case_for_other(wording: Wording, o: Side) -> Markup:
    if o.clause is not None:
        clause, o.clause = o.clause, None
        return joined(
            wording.say("other-clause", o=o.name, clause=wording.clause(clause)),
            named_facts(wording, o),
        )
    if o.pros:
        return wording.say(
            "other-pro", o=o.name, os=possessive(o.name), pro=wording.quote(o.pros.pop(0))
        )
    return Markup("")


def _facts(wording: Wording, side: Side, rival: Side, who: str) -> Markup:
    """The declared facts on which `side` has the better value, with both values: the
    declaration says which way is better, so the page may say who is ahead."""
    if not side.ahead:
        return Markup("")
    names = prose.name_words(side.name, rival.name)
    shown = prose.join_words(
        [
            f"{prose.label_in_sentence(d.label, names)} ({_fact_detail(d, who == 'p')})"
            for d in side.ahead
        ]
    )
    return wording.say(
        "fact-" + ("pick" if who == "p" else "other"), t=side.name, r=rival.name, facts=shown
    )


def _fact_detail(decisive: Decisive, for_pick: bool) -> str:
    """ "12.5 MB against 40 MB": the side's own value first; and, where the smaller value is
    the better one, so: "ahead on weight (160 g against 220 g)" reads as the heavier."""
    unit = decisive.unit if decisive.kind == "number" else ""
    mine, theirs = (
        (decisive.pick_value, decisive.other_value)
        if for_pick
        else (decisive.other_value, decisive.pick_value)
    )
    detail = f"{facts.in_text(mine, unit)} against {facts.in_text(theirs, unit)}"
    if decisive.better == "lower":
        detail += "; earlier is better" if decisive.kind == "date" else "; lower is better"
    return detail


def named_facts(wording: Wording, side: Side) -> Markup:
    """The facts a side's choose_if names, both values shown: "License: MIT for Polars,
    Apache-2.0 for pandas." A value of several words or with a comma of its own comes after
    its side's name instead, the two apart by a semicolon: "History: for Git rebase, every
    commit, replayed in a line; for Git merge, …" (else the commas run the two together)."""
    return Markup(" ".join(_one_named(wording, side.name, fact) for fact in side.named))


def _one_named(wording: Wording, name: str, fact: NamedFact) -> Markup:
    mine, theirs, rival = fact.mine, fact.theirs, fact.rival
    # A comma of its own runs two values together; a number's grouping ("16,384") does not.
    long = any(
        (fact.text and ("," in value or ";" in value)) or len(value.split()) > 3
        for value in (mine, theirs)
    )
    if long:
        names = prose.name_words(name, rival)
        mine, theirs = prose.lower_first(mine, names), prose.lower_first(theirs, names)
    # Text values are the editor's Markdown, as in the facts table ("`vite.config.ts`").
    first, second = (
        (wording.md.inline(mine), wording.md.inline(theirs)) if fact.text else (mine, theirs)
    )
    name, rival = wording.running(name), wording.running(rival)
    if not long:
        return format_html("{}: {} for {}, {} for {}.", fact.label, first, name, second, rival)
    return format_html("{}: for {}, {}; for {}, {}.", fact.label, name, first, rival, second)
