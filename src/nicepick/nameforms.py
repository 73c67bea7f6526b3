"""How a technique's name reads inside a sentence: singular or plural, possessive, as subject.

Names are the editor's, written as they wrote them; these rules only decide the words around
them ("Kubernetes'", "Session cookies win"), so a frame never breaks a name to fit.
"""

from __future__ import annotations

from nicepick.clauses import with_subject
from nicepick.commonwords import COMMON


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
