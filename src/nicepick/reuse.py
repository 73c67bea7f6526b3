"""The seam through which incremental/ reaches loading. The core declares here what it may be
handed to skip work an earlier build did, and never imports what fills it: serve keeps parsed
files and the results of their checks in memory (incremental.parsed), and `build` keeps
checked comparisons on disk between runs (incremental.kept). Loading handed none of them
reads and checks every file, and gives the same catalog and the same messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from nicepick.errors import Problems
    from nicepick.models import Comparison
    from nicepick.references import Resolver
    from nicepick.tree import Document

T = TypeVar("T")
D = TypeVar("D")


class ParsedFiles(Protocol):
    """Parsed files by path, from earlier builds (incremental.parsed.ParseCache)."""

    def load(
        self,
        path: Path,
        shown: str,
        problems: Problems,
        read: Callable[[Path, str, Problems], Document | None],
    ) -> Document | None:
        """The file as `read` gives it, with its problems; read again only when it changed."""
        ...

    def unedited(self, path: Path, problems: Problems) -> tuple[bool, Document | None]:
        """The file as last parsed, without a stat: for a caller that knows it is unchanged
        (serve, told by its file watcher). (False, None) when it was never parsed."""
        ...


class CheckedFiles(Protocol):
    """The results of each file's checks, from earlier builds, while the very same parsed
    Document comes back (incremental.parsed.ValidationCache)."""

    def get(
        self, document: Document, check: Callable[[Document, Problems], T], problems: Problems
    ) -> T:
        """`check(document, problems)`, or what it gave last time for this document."""
        ...

    def resolve(
        self,
        draft: D,
        resolver: Resolver,
        resolve: Callable[[D, Resolver, Problems], Comparison | None],
        problems: Problems,
    ) -> Comparison | None:
        """`resolve(draft, resolver, problems)`, or what it gave last time for this draft
        while references resolve the same way."""
        ...


class KeptComparisons(Protocol):
    """One site's checked comparisons, kept from earlier builds for one way of resolving
    references (incremental.kept.ComparisonCache)."""

    def get(self, path: Path, shown: str) -> Comparison | None:
        """The comparison kept for this file, if the file is unchanged since."""
        ...

    def save(self, kept: dict[str, Comparison | None]) -> None:
        """Keep these comparisons (None: the file had problems) for the next build."""
        ...


# Opens the comparisons kept for the site in a folder, valid while references resolve as the
# key (Resolver.signature) says.
Keeper = Callable[[Path, str], KeptComparisons]


def checked(
    document: Document,
    check: Callable[[Document, Problems], T],
    problems: Problems,
    cache: CheckedFiles | None,
) -> T:
    """`check(document, problems)`, through the cache when there is one."""
    return cache.get(document, check, problems) if cache else check(document, problems)
