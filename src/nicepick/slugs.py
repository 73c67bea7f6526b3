"""Slugs: the URL names of techniques, tags, categories and kinds, in any script.

Latin letters lose their accents ("Café" → "cafe", as nicepick always made them), and every
other script keeps its letters, lowercased ("Базы данных" → "базы-данных", "日本語" →
"日本語"): a reader recognises their words in the address, and every static host serves
UTF-8 paths (links are percent-encoded where they are written, see urls.py). Slugs are NFC,
casefolded, and hold no spaces or punctuation: letters, digits and single hyphens.
"""

from __future__ import annotations

import functools
import unicodedata

# A regular expression every slug matches, for editors' JSON Schemas (Python's `re` and
# ECMAScript read it alike): no spaces, capitals or ASCII punctuation but single hyphens.
# It cannot tell every letter from every symbol; is_slug is the exact rule.
_NOT_IN_SLUG = r"\s\x00-\x1f\x7fA-Z!-,./:-@\[-`{-~"
SLUG_PATTERN = rf"^[^{_NOT_IN_SLUG}]+(?:-[^{_NOT_IN_SLUG}]+)*$"
MAX_SLUG_LENGTH = 80
# A pair's page is the folder "<a>-vs-<b>", and file systems allow 255 bytes per name.
MAX_SLUG_BYTES = 125

# Names Windows refuses as files whatever the extension; a slug becomes a folder name, and a
# site built on Linux is often checked out or previewed on Windows.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)

# Characters that mean a word of their own in a slug rather than vanishing ("C++" is not "C").
_SPELLED = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}
# Latin letters that no Unicode decomposition takes back to a plain one.
_LATIN = {
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "þ": "th",
    "ı": "i",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
}


def is_slug(text: str) -> bool:
    """True when `text` can be used as a slug as it is."""
    return bool(text) and slugify(text) == text


def slug_problem(text: str) -> str:
    """Why `text` is not a slug, or an empty string when it is one."""
    if not text:
        return "is empty"
    if len(text) > MAX_SLUG_LENGTH or len(text.encode("utf-8")) > MAX_SLUG_BYTES:
        return f"is longer than {MAX_SLUG_LENGTH} characters ({MAX_SLUG_BYTES} bytes in UTF-8)"
    if text in RESERVED:
        return f"'{text}' is a reserved file name on Windows"
    if not is_slug(text):
        return f"'{text}' is not a valid slug: use lowercase letters, digits and single hyphens"
    return ""


def _words(text: str) -> str:
    """Letters and digits kept, runs of anything else as one hyphen (unstripped)."""
    out: list[str] = []
    latin = False  # the last letter kept was a plain Latin one, which takes no accents
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            if char.isalnum():
                out.append(char.lower())
                latin = True
            elif out and out[-1] != "-":
                out.append("-")
            continue
        category = unicodedata.category(char)
        if category[0] == "M":  # a combining mark: an accent on Latin, part of a letter elsewhere
            if out and out[-1] != "-" and not latin:
                out.append(char)
        elif category[0] in "LN":
            folded = char.casefold()
            plain = _LATIN.get(folded)
            out.append(plain if plain is not None else folded)
            latin = plain is not None or folded.isascii()
        elif category != "Cf" and out and out[-1] != "-":  # Cf: joiners inside a word
            out.append("-")
    return "".join(out)


def _clip(slug: str) -> str:
    while len(slug) > MAX_SLUG_LENGTH or len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1]
    return slug.rstrip("-")


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Turn a name into a slug: "C++" -> "c-plus-plus", "Node.js" -> "node-js", "Ça va" ->
    "ca-va", "Базы данных" -> "базы-данных".

    The result is a slug (is_slug), or empty when the text has no letters or digits at all.
    """
    for char, spelled in _SPELLED.items():
        text = text.replace(char, spelled)
    slug = unicodedata.normalize("NFC", _words(text)).strip("-")
    slug = _clip(slug)
    if slug in RESERVED:
        slug = f"{slug}-1"
    return slug


def humanize(slug: str) -> str:
    """A readable label for a slug that was never given one.

    "machine-learning" -> "Machine learning".
    """
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]
