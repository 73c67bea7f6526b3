"""The seam through which earlier results reach a build. The core declares here what it may
be handed to skip work an earlier build did, and never imports what fills it (incremental/):
the up-to-date check, page fingerprints, checked comparisons kept on disk between runs of
`build` (incremental.kept), and serve's session, which keeps parsed files, the results of
their checks and more in memory (incremental.session). A build handed none of it reads and
checks every file, plans and renders every page, and writes the same bytes with the same
messages (tests/test_golden.py builds each golden site both ways)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from nicepick.config import SiteConfig
    from nicepick.derived import Derived
    from nicepick.errors import Problems
    from nicepick.load import CheckedComparisons
    from nicepick.manifest import Manifest
    from nicepick.models import Comparison, Technique
    from nicepick.pages import Plan
    from nicepick.parallel import Parallel
    from nicepick.planlist import PlanList
    from nicepick.references import Resolver
    from nicepick.sitefiles import SiteFiles
    from nicepick.theme import Assets, Environment
    from nicepick.tree import Document
    from nicepick.writer import BuildReport

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


M = TypeVar("M")


class KeptFiles(Protocol[M]):
    """One site's checked files of one kind, kept from earlier builds (incremental.kept)."""

    def get(self, path: Path | str, shown: str) -> M | None:
        """What the file gave when it was checked, if the file is unchanged since."""
        ...

    def save(self, kept: dict[str, M | None]) -> None:
        """Keep these (None: the file had problems, and is read again next time)."""
        ...


class Keeper(Protocol):
    """Opens the checked files kept for the site in a folder (incremental.kept)."""

    def techniques(self, source: Path) -> KeptFiles[Technique]:
        """Technique files are checked on their own: kept while the file is unchanged."""
        ...

    def comparisons(self, source: Path, key: str) -> KeptFiles[Comparison]:
        """Comparisons are kept while references resolve as the key (Resolver.signature)
        says, too."""
        ...

    def stamps(self, source: Path) -> Mapping[str, tuple[int, int]]:
        """Each content file's size and modification time as the up-to-date check's walk
        just saw them, by file as shown: dates take their times from here."""
        ...

    def listing(self, source: Path) -> SiteFiles | None:
        """The content files as the up-to-date check just found them, when its walk can
        stand in for listing them again (sitefiles.from_walk); None to list them."""
        ...


def checked(
    document: Document,
    check: Callable[[Document, Problems], T],
    problems: Problems,
    cache: CheckedFiles | None,
) -> T:
    """`check(document, problems)`, through the cache when there is one."""
    return cache.get(document, check, problems) if cache else check(document, problems)


class Loading(Protocol):
    """What serve's loader keeps in memory (incremental.session.LoadCaches): parsed files,
    their checks, and the last listing of content files with the files its watcher saw
    written since: when both are known, nothing else is listed or stat-ed."""

    @property
    def parsed(self) -> ParsedFiles | None: ...

    @property
    def validated(self) -> CheckedFiles | None: ...

    listing: SiteFiles | None
    edited: frozenset[Path] | None
    pairs: dict[tuple[str, str], Comparison]  # dynamic pairs, kept (dynamic.py)
    comparisons: CheckedComparisons | None  # the last checked comparisons (load.py)


@dataclass
class Earlier:
    """The last build's output, as its manifest recorded it, and what this build will
    record: the signature of its inputs and of its theme."""

    manifest: Manifest | None
    inputs: str = ""
    theme: str = ""
    intact: bool = False  # its every file as it left it: changes may be written in place


@dataclass(frozen=True)
class Carried:
    """The last build's files of the pages a build leaves out (its every file but `redone`,
    those every build makes again), kept as they are. The last build's record is taken over
    by the new one, not copied: a copy of 300,000 records, or a comparison of the two lists,
    cost 0.15 s each on every save of serve at 100,000 comparisons."""

    record: Manifest  # the last build's; `into` takes it over
    redone: frozenset[str]

    def into(self, made: Manifest) -> int:
        """Make `made` (this build's own files, static ones included) the whole record: the
        last build's records of the files left out, with their stamps, and this build's. Asked
        once every file is made; the last build's record is no longer whole after it. Returns
        how many files were left out."""
        files, stamps = self.record.files, self.record.stamps
        made.gone = gone = {p for p in self.redone if p in files and p not in made.files}
        # Only what is gone is taken out: a key taken out and put back leaves a hole, and
        # 10,000 holes a save made the dict grow and be copied whole every few saves.
        for path in gone:
            del files[path]
        for path in self.redone:
            if path in stamps and path not in made.stamps:
                del stamps[path]
        known = sum(1 for path in made.files if path in files)
        left_out = len(files) - known
        # No file added or gone, and a stamp for each made file: the same list of files and
        # of stamps as the record's, so the same listing (Manifest.known_listing).
        same = not gone and known == len(made.files) and made.files.keys() == made.stamps.keys()
        listing, self.record.known_listing = self.record.known_listing, ""
        files.update(made.files)
        stamps.update(made.stamps)
        made.files, made.stamps = files, stamps
        made.known_listing = listing if same else ""
        return left_out


class Reuse(Protocol):
    """Earlier results, where they still hold."""

    def up_to_date(
        self, config: SiteConfig, force: bool, workers: Parallel | None
    ) -> BuildReport | None:
        """A report of nothing done when nothing changed since the last build; else None."""
        ...

    def earlier(self, config: SiteConfig) -> Earlier:
        """The last build's output, whose unchanged pages may be kept."""
        ...

    def recall(self, name: str) -> Any:
        """What the last build remembered under `name`, or None."""
        ...

    def remember(self, name: str, value: object) -> None:
        """Keep `value` for the next build (serve keeps it in memory; `build` does not)."""
        ...

    def environment(
        self, config: SiteConfig, words: SimpleNamespace, assets: Assets
    ) -> Environment:
        """The template environment, its templates compiled already where none changed."""
        ...

    def fingerprints(self, derived: Derived, assets: Assets) -> Callable[[Plan], bytes]:
        """A digest of everything each page shows, to keep pages whose digest is unchanged."""
        ...

    def affected(self, plans: PlanList, static: Iterable[str]) -> tuple[PlanList, Carried | None]:
        """The plans to render, and the files of those left out (kept as they are); asked
        after `fingerprints`. serve leaves out pages no edit reached."""
        ...

    def built(self, manifest: Manifest) -> None:
        """What the build wrote, for the next one."""
        ...

    @property
    def loading(self) -> Loading | None:
        """What serve's loader keeps in memory."""
        ...

    @property
    def keeper(self) -> Keeper | None:
        """Checked comparisons kept between runs of `build`."""
        ...


def kept(reuse: Reuse | None, name: str, key: Callable[[], object], make: Callable[[], T]) -> T:
    """What `make` returned in the last build while `key()` is unchanged; else `make()`."""
    if reuse is None:
        return make()
    known, earlier = key(), reuse.recall(name)
    if earlier is not None and earlier[0] == known:
        return earlier[1]  # type: ignore[no-any-return]
    value = make()
    reuse.remember(name, (known, value))
    return value
