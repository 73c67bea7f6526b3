"""What serve keeps in memory between rebuilds: each file as parsed, and the results of its
checks, so a save re-reads and re-checks only the file that changed.

Handed to loading as `reuse.ParsedFiles` and `reuse.CheckedFiles` (session.LoadCaches holds
them). Entries are keyed by the file's size and mtime, and by the identity of the very
Document or draft they were made from: the same object back means the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from nicepick.errors import Problem, Problems
from nicepick.models import Comparison
from nicepick.references import Resolver
from nicepick.tree import Document

T = TypeVar("T")
D = TypeVar("D")


class ParseCache:
    """Parsed files by path, reused while size and mtime are unchanged."""

    def __init__(self) -> None:
        self.entries: dict[Path, tuple[tuple[int, int], Document | None, list[Problem]]] = {}

    def unedited(self, path: Path, problems: Problems) -> tuple[bool, Document | None]:
        """The file as last parsed, without a stat: for a caller that knows it is unchanged
        (serve, told by its file watcher). (False, None) when it was never parsed."""
        hit = self.entries.get(path)
        if hit is None:
            return False, None
        problems.extend(hit[2])
        return True, hit[1]

    def load(
        self,
        path: Path,
        shown: str,
        problems: Problems,
        read: Callable[[Path, str, Problems], Document | None],
    ) -> Document | None:
        """The file as `read` gives it, with its problems; read again only when it changed."""
        try:
            stat = path.stat()
            key = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            return read(path, shown, problems)
        hit = self.entries.get(path)
        if hit is not None and hit[0] == key:
            problems.extend(hit[2])
            return hit[1]
        own = Problems()
        document = read(path, shown, own)
        problems.extend(own.items)
        self.entries[path] = (key, document, list(own.items))
        return document


class ValidationCache:
    """Per-file results of the checks that look at one file alone, reused while the parse
    cache hands back the very same Document (serve: only edited files are checked again)."""

    def __init__(self) -> None:
        self.entries: dict[int, tuple[Document, object, list[Problem]]] = {}
        # Comparisons resolved against the techniques, reused while references resolve the
        # same way: a save to a technique's pros need not look at every comparison again.
        self.resolved: dict[int, tuple[object, Comparison | None, list[Problem]]] = {}
        self.resolver: Resolver | None = None

    def resolve(
        self,
        draft: D,
        resolver: Resolver,
        resolve: Callable[[D, Resolver, Problems], Comparison | None],
        problems: Problems,
    ) -> Comparison | None:
        if self.resolver is not resolver:  # a new build: are its references the same?
            if self.resolver is None or not self.resolver.same_as(resolver):
                self.resolved.clear()
            self.resolver = resolver
        hit = self.resolved.get(id(draft))
        if hit is not None and hit[0] is draft:
            problems.extend(hit[2])
            return hit[1]
        own = Problems()
        result = resolve(draft, resolver, own)
        problems.extend(own.items)
        self.resolved[id(draft)] = (draft, result, list(own.items))
        return result

    def get(
        self, document: Document, check: Callable[[Document, Problems], T], problems: Problems
    ) -> T:
        hit = self.entries.get(id(document))
        if hit is not None and hit[0] is document:
            problems.extend(hit[2])
            return hit[1]  # type: ignore[return-value]
        own = Problems()
        result = check(document, own)
        problems.extend(own.items)
        self.entries[id(document)] = (document, result, list(own.items))
        return result
