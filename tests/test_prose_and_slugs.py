"""Property tests for slugs and the grammar used in composed text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from nicepick import prose
from nicepick.slugs import RESERVED, SLUG_PATTERN, is_slug, slugify

SLUG = re.compile(SLUG_PATTERN)


@given(st.text())
def test_slugify_always_gives_a_valid_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or (SLUG.match(slug) and is_slug(slug))
    assert slugify(slug) == slug  # idempotent
    assert slug not in RESERVED


def test_slugify_examples() -> None:
    assert slugify("C++") == "c-plus-plus"
    assert slugify("C#") == "c-sharp"
    assert slugify("Node.js") == "node-js"
    assert slugify("Ça va, Señor") == "ca-va-senor"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("CON") == "con-1"


@given(st.text(min_size=1))
def test_lower_first_changes_at_most_the_first_letter(text: str) -> None:
    lowered = prose.lower_first(text)
    assert lowered[1:] == text[1:]
    assert lowered[0] in (text[0], text[0].lower())


def test_lower_first_keeps_names_and_acronyms() -> None:
    assert prose.lower_first("It is fast.") == "it is fast."
    assert prose.lower_first("GANs need it.") == "GANs need it."
    assert prose.lower_first("ResNet uses it.") == "ResNet uses it."
    assert prose.lower_first("IoT devices run it.") == "IoT devices run it."
    assert prose.lower_first("Python ships it.") == "Python ships it."
    assert prose.lower_first("CI/CD gets faster.") == "CI/CD gets faster."
    assert prose.lower_first("Use it", frozenset({"Use"})) == "Use it"


@given(st.text())
def test_as_clause_only_ever_drops_one_closing_full_stop(text: str) -> None:
    clause = prose.as_clause(text)
    stripped = text.strip()
    assert clause in (stripped, stripped[:-1])
    if clause != stripped:
        assert stripped.endswith(".")


def test_as_clause_keeps_abbreviations_and_dotted_names() -> None:
    assert prose.as_clause("Works with Node.js.") == "Works with Node.js"
    assert (
        prose.as_clause("Tools such as linters, formatters, etc.")
        == "Tools such as linters, formatters, etc."
    )
    assert prose.as_clause("Fast, e.g.") == "Fast, e.g."
    assert prose.as_clause("Version v2.0 is out.") == "Version v2.0 is out"
    assert prose.as_clause("Wait...") == "Wait..."


@given(st.text())
def test_as_sentence_ends_a_sentence_without_changing_the_text(text: str) -> None:
    """As written, but for a full stop at the end and a capital at the start."""
    sentence = prose.as_sentence(text)
    written = text.strip()
    assert sentence[:1].lower() == written[:1].lower() and sentence[1:].startswith(written[1:])
    assert len(sentence) - len(written) in (0, 1)


def test_articles_follow_sound_not_spelling() -> None:
    cases = {
        "library": "a",
        "ORM": "an",
        "SQL database": "an",
        "hour": "an",
        "unit": "a",
        "user interface": "a",
        "API": "an",
        "framework": "a",
        "engine": "an",
        "MVC framework": "an",
        "one-off script": "a",
        "8-bit codec": "an",
        "UI kit": "a",
        "European standard": "a",
        "honest broker": "an",
    }
    for phrase, expected in cases.items():
        assert prose.article(phrase) == expected, phrase


def test_plurals() -> None:
    cases = {
        "technique": "techniques",
        "library": "libraries",
        "database": "databases",
        "framework": "frameworks",
        "methodology": "methodologies",
        "process": "processes",
        "message broker": "message brokers",
        "API": "APIs",
        "key-value store": "key-value stores",
        "platform": "platforms",
        "index": "indexes",
        "software": "software",
        "toolbox": "toolboxes",
        "day": "days",
        "knife": "knives",
        "chef's knife": "chef's knives",
        "Bread knife": "Bread knives",
        "chef": "chefs",
        "roof rack": "roof racks",
        "belief": "beliefs",
        "shelf": "shelves",
        "hypothesis": "hypotheses",
        "storage medium": "storage media",
        "computer mouse": "computer mice",
        "series": "series",
        "tomato": "tomatoes",
        "photo": "photos",
    }
    for noun, expected in cases.items():
        assert prose.plural(noun) == expected, noun


def test_a_kind_no_one_counts_takes_no_article_and_no_plural() -> None:
    assert prose.with_article("equipment") == "equipment"
    assert prose.with_article("kitchen equipment") == "kitchen equipment"
    assert prose.with_article("software") == "software"
    assert prose.plural("equipment") == "equipment"
    assert prose.with_article("ORM") == "an ORM"
    assert prose.with_article("brewing method") == "a brewing method"


def test_count() -> None:
    assert prose.count(1, "win") == "1 win"
    assert prose.count(0, "loss") == "0 losses"
    assert prose.count(12_000, "comparison") == "12,000 comparisons"


CLAUSE_WORD = st.sampled_from(
    [
        "when",
        "you",
        "if",
        "only",
        "need",
        "teams",
        "that",
        "for",
        "building",
        "the",
        "data",
        "is",
        "small",
        "fast",
        "Django",
        "already",
        "run",
        "services",
        "with",
        "many",
        "a",
        "once",
        "your",
        "team",
        "knows",
        "Go",
        "logs",
        "and",
        "backups",
        "to",
        "create",
    ]
)


@given(st.lists(CLAUSE_WORD, min_size=1, max_size=9).map(" ".join), st.sampled_from(["", "."]))
def test_a_choose_if_clause_is_quoted_whole_behind_one_joining_word(words: str, end: str) -> None:
    from nicepick.clauses import Clause, read_clause

    clause = read_clause(words + end)
    if not isinstance(clause, Clause):
        return  # reported to the editor instead
    body = words[1:]
    assert clause.text.endswith(body)
    prefix = clause.text[: len(clause.text) - len(words)]
    assert prefix in ("", "if ", "if you ", "for "), clause.text
    assert clause.text[len(prefix)] in (words[0], words[0].lower())
    if prefix:  # our joining word never meets one of the editor's
        assert words.split()[0].lower() not in ("if", "when", "once", "for", "to"), clause.text
        assert not (prefix == "if you " and words.split()[0] in ("you", "your")), clause.text
