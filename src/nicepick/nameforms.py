"""How a technique's name reads inside a sentence: singular or plural, possessive, as subject.

Names are the editor's, written as they wrote them; these rules only decide the words around
them ("Kubernetes'", "Session cookies win"), so a frame never breaks a name to fit.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from nicepick.clauses import with_subject
from nicepick.commonwords import COMMON, is_common, looks_ordinary_but_is_a_name
from nicepick.models import Technique
from nicepick.prose import KNOWN_NAMES

# What may follow a name that is a whole noun phrase ("a GPS watch to log pace", "a treadmill
# when it rains"), rather than a word it modifies ("a Git merge commit"): punctuation, the end,
# or one of these.
_AFTER_NOUN = frozenset(
    """to when if for and or but with without is are was were will would can could may might
    does do did has have had that which who whose because in on at as so than then instead
    over under from of by into onto before after until while since unless whenever""".split()
)
_CODE = re.compile(r"`[^`]*`")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*)$")


def plural(name: str) -> bool:
    """Whether a name reads as a plural noun ("Session cookies", "Multi-armed bandits"):
    its last word is a lower-case plural. Product names that end in "s" ("Kubernetes",
    "Redis Streams") are written capitalised and take a singular verb."""
    last = name.split()[-1] if name.split() else ""
    if not last.endswith("s") or last.endswith(("ss", "us", "is")):
        return False
    # "Session cookies", and "Passkeys" (a passkey); not "Kubernetes" or "Redis Streams".
    return (len(name.split()) > 1 and last.islower()) or (
        len(name.split()) == 1 and last.lower()[:-1] in COMMON
    )


def possessive(name: str) -> str:
    """ "Django's", "Kubernetes'", "Redis Streams'"."""
    return name + ("'" if name.endswith("s") else "'s")


def own_subject(clause: str, name: str) -> str:
    """A clause whose subject is "it" or "its" given the technique's name instead, and a
    subject-less one ("built on Starlette") its name and verb: for places where the
    sentence before ends on the other technique. A plural name ("Hill repeats") is not
    put in front of the editor's singular verb: the clause stays as written."""
    if plural(name):
        return clause
    for pronoun, replacement in (("it ", f"{name} "), ("its ", f"{possessive(name)} ")):
        if clause.startswith(pronoun):
            return replacement + clause[len(pronoun) :]
    if clause.startswith(("it's ", "it’s ")):  # "it has" before "been" and "got", else "it is"
        rest = clause[5:]
        return f"{name} {'has' if rest.startswith(('been ', 'got ')) else 'is'} {rest}"
    upper = clause[:1].upper() + clause[1:]
    given = with_subject(upper, name)
    return given if given != upper else clause


def running_name(technique: Technique) -> str:
    """The name as the editor's own sentences write it mid-sentence: "a GPS watch", "a
    treadmill", "cast iron skillets". A name that is a common noun needs an article there
    ("Start with GPS watch" reads like a telegram), and one written in sentence case a small
    letter ("Choose Cast iron skillets"); only the editor knows which article, or whether
    the name takes none ("cold brew", "Docker"): their summary, tagline, pros and cons are
    asked. Without an answer there, a name of several words whose first is an ordinary
    word ("Honing rods") is lowered; any other stays as written."""
    return _running_name(
        technique.name, (technique.summary, technique.tagline, *technique.pros, *technique.cons)
    )


@functools.lru_cache(maxsize=8192)
def _running_name(name: str, texts: tuple[str, ...]) -> str:
    words = name.split()
    if not words or not words[0][:1].isalpha():
        return name
    pattern = re.compile(
        r"(?<![\w-])(?:(a|an|the)\s+)?(" + r"\s+".join(map(re.escape, words)) + r")(?![\w-])",
        re.IGNORECASE,
    )
    texts = tuple(_CODE.sub(" ", text) for text in texts)  # `git merge` is a command
    with_article: Counter[tuple[str, str]] = Counter()
    bare: Counter[str] = Counter()
    for text in texts:
        for match in pattern.finditer(text):
            article, written = match.group(1), " ".join(match.group(2).split())
            if not _ends_the_phrase(text[match.end() :]):
                continue
            if article:
                with_article[(article.lower(), written)] += 1
            elif not _SENTENCE_START.search(text[: match.start()]):
                bare[written] += 1
    lowered = _lowered(words)
    if with_article and sum(with_article.values()) > sum(bare.values()) and not plural(name):
        (article, written), _ = with_article.most_common(1)[0]
        # A capitalised name kept in capitals mid-sentence is a name of its own ("the
        # Docker daemon" aside): only a common noun takes the article.
        if written == lowered or (len(words) > 1 and written.split()[-1].islower()):
            return f"{article} {written}"
    if bare:
        return bare.most_common(1)[0][0] if bare.most_common(1)[0][0] == lowered else name
    if len(words) > 1 and lowered != name and _ordinary(words[0], texts):
        return lowered
    return name


def _lowered(words: list[str]) -> str:
    """The name with a small first letter, where its first word is in sentence case and
    every other word is small: "Cast iron skillets" as "cast iron skillets"; "GPS watch",
    "Git Flow" or "iPhone" as they are."""
    first = words[0]
    if not (first[:1].isupper() and first[1:] == first[1:].lower()):
        return " ".join(words)
    if not all(w.islower() or not any(c.isalpha() for c in w) for w in words[1:]):
        return " ".join(words)
    return " ".join([first[:1].lower() + first[1:], *words[1:]])


def _ordinary(word: str, texts: tuple[str, ...]) -> bool:
    """An ordinary English word, or one the editor writes in small letters elsewhere; not
    one that is also a name ("Go modules", "Swift concurrency")."""
    if word in KNOWN_NAMES or looks_ordinary_but_is_a_name(word):
        return False
    small = {w for text in texts for w in re.findall(r"(?<![\w-])[a-z][a-z'-]*", text)}
    return is_common(word, frozenset(small))


def _ends_the_phrase(rest: str) -> bool:
    """Whether the name ends its noun phrase here: punctuation, the end, a small word, or
    a verb in -s ("a gas hob gives…"); not a noun it modifies ("a Git merge commit")."""
    following = rest.lstrip()
    if not following or not following[0].isalpha():
        return True
    match = re.match(r"[A-Za-z']+", following)
    word = match.group().lower() if match else ""
    return word in _AFTER_NOUN or (len(word) > 3 and word.endswith("s") and not word.endswith("ss"))


def sentence_start(phrase: str) -> str:
    """ "a GPS watch" opening a sentence: "A GPS watch"."""
    return phrase[:1].upper() + phrase[1:]


def name_in_sentence(technique: Technique, language: str) -> str:
    """The name as a theme's words put it mid-sentence ("Start with {name}"): its running
    form in English, which is what the editor's articles were learned from; as written in any
    other language."""
    english = language == "en" or language.startswith("en-")
    return running_name(technique) if english else technique.name


def article_and_name(phrase: str, name: str) -> tuple[str, str]:
    """ "a GPS watch" as ("a", "GPS watch"); "cast iron skillets" as ("", itself)."""
    first, _, rest = phrase.partition(" ")
    if first in ("a", "an", "the") and rest.casefold() == name.casefold():
        return first, rest
    return "", phrase
