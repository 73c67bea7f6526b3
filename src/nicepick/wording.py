"""The wording of one page's sentences: which frame of a slot each sentence takes, filled.

A slot has several frames (frames.py). The pair picks one, so every build words a page the
same way while a site does not repeat one shape everywhere; on the page, a frame is passed
over when it would open like a sentence already there or read badly around the names it is
given. Editor text is rendered as inline Markdown, its words as written.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping

from markupsafe import Markup

from nicepick import prose
from nicepick.clauses import Clause
from nicepick.frames import FRAMES
from nicepick.htmlformat import escaped, format_html
from nicepick.markup import MarkdownRenderer
from nicepick.nameforms import article_and_name, plural, possessive, sentence_start

_POSSESSIVES = ("ps", "os", "ts")  # placeholders that hold a possessive name
_NAMES = ("p", "o", "t", "r", "a", "b")  # placeholders that hold a name

# A verb right after a name ("{p} is", "{o} shines", "{t} still has"): every such word in
# the frames is a singular verb; and the pronouns some frames refer back to a name with.
_SINGULAR_VERB = re.compile(r"\{(p|o|t|a|b)\} (?:[a-z]+s|still)\b|\{(b)\} \{kb\}")
_TAG = re.compile(r"<[^>]*>")  # a name given in <strong>
_SINGULAR_PRONOUN = re.compile(r"\bwhat it costs\b|\bits weak spot\b|\b(?:for|against) it\b")


@functools.lru_cache(maxsize=4096)
def _own_words(frame: str) -> frozenset[str]:
    """The frame's own words, casefolded (placeholders left out). Cached: asked of every
    frame on every page, where a pattern made per name was compiled anew each time."""
    return frozenset(re.findall(r"[\w'-]+", re.sub(r"\{\w+\}", " ", frame).casefold()))


@functools.lru_cache(maxsize=4096)
def _features(frame: str) -> frozenset[str]:
    """What makes two frames on one page read alike: how the sentence begins ("choose {p}",
    "{p} is") and any three words in a row of its own ("comes out ahead")."""
    tokens = re.findall(r"\{\w+\}|[a-z']+", frame.lower())
    words = [t for t in tokens if not t.startswith("{")]
    found = {"start " + " ".join(tokens[:2])}
    found.update(" ".join(words[k : k + 3]) for k in range(len(words) - 2))
    return frozenset(found)  # cached: the frames are a fixed few hundred


def _uses(frame: str, avoided: str) -> bool:
    """Whether `frame` has what `avoided` names: a placeholder, ';', or 'verb:p' (a singular
    verb right after {p})."""
    if avoided == ";":
        return ";" in frame
    if avoided.startswith("echo:"):  # "echo:p:Go": no "Go with {p}" when {p} is Go
        _, name, word = avoided.split(":", 2)
        return "{" + name + "}" in frame and word.casefold() in _own_words(frame)
    if avoided.startswith("verb:"):
        name = avoided[5:]
        return any(name in m.groups() for m in _SINGULAR_VERB.finditer(frame)) or (
            "{" + name + "}" in frame and _SINGULAR_PRONOUN.search(frame) is not None
        )
    return "{" + avoided + "}" in frame


def paragraphs(parts: list[Markup]) -> Markup:
    return Markup("".join(format_html("<p>{}</p>\n", part) for part in parts if part))


def joined(*sentences: Markup) -> Markup:
    return Markup(" ").join(s for s in sentences if s)


class Wording:
    """The sentences of one page: frames are chosen by the pair (`key`). `names`: each
    technique's name as the editor writes it mid-sentence, where that differs from the name
    ("GPS watch": "a GPS watch"; nameforms.running_name)."""

    def __init__(
        self, markdown: MarkdownRenderer, key: str, names: Mapping[str, str] | None = None
    ) -> None:
        self.md = markdown
        self.key = key
        self.names = names or {}
        self.openings: set[str] = set()  # how the page's sentences begin so far

    def frame(self, slot: str, offset: int = 0, avoid: tuple[str, ...] = ()) -> str:
        """One of the slot's frames, the same for the same pair on every build; frames that
        use a placeholder in `avoid` are passed over when another frame is left."""
        options = FRAMES[slot]
        digest = hashlib.blake2b(f"{self.key}\0{slot}".encode(), digest_size=4).digest()
        start = int.from_bytes(digest, "big") + offset
        # Passed over too: a frame that would open like a sentence already on the page
        # ("Choose Django …" twice), or repeat three of its words ("comes out ahead").
        for fresh in (True, False):
            for step in range(len(options)):
                option = options[(start + step) % len(options)]
                if any(_uses(option, name) for name in avoid) or (
                    fresh and _features(option) & self.openings
                ):
                    continue
                self.openings |= _features(option)
                return option
        return options[start % len(options)]

    def say(self, slot: str, **parts: object) -> Markup:
        values = {k: escaped(v) for k, v in parts.items()}
        frame = self.frame(slot, 0, self.avoid(parts))
        if self.names:
            frame = self._running_names(frame, values)
        return Markup(frame.format(**values))

    def running(self, name: str, starts: bool = False) -> str:
        """The name as written mid-sentence, or opening one (`starts`)."""
        phrase = self.names.get(name, name)
        return sentence_start(phrase) if starts else phrase

    def _running_names(self, frame: str, values: dict[str, str]) -> str:
        """Names (and their possessives) given in their running form: a placeholder that
        opens a sentence of the frame takes it capitalised, as `{p_}`."""
        for key, value in list(values.items()):
            if key not in _NAMES and key not in _POSSESSIVES:
                continue
            value = str(value)  # Markup's own replace would escape the name again
            shown = _TAG.sub("", value)
            for name, phrase in self.names.items():
                own = possessive(name) if key in _POSSESSIVES else name
                if shown != escaped(own):
                    continue
                article, written = article_and_name(phrase, name)
                written = possessive(written) if key in _POSSESSIVES else written
                inner = value.replace(escaped(own), escaped(written), 1)
                opening = value.replace(escaped(own), escaped(sentence_start(written)), 1)
                values[key] = f"{article} {inner}" if article else inner
                values[key + "_"] = f"{sentence_start(article)} {inner}" if article else opening
                frame = re.sub(r"(^|[.!?]\s+)\{" + key + r"\}", r"\1{" + key + "_}", frame)
                break
        return frame

    @staticmethod
    def avoid(parts: dict[str, object]) -> tuple[str, ...]:
        """ "Express's" and "Redis Streams'" both read badly to someone: frames that need
        such a possessive are passed over; so are frames with a singular verb after a
        plural name ("Session cookies is"); and a quote with a semicolon of its own is not
        put after one of ours."""
        avoided = [k for k, v in parts.items() if k in _POSSESSIVES and str(v).endswith("s'")]
        # ("{b} {kb}" leaves out the "is" of "{a} is {ka}": "Tempo runs a method".)
        avoided += [
            f"verb:{k}"
            for k in ("p", "o", "t", "a", "b")
            if plural(_TAG.sub("", str(parts.get(k, ""))))
        ]
        avoided += [
            f"echo:{k}:{name}"
            for k in ("p", "o", "t")
            if (name := _TAG.sub("", str(parts.get(k, "")))) and " " not in name
        ]
        if any(";" in str(v) for k, v in parts.items() if k in ("pro", "con", "clause")):
            avoided.append(";")
        return tuple(avoided)

    def quote(self, clause: str) -> Markup:
        """An editor's sentence embedded as a clause, rendered, closing our sentence."""
        return self.md.inline(clause) + prose.sentence_end(clause)

    def clause(self, clause: Clause) -> Markup:
        return self.md.inline(clause.text) + clause.end

    def whole(self, text: str) -> Markup:
        return self.md.inline(prose.as_sentence(text))
