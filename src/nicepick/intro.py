"""The intro of a comparison page: what the two are, and how sure we are that they compete.

Only what the data says: their kinds, the category they share, their taglines when both read
as noun phrases. How firmly the intro calls them rivals follows how the pair came to be (the
editor's `relation`, its default, or a dynamic pair nobody wrote), and complements are never
called rivals at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from nicepick import prose
from nicepick.frames import GENERIC_KINDS
from nicepick.htmlformat import format_html
from nicepick.models import Comparison, Technique
from nicepick.nameforms import plural
from nicepick.ranking import category_label
from nicepick.sides import Side
from nicepick.slugs import slugify
from nicepick.wording import Wording


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


def rivals_intro(
    wording: Wording, comparison: Comparison, p: Side, o: Side, labels: Mapping[str, str]
) -> Markup:
    """The intro of a page where one of the two is picked."""
    pick, other = p.technique, o.technique
    intro = wording.say(
        _rivals_slot(comparison, pick, other),
        **_strong_names(pick, other),
        **_kinds(pick, other),
        # Inside the sentence a category reads as its words do: "brewing methods in coffee",
        # "libraries for machine learning"; "DevOps", "Python web" keep their capitals.
        category=prose.label_in_sentence(
            category_label(pick, labels), prose.name_words(pick.name, other.name)
        ),
    )
    return intro + _taglines(wording, p, o)


def together_intro(wording: Wording, p: Side, o: Side, ordered: bool) -> Markup:
    """The intro of a page on two techniques used together; `ordered` when the editor
    named the one to adopt first."""
    a, b = p.technique, o.technique
    slot = (
        "together-intro"
        if same_kind(a, b)
        else "together-intro-order"
        if ordered
        else "together-intro-kinds"
    )
    return wording.say(slot, **_strong_names(a, b), **_kinds(a, b)) + _taglines(wording, p, o)


def _rivals_slot(comparison: Comparison, pick: Technique, other: Technique) -> str:
    """How sure the intro may be that the two are rivals: sure when the editor said
    `relation: alternatives`, careful when it is only the default, and saying no more
    than what they share for a dynamic pair nobody wrote."""
    if comparison.generated:
        # The kind's words, singular and plural ("knife", "knives": "knives in kitchen
        # knives" says one thing twice too).
        kind_words = {
            w.rstrip("s")
            for form in (pick.kind, prose.plural(pick.kind))
            for w in slugify(form).split("-")
        }
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
        return "intro-generic" if comparison.relation_given else "intro-generic-default"
    return "intro" if comparison.relation_given else "intro-default"


def _strong_names(a: Technique, b: Technique) -> dict[str, Markup]:
    return {
        "a": format_html("<strong>{}</strong>", a.name),
        "b": format_html("<strong>{}</strong>", b.name),
    }


def _kinds(a: Technique, b: Technique) -> dict[str, str]:
    """The kinds as the frames need them; a plural name's own kind in the plural too
    ("cast iron skillets (pans)", not "(pan)")."""
    return {
        "kinds": prose.plural(a.kind),
        "kind_a": prose.plural(a.kind) if plural(a.name) else a.kind,
        "kind_b": prose.plural(b.kind) if plural(b.name) else b.kind,
        "ka": prose.with_article(a.kind),
        "kb": prose.with_article(b.kind),
    }


def _taglines(wording: Wording, p: Side, o: Side) -> Markup:
    a, b = tagline_phrase(p.technique.tagline), tagline_phrase(o.technique.tagline)
    if not (a and b):
        return Markup("")
    return Markup(" ") + wording.say(
        "taglines", a=p.name, b=o.name, ta=wording.md.inline(a), tb=wording.md.inline(b)
    )
