"""The bottom line of a page where one technique is picked, or comes first: what it costs.

A reader who follows the advice should know what they signed up for, so the pick's own con
comes first; the other's drawback is said only when the pick lists none.
"""

from __future__ import annotations

from markupsafe import Markup

from nicepick.nameforms import possessive
from nicepick.sides import Side, shares_point
from nicepick.wording import Wording


def bottom_line(wording: Wording, p: Side, o: Side) -> Markup:
    """The pick, with what it costs: "pick X; it costs you Y", the pick's first con. The
    loser's drawback would leave a reader who follows the advice not knowing what they
    signed up for, so it is said only when the pick lists no con at all (and then not a
    con the pick shares, which is no point against the other)."""
    own = _own_con(wording, "bottom-con", p)
    if own:
        return own
    against = [c for c in o.cons if not shares_point(c, list(p.technique.cons))]
    if against:
        o.cons.remove(against[0])
        return wording.say(
            "bottom-other-con",
            p=p.name,
            o=o.name,
            os=possessive(o.name),
            con=wording.quote(against[0]),
        )
    return wording.say("bottom", p=p.name, o=o.name)


def start_line(wording: Wording, p: Side) -> Markup:
    """Complements in an order: a caveat about the one to start with, its first con, for the
    same reason as a pick's (a reader who follows the advice knows what they take on first).
    Said as a caveat, not as a cost of the order: both are used in the end. Nothing when it
    lists none: the other's drawbacks say nothing about where to start."""
    return _own_con(wording, "start-con", p)


def _own_con(wording: Wording, slot: str, p: Side) -> Markup:
    """`p`'s first con in one of `slot`'s frames; one quoted whole (a sentence with a colon
    of its own) after one of `slot`-lead's; nothing when `p` lists none."""
    if p.cons:
        return wording.say(slot, p=p.name, con=wording.quote(p.cons.pop(0)))
    if p.whole_cons:
        lead = wording.say(f"{slot}-lead", p=p.name)
        return lead + Markup(" ") + wording.whole(p.whole_cons.pop(0))
    return Markup("")
