"""Slugs: the URL-safe names of techniques, tags, categories and kinds."""

from __future__ import annotations

import functools
import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_SLUG_LENGTH = 80
_SLUG_RE = re.compile(SLUG_PATTERN)
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Names Windows refuses as files whatever the extension; a slug becomes a folder name, and a
# site built on Linux is often checked out or previewed on Windows.
RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)

# Characters that mean a word of their own in a slug rather than vanishing ("C++" is not "C").
_SPELLED = {"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "}


def is_slug(text: str) -> bool:
    """True when `text` can be used as a slug as it is."""
    return (
        len(text) <= MAX_SLUG_LENGTH and bool(_SLUG_RE.match(text)) and text not in RESERVED
    )


def slug_problem(text: str) -> str:
    """Why `text` is not a slug, or an empty string when it is one."""
    if not text:
        return "is empty"
    if len(text) > MAX_SLUG_LENGTH:
        return f"is longer than {MAX_SLUG_LENGTH} characters"
    if text in RESERVED:
        return f"'{text}' is a reserved file name on Windows"
    if not _SLUG_RE.match(text):
        return f"'{text}' is not a valid slug: use lowercase letters, digits and single hyphens"
    return ""


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Turn a name into a slug: "C++" -> "c-plus-plus", "Node.js" -> "node-js", "Ça va" -> "ca-va".

    The result matches SLUG_PATTERN, or is empty when the text has no letters or digits at all.
    """
    for char, spelled in _SPELLED.items():
        text = text.replace(char, spelled)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rstrip("-")
    if slug in RESERVED:
        slug = f"{slug}-1"
    return slug


def humanize(slug: str) -> str:
    """A readable label for a slug that was never given one: "machine-learning" -> "Machine learning"."""
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]
