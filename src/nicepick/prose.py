"""Small pieces of English grammar for composed text: articles, plurals, clause boundaries.

Authored text is never re-cased beyond one safe step: the first letter of a clause is lowered
only when its first word is a common English word that cannot be a name or an acronym.
"""

from __future__ import annotations

import functools
import re

# Words that start many pros and summaries and are never names: safe to lower mid-sentence.
_LOWERABLE = frozenset(
    ["a", "an", "the", "it", "its", "it's", "this", "that", "these", "those", "they", "their", "there", "here", "you", "your", "we", "our", "when", "whenever", "where", "while", "if", "unless", "for", "with", "without", "in", "on", "at", "by", "from", "to", "of", "as", "once", "because", "since", "though", "although", "both", "each", "every", "many", "most", "more", "much", "some", "any", "all", "no", "not", "only", "also", "great", "good", "better", "best", "very", "highly", "much", "simple", "simpler", "easy", "easier", "fast", "faster", "strong", "strongly", "works", "work", "makes", "make", "lets", "let", "allows", "allow", "enables", "enable", "provides", "provide", "offers", "offer", "supports", "support", "handles", "handle", "helps", "help", "reduces", "reduce", "improves", "improve", "gives", "give", "keeps", "keep", "runs", "run", "scales", "scale", "avoids", "avoid", "needs", "need", "requires", "require", "can", "cannot", "may", "might", "must", "should", "will", "would", "is", "are", "was", "were", "has", "have", "had", "does", "do", "useful", "ideal", "well", "widely", "mature", "proven", "excellent", "built", "designed", "used", "using", "use"]
)
_FIRST_WORD = re.compile(r"^([A-Za-z][a-z']*)\b")
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")
_ABBREVIATIONS = frozenset(["e.g.", "i.e.", "etc.", "vs.", "al.", "inc.", "ltd.", "co.", "approx."])
_SUBORDINATORS = ("when ", "whenever ", "if ", "where ", "while ", "once ", "unless ",
                  "for ", "as long as ", "in ", "on ")
_VOWEL_SOUND_EXCEPTIONS_A = ("uni", "use", "usa", "usu", "uti", "ura", "eu", "one", "once")
_VOWEL_SOUND_EXCEPTIONS_AN = ("hour", "honest", "honor", "honour", "heir")
_LETTER_NAMES_WITH_VOWEL_SOUND = set("AEFHILMNORSX")


def lower_first(text: str, names: frozenset[str] = frozenset()) -> str:
    """Lower the first letter when the first word is an ordinary word ("It is…" → "it is…").

    Anything else stays as written: acronyms (GANs, IoT), names (Python, ResNet), and any word
    in `names`, such as the techniques being compared.
    """
    match = _FIRST_WORD.match(text)
    if not match:
        return text
    word = match.group(1)
    if word in names or word.lower() not in _LOWERABLE or word == "I":
        return text
    return text[0].lower() + text[1:]


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip("*_`)\"' ")
    return stripped.endswith(("!", "?")) or (
        stripped.endswith(".") and not stripped.endswith("..")
    )


def _ends_with_abbreviation(text: str) -> bool:
    last = text.rsplit(None, 1)[-1].lower() if text.split() else ""
    return last in _ABBREVIATIONS


def as_clause(text: str) -> str:
    """A sentence made ready to sit inside another: its closing full stop goes, nothing else.

    "…like Node.js." → "…like Node.js"; "…tools, etc." keeps its "etc." intact.
    """
    text = text.strip()
    if text.endswith(".") and not text.endswith("..") and not _ends_with_abbreviation(text):
        return text[:-1]
    return text


def as_sentence(text: str) -> str:
    """Add a full stop unless the text already ends a sentence (or with an abbreviation)."""
    text = text.strip()
    if not text or ends_sentence(text) or _ends_with_abbreviation(text):
        return text
    return text + "."


def starts_with_subordinator(clause: str) -> bool:
    """True for "when you…", "if you…", "for teams that…": clauses that need no "if" before them."""
    return clause.lower().startswith(_SUBORDINATORS)


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
    return f"{article(phrase)} {phrase}"


_IRREGULAR = {"analysis": "analyses", "index": "indexes", "schema": "schemas",
              "criterion": "criteria", "datum": "data", "matrix": "matrices",
              "person": "people", "child": "children"}
_UNCOUNTABLE = frozenset(["software", "hardware", "middleware", "firmware", "data", "tooling"])


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
    """92.0 → '92'; 7.5 → '7.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
