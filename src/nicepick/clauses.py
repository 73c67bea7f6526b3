"""`choose_if` clauses: the shapes editors write them in, and how each fits our sentences.

Editors write "when you…", "you…", "if…", "only when…", a verb phrase ("need a managed
queue"), a noun phrase ("teams that ship weekly"), "for…" or a gerund ("building a CLI").
Each is read once into a `Clause` that knows how to follow "Choose X": as a condition
("when you need…", "if you need…") or as a purpose ("for teams that…"). A clause we cannot
place in a sentence is reported to the editor rather than published broken.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nicepick import prose

CONDITION, PURPOSE = "condition", "purpose"

_SUBORDINATORS = (
    "when",
    "whenever",
    "if",
    "unless",
    "once",
    "while",
    "where",
    "wherever",
    "as long as",
    "as soon as",
    "only when",
    "only if",
    "only once",
    "even if",
    "even when",
    "especially when",
    "especially if",
    "mainly when",
    "mostly when",
    "provided",
    "after",
    "before",
    "until",
    "in case",
    "because",
    "since",
    "so that",
    "whether",
)
_SUBJECTS = frozenset(
    """you you're you've you'd your we we're our they they're their it it's
its there there's i""".split()
)
# "Everyone else" is who a technique is for; "everyone already knows it" is a condition.
_INDEFINITE = frozenset(
    """everyone everybody everything anyone anybody anything someone
somebody something nobody nothing no-one""".split()
)
# First words of a verb phrase written without its subject: "need a managed queue".
_VERBS = frozenset(
    """need want have run already prefer care use build ship deploy expect
write work plan own maintain value live target host operate start migrate must can cannot
can't should would will are is do don't value love like hate mind trust rely depend favour
favor require process stream serve store handle manage support develop test scale move keep
know hire employ publish distribute release read send receive sync train fine-tune embed
compile bundle package install configure automate monitor debug measure benchmark refactor
replace upgrade inherit maintain choose pick adopt standardise standardize mix combine
integrate connect query index cache schedule orchestrate provision script ship prototype
just only mostly rarely never often still also mainly usually sometimes always set put
add get turn split enable disable switch avoid skip drop keep let make take give find
try learn teach call return wrap ship push pull merge fork clone review render draw
load save parse validate encrypt decrypt compress decompress archive stream share
target tolerate accept afford tune optimise optimize squeeze spend save care mind""".split()
)
_CONNECTIVES = frozenset("and but or nor so then that which who whose also plus".split())
_DETERMINERS = frozenset("the a an your our their its every each".split())
_PREPOSITIONS = frozenset(
    """for to from in on at with without during inside within across
over under alongside beside behind beyond per via as""".split()
)
_QUANTIFIERS = frozenset(
    """several many multiple most some all few both the your our their
these those two three four five every each""".split()
)
_ADJECTIVES = frozenset(
    """small large big new existing heavy light high low simple complex
mixed read-heavy write-heavy internal external public private long-running short-lived
enterprise solo greenfield legacy modern older newer tiny huge static dynamic real-time
latency-sensitive mission-critical cost-sensitive embedded mobile remote local distributed
polyglot strict quick fast slow first early late""".split()
)
_RELATIVES = frozenset("that who which whose with where whom using on in at running".split())


@dataclass(frozen=True, slots=True)
class Clause:
    """A `choose_if` clause as it follows "Choose X": `text` is ready to be placed there
    ("when you need…", "if you need…", "for teams that…"), `kind` says which it is."""

    kind: str  # CONDITION or PURPOSE
    text: str  # Markdown, first letter lowered where safe, no closing full stop

    @property
    def end(self) -> str:
        return prose.sentence_end(self.text)


def either(found: list[Clause]) -> Clause:
    """Several clauses for one side, as one: "when you need X or for teams that ship weekly"."""
    if len(found) == 1:
        return found[0]
    return Clause(found[0].kind, prose.join_words([c.text for c in found], "or"))


def _starts_with(lowered: str, words: tuple[str, ...]) -> str:
    for word in sorted(words, key=len, reverse=True):
        if lowered == word or lowered.startswith(word + " ") or lowered.startswith(word + ","):
            return word
    return ""


def read_clause(text: str, names: frozenset[str] = frozenset()) -> Clause | str:
    """The clause, or why it cannot be used (one short phrase for the editor)."""
    raw = text.strip()
    if not raw:
        return "is empty"
    if not prose.is_statement(raw):
        return "is a question, an exclamation or several sentences, not one clause"
    clause = prose.embed(raw, names)
    lowered = clause.lower()
    words = re.split(r"[\s,]+", lowered)
    first = words[0]
    if not first:
        return "has no words"
    subordinator = _starts_with(lowered, _SUBORDINATORS)
    if subordinator:
        rest = clause[len(subordinator) :].lstrip(" ,")
        if not rest:
            return f"has nothing after '{subordinator}'"
        return Clause(CONDITION, clause)
    if first in _SUBJECTS or (first in _INDEFINITE and _first_cue(words[1:4], False) == "verb"):
        return Clause(CONDITION, f"if {clause}")
    if first in _INDEFINITE:
        return Clause(PURPOSE, f"for {clause}")
    if first in _PREPOSITIONS:
        return Clause(PURPOSE, clause)  # "for embedded devices", "to create the resources"
    if first.endswith("ing") and len(first) > 4 and first not in _NOT_GERUNDS:
        if any(word in _STRONG_VERBS for word in words[1:3]):
            # "phishing is part of your threat model", "hiring matters"
            return Clause(CONDITION, f"if {clause}")
        return Clause(PURPOSE, f"for {clause}")
    if _own_subject(first, words[1:4]):
        # "build speed is critical", "bundle size matters": a noun that is also a verb
        # ("build", "bundle", "test"), then one of its own: the clause has its subject.
        return Clause(CONDITION, f"if {clause}")
    if first in _VERBS or _looks_like_verb(first, words[1:2]):
        return Clause(CONDITION, f"if you {clause}")
    if words[0] != first or clause.split(" ", 1)[0].endswith(","):
        return Clause(PURPOSE, f"for {clause}")  # "logs, backups and traffic": a list
    if first in _ADJECTIVES:
        # "internal calls in a polyglot back end", "public APIs and anything a CDN should
        # cache": a noun phrase, unless a verb follows at once ("performance is critical").
        if any(word in _AUXILIARIES for word in words[1:3]):
            return Clause(CONDITION, f"if {clause}")
        return Clause(PURPOSE, f"for {clause}")
    if first in _CONNECTIVES or (
        len(words) == 1 and not clause[:1].isupper() and not prose.is_common(first)
    ):
        # "and then some", "but cheaper", or one unknown word ("frobnicate"): nothing to
        # build a sentence on.
        return (
            f"does not start in a way nicepick can build a sentence on (it starts with '{first}')"
        )
    cue = _first_cue(words[1:7], determined=first in _QUANTIFIERS)
    if cue == "verb":
        # A clause with a subject of its own: "the team already knows Go", "several
        # consumers need to read…", "rootless containers and no daemon matter more".
        return Clause(CONDITION, f"if {clause}")
    # Who or what it is for: "teams that ship weekly", "Django projects", "logs and
    # backups", "service-to-service calls, or APIs consumed by third parties". A phrase
    # with no verb of its own cannot be a condition.
    return Clause(PURPOSE, f"for {clause}")


def _own_subject(first: str, following: list[str]) -> bool:
    """Whether a clause that opens with a word of `_VERBS` is a subject and its verb: a
    noun follows it (no verb, no determiner, no pronoun) and then, at once or after one more
    noun, a verb no noun is ("is", "matters"). "need raw speed in CI" and "already have a
    cluster" are verb phrases; "build speed is critical" is not."""
    if first in _AUXILIARIES or len(following) < 2:
        return False
    noun = following[0]
    if noun in _VERBS or noun in _FINITE or noun in _DETERMINERS or noun in _SUBJECTS:
        return False
    if noun in _PREPOSITIONS or noun in _CONNECTIVES or noun in _RELATIVES:
        return False
    for word in following[1:3]:
        if word in _STRONG_VERBS and word != "already":
            return True
        if word in _VERBS or word in _PREPOSITIONS or word in _RELATIVES:
            return False
    return False


def _first_cue(words: list[str], determined: bool) -> str:
    """ "verb" when a finite verb comes before any relative word ("that", "with"…, or a
    participle: "assets served to browsers"), "relative" for the opposite, "" when neither
    shows. "needs", "runs", "calls" are verbs after "the", "several", "your"… ("the app
    needs…", "several consumers need…"), but plural nouns after an adjective or a noun
    ("service-to-service calls")."""
    for number, word in enumerate(words):
        if (
            word == "already"
            and words[number + 1 : number + 2]
            and (words[number + 1] in _PREPOSITIONS or words[number + 1] in _RELATIVES)
        ):
            return "relative"  # "teams already on Next.js": who it is for, no verb
        if (
            word in _RELATIVES
            or word in ("you", "we", "they")
            or (len(word) > 4 and word.endswith("ed") and word not in _FINITE)
        ):
            return "relative"  # "clients you do not control": a relative clause
        if word in _STRONG_VERBS or (determined and (word in _FINITE or word in _VERBS)):
            return "verb"
    return ""


def _looks_like_verb(first: str, following: list[str]) -> bool:
    """A verb we do not list: "containerize apps", "frobnicate the widget"."""
    if first.endswith(("ize", "ise", "ify")) and len(first) > 5:
        return True
    return bool(following) and following[0] in _DETERMINERS and not first.endswith("s")


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u"):
        return verb[:-1] + "ies"
    return verb + "s"


# Words that show a clause has its own verb: auxiliaries and "needs", "runs", "knows"…
_AUXILIARIES = frozenset(
    """is are was were has have had can cannot can't must should will
would does do don't doesn't isn't aren't already""".split()
)
# Verbs that are never plural nouns: a clause follows whatever its subject looks like.
_STRONG_VERBS = _AUXILIARIES | frozenset("""matters matter lives knows owns""".split())
_FINITE = (
    _AUXILIARIES
    | frozenset(
        """matters lives knows owns fits counts matter live fit
count grow change come""".split()
    )
    | frozenset(_third_person(v) for v in _VERBS)
)
_NOT_GERUNDS = frozenset(
    [
        "thing",
        "things",
        "string",
        "strings",
        "spring",
        "everything",
        "nothing",
        "something",
        "anything",
        "during",
        "king",
    ]
)


HINT = (
    "write it as 'when you…', 'if…', 'you…', a verb ('need…'), 'for…' or who it suits "
    "('teams that…')"
)


_PARTICIPLES = frozenset(
    """built written designed backed used maintained tested battle-tested
made shipped loved trusted adopted developed created sponsored funded governed licensed
hosted managed owned powered bundled included supported documented known proven installed
preinstalled based inspired optimised optimized aimed geared focused tuned compiled typed
standardised standardized deployed embedded integrated available""".split()
)


@functools.lru_cache(maxsize=16384)
def with_subject(text: str, name: str, verbs_only: bool = False) -> str:
    """A pro or con written without its subject, given the technique's name as one:
    "Talks to Prometheus…" → "Grafana talks to Prometheus…", "Built on Starlette…" →
    "FastAPI is built on Starlette…", "Younger than Jest…" → "Vitest is younger than Jest…".
    Sentences, and fragments of other shapes, come back as written. Cached: a technique's
    pros and cons are read again on each of its comparison pages."""
    words = text.split()
    if len(words) < 2:
        return text
    first, second = words[0].lower().rstrip(",;:"), words[1].lower().rstrip(",;:")
    rest = text[len(words[0]) :]
    if first in _OPENING_AUXILIARIES and words[0][1:].islower():
        # "Cannot fix a dull knife", "has drifted from MySQL 8": the verb is there, small
        # letter or capital; only the subject is not.
        return f"{name} {first}{rest}"
    if not words[0][:1].isupper() or not words[0][1:].islower():
        return text
    if second in _AUXILIARIES or second in _VERBS or second in _FINITE:
        return text  # "Tests run…", "Plugins vary…": the subject is there
    base = first[:-3] + "y" if first.endswith("ies") else first[:-1]
    known = _VERBS | _MORE_VERBS
    if first.endswith("s") and (base in known or (first.endswith("es") and first[:-2] in known)):
        return f"{name} {first}{rest}"
    if (
        words[0].isalpha()
        and first.endswith("s")
        and not first.endswith("ss")
        and (second in _OBJECT_OPENERS)
    ):
        return f"{name} {first}{rest}"  # "Survives the loss of a region": a verb, by its object
    if verbs_only:
        # "Owned by Oracle", "Too short for squash": a participle before its preposition,
        # or "too" and an adjective, is what the technique is.
        if _is_what_it_is(first, second):
            return f"{name} {'are' if name == 'They' else 'is'} {first}{rest}"
        return text
    if first in _PARTICIPLES or first.startswith("battle-"):
        verb = "was" if first == "born" else "has been" if " since " in text else "is"
        return f"{name} {verb} {first}{rest}"
    if first == "born":
        return f"{name} was born{rest}"
    if first.endswith("er") and second == "than":
        return f"{name} is {first}{rest}"
    return text


# What opens a subject-less pro or con that is a verb whatever follows ("Cannot fix…", "Has
# drifted…"), and, after a word in -s, what shows that word to be a verb with its object: a
# plural noun is not followed by "the" ("Plugins for everything", but "Survives the loss").
_OPENING_AUXILIARIES = frozenset(
    "has is was can cannot can't will won't does doesn't isn't hasn't wasn't lacks needs".split()
)
_OBJECT_OPENERS = frozenset("the your its every each any".split())
# The same openings with "they" ("Honing rods": "they cannot fix…"), the verb agreeing.
_PLURAL_AUXILIARIES = {
    "has": "have",
    "is": "are",
    "was": "were",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "hasn't": "haven't",
    "wasn't": "weren't",
    "can": "can",
    "cannot": "cannot",
    "can't": "can't",
    "will": "will",
    "won't": "won't",
}


_AFTER_PARTICIPLE = frozenset("by on in with for to from at into over under".split())


def _is_what_it_is(first: str, second: str) -> bool:
    """ "too short…", or a past participle before its preposition ("owned by…")."""
    if first == "too":
        return second.isalpha()
    participle = first in _PARTICIPLES or (len(first) > 4 and first.endswith("ed"))
    return participle and second in _AFTER_PARTICIPLE


def with_plural_subject(text: str) -> str:
    """A pro or con of a technique with a plural name that opens with an auxiliary, given
    "They" ("Cannot fix a dull knife" → "They cannot fix a dull knife"); any other as
    written, since "They survives" would be worse than the fragment."""
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and first[1:].islower() and rest:
        second = rest.split(" ", 1)[0].lower().rstrip(",;:")
        if _is_what_it_is(first.lower(), second):
            return f"They are {first.lower()} {rest}"
    verb = _PLURAL_AUXILIARIES.get(first.lower())
    if verb is None or not rest or not first[1:].islower():
        return text
    return f"They {verb} {rest}"


# Verbs that open subject-less pros ("Renders…", "Talks to…") and are not choose_if verbs.
_MORE_VERBS = frozenset(
    """render talk speak draw boot integrate plug reuse generate produce
emit export import stream fetch ship offer provide give keep let make lack miss cover bundle
include expose hide catch play pair sit fit match beat outperform outlast trail lead lag
cost highlight extract remove preserve deliver reduce improve simplify require break crash
ignore lose brew heat pour yield reject accelerate feel raise lower boost fix pass""".split()
)
