"""The build, as a recipe: load, check, plan, render, then swap in a new tree or (a few
changed pages of an intact output) move them in through a journal. Nothing is written until
every file is read and checked and every page planned; a template error keeps the old site.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from nicepick import cardplans, facts, sitedates
from nicepick.config import SiteConfig
from nicepick.errors import Problem, Problems, SiteError
from nicepick.journal import JournalOutput
from nicepick.load import load_catalog
from nicepick.lookalikes import lookalikes
from nicepick.manifest import Manifest
from nicepick.markup import MarkdownRenderer
from nicepick.models import Catalog
from nicepick.outputguard import check_output
from nicepick.parallel import Aside, Done, Parallel
from nicepick.planlist import PlanList
from nicepick.regular import read_regular
from nicepick.render import render_all
from nicepick.reuse import Earlier, Reuse, kept
from nicepick.sitefiles import require_site
from nicepick.siteplan import SitePlan, plan_site
from nicepick.techniques import beyond_the_scale
from nicepick.theme import Assets, make_environment
from nicepick.themedirs import template_dirs
from nicepick.themefiles import check_templates, published_static, static_collisions, static_hits
from nicepick.words import load_words
from nicepick.writer import BuildReport, Output, StagedOutput


@dataclass(frozen=True)
class CheckedSite:
    """A site that passed every check: its catalog, its pages and its static files (by their
    published names), the theme's words and the published names of its assets."""

    config: SiteConfig
    catalog: Catalog
    planned: SitePlan
    static: dict[str, Path]
    words: SimpleNamespace
    assets: Assets

    @property
    def plans(self) -> PlanList:
        return self.planned.plans


def check_site(
    config: SiteConfig, reuse: Reuse | None = None, workers: Parallel | None = None
) -> CheckedSite:
    """Every check a build makes before writing; raises SiteError listing all problems."""
    require_site(config.source)
    problems = Problems()
    loading, keep = (reuse.loading, reuse.keeper) if reuse is not None else (None, None)
    catalog = load_catalog(config, problems, loading, keep, workers)
    problems.extend(lookalikes(config.source, catalog.techniques.values()))
    problems.extend(facts.conflicts(catalog.techniques.values(), config.facts))
    problems.extend(beyond_the_scale(catalog.techniques.values(), config.popularity))
    check_templates(config, problems)
    theme_words = load_words(config, problems)
    static, assets = published_static(config, problems)
    problems.raise_if_any()
    markdown = kept(
        reuse,
        "markdown",
        lambda: (config.unsafe_html, config.base_path),
        lambda: MarkdownRenderer(config.unsafe_html, config.base_path),
    )
    dated = sitedates.of_site(config, catalog, reuse)
    planned = plan_site(catalog, config, markdown, problems, theme_words, dated, reuse)
    made = kept(  # the pages made per comparison: the same while the standings are
        reuse,
        "made static hits",
        lambda: (planned.derived.standings, config, tuple(static)),
        lambda: static_hits(static, planned.plans.paths(made=True, near=static)),
    )
    problems.extend(static_collisions(static, planned.plans.paths(made=False), made))
    problems.raise_if_any()
    return CheckedSite(config, catalog, planned, static, theme_words, assets)


def build_site(
    config: SiteConfig,
    force: bool = False,
    on_file: Callable[[str, bool], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    in_place: Callable[[Path, Manifest | None], Output] | None = None,
    warnings: Callable[[CheckedSite], set[Problem]] | None = None,
    workers: Parallel | None = None,
    reuse: Reuse | None = None,
) -> BuildReport:
    """Check, render into a staging folder (or, for serve, `in_place`), then swap it in.

    `reuse` (incremental/) makes it incremental: a build whose inputs are unchanged stops
    before reading them, pages whose fingerprints are unchanged are linked from the current
    output instead of rendered; `check` passes none. Pages that render to the same bytes
    keep their old files either way. `warnings` (check.editor_warnings) counts what `check`
    would warn about. `workers` (processes.Workers, from the cli) reads files
    and renders pages in forked processes too; serve passes none: it runs threads.
    """
    started = time.perf_counter()
    earlier = Earlier(None)
    if reuse is not None:
        report = reuse.up_to_date(config, force, workers)
        if report is not None:
            return report
        earlier = reuse.earlier(config)
    site = check_site(config, reuse, workers)
    if workers is not None:
        workers.settle()  # the checked site lives to the end of the build
    # The manifest the up-to-date check read says the output is ours: not read twice (0.9 s
    # of a one-edit build at 100,000 comparisons).
    check_output(config.output, config.source, force, ours=earlier.manifest is not None or None)
    counted = _count_aside(warnings, site, workers)
    try:
        if reuse is not None:
            env = reuse.environment(config, site.words, site.assets)
            identity = reuse.fingerprints(site.planned.derived, site.assets)
        else:
            env, identity = make_environment(config, site.words, site.assets), None
        if workers is not None and config.share_cards and _draws_every_card(config, earlier):
            cardplans.draw_ahead(site.planned.derived, workers)
        plans, carried = site.plans, None
        if reuse is not None:
            plans, carried = reuse.affected(plans, site.static)
        kind = in_place or (JournalOutput if earlier.intact else StagedOutput)  # journal.py
        with kind(config.output, earlier.manifest) as staged:
            roots = template_dirs(config)
            result = render_all(plans, env, roots, staged, workers, progress, identity)
            if result.problem:
                raise SiteError([result.problem])
            staged.manifest.files, staged.manifest.stamps = result.files, result.stamps
            staged.written, staged.unchanged = len(result.written), result.unchanged
            if on_file:
                for path in result.written:
                    on_file(path, True)
            _copy_static(site.static, staged)
            if carried is not None:  # the files of pages left out, as they are
                staged.unchanged += carried.into(staged.manifest)
            staged.commit(earlier.inputs, earlier.theme)
        if reuse is not None:
            reuse.built(staged.manifest)
    except BaseException:
        counted.stop()  # no last line to count for
        raise
    warned = counted.result()
    if warned is None:  # it could not be counted there
        warned = len(warnings(site)) if warnings else 0
    pages = len(site.plans) + len(site.static)
    seconds = time.perf_counter() - started
    return BuildReport(
        pages, staged.written, staged.unchanged, staged.removed, seconds, config.output, warned
    )


def _count_aside(
    warnings: Callable[[CheckedSite], set[Problem]] | None,
    site: CheckedSite,
    workers: Parallel | None,
) -> Aside[int]:
    """How many warnings `check` would give, for the build's last line: counted by a forked
    process while this one renders and commits (1.2 s of a one-edit build at 100,000
    comparisons, where the rest of the build leaves a core idle)."""
    if warnings is None:
        return Done(0)
    if workers is None:
        return Done(len(warnings(site)))
    return workers.aside(lambda: len(warnings(site)))


def _draws_every_card(config: SiteConfig, earlier: Earlier) -> bool:
    """Whether no card of the last build is left to keep: there was none, or its output
    folder was removed by hand (its record beside it stays). Such a build drew each name and
    headline in both processes, 4 s of CPU at 10,000 comparisons, unless drawn ahead."""
    return earlier.manifest is None or not config.output.is_dir()


def _copy_static(static: dict[str, Path], staged: Output) -> None:
    """The static files, kept where their size and time are unchanged."""
    for rel, source in static.items():
        try:
            stat = source.stat()
            fingerprint = f"static-{stat.st_size}-{stat.st_mtime_ns}"
            if not staged.keep(rel, fingerprint):
                staged.write(rel, read_regular(source), fingerprint)
        except OSError as exc:  # checked above: changed while the build ran
            raise SiteError(
                [Problem(f"static/{rel}", 0, 0, f"cannot read the file: {exc.strerror or exc}")]
            ) from exc
