"""`choose_if` clauses: the shapes editors write them in, and how each fits our sentences.

Editors write "when you…", "you…", "if…", "only when…", a verb phrase ("need a managed
queue"), a noun phrase ("teams that ship weekly"), "for…" or a gerund ("building a CLI").
Each is read once into a `Clause` that knows how to follow "Choose X": as a condition
("when you need…", "if you need…") or as a purpose ("for teams that…"). A clause we cannot
place in a sentence is reported to the editor rather than published broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nicepick import prose

CONDITION, PURPOSE = "condition", "purpose"

_SUBORDINATORS = ("when", "whenever", "if", "unless", "once", "while", "where", "wherever",
                  "as long as", "as soon as", "only when", "only if", "only once", "even if",
                  "even when", "especially when", "especially if", "mainly when",
                  "mostly when", "provided", "after", "before", "until", "in case")
_SUBJECTS = frozenset("""you you're you've you'd your we we're our they they're their it it's
its there there's everyone everything nobody no-one someone i""".split())
# First words of a verb phrase written without its subject: "need a managed queue".
_VERBS = frozenset("""need want have run already prefer care use build ship deploy expect
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
target tolerate accept afford tune optimise optimize squeeze spend save care mind""".split())
# First words of a noun phrase that names who or what the technique is for.
_NOUN_STARTS = frozenset("""a an the teams team projects project apps app applications
application services service systems system companies company organisations organizations
organization organisation startups startup people developers developer engineers anyone
anybody those users workloads workload sites site codebases codebase pipelines pipeline
products product libraries library clusters cluster data small large big new existing most
many any greenfield legacy heavy light high low simple complex mixed read-heavy write-heavy
internal public private long-running short-lived enterprise solo beginners experts
researchers scientists shops microservices monoliths monorepos""".split())
_DETERMINERS = frozenset("the a an your our their its every each".split())
_PREPOSITIONS = frozenset("""for to from in on at with without during inside within across
over under alongside beside behind beyond per via""".split())
_QUANTIFIERS = frozenset("""several many multiple most some all few both the your our their
these those two three four five every each""".split())
_ADJECTIVES = frozenset("""small large big new existing heavy light high low simple complex
mixed read-heavy write-heavy internal external public private long-running short-lived
enterprise solo greenfield legacy modern older newer tiny huge static dynamic real-time
latency-sensitive mission-critical cost-sensitive embedded mobile remote local distributed
polyglot strict quick fast slow first early late""".split())
_RELATIVES = frozenset("that who which whose with where whom using on in at running".split())


@dataclass(frozen=True, slots=True)
class Clause:
    """A `choose_if` clause as it follows "Choose X": `text` is ready to be placed there
    ("when you need…", "if you need…", "for teams that…"), `kind` says which it is."""

    kind: str  # CONDITION or PURPOSE
    text: str  # Markdown, first letter lowered where safe, no closing full stop
    whether: str = ""  # the condition without its subordinator ("you need…"), if it has one

    @property
    def end(self) -> str:
        return prose.sentence_end(self.text)


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
        rest = clause[len(subordinator):].lstrip(" ,")
        if not rest:
            return f"has nothing after '{subordinator}'"
        whether = rest if subordinator in ("when", "whenever", "if", "once") else ""
        return Clause(CONDITION, clause, whether)
    if first in _SUBJECTS:
        return Clause(CONDITION, f"if {clause}", clause)
    if first in _PREPOSITIONS:
        return Clause(PURPOSE, clause)  # "for embedded devices", "to create the resources"
    if first.endswith("ing") and len(first) > 4 and first not in _NOT_GERUNDS:
        return Clause(PURPOSE, f"for {clause}")
    if first in _VERBS or _looks_like_verb(first, words[1:2]):
        return Clause(CONDITION, f"if you {clause}", f"you {clause}")
    if words[0] != first or clause.split(" ", 1)[0].endswith(","):
        return Clause(PURPOSE, f"for {clause}")  # "logs, backups and traffic": a list
    if first in _ADJECTIVES:
        # "internal calls in a polyglot back end", "public APIs and anything a CDN should
        # cache": a noun phrase, unless a verb follows at once ("performance is critical").
        if any(word in _AUXILIARIES for word in words[1:3]):
            return Clause(CONDITION, f"if {clause}", clause)
        return Clause(PURPOSE, f"for {clause}")
    cue = _first_cue(words[1:7], plural_subject=first in _QUANTIFIERS)
    if cue == "verb":
        # A clause with a subject of its own: "the team already knows Go", "several
        # consumers need to read…", "rootless containers and no daemon matter more".
        return Clause(CONDITION, f"if {clause}", clause)
    if cue == "relative" or first in _NOUN_STARTS or clause[:1].isupper() \
            or _is_noun_list(clause, first):
        # "teams that ship weekly", "Django projects", "notifications and dashboards"
        return Clause(PURPOSE, f"for {clause}")
    return ("does not start in a way nicepick can build a sentence on "
            f"(it starts with '{first}')")


def _first_cue(words: list[str], plural_subject: bool) -> str:
    """"verb" when a finite verb comes before any relative word ("that", "with"…, or a
    participle: "assets served to browsers"), "relative" for the opposite, "" when neither
    shows. After "several", "most", "the"… a plain verb counts: "several consumers need…"."""
    for word in words:
        if word in _RELATIVES or word in ("you", "we", "they") or (
                len(word) > 4 and word.endswith("ed") and word not in _FINITE):
            return "relative"  # "clients you do not control": a relative clause
        if word in _FINITE or (plural_subject and word in _VERBS):
            return "verb"
    return ""


def _looks_like_verb(first: str, following: list[str]) -> bool:
    """A verb we do not list: "containerize apps", "frobnicate the widget"."""
    if first.endswith(("ize", "ise", "ify")) and len(first) > 5:
        return True
    return bool(following) and following[0] in _DETERMINERS and not first.endswith("s")


def _is_noun_list(clause: str, first: str) -> bool:
    """"logs, backups and internal traffic", "chat, games and editors": things, not actions."""
    return first not in _VERBS and ("," in clause.split(" ", 2)[0] + " "
                                    or first.endswith("s") and len(first) > 3)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u"):
        return verb[:-1] + "ies"
    return verb + "s"


# Words that show a clause has its own verb: auxiliaries and "needs", "runs", "knows"…
_AUXILIARIES = frozenset("""is are was were has have had can cannot can't must should will
would does do don't doesn't isn't aren't already""".split())
_FINITE = _AUXILIARIES | frozenset("""matters lives knows owns fits counts matter live fit
count grow change come""".split()) | frozenset(_third_person(v) for v in _VERBS)
_NOT_GERUNDS = frozenset(["thing", "things", "string", "strings", "spring", "everything",
                          "nothing", "something", "anything", "during", "king"])


HINT = ("write it as 'when you…', 'if…', 'you…', a verb ('need…'), 'for…' or who it suits "
        "('teams that…')")
