"""What serve keeps between rebuilds, in memory: parsed files, the standings, the template
environment, the last build's manifest and its fingerprints. A save that edits one file
then costs little more than that file's pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from nicepick import sources
from nicepick.config import SiteConfig
from nicepick.derived import Derived
from nicepick.incremental import earlier_output
from nicepick.incremental.affected import PER_COMPARISON, affected
from nicepick.incremental.fingerprints import Fingerprints
from nicepick.incremental.lastbuild import between, others_of
from nicepick.incremental.parsed import ParseCache, ValidationCache
from nicepick.load import CheckedComparisons
from nicepick.manifest import Manifest
from nicepick.models import Comparison
from nicepick.pages import Plan
from nicepick.parallel import Parallel
from nicepick.planlist import Made, PlanList
from nicepick.reuse import Carried, Earlier
from nicepick.theme import Assets, Environment, forget_rendered, make_environment
from nicepick.writer import BuildReport


@dataclass
class LoadCaches:
    """What the loader reuses (load_catalog's `cache`): parsed and checked files, and the
    last listing of content files with (set by serve for one build) the files its watcher
    saw written since: when both are known, nothing else is listed or stat-ed."""

    parsed: ParseCache | None = field(default_factory=ParseCache)
    validated: ValidationCache | None = field(default_factory=ValidationCache)
    listing: sources.SiteFiles | None = None
    edited: frozenset[Path] | None = None
    pairs: dict[tuple[str, str], Comparison] = field(default_factory=dict)
    comparisons: CheckedComparisons | None = None


@dataclass(frozen=True)
class _Built:
    """What a build that finished was made from, for `affected` to compare with: its digests,
    its compiled environment's key, and its files not made per comparison (static ones too)."""

    fingerprints: Fingerprints
    environment: str
    others: frozenset[str]


class Session:
    """serve's speed-ups: everything from the last rebuild that still holds."""

    keeper = None  # serve keeps checked files in memory (`loading`), not on disk

    def __init__(self) -> None:
        self.loading = LoadCaches()
        self.manifest: Manifest | None = None  # what the last build wrote
        self._memory: dict[str, Any] = {}
        self._theme = ""
        self.compiled: tuple[str, Environment] | None = None
        self._fingerprints: Fingerprints | None = None
        self.sweep = False  # garbage was left among what serve set aside (processes.collect)
        self._built: _Built | None = None  # the build self.manifest records
        self._building: _Built | None = None
        # Where each subject of a part made per comparison stands, by the part's subjects.
        self._positions: dict[int, tuple[Sequence[object], dict[object, int]]] = {}
        self._asked: set[int] = set()

    def up_to_date(
        self, config: SiteConfig, force: bool, workers: Parallel | None
    ) -> BuildReport | None:
        return None  # serve rebuilds because its watcher saw a change

    def earlier(self, config: SiteConfig) -> Earlier:
        earlier = earlier_output(config, self.manifest, "")
        self._theme = earlier.theme
        return earlier

    def recall(self, name: str) -> Any:
        return self._memory.get(name)

    def remember(self, name: str, value: object) -> None:
        self._memory[name] = value

    def environment(
        self, config: SiteConfig, words: SimpleNamespace, assets: Assets
    ) -> Environment:
        """The last build's environment, its templates compiled, while neither the settings
        nor any template changed; its memos of rendered fragments emptied."""
        key = f"{self._theme}\0{config!r}\0{words!r}\0{assets!r}"
        if self.compiled is None or self.compiled[0] != key:
            # The old environment is a cycle (its globals' closures hold it) among objects
            # serve set aside: only a collection of the whole heap frees it.
            self.sweep = self.compiled is not None
            self.compiled = (key, make_environment(config, words, assets))
        else:
            forget_rendered(self.compiled[1])
        return self.compiled[1]

    def fingerprints(self, derived: Derived, assets: Assets) -> Callable[[Plan], bytes]:
        self._fingerprints = Fingerprints(derived, assets, self._fingerprints, remember=True)
        return self._fingerprints.of

    def affected(self, plans: PlanList, static: Iterable[str]) -> tuple[PlanList, Carried | None]:
        """Only the pages a save can have changed, and the last build's records of the files
        of the others. The pages made per comparison are left out for each comparison whose
        inputs are those of the last build that finished (affected.py); every other page
        (a few per technique, the lists, the sitemaps) and static file goes through the
        build as always, and its record comes from there."""
        assert self._fingerprints is not None and self.compiled is not None
        others = others_of(plans, static)
        self._building = _Built(self._fingerprints, self.compiled[0], others)
        then = self._built
        if then is None or self.manifest is None or then.environment != self.compiled[0]:
            return plans, None
        changed = affected(self._fingerprints, then.fingerprints)
        if changed is None:  # other standings: the same, if they read the same (lastbuild.py)
            changed = between(self._fingerprints, then.fingerprints)
        if changed is None:
            return plans, None
        self._asked = set()
        parts = [
            self._only(part, changed)
            if isinstance(part, Made) and part.kind in PER_COMPARISON
            else part
            for part in plans.parts
        ]
        self._positions = {k: v for k, v in self._positions.items() if k in self._asked}
        return PlanList(parts), Carried(self.manifest, then.others)

    def _only(self, part: Made, changed: set[Comparison]) -> Made:
        """The part with only the `changed` subjects, in order, found by where each stands,
        kept while a part's subjects are the very same sequence (a site of dynamic pairs
        makes a new one on each load: there they are found again each save)."""
        key = id(part.subjects)
        self._asked.add(key)
        known = self._positions.get(key)
        if known is None or known[0] is not part.subjects:
            known = self._positions[key] = (
                part.subjects,
                {s: n for n, s in enumerate(part.subjects)},
            )
        where = known[1]
        return part.only(
            [part.subjects[n] for n in sorted(where[c] for c in changed if c in where)]
        )

    def built(self, manifest: Manifest) -> None:
        self.manifest, self._built = manifest, self._building
