"""Digests of what pages show (shows.py, fingerprints.py): 12 bytes of BLAKE2b over each
part and a NUL after it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from nicepick.views import Matchup

Part = bytes | str | Iterable[bytes]


def matchups_text(matchups: Iterable[Matchup]) -> str:
    """Everything a list of matchups shows, for digesting: a dataclass repr per item was
    the largest part of planning at 100,000 comparisons. YAML text has no NUL to blur it."""
    return "\n".join(
        f"{m.title}\0{m.path}\0{m.opponent}\0{m.opponent_path}\0{m.won:d}{m.together:d}"
        for m in matchups
    )


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


def fingerprint(*parts: Part) -> bytes:
    """One digest over several: the identity of everything a page is made from."""
    return digest_of(hashlib.blake2b(digest_size=12), parts)


def digest_of(h: Any, parts: Iterable[Part]) -> bytes:
    feed(h, parts)
    return h.digest()  # type: ignore[no-any-return]


def feed(h: Any, parts: Iterable[Part]) -> None:
    for part in parts:
        if isinstance(part, bytes):
            h.update(part)
        elif isinstance(part, str):
            h.update(part.encode("utf-8", "surrogatepass"))
        else:
            for item in part:
                h.update(item)
        h.update(b"\x00")
