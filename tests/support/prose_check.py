"""A mechanical reader of composed comparison pages: what an editor would never publish.

It reads a built site's canonical comparison pages and reports, one line per finding:
doubled punctuation, names with their first letter lowered, placeholder and seam phrases,
a sentence twice on one page, "wins" on a page that says the two are not rivals, and composed
sentence shapes used on too many pages of the site (names, numbers and the editor's own
words taken out, so only our wording is compared).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from nicepick.models import Technique
from nicepick.nameforms import article_and_name, running_name

# Phrases no composed page may carry: placeholders, seams between template pieces, and the
# old filler sentences this check was written against.
FORBIDDEN = (
    "None listed yet",
    "None listed",
    "it is our editors' choice",
    "the verdict describes",
    "do different jobs more than they compete",
    "Below: what each is for",
    "TODO",
    "undefined",
    "None.",
    "{{",
    "}}",
    "does best.",
    "costs you.",
    "the first technique named",
    "listing order",
    "usually means more documentation",
    "more answered questions",
    "Chosen on popularity",
    "Chosen by our editors",
    "  ",
    "if if ",
    "when when ",
    "for for ",
    "if you you ",
    "if when ",
    "for when ",
    "if for ",
)
# Punctuation after a space: a seam, unless it opens a name (".NET", ".to_pandas()").
_SEAM = re.compile(r" [.,;:](?=\s|$)")
NOT_RIVALS = (
    "not rivals",
    "not an either-or",
    "complement each other",
    "work together",
    "used together",
)
_DOUBLED = [
    re.compile(r"(?<![.])\.\.(?![.])"),  # "etc.." but not an ellipsis
    re.compile(r"[?!]\s*[.,;:]"),  # "?." "!,"
    re.compile(r"[,;:]\s*[,;:.!?](?![A-Za-z_])"),  # ",." ": :", but not ", .NET"
    re.compile(r"(?<!\b[a-z])(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)\.\s*[,;:]"),
]
SHARE_LIMIT = 0.30


@dataclass
class Page:
    path: str
    sentences: list[str]  # composed sections only
    whole: list[str]  # every sentence of the page's main text
    composed_text: str
    names: list[str]
    quoted: list[str]  # the editor's texts this page may quote
    # Names in sentence case that read in small letters mid-sentence, by the editor's own
    # usage or an ordinary first word ("Session cookies": "choose session cookies").
    common: frozenset[str] = frozenset()


def split_sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])", text)
    return [p.strip() for p in parts if len(p.strip()) > 3]


def _load(site: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    techniques = {}
    for path in sorted((site / "comparisons" / "techniques").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        techniques[str(data.get("slug") or path.stem)] = data
    comparisons = {}
    for path in sorted((site / "comparisons").rglob("*.yaml")):
        if "techniques" in path.relative_to(site / "comparisons").parts:
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        comparisons[path.name] = data
    return techniques, comparisons


def _texts(technique: dict) -> list[str]:
    found = [str(technique.get(k) or "") for k in ("summary", "tagline")]
    found += [str(x) for k in ("pros", "cons") for x in technique.get(k) or []]
    return [t for t in found if t]


def _as_technique(slug: str, data: dict) -> Technique:
    return Technique(
        slug=slug,
        name=str(data.get("name", "")),
        summary=str(data.get("summary") or ""),
        tagline=str(data.get("tagline") or ""),
        pros=tuple(str(x) for x in data.get("pros") or []),
        cons=tuple(str(x) for x in data.get("cons") or []),
    )


def _proper_phrases(texts: list[str], names: list[str]) -> set[str]:
    """Capitalised things a page must never lower: names, "A/B", "A-Frame", multi-word
    capitalised phrases ("Simple Queue Service")."""
    found = {n for n in names if n[:1].isupper()}
    for text in texts:
        for match in re.finditer(r"\b[A-Z][A-Za-z0-9]*(?:[/-][A-Z][A-Za-z0-9]*)+", text):
            found.add(match.group())
        # A capitalised phrase mid-sentence is a name; at the start it may be an ordinary
        # word before one ("Declarative Swift with…").
        for match in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]+(?: [A-Z][a-z]+)+", text):
            found.add(match.group())
    written = " ".join(texts)
    return {p for p in found if (p[0].lower() + p[1:]) not in written}


def read_pages(site: Path, public: Path) -> list[Page]:
    techniques, comparisons = _load(site)
    by_name = {str(t.get("name")): slug for slug, t in techniques.items()}
    written = {}
    for data in comparisons.values():
        written[frozenset(str(x) for x in data["compare"])] = data
    pages = []
    for index in sorted((public / "compare").glob("*/index.html")):
        html = index.read_text("utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        doc = BeautifulSoup(html, "html.parser")
        main = doc.find("main")
        for nav in main.find_all("nav"):
            nav.decompose()
        for part in main.find_all(class_="disagree"):
            part.decompose()
        composed = []
        for selector in (".intro", ".decided", ".verdict p", ".bottom-line p"):
            composed += [e.get_text(" ", strip=True) for e in main.select(selector)]
        headline = " ".join(e.get_text(" ", strip=True) for e in main.select(".winner"))
        cards = [c.find("h2").get_text(" ", strip=True) for c in main.select(".card")]
        slugs = [by_name.get(n, n) for n in cards]
        data = written.get(frozenset(slugs)) or {}
        for key in ("intro", "verdict", "bottom_line"):
            if data.get(key):  # hand-written: not composed
                selector = {
                    "intro": ".intro",
                    "verdict": ".verdict",
                    "bottom_line": ".bottom-line p",
                }[key]
                hand = " ".join(e.get_text(" ", strip=True) for e in main.select(selector))
                composed = [c for c in composed if c not in hand]
        names = list(cards)
        quoted: list[str] = []
        common = set()
        for slug in slugs:
            technique = techniques.get(slug, {})
            names += [str(a) for a in technique.get("aliases") or []]
            quoted += _texts(technique)
            name = str(technique.get("name", ""))
            running = article_and_name(running_name(_as_technique(slug, technique)), name)[1]
            if running != name:
                common.add(name)
                names.append(running)
        quoted += [str(v) for v in (data.get("choose_if") or {}).values()]
        if data.get("reason"):
            quoted.append(str(data["reason"]))
        text = " ".join(" ".join([*composed, headline]).split())
        # get_text puts a space after tags; a name such as ".NET" keeps its own
        text = re.sub(r"\s+([.,;:!?])(?=\s|$)", r"\1", text)
        whole = split_sentences(
            re.sub(r"\s+([.,;:!?])(?=\s|$)", r"\1", main.get_text(" ", strip=True))
        )
        shared = " ".join(" ".join(composed).split())
        shared = re.sub(r"\s+([.,;:!?])(?=\s|$)", r"\1", shared)
        pages.append(
            Page(
                index.parent.name,
                split_sentences(shared),
                whole,
                text,
                names,
                quoted,
                frozenset(common),
            )
        )
    return pages


def _shape(sentence: str, page: Page) -> str:
    """The sentence with what is particular to the page taken out."""
    shaped = sentence
    for quote in sorted(page.quoted, key=len, reverse=True):
        core = quote.strip().rstrip(".").strip()
        if len(core) > 3:
            shaped = re.sub(re.escape(core), "Q", shaped, flags=re.IGNORECASE)
    for name in sorted(page.names, key=len, reverse=True):
        shaped = re.sub(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", "X", shaped)
    return re.sub(r"\d[\d,.]*", "N", shaped)


def findings(site: Path, public: Path) -> list[str]:
    pages = read_pages(site, public)
    found: list[str] = []
    shapes: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        text = page.composed_text
        for pattern in _DOUBLED:
            for match in pattern.finditer(text):
                found.append(
                    f"{page.path}: doubled punctuation {match.group()!r} in "
                    f"…{text[max(0, match.start() - 40) : match.end() + 10]}…"
                )
        for phrase in FORBIDDEN:
            if phrase in text:
                found.append(f"{page.path}: placeholder or seam {phrase!r}")
        for match in _SEAM.finditer(text):
            found.append(f"{page.path}: placeholder or seam {match.group()!r}")
        for phrase in _proper_phrases(page.quoted, [n for n in page.names if n not in page.common]):
            lowered = phrase[0].lower() + phrase[1:]
            if (
                re.search(r"(?<![\w-])" + re.escape(lowered) + r"(?![\w-])", text)
                and lowered != phrase
            ):
                found.append(f"{page.path}: lowered name {lowered!r}")
        ours = _shape(text, page)  # the editor's own words may say anything
        if any(p in ours for p in NOT_RIVALS) and re.search(r"\bwins?\b", ours):
            found.append(f"{page.path}: says they are not rivals and names a winner")
        for sentence, times in Counter(page.whole).items():
            if times > 1 and len(sentence) > 25:
                found.append(f"{page.path}: sentence twice: {sentence!r}")
        for sentence in page.sentences:
            shapes[_shape(sentence, page)].add(page.path)
    if len(pages) >= 10:
        for shape, where in sorted(shapes.items()):
            if len(where) > SHARE_LIMIT * len(pages) and len(shape) > 12:
                found.append(f"{len(where)} of {len(pages)} pages say {shape!r}")
    return found
