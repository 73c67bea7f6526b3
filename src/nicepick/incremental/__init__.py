"""What only saves time: nothing here changes a byte of the output.

A build handed none of it (`check`) reads every file, plans and renders every page and
writes them all; the result is the same site (tests/test_golden.py builds each golden site
both ways). `build --clean` is handed an `Incremental` that reuses nothing and only records.
The core never imports this package: the cli hands a build an `Incremental`, serve a
`Session` (session.py), through the seam the core declares in reuse.py.

- `uptodate`, `signature`: a build whose inputs are unchanged stops before reading them.
- `shows`, `fingerprints`: what each kind of page shows, and its digest; a page whose digest
  is unchanged keeps its file.
- `kept` (load side): checked comparisons kept on disk between builds.
- `session`: what serve keeps in memory between rebuilds; `affected`: which comparisons'
  pages a save can have changed.

Imported by every `nicepick build`, even one with nothing to do: it stays light (no Jinja,
no Markdown, no YAML parsing until a build goes ahead).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from nicepick.config import SiteConfig
from nicepick.incremental.signature import input_signature, theme_hash
from nicepick.incremental.uptodate import Assessment, assess
from nicepick.manifest import Manifest, content_of, file_record
from nicepick.parallel import Parallel
from nicepick.reuse import Carried, Earlier, Keeper
from nicepick.writer import BuildReport

if TYPE_CHECKING:
    from nicepick.derived import Derived
    from nicepick.incremental.fingerprints import Fingerprints
    from nicepick.incremental.kept import OnDisk
    from nicepick.incremental.lastbuild import Summary
    from nicepick.pages import Plan
    from nicepick.planlist import PlanList
    from nicepick.theme import Assets, Environment


def earlier_output(
    config: SiteConfig, manifest: Manifest | None, inputs: str, intact: bool = False
) -> Earlier:
    """The last build's output, its pages' fingerprints forgotten if a template changed:
    fingerprints see what a page shows, not the template that shows it."""
    theme = theme_hash(config)
    if manifest is not None and manifest.theme != theme:
        manifest.files = {
            path: file_record("", content_of(record)) for path, record in manifest.files.items()
        }
    return Earlier(manifest, inputs, theme, intact and manifest is not None)


class Incremental:
    """A one-off `nicepick build`: stop early when nothing changed, keep the files of pages
    whose fingerprints are unchanged, and keep checked comparisons on disk (load.py).

    `clean` (`build --clean`) uses none of that: every file is read, every template compiled
    and every page rendered. It still records its pages' fingerprints and the signature of its
    inputs, as any build does, so that the build after it is incremental again rather than a
    second full one."""

    loading = None  # a one-off build keeps no parsed files in memory

    def __init__(self, clean: bool = False) -> None:
        self.clean = clean
        self._assessment: Assessment | None = None
        self._earlier: Earlier | None = None
        self._fingerprints: Fingerprints | None = None
        self._summary: Summary | None = None
        self._output = Path()
        self._keeper: OnDisk | None = None
        self._workers: Parallel | None = None

    @property
    def keeper(self) -> Keeper | None:
        if self.clean:
            return None
        if self._keeper is None:
            from nicepick.incremental.kept import OnDisk  # only for a build that goes on

            walked = self._assessment.walked if self._assessment else []
            self._keeper = OnDisk(walked, self._workers)
        return self._keeper

    def up_to_date(
        self, config: SiteConfig, force: bool, workers: Parallel | None
    ) -> BuildReport | None:
        """Asked once: the cli asks before it imports the renderer, the build again."""
        self._workers = workers
        if self.clean:
            return None
        if self._assessment is None:
            self._assessment = assess(config, force, workers)
        return self._assessment.report

    def earlier(self, config: SiteConfig) -> Earlier:
        if self.clean:
            self._earlier = Earlier(None, input_signature(config), theme_hash(config))
        else:
            assessment = self._assessment or assess(config, True)
            previous, inputs, intact = assessment.previous, assessment.inputs, assessment.intact
            self._earlier = earlier_output(config, previous, inputs, intact)
        self._output = config.output
        return self._earlier

    def recall(self, name: str) -> Any:
        return None  # nothing outlives a one-off build but the files it wrote

    def remember(self, name: str, value: object) -> None:
        pass

    def environment(
        self, config: SiteConfig, words: SimpleNamespace, assets: Assets
    ) -> Environment:
        from nicepick import __version__
        from nicepick.cachefolder import cache_folder
        from nicepick.theme import make_environment

        if self.clean:
            return make_environment(config, words, assets)
        compiled = cache_folder() / f"templates-{__version__}"
        try:
            compiled.mkdir(parents=True, exist_ok=True)
        except OSError:  # a cache that cannot be written costs only the compiling
            return make_environment(config, words, assets)
        return make_environment(config, words, assets, compiled)

    def fingerprints(self, derived: Derived, assets: Assets) -> Callable[[Plan], bytes]:
        from nicepick.incremental.fingerprints import Fingerprints

        self._fingerprints = Fingerprints(derived, assets)
        return self._fingerprints.of

    def affected(self, plans: PlanList, static: Iterable[str]) -> tuple[PlanList, Carried | None]:
        """Only the pages an edit can have changed, when the last build left its summary
        (lastbuild.py) and its output as it was; the records of the other pages made per
        comparison are carried over as they are."""
        from nicepick.incremental import lastbuild

        f, earlier = self._fingerprints, self._earlier
        assert f is not None and earlier is not None
        known = {}
        if self._keeper is not None:
            self._keeper.wait()  # the kept files written aside: long done by now
            known = self._keeper.digests()
        own = lastbuild.own_digests(f.d.catalog.comparisons, known)
        # Loading and dating are over: the kept files (every comparison's fields) and the
        # walk's lines need not stay in memory while the pages render, in every worker too.
        self._keeper, known = None, {}
        if self._assessment is not None:
            self._assessment.walked = []
        f.earlier = own  # each page's digest takes them from here, in the workers too
        then = None if self.clean else lastbuild.load(self._output)
        self._summary = now = lastbuild.summary_of(f, own, plans, list(static), then)
        manifest = earlier.manifest
        if self.clean or manifest is None or not earlier.intact or manifest.theme != earlier.theme:
            return plans, None
        found = None if then is None else lastbuild.changed(f, now, then)
        if then is None or found is None:
            return plans, None
        return lastbuild.only(plans, found), Carried(manifest, then.others)

    def built(self, manifest: Manifest) -> None:
        if self._summary is not None:
            from nicepick.incremental import lastbuild

            lastbuild.save(self._output, self._summary)
