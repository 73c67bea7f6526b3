"""English grammar for composed text: quoting an editor's sentence inside ours, articles, plurals.

An editor's sentence is quoted either *embedded* (as a clause of one of our sentences: its
first letter lowered when that is safe, its closing full stop dropped) or *whole* (its own
sentence, exactly as written). Questions, exclamations and several sentences are only ever
quoted whole: "Need streaming? It has it!" cannot become part of another sentence.
"""

from __future__ import annotations

import functools
import re

from nicepick.commonwords import is_common, looks_ordinary_but_is_a_name

__all__ = ["is_common"]  # re-exported: clauses.py asks whether a word is ordinary

_FIRST_WORD = re.compile(r"^([A-Za-z][A-Za-z'’]*)(\S*)(\s+(\S+))?")
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")
_ABBREVIATIONS = frozenset(
    [
        "e.g.",
        "i.e.",
        "etc.",
        "vs.",
        "al.",
        "inc.",
        "ltd.",
        "co.",
        "approx.",
        "cf.",
        "no.",
        "v.",
        "ca.",
        "resp.",
        "incl.",
        "esp.",
    ]
)
# Markup that may close a sentence after its punctuation: `code`, **bold**, (asides), quotes.
_CLOSERS = "*_`)\"'”’]"
CLOSERS = _CLOSERS
# Closed-class words: a capital after one of them belongs to a name ("The Kafka protocol").
_FUNCTION_WORDS = frozenset(
    """a an the it it's its this that these those their there they
our your you we my his her with without for in on at by from to of as when whenever if unless
while once because since no every each all both most many some any only also even just not
what which who how where""".split()
)
_VOWEL_SOUND_EXCEPTIONS_A = ("uni", "use", "usa", "usu", "uti", "ura", "eu", "one", "once")
_VOWEL_SOUND_EXCEPTIONS_AN = ("hour", "honest", "honor", "honour", "heir")
_LETTER_NAMES_WITH_VOWEL_SOUND = set("AEFHILMNORSX")


def name_words(*names: str) -> frozenset[str]:
    """The words of names and aliases as written: a quoted sentence starting with one of
    them keeps its capital ("Django's admin…", "Kafka keeps…" for Apache Kafka). An
    ordinary word inside a longer name is not a name on its own: "Native code" is not
    React Native. With the names nicepick knows besides (KNOWN_NAMES)."""
    return own_name_words(*names) | KNOWN_NAMES


def own_name_words(*names: str) -> frozenset[str]:
    """name_words without KNOWN_NAMES: the words of these names alone."""
    found: set[str] = set()
    for name in names:
        words = [w.strip(".,;:!?()") for w in name.split()]
        found.update(w for w in words if len(words) == 1 or not is_common(w))
    return frozenset(found)


# Proper nouns that pros and cons name without being techniques of the site: an ordinary
# word before one of them is lowered ("Declarative Swift" → "declarative Swift").
KNOWN_NAMES = frozenset(
    """Python Java JavaScript TypeScript Kotlin Swift Rust Go Ruby Scala
C C++ C# Elixir Erlang Haskell OCaml Perl PHP Lua Dart Julia Linux Windows macOS iOS Android
Unix POSIX Apple Google Microsoft Amazon AWS Azure GCP GitHub GitLab Docker Kubernetes Node
Chrome Chromium Firefox Safari Edge WebKit Xcode Jupyter Excel SQL NoSQL HTTP HTTPS JSON YAML
XML HTML CSS WebAssembly""".split()
)


# Known names that open a sentence more often as the ordinary word: "Edge cases", "Node pools".
_MOSTLY_ORDINARY = frozenset(["Edge", "Node"])


def can_lower(
    text: str, names: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()
) -> bool:
    """Whether the first letter of `text` may be lowered mid-sentence.

    Only when its first word is an ordinary English word written plainly ("It", "The",
    "Eager") and does not open a capitalised phrase ("Simple Queue Service") or a token
    such as "A/B", "A-Frame" or "I/O"; never for names, acronyms or a word in `names`.
    """
    match = _FIRST_WORD.match(text)
    if not match:
        return False
    word, attached, _, second = match.groups()
    if (
        attached
        and attached not in (",", ";", ":")
        and not re.fullmatch(r"(-[a-z]+)+[,;:]?", attached)
    ):
        return False  # "A/B", "A-Frame", "Node.js"; but "Low-traffic" is one ordinary word
    if word in names or word.rstrip("'’s") in names or word == "I":
        return False
    if word in KNOWN_NAMES and word not in _MOSTLY_ORDINARY:
        return False  # "Windows support…", "Go modules…": the names, not the words
    if not word[0].isupper() or (len(word) > 1 and not word[1:].islower()):
        return False  # already lower, or an acronym or a name such as "GANs", "iOS"
    if word.lower() in _FUNCTION_WORDS:
        return True  # "The Django admin…": the capital that follows is a name of its own
    if second and not attached:
        following = second.lstrip("\"'“‘(").rstrip(".,;:!?)\"'”’")
        head, _, rest = following.partition("-")
        if head[:1].isupper():
            acronym = head.isupper() and len(head) > 1
            # Lower the ordinary word before a compound ("Newer Terraform-only features")
            # or before an acronym that is not one of the page's names ("Native ES
            # modules"). Keep it before a name ("Core NATS", "Simple Queue Service") and
            # before any other capitalised word, which may make one name with it
            # ("Protocol Buffers", "Eager Execution"): lowering a name is the worse mistake.
            own = head.rstrip("'’s") in names and head not in KNOWN_NAMES
            external = head in KNOWN_NAMES
            if not ((rest and own) or external or (acronym and not own)):
                return False
    return is_common(word + attached.rstrip(",;:"), common)


def lower_first(
    text: str, names: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()
) -> str:
    """The text with its first letter lowered when `can_lower` says so; else as written."""
    return text[0].lower() + text[1:] if can_lower(text, names, common) else text


def label_in_sentence(label: str, names: frozenset[str] = frozenset()) -> str:
    """A fact's label inside a sentence: "Brew time" → "brew time". A label is a heading
    for a value, written in sentence case, so its first word is lowered unless it is a name:
    one of the page's, one nicepick knows ("Python version", "Windows support"), or one
    that opens a capitalised phrase or carries capitals of its own ("Stack Overflow
    questions", "GitHub stars", "CPU time")."""
    if can_lower(label, names):
        return lower_first(label, names)
    words = label.split()
    if not words:
        return label
    first = words[0]
    plain = first.replace("-", "").isalpha() and first[:1].isupper() and first[1:].islower()
    if not plain or any(word[:1].isupper() for word in words[1:]):
        return label
    if first in names or first in KNOWN_NAMES or looks_ordinary_but_is_a_name(first):
        return label
    start = label.index(first)
    return label[:start] + first.lower() + label[start + len(first) :]


def _ends_with_abbreviation(text: str) -> bool:
    words = text.rstrip(_CLOSERS).split()
    return bool(words) and words[-1].lower().lstrip("(") in _ABBREVIATIONS


def ends_sentence(text: str) -> bool:
    """Whether the text already closes a sentence (., ! ?, …, or an abbreviation's dot).
    What ends inside parentheses does not close the sentence around them: "(Loki, Mimir…)"
    still wants its full stop."""
    stripped = text.rstrip()
    if stripped.endswith(")"):
        return False
    return stripped.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def sentence_end(text: str) -> str:
    """What must follow `text` to close a sentence: a full stop, or nothing when it already
    ends with one (an abbreviation such as "etc." included), so "etc.." never happens."""
    return "" if ends_sentence(text) else "."


_BOUNDARY = re.compile(r"([.!?…])([" + re.escape(_CLOSERS) + r"]*)\s+(?=[\"“‘(]*[A-Z0-9`*])")


def sentences(text: str) -> list[str]:
    """The sentences of `text`: split after . ! ? … followed by a capital or a digit, but not
    after an abbreviation ("e.g. Node.js", "vs. Flask") or an initial ("A. Turing")."""
    found: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        head = text[start : match.end(2)]
        last = head.rstrip(_CLOSERS).split()[-1] if head.split() else ""
        if match.group(1) == "." and (
            last.lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last)
        ):
            continue
        found.append(head.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        found.append(tail)
    return found


def is_statement(text: str) -> bool:
    """One sentence that states something: it can become a clause of another sentence.
    Questions, exclamations and several sentences cannot."""
    stripped = text.strip().rstrip(_CLOSERS)
    if stripped.endswith(("?", "!")) or "?" in stripped or "!" in stripped.replace("!=", ""):
        return False
    return len(sentences(text)) == 1


@functools.lru_cache(maxsize=16384)
def as_clause(text: str) -> str:
    """A sentence made ready to sit inside another: its closing full stop goes, nothing else.
    (Cached, as the pros and cons it is asked about come back on many pages.)

    "…like Node.js." → "…like Node.js"; "…tools, etc." keeps its "etc." intact, and an
    ellipsis stays.
    """
    text = text.strip()
    if text.endswith(".") and not text.endswith("..") and not _ends_with_abbreviation(text):
        return text[:-1]
    return text


def embed(
    text: str, names: frozenset[str] = frozenset(), common: frozenset[str] = frozenset()
) -> str:
    """An editor's statement as a clause of our sentence: "It is fast." → "it is fast"."""
    return as_clause(lower_first(text.strip(), names, common))


def as_sentence(text: str) -> str:
    """The text as a whole sentence: as written, with a full stop added if it has none, and
    a capital if it opens with an ordinary word in small letters ("it does everything…"), not
    with a name written so ("npm", "pandas")."""
    text = text.strip()
    if not text:
        return text
    first = re.match(r"[a-z][a-z'’-]*(?![\w.])", text)
    if first and first.group() not in KNOWN_NAMES and is_common(first.group()):
        text = text[0].upper() + text[1:]
    return text + sentence_end(text)


def join_words(items: list[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


@functools.lru_cache(maxsize=4096)
def article(phrase: str) -> str:
    """'a' or 'an' for the phrase, by sound: an ORM, an hour, a unit, a library, an SQL database.

    Cached: every comparison page asks again about the same few kinds and names."""
    word = phrase.strip().split(" ", 1)[0] if phrase.strip() else ""
    if not word:
        return "a"
    letters = _NOT_ALPHANUMERIC.sub("", word)
    if not letters:
        return "a"
    if letters[0].isdigit():
        return "an" if letters[0] == "8" or letters.startswith(("11", "18")) else "a"
    if len(letters) > 1 and letters.isupper():  # an acronym, read letter by letter
        return "an" if letters[0] in _LETTER_NAMES_WITH_VOWEL_SOUND else "a"
    lowered = letters.lower()
    if lowered.startswith(_VOWEL_SOUND_EXCEPTIONS_AN):
        return "an"
    if lowered.startswith(_VOWEL_SOUND_EXCEPTIONS_A):
        return "a"
    return "an" if lowered[0] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """ "a library", "an ORM"; a kind no one counts takes none: "X is equipment"."""
    if phrase.rpartition(" ")[2].lower() in _UNCOUNTABLE:
        return phrase
    return f"{article(phrase)} {phrase}"


_IRREGULAR = {
    "analysis": "analyses",
    "index": "indexes",
    "schema": "schemas",
    "criterion": "criteria",
    "datum": "data",
    "matrix": "matrices",
    "person": "people",
    "child": "children",
    "proxy": "proxies",
    # -f and -fe that take -ves ("chef", "roof" and "belief" take -s, by the rule below).
    "knife": "knives",
    "life": "lives",
    "wife": "wives",
    "shelf": "shelves",
    "half": "halves",
    "leaf": "leaves",
    "loaf": "loaves",
    "wolf": "wolves",
    "calf": "calves",
    "thief": "thieves",
    "man": "men",
    "woman": "women",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "medium": "media",
    "phenomenon": "phenomena",
    "vertex": "vertices",
    "hero": "heroes",
    "potato": "potatoes",
    "tomato": "tomatoes",
    "echo": "echoes",
    "series": "series",
    "species": "species",
}
_UNCOUNTABLE = frozenset(
    [
        "software",
        "hardware",
        "middleware",
        "firmware",
        "data",
        "tooling",
        "infrastructure",
        "research",
        "equipment",
        "gear",
        "cookware",
        "machinery",
        "furniture",
    ]
)


def plural(noun: str) -> str:
    """Plural of a kind, by its last word: library → libraries, message broker → message brokers."""
    head, _, last = noun.rpartition(" ")
    lowered = last.lower()
    if not last or lowered in _UNCOUNTABLE:
        return noun
    if lowered in _IRREGULAR:
        word = _IRREGULAR[lowered]
        word = word[0].upper() + word[1:] if last[0].isupper() else word
    elif last.isupper() and len(last) > 1:
        word = last + "s"  # APIs, ORMs
    elif lowered.endswith("sis"):  # thesis, hypothesis
        word = last[:-2] + "es"
    elif re.search(r"[^aeiou]y$", lowered):
        word = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", lowered):
        word = last + "es"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def count(number: int, noun: str) -> str:
    """'1 win', '2 wins', '0 comparisons'."""
    return f"{number:,} {noun if number == 1 else plural(noun)}"


def format_number(value: float) -> str:
    """92.0 → '92'; 7.5 → '7.5'; 31000 → '31,000'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10g}" if abs(value) >= 1000 else f"{value:g}"
